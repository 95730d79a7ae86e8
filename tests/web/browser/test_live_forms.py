"""Live updates that meet forms, in three browser windows: a release redraws the console's
carry form; what a delegate is typing survives an incident and a new draft; the joint room
opens for everyone when both parties consent; an offer is carried word for word and
accepted."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Browser, expect

from tests.web.browser.people import Window, open_window
from tests.web.browser.test_three_rooms import DRAFT, IRAN_HEAD, MEDIATOR, US_HEAD
from tests.web.running import Server

HELD = "We could lift the naval escort, but not yet."
COMMENT = "Acceptable if the sequencing holds; we will say more in the room."
INCIDENT = "A tanker was struck off Fujairah."
JOINT_WORDS = "We are ready to hear each other directly."


def test_live_updates_keep_forms_right_and_typing_intact(
    browser: Browser, server: Server, artifacts: Path
) -> None:
    talk = server.open_talk()
    mediator = open_window(browser, server, talk, MEDIATOR)
    us = open_window(browser, server, talk, US_HEAD)
    iran = open_window(browser, server, talk, IRAN_HEAD)
    for window in (mediator, us, iran):
        window.live()

    carry_form_follows_a_release(mediator, us, artifacts)
    typing_survives_live_updates(mediator, us, artifacts)
    the_joint_room_opens(mediator, us, iran, artifacts)
    an_offer_is_carried_and_accepted(mediator, us, iran, artifacts)
    for window in (mediator, us, iran):
        assert not window.problems, f"{window.name}: {window.problems}"
        window.context.close()


def carry_form_follows_a_release(mediator: Window, us: Window, artifacts: Path) -> None:
    us.page.fill("#say-text", HELD)  # the talk's default: mediator-only
    us.page.click("#say button[type=submit]")
    item = mediator.page.locator("#room-0 li", has_text=HELD)
    expect(item).to_contain_text("Not for carrying")
    seq = (item.get_attribute("id") or "").removeprefix("room-item-")
    us.page.select_option(f"#release-h-{seq}", "may-convey")
    us.page.click(f"#release-{seq} button[type=submit]")
    # Relaxing cannot be taken back once carried: the room asks first, in place of the form.
    expect(us.page.locator(f"#release-{seq}")).to_contain_text("Once it has been carried")
    us.page.click(f"#release-{seq} button[type=submit]")
    # The console redraws the statement's handling and its carry form, without a reload.
    expect(item.locator(f"#handling-{seq}")).to_have_text("may-convey")
    expect(item.locator("button", has_text="Carry")).to_be_visible()
    expect(item).not_to_contain_text("Not for carrying")
    mediator.shot(artifacts, "4-released")


def typing_survives_live_updates(mediator: Window, us: Window, artifacts: Path) -> None:
    for i, option in enumerate(DRAFT):
        mediator.page.select_option(f"#draft-term-{i}", option)
    mediator.page.click("#draft button[value=draft]")
    region = us.page.locator("#draft-region")
    expect(region).to_contain_text("Version 1")
    us.page.check("#answer-accept")
    us.page.fill("#answer-comment", COMMENT)  # half-written, the caret still in it
    mark_drawn(us)

    mediator.page.fill("#incident-text", INCIDENT)
    mediator.page.click("#incident button[type=submit]")
    expect(us.page.locator("#negotiation-log")).to_contain_text(INCIDENT)
    redrawn(us)  # the incident made the draft's region re-read itself...
    expect(us.page.locator("#answer-comment")).to_have_value(COMMENT)  # ...keeping the typing
    expect(us.page.locator("#answer-accept")).to_be_checked()
    assert us.page.evaluate("document.activeElement.id") == "answer-comment"
    expect(us.page.locator("#answer .review")).to_have_count(0)  # the same version: no alarm

    mediator.page.select_option("#draft-term-0", "halted, with Iran restraining aligned groups")
    mediator.page.click("#draft button[value=draft]")
    expect(region).to_contain_text("Version 2 of the single text")
    expect(us.page.locator("#answer-comment")).to_have_value(COMMENT)
    expect(us.page.locator("#answer .review")).to_have_text(
        "The text changed while you were writing: review before sending."
    )
    us.shot(artifacts, "5-typing-kept")
    us.page.click("#answer button[type=submit]")
    expect(region).to_contain_text("Your party accepted version 2")
    expect(mediator.page.locator("#matrix-region")).to_contain_text(COMMENT)


def mark_drawn(window: Window) -> None:
    window.page.evaluate("document.getElementById('answer').setAttribute('data-drawn', 'before')")


def redrawn(window: Window) -> None:
    expect(window.page.locator("#answer")).to_be_attached()
    expect(window.page.locator("#answer[data-drawn]")).to_have_count(0)


def the_joint_room_opens(mediator: Window, us: Window, iran: Window, artifacts: Path) -> None:
    expect(us.page.locator("#joint-region")).to_contain_text("reads everything said there")
    us.page.click("#consent button[type=submit]")
    # The question replaces the form (the form's own words say "cannot be withdrawn" too:
    # wait for the question itself, or the second click may land on the form again).
    expect(us.page.locator("#consent.confirm")).to_contain_text("Consent to the joint room?")
    us.page.click("#consent.confirm button[type=submit]")  # "Yes, consent"
    expect(us.page.locator("#joint-region")).to_contain_text("Your party consented")
    expect(mediator.page.locator("#joint-status")).to_contain_text("Consented: United States")
    expect(iran.page.locator("#joint-region")).not_to_contain_text("Your party consented")
    iran.page.click("#consent button[type=submit]")
    iran.page.click("#consent.confirm button[type=submit]")
    for window in (us, iran):
        expect(window.page.locator("#joint-region")).to_contain_text("The joint room is open")
    expect(mediator.page.locator("#room-joint-title")).to_have_text("Joint room")
    iran.page.fill("#say-joint-text", JOINT_WORDS)
    iran.page.click("#say-joint button[type=submit]")
    expect(us.page.locator("#joint-conversation")).to_contain_text(JOINT_WORDS)
    expect(mediator.page.locator("#room-joint")).to_contain_text(JOINT_WORDS)
    mediator.page.fill("#say-room-2 textarea", "Welcome to you both.")
    mediator.page.click("#say-room-2 button[type=submit]")
    expect(iran.page.locator("#joint-conversation")).to_contain_text("Welcome to you both.")
    us.shot(artifacts, "6-joint")
    mediator.shot(artifacts, "6-joint")


def an_offer_is_carried_and_accepted(
    mediator: Window, us: Window, iran: Window, artifacts: Path
) -> None:
    for i, option in enumerate(DRAFT):
        us.page.select_option(f"#offer-term-{i}", option)
    us.page.check("#offer-h-verbatim-only")
    us.page.click("#offer button[type=submit]")
    expect(us.page.locator("#conversation")).to_contain_text("offers:")
    item = mediator.page.locator("#room-0 li.kind-offered")
    expect(item).to_contain_text("verbatim-only")
    expect(item.locator("input[value=verbatim]")).to_be_checked()
    item.locator("button", has_text="Carry").click()
    carried = iran.page.locator("#conversation li", has_text="brings an offer")
    expect(carried).to_contain_text("word for word")
    carried.locator("button", has_text="Accept this offer").click()
    expect(carried).to_contain_text("Your party accepted this offer")
    expect(mediator.page.locator("#room-1")).to_contain_text(re.compile(r"accepts\s+this offer"))
    for window in (mediator, us, iran):
        expect(window.page.locator("#agreement-region")).to_contain_text("The agreed text")
    iran.shot(artifacts, "7-offer")
    mediator.shot(artifacts, "7-offer")
