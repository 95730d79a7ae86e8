"""The service's part in negotiating: signatures stamped with the real head, and advice that
withholds every number of a profile the mediator may not see."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from shuttle.service import TalkService
from shuttle.store import open_store
from shuttle.talks import (
    AgreementView,
    Answer,
    AnswerView,
    Delegate,
    Draft,
    Invalid,
    OpenTalk,
    Refused,
    ReportIncident,
    Sign,
    SignatureView,
    SubmitProfile,
)

AGENDA = (("Price", ("10", "20", "30")), ("Term", ("short", "long")))
TALK = OpenTalk(
    title="Lease",
    parties=("Tenant", "Owner"),
    mediators=("Mediator",),
    delegates=(Delegate("Tina", "Tenant"), Delegate("Otto", "Owner")),
    agenda=AGENDA,
)
TENANT_VALUES = (("Price", "10", 1.0), ("Price", "20", 0.6), ("Price", "30", 0.0))
OWNER_VALUES = (("Price", "10", 0.0), ("Price", "20", 0.5), ("Price", "30", 1.0))


@pytest.fixture
def service(database_url: str) -> Iterator[TalkService]:
    store = open_store(database_url)
    yield TalkService(store, clock=lambda: "2026-11-25T10:00:00.000000+00:00")
    store.dispose()


def profiles(service: TalkService, talk: str, owner_shares: bool) -> None:
    service.execute(
        talk,
        SubmitProfile(
            "Tina",
            weights=(("Price", 3.0), ("Term", 1.0)),
            values=(*TENANT_VALUES, ("Term", "short", 0.2), ("Term", "long", 1.0)),
            reservation=0.3,
            share=True,
        ),
    )
    service.execute(
        talk,
        SubmitProfile(
            "Otto",
            weights=(("Price", 1.0), ("Term", 1.0)),
            values=(*OWNER_VALUES, ("Term", "short", 0.0), ("Term", "long", 1.0)),
            reservation=0.4,
            share=owner_shares,
        ),
    )


def test_a_signature_records_the_head_the_service_reads(service: TalkService) -> None:
    talk = service.open_talk(TALK).talk
    service.execute(talk, Draft("Mediator", (("Price", "20"), ("Term", "long"))))
    service.execute(talk, Answer("Tina", accept=True))
    agreed = service.execute(talk, Answer("Otto", accept=True))
    assert [type(seen) for seen in agreed.events] == [AnswerView, AgreementView]
    with pytest.raises(Refused, match="record's head is 6:"):
        service.execute(talk, Sign("Tina", head=f"5:{'0' * 64}", intent=True))
    with pytest.raises(Invalid, match="head"):
        service.execute(talk, Sign("Tina", head="five", intent=True))
    signed = service.execute(talk, Sign("Tina", head=str(agreed.head), intent=True))
    assert isinstance(signed.events[0], SignatureView)
    data = service.store.load(talk, after_seq=6)[0].document["data"]
    assert data["head"] == str(agreed.head) and data["party"] == "Tenant"
    service.execute(talk, Sign("Otto", intent=True))
    assert service.store.load(talk, after_seq=7)[0].document["data"]["head"] == str(signed.head)
    signatures = service.view(talk, "Mediator").signatures
    assert {signature.party for signature in signatures} == {"Tenant", "Owner"}


def test_advice_with_every_profile_shared_gives_numbers(service: TalkService) -> None:
    talk = service.open_talk(TALK).talk
    profiles(service, talk, owner_shares=True)
    service.execute(talk, Draft("Mediator", (("Price", "10"), ("Term", "short"))))
    advice = service.advice(talk, "Mediator")
    assert advice.zone_exists and advice.zone_size is not None and not advice.ordinal_only
    assert advice.nash is not None and all(u is not None for u in advice.nash.utilities)
    assert advice.nash.outcome == {"Price": "20", "Term": "long"}
    assert advice.draft is not None and advice.improvements
    for better in advice.improvements:
        assert all(
            b is not None and d is not None and b > d
            for b, d in zip(better.utilities, advice.draft.utilities, strict=True)
        )


def test_advice_withholds_every_number_of_an_unshared_profile(service: TalkService) -> None:
    talk = service.open_talk(TALK).talk
    profiles(service, talk, owner_shares=False)
    service.execute(talk, Draft("Mediator", (("Price", "10"), ("Term", "short"))))
    advice = service.advice(talk, "Mediator").to_dict()
    assert advice["ordinal_only"] and advice["zone_exists"] and advice["zone_size"] is None
    assert advice["reservations"][1] is None and advice["reservations"][0] == pytest.approx(0.3)
    owner_numbers = [p["utilities"][1] for p in [*advice["pareto"], advice["nash"]]]
    assert owner_numbers and all(u is None for u in owner_numbers)
    assert advice["draft"]["utilities"][1] is None
    assert "0.4" not in json.dumps(advice["reservations"])


def test_advice_is_for_mediators_and_needs_every_profile(service: TalkService) -> None:
    talk = service.open_talk(TALK).talk
    with pytest.raises(Refused, match="waiting for 'Tenant', 'Owner'"):
        service.advice(talk, "Mediator")
    profiles(service, talk, owner_shares=True)
    with pytest.raises(Refused, match="advice is for mediators"):
        service.advice(talk, "Tina")


def test_incidents_lower_the_reservations_advice_uses(service: TalkService) -> None:
    talk = service.open_talk(TALK).talk
    profiles(service, talk, owner_shares=True)
    before = service.advice(talk, "Mediator")
    service.execute(talk, ReportIncident("Mediator", "a storm floods the site", 0.25))
    after = service.advice(talk, "Mediator")
    assert after.reservations == pytest.approx((0.05, 0.15))
    assert before.zone_size is not None and after.zone_size is not None
    assert after.zone_size >= before.zone_size
