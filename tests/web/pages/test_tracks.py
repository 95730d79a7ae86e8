"""A process's tracks on the pages: a mediator's account sees the tracks of the process it
mediates side by side; a delegate's session shows nothing of another track, even one that
names a participant like it (a name is no identity across tracks); words carried across appear
in the target room with where they came from."""

from __future__ import annotations

from shuttle.talks import Delegate, Handling, Mode, OpenTalk, Say
from shuttle.tracks import carry_across, open_process, open_track
from tests.web.pages.rooms import unisolated
from tests.web.pages.test_opening import signed_in
from tests.web.running import Server


def test_tracks_side_by_side_for_the_mediator_and_nothing_across_for_a_name(
    server: Server,
) -> None:
    service = server.operator[0]
    process = open_process(service, "Spring round").process
    main = open_track(service, OpenTalk(
        "Main round", ("North", "South"), ("Track Convener",),
        (Delegate("North head", "North"), Delegate("South head", "South")), process=process,
    )).talk  # fmt: skip
    side = open_track(service, OpenTalk(
        "Side consultation", ("North", "East"), ("Track Convener",),
        (Delegate("North head", "North"), Delegate("East head", "East")), process=process,
    )).talk  # fmt: skip
    said = service.execute(
        main, Say("North head", "We could open the crossing.", handling=Handling.MAY_CONVEY)
    )
    carry_across(service, main, "North head", said.first_seq, side, "North head", None,
                 Mode.VERBATIM)  # fmt: skip

    convener = signed_in(server, "Track Convener")
    page = unisolated(convener.get(f"/talks/{main}").text)
    assert "Tracks of Spring round" in page
    assert "Main round</strong> (this track)" in page and f'href="/talks/{side}"' in page
    assert "carried statement #" in page and "Side consultation" in page
    home = unisolated(convener.get("/").text)
    assert home.count("Track of Spring round") == 2

    # The North head's link opens the main round alone: the side track, which names a
    # participant "North head" too, is not shown (its mediator could name anyone so).
    north = unisolated(server.browser_session(main, "North head").get(f"/talks/{main}").text)
    assert "Tracks of" not in north and f'href="/talks/{side}"' not in north
    assert "Side consultation" in north  # where its own words went, from its own record

    east = unisolated(server.browser_session(side, "East head").get(f"/talks/{side}").text)
    assert "Tracks of" not in east and "We could open the crossing." not in east

    convened = unisolated(convener.get(f"/talks/{side}").text)
    assert "brings words from the track Main round, where North said them" in convened
    assert "We could open the crossing." in convened
