"""The service's cached folds save reading the record, and are never trusted past what they
prove: two service instances on one database (as two server processes) see each other's
appends."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from shuttle.service import TalkService
from shuttle.store import open_store
from shuttle.talks import (
    Convey,
    Handling,
    Join,
    Mode,
    NotFound,
    Refused,
    Role,
    Say,
)
from tests.test_service import MUSCAT


@pytest.fixture
def two(database_url: str) -> Iterator[tuple[TalkService, TalkService]]:
    stores = [open_store(database_url), open_store(database_url)]
    yield TalkService(stores[0]), TalkService(stores[1])
    for store in stores:
        store.dispose()


def test_a_command_refused_on_a_stale_fold_is_judged_again_on_the_record(
    two: tuple[TalkService, TalkService],
) -> None:
    first, second = two
    talk = first.open_talk(MUSCAT).talk
    first.seen_since(talk, "Oman")  # first's cache now stops at seq 1
    second.execute(talk, Say("US Envoy", "carry this", handling=Handling.MAY_CONVEY))
    # On first's cached fold statement 2 does not exist; on the record it does.
    carried = first.execute(talk, Convey("Oman", 2, "Iran", Mode.VERBATIM))
    assert [r.seq for r in carried.events] == [3]


def test_a_command_on_a_stale_fold_lands_after_the_other_instances_appends(
    two: tuple[TalkService, TalkService],
) -> None:
    first, second = two
    talk = first.open_talk(MUSCAT).talk
    first.seen_since(talk, "Oman")
    second.execute(talk, Say("US Envoy", "one"))
    said = first.execute(talk, Say("US Envoy", "two"))
    assert said.head.seq == 3
    seen = second.view(talk, "US Envoy").events[1:]
    assert [s.to_dict()["text"] for s in seen] == ["one", "two"]


def test_a_refusal_stands_when_the_record_agrees(two: tuple[TalkService, TalkService]) -> None:
    first, _ = two
    talk = first.open_talk(MUSCAT).talk
    with pytest.raises(Refused):
        first.execute(talk, Convey("Oman", 1, "Iran", Mode.VERBATIM))


def test_a_participant_who_joined_through_another_instance_is_found(
    two: tuple[TalkService, TalkService],
) -> None:
    first, second = two
    talk = first.open_talk(MUSCAT).talk
    assert first.participant(talk, "US Envoy").party == "United States"
    second.execute(talk, Join("Oman", "US Deputy", Role.DELEGATE, "United States"))
    assert first.participant(talk, "US Deputy").party == "United States"
    with pytest.raises(NotFound):
        first.participant(talk, "Nobody")
    with pytest.raises(NotFound):
        first.participant("no-such-talk", "Oman")


def test_a_view_at_least_at_a_seq_reads_the_record_only_when_the_cache_is_behind(
    two: tuple[TalkService, TalkService],
) -> None:
    first, second = two
    talk = first.open_talk(MUSCAT).talk
    second.execute(talk, Say("US Envoy", "from the other instance"))
    # Rung for seq 2 (by another instance), first's cache (seq 1) is behind: it reads.
    seen = first.seen_since(talk, "Oman", after=1, at_least=2).events
    assert [s.to_dict()["text"] for s in seen] == ["from the other instance"]
