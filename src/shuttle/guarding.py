"""The leak guard put to work on a talk: a mediator's words for a room, checked against what
that room may not have (`talks.guarding`), by the text comparison of `shuttle.guard`; and a
mediator's choice after a warning, kept in its notes.

Parties never see a warning: only a mediator may ask, and the choice goes to the mediators'
notebook, which no party reads.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from shuttle.guard import Meaning, Protected, Warning, check
from shuttle.service import Appended, TalkService
from shuttle.talks import Note, TalkView
from shuttle.talks.guarding import kept_from, kept_in_track, party_statements

_shared: Meaning | None = None
_shared_lock = threading.Lock()


def meaning() -> Meaning:
    """The process's one embedding model (loaded on first use, about half a second)."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = Meaning()
        return _shared


def check_words(
    service: TalkService,
    talk: str,
    as_name: str,
    room: str,
    text: str,
    carrying: int | None = None,
) -> list[Warning]:
    """The statements of other rooms that mediator `as_name`'s `text` for room `room` comes
    close to, closest first; `carrying` is the statement the words carry, if any. A delegate,
    an unknown room or an unknown statement is refused like any command."""
    return warnings_in(service.view(talk, as_name), room, text, carrying)


def warnings_in(view: TalkView, room: str, text: str, carrying: int | None = None) -> list[Warning]:
    """`check_words` on a mediator's view already read."""
    kept = kept_from(view, room, carrying)
    protected = [Protected(k.seq, k.room, k.text, k.why) for k in kept.statements]
    return check(meaning(), text.strip(), protected, kept.known)


@dataclass(frozen=True)
class Across:
    """The warnings for words carried across tracks: `here`, from the track they leave;
    `there`, from the track they go into (only where the carrier mediates it too). Each
    belongs in its own track's notes alone: the two tracks' mediators may differ."""

    here: list[Warning]
    there: list[Warning]

    @property
    def all(self) -> list[Warning]:
        """Both, closest first."""
        return sorted([*self.here, *self.there], key=lambda w: -w.score)


def warnings_across(
    source: TalkView, target: TalkView, room: str, text: str, carrying: int
) -> Across:
    """A mediator's paraphrase of statement `carrying` of track `source`, for room `room` of
    track `target`, checked against what may not leave the source track, and (where the
    carrier mediates the target track too) what the target room may not have from that track's
    other rooms, and what it already knows there. Each warning's reason says which track."""
    words = text.strip()
    here = [
        Protected(k.seq, k.room, k.text, f"this track: {k.why}")
        for k in kept_in_track(source, carrying)
    ]
    if not target.is_mediator:
        return Across(check(meaning(), words, here, []), [])
    kept = kept_from(target, room)
    there = [
        Protected(k.seq, k.room, k.text, f"track {target.title}: {k.why}") for k in kept.statements
    ]
    return Across(
        check(meaning(), words, here, kept.known), check(meaning(), words, there, kept.known)
    )


def prepare(view: TalkView) -> None:
    """Compute, ahead of time, the meaning of every party statement a mediator's view holds:
    the first check of a long talk then answers at once (500 statements take about two
    seconds the first time, a check about ten milliseconds after). The console calls this in
    the background when a mediator opens it."""
    if not view.is_mediator:
        return
    meaning().vectors([item.text for _, item in party_statements(view)])


def describe(warning: Warning) -> str:
    """One line for a mediator: which statement, and what in the words is close to it."""
    parts = []
    for close in warning.close:
        if close.what == "meaning":
            parts.append(f"meaning ({close.score:.2f})")
        elif close.said == close.source:
            parts.append(f"{close.what} “{close.said}”")
        else:
            parts.append(f"{close.what} “{close.said}” ~ “{close.source}”")
    return f"statement {warning.seq} in the {warning.room} room ({warning.why}): " + ", ".join(
        parts
    )


def room_words(room: str, track: str | None = None) -> str:
    """ "the ROOM room", and "of the track TRACK" when it is another track's."""
    return f"the {room} room" if track is None else f"the {room} room of the track {track}"


def note_choice(
    service: TalkService,
    talk: str,
    as_name: str,
    room: str,
    warnings: list[Warning],
    sent: Appended | None,
    track: str | None = None,
) -> Appended:
    """Keep in the mediators' notes that `as_name` was warned before words for `room` (of
    another track, titled `track`, for a carry across), and whether it sent them anyway
    (`sent`, what the sending added here) or held them back."""
    if sent is not None and sent.events:
        choice = f"were sent anyway (event {sent.events[0].seq})"
    else:
        choice = "were not sent"
    close = "; ".join(describe(w) for w in warnings)
    where = room_words(room, track)
    text = f"Leak guard: words for {where} {choice}, though close to {close}."
    return service.execute(talk, Note(as_name, text))
