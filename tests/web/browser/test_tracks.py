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
