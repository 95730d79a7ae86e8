"""What a participant asks to carry words between two tracks of a process. The service turns
one carry into a command for each track: `ReceiveFromTrack` in the target, then `SendToTrack`
in the source, each with the other's head."""

from __future__ import annotations

from dataclasses import dataclass

from shuttle.talks.vocabulary import Mode


@dataclass(frozen=True)
class SendToTrack:
    """Carry statement `statement` of this track into room `to_room` of track `to_track`."""

    actor: str
    statement: int
    to_track: str
    to_title: str
    to_room: str
    mode: Mode
    text: str | None = None  # the paraphrase; omitted for verbatim
    there: str = ""  # the target track's head once the words came in (set by the service)


@dataclass(frozen=True)
class ReceiveFromTrack:
    """Words from track `from_track` (said there by party `from_party`) into room `room` of
    this track, where the actor may speak."""

    actor: str
    room: str | None
    from_track: str
    from_title: str
    from_party: str
    mode: Mode
    text: str
    there: str  # the source track's head when the words were carried


TrackCommand = SendToTrack | ReceiveFromTrack
