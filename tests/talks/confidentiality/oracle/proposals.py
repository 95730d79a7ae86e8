"""What the rules say of a mediator's proposals: one open at a time, answered by each party in
confidence, concluded -- agreed or not -- once every party has answered.

Each prediction is the list of events the command must produce, or None: refused.
"""

from __future__ import annotations

from shuttle.talks import AnswerProposal, Propose, Source
from shuttle.talks.events import Event
from shuttle.talks.proposals.events import ProposalAnswered, ProposalConcluded, Proposed
from tests.talks.confidentiality.oracle.books import Person
from tests.talks.confidentiality.oracle.terms import TermsReading


class ProposalPredictions(TermsReading):
    """Predictions for proposing and answering a proposal."""

    def expect_propose(self, actor: Person, command: Propose) -> list[Event] | None:
        terms = self.terms(command.terms)
        clauses = self.clauses(command.clauses)
        if self.open_proposal is not None or terms is None or clauses is None:
            return None
        return [Proposed(actor.name, len(self.proposals) + 1, terms, clauses)]

    def expect_answer_proposal(
        self, by: str, party: str, command: AnswerProposal
    ) -> list[Event] | None:
        number = self.open_proposal if command.number is None else command.number
        proposal = None if number is None else self.proposals.get(number)
        if number is None or proposal is None or proposal.concluded or party in proposal.answers:
            return None
        if command.accept and not self.keeps_settled(proposal.terms):
            return None  # a blind bid settled an issue otherwise since the proposal
        events: list[Event] = [ProposalAnswered(by, party, number, command.accept)]
        answers = proposal.answers | {party: command.accept}
        if set(answers) == set(self.parties):
            everyone = all(answers.values())
            events.append(ProposalConcluded(number, everyone))
            if everyone:
                events.append(
                    self.agreed(Source.PROPOSAL, number, proposal.terms, proposal.clauses)
                )
        return events
