"""Three people in one Muscat talk, each holding a browser session: the mediator, the US head
of delegation and Iran's. Helpers post the pages' forms as a browser would."""

from __future__ import annotations

import re
from dataclasses import dataclass

import httpx

from tests.web.running import Server

US, IRAN = "United States", "Iran"
MEDIATOR = "Oman (mediator)"
US_HEAD, IRAN_HEAD = "US head of delegation", "Iran head of delegation"


@dataclass
class Rooms:
    talk: str
    mediator: httpx.Client
    us: httpx.Client
    iran: httpx.Client

    def page(self, who: httpx.Client) -> str:
        answer = who.get(f"/talks/{self.talk}")
        assert answer.status_code == 200, answer.text
        return answer.text

    def post(
        self, who: httpx.Client, path: str, data: dict[str, str], htmx: bool = False
    ) -> httpx.Response:
        """Submit a page's form: the CSRF field as the page renders it, and HTMX's header
        when `htmx`."""
        headers = {"HX-Request": "true"} if htmx else {}
        fields = {"csrf": who.headers["X-CSRF-Token"], **data}
        return who.post(f"/talks/{self.talk}{path}", data=fields, headers=headers)


def open_rooms(server: Server) -> Rooms:
    talk = server.open_talk()
    return Rooms(
        talk,
        server.browser_session(talk, MEDIATOR),
        server.browser_session(talk, US_HEAD),
        server.browser_session(talk, IRAN_HEAD),
    )


def cookie_only(server: Server, who: httpx.Client) -> httpx.Client:
    """The same session without its CSRF token: what a forged cross-site form would send."""
    return httpx.Client(base_url=server.url, cookies=who.cookies, timeout=30)


def said_seq(rooms: Rooms, who: httpx.Client, text: str) -> int:
    """The seq of the statement `text`, read from `who`'s view through the API."""
    events = who.get(f"/api/talks/{rooms.talk}").json()["events"]
    return next(int(e["seq"]) for e in events if e["kind"] == "said" and e["text"] == text)


def stream_text(who: httpx.Client, path: str, limit: int = 40_000) -> str:
    """What the page stream sends first (the whole view after `after`), read until it has
    gone quiet for a moment."""
    received = ""
    try:
        with who.stream("GET", path, timeout=httpx.Timeout(5.0, read=1.5)) as answer:
            assert answer.status_code == 200
            for chunk in answer.iter_text():
                received += chunk
                if len(received) > limit:
                    break
    except httpx.ReadTimeout:
        pass
    return received


def unisolated(page: str) -> str:
    """A page without the <bdi> elements that isolate each name for direction: its sentences
    as a person reads them."""
    return re.sub(r'</?bdi(?: class="reader")?>', "", page)


def reads(*names: str) -> str:
    """How a page names readers: each isolated for direction."""
    return " and ".join(f'<bdi class="reader">{name}</bdi>' for name in names)


US_DEPUTY = "US deputy head of delegation"
US_READERS = f"your delegation (you and {reads(US_DEPUTY)}) and {reads(MEDIATOR)}"
"""Who reads the US room, as the US head of delegation's page says it."""
