"""The protocols as the simulator runs them: who sees what, when, and when a talk ends."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import pytest

from shuttle.engine.strategies import Package, Round, TimeBasedParty
from shuttle.engine.strategies.aspiration import LINEAR
from shuttle.engine.strategies.rehearsal import rehearse_single_text
from tests.engine.strategies.scenarios import additive, trade


class Scripted:
    """A mediator that circulates given drafts and records what it was given."""

    def __init__(self, drafts: list[Package]) -> None:
        self.drafts = drafts
        self.calls: list[tuple[int, float]] = []

    def draft(self, history: Sequence[Round], time: float) -> Package:
        self.calls.append((len(history), time))
        return self.drafts[min(len(history), len(self.drafts) - 1)]


def test_versions_are_timed_v_over_rounds_and_the_talk_ends_when_all_accept() -> None:
    scenario = trade()
    parties = [TimeBasedParty(scenario.space, p, exponent=LINEAR) for p in additive(scenario)]
    good_for_both = (1, 1, 1)  # worth 0.53 and 0.49: accepted once aspirations fall that low
    mediator = Scripted([(0, 2, 2), (2, 0, 0), good_for_both])
    result = rehearse_single_text(mediator, parties, rounds=10)
    assert mediator.calls[:3] == [(0, pytest.approx(0.1)), (1, pytest.approx(0.2)), (2, 0.3)]
    assert result.agreement == good_for_both
    assert result.steps == 6  # at t = 0.6 both aspirations (linear: 1 - t) are down to 0.4
    first, second = result.history[:2]
    assert [a.comparison for a in first.answers] == [None, None]
    assert [a.comparison for a in second.answers] == ["worse", "better"]
    assert second.answers[0].prefer == {0: 0, 1: 2, 2: 2}


def test_without_agreement_the_talk_runs_to_the_deadline() -> None:
    scenario = trade()
    # Each draft is worth nothing to one side, below its reservation value of 0.2.
    profiles = [replace(p, reservation=0.2) for p in additive(scenario)]
    parties = [TimeBasedParty(scenario.space, p, exponent=LINEAR) for p in profiles]
    result = rehearse_single_text(Scripted([(0, 2, 2), (2, 0, 0)]), parties, rounds=6)
    assert result.agreement is None
    assert result.steps == 6 and len(result.history) == 6
