"""Retries through the API: a command sent again with its `Idempotency-Key` gets its first
answer and appends nothing; the key reused for another request is refused (422)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest

from shuttle.accounts import Access
from shuttle.service import TalkService
from shuttle.store import open_store
from tests.test_service import MUSCAT
from tests.web.api.muscat import IRAN, Muscat
from tests.web.running import Server, running_server

HEADER = "Idempotency-Key"
SPEECH = {"text": "We could pause the strikes.", "handling": "may-convey"}


def post(
    muscat: Muscat, client: httpx.Client, what: str, body: dict[str, Any], key: str | bytes
) -> httpx.Response:
    value = key.encode() if isinstance(key, str) else key  # bytes: what no str header may hold
    return client.post(muscat.path(what), json=body, headers={HEADER.encode(): value})


def test_a_command_sent_again_with_its_key_is_answered_once(muscat: Muscat) -> None:
    before = muscat.seq()
    first = post(muscat, muscat.us, "statements", SPEECH, "say-1")
    again = post(muscat, muscat.us, "statements", SPEECH, "say-1")
    assert (first.status_code, again.status_code) == (201, 201), again.text
    assert again.json() == first.json()
    assert muscat.seq() == before + 1


def test_the_same_request_reserialised_is_the_same_request(muscat: Muscat) -> None:
    """A restarted client may write its JSON with other spacing or key order."""
    first = post(muscat, muscat.us, "statements", SPEECH, "say-2")
    again = muscat.us.post(
        muscat.path("statements"),
        content=b'{ "handling" : "may-convey",\n  "text" : "We could pause the strikes." }',
        headers={HEADER: "say-2", "content-type": "application/json"},
    )
    assert again.status_code == 201 and again.json() == first.json()


def test_the_key_with_another_body_or_route_is_refused(muscat: Muscat) -> None:
    assert post(muscat, muscat.us, "statements", SPEECH, "k").status_code == 201
    before = muscat.head()
    other_body = {"text": "Our secret deadline is Friday.", "handling": "may-convey"}
    others: list[tuple[str, dict[str, Any]]] = [
        ("statements", other_body),
        ("releases", {"statement": 2, "handling": "verbatim-only"}),
    ]
    for what, body in others:
        refused = post(muscat, muscat.us, what, body, "k")
        assert refused.status_code == 422, refused.text
        problem = refused.json()
        assert problem["error"] == "invalid" and HEADER in problem["message"]
        assert "Friday" not in refused.text  # the body is never echoed
    assert muscat.head() == before


def test_keys_of_two_participants_never_collide(muscat: Muscat) -> None:
    us = post(muscat, muscat.us, "statements", {"text": "From Washington."}, "same")
    iran = post(muscat, muscat.iran, "statements", {"text": "From Tehran."}, "same")
    assert (us.status_code, iran.status_code) == (201, 201), iran.text
    [said] = iran.json()["events"]
    assert (said["text"], said["room"]) == ("From Tehran.", IRAN)
    # Iran's key with the US's request is not the US's key either: decided afresh.
    assert (
        post(muscat, muscat.iran, "statements", {"text": "From Washington."}, "other").status_code
        == 201
    )


def test_a_refused_command_stores_no_key(muscat: Muscat) -> None:
    [said] = muscat.act(muscat.us, "statements", {"text": "Only for Oman."})
    carry = {"statement": said["seq"], "to": IRAN, "mode": "verbatim"}
    assert post(muscat, muscat.mediator, "conveyances", carry, "carry").status_code == 409
    muscat.act(muscat.us, "releases", {"statement": said["seq"], "handling": "may-convey"})
    carried = post(muscat, muscat.mediator, "conveyances", carry, "carry")
    assert carried.status_code == 201, carried.text
    assert carried.json()["events"][0]["kind"] == "conveyed"


def test_a_consent_sent_again_is_answered_not_refused(muscat: Muscat) -> None:
    first = muscat.us.post(muscat.path("consent"), headers={HEADER: "consent"})
    again = muscat.us.post(muscat.path("consent"), headers={HEADER: "consent"})
    assert (first.status_code, again.status_code) == (201, 201), again.text
    assert again.json() == first.json()
    assert muscat.us.post(muscat.path("consent")).status_code == 409  # without the key: refused


def test_requests_racing_with_one_key_append_once(muscat: Muscat) -> None:
    before = muscat.seq()
    with ThreadPoolExecutor(8) as pool:
        answers = list(
            pool.map(lambda _: post(muscat, muscat.us, "statements", SPEECH, "race"), range(8))
        )
    assert {a.status_code for a in answers} == {201}
    assert len({a.text for a in answers}) == 1
    assert muscat.seq() == before + 1


@pytest.mark.parametrize(
    "key",
    ["k" * 201, "two words", "caf\u00e9".encode("latin-1"), ""],
    ids=["long", "space", "latin1", "empty"],
)
def test_a_malformed_key_is_refused_naming_the_header(muscat: Muscat, key: str | bytes) -> None:
    before = muscat.head()
    refused = post(muscat, muscat.us, "statements", SPEECH, key)
    assert refused.status_code == 422, refused.text
    assert refused.json()["error"] == "invalid" and HEADER in refused.json()["message"]
    assert muscat.head() == before


def test_every_command_route_documents_the_header(api_server: Server) -> None:
    paths = httpx.get(f"{api_server.url}/openapi.json").json()["paths"]
    # Every route that records a command; a new invite link records nothing (and a retry's
    # second link simply replaces the first), and the leak guard only checks words.
    commands = {
        f"{method} {p}": ops[method]
        for p, ops in paths.items()
        for method in ("post", "delete")
        if method in ops and "{talk}" in p and not p.endswith(("/invites", "/guard"))
    }
    assert len(commands) == 21
    for path, operation in commands.items():
        headers = [p["name"] for p in operation["parameters"] if p["in"] == "header"]
        assert headers == [HEADER], path
    readings = [ops["get"] for ops in paths.values() if "get" in ops]
    assert all(HEADER not in str(op.get("parameters")) for op in readings)


def test_a_key_survives_a_server_restart(database_url: str, tmp_path: Path) -> None:
    store = open_store(database_url)
    try:
        talk = TalkService(store).open_talk(MUSCAT).talk
        token = Access(store.engine).bearer(talk, "US Envoy")
    finally:
        store.dispose()
    auth = {"Authorization": f"Bearer {token}", HEADER: "before-the-restart"}
    answers = []
    for _ in range(2):
        with running_server(database_url, tmp_path) as server:
            url = f"{server.url}/api/talks/{talk}"
            answers.append(httpx.post(f"{url}/statements", json=SPEECH, headers=auth, timeout=30))
            head = httpx.get(url, headers={"Authorization": f"Bearer {token}"}, timeout=30)
    assert [a.status_code for a in answers] == [201, 201]
    assert answers[1].json() == answers[0].json()
    assert head.json()["head"] == answers[0].json()["head"]  # nothing appended after it
