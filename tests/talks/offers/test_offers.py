"""Offers relayed by the mediator: a delegate offers complete terms in its own room; a verbatim
carriage takes the terms into another room, where a delegate may accept them."""

from __future__ import annotations

import re

import pytest

from shuttle.talks import (
    AgreementView,
    AnswerOffer,
    Bid,
    CarriedInView,
    Convey,
    Draft,
    Handling,
    Invalid,
    Mode,
    NotFound,
    Offer,
    OfferView,
    OpenBid,
    Refused,
    Say,
    Source,
)
from shuttle.talks.agenda import text_hash
from shuttle.talks.conversation.events import Conveyed
from shuttle.talks.offers.events import OfferAnswered, Offered
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

COUNTER: tuple[tuple[str, str], ...] = (("Enrichment", "60"), ("Sanctions", "full"))
TEXT = "Enrichment: 20; Sanctions: partial"


def offered(talk: Talk, actor: str = "US Envoy") -> int:
    talk.do(Offer(actor, TERMS))
    return talk.last


def carried(talk: Talk, source: int, to: str, mediator: str = "Oman") -> int:
    talk.do(Convey(mediator, source, to, Mode.VERBATIM))
    return talk.last


# -- offering -------------------------------------------------------------------------------------


def test_a_delegate_offers_complete_terms_in_its_own_room() -> None:
    talk = open_negotiation(handling=Handling.VERBATIM_ONLY)
    events = talk.do(Offer("US Deputy", (("Sanctions", " partial"), (" Enrichment", "20"))))
    assert events == [Offered("US Deputy", US, TERMS, TEXT, Handling.VERBATIM_ONLY)]
    statement = talk.state.statements[talk.last]
    assert statement.is_offer and statement.terms == TERMS and statement.party == US


def test_an_offer_may_set_its_own_handling() -> None:
    talk = open_negotiation()
    [event] = talk.do(Offer("Iranian FM", TERMS, Handling.MAY_CONVEY))
    assert isinstance(event, Offered) and event.handling is Handling.MAY_CONVEY


def test_a_mediator_makes_no_offer() -> None:
    refused(
        open_negotiation(),
        Offer("Oman", TERMS),
        Refused,
        "offers are made by a party's delegates",
        "a mediator circulates a draft or makes a proposal",
    )


def test_an_offer_needs_an_agenda_and_complete_terms() -> None:
    refused(open_talk(), Offer("US Envoy", TERMS), Refused, "this talk has no agenda yet")
    refused(
        open_negotiation(),
        Offer("US Envoy", (("Enrichment", "20"),)),
        Invalid,
        "an offer's terms give no option for 'Sanctions'",
    )
    refused(
        open_negotiation(),
        Offer("US Envoy", (("Enrichment", "21"), ("Sanctions", "none"))),
        Invalid,
        "'21' is not an option of 'Enrichment'",
    )


def test_an_offer_is_seen_in_its_own_room_and_by_the_mediator() -> None:
    talk = open_negotiation()
    seq = offered(talk)
    assert seq in talk.seqs("US Deputy") and seq in talk.seqs("Oman")
    assert seq not in talk.seqs("Iranian FM")
    seen = talk.view("US Deputy")[-1]
    assert isinstance(seen, OfferView) and seen.room == US and seen.text == TEXT
    assert seen.terms == (("Enrichment", "20"), ("Sanctions", "partial"))


# -- carrying -------------------------------------------------------------------------------------


def test_a_verbatim_carriage_carries_the_terms() -> None:
    talk = open_negotiation(handling=Handling.VERBATIM_ONLY)
    source = offered(talk)
    [event] = talk.do(Convey("Oman", source, IRAN, Mode.VERBATIM))
    assert event == Conveyed("Oman", source, US, IRAN, Mode.VERBATIM, TEXT, TERMS)
    received = talk.view("Iranian FM")[-1]
    assert isinstance(received, CarriedInView)
    assert received.text == TEXT and received.room == IRAN
    assert received.mode is Mode.VERBATIM and received.from_room == US
    assert received.terms == (("Enrichment", "20"), ("Sanctions", "partial"))


def test_a_paraphrase_carries_no_terms() -> None:
    talk = open_negotiation(handling=Handling.MAY_CONVEY)
    source = offered(talk)
    [event] = talk.do(Convey("Oman", source, IRAN, Mode.PARAPHRASE, "They might move."))
    assert isinstance(event, Conveyed) and event.terms == ()
    received = talk.view("Iranian FM")[-1]
    assert isinstance(received, CarriedInView)
    assert received.text == "They might move." and received.terms == ()


def test_a_verbatim_carriage_of_words_carries_no_terms() -> None:
    talk = open_negotiation(handling=Handling.VERBATIM_ONLY)
    talk.do(Say("US Envoy", "Just words."))
    [event] = talk.do(Convey("Oman", talk.last, IRAN, Mode.VERBATIM))
    assert isinstance(event, Conveyed) and event.terms == ()
    received = talk.view("Iranian FM")[-1]
    assert isinstance(received, CarriedInView) and received.terms == ()


def test_a_mediator_only_offer_never_leaves_its_room() -> None:
    talk = open_negotiation()
    source = offered(talk)
    refused(
        talk,
        Convey("Oman", source, IRAN, Mode.VERBATIM),
        Refused,
        f"statement {source} is mediator-only",
    )


# -- answering ------------------------------------------------------------------------------------


def test_accepting_a_carried_offer_in_a_two_party_talk_is_agreement() -> None:
    talk = open_negotiation(handling=Handling.VERBATIM_ONLY)
    source = offered(talk)
    via = carried(talk, source, IRAN)
    events = talk.do(AnswerOffer("Iranian FM", via, True))
    assert events == [
        OfferAnswered("Iranian FM", IRAN, source, via, True),
        Agreed(Source.OFFER, source, TERMS, (), text_hash(TERMS, ())),
    ]
    agreement = talk.state.negotiation.agreement
    assert agreement is not None and agreement.reached_on is Source.OFFER
    assert talk.state.negotiation.offer_answers == {source: {IRAN: True}}
    for name in ("Oman", "US Envoy", "Iranian FM"):
        assert isinstance(talk.view(name)[-1], AgreementView)


def test_a_rejection_is_final_and_reaches_only_the_answering_party() -> None:
    talk = open_negotiation(handling=Handling.VERBATIM_ONLY)
    source = offered(talk)
    via = carried(talk, source, IRAN)
    assert talk.do(AnswerOffer("Iranian FM", via, False)) == [
        OfferAnswered("Iranian FM", IRAN, source, via, False)
    ]
    answer = talk.last
    assert answer in talk.seqs("Oman") and answer in talk.seqs("Iranian FM")
    assert answer not in talk.seqs("US Envoy")
    refused(
        talk,
        AnswerOffer("Iranian FM", via, True),
        Refused,
        "'Iran' has already answered this offer",
        "make a counter-offer instead",
    )
    # Carried again, it is still the same offer.
    again = carried(talk, source, IRAN)
    refused(talk, AnswerOffer("Iranian FM", again, True), Refused, "already answered this offer")


def test_a_counter_offer_carried_back_may_be_accepted() -> None:
    talk = open_negotiation(handling=Handling.VERBATIM_ONLY)
    via = carried(talk, offered(talk), IRAN)
    talk.do(AnswerOffer("Iranian FM", via, False))
    talk.do(Offer("Iranian FM", COUNTER))
    counter = talk.last
    back = carried(talk, counter, US)
    events = talk.do(AnswerOffer("US Deputy", back, True))
    assert events[-1] == Agreed(Source.OFFER, counter, COUNTER, (), text_hash(COUNTER, ()))


def test_a_mediator_does_not_answer_an_offer() -> None:
    talk = open_negotiation(handling=Handling.VERBATIM_ONLY)
    via = carried(talk, offered(talk), IRAN)
    refused(
        talk,
        AnswerOffer("Oman", via, True),
        Refused,
        "only a party's delegate answers an offer",
    )


def test_an_event_outside_the_view_is_answered_as_one_that_does_not_exist() -> None:
    talk = open_negotiation(handling=Handling.VERBATIM_ONLY)
    source = offered(talk)  # in the US room: Iran cannot see it
    talk.do(Say("US Envoy", "Private words."))
    private = talk.last
    missing = refused(talk, AnswerOffer("Iranian FM", 999, True), NotFound)
    invisible = refused(talk, AnswerOffer("Iranian FM", source, True), NotFound)
    words = refused(talk, AnswerOffer("Iranian FM", private, True), NotFound)
    assert missing == "event 999 not found"
    assert invisible == f"event {source} not found" and words == f"event {private} not found"
    assert {re.sub(r"\d+", "N", m) for m in (missing, invisible, words)} == {"event N not found"}


def test_only_an_offer_carried_into_ones_own_room_is_answered() -> None:
    talk = open_negotiation(handling=Handling.MAY_CONVEY)
    source = offered(talk)
    paraphrase = talk.last + 1
    talk.do(Convey("Oman", source, IRAN, Mode.PARAPHRASE, "Gist."))
    talk.do(Say("Iranian FM", "Our words."))
    own_words = talk.last
    talk.do(Offer("Iranian FM", COUNTER))
    own_offer = talk.last
    out_of_room = carried(talk, own_offer, US)  # Iran sees its own offer carried out
    talk.do(Say("US Envoy", "Plain words."))
    plain = carried(talk, talk.last, IRAN)
    talk.do(Draft("Oman", TERMS))
    drafted = talk.last
    for via in (1, paraphrase, own_words, own_offer, out_of_room, plain, drafted):
        assert via in talk.seqs("Iranian FM")
        refused(
            talk,
            AnswerOffer("Iranian FM", via, True),
            Refused,
            f"event {via} is not an offer carried into your room",
            "a verbatim carriage",
        )


def test_in_a_three_party_talk_every_other_party_must_accept() -> None:
    talk = open_three(handling=Handling.VERBATIM_ONLY)
    source = offered(talk, "Ann")
    to_ben = carried(talk, source, "Beta", "Med")
    to_gil = carried(talk, source, "Gamma", "Med")
    assert len(talk.do(AnswerOffer("Ben", to_ben, True))) == 1
    assert talk.state.negotiation.agreement is None
    events = talk.do(AnswerOffer("Gil", to_gil, True))
    assert events[-1] == Agreed(Source.OFFER, source, TERMS, (), text_hash(TERMS, ()))


def test_in_a_three_party_talk_one_rejection_blocks_the_offer() -> None:
    talk = open_three(handling=Handling.VERBATIM_ONLY)
    source = offered(talk, "Ann")
    to_ben = carried(talk, source, "Beta", "Med")
    to_gil = carried(talk, source, "Gamma", "Med")
    talk.do(AnswerOffer("Ben", to_ben, False))
    assert len(talk.do(AnswerOffer("Gil", to_gil, True))) == 1
    assert talk.state.negotiation.agreement is None
    # Each party's answer reaches only its own room and the mediator.
    assert to_gil + 1 in talk.seqs("Ben") and to_gil + 1 not in talk.seqs("Gil")
    assert talk.last not in talk.seqs("Ben") and talk.last not in talk.seqs("Ann")


def test_an_offer_overtaken_by_a_blind_bid_cannot_be_accepted() -> None:
    talk = open_negotiation(handling=Handling.VERBATIM_ONLY)
    source = offered(talk)  # Enrichment 20
    talk.do(OpenBid("Oman", "Enrichment", US, IRAN))
    talk.do(Bid("US Envoy", 50))
    talk.do(Bid("Iranian FM", 70))  # settles at 60
    via = carried(talk, source, IRAN)
    refused(
        talk,
        AnswerOffer("Iranian FM", via, True),
        Refused,
        "'Enrichment' was settled at '60' by a blind bid",
    )


@pytest.mark.parametrize("accept", [True, False])
def test_a_later_delegate_of_the_same_party_cannot_answer_again(accept: bool) -> None:
    talk = open_negotiation(handling=Handling.VERBATIM_ONLY)
    talk.do(Offer("Iranian FM", TERMS))
    via = carried(talk, talk.last, US)
    talk.do(AnswerOffer("US Envoy", via, accept))
    if accept:
        refused(talk, AnswerOffer("US Deputy", via, True), Refused, "an agreement was reached")
    else:
        refused(talk, AnswerOffer("US Deputy", via, True), Refused, "'United States' has already")
