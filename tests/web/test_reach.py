"""Which talks a credential opens: a seat the account keeps, or its own name where that name
mediates; never a delegate's place for a name that merely matches."""

from __future__ import annotations

import pytest

from shuttle.accounts import Identity
from shuttle.service import TalkService
from shuttle.store import EventStore
from shuttle.talks import Delegate, NotFound, OpenTalk, Refused
from shuttle.tracks import open_process, open_track
from shuttle.web.reach import name_in_track, reached_talks, reached_tracks


def _account(user: str, *seats: tuple[str, str], seats_only: bool = False) -> Identity:
    return Identity("session", None, None, user, "csrf", tuple(seats), seats_only)


@pytest.fixture
def tracks(store: EventStore) -> tuple[TalkService, str, list[str]]:
    service = TalkService(store)
    process = open_process(service, "Harbour round").process
    talks = [
        open_track(
            service,
            OpenTalk(
                title,
                ("North", other),
                ("Layla",),
                (Delegate("North head", "North"), Delegate(f"{other} head", other)),
                process=process,
            ),
        ).talk
        for title, other in (("Main", "South"), ("Side", "East"))
    ]
    # A third track where "Layla" is a delegate's name, not the account's mediating name.
    talks.append(open_track(service, OpenTalk(
        "Third", ("North", "West"), ("Convener",),
        (Delegate("Layla", "North"), Delegate("West head", "West")), process=process,
    )).talk)  # fmt: skip
    return service, process, talks


def test_an_account_reaches_what_it_mediates_and_the_seats_it_keeps(
    tracks: tuple[TalkService, str, list[str]],
) -> None:
    service, process, (main, side, third) = tracks
    mediator = _account("Layla")
    assert {v.talk for v in reached_talks(service, mediator)} == {main, side}
    assert [v.talk for v in reached_tracks(service, mediator, process)] == [main, side]
    with pytest.raises(NotFound):  # a delegate there by that name: not the account's
        name_in_track(service, mediator, third)

    seated = _account("Someone", (third, "Layla"), seats_only=True)
    [view] = reached_talks(service, seated)
    assert view.talk == third and not view.is_mediator
    assert name_in_track(service, seated, third) == "Layla"
    with pytest.raises(NotFound):
        name_in_track(service, seated, main)


def test_a_talk_bound_credential_reaches_its_talk_alone(
    tracks: tuple[TalkService, str, list[str]],
) -> None:
    service, process, (main, _, _) = tracks
    session = Identity("session", main, "Layla", None, "csrf")
    assert [v.talk for v in reached_talks(service, session)] == [main]
    assert [v.talk for v in reached_tracks(service, session, process)] == [main]
    with pytest.raises(Refused):
        name_in_track(service, session, main)
