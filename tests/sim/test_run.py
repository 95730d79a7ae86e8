"""`simulate`: whole talks through the service, each automated participant on its own view."""

from __future__ import annotations

import math
from dataclasses import replace
from typing import Any

import pytest

from shuttle.engine.analysis import analyze
from shuttle.engine.analysis.quality import OutcomeQuality
from shuttle.engine.escalation import ScheduledIncident
from shuttle.engine.preferences import LinearAdditive
from shuttle.engine.strategies.single_text import SingleTextMediator
from shuttle.service import TalkService
from shuttle.sim import MEDIATORS, RoundDone, SimulationError, simulate
from shuttle.sim.sight import MediatorObserver, PartyObserver
from shuttle.talks import (
    AgreementView,
    CarriageView,
    DraftView,
    IncidentView,
    OfferAnswerView,
    OfferView,
    PartyProfile,
    ProfileView,
    SignatureView,
)
from tests.sim.conftest import lease


@pytest.mark.parametrize("mediator", MEDIATORS)
def test_a_simulated_talk_is_a_normal_talk(service: TalkService, mediator: str) -> None:
    result = simulate(service, lease(), mediator, ["linear", "conceder"], rounds=40, seed=1)
    assert result.agreement and result.outcome is not None and result.package is not None
    view = service.view(result.talk, "Mediator")
    assert view.agreed is not None
    assert {signature.party for signature in view.signatures} == {"Tenant", "Owner"}
    assert service.verify({result.talk: service.seen_since(result.talk, "Mediator").head}).ok
    scenario = lease()
    assert result.outcome == scenario.space.decode(result.package)
    quality = OutcomeQuality.of(scenario)
    assert result.utilities == pytest.approx(tuple(quality.utilities(result.package)))
    assert result.nash_ratio == pytest.approx(quality.nash_ratio(result.package))
    assert 0 < result.nash_ratio <= 1 + 1e-9
    # The owner discounts by 0.9 per unit of time: the agreement's time is round / deadline.
    assert result.utilities is not None and result.discounted_utilities is not None
    time = result.rounds / 40
    assert result.discounted_utilities[0] == pytest.approx(result.utilities[0])
    assert result.discounted_utilities[1] == pytest.approx(result.utilities[1] * 0.9**time)
    for name in ("Tenant delegate", "Owner delegate", "Mediator"):
        assert service.view(result.talk, name).events


def test_the_guided_mediator_reaches_the_nash_point(service: TalkService) -> None:
    result = simulate(service, lease(), "guided", ["boulware", "boulware"], rounds=30, seed=2)
    nash = analyze(lease()).nash
    assert nash is not None and result.package == nash.indices
    assert result.nash_ratio == pytest.approx(1.0)


def test_the_relay_carries_offers_between_rooms(service: TalkService) -> None:
    result = simulate(service, lease(), "relay", ["conceder", "conceder"], rounds=40, seed=3)
    kinds = {type(seen) for seen in service.view(result.talk, "Mediator").events}
    assert {OfferView, CarriageView, OfferAnswerView, AgreementView, SignatureView} <= kinds
    assert DraftView not in kinds
    assert result.agreement


def test_no_agreement_by_the_deadline_closes_the_talk(service: TalkService) -> None:
    # Both reservation values so high that no package suits both: walking away is right.
    scenario = lease()
    demanding = tuple(replace(p, reservation=0.9) for p in scenario.profiles)
    scenario = replace(scenario, profiles=demanding)
    result = simulate(service, scenario, "single-text", ["boulware", "boulware"], rounds=5)
    assert not result.agreement and result.pareto_distance is None and result.nash_ratio == 0
    assert service.view(result.talk, "Mediator").closed is not None and result.rounds == 5


def test_incidents_follow_the_schedule_and_lower_reservations(service: TalkService) -> None:
    schedule = (
        ScheduledIncident(1, "a burst pipe floods the flat", 0.1),
        ScheduledIncident(2, "never drawn", 0.2, chance=1e-12),
    )
    result = simulate(service, lease(schedule), "guided", ["boulware", "boulware"], rounds=20)
    escalation = service.view(result.talk, "Mediator").escalation
    assert result.incidents == 1 and escalation == pytest.approx(0.1)
    delegate = service.view(result.talk, "Tenant delegate").events
    incidents = [s.text for s in delegate if isinstance(s, IncidentView)]
    assert incidents == ["a burst pipe floods the flat"]


def test_progress_is_reported_round_by_round(service: TalkService) -> None:
    seen: list[RoundDone] = []
    result = simulate(
        service, lease(), "single-text", ["linear", "linear"], 30, on_round=seen.append
    )
    assert [r.round for r in seen] == list(range(1, result.rounds + 1))
    assert all(r.first <= r.last for r in seen) and seen[-1].agreed == result.agreement


def _holds_a_profile(value: Any, depth: int = 0) -> bool:
    if isinstance(value, LinearAdditive | PartyProfile):
        return True
    if depth > 6:
        return False
    if isinstance(value, dict):
        return any(_holds_a_profile(v, depth + 1) for v in value.values())
    if isinstance(value, list | tuple | set | frozenset):
        return any(_holds_a_profile(v, depth + 1) for v in value)
    if hasattr(value, "__dict__"):
        return any(_holds_a_profile(v, depth + 1) for v in vars(value).values())
    return False


def test_the_single_text_mediator_never_receives_a_profile(
    service: TalkService, monkeypatch: pytest.MonkeyPatch
) -> None:
    received: list[Any] = []
    original = SingleTextMediator.draft

    def spy(self: SingleTextMediator, history: Any, time: float) -> Any:
        received.append((self, history, time))
        return original(self, history, time)

    monkeypatch.setattr(SingleTextMediator, "draft", spy)
    advised: list[str] = []

    def no_advice(*_: object) -> None:
        advised.append("asked")

    monkeypatch.setattr(TalkService, "advice", no_advice)
    result = simulate(service, lease(), "single-text", ["linear", "conceder"], rounds=40)
    assert received and not advised
    assert not any(_holds_a_profile(call) for call in received)
    # Parties do not share their profiles with a mediator that does not use them, so even the
    # mediator's own view holds no profile's contents.
    for seen in service.view(result.talk, "Mediator").events:
        if isinstance(seen, ProfileView):
            assert not seen.shared
            assert seen.weights is None and seen.values is None and seen.reservation is None


def test_each_participant_decides_from_its_own_view_only(
    service: TalkService, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    original = TalkService.seen_since

    def spy(
        self: TalkService, talk: str, as_name: str, after: int = 0, at_least: int | None = None
    ) -> Any:
        calls.append(as_name)
        return original(self, talk, as_name, after, at_least)

    monkeypatch.setattr(TalkService, "seen_since", spy)
    fed: list[tuple[str, list[int]]] = []
    for observer in (PartyObserver, MediatorObserver):
        see = observer.see

        def watching(self: Any, events: Any, see: Any = see) -> None:
            events = list(events)
            fed.append((getattr(self, "party", "Mediator"), [e.seq for e in events]))
            see(self, events)

        monkeypatch.setattr(observer, "see", watching)
    result = simulate(service, lease(), "single-text", ["linear", "linear"], rounds=30)
    assert set(calls) == {"Tenant delegate", "Owner delegate", "Mediator"}
    monkeypatch.undo()
    visible = {
        "Tenant": {s.seq for s in service.view(result.talk, "Tenant delegate").events},
        "Owner": {s.seq for s in service.view(result.talk, "Owner delegate").events},
        "Mediator": {s.seq for s in service.view(result.talk, "Mediator").events},
    }
    for who, seqs in fed:
        assert set(seqs) <= visible[who], who


@pytest.mark.parametrize(
    ("mediator", "strategies", "words"),
    [
        ("wizard", ["linear", "linear"], "unknown mediator 'wizard'"),
        ("guided", ["linear"], "give one strategy for each"),
        ("guided", ["linear", "stubborn"], "unknown party strategy 'stubborn'"),
    ],
)
def test_bad_settings_are_named(
    service: TalkService, mediator: str, strategies: list[str], words: str
) -> None:
    with pytest.raises(SimulationError, match=words):
        simulate(service, lease(), mediator, strategies)
    assert service.talks(None) == []


def test_rounds_must_be_positive(service: TalkService) -> None:
    with pytest.raises(ValueError, match="at least 1"):
        simulate(service, lease(), "guided", ["linear", "linear"], rounds=0)
    assert not math.isnan(0.0)
