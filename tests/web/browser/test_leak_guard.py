"""The leak guard in a mediator's browser: a paraphrase that carries a mediator-only date is
stopped with a warning naming the statement and the date; a harmless one goes through; the
mediator sends anyway and its notes keep the warning and the choice. The other room reads the
words and never the warning."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Browser, expect

from tests.web.browser.people import Window, open_window
from tests.web.browser.test_three_rooms import IRAN_HEAD, MEDIATOR, US_HEAD
from tests.web.running import Server

SECRET = "We cannot sign anything after June 30: our parliament sits again on July 1."
OPEN = "We are ready to discuss an exchange of prisoners."
HARMLESS = "They are open to discussing a prisoner exchange."
LEAKING = "They are open to a prisoner exchange, as long as it is all signed by the end of June."


def say(window: Window, text: str, handling: str) -> None:
    window.page.fill("#say-text", text)
    window.page.check(f"#say-h-{handling}")
    window.page.click("#say button[type=submit]")
    expect(window.page.locator("#say")).to_contain_text("Done: event")


def test_a_paraphrase_carrying_a_kept_date_is_warned_of_and_the_override_noted(
    browser: Browser, server: Server, artifacts: Path
) -> None:
    talk = server.open_talk()
    mediator = open_window(browser, server, talk, MEDIATOR)
    us = open_window(browser, server, talk, US_HEAD)
    iran = open_window(browser, server, talk, IRAN_HEAD)
    for window in (mediator, us):
        window.live()
    say(iran, SECRET, "mediator-only")
    say(iran, OPEN, "may-convey")

    item = mediator.page.locator("#room-1 li", has_text=OPEN)
    expect(item.locator("button", has_text="Carry")).to_be_visible()
    seq = (item.get_attribute("id") or "").removeprefix("room-item-")
    carry = mediator.page.locator(f"#carry-{seq}")

    carry.locator("input[value=paraphrase]").check()
    carry.locator("textarea").fill(HARMLESS)
    carry.locator("button[type=submit]").click()
    expect(carry).to_contain_text("Done: event")  # harmless: no question asked
    expect(us.page.locator("#say-region, main").first).to_contain_text(HARMLESS)

    carry.locator("input[value=paraphrase]").check()
    carry.locator("textarea").fill(LEAKING)
    carry.locator("button[type=submit]").click()
    warning = mediator.page.locator(f"#carry-{seq}.two-answers")
    expect(warning).to_contain_text("come close to something the United States room may not have")
    expect(warning).to_contain_text("mediator-only")
    expect(warning.locator("q").first).to_have_text("end of June")
    expect(warning).to_contain_text("June 30")
    mediator.shot(artifacts, "guard-1-warning")
    item.screenshot(path=str(artifacts / "guard-1-warning-close-oman.png"), caret="initial")
    expect(us.page.locator("main")).not_to_contain_text("end of June")  # nothing sent yet

    warning.get_by_role("button", name="Send anyway").click()
    expect(mediator.page.locator(f"#carry-{seq}")).to_contain_text("Done: event")
    expect(us.page.locator("main")).to_contain_text(LEAKING)
    notes = mediator.page.locator("#notes-list")
    mediator.page.reload()
    expect(notes).to_contain_text("Leak guard")
    expect(notes).to_contain_text("sent anyway")
    expect(notes).to_contain_text("end of June")
    mediator.shot(artifacts, "guard-2-noted")
    notes.screenshot(path=str(artifacts / "guard-2-notes-close-oman.png"), caret="initial")

    for party in (us, iran):
        party.page.reload()
        expect(party.page.locator("main")).not_to_contain_text("Leak guard")
        expect(party.page.locator("main")).not_to_contain_text("come close to")
    us.shot(artifacts, "guard-3-us-room")
    for window in (mediator, us, iran):
        assert not window.problems, f"{window.name}: {window.problems}"
        window.context.close()
