"""Automated parties: truthful answers, the accept rule, and offers at their aspiration."""

from __future__ import annotations

import itertools
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shuttle.engine import DiscreteIssue, LinearAdditive, OutcomeSpace, Scenario
from shuttle.engine.strategies import PartySight, TimeBasedParty
from shuttle.engine.strategies.aspiration import BOULWARE, CONCEDER, LINEAR
from shuttle.engine.strategies.valuation import Valuation
from tests.engine.strategies.scenarios import additive, spaces_and_profiles, trade

times = st.floats(0.0, 1.0)


def packages(scenario: Scenario) -> list[tuple[int, ...]]:
    return list(itertools.product(*map(range, scenario.space.sizes)))


@given(spaces_and_profiles(), times, st.sampled_from([BOULWARE, LINEAR, CONCEDER]), st.data())
def test_answers_are_truthful_and_accept_iff_the_draft_meets_aspiration_and_reservation(
    scenario: Scenario, t: float, exponent: float, data: st.DataObject
) -> None:
    party = TimeBasedParty(scenario.space, additive(scenario)[0], exponent=exponent)
    valuation = Valuation(scenario.space, additive(scenario)[0])
    drafts = tuple(data.draw(st.sampled_from(packages(scenario))) for _ in range(2))
    sight = PartySight(time=t, drafts=drafts)
    answer = party.answer_draft(sight)
    utility = valuation.utility(drafts[-1])
    floor = max(party.aspiration(sight), additive(scenario)[0].reservation)
    assert answer.accept == (utility >= floor - 1e-12)
    assert answer.prefer == valuation.prefer(drafts[-1])
    assert answer.comparison == valuation.compare(drafts[1], drafts[0])
    assert answer.comment == ""


def test_the_first_draft_has_no_comparison() -> None:
    scenario = trade()
    party = TimeBasedParty(scenario.space, additive(scenario)[0])
    assert party.answer_draft(PartySight(time=0.1, drafts=((0, 0, 0),))).comparison is None


def test_answering_without_a_draft_is_refused() -> None:
    scenario = trade()
    party = TimeBasedParty(scenario.space, additive(scenario)[0])
    with pytest.raises(ValueError, match="no draft"):
        party.answer_draft(PartySight(time=0.1))


def test_the_aspiration_ends_at_the_effective_reservation() -> None:
    space = OutcomeSpace((DiscreteIssue("a", ("x", "y", "z")),))
    profile = LinearAdditive((1.0,), ((0.0, 0.5, 1.0),), reservation=0.6)
    party = TimeBasedParty(space, profile, exponent=LINEAR)
    assert party.aspiration(PartySight(time=0.0)) == pytest.approx(1.0)
    assert party.aspiration(PartySight(time=1.0)) == pytest.approx(0.6)
    assert party.aspiration(PartySight(time=1.0, escalation=0.2)) == pytest.approx(0.4)
    # The middle option (0.5) is refused at the deadline until escalation lowers the floor.
    assert not party.answer_proposal(PartySight(time=1.0), (1,))
    assert party.answer_proposal(PartySight(time=1.0, escalation=0.2), (1,))


@given(times)
def test_a_boulware_party_accepts_later_than_a_conceder(t: float) -> None:
    scenario = trade()
    boulware = TimeBasedParty(scenario.space, additive(scenario)[0], exponent=BOULWARE)
    conceder = TimeBasedParty(scenario.space, additive(scenario)[0], exponent=CONCEDER)
    sight = PartySight(time=t, drafts=((1, 1, 1),))
    assert conceder.answer_draft(sight).accept or not boulware.answer_draft(sight).accept


@settings(max_examples=40)
@given(spaces_and_profiles(), times, st.data())
def test_offers_are_worth_the_aspiration_and_accepted_offers_too(
    scenario: Scenario, t: float, data: st.DataObject
) -> None:
    party = TimeBasedParty(scenario.space, additive(scenario)[1], seed=3, exponent=LINEAR)
    valuation = Valuation(scenario.space, additive(scenario)[1])
    received = tuple(data.draw(st.sampled_from(packages(scenario))) for _ in range(3))
    sight = PartySight(time=t, offers_received=received)
    level = max(party.aspiration(sight), party.lowest(sight))
    offer = party.offer(sight)
    if level <= valuation.best_utility:
        assert valuation.utility(offer) >= level - 1e-9
    else:
        assert valuation.utility(offer) == pytest.approx(valuation.best_utility)
    assert party.accept_offer(sight, received[-1]) == (
        valuation.utility(received[-1]) >= level - 1e-12
    )


def test_offers_lean_toward_what_the_other_side_keeps_asking_for() -> None:
    space = OutcomeSpace(
        (
            DiscreteIssue("a", ("x", "y")),
            DiscreteIssue("b", ("x", "y")),
            DiscreteIssue("c", ("x", "y")),
        )
    )
    mine = LinearAdditive((0.5, 0.25, 0.25), ((1.0, 0.0), (1.0, 0.0), (1.0, 0.0)))
    party = TimeBasedParty(space, mine, exponent=LINEAR)
    # Worth 0.75 to this party: give up either b or c. The other side always asked for c = y.
    sight = PartySight(time=0.25, offers_received=((0, 0, 1), (1, 0, 1), (1, 1, 1)))
    assert party.offer(sight) == (0, 0, 1)


def test_offers_on_a_large_space_are_quick_after_the_first() -> None:
    issues = tuple(DiscreteIssue(f"i{n}", tuple("abcde")) for n in range(8))  # 390,625
    space = OutcomeSpace(issues)
    profile = LinearAdditive((0.125,) * 8, ((0.0, 0.25, 0.5, 0.75, 1.0),) * 8)
    party = TimeBasedParty(space, profile, exponent=LINEAR)
    party.offer(PartySight(time=0.0))
    started = time.perf_counter()
    for step in range(1, 21):
        party.offer(PartySight(time=step / 20, offers_received=((0,) * 8,) * step))
    assert time.perf_counter() - started < 2.0
