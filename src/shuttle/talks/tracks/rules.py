"""The rules of carrying words between tracks: the same as within a talk. A statement leaves
its track only as its handling allows -- mediator-only never, verbatim-only word for word -- and
only in the hands of a participant who can see it; the words come in only where the one who
carries them may speak."""

from __future__ import annotations

import re
from typing import assert_never

from shuttle.talks.conversation.rules import speaking_room, visible_statement, words_carried
from shuttle.talks.events import Event
from shuttle.talks.participant import Participant
from shuttle.talks.refusals import Invalid, Refused
from shuttle.talks.state import TalkState
from shuttle.talks.text import clean_text
from shuttle.talks.tracks.commands import ReceiveFromTrack, SendToTrack, TrackCommand
from shuttle.talks.tracks.events import ReceivedFromTrack, SentToTrack
from shuttle.talks.vocabulary import JOINT_ROOM, Handling

_HEAD = re.compile(r"\d{1,10}:[0-9a-f]{64}")


def send(state: TalkState, actor: Participant, command: SendToTrack) -> SentToTrack:
    source = visible_statement(state, actor, command.statement)
    if source.party is None:
        raise Refused(
            f"statement {source.seq} is a mediator's own statement",
            "say it in your own name in the other track",
        )
    if source.handling is Handling.MEDIATOR_ONLY:
        raise Refused(
            f"statement {source.seq} is mediator-only: it never leaves its room, nor its track",
            f"a delegate of {source.party!r} may release it to verbatim-only or may-convey",
        )
    text = words_carried(source, command.mode, command.text, "carrier")
    return SentToTrack(
        by=actor.name,
        statement=source.seq,
        from_room=source.room,
        to_track=command.to_track,
        to_title=command.to_title,
        to_room=command.to_room,
        mode=command.mode,
        text=text,
        there=_head(command.there),
    )


def receive(state: TalkState, actor: Participant, command: ReceiveFromTrack) -> ReceivedFromTrack:
    room = speaking_room(state, actor, command.room)
    if room == JOINT_ROOM and not state.joint_open:
        raise Refused(
            "the joint room opens only after a delegate of every party has consented",
            "carry the words into a party's room",
        )
    return ReceivedFromTrack(
        by=actor.name,
        room=room,
        from_track=command.from_track,
        from_title=command.from_title,
        from_party=command.from_party,
        mode=command.mode,
        text=clean_text(command.text),
        there=_head(command.there),
    )


def _head(text: str) -> str:
    if not _HEAD.fullmatch(text):
        raise Invalid(f"the other track's head must read SEQ:HASH, not {text!r}")
    return text


def decide_tracks(state: TalkState, actor: Participant, command: TrackCommand) -> list[Event]:
    match command:
        case SendToTrack():
            return [send(state, actor, command)]
        case ReceiveFromTrack():
            return [receive(state, actor, command)]
        case _:
            assert_never(command)
