"""Blind bids: two parties bound a numeric issue in confidence; it settles on an agenda option
within the overlap by the talk's rule, or not at all. Nobody else sees a bound."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shuttle.talks import (
    Bid,
    BidOpenedView,
    BidRule,
    BidSettledView,
    BidView,
    Invalid,
    NotFound,
    Offer,
    OpenBid,
    Refused,
)
from shuttle.talks.agenda import AgendaIssue
from shuttle.talks.bids.events import BidOpened, BidSettled, BidSubmitted
from shuttle.talks.bids.fold import BlindBid
from shuttle.talks.bids.rules import settlement
from shuttle.talks.visibility import BID_NOTICE
from tests.talks.driver import (
    AGENDA,
    IRAN,
    TERMS,
    US,
    Talk,
    open_negotiation,
    open_talk,
    open_three,
    refused,
)

WITH_STOCKPILE = (*AGENDA, ("Stockpile", ("0", "100", "200")))


def blind_bid(talk: Talk, high: float, low: float) -> BidSettled:
    """Open a bid on Enrichment (US high, Iran low), bid both bounds, return the settlement."""
    talk.do(OpenBid("Oman", "Enrichment", US, IRAN))
    talk.do(Bid("US Envoy", high))
    events = talk.do(Bid("Iranian FM", low))
    assert isinstance(events[-1], BidSettled)
    return events[-1]


# -- opening ------------------------------------------------------------------------------------


@pytest.mark.parametrize("rule", list(BidRule))
def test_a_mediator_opens_a_bid_under_the_talks_rule(rule: BidRule) -> None:
    talk = open_negotiation(bid_rule=rule)
    events = talk.do(OpenBid("Oman", " Enrichment ", " Iran ", US))
    assert events == [BidOpened("Oman", 1, "Enrichment", IRAN, US, rule)]
    bid = talk.state.negotiation.bids[1]
    assert (bid.high, bid.low, bid.rule, bid.settled) == (IRAN, US, rule, False)


@pytest.mark.parametrize("actor", ["US Envoy", "Iranian FM"])
def test_only_a_mediator_opens_a_bid(actor: str) -> None:
    talk = open_negotiation()
    refused(
        talk, OpenBid(actor, "Enrichment", US, IRAN), Refused, "only a mediator opens a blind bid"
    )


def test_a_bid_needs_an_agenda() -> None:
    refused(
        open_talk(), OpenBid("Oman", "Enrichment", US, IRAN), Refused, "this talk has no agenda"
    )


def test_a_bid_is_on_an_issue_of_the_agenda() -> None:
    message = refused(open_negotiation(), OpenBid("Oman", " Stockpile ", US, IRAN), NotFound)
    assert message == "issue 'Stockpile' not found; agenda: 'Enrichment', 'Sanctions'"


def test_a_bid_is_on_a_numeric_issue_only() -> None:
    refused(
        open_negotiation(),
        OpenBid("Oman", "Sanctions", US, IRAN),
        Refused,
        "'Sanctions' is not numeric",
        "open a blind bid on an issue whose options are numbers",
    )


def test_a_bid_is_between_two_existing_parties() -> None:
    talk = open_negotiation()
    refused(
        talk,
        OpenBid("Oman", "Enrichment", "Narnia", IRAN),
        NotFound,
        "party 'Narnia' not found; parties: 'United States', 'Iran'",
    )
    refused(talk, OpenBid("Oman", "Enrichment", US, "Oman"), NotFound, "party 'Oman' not found")
    refused(
        talk,
        OpenBid("Oman", "Enrichment", IRAN, " Iran "),
        Invalid,
        "a blind bid is between two different parties: one high, one low",
    )


def test_one_open_bid_per_issue_and_none_on_a_settled_issue() -> None:
    talk = open_negotiation()
    talk.do(OpenBid("Oman", "Enrichment", US, IRAN))
    refused(
        talk,
        OpenBid("Oman", "Enrichment", IRAN, US),
        Refused,
        "blind bid 1 on 'Enrichment' is still open",
        "wait for both bounds",
    )
    talk.do(Bid("US Envoy", 10))
    talk.do(Bid("Iranian FM", 30))
    refused(
        talk,
        OpenBid("Oman", "Enrichment", US, IRAN),
        Refused,
        "'Enrichment' is already settled",
        "choose an open issue",
    )


def test_a_bid_that_settles_nothing_leaves_the_issue_open_for_another() -> None:
    talk = open_negotiation()
    assert blind_bid(talk, 70, 30).value is None
    assert talk.state.negotiation.settled == {}
    [opened] = talk.do(OpenBid("Oman", "Enrichment", US, IRAN))
    assert isinstance(opened, BidOpened) and opened.number == 2


# -- bidding --------------------------------------------------------------------------------------


def test_each_side_bids_once_and_the_second_bound_settles() -> None:
    talk = open_negotiation()
    talk.do(OpenBid("Oman", "Enrichment", US, IRAN))
    assert talk.do(Bid("US Deputy", 10)) == [BidSubmitted("US Deputy", US, 1, "10.0")]
    refused(
        talk,
        Bid("US Envoy", 12),
        Refused,
        "'United States' has already bid in blind bid 1",
        "a bound is final",
    )
    events = talk.do(Bid("Iranian FM", 30))
    assert events == [
        BidSubmitted("Iranian FM", IRAN, 1, "30.0"),
        BidSettled(1, "Enrichment", "20"),
    ]
    bid = talk.state.negotiation.bids[1]
    assert bid.settled and bid.value == "20" and dict(bid.bounds) == {US: 10.0, IRAN: 30.0}
    assert talk.state.negotiation.settled == {"Enrichment": "20"}


def test_a_mediator_never_bids() -> None:
    talk = open_negotiation()
    talk.do(OpenBid("Oman", "Enrichment", US, IRAN))
    refused(
        talk,
        Bid("Oman", 10),
        Refused,
        "only a party's delegate submits a bound",
        "the mediator included",
    )


def test_only_the_two_sides_bid() -> None:
    talk = open_three()
    refused(talk, Bid("Gil", 10), Refused, "no blind bid awaits a bound from 'Gamma'")
    talk.do(OpenBid("Med", "Enrichment", "Alpha", "Beta"))
    refused(
        talk,
        Bid("Gil", 10),
        Refused,
        "no blind bid awaits a bound from 'Gamma'",
        "wait for the mediator",
    )
    message = refused(talk, Bid("Gil", 10, number=1), NotFound)
    assert message == "no open blind bid 1 for 'Gamma'"


def test_a_bid_named_by_number_must_be_open_for_the_party() -> None:
    talk = open_negotiation()
    blind_bid(talk, 10, 30)
    refused(
        talk, Bid("US Envoy", 10, number=1), NotFound, "no open blind bid 1 for 'United States'"
    )
    refused(
        talk, Bid("US Envoy", 10, number=9), NotFound, "no open blind bid 9 for 'United States'"
    )


def test_with_two_open_bids_a_party_names_one() -> None:
    talk = open_negotiation(WITH_STOCKPILE)
    talk.do(OpenBid("Oman", "Enrichment", US, IRAN))
    talk.do(OpenBid("Oman", "Stockpile", IRAN, US))
    refused(
        talk,
        Bid("US Envoy", 10),
        Invalid,
        "blind bids 1, 2 await your bound; name the one you bid in",
    )
    [submitted] = talk.do(Bid("US Envoy", 150, number=2))
    assert isinstance(submitted, BidSubmitted) and submitted.number == 2
    events = talk.do(Bid("Iranian FM", 120, number=2))
    assert events[-1] == BidSettled(2, "Stockpile", None)  # [120, 150] holds no option


@pytest.mark.parametrize(
    ("bound", "words"),
    [
        (float("nan"), "a bound must be a finite number"),
        (float("inf"), "a bound must be a finite number"),
        (2e15, "a bound must lie in [-1e+15, 1e+15]; 2e+15 does not"),
        (-2e15, "a bound must lie in [-1e+15, 1e+15]"),
    ],
)
def test_a_bound_is_a_finite_number_within_limits(bound: float, words: str) -> None:
    talk = open_negotiation()
    talk.do(OpenBid("Oman", "Enrichment", US, IRAN))
    refused(talk, Bid("US Envoy", bound), Invalid, words)


# -- settlement -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "high", "low", "value"),
    [
        (BidRule.MIDPOINT, 10, 80, "60"),  # middle 45: 60 is nearer than 20
        (BidRule.MIDPOINT, 0, 50, "20"),  # middle 25: 20 is nearer than 3.67
        (BidRule.MIDPOINT, 20, 60, "20"),  # middle 40: a tie goes to the lower option
        (BidRule.MIDPOINT, 3, 100, "60"),  # middle 51.5: 60 among 3.67, 20, 60, 90
        (BidRule.LOWER, 10, 80, "20"),
        (BidRule.UPPER, 10, 80, "60"),
        (BidRule.LOWER, 3.67, 100, "3.67"),
        (BidRule.UPPER, 3.67, 100, "90"),
        (BidRule.MIDPOINT, 20, 20, "20"),  # the bounds are inclusive
        (BidRule.MIDPOINT, 70, 30, None),  # no overlap
        (BidRule.LOWER, 25, 50, None),  # an overlap holding no option
        (BidRule.UPPER, 91, 1000, None),
    ],
)
def test_the_rule_picks_the_option_within_the_overlap(
    rule: BidRule, high: float, low: float, value: str | None
) -> None:
    talk = open_negotiation(bid_rule=rule)
    assert blind_bid(talk, high, low) == BidSettled(1, "Enrichment", value)
    assert talk.state.negotiation.bids[1].value == value
    assert talk.state.negotiation.settled == ({} if value is None else {"Enrichment": value})


OPTION_VALUES = st.lists(
    st.integers(-400, 400).map(lambda n: n / 4), min_size=2, max_size=8, unique=True
)
BOUNDS = st.integers(-480, 480).map(lambda n: n / 4) | st.floats(-150, 150)


def expected_settlement(
    values: list[float], rule: BidRule, high: float, low: float
) -> float | None:
    """An independent statement of the rules."""
    inside = sorted(v for v in values if high <= v <= low)
    if not inside:
        return None
    if rule is BidRule.LOWER:
        return inside[0]
    if rule is BidRule.UPPER:
        return inside[-1]
    middle = (high + low) / 2
    best = min(abs(v - middle) for v in inside)
    return min(v for v in inside if abs(v - middle) == best)


@given(values=OPTION_VALUES, high=BOUNDS, low=BOUNDS, rule=st.sampled_from(list(BidRule)))
def test_settlement_lies_in_the_overlap_on_an_option(
    values: list[float], high: float, low: float, rule: BidRule
) -> None:
    issue = AgendaIssue("N", tuple(repr(v) for v in values))
    value = settlement(issue, BlindBid(1, 1, "N", "A", "B", rule), high, low)
    inside = [v for v in values if high <= v <= low]
    assert (value is None) == (not inside)
    if value is not None:
        assert value in issue.options and high <= float(value) <= low
    expected = expected_settlement(values, rule, high, low)
    assert (None if value is None else float(value)) == expected


@settings(max_examples=40, deadline=None)
@given(values=OPTION_VALUES, high=BOUNDS, low=BOUNDS, rule=st.sampled_from(list(BidRule)))
def test_a_talks_blind_bid_settles_by_its_rule(
    values: list[float], high: float, low: float, rule: BidRule
) -> None:
    labels = tuple(repr(v) for v in values)
    talk = open_negotiation((("N", labels), ("Sanctions", ("none", "full"))), bid_rule=rule)
    talk.do(OpenBid("Oman", "N", IRAN, US))
    talk.do(Bid("Iranian FM", high))
    [_, settled] = talk.do(Bid("US Envoy", low))
    assert isinstance(settled, BidSettled)
    expected = expected_settlement(values, rule, high, low)
    assert settled.value == (None if expected is None else repr(expected))
    assert (settled.value is None) == ("N" not in talk.state.negotiation.settled)


# -- a settled issue stays settled ------------------------------------------------------------


def test_an_offer_keeps_what_a_blind_bid_settled() -> None:
    talk = open_negotiation()
    blind_bid(talk, 50, 70)
    refused(
        talk,
        Offer("US Envoy", TERMS),
        Refused,
        "'Enrichment' was settled at '60' by a blind bid",
        "keep Enrichment=60 in the terms",
    )
    talk.do(Offer("US Envoy", (("Enrichment", "60"), ("Sanctions", "partial"))))


# -- who sees what --------------------------------------------------------------------------------

BOUND = 123.456


def test_nobody_but_its_party_sees_a_bound() -> None:
    talk = open_negotiation()
    talk.do(OpenBid("Oman", "Enrichment", US, IRAN))
    talk.do(Bid("Iranian FM", BOUND))
    seq = talk.last
    [mediator] = [s for s in talk.view("Oman") if s.seq == seq]
    assert isinstance(mediator, BidView)
    assert (mediator.party, mediator.number, mediator.bound) == (IRAN, 1, None)
    assert "123.456" not in json.dumps(mediator.to_dict())
    assert "123.456" not in json.dumps([s.to_dict() for s in talk.view("Oman")])
    for name in ("US Envoy", "US Deputy"):
        assert seq not in talk.seqs(name)
        assert not any(isinstance(s, BidView) for s in talk.view(name))
    [own] = [s for s in talk.view("Iranian FM") if s.seq == seq]
    assert isinstance(own, BidView) and own.bound == "123.456"


def test_the_settlement_is_seen_by_every_party() -> None:
    talk = open_three()
    talk.do(OpenBid("Med", "Enrichment", "Alpha", "Beta"))
    talk.do(Bid("Ann", 10))
    talk.do(Bid("Ben", 30))
    for name in ("Med", "Ann", "Ben", "Gil"):
        seen = talk.view(name)[-1]
        assert isinstance(seen, BidSettledView)
        assert (seen.number, seen.issue, seen.value) == (1, "Enrichment", "20")
    # The third party learns of the bid and its outcome, never a bound.
    gil = json.dumps([s.to_dict() for s in talk.view("Gil")])
    assert "bid-submitted" not in gil


@pytest.mark.parametrize("rule", list(BidRule))
def test_every_view_of_an_opened_bid_carries_the_rules_notice(rule: BidRule) -> None:
    talk = open_negotiation(bid_rule=rule)
    talk.do(OpenBid("Oman", "Enrichment", US, IRAN))
    for name in ("Oman", "US Envoy", "Iranian FM"):
        seen = talk.view(name)[-1]
        assert isinstance(seen, BidOpenedView) and seen.rule is rule
        assert seen.notice == BID_NOTICE[rule]
    words = {BidRule.MIDPOINT: "middle", BidRule.LOWER: "lowest option", BidRule.UPPER: "highest"}
    assert words[rule] in BID_NOTICE[rule]


def test_a_third_party_sees_the_bid_opened_with_its_notice() -> None:
    talk = open_three()
    talk.do(OpenBid("Med", "Enrichment", "Alpha", "Beta"))
    seen = talk.view("Gil")[-1]
    assert isinstance(seen, BidOpenedView) and seen.notice == BID_NOTICE[BidRule.MIDPOINT]
