"""The relay carries offers verbatim; alternating offers through it reach agreements."""

from __future__ import annotations

import itertools

import pytest

from shuttle.engine.strategies import RelayMediator, party_strategy
from shuttle.engine.strategies.rehearsal import rehearse_alternating
from shuttle.engine.strategies.valuation import Valuation
from tests.engine.strategies.scenarios import additive, border, trade


def test_an_offer_reaches_every_other_room_unchanged() -> None:
    relay = RelayMediator(trade().space)
    assert relay.carry((0, 1, 2), sender=1, parties=3) == {0: (0, 1, 2), 2: (0, 1, 2)}
    assert relay.next_party(2, 3) == 0


def test_a_malformed_offer_is_refused() -> None:
    with pytest.raises(ValueError, match="one option per issue"):
        RelayMediator(trade().space).carry((0, 1), sender=0, parties=2)


@pytest.mark.parametrize("names", [("linear", "linear"), ("boulware", "conceder")])
def test_alternating_offers_end_in_an_agreement_both_find_acceptable(
    names: tuple[str, str],
) -> None:
    scenario = border()
    parties = [
        party_strategy(name)(scenario.space, profile, 1)
        for name, profile in zip(names, additive(scenario), strict=True)
    ]
    result = rehearse_alternating(RelayMediator(scenario.space), parties, rounds=60)
    assert result.agreement is not None
    for profile in additive(scenario):
        assert Valuation(scenario.space, profile).utility(result.agreement) >= profile.reservation
    senders = [sender for sender, _ in result.offers]
    assert senders[0] == 0
    assert all(a != b for a, b in itertools.pairwise(senders))
