"""Cross-access: every route of the app, called by Iran's delegate with the ids of the United
States' room -- its talk from outside, its statements', answer's and profile's seqs, its party
name as a room, its delegate's name -- answers 404 (or, where a route acts on the caller's own
room, a refusal), and no response carries anything that belongs to the US room.

The routes are read from `create_app(...).routes`, so a new route is covered as soon as it
exists, and the test fails until it is classified below.
"""

from __future__ import annotations

import contextlib
import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.routing import iter_route_contexts

from shuttle.service import TalkService
from shuttle.store import open_store
from shuttle.talks import Handling
from shuttle.web.app import create_app
from tests.web.api.muscat import (
    AGENDA,
    DETAINEES,
    IRAN,
    IRAN_HEAD,
    MEDIATOR,
    SANCTIONS,
    TERMS,
    US,
    US_DEPUTY,
    US_HEAD,
    Operator,
)
from tests.web.auth.conftest import address
from tests.web.running import Server

PUBLIC = {
    "/api/health",
    "/openapi.json",
    "/docs",
    "/docs/oauth2-redirect",
    "/docs-assets",
    "/static",
    "/check",
    "/api/check",
}
"""Routes that show nothing of any talk (the check answers only about the document sent)."""

SIGN_IN = {
    "/api/me",
    "/api/session",
    "/api/talks",
    "/invite/{token}",
    "/invite/{token}/password",
    "/invite/{token}/keep",
    "/invite/{token}/account",
    "/login",
    "/logout",
    "/",
    "/talks/new",
    "/api/processes",
    "/api/processes/{process}",
    "/processes",
}
"""Routes about the caller itself."""

TALK = {
    # The API
    "/api/talks/{talk}",
    "/api/talks/{talk}/advice",
    "/api/talks/{talk}/proof",
    "/api/talks/{talk}/events",
    "/api/talks/{talk}/statements",
    "/api/talks/{talk}/conveyances",
    "/api/talks/{talk}/carry-across",
    "/api/talks/{talk}/guard",
    "/talks/{talk}/statements/{seq}/carry-across",
    "/api/talks/{talk}/releases",
    "/api/talks/{talk}/notes",
    "/api/talks/{talk}/consent",
    "/api/talks/{talk}/agenda",
    "/api/talks/{talk}/drafts",
    "/api/talks/{talk}/answers",
    "/api/talks/{talk}/proposals",
    "/api/talks/{talk}/proposal-answers",
    "/api/talks/{talk}/bids",
    "/api/talks/{talk}/bid-bounds",
    "/api/talks/{talk}/profile",
    "/api/talks/{talk}/incidents",
    "/api/talks/{talk}/offers",
    "/api/talks/{talk}/offer-answers",
    "/api/talks/{talk}/signatures",
    "/api/talks/{talk}/close",
    "/api/talks/{talk}/participants",
    "/api/talks/{talk}/participants/{name}",
    "/api/talks/{talk}/invites",
    "/api/talks/{talk}/export",
    # The pages
    "/talks/{talk}",
    "/talks/{talk}/parts/{part}",
    "/talks/{talk}/stream",
    "/talks/{talk}/say",
    "/talks/{talk}/statements/{seq}/release",
    "/talks/{talk}/statements/{seq}/carry",
    "/talks/{talk}/offer",
    "/talks/{talk}/offers/{seq}/answer",
    "/talks/{talk}/consent",
    "/talks/{talk}/agenda",
    "/talks/{talk}/answer",
    "/talks/{talk}/proposals/{number}/answer",
    "/talks/{talk}/bids/{number}/bound",
    "/talks/{talk}/profile",
    "/talks/{talk}/sign",
    "/talks/{talk}/note",
    "/talks/{talk}/draft",
    "/talks/{talk}/bids",
    "/talks/{talk}/incident",
    "/talks/{talk}/close",
    "/talks/{talk}/people",
    "/talks/{talk}/people/add",
    "/talks/{talk}/people/link",
    "/talks/{talk}/people/remove",
    "/talks/{talk}/export.pdf",
    "/talks/{talk}/export.json",
    "/talks/{talk}/agreement.pdf",
    "/talks/{talk}/agreement.json",
    "/talks/{talk}/agreement",
}
"""Routes that read or act on one talk: {talk} and the other ids in their paths and bodies
name the US room's things."""

# What the US room holds. Plain words and long numbers, so that no escaping hides them and no
# timestamp spells them by chance.
US_WORDS = {
    "mediator-only": "Washington will accept a pause of ninety days",
    "may-convey": "Washington privately doubts the Red Sea plan",
    "verbatim-only": "Washington keeps the carrier group in place",
}
MEDIATOR_TO_US = "Oman tells Washington that Tehran is wavering"
NOTE = "Oman notes the American red line on sanctions"
COMMENT = "Washington rejects this draft because of sanctions"
US_RESERVATION = 0.73194251
US_WEIGHTS = [7.13821946, 3.71935284, 1.93847165]
US_BOUND = 5.37194275
SECRETS = [
    *US_WORDS.values(),
    MEDIATOR_TO_US,
    NOTE,
    COMMENT,
    str(US_RESERVATION),
    *map(str, US_WEIGHTS),
    str(US_BOUND),
    US_HEAD,
    US_DEPUTY,
]


@dataclass
class Planted:
    """Talk `talk` with a populated US room; `seqs` of the US room's events; Iran's delegate
    of this talk (`insiders`) and of another talk (`outsiders`), as program and browser."""

    talk: str
    seqs: dict[str, int]
    offer: int
    insiders: list[httpx.Client]
    outsiders: list[httpx.Client]
    us: httpx.Client
    mediator: httpx.Client
    server: Server
    calls: list[str] = field(default_factory=list)


def app_routes(tmp_path: Path) -> list[tuple[str, list[str]]]:
    """Every route of the app as (path, methods), included routers flattened (a mount, such
    as /static, as GET)."""
    store = open_store(f"sqlite:///{tmp_path / 'routes.db'}")
    try:
        routes = create_app(TalkService(store)).routes
    finally:
        store.dispose()
    found = []
    for route in iter_route_contexts(routes):
        assert route.path is not None, f"a route without a path: {route!r}"
        methods = sorted((route.methods or {"GET"}) - {"HEAD", "OPTIONS"})
        found.append((route.path, methods))
    return found


@pytest.fixture(scope="module")
def planted(server: Server) -> Iterator[Planted]:
    operator = Operator(server)
    talk = operator.open_talk(Handling.MEDIATOR_ONLY)
    us, deputy, mediator = (operator.bearer(talk, n) for n in (US_HEAD, US_DEPUTY, MEDIATOR))

    def act(client: httpx.Client, what: str, body: dict[str, Any]) -> dict[str, Any]:
        answer = client.post(f"/api/talks/{talk}/{what}", json=body)
        assert answer.status_code == 201, answer.text
        event: dict[str, Any] = answer.json()["events"][0]
        return event

    seqs = {}
    for handling, words in US_WORDS.items():
        speaker = deputy if handling == "verbatim-only" else us
        seqs[handling] = act(speaker, "statements", {"text": words, "handling": handling})["seq"]
    seqs["mediator"] = act(mediator, "statements", {"text": MEDIATOR_TO_US, "room": US})["seq"]
    seqs["note"] = act(mediator, "notes", {"text": NOTE})["seq"]
    act(mediator, "drafts", {"terms": TERMS})
    prefer = {SANCTIONS: "tightened"}
    seqs["answer"] = act(us, "answers", {"accept": False, "prefer": prefer, "comment": COMMENT})[
        "seq"
    ]
    seqs["profile"] = act(us, "profile", us_profile())["seq"]
    act(mediator, "bids", {"issue": DETAINEES, "high": US, "low": IRAN})
    seqs["bound"] = act(us, "bid-bounds", {"bound": US_BOUND})["seq"]
    seqs["consent"] = act(us, "consent", {})["seq"]
    offer = act(us, "offers", {"terms": TERMS})["seq"]
    elsewhere = operator.open_talk()
    clients = [us, deputy, mediator]
    planted = Planted(
        talk,
        seqs,
        offer,
        insiders=[operator.bearer(talk, IRAN_HEAD), operator.browser(talk, IRAN_HEAD)],
        outsiders=[operator.bearer(elsewhere, IRAN_HEAD), operator.browser(elsewhere, IRAN_HEAD)],
        us=us,
        mediator=mediator,
        server=server,
    )
    yield planted
    for client in [*clients, *planted.insiders, *planted.outsiders]:
        client.close()
    operator.close()


def us_profile() -> dict[str, Any]:
    return {
        "weights": {issue: w for (issue, _), w in zip(AGENDA, US_WEIGHTS, strict=True)},
        "values": {
            issue: {o: round(0.11 + 0.2 * i, 2) for i, o in enumerate(options)}
            for issue, options in AGENDA
        },
        "reservation": US_RESERVATION,
        "share": False,
    }


def test_every_route_is_classified(tmp_path: Path) -> None:
    unclassified = [p for p, _ in app_routes(tmp_path) if p not in PUBLIC | SIGN_IN | TALK]
    assert not unclassified, f"classify these routes in {__name__}: {unclassified}"


def test_every_route_keeps_the_us_room_from_iran(planted: Planted, tmp_path: Path) -> None:
    for path, methods in app_routes(tmp_path):
        for method in methods:
            if path in TALK:
                talk_route(planted, method, path)
            elif path in SIGN_IN:
                sign_in_route(planted, method, path)
            else:
                public_route(planted, method, path)
    # Every route of the app was called, in every way above.
    called = {c.split(" ", 1)[1] for c in planted.calls}
    assert called >= {p for p, _ in app_routes(tmp_path)}


def talk_route(planted: Planted, method: str, path: str) -> None:
    for outsider in planted.outsiders:
        # Iran's delegate of another talk: the US talk is as absent as one that does not exist.
        for probe in probes(planted, path):
            answer = call(planted, outsider, method, path, probe)
            assert answer.status_code == 404, f"{method} {probe.url}: {answer.status_code}"
    for insider in planted.insiders:
        for probe in probes(planted, path):
            answer = call(planted, insider, method, path, probe)
            if probe.names is None:
                continue
            # A US thing named by its seq is answered exactly as a seq that does not exist.
            ghost = call(planted, insider, method, path, probe.naming(GHOST))
            seen = unnamed(answer.text, probe.names, GHOST)
            missing = unnamed(ghost.text, probe.names, GHOST)
            assert (answer.status_code, seen) == (ghost.status_code, missing), (
                f"{method} {probe.url} {probe.body} tells a US seq from a missing one:\n"
                + "\n".join(difflib.unified_diff(seen.splitlines(), missing.splitlines()))
            )
            if path.endswith(("/releases", "/offer-answers", "/release", "/offers/{seq}/answer")):
                assert answer.status_code == 404, f"{method} {probe.url} {probe.body}"


GHOST = 987_654
"""A seq that no talk here reaches."""


def unnamed(text: str, *seqs: int) -> str:
    """`text` with each of `seqs` written as N (in both answers alike, whatever else the
    number spells there)."""
    for seq in seqs:
        text = re.sub(rf"\b{seq}\b", "N", text)
    return text


def sign_in_route(planted: Planted, method: str, path: str) -> None:
    stranger = httpx.Client(base_url=planted.server.url, headers=address(), timeout=10)
    for client in (*planted.insiders, *planted.outsiders, stranger):
        if path == "/logout" and client is not stranger:
            continue  # logging Iran out would end the session the other calls use
        url = path.replace("{token}", US_HEAD)
        body = {"user": US_HEAD, "password": "a guess at the password"}
        answer = call(planted, client, method, path, Probe(url, body if method == "POST" else None))
        if path == "/invite/{token}":
            assert answer.status_code == 404
        if path == "/api/talks" and method == "GET" and client is not stranger:
            # One's cases are one's own: the US talk is listed to Iran's delegates of it alone.
            listed = [case["talk"] for case in answer.json()]
            assert (planted.talk in listed) == (client in planted.insiders), listed


def public_route(planted: Planted, method: str, path: str) -> None:
    for client in planted.insiders:
        call(planted, client, method, path, Probe(path, None))


@dataclass(frozen=True)
class Probe:
    """One request: a URL, a body (JSON for the API, a form for pages), and the US seq it
    names, if any."""

    url: str
    body: dict[str, Any] | None
    names: int | None = None

    def naming(self, seq: int) -> Probe:
        assert self.names is not None
        url = re.sub(rf"/{self.names}/", f"/{seq}/", self.url)
        body = self.body
        if body is not None:
            body = {
                k: seq if v == self.names and k in ("statement", "via") else v
                for k, v in body.items()
            }
        return Probe(url, body, seq)


def probes(planted: Planted, path: str) -> list[Probe]:
    """The requests that point `path` at the US room's things."""
    us_seqs = [*planted.seqs.values(), planted.offer]
    url = path.replace("{talk}", planted.talk).replace("{number}", "1")
    url = url.replace("{name}", US_HEAD)
    if "{part}" in url:  # the console's parts are not a delegate's
        return [Probe(url.replace("{part}", p), FORM) for p in ("advice", "matrix", "draft")]
    if "{seq}" in url:
        return [Probe(url.replace("{seq}", str(s)), FORM, s) for s in us_seqs]
    if not path.startswith("/api/"):
        return [Probe(url, FORM)]
    found = []
    for body in BODIES.get(path.rsplit("/", 1)[1], [None]):
        key = next((k for k in ("statement", "via") if body and k in body), None)
        if body is not None and key is not None:
            found += [Probe(url, {**body, key: s}, s) for s in us_seqs]
        else:
            found.append(Probe(url, body))
    return found


FORM = {
    "text": "probe",
    "room": US,
    "to": US,
    "handling": "may-convey",
    "mode": "verbatim",
    "accept": "yes",
    "bound": "1",
    "reason": "probe",
    "issues": "probe: a, b",
    "term-0": "probe",
}
"""A form with a value for every field the pages' forms read, naming the US where it can."""

BODIES: dict[str, list[dict[str, Any] | None]] = {
    "statements": [{"text": "probe", "room": US}, {"text": "probe", "room": US_HEAD}],
    "conveyances": [{"statement": 0, "to": IRAN, "mode": "verbatim"}],
    "carry-across": [{"statement": 0, "to_track": "elsewhere", "mode": "verbatim"}],
    "guard": [{"to": IRAN, "text": "probe"}, {"to": US, "text": "probe", "source": 0}],
    "releases": [{"statement": 0, "handling": "may-convey"}],
    "notes": [{"text": "probe"}],
    "consent": [{}],
    "agenda": [{"issues": [{"name": "probe", "options": ["a", "b"]}]}],
    "drafts": [{"terms": TERMS}],
    "answers": [{"accept": True, "version": 1}],
    "proposals": [{"terms": TERMS}],
    "proposal-answers": [{"accept": True, "number": 1}],
    "bids": [{"issue": DETAINEES, "high": US, "low": IRAN}],
    "participants": [{"name": "probe", "role": "delegate", "party": US}],
    "invites": [{"name": US_HEAD}, {"name": "probe"}],
    "bid-bounds": [{"bound": 1e15, "number": 1}],
    "profile": [{"weights": {}, "values": {}, "reservation": 0.5}],
    "incidents": [{"text": "probe", "drop": 0.1}],
    "offers": [{"terms": {"probe": "x"}}],
    "offer-answers": [{"via": 0, "accept": True}],
    "signatures": [{"intent": True}],
    "close": [{}],
}
"""Each API command's body; `statement` and `via` stand for each US seq in turn."""


def call(
    planted: Planted, client: httpx.Client, method: str, path: str, probe: Probe
) -> httpx.Response:
    """Make the request; fail on a server error or on any US secret in the answer (other
    than one the request itself sent)."""
    planted.calls.append(f"{method} {path}")
    answer = send(client, method, probe.url, probe.body, form=not probe.url.startswith("/api/"))
    where = f"{method} {probe.url} {probe.body}"
    assert answer.status_code < 500, f"{where}: {answer.status_code}"
    for secret in SECRETS:
        if secret not in where:
            assert secret not in answer.text, f"{where} shows {secret!r}"
    return answer


def send(
    client: httpx.Client, method: str, url: str, body: dict[str, Any] | None, *, form: bool
) -> httpx.Response:
    if url.endswith(("/events", "/stream")):
        return read_stream(client, url)
    if method == "GET":
        return client.get(url)
    if form:
        data = dict(body or {})
        csrf = client.headers.get("X-CSRF-Token")
        if csrf:
            data["csrf"] = csrf
        return client.request(method, url, data=data)
    return client.request(method, url, json=body)


def read_stream(client: httpx.Client, url: str) -> httpx.Response:
    """What a stream sends within a second and a half: its answer with that much of a body."""
    timeout = httpx.Timeout(10, read=1.5)
    with client.stream("GET", url, timeout=timeout) as response:
        chunks: list[bytes] = []
        with contextlib.suppress(httpx.ReadTimeout):
            for chunk in response.iter_bytes():
                chunks.append(chunk)
        return httpx.Response(
            response.status_code, headers=response.headers, content=b"".join(chunks)
        )


def test_the_us_room_is_really_there(planted: Planted) -> None:
    """The secrets are real: the US delegation and the mediator read them in their views."""
    us = planted.us.get(f"/api/talks/{planted.talk}").text
    mediator = planted.mediator.get(f"/api/talks/{planted.talk}").text
    for secret in SECRETS:
        assert secret in us + mediator, secret
