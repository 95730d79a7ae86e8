"""The single text's part of the negotiation's state: each version, the answers to it, the
agreement -- and how each of its events folds into that state."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, assert_never

from shuttle.talks.agenda import Agenda
from shuttle.talks.numbers import escalated
from shuttle.talks.single_text.events import (
    AgendaSet,
    Agreed,
    Answered,
    Closed,
    Drafted,
    IncidentReported,
    Signed,
    TextFact,
)

if TYPE_CHECKING:  # the negotiation's state holds this seam's records: imported for types only
    from shuttle.talks.negotiation import Negotiation

from dataclasses import dataclass

from shuttle.talks.agenda import Terms
from shuttle.talks.vocabulary import Comparison, Source


@dataclass(frozen=True)
class DraftVersion:
    seq: int
    version: int
    terms: Terms
    clauses: tuple[str, ...]


@dataclass(frozen=True)
class PartyAnswer:
    seq: int
    accept: bool
    prefer: Terms
    comparison: Comparison | None
    comment: str | None


@dataclass(frozen=True)
class Agreement:
    seq: int
    reached_on: Source
    ref: int
    terms: Terms
    clauses: tuple[str, ...]
    text_hash: str


def evolve_text(n: Negotiation, seq: int, event: TextFact) -> Negotiation:
    """Fold one event of the single text into the negotiation's state."""
    match event:
        case AgendaSet():
            return replace(
                n,
                agenda=Agenda(event.issues),
                agenda_seq=seq,
                escalation_schedule=event.escalation,
            )
        case Drafted():
            draft = DraftVersion(seq, event.version, event.terms, event.clauses)
            return replace(n, drafts=n.drafts.append(draft))
        case Answered():
            answer = PartyAnswer(seq, event.accept, event.prefer, event.comparison, event.comment)
            return replace(n, answers=n.answers.set((event.version, event.party), answer))
        case Agreed():
            agreement = Agreement(
                seq, event.reached_on, event.ref, event.terms, event.clauses, event.text_hash
            )
            return replace(n, agreement=agreement)
        case Signed():
            return replace(n, signatures=n.signatures.set(event.party, seq))
        case Closed():
            return replace(n, closed=seq)
        case IncidentReported():
            return replace(
                n, incidents=n.incidents + 1, escalation=escalated(n.escalation, event.drop)
            )
        case _:
            assert_never(event)
