"""The machine's rules for a party's own positions: a private profile of its preferences (every
number in it a secret of its own), an offer made in its room, and the answer to an offer a
mediator carried word for word into its room.

An aimed answer to an offer goes several steps of the way in one rule (an offer that may
travel, its verbatim carriage, the answer); the views are checked between the steps.
"""

from __future__ import annotations

from hypothesis import strategies as st
from hypothesis.stateful import rule

from shuttle.talks import AnswerOffer, Convey, Handling, Mode, Offer, SubmitProfile
from tests.talks.confidentiality.machine.arguments import Arguments
from tests.talks.confidentiality.machine.draws import (
    TermsDraw,
    actors,
    answer_bits,
    picks,
    salts,
    step_counts,
    terms_draws,
    yes,
)
from tests.talks.confidentiality.machine.running import Running
from tests.talks.confidentiality.machine.views import ViewChecks
from tests.talks.confidentiality.machine.vocabulary import HANDLINGS


class ProfileAndOfferRules(Arguments, Running, ViewChecks):
    """Rules: submit_profile, offer, answer_offer."""

    @rule(
        actor=actors,
        salt=salts,
        share=st.booleans(),
        flaw=st.sampled_from(("",) * 5 + ("weight", "option", "range")),
        aimed=st.booleans(),
    )
    def submit_profile(self, actor: int, salt: int, share: bool, flaw: str, aimed: bool) -> None:
        """A party's private preferences, shared with the mediator or not; every number in it
        is a secret of its own."""
        agenda = self.oracle.agenda
        secret = self.oracle.secret
        weights = [(name, secret(i % 3, salt)) for i, (name, _) in enumerate(agenda)]
        values = [(name, o, secret(0, salt)) for name, options in agenda for o in options]
        if flaw == "weight":
            weights.pop()
        elif flaw == "option":
            values.append((agenda[0][0], "nope", 0.5))
        elif flaw == "range":
            values[0] = (values[0][0], values[0][1], 1.5)
        who = self.delegate_in([], actor) if aimed else self.actor_name(actor)
        self.run(SubmitProfile(who, tuple(weights), tuple(values), secret(0, salt), share))

    @rule(
        actor=actors,
        terms=terms_draws,
        handling=st.sampled_from(HANDLINGS),
        aimed=st.booleans(),
    )
    def offer(self, actor: int, terms: TermsDraw, handling: Handling | None, aimed: bool) -> None:
        who = self.delegate_in([], actor) if aimed else self.actor_name(actor)
        self.run(Offer(who, self.typed_terms(terms, aimed), handling))

    @rule(
        actor=actors,
        via=picks,
        accept=answer_bits,
        terms=terms_draws,
        steps=step_counts,
        aimed=st.booleans(),
        probe=st.booleans(),
    )
    def answer_offer(
        self,
        actor: int,
        via: int,
        accept: int,
        terms: TermsDraw,
        steps: int,
        aimed: bool,
        probe: bool,
    ) -> None:
        """A party answers an offer carried into its room. Aimed, `steps` of the way: an offer
        that may travel, its verbatim carriage, the answer."""
        if not aimed:
            who, seq = self.probe(actor, via) if probe else (None, self.seq(via))
            self.run(AnswerOffer(who or self.actor_name(actor), seq, yes(accept, 0)))
            return
        for step in range(steps):
            self.between_steps(step)
            self.towards_offer_answer(actor + step, via, yes(accept, step), terms)

    def towards_offer_answer(self, pick: int, via: int, accept: bool, terms: TermsDraw) -> None:
        oracle = self.oracle
        carriages = [
            (seq, e)
            for seq, e in oracle.entries.items()
            if e.kind == "conveyed" and e.terms and e.source is not None
            if e.to_room not in oracle.offer_answers.get(e.source, {})
        ]
        if carriages:
            seq, carriage = carriages[via % len(carriages)]
            assert carriage.to_room is not None
            self.run(AnswerOffer(self.delegate_in([carriage.to_room], pick), seq, accept))
            return
        offers = [
            (seq, e)
            for seq, e in oracle.statements()
            if e.kind == "offered" and e.handling is not Handling.MEDIATOR_ONLY
        ]
        if offers:
            seq, offer = offers[via % len(offers)]
            others = [p for p in oracle.parties if p != offer.room]
            self.run(Convey(self.mediator(pick), seq, others[pick % len(others)], Mode.VERBATIM))
            return
        handling = (Handling.MAY_CONVEY, Handling.VERBATIM_ONLY)[via % 2]
        self.run(Offer(self.delegate_in([], pick), self.typed_terms(terms, True), handling))
