"""How the tracks' events fold: a statement carried to another track counts as carried (its
handling can no longer be tightened); words that came in are the record's, nothing more."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, assert_never

from shuttle.talks.tracks.events import ReceivedFromTrack, SentToTrack, TrackFact

if TYPE_CHECKING:  # the talk's state holds the statements: imported for types only
    from shuttle.talks.state import TalkState


def evolve_tracks(state: TalkState, seq: int, event: TrackFact) -> TalkState:
    match event:
        case SentToTrack():
            source = state.statements[event.statement]
            return state.with_statement(replace(source, carried=source.carried + 1))
        case ReceivedFromTrack():
            return state
        case _:
            assert_never(event)
