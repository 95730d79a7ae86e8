"""The events of negotiating a text: agenda, drafts and answers, agreement and signatures,
mediator's proposals, blind bids, profiles, incidents and relayed offers.

Like every event they are frozen values of plain fields; numbers that are not counts are
decimal text (see `numbers`), so the record's canonical form never holds a float.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from shuttle.talks.agenda import AgendaIssue, Terms
from shuttle.talks.vocabulary import BidRule, Comparison, Handling, Source


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


@dataclass(frozen=True)
class Signed:
    """A party signed the agreement: its text's hash, at the record's head `head`."""

    kind: ClassVar[str] = "signed"
    by: str
    party: str
    text_hash: str
    head: str


@dataclass(frozen=True)
class Closed:
    """A mediator ended the talk without agreement."""

    kind: ClassVar[str] = "closed"
    by: str
    reason: str | None


@dataclass(frozen=True)
class Proposed:
    """A mediator's take-it-or-leave-it proposal, put to every party separately."""

    kind: ClassVar[str] = "proposed"
    by: str
    number: int
    terms: Terms
    clauses: tuple[str, ...]


@dataclass(frozen=True)
class ProposalAnswered:
    kind: ClassVar[str] = "proposal-answered"
    by: str
    party: str
    number: int
    accept: bool


@dataclass(frozen=True)
class ProposalConcluded:
    """Every party has answered: agreed only if all accepted. Says nothing of who rejected."""

    kind: ClassVar[str] = "proposal-concluded"
    number: int
    agreed: bool


@dataclass(frozen=True)
class BidOpened:
    """A mediator opened a blind bid on a numeric issue: `high` wants it high, `low` low."""

    kind: ClassVar[str] = "bid-opened"
    by: str
    number: int
    issue: str
    high: str
    low: str
    rule: BidRule


@dataclass(frozen=True)
class BidSubmitted:
    """A party's confidential bound: the least it accepts (`high` side) or the most (`low`)."""

    kind: ClassVar[str] = "bid-submitted"
    by: str
    party: str
    number: int
    bound: str


@dataclass(frozen=True)
class BidSettled:
    """Both bounds are in: the settled option, or (value None) no option satisfies both."""

    kind: ClassVar[str] = "bid-settled"
    number: int
    issue: str
    value: str | None


@dataclass(frozen=True)
class ProfileSubmitted:
    """A party's private preferences over the agenda; `shared` lets the mediator see them."""

    kind: ClassVar[str] = "profile"
    by: str
    party: str
    weights: tuple[tuple[str, str], ...]
    values: tuple[tuple[str, str, str], ...]
    reservation: str
    shared: bool


@dataclass(frozen=True)
class IncidentReported:
    """Something happened outside the talks; every reservation value falls by `drop`."""

    kind: ClassVar[str] = "incident"
    by: str
    text: str
    drop: str


@dataclass(frozen=True)
class Offered:
    """A delegate's offer of complete terms, made in its own room for the mediator to carry."""

    kind: ClassVar[str] = "offered"
    by: str
    room: str
    terms: Terms
    text: str
    handling: Handling


@dataclass(frozen=True)
class OfferAnswered:
    """A party answered an offer carried (verbatim) into its room: event `via`."""

    kind: ClassVar[str] = "offer-answered"
    by: str
    party: str
    offer: int
    via: int
    accept: bool


NegotiationFact = (
    AgendaSet
    | Drafted
    | Answered
    | Agreed
    | Signed
    | Closed
    | Proposed
    | ProposalAnswered
    | ProposalConcluded
    | BidOpened
    | BidSubmitted
    | BidSettled
    | ProfileSubmitted
    | IncidentReported
    | OfferAnswered
)
"""The events the negotiation's fold (`evolve_negotiation`) owns. An offer is not one of them:
it is a statement of its room, folded and carried like words (its answers are negotiation)."""
