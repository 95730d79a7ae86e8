"""What a room may not have: the statements of other rooms that a mediator's own words must
not give away there, and what the room already knows.

Read from a mediator's view of the talk (a mediator sees every room). A party's statement is
kept from another room while its handling keeps it: mediator-only never leaves its room, and
verbatim-only leaves only in its speaker's words, so a mediator's paraphrase may not carry it
-- unless those very words were already carried into the room. What its own party allowed to be
conveyed is not kept. The statement a mediator is carrying is the one it may come close to.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from shuttle.talks.common import listing
from shuttle.talks.refusals import Hint, NotFound, Refused
from shuttle.talks.talk_view import TalkView
from shuttle.talks.views import CarriageView, OfferView, StatementView
from shuttle.talks.vocabulary import JOINT_ROOM, Handling, Mode


@dataclass(frozen=True)
class KeptStatement:
    """A party's statement that the target room may not have, and why."""

    seq: int
    room: str
    text: str
    why: str


@dataclass(frozen=True)
class Kept:
    """For one target room: what it may not have, and the words it already has."""

    room: str
    statements: list[KeptStatement]
    known: list[str]


def kept_from(view: TalkView, room: str, carrying: int | None = None) -> Kept:
    """What room `room` may not have, for mediator `view.name`'s own words going into it;
    `carrying` is the statement those words carry, if any. Refuses a delegate, an unknown
    room, or a statement to carry that is not a party's statement in another room."""
    _mediator_only(view)
    rooms = [*view.parties, *([JOINT_ROOM] if view.joint_open else [])]
    target = next((r for r in rooms if r.casefold() == room.strip().casefold()), None)
    if target is None:
        raise NotFound(
            f"room {room.strip()!r} not found; rooms: {listing(rooms)}", Hint(field="to")
        )
    verbatim_in = {
        item.source
        for item in view.rooms.get(target, [])
        if isinstance(item, CarriageView) and item.mode is Mode.VERBATIM
    }
    statements: list[KeptStatement] = []
    carried_found = carrying is None
    for source_room, item in party_statements(view):
        if source_room == target:
            continue
        if item.seq == carrying:
            carried_found = True
            continue
        handling = view.handling.get(item.seq, item.handling)
        why = _why_kept(handling, item.seq in verbatim_in)
        if why is not None:
            statements.append(KeptStatement(item.seq, source_room, item.text, why))
    if not carried_found:
        raise NotFound(
            f"statement {carrying} is not a party's statement in another room",
            Hint(field="source"),
        )
    return Kept(target, statements, _known_in(view, target))


def kept_in_track(view: TalkView, carrying: int) -> list[KeptStatement]:
    """What may not leave the track of mediator `view.name` in a paraphrase of statement
    `carrying` carried into another track: every other party statement of any room whose
    handling keeps it in its track (mediator-only, or verbatim-only, which a paraphrase may not
    carry). Refuses a delegate, like `kept_from`."""
    _mediator_only(view)
    kept: list[KeptStatement] = []
    for room, item in party_statements(view):
        if item.seq == carrying:
            continue
        why = _why_kept(view.handling.get(item.seq, item.handling), False)
        if why is not None:
            kept.append(KeptStatement(item.seq, room, item.text, why))
    return kept


def party_statements(view: TalkView) -> Iterator[tuple[str, StatementView | OfferView]]:
    """Every party statement and offer of each party's room that `view` holds, with its room
    (a mediator's own words there are not a party's)."""
    mediators = {m.name for m in view.roster if m.is_mediator}
    for room in view.parties:
        for item in view.rooms.get(room, []):
            if isinstance(item, StatementView | OfferView) and item.by not in mediators:
                yield room, item


def _mediator_only(view: TalkView) -> None:
    if not view.is_mediator:
        raise Refused(
            "only a mediator's own words are checked against what other rooms keep",
            "a delegate's words go only into its own room",
        )


def _why_kept(handling: Handling, carried_verbatim: bool) -> str | None:
    if handling is Handling.MEDIATOR_ONLY:
        return "mediator-only: it never leaves its room"
    if handling is Handling.VERBATIM_ONLY and not carried_verbatim:
        return "verbatim-only: only its speaker's own words may carry it"
    return None


def _known_in(view: TalkView, room: str) -> list[str]:
    """Every text the room's readers already have: its own conversation, the joint room's,
    and the talk's title and agenda."""
    known = [view.title]
    for seen_room in {room, JOINT_ROOM}:
        known += [item.text for item in view.rooms.get(seen_room, []) if item.text]
    for issue in view.issues:
        known.append(" ".join([issue.name, *issue.options]))
    return known
