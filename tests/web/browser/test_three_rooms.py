"""Three browser windows -- the mediator, the United States, Iran -- negotiating live: words
travel only as the mediator carries them, appear without a reload, and the Iran window
cannot reach the US room by any URL."""

from __future__ import annotations

import re
from pathlib import Path

import httpx
from playwright.sync_api import Browser, expect

from tests.web.browser.people import Window, open_window
from tests.web.pages.rooms import stream_text
from tests.web.running import Server

MEDIATOR, US_HEAD, IRAN_HEAD = "Oman (mediator)", "US head of delegation", "Iran head of delegation"
US_WORDS = "We can pause the strikes if commercial shipping is spared."
PARAPHRASE = "The Americans would hold back if ships are left alone."


def test_three_rooms_negotiate_live(browser: Browser, server: Server, artifacts: Path) -> None:
    talk = server.open_talk()
    mediator = open_window(browser, server, talk, MEDIATOR)
    us = open_window(browser, server, talk, US_HEAD)
    iran = open_window(browser, server, talk, IRAN_HEAD)
    for window in (mediator, us, iran):
        expect(window.page).to_have_url(re.compile(f"/talks/{talk}$"))
        window.live()
    expect(us.page.locator("#say")).to_contain_text("Default for this talk: mediator-only")

    # The US delegate speaks, may-convey; the console shows it at once.
    us.page.fill("#say-text", US_WORDS)
    us.page.check("#say-h-may-convey")
    us.page.click("#say button[type=submit]")
    expect(us.page.locator("#conversation")).to_contain_text(US_WORDS)
    us_room = mediator.page.locator("#room-0")
    expect(us_room).to_contain_text(US_WORDS)
    us.shot(artifacts, "1-said")
    mediator.shot(artifacts, "1-said")

    # The mediator carries a paraphrase to Iran; the Iran window shows it without reload.
    statement = us_room.locator("li", has_text=US_WORDS)
    statement.locator("select[name=to]").select_option("Iran")
    statement.locator("input[value=paraphrase]").check()
    statement.locator("textarea[name=text]").fill(PARAPHRASE)
    statement.locator("button", has_text="Carry").click()
    expect(iran.page.locator("#conversation")).to_contain_text(PARAPHRASE)
    expect(iran.page.locator("#conversation")).to_contain_text("paraphrased by the mediator")
    expect(us.page.locator("#conversation")).to_contain_text("as a paraphrase")
    assert US_WORDS not in iran.page.content()
    iran.shot(artifacts, "2-carried")

    cannot_reach_the_us_room(iran, server, talk)

    # A draft circulates; both delegates answer in their windows; the matrix fills.
    for i, option in enumerate(DRAFT):
        mediator.page.select_option(f"#draft-term-{i}", option)
    mediator.page.click("#draft button[value=draft]")
    for window, verdict in ((us, "accept"), (iran, "reject")):
        region = window.page.locator("#draft-region")
        expect(region).to_contain_text("Version 1")
        expect(region).to_contain_text("Only the mediator sees your answer")
        window.page.check(f"#answer-{verdict}")
        window.page.fill("#answer-comment", f"Answer of {window.name}")
        window.page.click("#answer button[type=submit]")
        # The region re-reads itself when the answer is in the record.
        expect(region).to_contain_text(f"Your party {verdict}ed version 1")
    matrix = mediator.page.locator("#matrix-region")
    expect(matrix).to_contain_text("accepts")
    expect(matrix).to_contain_text("rejects")
    expect(matrix).to_contain_text(f"Answer of {IRAN_HEAD}")
    assert f"Answer of {US_HEAD}" not in iran.page.content()
    for window in (mediator, us, iran):
        window.shot(artifacts, "3-answered")
        assert not window.problems, f"{window.name}: {window.problems}"
        window.context.close()


def cannot_reach_the_us_room(iran: Window, server: Server, talk: str) -> None:
    """Every URL the Iran window could try answers 404 or shows Iran's room alone."""
    request = iran.context.request
    statement = next(
        e["seq"]
        for e in request.get(f"{server.url}/api/talks/{talk}").json()["events"]
        if e["kind"] == "conveyed"
    )
    us_statement = statement - 1  # the US words it came from (Iran's view names no source)
    csrf = request.get(f"{server.url}/api/session").json()["csrf"]
    for path in (
        f"/talks/{talk}",
        f"/talks/{talk}/",
        f"/talks/{talk}?room=United%20States",
        f"/talks/{talk}/parts/draft",
        f"/talks/{talk}/parts/carried",
        f"/talks/{talk}/parts/matrix",
        f"/talks/{talk}/parts/advice",
        "/talks/United%20States",
        f"/api/talks/{talk}",
        f"/api/talks/{talk}?after=0",
        f"/api/talks/{talk}/advice",
    ):
        answer = request.get(f"{server.url}{path}", max_redirects=0)
        assert answer.status in (200, 307, 404, 409), (path, answer.status)
        assert US_WORDS not in answer.text(), path
    for path in (f"/statements/{us_statement}/release", f"/statements/{us_statement}/carry"):
        answer = request.post(
            f"{server.url}/talks/{talk}{path}",
            form={"csrf": csrf, "handling": "mediator-only", "to": "Iran", "mode": "verbatim"},
        )
        assert answer.status == 404 and US_WORDS not in answer.text(), path
    cookies = {c["name"]: c["value"] for c in iran.context.cookies()}
    with httpx.Client(base_url=server.url, cookies=cookies) as client:
        seen = stream_text(client, f"/talks/{talk}/stream?after=0")
    assert PARAPHRASE in seen and US_WORDS not in seen


DRAFT = [
    "paused",
    "commercial shipping spared",
    "tacit mutual restraint",
    "current levels",
    "humanitarian funds released",
    "as needed",
]
