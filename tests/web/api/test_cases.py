"""A mediator's whole case through the JSON API alone: an account opens a talk, lists its
cases, makes links, brings people in and out, and the talk runs to a signed agreement.

Nothing here is done on the server's command line except making the mediator's account, once.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.web.api.muscat import Operator
from tests.web.auth.conftest import address

PASSWORD = "a mediator's passphrase"
AGENDA = [
    {"name": "Shipping", "options": ["attacks continue", "spared", "halted"]},
    {"name": "Sanctions", "options": ["tightened", "unchanged", "eased"]},
]
TERMS = {"Shipping": "halted", "Sanctions": "eased"}


def signed_in(operator: Operator, name: str) -> httpx.Client:
    """A client holding `name`'s account session and sending its CSRF token."""
    if not operator.access.has_user(name):
        operator.access.add_user(name, PASSWORD)
    client = httpx.Client(base_url=operator.server.url, headers=address(), timeout=30)
    answer = client.post("/login", data={"user": name, "password": PASSWORD})
    assert answer.status_code == 303, answer.text
    client.headers["X-CSRF-Token"] = client.get("/api/session").json()["csrf"]
    return client


def entered(operator: Operator, url: str) -> httpx.Client:
    """A client that pressed an invite link's button."""
    client = httpx.Client(base_url=operator.server.url, headers=address(), timeout=30)
    assert client.get(url.removeprefix(operator.server.url)).status_code == 200
    assert client.post(url.removeprefix(operator.server.url)).status_code == 303
    client.headers["X-CSRF-Token"] = client.get("/api/session").json()["csrf"]
    return client


def ok(answer: httpx.Response, status: int = 201) -> Any:
    assert answer.status_code == status, answer.text
    return answer.json()


@pytest.fixture
def salalah(operator: Operator) -> Iterator[httpx.Client]:
    mediator = signed_in(operator, "Salalah Mediator")
    yield mediator
    mediator.close()


def opening(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "title": "Salalah round",
        "parties": ["Ithaca", "Sparta"],
        "delegates": [{"name": "Ithaca Lead", "party": "Ithaca"}],
        "agenda": AGENDA,
    }
    return body | changes


def test_a_whole_case_through_the_api(operator: Operator, salalah: httpx.Client) -> None:
    talk = ok(salalah.post("/api/talks", json=opening()))["talk"]
    [case] = [c for c in ok(salalah.get("/api/talks"), 200) if c["talk"] == talk]
    assert (case["title"], case["role"], case["status"]) == ("Salalah round", "mediator", "open")
    assert case["awaits"] == {"uncarried": 0, "answered": 0, "to_answer": 0, "unsigned": []}

    # People: a delegate for Sparta added late, a co-mediator; links for each delegate.
    ok(
        salalah.post(
            f"/api/talks/{talk}/participants",
            json={"name": "Sparta Lead", "role": "delegate", "party": "Sparta"},
        )
    )
    ok(
        salalah.post(
            f"/api/talks/{talk}/participants", json={"name": "Co Mediator", "role": "mediator"}
        )
    )
    ithaca_link = ok(salalah.post(f"/api/talks/{talk}/invites", json={"name": "Ithaca Lead"}))
    assert ithaca_link["kind"] == "invite" and "/invite/" in ithaca_link["url"]
    lost = ok(salalah.post(f"/api/talks/{talk}/invites", json={"name": "Sparta Lead"}))
    sparta_link = ok(salalah.post(f"/api/talks/{talk}/invites", json={"name": "Sparta Lead"}))
    co_link = ok(salalah.post(f"/api/talks/{talk}/invites", json={"name": "Co Mediator"}))
    assert co_link["kind"] == "password"  # no account yet: the link makes one
    assert httpx.post(lost["url"], headers=address()).status_code == 404  # replaced
    ithaca, sparta = entered(operator, ithaca_link["url"]), entered(operator, sparta_link["url"])

    said = ok(
        ithaca.post(
            f"/api/talks/{talk}/statements",
            json={"text": "We want calm seas.", "handling": "may-convey"},
        )
    )
    [case] = [c for c in ok(salalah.get("/api/talks"), 200) if c["talk"] == talk]
    assert case["awaits"]["uncarried"] == 1
    ok(
        salalah.post(
            f"/api/talks/{talk}/conveyances",
            json={"statement": said["events"][0]["seq"], "to": "Sparta", "mode": "verbatim"},
        )
    )
    ok(salalah.post(f"/api/talks/{talk}/drafts", json={"terms": TERMS}))
    ok(ithaca.post(f"/api/talks/{talk}/answers", json={"accept": True}))
    [case] = [c for c in ok(salalah.get("/api/talks"), 200) if c["talk"] == talk]
    assert (case["awaits"]["answered"], case["awaits"]["to_answer"]) == (1, 2)
    ok(sparta.post(f"/api/talks/{talk}/answers", json={"accept": True}))
    for delegate in (ithaca, sparta):
        ok(delegate.post(f"/api/talks/{talk}/signatures", json={"intent": True}))
    [case] = [c for c in ok(salalah.get("/api/talks"), 200) if c["talk"] == talk]
    assert case["status"] == "signed" and not case["awaits"]["unsigned"]
    # A delegate's listing holds its own talk alone.
    [own] = ok(ithaca.get("/api/talks"), 200)
    assert (own["talk"], own["role"], own["status"]) == (talk, "delegate", "signed")


def test_removing_a_participant_ends_its_sessions_and_the_record_says_so(
    operator: Operator, salalah: httpx.Client
) -> None:
    talk = ok(salalah.post("/api/talks", json=opening()))["talk"]
    link = ok(salalah.post(f"/api/talks/{talk}/invites", json={"name": "Ithaca Lead"}))
    ithaca = entered(operator, link["url"])
    bearer = operator.access.bearer(talk, "Ithaca Lead")
    assert ithaca.get(f"/api/talks/{talk}").status_code == 200
    outcome = ok(salalah.delete(f"/api/talks/{talk}/participants/Ithaca Lead"), 200)
    [left] = outcome["events"]
    assert (left["kind"], left["name"], left["by"]) == ("left", "Ithaca Lead", "Salalah Mediator")
    assert ithaca.get(f"/api/talks/{talk}").status_code == 401
    as_program = httpx.get(
        f"{operator.server.url}/api/talks/{talk}", headers={"Authorization": f"Bearer {bearer}"}
    )
    assert as_program.status_code == 401
    # Its link can be made no more; the name stays taken.
    refused = salalah.post(f"/api/talks/{talk}/invites", json={"name": "Ithaca Lead"})
    assert refused.status_code == 409 and "has left" in refused.json()["message"]
    again = salalah.post(
        f"/api/talks/{talk}/participants",
        json={"name": "Ithaca Lead", "role": "delegate", "party": "Ithaca"},
    )
    assert again.status_code == 409


def test_errors_name_the_field_and_record_nothing(
    operator: Operator, salalah: httpx.Client
) -> None:
    before = ok(salalah.get("/api/talks"), 200)
    for body, field in [
        (opening(delegates=[{"name": "X", "party": "Atlantis"}]), "delegates"),
        (opening(agenda=[{"name": "Shipping", "options": ["only one"]}]), "agenda"),
        (opening(parties=["Ithaca", "Ithaca"]), "parties"),
    ]:
        answer = salalah.post("/api/talks", json=body)
        assert answer.status_code == 422, answer.text
        assert answer.json()["field"] == field, answer.json()
    assert ok(salalah.get("/api/talks"), 200) == before


def test_people_routes_are_for_the_talks_mediators_alone(
    operator: Operator, salalah: httpx.Client
) -> None:
    talk = ok(salalah.post("/api/talks", json=opening()))["talk"]
    ithaca = entered(
        operator,
        ok(salalah.post(f"/api/talks/{talk}/invites", json={"name": "Ithaca Lead"}))["url"],
    )
    stranger = signed_in(operator, "Another Mediator")
    for client in (ithaca, stranger):
        for method, path, body in [
            ("POST", f"/api/talks/{talk}/invites", {"name": "Ithaca Lead"}),
            ("POST", f"/api/talks/{talk}/participants", {"name": "Z", "role": "mediator"}),
            ("DELETE", f"/api/talks/{talk}/participants/Salalah Mediator", None),
        ]:
            answer = client.request(method, path, json=body)
            expected = 409 if client is ithaca and method == "DELETE" else 404
            assert answer.status_code == expected, (method, path, answer.text)
    # A delegate may not open a talk.
    assert ithaca.post("/api/talks", json=opening()).status_code == 409
    assert [c["talk"] for c in ok(stranger.get("/api/talks"), 200)] == []
