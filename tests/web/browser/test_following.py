"""Pages that follow the talk, in browser windows, with Persian and Arabic names: each
conversation opens at its newest item and follows new ones, unless its reader scrolled up --
then a "New messages ↓" marker offers the way down; the sender's own words appear at once,
once; and when the talk is agreed, signed or closed, a banner at the top says so and the
forms the rules refuse go away. Screenshots go to test-artifacts/browser."""

from __future__ import annotations

from pathlib import Path

import httpx
from playwright.sync_api import Browser, Locator, expect

from tests.web.browser.people import Window, open_window
from tests.web.pages.test_direction import (
    ARABS,
    IRAN,
    IRAN_HEAD,
    ISSUES,
    MEDIATOR,
    TITLE,
    US_HEAD,
)
from tests.web.running import Server

EARLIER = [f"نکته شماره {n}: ما هنوز در حال بررسی پیشنهاد هستیم." for n in range(1, 13)]
FOLLOWED = "پیام تازه از میانجی: جلسه فردا ادامه دارد."
WHILE_UP = "رسالة جديدة أثناء القراءة: هل لديكم رد؟"
OWN = "پاسخ ما فردا آماده است."
AFTER_OWN = "شكراً، سننتظر."


def open_talk(server: Server) -> str:
    talk = server.open_talk(
        "--title", TITLE, "--party", IRAN, "--party", ARABS, "--mediator", MEDIATOR,
        "--delegate", f"{IRAN}={IRAN_HEAD}", "--delegate", f"{ARABS}={US_HEAD}",
    )  # fmt: skip
    agenda = "\n".join(f"{issue}: {', '.join(options)}" for issue, options in ISSUES.items())
    post(server.browser_session(talk, MEDIATOR), talk, "/agenda", {"issues": agenda})
    return talk


def post(who: httpx.Client, talk: str, path: str, data: dict[str, str]) -> None:
    fields = {"csrf": who.headers["X-CSRF-Token"], **data}
    answer = who.post(f"/talks/{talk}{path}", data=fields)
    assert answer.status_code == 303, answer.text[-2000:]


def gap(box: Locator) -> float:
    """How far the box is from showing its newest item (0 at the bottom)."""
    value: float = box.evaluate("el => el.scrollHeight - el.scrollTop - el.clientHeight")
    return value


def at_bottom(box: Locator) -> bool:
    return gap(box) <= 32


def test_conversations_follow_the_talk_and_finished_talks_say_so(
    browser: Browser, server: Server, artifacts: Path
) -> None:
    talk = open_talk(server)
    iran_session = server.browser_session(talk, IRAN_HEAD)
    for words in EARLIER:  # more than the box shows at once
        post(iran_session, talk, "/say", {"text": words})
    mediator = open_window(browser, server, talk, MEDIATOR)
    iran = open_window(browser, server, talk, IRAN_HEAD)
    arabs = open_window(browser, server, talk, US_HEAD)
    for window in (mediator, iran, arabs):
        window.live()

    opens_at_the_newest_and_follows(mediator, iran, artifacts)
    scrolled_up_shows_the_marker(mediator, iran, artifacts)
    own_words_appear_at_once_and_once(mediator, iran)
    agreed_then_signed(mediator, iran, arabs, artifacts)
    for window in (mediator, iran, arabs):
        assert not window.problems, f"{window.name}: {window.problems}"
        window.context.close()


def opens_at_the_newest_and_follows(mediator: Window, iran: Window, artifacts: Path) -> None:
    box = iran.page.locator("#conversation")
    expect(box).to_contain_text(EARLIER[-1])
    assert box.evaluate("el => el.scrollHeight > el.clientHeight")  # it does scroll
    assert at_bottom(box)
    console = mediator.page.locator("#room-0")
    assert at_bottom(console)

    mediator.page.fill("#say-room-text-0", FOLLOWED)
    mediator.page.click("#say-room-0 button[type=submit]")
    expect(box).to_contain_text(FOLLOWED)
    expect(box.locator("li").last).to_be_in_viewport()
    assert at_bottom(box)
    expect(marker(iran, "conversation")).to_be_hidden()
    expect(iran.page.locator("#conversation-news")).to_contain_text(FOLLOWED)
    iran.page.locator("#conversation-title").scroll_into_view_if_needed()
    shot(iran, artifacts, "8-followed")


def scrolled_up_shows_the_marker(mediator: Window, iran: Window, artifacts: Path) -> None:
    box = iran.page.locator("#conversation")
    box.evaluate("el => { el.scrollTop = 0; }")
    iran.page.wait_for_timeout(300)  # the scroll event says the reader left the bottom
    mediator.page.fill("#say-room-text-0", WHILE_UP)
    mediator.page.click("#say-room-0 button[type=submit]")
    expect(box).to_contain_text(WHILE_UP)
    down = marker(iran, "conversation")
    expect(down).to_be_visible()
    expect(down).to_have_text("New messages ↓")
    assert box.evaluate("el => el.scrollTop") == 0  # the reader stays where it reads
    expect(iran.page.locator("#conversation-news")).to_contain_text(WHILE_UP)
    iran.page.locator("#conversation-title").scroll_into_view_if_needed()
    shot(iran, artifacts, "9-marker")
    box_shot = str(artifacts / "9-marker-box.png")
    box.locator("xpath=..").screenshot(path=box_shot, caret="initial")

    down.click()
    expect(down).to_be_hidden()
    iran.page.wait_for_timeout(100)
    assert at_bottom(box)


def own_words_appear_at_once_and_once(mediator: Window, iran: Window) -> None:
    iran.page.fill("#say-text", OWN)
    iran.page.click("#say button[type=submit]")
    own = iran.page.locator("#conversation li", has_text=OWN)
    expect(own).to_have_count(1)
    expect(iran.page.locator("#say-text")).to_have_value("")  # the form is cleared
    # The stream sends events in order: once the mediator's next words are on the page, the
    # stream's copy of OWN has come too, and was not added again.
    mediator.page.fill("#say-room-text-0", AFTER_OWN)
    mediator.page.click("#say-room-0 button[type=submit]")
    expect(iran.page.locator("#conversation")).to_contain_text(AFTER_OWN)
    expect(own).to_have_count(1)
    column = mediator.page.locator("#room-0")
    expect(column.locator("li", has_text=AFTER_OWN)).to_have_count(1)
    expect(mediator.page.locator("#record li", has_text=AFTER_OWN)).to_have_count(1)


def agreed_then_signed(mediator: Window, iran: Window, arabs: Window, artifacts: Path) -> None:
    for i, options in enumerate(ISSUES.values()):
        mediator.page.select_option(f"#draft-term-{i}", options[0])
    mediator.page.click("#draft button[value=draft]")
    for window in (iran, arabs):
        region = window.page.locator("#draft-region")
        expect(region).to_contain_text("Version 1")
        window.page.check("#answer-accept")
        window.page.click("#answer button[type=submit]")
    waiting = f"waiting for signatures from {IRAN} and {ARABS}"
    for window in (mediator, iran, arabs):
        banner = window.page.locator("#talk-status")
        expect(banner).to_contain_text("Agreement reached on version 1 of the single text")
        expect(banner).to_contain_text(waiting)
    # What the rules refuse after an agreement went away without a reload; talking stays.
    expect(iran.page.locator("#profile-slot")).to_contain_text("Profiles no longer change")
    expect(iran.page.locator("form#profile")).to_have_count(0)
    expect(iran.page.locator("form#offer")).to_have_count(0)
    expect(mediator.page.locator("form#incident")).to_have_count(0)
    expect(mediator.page.locator("form#close")).to_have_count(0)
    expect(iran.page.locator("form#say")).to_have_count(1)
    iran.page.locator("h1").scroll_into_view_if_needed()
    shot(iran, artifacts, "10-agreed")
    shot(mediator, artifacts, "10-agreed")

    iran.page.check("#sign-intent")  # the statement of intent, confirmed
    iran.page.click("#sign button[type=submit]")
    expect(arabs.page.locator("#talk-status")).to_contain_text(
        f"waiting for signatures from {ARABS}"
    )
    arabs.page.check("#sign-intent")
    arabs.page.click("#sign button[type=submit]")
    for window in (mediator, iran, arabs):
        expect(window.page.locator("#talk-status")).to_contain_text("Signed by every party.")
    shot(arabs, artifacts, "11-signed")


def test_closing_asks_first_and_the_closed_talk_says_so(
    browser: Browser, server: Server, artifacts: Path
) -> None:
    talk = open_talk(server)
    mediator = open_window(browser, server, talk, MEDIATOR)
    iran = open_window(browser, server, talk, IRAN_HEAD)
    for window in (mediator, iran):
        window.live()
    close = mediator.page.locator("#close")
    mediator.page.fill("#close-reason", "لا توجد منطقة اتفاق")
    mediator.page.click("#close button[type=submit]")
    expect(close).to_contain_text("Closing ends the talk for everyone")
    expect(close).to_contain_text("لا توجد منطقة اتفاق")
    close.scroll_into_view_if_needed()
    shot(mediator, artifacts, "12-close-question")
    close.locator("a", has_text="Go back").click()  # the form again, as it was
    expect(mediator.page.locator("#close-reason")).to_have_value("لا توجد منطقة اتفاق")
    expect(iran.page.locator("#talk-status")).not_to_contain_text("closed")

    mediator.page.click("#close button[type=submit]")
    mediator.page.click("#close.confirm button[type=submit]")
    for window in (mediator, iran):
        banner = window.page.locator("#talk-status")
        expect(banner).to_contain_text("This talk is closed.")
        expect(banner).to_contain_text(f"{MEDIATOR} closed it without agreement")
        expect(window.page.locator("main form")).to_have_count(0)
    iran.page.locator("h1").scroll_into_view_if_needed()
    shot(iran, artifacts, "13-closed")
    shot(mediator, artifacts, "13-closed")
    for window in (mediator, iran):
        assert not window.problems, f"{window.name}: {window.problems}"
        window.context.close()


def shot(window: Window, artifacts: Path, step: str) -> None:
    """A whole-page screenshot, named by role (the people here have Persian and Arabic names)."""
    role = ROLES[window.name]
    path = artifacts / f"{step}-{role}.png"
    window.page.screenshot(path=str(path), full_page=True, caret="initial")


ROLES = {MEDIATOR: "mediator", IRAN_HEAD: "iran", US_HEAD: "other-party"}


def marker(window: Window, list_id: str) -> Locator:
    return window.page.locator(f"#{list_id} ~ .new-below")
