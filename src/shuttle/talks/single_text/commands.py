"""What an actor asks of the single text: set the agenda, draft, answer, sign, close, report
an incident."""

from __future__ import annotations

from dataclasses import dataclass

from shuttle.talks.vocabulary import Comparison

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
    head the signature vouches for; a head given by the signer must still be the current one.

    `intent` is the signer's confirmation, after reading the whole text, that it means to sign
    it electronically; `text_hash`, when given, is the hash of the text it read, which must be
    the agreed one."""

    actor: str
    head: str | None = None
    intent: bool = False
    text_hash: str | None = None


@dataclass(frozen=True)
class Close:
    actor: str
    reason: str | None = None


@dataclass(frozen=True)
class ReportIncident:
    actor: str
    text: str
    drop: float


TextCommand = SetAgenda | Draft | Answer | Sign | Close | ReportIncident
"""What a participant asks of the single text, decided by `single_text.rules`."""
