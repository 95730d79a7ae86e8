"""The single negotiating text's events: the agenda, each version, the parties' answers, the
agreement and its signatures, a close without agreement, and incidents outside the talks."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from shuttle.talks.agenda import AgendaIssue, Terms
from shuttle.talks.vocabulary import Comparison, Source


@dataclass(frozen=True)
class EscalationStep:
    """A scheduled incident: after round `after_round`, with probability `chance`, every
    party's reservation value falls by `drop` (both decimal text)."""

    after_round: int
    text: str
    drop: str
    chance: str = "1.0"


@dataclass(frozen=True)
class AgendaSet:
    """The issues on the table and their options (set at opening, or later by a mediator)."""

    kind: ClassVar[str] = "agenda-set"
    by: str | None
    issues: tuple[AgendaIssue, ...]
    escalation: tuple[EscalationStep, ...] = ()


@dataclass(frozen=True)
class Drafted:
    """A mediator circulated version `version` of the single negotiating text."""

    kind: ClassVar[str] = "drafted"
    by: str
    version: int
    terms: Terms
    clauses: tuple[str, ...]


@dataclass(frozen=True)
class Answered:
    """A party's private answer to one version of the text."""

    kind: ClassVar[str] = "answered"
    by: str
    party: str
    version: int
    accept: bool
    prefer: Terms
    comparison: Comparison | None
    comment: str | None


@dataclass(frozen=True)
class Agreed:
    """Every party accepted the same text: a draft version, a proposal, or a relayed offer."""

    kind: ClassVar[str] = "agreed"
    reached_on: Source
    ref: int
    terms: Terms
    clauses: tuple[str, ...]
    text_hash: str


def intent_to_sign(name: str, party: str, text_hash: str) -> str:
    """The statement a delegate confirms before it signs, shown to it and recorded as said:
    who signs, for whom, which text (by its hash), and that the signature is electronic."""
    return (
        f"I, {name}, sign this agreement electronically on behalf of {party}, "
        f"and mean to be bound by its text (hash {text_hash})."
    )


@dataclass(frozen=True)
class Signed:
    """A party signed the agreement: its text's hash, at the record's head `head`, and the
    statement of intent its delegate confirmed (None in records made before it was asked)."""

    kind: ClassVar[str] = "signed"
    by: str
    party: str
    text_hash: str
    head: str
    intent: str | None = None


@dataclass(frozen=True)
class Closed:
    """A mediator ended the talk without agreement."""

    kind: ClassVar[str] = "closed"
    by: str
    reason: str | None


@dataclass(frozen=True)
class IncidentReported:
    """Something happened outside the talks; every reservation value falls by `drop`."""

    kind: ClassVar[str] = "incident"
    by: str
    text: str
    drop: str


TextFact = AgendaSet | Drafted | Answered | Agreed | Signed | Closed | IncidentReported
"""The single text's events, folded by `single_text.fold`."""
