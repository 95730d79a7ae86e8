"""The protocol's vocabulary: packages, a party's private answer to a draft, a round of the
single negotiating text, and what an automated party has seen.

All are frozen values; strategies are functions of them (see the package docstring for the
protocol itself).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, TypeAlias

Package: TypeAlias = tuple[int, ...]
"""One option index per issue, in the outcome space's issue order."""

Comparison: TypeAlias = Literal["better", "worse", "same"]
"""This version against the previous one, for the party answering."""


@dataclass(frozen=True)
class DraftAnswer:
    """A party's private answer to one version of the single text.

    `prefer` maps an issue position to the party's best option on that issue, for exactly the
    issues where the draft is not at a best option. `comparison` is None on version 1.
    """

    accept: bool
    prefer: dict[int, int] = field(default_factory=dict)
    comparison: Comparison | None = None
    comment: str = ""


@dataclass(frozen=True)
class Round:
    """One version of the single text and the parties' answers to it, in party order."""

    draft: Package
    answers: tuple[DraftAnswer, ...]


@dataclass(frozen=True)
class PartySight:
    """Everything an automated party has seen when it decides, oldest first.

    `time` is the version (or offer step) over the deadline, in [0, 1]. `drafts` ends with the
    draft being answered; `offers_received` ends with the offer being judged, if any.
    `escalation` is the amount incidents have taken off every reservation value so far.
    """

    time: float
    drafts: tuple[Package, ...] = ()
    offers_received: tuple[Package, ...] = ()
    own_offers: tuple[Package, ...] = ()
    escalation: float = 0.0
