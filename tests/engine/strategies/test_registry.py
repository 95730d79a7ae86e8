"""Strategies by name, and a clear error for a name that is not known."""

from __future__ import annotations

import pytest

from shuttle.engine.strategies import (
    MEDIATOR_STRATEGIES,
    PARTY_STRATEGIES,
    GuidedMediator,
    RelayMediator,
    SingleTextMediator,
    TimeBasedParty,
    TitForTatParty,
    UnknownStrategy,
    mediator_strategy,
    party_strategy,
)
from shuttle.engine.strategies.aspiration import BOULWARE, CONCEDER, LINEAR
from tests.engine.strategies.scenarios import additive, trade


def test_every_party_strategy_makes_a_party_of_its_kind() -> None:
    scenario = trade()
    made = {
        name: party_strategy(name)(scenario.space, additive(scenario)[0], 7)
        for name in PARTY_STRATEGIES
    }
    assert sorted(made) == ["boulware", "conceder", "linear", "tit-for-tat"]
    for name, exponent in (("boulware", BOULWARE), ("linear", LINEAR), ("conceder", CONCEDER)):
        party = made[name]
        assert isinstance(party, TimeBasedParty) and party.exponent == exponent
        assert party.seed == 7
    assert isinstance(made["tit-for-tat"], TitForTatParty)


def test_mediators_are_looked_up_by_name() -> None:
    assert mediator_strategy("single-text") is SingleTextMediator
    assert mediator_strategy("guided") is GuidedMediator
    assert mediator_strategy("relay") is RelayMediator
    assert set(MEDIATOR_STRATEGIES) == {"single-text", "guided", "relay"}
    assert RelayMediator.protocol == "alternating-offers"
    assert SingleTextMediator.protocol == GuidedMediator.protocol == "single-text"


def test_an_unknown_name_says_which_names_are_known() -> None:
    with pytest.raises(UnknownStrategy, match="party strategy 'hardliner'; known: boulware"):
        party_strategy("hardliner")
    with pytest.raises(UnknownStrategy) as error:
        mediator_strategy("arbiter")
    assert error.value.known == ("guided", "relay", "single-text")
    assert isinstance(error.value, ValueError)
