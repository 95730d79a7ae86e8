"""The negotiation's events round-trip through plain data, and older records still read."""

from __future__ import annotations

import json
from typing import Any, get_args

import pytest

from shuttle.talks import (
    BidRule,
    Comparison,
    Delegate,
    Handling,
    Mode,
    Source,
    event_from_data,
    to_data,
)
from shuttle.talks.agenda import AgendaIssue
from shuttle.talks.bids.events import BidOpened, BidSettled, BidSubmitted
from shuttle.talks.conversation.events import Conveyed, TalkOpened
from shuttle.talks.events import Event, NegotiationFact
from shuttle.talks.offers.events import OfferAnswered, Offered
from shuttle.talks.profiles.events import ProfileSubmitted
from shuttle.talks.proposals.events import ProposalAnswered, ProposalConcluded, Proposed
from shuttle.talks.single_text.events import (
    AgendaSet,
    Agreed,
    Answered,
    Closed,
    Drafted,
    EscalationStep,
    IncidentReported,
    Signed,
)

TERMS = (("Enrichment", "20"), ("Sanctions", "partial"))
HASH = "a" * 64

EXAMPLES: list[Event] = [
    TalkOpened("T", ("A", "B"), ("M",), (Delegate("d", "A"),), Handling.MAY_CONVEY, False),
    TalkOpened("T", ("A", "B"), ("M",), (), Handling.MEDIATOR_ONLY, True, BidRule.UPPER),
    Conveyed("M", 4, "A", "B", Mode.VERBATIM, "Enrichment: 20", TERMS),
    AgendaSet(
        None,
        (AgendaIssue("Enrichment", ("3.67", "20")), AgendaIssue("Sanctions", ("none", "full"))),
        (EscalationStep(3, "Strike", "0.1"), EscalationStep(5, "Siege", "0.25", "0.5")),
    ),
    AgendaSet("M", (AgendaIssue("X", ("a", "b")),)),
    Drafted("M", 2, TERMS, ("One.", "Two.")),
    Drafted("M", 1, TERMS, ()),
    Answered("d", "A", 2, False, (("Sanctions", "none"),), Comparison.WORSE, "Too far."),
    Answered("d", "A", 1, True, (), None, None),
    Agreed(Source.DRAFT, 2, TERMS, ("One.",), HASH),
    Agreed(Source.OFFER, 7, TERMS, (), HASH),
    Signed("d", "A", HASH, f"12:{'0' * 64}"),
    Closed("M", "No progress."),
    Closed("M", None),
    Proposed("M", 1, TERMS, ("Clause.",)),
    ProposalAnswered("d", "A", 1, True),
    ProposalConcluded(1, False),
    BidOpened("M", 1, "Enrichment", "A", "B", BidRule.LOWER),
    BidSubmitted("d", "A", 1, "12.5"),
    BidSettled(1, "Enrichment", "20"),
    BidSettled(2, "Enrichment", None),
    ProfileSubmitted(
        "d",
        "A",
        (("Enrichment", "1.0"), ("Sanctions", "0.5")),
        (("Enrichment", "3.67", "0.0"), ("Enrichment", "20", "1.0")),
        "0.3",
        True,
    ),
    IncidentReported("M", "Tanker seized.", "0.1"),
    Offered("d", "A", TERMS, "Enrichment: 20; Sanctions: partial", Handling.VERBATIM_ONLY),
    OfferAnswered("e", "B", 5, 6, True),
]


@pytest.mark.parametrize("event", EXAMPLES, ids=lambda e: e.kind)
def test_round_trip_through_json(event: Event) -> None:
    data = json.loads(json.dumps(to_data(event)))
    assert event_from_data(event.kind, data) == event


def test_every_negotiation_event_kind_has_an_example() -> None:
    negotiation = (*get_args(NegotiationFact), Offered)
    assert {cls.kind for cls in negotiation} <= {e.kind for e in EXAMPLES}


def _leaves(value: Any) -> list[Any]:
    if isinstance(value, dict):
        return [leaf for item in value.values() for leaf in _leaves(item)]
    if isinstance(value, list):
        return [leaf for item in value for leaf in _leaves(item)]
    return [value]


@pytest.mark.parametrize("event", EXAMPLES, ids=lambda e: e.kind)
def test_plain_data_holds_only_canonical_values(event: Event) -> None:
    """No float (its JSON spelling is not unique), no enum, no tuple."""
    for leaf in _leaves(to_data(event)):
        assert leaf is None or type(leaf) in {str, int, bool}, (event.kind, leaf)


def test_a_talk_opened_before_bid_rules_existed_still_reads() -> None:
    data = {
        "title": "T",
        "parties": ["A", "B"],
        "mediators": ["M"],
        "delegates": [{"name": "d", "party": "A"}],
        "default_handling": "may-convey",
        "hide_carried_text": False,
    }
    event = event_from_data("talk-opened", data)
    assert isinstance(event, TalkOpened) and event.bid_rule is BidRule.MIDPOINT
    assert event.delegates == (Delegate("d", "A"),)


def test_a_carriage_recorded_before_offers_existed_still_reads() -> None:
    data = {
        "by": "M",
        "source": 3,
        "from_room": "A",
        "to_room": "B",
        "mode": "verbatim",
        "text": "words",
    }
    event = event_from_data("conveyed", data)
    assert event == Conveyed("M", 3, "A", "B", Mode.VERBATIM, "words")
    assert isinstance(event, Conveyed) and event.terms == ()


def test_an_agenda_set_without_an_escalation_schedule_still_reads() -> None:
    data = {"by": None, "issues": [{"name": "X", "options": ["a", "b"]}]}
    assert event_from_data("agenda-set", data) == AgendaSet(None, (AgendaIssue("X", ("a", "b")),))


def example(kind: str) -> dict[str, Any]:
    """The plain data of the first example of `kind`."""
    return to_data(next(e for e in EXAMPLES if e.kind == kind))


@pytest.mark.parametrize(
    ("kind", "data", "words"),
    [
        ("drafted", {"by": "M", "version": 1, "terms": []}, "expected"),
        ("bid-opened", {**example("bid-opened"), "rule": "random"}, "malformed"),
        ("agreed", {**example("agreed"), "reached_on": "luck"}, "malformed"),
        ("answered", {**example("answered"), "comparison": "odd"}, "malformed"),
        ("signed", {**example("signed"), "extra": 1}, "expected"),
    ],
)
def test_malformed_negotiation_data_is_named(kind: str, data: dict[str, Any], words: str) -> None:
    with pytest.raises(ValueError, match=words):
        event_from_data(kind, data)
