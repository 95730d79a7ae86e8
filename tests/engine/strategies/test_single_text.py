"""The single-text mediator: from the answers alone to a text near the Nash point."""

from __future__ import annotations

import inspect
import typing

import numpy as np
import pytest

from shuttle.engine import DiscreteIssue, OutcomeSpace, RealIssue, Scenario
from shuttle.engine.analysis.quality import OutcomeQuality
from shuttle.engine.strategies import (
    DraftAnswer,
    PartySight,
    Round,
    SingleTextMediator,
    party_strategy,
)
from shuttle.engine.strategies.concession import Concession
from shuttle.engine.strategies.rehearsal import rehearse_single_text
from shuttle.engine.strategies.single_text import _doubtful_reservations
from tests.engine.strategies.scenarios import additive, border, trade

FORBIDDEN = ("LinearAdditive", "HyperRectangleProfile", "Profile", "Scenario", "MediatorAdvice")


def annotations_of(thing: object) -> list[str]:
    hints = typing.get_type_hints(thing)
    return [repr(hint) for name, hint in hints.items() if name != "return"]


def test_its_entry_points_take_no_profile_only_the_space_rounds_time_and_seed() -> None:
    constructor = inspect.signature(SingleTextMediator)
    assert list(constructor.parameters) == ["space", "seed"]
    assert list(inspect.signature(SingleTextMediator.draft).parameters) == [
        "self",
        "history",
        "time",
    ]
    seen = [
        *annotations_of(SingleTextMediator.__init__),
        *annotations_of(SingleTextMediator.draft),
        *annotations_of(Round),
        *annotations_of(DraftAnswer),
    ]
    for annotation in seen:
        for name in FORBIDDEN:
            assert name not in annotation, annotation


def rehearse(scenario: Scenario, pairing: tuple[str, str], rounds: int, seed: int = 0) -> float:
    parties = [
        party_strategy(name)(scenario.space, profile, seed)
        for name, profile in zip(pairing, scenario.profiles, strict=True)
    ]
    result = rehearse_single_text(SingleTextMediator(scenario.space, seed), parties, rounds)
    return OutcomeQuality.of(scenario).nash_ratio(result.agreement)


@pytest.mark.parametrize("scenario", [trade(), border()], ids=["trade", "border"])
@pytest.mark.parametrize("pairing", [("boulware", "boulware"), ("linear", "linear")])
def test_it_reaches_an_agreement_near_the_nash_point(
    scenario: Scenario, pairing: tuple[str, str]
) -> None:
    assert rehearse(scenario, pairing, rounds=60) >= 0.95


def test_against_tit_for_tat_too() -> None:
    assert rehearse(trade(), ("tit-for-tat", "boulware"), rounds=60) >= 0.95


def test_a_fresh_mediator_drafts_what_the_one_that_followed_the_talk_drafts() -> None:
    scenario = border()
    parties = [party_strategy("linear")(scenario.space, p, 0) for p in scenario.profiles]
    followed = SingleTextMediator(scenario.space, seed=4)
    result = rehearse_single_text(followed, parties, rounds=30)
    history = result.history[:-1]
    time = len(result.history) / 30
    assert SingleTextMediator(scenario.space, seed=4).draft(history, time) == followed.draft(
        history, time
    )
    # A different past is folded afresh, not confused with the remembered one.
    other = (*history[:-1], Round(history[-1].draft, history[-1].answers[::-1]))
    SingleTextMediator(scenario.space, seed=4).draft(other, time)
    assert followed.draft(other, time) == SingleTextMediator(scenario.space, seed=4).draft(
        other, time
    )


def test_the_first_draft_is_drawn_from_the_seed() -> None:
    space = trade().space
    first = SingleTextMediator(space, seed=1).draft((), 0.01)
    assert first == SingleTextMediator(space, seed=1).draft((), 0.01)
    assert all(0 <= option < size for option, size in zip(first, space.sizes, strict=True))


def test_it_holds_its_text_at_the_end_and_learns_each_party_best_options() -> None:
    scenario = trade()
    profiles = additive(scenario)
    parties = [party_strategy("boulware")(scenario.space, p, 0) for p in profiles]
    mediator = SingleTextMediator(scenario.space)
    result = rehearse_single_text(mediator, parties, rounds=40)
    held = {r.draft for r in result.history[30:]}  # versions 31 on: time 0.775 and later
    assert len(result.history) > 31 and len(held) == 1
    beliefs = mediator.beliefs(result.history)
    for belief, profile in zip(beliefs, profiles, strict=True):
        assert belief.best == tuple(max(range(len(v)), key=v.__getitem__) for v in profile.values)


def test_answers_from_the_parties_are_all_it_needs() -> None:
    scenario = trade()
    party = party_strategy("linear")(scenario.space, additive(scenario)[0], 0)
    draft = (1, 1, 1)
    answer = party.answer_draft(PartySight(time=0.1, drafts=(draft,)))
    history = (Round(draft, (answer, answer)),)
    package = SingleTextMediator(scenario.space).draft(history, 0.2)
    assert len(package) == len(scenario.space.issues)


def test_a_real_issue_is_refused() -> None:
    space = OutcomeSpace((DiscreteIssue("a", ("x",)), RealIssue("price", 0.0, 1.0)))
    with pytest.raises(ValueError, match="finite options"):
        SingleTextMediator(space)


def test_there_is_no_belief_before_the_first_round() -> None:
    with pytest.raises(ValueError, match="first round"):
        SingleTextMediator(trade().space).beliefs(())


def test_probes_are_weighed_under_reservation_values_the_verdicts_allow() -> None:
    ends = np.array([-0.3, 0.0, 0.4, 0.8])
    # Model 0 is sure its party ends at 0.4; model 1 at -0.3 (below the worst package).
    weights = np.array([[0.0, 0.0, 1.0, 0.0], [1.0, 0.0, 0.0, 0.0]])
    curve = Concession(weights, np.ones(4), ends)
    floor = np.array([[0.1, 0.2]])
    drawn = _doubtful_reservations([curve], floor, np.random.default_rng(0))
    assert drawn.tolist() == [[0.4, 0.2]]
