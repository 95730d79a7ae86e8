"""A mediator's proposals: put to every party, answered in confidence, concluded."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from shuttle.talks.agenda import Terms


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


ProposalFact = Proposed | ProposalAnswered | ProposalConcluded
"""The proposals' events, folded by `proposals.fold`."""
