"""The guided mediator circulates the advised Nash package and holds it to agreement."""

from __future__ import annotations

import pytest

from shuttle.engine import Scenario, analyze
from shuttle.engine.strategies import GuidedMediator, MediatorAdvice, party_strategy
from shuttle.engine.strategies.rehearsal import rehearse_single_text
from tests.engine.strategies.scenarios import additive, border, trade


def advice_of(scenario: Scenario) -> MediatorAdvice:
    result = analyze(scenario)
    return MediatorAdvice(
        nash=None if result.nash is None else result.nash.indices,
        pareto=tuple(p.indices for p in result.pareto),
        utilities=tuple(p.utilities for p in result.pareto),
    )


@pytest.mark.parametrize("scenario", [trade(), border()], ids=["trade", "border"])
@pytest.mark.parametrize(
    "pairing", [("boulware", "boulware"), ("conceder", "linear"), ("tit-for-tat", "boulware")]
)
def test_guided_reaches_the_nash_package(scenario: Scenario, pairing: tuple[str, str]) -> None:
    advice = advice_of(scenario)
    parties = [
        party_strategy(name)(scenario.space, profile, 0)
        for name, profile in zip(pairing, additive(scenario), strict=True)
    ]
    result = rehearse_single_text(GuidedMediator(scenario.space, advice), parties, rounds=50)
    assert result.agreement == advice.nash
    assert all(r.draft == advice.nash for r in result.history)


def test_without_a_nash_package_it_walks_the_frontier_toward_who_refuses_late() -> None:
    scenario = trade()
    advice = advice_of(scenario)
    walking = MediatorAdvice(nash=None, pareto=advice.pareto, utilities=advice.utilities)
    mediator = GuidedMediator(scenario.space, walking)
    first = mediator.draft((), 0.1)
    assert first == advice.pareto[len(advice.pareto) // 2]
    parties = [party_strategy("boulware")(scenario.space, p, 0) for p in additive(scenario)]
    result = rehearse_single_text(mediator, parties, rounds=40)
    assert result.agreement is not None
    assert result.agreement in advice.pareto


def test_advice_with_mismatched_utilities_is_refused() -> None:
    with pytest.raises(ValueError, match="one row per package"):
        MediatorAdvice(nash=(0,), pareto=((0,), (1,)), utilities=((1.0, 0.0),))
