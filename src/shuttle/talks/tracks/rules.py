"""The rules of carrying words between tracks: the same as within a talk. A statement leaves
its track only as its handling allows -- mediator-only never, verbatim-only word for word -- and
only in the hands of a participant who can see it; the words come in only where the one who
carries them may speak."""

from __future__ import annotations

import re
from typing import assert_never

from shuttle.talks.conversation.rules import speaking_room, visible_statement
from shuttle.talks.events import Event
from shuttle.talks.participant import Participant
from shuttle.talks.refusals import Hint, Invalid, Refused
from shuttle.talks.state import TalkState
from shuttle.talks.text import clean_text
from shuttle.talks.tracks.commands import ReceiveFromTrack, SendToTrack, TrackCommand
from shuttle.talks.tracks.events import ReceivedFromTrack, SentToTrack
from shuttle.talks.vocabulary import JOINT_ROOM, Handling, Mode

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
    if command.mode is Mode.VERBATIM:
        if command.text is not None and command.text.strip() != source.text:
            raise Refused(
                "a verbatim carriage uses the source's words exactly",
                "omit the text to carry the statement word for word",
                Hint(field="text"),
            )
        text = source.text
    else:
        if source.handling is Handling.VERBATIM_ONLY:
            raise Refused(
                f"statement {source.seq} is verbatim-only: carried word for word or not at all",
                "carry it word for word",
                Hint(field="mode", value=Mode.VERBATIM.value),
            )
        if command.text is None:
            raise Invalid("a paraphrase needs the carrier's wording", Hint(field="text"))
        text = clean_text(command.text, "paraphrase")
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
