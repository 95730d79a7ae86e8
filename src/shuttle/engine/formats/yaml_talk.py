"""Reading the YAML format's optional ``talk:`` and ``escalation:`` blocks: who takes part in a
talk played on the scenario, and the incidents that make no deal worse while it runs.

``talk:`` is a mapping: ``title``, ``mediators`` (a list of names), ``delegates`` (party ->
list of names, every party with at least one) and an optional ``notice``. Every name is
different from every other and from the parties' names, as a talk requires. ``escalation:`` is
a list of incidents, in the order they may happen: ``after_round`` (an integer >= 1),
``text``, ``drop`` and an optional ``chance`` (both in (0, 1]).
"""

from __future__ import annotations

from collections.abc import Sequence

from shuttle.engine.escalation import ScheduledIncident
from shuttle.engine.formats.checks import positive_fraction
from shuttle.engine.formats.errors import Problem, located, shown
from shuttle.engine.formats.yaml_fields import integer, items, label, named, number, only, required
from shuttle.engine.scenario import TalkSetup

TALK_KEYS = ("title", "notice", "mediators", "delegates")
INCIDENT_KEYS = ("after_round", "text", "drop", "chance")


def talk_from_data(source: str, given: object, parties: Sequence[str]) -> TalkSetup:
    """The ``talk:`` block `given` of a scenario whose parties are `parties`."""
    with located(source, "talk"):
        body = named(given, "talk")
        only(body, TALK_KEYS, "talk")
        title = _text(required(body, "title", "talk"), "title")
        notice = _text(body["notice"], "notice") if "notice" in body else None
        required(body, "mediators", "talk")
        required(body, "delegates", "talk")
    names = _Names(parties)
    with located(source, "talk > mediators"):
        mediators = tuple(
            names.add(entry, "mediator") for entry in items(body["mediators"], "mediators")
        )
        if not mediators:
            raise Problem("a talk needs at least one mediator")
    with located(source, "talk > delegates"):
        by_party = named(body["delegates"], "delegates")
        for party in by_party:
            if party not in parties:
                raise Problem(
                    f"{shown(party)} is not a party of the scenario ({_listing(parties)})"
                )
        for party in parties:
            if party not in by_party:
                raise Problem(f"party {shown(party)} has no delegates: list at least one name")
    delegates: list[tuple[str, str]] = []
    for party, entries in by_party.items():
        with located(source, f"talk > delegates > {party}"):
            listed = items(entries, f"the delegates of {shown(party)}")
            if not listed:
                raise Problem("no delegates: list at least one name")
            delegates.extend((names.add(entry, "delegate"), party) for entry in listed)
    return TalkSetup(title, mediators, tuple(delegates), notice)


def escalation_from_data(source: str, given: object) -> tuple[ScheduledIncident, ...]:
    """The ``escalation:`` block `given`: the scheduled incidents, in the order they may happen."""
    with located(source, "escalation"):
        entries = items(given, "escalation")
    incidents: list[ScheduledIncident] = []
    for number_, entry in enumerate(entries, start=1):
        where = f"escalation > no. {number_}"
        incident = _incident(source, where, entry)
        if incidents and incident.after_round < incidents[-1].after_round:
            with located(source, where):
                raise Problem(
                    f"after_round {incident.after_round} comes before no. {number_ - 1}'s "
                    f"after_round {incidents[-1].after_round}: list incidents in the order "
                    "they may happen"
                )
        incidents.append(incident)
    return tuple(incidents)


def _incident(source: str, where: str, entry: object) -> ScheduledIncident:
    with located(source, where):
        body = named(entry, "an incident")
        only(body, INCIDENT_KEYS, "an incident")
        after_round = integer(required(body, "after_round", "an incident"), "after_round")
        if after_round < 1:
            raise Problem(
                f"after_round {after_round} must be at least 1 "
                "(the incident falls between that round and the next)"
            )
        text = _text(required(body, "text", "an incident"), "text")
        drop = positive_fraction(number(required(body, "drop", "an incident"), "drop"), "drop")
        chance = positive_fraction(number(body.get("chance", 1.0), "chance"), "chance")
        return ScheduledIncident(after_round, text, drop, chance)


def _text(value: object, what: str) -> str:
    """A string with something in it besides spaces."""
    text = label(value, what)
    if not text.strip():
        raise Problem(f"{what} is blank")
    return text


class _Names:
    """The participants' names read so far: each must be new, and not a party's name."""

    def __init__(self, parties: Sequence[str]) -> None:
        self.parties = parties
        self.seen: set[str] = set()

    def add(self, value: object, role: str) -> str:
        name = _text(value, f"a {role}'s name")
        if name != name.strip():
            raise Problem(f"{role} {shown(name)} has spaces at its start or end")
        if name in self.parties:
            raise Problem(f"{role} {shown(name)} is a party's name; a participant needs its own")
        if name in self.seen:
            raise Problem(
                f"{role} {shown(name)} is named twice; every participant needs its own name"
            )
        self.seen.add(name)
        return name


def _listing(names: Sequence[str]) -> str:
    """The first few `names`, quoted: a message lists no more than fit on a line."""
    listed = ", ".join(shown(name) for name in names[:_LISTED])
    return listed + (", ..." if len(names) > _LISTED else "")


_LISTED = 5
