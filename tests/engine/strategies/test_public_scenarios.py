"""The strategies on public scenarios (skipped when ../shared/scenarios is absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

from shuttle.engine import analyze, load_scenario
from shuttle.engine.analysis.quality import OutcomeQuality
from shuttle.engine.strategies import (
    GuidedMediator,
    MediatorAdvice,
    SingleTextMediator,
    party_strategy,
)
from shuttle.engine.strategies.party import AspirationParty
from shuttle.engine.strategies.rehearsal import rehearse_single_text

FOLDERS = ["ANAC2011_Laptop", "ANAC2012_FlightBooking-B", "GeniusWeb_JapanTrip"]


@pytest.mark.parametrize("folder", FOLDERS)
def test_guided_and_single_text_mediation_on_public_scenarios(scenarios: Path, folder: str) -> None:
    scenario = load_scenario(scenarios / folder)
    result = analyze(scenario)
    assert result.nash is not None
    advice = MediatorAdvice(result.nash.indices, tuple(p.indices for p in result.pareto))
    quality = OutcomeQuality.of(scenario, result)

    def parties() -> list[AspirationParty]:
        return [party_strategy("boulware")(scenario.space, p, 0) for p in scenario.profiles]

    guided = rehearse_single_text(GuidedMediator(scenario.space, advice), parties(), 60)
    assert quality.nash_ratio(guided.agreement) == pytest.approx(1.0)
    alone = rehearse_single_text(SingleTextMediator(scenario.space), parties(), 60)
    assert quality.nash_ratio(alone.agreement) >= 0.9
