"""Who can read a room *now*, in the words a page shows, from the roster in the reader's view.

Every mediator reads every room, and every delegate of a party reads its party's room --
including those who joined after something was said there, who read the room's whole history.
A page names them all by name, each isolated for direction, so that what it tells a delegate
about who reads its words is never out of date when a co-mediator or another delegate joins.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

from shuttle.talks import JOINT_ROOM, Member, TalkView


def people(names: Sequence[str | Markup]) -> Markup:
    """Names as a list a person reads: "A", "A and B", "A, B and C"."""
    items = [name if isinstance(name, Markup) else escape(name) for name in names]
    if len(items) <= 1:
        return Markup("").join(items)
    return Markup(", ").join(items[:-1]) + Markup(" and ") + items[-1]


def reader(name: str) -> Markup:
    """One reader's name, isolated so that a right-to-left name keeps its place in the line."""
    return Markup('<bdi class="reader">{}</bdi>').format(name)


def mediators_of(view: TalkView) -> Markup:
    """The mediators, named: "Oman", or "the mediators Oman and Qatar"."""
    names = [reader(m.name) for m in view.present if m.is_mediator]
    if len(names) == 1:
        return names[0]
    return Markup("the mediators ") + people(names)


def delegation_of(view: TalkView, party: str) -> Markup:
    """A party's delegates this reader knows, named; to a delegate of that party, "your
    delegation (you and ...)"."""
    members: list[Member] = view.delegates_of(party)
    if party == view.party:
        names = [Markup("you") if m.name == view.name else reader(m.name) for m in members]
        return Markup("your delegation (") + people(names) + Markup(")")
    if not members:
        return Markup("the <bdi>{}</bdi> delegation (no one yet)").format(party)
    known = people([reader(m.name) for m in members])
    return Markup("the <bdi>{}</bdi> delegation (").format(party) + known + Markup(")")


def readers_of_room(view: TalkView, room: str) -> Markup:
    """Everyone who can read `room` now, as a phrase: its party's delegation and the mediators;
    in the joint room, every party's delegates and the mediators."""
    if room == JOINT_ROOM:
        return Markup("every party's delegates and ") + mediators_of(view)
    return delegation_of(view, room) + Markup(" and ") + mediators_of(view)


def joined_since(view: TalkView, room: str, seq: int) -> Markup | None:
    """Readers of `room` who joined after event `seq`, as a sentence (None if nobody did):
    they read it too, though they were not there when it was said."""
    late = [reader(m.name) for m in view.readers_of(room) if m.since > seq]
    if not late:
        return None
    return people(late) + Markup(" joined later and can read this too.")
