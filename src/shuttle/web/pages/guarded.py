"""The leak guard on a mediator's page: before the mediator's own words go into a room (a
statement, or a paraphrase it carries), the page asks first when they come close to what that
room may not have, naming each statement and what is close. "Send anyway" sends them; "Don't
send" keeps them on the form. Either way the mediators' notes keep the warning and the choice.
Parties never see a warning: only a mediator's words are checked, on the mediator's own page.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from markupsafe import Markup

from shuttle.guard import ModelMissing, Warning
from shuttle.guarding import warnings_in
from shuttle.talks import Command, Convey, Mode, Refusal, Say, TalkView
from shuttle.web.pages.confirmations import Confirmation

log = logging.getLogger(__name__)
T = TypeVar("T")


@dataclass(frozen=True)
class Warned:
    """The warnings for a command's words, and the room they would go into (of another
    track, titled `track`, for a carry across)."""

    room: str
    warnings: list[Warning]
    track: str | None = None


def warned(view: TalkView, command: Command) -> Warned | None:
    """The warnings for a mediator's own words in `command`, or None: a delegate's words, a
    verbatim carriage (the speaker's own words, carried as allowed), and a command the rules
    will refuse anyway (an unknown room) are not checked."""
    if not view.is_mediator:
        return None
    match command:
        case Say(room=str(room), text=text):
            carrying = None
        case Convey(mode=Mode.PARAPHRASE, to=room, text=str(text), statement=carrying):
            pass
        case _:
            return None
    found = checked(lambda: warnings_in(view, room, text, carrying))
    return Warned(room, found) if found else None


def checked(find: Callable[[], T]) -> T | None:
    """What the leak guard's `find` gives; None when the words will be refused anyway (the
    rule's own words say why), or when the model cannot load: a server without it still lets
    mediators work, and its log says why."""
    try:
        return find()
    except Refusal:
        return None
    except ModelMissing as missing:
        log.error("the leak guard is off: %s", missing)
        return None


def question(view: TalkView, warned: Warned) -> Confirmation:
    """What the mediator reads before sending: each kept statement its words come close to,
    what is close, and that the notes will keep the choice."""
    # Within a talk each statement links to its place on the page; across tracks a number
    # may be the other track's, so the reason names the track instead.
    number = Markup("<a href='#room-item-{0}'>#{0}</a>") if warned.track is None else Markup("#{0}")
    items = Markup("").join(
        Markup("<li>statement {} in the <bdi>{}</bdi> room, {}: {}</li>").format(
            number.format(w.seq), w.room, w.why, _closeness(w)
        )
        for w in warned.warnings
    )
    where = Markup("<bdi>{}</bdi> room").format(warned.room)
    if warned.track is not None:
        where = Markup("{} of the track <bdi>{}</bdi>").format(where, warned.track)
    text = Markup(
        "Careful: these words come close to something the {} may not have."
        '<ul class="warnings">{}</ul>'
        "If you send them anyway, or hold them back, your notes will say so. No party sees "
        "this warning."
    ).format(where, items)
    return Confirmation(text, "Send anyway", decline="Don't send")


def _closeness(warning: Warning) -> Markup:
    parts = []
    for close in warning.close:
        if close.what == "meaning":
            parts.append(Markup("the same meaning ({:.0%})").format(close.score))
        elif close.said == close.source:
            parts.append(Markup('the {} <q dir="auto">{}</q>').format(close.what, close.said))
        else:
            parts.append(
                Markup('the {} <q dir="auto">{}</q>, close to <q dir="auto">{}</q>').format(
                    close.what, close.said, close.source
                )
            )
    return Markup(", ").join(parts)
