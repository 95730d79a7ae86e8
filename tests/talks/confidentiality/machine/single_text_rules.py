"""The machine's rules for the single text: setting the agenda, drafting, the parties' private
answers, signing the agreement, closing the talk, and incidents a mediator reports.

Aimed answers and signatures go several steps of the way in one rule (a draft first, then
answers from parties yet to accept it, then signatures), so that agreements and signatures
happen; the views are checked between the steps.
"""

from __future__ import annotations

from hypothesis import strategies as st
from hypothesis.stateful import rule

from shuttle.talks import Answer, Close, Comparison, Draft, ReportIncident, SetAgenda, Sign
from tests.talks.confidentiality.machine.arguments import Arguments
from tests.talks.confidentiality.machine.draws import (
    AnswerDraw,
    PreferDraw,
    TermsDraw,
    TextDraw,
    actors,
    answer_bits,
    clause_draws,
    heads,
    picks,
    prefer_draws,
    step_counts,
    terms_draws,
    texts,
    yes,
)
from tests.talks.confidentiality.machine.running import Running
from tests.talks.confidentiality.machine.views import ViewChecks
from tests.talks.confidentiality.machine.vocabulary import AGENDAS, DROPS, GHOSTS
from tests.talks.confidentiality.oracle.vocabulary import Agenda


class SingleTextRules(Arguments, Running, ViewChecks):
    """Rules: set_agenda, draft, answer, sign, close, report_incident."""

    @rule(actor=actors, agenda=picks, flaw=st.booleans(), aimed=st.booleans())
    def set_agenda(self, actor: int, agenda: int, flaw: bool, aimed: bool) -> None:
        """A mediator replaces the agenda (refused once anything rests on it)."""
        issues: Agenda = AGENDAS[agenda % len(AGENDAS)]
        if flaw:
            issues = (*issues[:-1], (issues[-1][0], issues[-1][1][:1]))  # one option only
        who = self.mediator(actor) if aimed else self.actor_name(actor)
        self.run(SetAgenda(who, issues))

    @rule(actor=actors, terms=terms_draws, clauses=clause_draws, aimed=st.booleans())
    def draft(self, actor: int, terms: TermsDraw, clauses: list[TextDraw], aimed: bool) -> None:
        who = self.mediator(actor) if aimed else self.actor_name(actor)
        self.run(Draft(who, self.typed_terms(terms, aimed), self.clauses(clauses)))

    @rule(
        actor=actors,
        accept=answer_bits,
        version=st.sampled_from(("none", "current", "old", "next")),
        prefer=prefer_draws,
        comparison=st.sampled_from((None, *Comparison)),
        comment=st.none() | texts,
        terms=terms_draws,
        steps=step_counts,
        aimed=st.booleans(),
    )
    def answer(
        self,
        actor: int,
        accept: int,
        version: str,
        prefer: PreferDraw,
        comparison: Comparison | None,
        comment: TextDraw | None,
        terms: TermsDraw,
        steps: int,
        aimed: bool,
    ) -> None:
        """Parties answer the current draft privately: accept or not, options they prefer, a
        comparison with the previous version, a comment. Aimed, `steps` of the way to an
        agreement: a draft if there is none, then answers from parties yet to accept it."""
        if not aimed:
            current = len(self.oracle.drafts)
            typed = {"none": None, "current": current, "old": current - 1, "next": current + 1}
            text = None if comment is None else self.text(comment)
            prefers = self.typed_prefer(prefer, False)
            self.run(
                Answer(
                    self.actor_name(actor),
                    yes(accept, 0),
                    typed[version],
                    prefers,
                    comparison,
                    text,
                )
            )
            return
        for step in range(steps):
            self.between_steps(step)
            answer = AnswerDraw(yes(accept, step), version == "none", prefer, comparison, comment)
            self.towards_agreement(actor + step, answer, terms)

    def towards_agreement(self, pick: int, answer: AnswerDraw, terms: TermsDraw) -> None:
        """One step towards agreeing on the single text: draft it, or answer it for a party
        that has not accepted it yet."""
        current = len(self.oracle.drafts)
        if not current:
            self.run(Draft(self.mediator(pick), self.typed_terms(terms, True)))
            return
        answers = self.oracle.answers
        waiting = [p for p in self.oracle.parties if not answers.get((current, p))]
        self.run(
            Answer(
                self.delegate_in(waiting, pick),
                answer.accept,
                None if answer.omit_version else current,
                self.typed_prefer(answer.prefer, True),
                None if current == 1 else answer.comparison,
                None if answer.comment is None else self.text(answer.comment),
            )
        )

    @rule(actor=actors, head=heads, steps=step_counts, aimed=st.booleans())
    def sign(self, actor: int, head: str, steps: int, aimed: bool) -> None:
        """Parties sign the agreement at the record's head. Aimed, `steps` of the way: towards
        an agreement on the single text first, then a signature from each party."""
        if not aimed:
            # Unaimed tries also sign without confirming intent, or for another text.
            intent, text_hash = actor % 5 != 1, "0" * 64 if actor % 7 == 3 else None
            self.run(Sign(self.actor_name(actor), self.head(head), intent, text_hash))
            return
        for step in range(steps):
            self.between_steps(step)
            if self.oracle.agreement is None:
                yes = AnswerDraw(True, True, PreferDraw((), False), None, None)
                self.towards_agreement(actor + step, yes, TermsDraw((actor, step, actor // 3), ""))
                continue
            unsigned = [p for p in self.oracle.parties if p not in self.oracle.signatures]
            self.run(Sign(self.delegate_in(unsigned, actor + step), self.head(head), intent=True))

    @rule(actor=actors, sometimes=st.integers(0, 7), reason=st.none() | texts)
    def close(self, actor: int, sometimes: int, reason: TextDraw | None) -> None:
        """Closing ends the talk, so a mediator closes it only sometimes; the other tries are
        by someone who may not close it."""
        typed = None if reason is None else self.text(reason)
        if sometimes == 0:
            self.run(Close(self.mediator(actor), typed))
            return
        others = [p.name for p in self.oracle.delegates()] + list(GHOSTS + self.oracle.parties)
        self.run(Close(others[actor % len(others)], typed))

    @rule(actor=actors, text=texts, drop=st.sampled_from(DROPS), aimed=st.booleans())
    def report_incident(self, actor: int, text: TextDraw, drop: float, aimed: bool) -> None:
        who = self.mediator(actor) if aimed else self.actor_name(actor)
        self.run(ReportIncident(who, self.text(text), drop))
