"""Two tracks of one process in a mediator's browser: the console shows both side by side, and
a statement is carried from one into the other through the carry form; the other track's
delegate reads where the words came from."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Browser, expect

from shuttle.talks import Delegate, Handling, OpenTalk, Say
from shuttle.tracks import open_process, open_track
from tests.web.browser.people import open_window
from tests.web.running import Server

CONVENER, PASSWORD = "Browser Convener", "a convener's passphrase"
WORDS = "We could open the northern crossing at night."


def test_carry_into_another_track_from_the_console(
    browser: Browser, server: Server, artifacts: Path
) -> None:
    service, access = server.operator
    access.add_user(CONVENER, PASSWORD)
    process = open_process(service, "Spring round", CONVENER).process
    main = open_track(service, OpenTalk(
        "Main round", ("North", "South"), (CONVENER,),
        (Delegate("North lead", "North"), Delegate("South lead", "South")), process=process,
    )).talk  # fmt: skip
    side = open_track(service, OpenTalk(
        "Side consultation", ("North", "East"), (CONVENER,),
        (Delegate("North lead", "North"), Delegate("East lead", "East")), process=process,
    )).talk  # fmt: skip
    seq = service.execute(main, Say("North lead", WORDS, handling=Handling.MAY_CONVEY)).first_seq

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.goto(f"{server.url}/")
    page.fill("#login-user", CONVENER)
    page.fill("#login-password", PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text("Track of Spring round").first).to_be_visible()
    page.goto(f"{server.url}/talks/{main}")
    tracks = page.locator("section.tracks")
    expect(tracks).to_contain_text("Main round (this track)")
    expect(tracks).to_contain_text("Side consultation")

    across = page.locator(f"#carry-across-{seq}")
    across.locator("summary").click()
    across.locator("select").select_option(f"{side}|East")
    across.locator("input[value=paraphrase]").check()
    across.locator("textarea").fill("They could open a crossing at night.")
    page.locator(f"#room-item-{seq}").screenshot(
        path=str(artifacts / "tracks-1-carry-form.png"), caret="initial"
    )
    across.get_by_role("button", name="Carry into the track").click()
    expect(page.locator(f"#carry-slot-{seq}")).to_contain_text("Done: carried as event")
    tracks.screenshot(path=str(artifacts / "tracks-2-side-by-side.png"), caret="initial")

    east = open_window(browser, server, side, "East lead")
    expect(east.page.locator("main")).to_contain_text(
        "brings words from the track Main round, where North said them"
    )
    expect(east.page.locator("main")).to_contain_text("They could open a crossing at night.")
    east.shot(artifacts, "tracks-3-east-room")
    assert not problems and not east.problems, (problems, east.problems)
    context.close()
    east.context.close()


def test_a_delegate_keeps_both_tracks_in_one_account_and_carries_across(
    browser: Browser, server: Server, artifacts: Path
) -> None:
    service, _ = server.operator
    process = open_process(service, "Autumn round").process
    main = open_track(service, OpenTalk(
        "Autumn main round", ("North", "South"), ("Autumn Convener",),
        (Delegate("North lead", "North"), Delegate("South lead", "South")), process=process,
    )).talk  # fmt: skip
    side = open_track(service, OpenTalk(
        "Autumn consultation", ("North", "East"), ("Autumn Convener",),
        (Delegate("North lead", "North"), Delegate("East lead", "East")), process=process,
    )).talk  # fmt: skip
    seq = service.execute(main, Say("North lead", WORDS, handling=Handling.MAY_CONVEY)).first_seq

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.goto(server.invite(main, "North lead"))
    page.get_by_role("button", name="Enter the talk as North lead").click()
    expect(page.locator("main")).to_contain_text(WORDS)

    page.goto(server.invite(side, "North lead"))
    page.get_by_text("Keep them in one account").click()
    page.fill("#account-name", "North lead's own")
    page.fill("#account-password", PASSWORD)
    page.fill("#account-password-again", PASSWORD)
    page.locator("section").screenshot(
        path=str(artifacts / "tracks-4-keep-in-account.png"), caret="initial"
    )
    page.get_by_role("button", name="Make my account and enter").click()
    expect(page).to_have_url(f"{server.url}/talks/{side}")

    page.goto(f"{server.url}/")
    listed = page.locator("table.cases")
    expect(listed).to_contain_text("Autumn main round")
    expect(listed).to_contain_text("Autumn consultation")
    expect(page.get_by_text("North lead, delegate of North")).to_have_count(2)
    page.screenshot(path=str(artifacts / "tracks-5-delegate-home.png"), full_page=True)

    page.get_by_role("link", name="Autumn main round").click()
    across = page.locator(f"#carry-across-{seq}")
    across.locator("summary").click()
    across.locator("select").select_option(f"{side}|North")
    across.get_by_role("button", name="Carry into the track").click()
    expect(page.locator(f"#release-slot-{seq}")).to_contain_text("Done: carried as event")
    page.locator(f"#said-{seq}").screenshot(
        path=str(artifacts / "tracks-6-delegate-carried.png"), caret="initial"
    )
    convened = service.view(side, "Autumn Convener")
    assert any(getattr(e, "text", None) == WORDS for e in convened.events)
    assert not problems, problems
    context.close()
