"""Escalation: which scheduled incidents happen is drawn from a seed, and they lower every
reservation value, never below 0."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from shuttle.engine.escalation import (
    ScheduledIncident,
    draw_incidents,
    escalated_reservation,
    total_drop,
)

SCHEDULE = (
    ScheduledIncident(3, "a drone attack on a base", 0.03, 0.5),
    ScheduledIncident(6, "a ship struck", 0.02, 0.6),
    ScheduledIncident(9, "strikes on aligned groups", 0.03),
    ScheduledIncident(12, "direct strikes", 0.05, 0.3),
)

schedules = st.lists(
    st.builds(
        ScheduledIncident,
        after_round=st.integers(1, 20),
        text=st.just("incident"),
        drop=st.floats(0.0, 1.0, exclude_min=True),
        chance=st.floats(0.0, 1.0, exclude_min=True),
    ),
    max_size=6,
)


def test_certain_incidents_happen_once_their_round_is_over() -> None:
    certain = SCHEDULE[2]
    assert draw_incidents([certain], rounds=8, seed=1) == []
    assert draw_incidents([certain], rounds=9, seed=1) == [certain]  # between rounds 9 and 10
    assert all(draw_incidents([certain], rounds=20, seed=seed) == [certain] for seed in range(50))


def test_the_same_seed_draws_the_same_incidents() -> None:
    assert draw_incidents(SCHEDULE, 15, seed=7) == draw_incidents(SCHEDULE, 15, seed=7)
    drawn = {tuple(draw_incidents(SCHEDULE, 15, seed=seed)) for seed in range(40)}
    assert len(drawn) > 1  # chance < 1: different seeds, different histories


def test_chance_is_roughly_the_share_of_seeds_where_it_happens() -> None:
    incident = ScheduledIncident(1, "strike", 0.05, 0.3)
    hits = sum(bool(draw_incidents([incident], 1, seed)) for seed in range(2000))
    assert 0.25 < hits / 2000 < 0.35


@given(schedules, st.integers(0, 25), st.integers(0, 2**32))
def test_a_longer_talk_sees_the_same_incidents_then_later_ones(
    schedule: list[ScheduledIncident], rounds: int, seed: int
) -> None:
    longer = draw_incidents(schedule, rounds + 5, seed)
    shorter = draw_incidents(schedule, rounds, seed)
    assert shorter == [incident for incident in longer if incident.after_round <= rounds]
    assert [i.after_round for i in longer] == sorted(i.after_round for i in longer)


def test_reservations_fall_by_the_total_drop_and_stop_at_zero() -> None:
    assert total_drop(SCHEDULE) == 0.13
    assert total_drop([]) == 0.0
    assert escalated_reservation(0.65, 0.13) == 0.65 - 0.13
    assert escalated_reservation(0.1, 0.13) == 0.0
    assert escalated_reservation(0.5, 0.0) == 0.5
