"""What each automated participant has seen, built only from its own view of the record.

The simulator never hands a strategy anything but these: a party's `PartySight` is folded from
the events `view_of` shows that party's delegate, the mediator's rounds from what it shows the
mediator. Profiles are not read here at all.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import assert_never

from shuttle.engine.strategies.protocol import Comparison as Compared
from shuttle.engine.strategies.protocol import DraftAnswer, Package, PartySight
from shuttle.talks import (
    Agenda,
    AgreementView,
    AnswerView,
    CarriedInView,
    Comparison,
    DraftView,
    IncidentView,
    OfferView,
    ProposalView,
    Seen,
    escalated,
)


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
            match seen:
                case DraftView():
                    self.drafts.append(self.agenda.package(seen.terms))
                case IncidentView():
                    self.escalation = escalated(self.escalation, seen.drop)
                # Only an offer carried verbatim brings its terms; words carried are not terms.
                case CarriedInView() if seen.room == self.party and seen.terms:
                    self.offers_received.append((seen.seq, self.agenda.package(seen.terms)))
                case OfferView():
                    self.own_offers.append(self.agenda.package(seen.terms))
                case ProposalView():
                    self.proposals[seen.number] = self.agenda.package(seen.terms)
                case _:
                    pass  # nothing else moves an automated party

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
            match seen:
                case DraftView():
                    self.current = self.agenda.package(seen.terms)
                case AnswerView():
                    self.answers[seen.party] = self._answer(seen)
                case OfferView():
                    self.offers.append((seen.seq, seen.room, self.agenda.package(seen.terms)))
                case AgreementView():
                    self.agreed = self.agenda.package(seen.terms)
                case _:
                    pass  # nothing else moves the automated mediator

    def round_answers(self) -> tuple[DraftAnswer, ...]:
        """This round's answers in party order; then the next round starts afresh."""
        answers = tuple(self.answers[p] for p in self.parties)
        self.answers = {}
        return answers

    def _answer(self, seen: AnswerView) -> DraftAnswer:
        names = self.agenda.names
        prefer = {
            names.index(issue): self.agenda.issues[names.index(issue)].options.index(option)
            for issue, option in seen.prefer
        }
        return DraftAnswer(
            accept=seen.accept,
            prefer=prefer,
            comparison=_compared(seen.comparison),
            comment=seen.comment or "",
        )


def _compared(comparison: Comparison | None) -> Compared | None:
    """The talk's comparison in the strategies' own words (plain strings, as they were given)."""
    match comparison:
        case None:
            return None
        case Comparison.BETTER:
            return "better"
        case Comparison.WORSE:
            return "worse"
        case Comparison.SAME:
            return "same"
        case _:
            assert_never(comparison)
