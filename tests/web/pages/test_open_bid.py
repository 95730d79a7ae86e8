"""The console offers a blind bid only on the agenda's numeric issues: a bid settles a number."""

from __future__ import annotations

import re

from tests.web.pages.rooms import MEDIATOR
from tests.web.running import Server


def bid_issues(page: str) -> list[str]:
    """The issues the console's open-bid form offers."""
    select = page.split('id="open-bid-issue"', 1)[1].split("</select>", 1)[0]
    return re.findall(r'<option (?:dir="auto" )?value="([^"]*)"', select)


def test_only_numeric_issues_can_be_bid_on(server: Server) -> None:
    people = ("--mediator", "M", "--delegate", "A=a", "--delegate", "B=b")
    talk = server.open_talk("--title", "Prices", "--party", "A", "--party", "B", *people)
    issues = [
        {"name": "Term", "options": ["short", "long"]},
        {"name": "Price", "options": ["100", "200", "300"]},
    ]
    set_agenda = server.bearer(talk, "M").post(f"/api/talks/{talk}/agenda", json={"issues": issues})
    assert set_agenda.status_code == 201, set_agenda.text
    console = server.browser_session(talk, "M").get(f"/talks/{talk}").text
    assert bid_issues(console) == ["Price"]


def test_an_agenda_of_words_alone_says_why_no_bid_can_be_opened(server: Server) -> None:
    talk = server.open_talk()  # Muscat 2024: every issue's options are words
    console = server.browser_session(talk, MEDIATOR).get(f"/talks/{talk}").text
    assert 'id="open-bid"' not in console
    assert "No issue on the agenda is a number" in console
