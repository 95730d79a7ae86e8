"""What an actor asks of proposals: put one, answer one."""

from __future__ import annotations

from dataclasses import dataclass

from shuttle.talks.single_text.commands import (
    Pairs,
)


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


ProposalCommand = Propose | AnswerProposal
"""What a participant asks of proposals, decided by `proposals.rules`."""
