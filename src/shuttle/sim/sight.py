"""What each automated participant has seen, built only from its own view of the record.

The simulator never hands a strategy anything but these: a party's `PartySight` is folded from
the events `view_of` shows that party's delegate, the mediator's rounds from what it shows the
mediator. Profiles are not read here at all.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from shuttle.engine.strategies.protocol import Comparison, DraftAnswer, Package, PartySight
from shuttle.talks import Agenda, Seen


def package_of(agenda: Agenda, terms: Sequence[Sequence[str]]) -> Package:
    return agenda.package(tuple((str(issue), str(option)) for issue, option in terms))


@dataclass
class PartyObserver:
    """One automated party's running picture of the talk, from its delegate's view."""

    agenda: Agenda
    party: str
    last_seq: int = 0
    drafts: list[Package] = field(default_factory=list)
    offers_received: list[tuple[int, Package]] = field(default_factory=list)  # (via seq, terms)
    own_offers: list[Package] = field(default_factory=list)
    escalation: float = 0.0
    proposals: dict[int, Package] = field(default_factory=dict)

    def see(self, events: Iterable[Seen]) -> None:
        for seen in events:
            self.last_seq = seen.seq
            d = seen.details
            match seen.kind:
                case "drafted":
                    self.drafts.append(package_of(self.agenda, d["terms"]))
                case "incident":
                    self.escalation += float(d["drop"])
                case "conveyed" if seen.room == self.party and d.get("terms"):
                    self.offers_received.append((seen.seq, package_of(self.agenda, d["terms"])))
                case "offered":
                    self.own_offers.append(package_of(self.agenda, d["terms"]))
                case "proposed":
                    self.proposals[int(d["number"])] = package_of(self.agenda, d["terms"])

    def sight(self, time: float) -> PartySight:
        return PartySight(
            time=time,
            drafts=tuple(self.drafts),
            offers_received=tuple(package for _, package in self.offers_received),
            own_offers=tuple(self.own_offers),
            escalation=self.escalation,
        )


@dataclass
class MediatorObserver:
    """The mediator's picture: each version and the answers that came in, per round."""

    agenda: Agenda
    parties: tuple[str, ...]
    last_seq: int = 0
    current: Package | None = None
    answers: dict[str, DraftAnswer] = field(default_factory=dict)
    offers: list[tuple[int, str, Package]] = field(default_factory=list)  # (seq, room, terms)
    agreed: Package | None = None

    def see(self, events: Iterable[Seen]) -> None:
        for seen in events:
            self.last_seq = seen.seq
            d = seen.details
            match seen.kind:
                case "drafted":
                    self.current = package_of(self.agenda, d["terms"])
                case "answered":
                    self.answers[str(d["party"])] = self._answer(d)
                case "offered":
                    self.offers.append(
                        (seen.seq, str(seen.room), package_of(self.agenda, d["terms"]))
                    )
                case "agreed":
                    self.agreed = package_of(self.agenda, d["terms"])

    def round_answers(self) -> tuple[DraftAnswer, ...]:
        """This round's answers in party order; then the next round starts afresh."""
        answers = tuple(self.answers[p] for p in self.parties)
        self.answers = {}
        return answers

    def _answer(self, d: dict[str, Any]) -> DraftAnswer:
        names = self.agenda.names
        prefer = {
            names.index(issue): self.agenda.issues[names.index(issue)].options.index(option)
            for issue, option in d["prefer"]
        }
        comparison: Comparison | None = d["comparison"]
        return DraftAnswer(
            accept=bool(d["accept"]),
            prefer=prefer,
            comparison=comparison,
            comment=d["comment"] or "",
        )
