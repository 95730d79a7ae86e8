"""A Muscat talk on a running server, and its three participants as HTTP clients.

The operator's work (opening a talk, issuing tokens and invites) is done in this process on the
server's own database, with the same `TalkService` and `Access` the `shuttle` command uses:
each `shuttle` run costs a second of interpreter start, and these tests open many talks. Every
participant then acts only over HTTP, as a program (bearer token) or a browser (session cookie
and CSRF header) would.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import httpx

from shuttle.accounts import Access
from shuttle.service import TalkService
from shuttle.store import EventStore, open_store
from shuttle.talks import Delegate, Handling, OpenTalk
from tests.web.running import Server

US = "United States"
IRAN = "Iran"
MEDIATOR = "Oman (mediator)"
US_HEAD = "US head of delegation"
US_DEPUTY = "US deputy head of delegation"
IRAN_HEAD = "Iran head of delegation"
IRAN_DEPUTY = "Iran deputy head of delegation"

SHIPPING = "Red Sea shipping"
SANCTIONS = "Sanctions enforcement"
DETAINEES = "Detainees released"  # numeric: the blind bids' issue
AGENDA: tuple[tuple[str, tuple[str, ...]], ...] = (
    (SHIPPING, ("attacks continue", "commercial shipping spared", "all attacks halted")),
    (SANCTIONS, ("tightened", "unchanged", "humanitarian funds released")),
    (DETAINEES, ("0", "4", "8", "12")),
)


class Operator:
    """What an operator does with the `shuttle` command, done in-process on `server.db`."""

    def __init__(self, server: Server) -> None:
        self.server = server
        self.store: EventStore = open_store(server.db)
        self.service = TalkService(self.store)
        self.access = Access(self.store.engine)

    def open_talk(
        self, handling: Handling = Handling.MEDIATOR_ONLY, mediator: str = MEDIATOR
    ) -> str:
        command = OpenTalk(
            title="Muscat (test)",
            parties=(US, IRAN),
            mediators=(mediator,),
            delegates=(
                Delegate(US_HEAD, US),
                Delegate(US_DEPUTY, US),
                Delegate(IRAN_HEAD, IRAN),
                Delegate(IRAN_DEPUTY, IRAN),
            ),
            default_handling=handling,
            agenda=AGENDA,
        )
        return self.service.open_talk(command).talk

    def bearer(self, talk: str, name: str) -> httpx.Client:
        token = self.access.bearer(talk, name)
        return httpx.Client(
            base_url=self.server.url, headers={"Authorization": f"Bearer {token}"}, timeout=30
        )

    def browser(self, talk: str, name: str) -> httpx.Client:
        """A client that opened `name`'s invite link: it holds the session cookie and sends
        the session's CSRF token on every request, as the pages' scripts do."""
        client = httpx.Client(base_url=self.server.url, timeout=30)
        opened = client.post(f"/invite/{self.access.invite(talk, name)}")
        assert opened.status_code == 303, opened.text
        client.headers["X-CSRF-Token"] = client.get("/api/session").json()["csrf"]
        return client

    def muscat(
        self, handling: Handling = Handling.MEDIATOR_ONLY, *, browsers: bool = False
    ) -> Muscat:
        """A fresh talk and its two heads of delegation and mediator, signed in."""
        talk = self.open_talk(handling)
        join = self.browser if browsers else self.bearer
        return Muscat(
            talk, join(talk, US_HEAD), join(talk, IRAN_HEAD), join(talk, MEDIATOR), self.server
        )

    def close(self) -> None:
        self.store.dispose()


@dataclass
class Muscat:
    """A talk and its participants: `us` and `iran` (heads of delegation) and `mediator`."""

    talk: str
    us: httpx.Client
    iran: httpx.Client
    mediator: httpx.Client
    server: Server
    clients: list[httpx.Client] = field(default_factory=list)

    def path(self, what: str = "") -> str:
        return f"/api/talks/{self.talk}" + (f"/{what}" if what else "")

    def act(self, client: httpx.Client, what: str, body: dict[str, Any] | None = None) -> Any:
        """POST a command that must succeed; its new events as the caller sees them."""
        answer = client.post(self.path(what), json=body if body is not None else {})
        assert answer.status_code == 201, f"{what}: {answer.status_code} {answer.text}"
        outcome = answer.json()
        assert outcome["talk"] == self.talk
        return outcome["events"]

    def refused(
        self, client: httpx.Client, what: str, body: dict[str, Any], status: int = 409
    ) -> dict[str, Any]:
        """POST a command that must be refused with `status` and leave the record unchanged."""
        before = self.head()
        answer = client.post(self.path(what), json=body)
        assert answer.status_code == status, f"{what}: {answer.status_code} {answer.text}"
        assert self.head() == before, f"{what} was refused but the record changed"
        refusal: dict[str, Any] = answer.json()
        return refusal

    def view(self, client: httpx.Client, after: int = 0) -> list[dict[str, Any]]:
        answer = client.get(self.path(), params={"after": after})
        assert answer.status_code == 200, answer.text
        events: list[dict[str, Any]] = answer.json()["events"]
        return events

    def head(self) -> str:
        answer = self.mediator.get(self.path(), params={"after": 2**31})
        assert answer.status_code == 200, answer.text
        head: str = answer.json()["head"]
        return head

    def seq(self) -> int:
        return int(self.head().split(":")[0])

    def close(self) -> None:
        for client in (self.us, self.iran, self.mediator, *self.clients):
            client.close()


def kinds(events: list[dict[str, Any]]) -> list[str]:
    return [e["kind"] for e in events]


TERMS = {SHIPPING: "commercial shipping spared", SANCTIONS: "unchanged", DETAINEES: "4"}
"""A complete package over the test agenda."""


def untimed(events: list[dict[str, Any]]) -> str:
    """The events as JSON text without their timestamps, for checking that a number appears
    nowhere (a timestamp's digits could spell it by chance)."""
    return json.dumps([{k: v for k, v in e.items() if k != "at"} for e in events])
