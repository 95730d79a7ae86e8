"""The machine's rules for a mediator's proposals: proposing, and the parties' answers, which
nobody else may learn -- not even, once the proposal is concluded, who rejected it.

An aimed answer goes several steps of the way in one rule (a proposal if none awaits answers,
then the answers); the views are checked between the steps.
"""

from __future__ import annotations

from hypothesis import strategies as st
from hypothesis.stateful import rule

from shuttle.talks import AnswerProposal, Propose
from tests.talks.confidentiality.machine.arguments import Arguments
from tests.talks.confidentiality.machine.draws import (
    TermsDraw,
    TextDraw,
    actors,
    answer_bits,
    clause_draws,
    step_counts,
    terms_draws,
    yes,
)
from tests.talks.confidentiality.machine.running import Running
from tests.talks.confidentiality.machine.views import ViewChecks


class ProposalRules(Arguments, Running, ViewChecks):
    """Rules: propose, answer_proposal."""

    @rule(actor=actors, terms=terms_draws, clauses=clause_draws, aimed=st.booleans())
    def propose(self, actor: int, terms: TermsDraw, clauses: list[TextDraw], aimed: bool) -> None:
        who = self.mediator(actor) if aimed else self.actor_name(actor)
        self.run(Propose(who, self.typed_terms(terms, aimed), self.clauses(clauses)))

    @rule(
        actor=actors,
        accept=answer_bits,
        number=st.sampled_from(("none", "open", "first", "next")),
        terms=terms_draws,
        steps=step_counts,
        aimed=st.booleans(),
    )
    def answer_proposal(
        self,
        actor: int,
        accept: int,
        number: str,
        terms: TermsDraw,
        steps: int,
        aimed: bool,
    ) -> None:
        """Parties answer the mediator's proposal, double-blind: nobody else learns an answer.
        Aimed, `steps` of the way: a proposal if none awaits answers, then the answers."""
        if not aimed:
            count = len(self.oracle.proposals)
            typed = {"none": None, "open": count, "first": 1, "next": count + 1}
            self.run(AnswerProposal(self.actor_name(actor), yes(accept, 0), typed[number]))
            return
        for step in range(steps):
            self.between_steps(step)
            pending = self.oracle.open_proposal
            if pending is None:
                self.run(Propose(self.mediator(actor), self.typed_terms(terms, True)))
                continue
            answered = self.oracle.proposals[pending].answers
            waiting = [p for p in self.oracle.parties if p not in answered]
            who = self.delegate_in(waiting, actor + step)
            self.run(AnswerProposal(who, yes(accept, step), None if number == "none" else pending))
