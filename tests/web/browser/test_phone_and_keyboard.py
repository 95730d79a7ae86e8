"""The pages on a phone (no horizontal scrolling at 390 px) and with a keyboard alone."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Browser, expect

from tests.web.browser.people import open_window
from tests.web.running import Server

PHONE = {"width": 390, "height": 844}


def test_room_and_console_fit_a_phone(browser: Browser, server: Server, artifacts: Path) -> None:
    talk = server.open_talk()
    for name in ("US head of delegation", "Oman (mediator)"):
        window = open_window(browser, server, talk, name, viewport=PHONE)
        expect(window.page.locator("h1")).to_be_visible()
        width = window.page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"{name}: the page is {width} px wide"
        window.shot(artifacts, "phone")
        assert not window.problems, window.problems
        window.context.close()


def test_a_statement_can_be_said_with_the_keyboard_alone(
    browser: Browser, server: Server, artifacts: Path
) -> None:
    talk = server.open_talk()
    window = open_window(browser, server, talk, "Iran head of delegation")
    page = window.page
    window.live()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to main content"
    for _ in range(60):  # Tab through the page to the text box, as a keyboard user would
        if page.evaluate("document.activeElement.id") == "say-text":
            break
        page.keyboard.press("Tab")
    else:
        raise AssertionError("the text box cannot be reached with Tab")
    page.keyboard.type("Said without a mouse.")
    page.keyboard.press("Tab")  # into the handling choices: the talk's default is checked
    assert page.evaluate("document.activeElement.value") == "mediator-only"
    page.keyboard.press("ArrowDown")  # the next choice
    assert page.evaluate("document.activeElement.value") == "verbatim-only"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Say it"
    page.keyboard.press("Enter")
    expect(page.locator("#conversation")).to_contain_text("Said without a mouse.")
    expect(page.locator("#conversation")).to_contain_text("verbatim-only")
    window.shot(artifacts, "keyboard")
    assert not window.problems, window.problems
    window.context.close()
