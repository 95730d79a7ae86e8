"""A small scenario of our own, written in the test: two parties, three issues, with room for
an agreement and an escalation schedule; and a service on the test database."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from shuttle.engine.escalation import ScheduledIncident
from shuttle.engine.preferences import LinearAdditive
from shuttle.engine.scenario import Scenario
from shuttle.engine.space import DiscreteIssue, IntegerIssue, OutcomeSpace
from shuttle.service import TalkService
from shuttle.store import open_store


def lease(escalation: tuple[ScheduledIncident, ...] = ()) -> Scenario:
    space = OutcomeSpace(
        (
            IntegerIssue("Rent", 0, 4),
            DiscreteIssue("Term", ("one year", "two years", "five years")),
            DiscreteIssue("Repairs", ("tenant", "shared", "owner")),
        )
    )
    tenant = LinearAdditive(
        weights=(0.5, 0.2, 0.3),
        values=((1.0, 0.8, 0.5, 0.25, 0.0), (0.3, 1.0, 0.6), (0.0, 0.5, 1.0)),
        reservation=0.3,
    )
    owner = LinearAdditive(
        weights=(0.6, 0.3, 0.1),
        values=((0.0, 0.3, 0.6, 0.8, 1.0), (0.2, 0.6, 1.0), (1.0, 0.6, 0.0)),
        reservation=0.35,
        discount=0.9,
    )
    return Scenario("Lease", space, ("Tenant", "Owner"), (tenant, owner), escalation)


@pytest.fixture
def service(database_url: str) -> Iterator[TalkService]:
    store = open_store(database_url)
    yield TalkService(store)
    store.dispose()
