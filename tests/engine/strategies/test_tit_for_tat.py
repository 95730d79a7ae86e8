"""Relative tit-for-tat: it gives ground as the other side's packages come its way."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shuttle.engine import DiscreteIssue, LinearAdditive, OutcomeSpace
from shuttle.engine.strategies import PartySight, TimeBasedParty, TitForTatParty
from shuttle.engine.strategies.aspiration import BOULWARE

SPACE = OutcomeSpace((DiscreteIssue("share", tuple(str(k) for k in range(11))),))
PROFILE = LinearAdditive((1.0,), (tuple(k / 10 for k in range(11)),))


def party() -> TitForTatParty:
    return TitForTatParty(SPACE, PROFILE)


def test_without_movement_it_holds_like_a_boulware_party() -> None:
    boulware = TimeBasedParty(SPACE, PROFILE, exponent=BOULWARE)
    for t in (0.0, 0.5, 0.9, 1.0):
        sight = PartySight(time=t, drafts=((2,), (2,), (1,)))
        assert party().reciprocity(sight) == 0.0
        assert party().aspiration(sight) == pytest.approx(boulware.aspiration(sight))


def test_it_concedes_the_share_of_the_gap_the_other_side_closed() -> None:
    # The drafts moved from 0.2 to 0.6: half of the way to this party's best (1.0).
    sight = PartySight(time=0.1, drafts=((2,), (4,), (6,)))
    assert party().reciprocity(sight) == pytest.approx(0.5)
    assert party().aspiration(sight) == pytest.approx(0.5)
    assert party().answer_draft(sight).accept


def test_offers_received_count_in_alternating_offers() -> None:
    sight = PartySight(time=0.1, offers_received=((0,), (5,)))
    assert party().reciprocity(sight) == pytest.approx(0.5)


@given(st.lists(st.integers(0, 10), min_size=1, max_size=8), st.floats(0.0, 1.0))
def test_it_never_asks_for_more_than_boulware_and_ends_at_the_reservation(
    moves: list[int], t: float
) -> None:
    boulware = TimeBasedParty(SPACE, PROFILE, exponent=BOULWARE)
    sight = PartySight(time=t, drafts=tuple((m,) for m in moves))
    assert party().aspiration(sight) <= boulware.aspiration(sight) + 1e-12
    assert 0.0 <= party().reciprocity(sight) <= 1.0
    assert party().aspiration(PartySight(time=1.0, drafts=sight.drafts)) == pytest.approx(0.0)
