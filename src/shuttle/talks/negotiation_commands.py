"""What an actor asks of the negotiation itself: agenda, text, proposals, bids, profiles,
incidents, offers, signatures. As with every command, fields hold what was typed; `decide`
checks them."""

from __future__ import annotations

from dataclasses import dataclass

from shuttle.talks.vocabulary import Comparison, Handling

Pairs = tuple[tuple[str, str], ...]
"""(issue, option) pairs as typed."""


@dataclass(frozen=True)
class Incident:
    """A scheduled incident as typed: after round `after_round`, with probability `chance`."""

    after_round: int
    text: str
    drop: float
    chance: float = 1.0


@dataclass(frozen=True)
class SetAgenda:
    """A mediator sets the agenda (issues and options) while nothing depends on it yet."""

    actor: str
    issues: tuple[tuple[str, tuple[str, ...]], ...]
    escalation: tuple[Incident, ...] = ()


@dataclass(frozen=True)
class Draft:
    """A mediator circulates a new version of the single text: an option for every issue."""

    actor: str
    terms: Pairs
    clauses: tuple[str, ...] = ()


@dataclass(frozen=True)
class Answer:
    """A delegate answers the current version (or names it: `version` must be the current)."""

    actor: str
    accept: bool
    version: int | None = None
    prefer: Pairs = ()
    comparison: Comparison | None = None
    comment: str | None = None


@dataclass(frozen=True)
class Sign:
    """A delegate signs the agreement for its party. The service stamps `head`: the record's
    head the signature vouches for; a head given by the signer must still be the current one."""

    actor: str
    head: str | None = None


@dataclass(frozen=True)
class Close:
    actor: str
    reason: str | None = None


@dataclass(frozen=True)
class Propose:
    actor: str
    terms: Pairs
    clauses: tuple[str, ...] = ()


@dataclass(frozen=True)
class AnswerProposal:
    actor: str
    accept: bool
    number: int | None = None


@dataclass(frozen=True)
class OpenBid:
    """A mediator opens a blind bid on a numeric issue between the party wanting it high and
    the party wanting it low."""

    actor: str
    issue: str
    high: str
    low: str


@dataclass(frozen=True)
class Bid:
    actor: str
    bound: float
    number: int | None = None


@dataclass(frozen=True)
class SubmitProfile:
    """A delegate's private preferences for its party: weights per issue, a value in [0, 1]
    for every option, a reservation value, and whether the mediator may see them."""

    actor: str
    weights: tuple[tuple[str, float], ...]
    values: tuple[tuple[str, str, float], ...]
    reservation: float
    share: bool = False


@dataclass(frozen=True)
class ReportIncident:
    actor: str
    text: str
    drop: float


@dataclass(frozen=True)
class Offer:
    """A delegate offers complete terms in its own room, for the mediator to carry."""

    actor: str
    terms: Pairs
    handling: Handling | None = None


@dataclass(frozen=True)
class AnswerOffer:
    """A delegate answers an offer carried verbatim into its room (the carriage's event)."""

    actor: str
    via: int
    accept: bool


NegotiationCommand = (
    SetAgenda
    | Draft
    | Answer
    | Sign
    | Close
    | Propose
    | AnswerProposal
    | OpenBid
    | Bid
    | SubmitProfile
    | ReportIncident
    | Offer
    | AnswerOffer
)
