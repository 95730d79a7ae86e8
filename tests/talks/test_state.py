"""`evolve` folds events in order, and only in order."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import pytest

from shuttle.talks import Handling, Recorded, evolve, fold
from shuttle.talks.conversation.events import Said, TalkOpened
from tests.talks.driver import AT, Talk, open_talk


def test_events_fold_only_in_sequence(talk: Talk) -> None:
    event = Said("US Envoy", "United States", "hi", Handling.MEDIATOR_ONLY)
    with pytest.raises(ValueError, match="cannot follow"):
        evolve(talk.state, Recorded(5, AT, event))


def test_fold_rebuilds_the_same_state(talk: Talk) -> None:
    assert fold(talk.state.record) == talk.state


def test_participants_are_found_by_nfc_name() -> None:

    talk = open_talk()
    assert talk.state.participant("  US Envoy ") is not None
    assert talk.state.participant("United States") is None


def test_an_event_the_fold_does_not_know_is_an_error_not_a_no_op() -> None:
    @dataclass(frozen=True)
    class Unheard:
        kind: ClassVar[str] = "unheard"

    opening = TalkOpened("T", ("A", "B"), ("M",), (), Handling.MEDIATOR_ONLY, False)
    opened = fold([Recorded(1, "t0", opening)])
    with pytest.raises(AssertionError):
        evolve(opened, Recorded(2, "t1", Unheard()))  # type: ignore[arg-type]
