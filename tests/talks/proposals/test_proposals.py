"""The mediator's proposal: take it or leave it, double-blind -- each party learns only whether
every party accepted, never who rejected."""

from __future__ import annotations

import json
from typing import Any

import pytest

from shuttle.talks import (
    AnswerProposal,
    Bid,
    Invalid,
    NotFound,
    OpenBid,
    ProposalAnswerView,
    ProposalOutcomeView,
    ProposalView,
    Propose,
    Refused,
    Source,
)
from shuttle.talks.agenda import text_hash
from shuttle.talks.proposals.events import ProposalAnswered, ProposalConcluded, Proposed
from shuttle.talks.single_text.events import Agreed
from tests.talks.driver import (
    IRAN,
    TERMS,
    US,
    Talk,
    open_negotiation,
    open_talk,
    open_three,
    refused,
)

OTHER: tuple[tuple[str, str], ...] = (("Enrichment", "60"), ("Sanctions", "full"))


def public_view(talk: Talk, name: str, without: int | None = None) -> list[dict[str, Any]]:
    """`name`'s view after the opening (whose delegate list differs by party), less `without`."""
    return [s.to_dict() for s in talk.view(name) if s.seq > 1 and s.seq != without]


# -- proposing ------------------------------------------------------------------------------------


def test_a_mediator_proposes_numbered_take_it_or_leave_it_texts() -> None:
    talk = open_negotiation()
    events = talk.do(Propose("Oman", (("Sanctions", "partial"), ("Enrichment", "20")), (" C. ",)))
    assert events == [Proposed("Oman", 1, TERMS, ("C.",))]
    proposal = talk.state.negotiation.open_proposal
    assert proposal is not None and proposal.number == 1 and proposal.agreed is None
    for name in ("US Envoy", "Iranian FM"):
        assert isinstance(talk.view(name)[-1], ProposalView)


@pytest.mark.parametrize("actor", ["US Envoy", "Iranian FM"])
def test_only_a_mediator_proposes(actor: str) -> None:
    talk = open_negotiation()
    refused(
        talk,
        Propose(actor, TERMS),
        Refused,
        "only a mediator makes a mediator's proposal",
        "offer terms in your own room",
    )


def test_one_open_proposal_at_a_time() -> None:
    talk = open_negotiation()
    talk.do(Propose("Oman", TERMS))
    talk.do(AnswerProposal("US Envoy", True))
    refused(
        talk,
        Propose("Oman", OTHER),
        Refused,
        "proposal 1 still awaits answers",
        "wait until every party has answered it",
    )
    talk.do(AnswerProposal("Iranian FM", False))
    [event] = talk.do(Propose("Oman", OTHER))
    assert isinstance(event, Proposed) and event.number == 2


def test_a_proposal_needs_an_agenda_and_complete_terms() -> None:
    refused(open_talk(), Propose("Oman", TERMS), Refused, "this talk has no agenda yet")
    talk = open_negotiation()
    refused(
        talk,
        Propose("Oman", (("Enrichment", "20"),)),
        Invalid,
        "a proposal's terms give no option for 'Sanctions'",
    )
    refused(talk, Propose("Oman", TERMS, ("",)), Invalid, "clause is empty")


def test_a_proposal_keeps_what_a_blind_bid_settled() -> None:
    talk = open_negotiation()
    talk.do(OpenBid("Oman", "Enrichment", US, IRAN))
    talk.do(Bid("US Envoy", 50))
    talk.do(Bid("Iranian FM", 70))
    refused(
        talk,
        Propose("Oman", TERMS),
        Refused,
        "'Enrichment' was settled at '60' by a blind bid",
        "keep Enrichment=60",
    )
    talk.do(Propose("Oman", OTHER))


# -- answering ------------------------------------------------------------------------------------


def test_answers_are_final_and_conclude_when_every_party_has_answered() -> None:
    talk = open_negotiation()
    talk.do(Propose("Oman", TERMS, ("C.",)))
    assert talk.do(AnswerProposal("US Envoy", True)) == [ProposalAnswered("US Envoy", US, 1, True)]
    refused(
        talk,
        AnswerProposal("US Deputy", False),
        Refused,
        "'United States' has already answered proposal 1",
        "an answer to a proposal is final",
    )
    events = talk.do(AnswerProposal("Iranian FM", True, number=1))
    assert events == [
        ProposalAnswered("Iranian FM", IRAN, 1, True),
        ProposalConcluded(1, True),
        Agreed(Source.PROPOSAL, 1, TERMS, ("C.",), text_hash(TERMS, ("C.",))),
    ]
    negotiation = talk.state.negotiation
    assert negotiation.proposals[1].agreed is True and negotiation.open_proposal is None
    assert negotiation.agreement is not None and negotiation.agreement.reached_on is Source.PROPOSAL


def test_one_rejection_concludes_without_agreement() -> None:
    talk = open_negotiation()
    talk.do(Propose("Oman", TERMS))
    talk.do(AnswerProposal("Iranian FM", False))
    events = talk.do(AnswerProposal("US Envoy", True))
    assert events[1:] == [ProposalConcluded(1, False)]
    assert talk.state.negotiation.agreement is None
    assert talk.state.negotiation.proposals[1].agreed is False


def test_a_mediator_does_not_answer_a_proposal() -> None:
    talk = open_negotiation()
    talk.do(Propose("Oman", TERMS))
    refused(
        talk,
        AnswerProposal("Oman", True),
        Refused,
        "only a party's delegate answers a mediator's proposal",
    )


def test_an_answer_needs_an_open_proposal() -> None:
    talk = open_negotiation()
    refused(
        talk,
        AnswerProposal("US Envoy", True),
        Refused,
        "no mediator's proposal awaits an answer",
        "wait for a proposal",
    )
    message = refused(talk, AnswerProposal("US Envoy", True, number=3), NotFound)
    assert message == "proposal 3 not found"


def test_a_concluded_proposal_is_not_answered_again() -> None:
    talk = open_negotiation()
    talk.do(Propose("Oman", TERMS))
    talk.do(AnswerProposal("US Envoy", False))
    talk.do(AnswerProposal("Iranian FM", False))
    refused(talk, AnswerProposal("US Envoy", True), Refused, "no mediator's proposal awaits")
    refused(
        talk,
        AnswerProposal("US Envoy", True, number=1),
        Refused,
        "proposal 1 has been concluded",
        "answer the current proposal",
    )
    talk.do(Propose("Oman", OTHER))
    refused(talk, AnswerProposal("US Envoy", True, number=1), Refused, "has been concluded")
    refused(talk, AnswerProposal("US Envoy", True, number=0), NotFound, "proposal 0 not found")
    [answered] = talk.do(AnswerProposal("US Envoy", True))
    assert isinstance(answered, ProposalAnswered) and answered.number == 2


def test_three_parties_conclude_only_on_the_last_answer() -> None:
    talk = open_three()
    talk.do(Propose("Med", TERMS))
    assert len(talk.do(AnswerProposal("Ann", True))) == 1
    assert len(talk.do(AnswerProposal("Ben", True))) == 1
    events = talk.do(AnswerProposal("Gil", True))
    assert [type(e) for e in events] == [ProposalAnswered, ProposalConcluded, Agreed]


# -- double-blind -------------------------------------------------------------------------------


def test_the_outcome_says_nothing_of_who_rejected() -> None:
    talk = open_three()
    talk.do(Propose("Med", TERMS))
    talk.do(AnswerProposal("Ann", True))
    ann = talk.last
    talk.do(AnswerProposal("Ben", False))
    ben = talk.last
    talk.do(AnswerProposal("Gil", True))
    gil, concluded = talk.last - 1, talk.last  # the conclusion follows the last answer
    assert talk.state.record[-1].event == ProposalConcluded(1, False)

    # A rejecting and an accepting party see the same record, but for their own answer.
    assert public_view(talk, "Ben", without=ben) == public_view(talk, "Ann", without=ann)
    assert public_view(talk, "Gil", without=gil) == public_view(talk, "Ann", without=ann)
    # The conclusion itself is one bit.
    [seen] = [s for s in talk.view("Ann") if s.seq == concluded]
    assert isinstance(seen, ProposalOutcomeView) and (seen.number, seen.agreed) == (1, False)
    shown = seen.to_dict()
    assert shown["by"] is None and shown["room"] is None and shown["text"] is None

    # The rejecting party sees its own answer and no other party's.
    answers = [s for s in talk.view("Ben") if isinstance(s, ProposalAnswerView)]
    assert [(s.seq, s.party, s.accept) for s in answers] == [(ben, "Beta", False)]
    ben_text = json.dumps([s.to_dict() for s in talk.view("Ben")])
    assert "Ann" not in ben_text and "Gil" not in ben_text and "Alpha" in ben_text


def test_the_mediator_sees_every_answer() -> None:
    talk = open_three()
    talk.do(Propose("Med", TERMS))
    talk.do(AnswerProposal("Ann", True))
    talk.do(AnswerProposal("Ben", False))
    answers = [s for s in talk.view("Med") if isinstance(s, ProposalAnswerView)]
    assert [(s.party, s.accept) for s in answers] == [
        ("Alpha", True),
        ("Beta", False),
    ]


def test_before_the_conclusion_a_party_sees_only_the_proposal_and_its_own_answer() -> None:
    talk = open_three()
    talk.do(Propose("Med", TERMS))
    proposed = talk.last
    talk.do(AnswerProposal("Ann", False))
    talk.do(AnswerProposal("Ben", True))
    ben = talk.last
    assert talk.seqs("Ben")[1:] == [2, proposed, ben]
    assert talk.seqs("Gil")[1:] == [2, proposed]


def test_a_proposal_overtaken_by_a_blind_bid_is_never_agreed() -> None:
    """Proposal 1 says Enrichment 20; while it is open, a blind bid settles Enrichment at 60.
    Accepting the proposal must not make an agreement that undoes the settlement (an offer's
    acceptance is refused in the same case)."""
    talk = open_negotiation()
    talk.do(Propose("Oman", TERMS))
    talk.do(OpenBid("Oman", "Enrichment", US, IRAN))
    talk.do(Bid("US Envoy", 50))
    talk.do(Bid("Iranian FM", 70))
    assert talk.state.negotiation.settled == {"Enrichment": "60"}
    refused(talk, AnswerProposal("US Envoy", True), Refused, "'Enrichment' was settled at '60'")
    talk.do(AnswerProposal("US Envoy", False))
    talk.do(AnswerProposal("Iranian FM", False))
    assert talk.state.negotiation.proposals[1].agreed is False
    agreement = talk.state.negotiation.agreement
    assert agreement is None or dict(agreement.terms)["Enrichment"] == "60", agreement
