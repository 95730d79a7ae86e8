"""The leak guard before a mediator's own words go into a room, for every surface of the web
(the pages ask first; the API, when a program asks it to): which of a command's words are
checked, and the warnings for them."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from shuttle.guard import ModelMissing, Warning
from shuttle.guarding import note_choice, warnings_across, warnings_in
from shuttle.service import TalkService
from shuttle.talks import Command, Convey, Mode, Refusal, Say, TalkView
from shuttle.tracks import CarriedAcross
from shuttle.web.deps import Actor
from shuttle.web.reach import name_in_track

log = logging.getLogger(__name__)
T = TypeVar("T")


@dataclass(frozen=True)
class Warned:
    """The warnings for a command's words, and the room they would go into (of another
    track, titled `track`, for a carry across)."""

    room: str
    warnings: list[Warning]
    track: str | None = None
    # Across tracks, the warnings of the target track's own statements, and the carrier's
    # name there: they are noted in that track alone (its mediators may not be these).
    there: list[Warning] = field(default_factory=list)
    target: str | None = None
    there_as: str | None = None


def warned(view: TalkView, command: Command) -> Warned | None:
    """The warnings for a mediator's own words in `command`, or None: a delegate's words and
    a verbatim carriage (the speaker's own words, carried as allowed) are not checked. A
    command the rules refuse (an unknown room) raises that Refusal; ModelMissing when the
    model cannot load."""
    if not view.is_mediator:
        return None
    match command:
        case Say(room=str(room), text=text):
            carrying = None
        case Convey(mode=Mode.PARAPHRASE, to=room, text=str(text), statement=carrying):
            pass
        case _:
            return None
    found = warnings_in(view, room, text, carrying)
    return Warned(room, found) if found else None


def warned_across(
    service: TalkService,
    actor: Actor,
    seq: int,
    target: str,
    room: str | None,
    mode: Mode,
    text: str | None,
) -> Warned | None:
    """The warnings for `actor`'s paraphrase of statement `seq` carried into room `room` of
    track `target`, or None: a verbatim carry is the speaker's own words, as allowed, and a
    delegate's carry is its own party's words. Raises as `warned` does."""
    if not actor.participant.is_mediator or mode is not Mode.PARAPHRASE or not text or not room:
        return None
    there = name_in_track(service, actor.identity, target)
    source = service.view(actor.talk, actor.name)
    into = service.view(target, there)
    found = warnings_across(source, into, room, text, seq)
    if not found.all:
        return None
    return Warned(room, found.all, into.title, found.there, target, there)


def note_across(
    service: TalkService, actor: Actor, found: Warned, done: CarriedAcross | None
) -> None:
    """Keep the warnings and the carrier's choice (`done`, what the carry added; None when
    held back) in the notes of the track each warning's statement belongs to: a track's
    mediators read nothing of another track they do not mediate."""
    here = [w for w in found.warnings if w not in found.there]
    if here:
        sent = None if done is None else done.sent
        note_choice(service, actor.talk, actor.name, found.room, here, sent, found.track)
    if found.there and found.target is not None and found.there_as is not None:
        received = None if done is None else done.received
        note_choice(service, found.target, found.there_as, found.room, found.there, received)


def checked(find: Callable[[], T]) -> T | None:
    """What the leak guard's `find` gives, for a page; None when the words will be refused
    anyway (the rule's own words say why), or when the model cannot load: a server without
    it still lets mediators work, and its log says why."""
    try:
        return find()
    except Refusal:
        return None
    except ModelMissing as missing:
        log.error("the leak guard is off: %s", missing)
        return None
