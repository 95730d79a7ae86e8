"""A carry across tracks is an event in both records: in the source track, that a statement
was carried to another track of the process; in the target track, that words came in from
one. Each names the other track's head at that moment ("SEQ:HASH"), so each record can be
checked on its own and the link between them checked too."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from shuttle.talks.vocabulary import Mode


@dataclass(frozen=True)
class SentToTrack:
    """Statement `statement` was carried by `by` into room `to_room` of track `to_track`;
    `there` is that track's head once the words came in."""

    kind: ClassVar[str] = "sent-to-track"
    by: str
    statement: int
    from_room: str
    to_track: str
    to_title: str
    to_room: str
    mode: Mode
    text: str
    there: str


@dataclass(frozen=True)
class ReceivedFromTrack:
    """Words carried by `by` into room `room` from track `from_track`, where party
    `from_party` said them; `there` is that track's head when they were carried."""

    kind: ClassVar[str] = "received-from-track"
    by: str
    room: str
    from_track: str
    from_title: str
    from_party: str
    mode: Mode
    text: str
    there: str


TrackFact = SentToTrack | ReceivedFromTrack
"""The tracks' events, folded by `tracks.fold`."""
