"""A process's tracks on the pages: each talk page shows the tracks of its process that the
reader takes part in, side by side, and nothing of a track it is not in; words carried across
appear in the target room with where they came from."""

from __future__ import annotations

from shuttle.talks import Delegate, Handling, Mode, OpenTalk, Say
from shuttle.tracks import carry_across, open_process, open_track
from tests.web.pages.rooms import unisolated
from tests.web.running import Server


def test_each_page_shows_the_readers_tracks_side_by_side(server: Server) -> None:
    service = server.operator[0]
    process = open_process(service, "Spring round").process
    main = open_track(service, OpenTalk(
        "Main round", ("North", "South"), ("Convener",),
        (Delegate("North head", "North"), Delegate("South head", "South")), process=process,
    )).talk  # fmt: skip
    side = open_track(service, OpenTalk(
        "Side consultation", ("North", "East"), ("Host",),
        (Delegate("North head", "North"), Delegate("East head", "East")), process=process,
    )).talk  # fmt: skip
    said = service.execute(
        main, Say("North head", "We could open the crossing.", handling=Handling.MAY_CONVEY)
    )
    carry_across(service, main, "North head", said.first_seq, side, "North head", None,
                 Mode.VERBATIM)  # fmt: skip

    north = unisolated(server.browser_session(main, "North head").get(f"/talks/{main}").text)
    assert "Tracks of Spring round" in north
    assert "Main round</strong> (this track)" in north and f'href="/talks/{side}"' in north
    assert "carried statement #" in north and "Side consultation" in north

    south = unisolated(server.browser_session(main, "South head").get(f"/talks/{main}").text)
    assert "Tracks of" not in south and "Side consultation" not in south

    east = unisolated(server.browser_session(side, "East head").get(f"/talks/{side}").text)
    assert "Tracks of" not in east and "We could open the crossing." not in east

    host = unisolated(server.browser_session(side, "Host").get(f"/talks/{side}").text)
    assert "brings words from the track Main round, where North said them" in host
    assert "We could open the crossing." in host
