"""`view_of`: what each participant sees of the same record."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import ClassVar

import pytest

from shuttle.talks import (
    JOINT_ROOM,
    CarriedInView,
    CarriedOutView,
    Consent,
    Convey,
    Handling,
    Join,
    Mode,
    Note,
    Recorded,
    Release,
    Role,
    Say,
    StatementView,
    view_of,
)
from tests.talks.driver import Talk, open_talk


def test_a_delegate_sees_its_room_and_not_the_other(talk: Talk) -> None:
    talk.do(Say("US Envoy", "US secret"))
    talk.do(Say("Iranian FM", "Iran secret"))
    talk.do(Say("Oman", "To Iran only", room="Iran"))
    us = json.dumps([s.to_dict() for s in talk.view("US Envoy")])
    assert "US secret" in us and "Iran secret" not in us and "To Iran only" not in us
    assert talk.seqs("Oman") == [1, 2, 3, 4]


def test_public_facts_but_not_the_other_partys_delegates(talk: Talk) -> None:
    opened = talk.view("Iranian FM")[0].to_dict()
    assert opened["title"] == "Muscat" and opened["parties"] == ["United States", "Iran"]
    assert opened["delegates"] == [{"name": "Iranian FM", "party": "Iran"}]
    assert opened["mediators"] == ["Oman"]
    talk.do(Join("Oman", "US Lawyer", Role.DELEGATE, "United States"))
    talk.do(Join("Oman", "Qatar", Role.MEDIATOR))
    iran = json.dumps([s.to_dict() for s in talk.view("Iranian FM")])
    assert "US Lawyer" not in iran and "US Envoy" not in iran and "Qatar" in iran


def test_notes_are_for_mediators_only(talk: Talk) -> None:
    talk.do(Note("Oman", "private"))
    assert talk.seqs("US Envoy") == [1] and talk.seqs("Oman") == [1, 2]


def test_the_receiving_room_sees_the_carried_text_and_its_origin_party(talk: Talk) -> None:
    talk.do(Say("US Envoy", "Original words", handling=Handling.MAY_CONVEY))
    talk.do(Convey("Oman", 2, "Iran", Mode.PARAPHRASE, "Their gist"))
    [_, carried] = talk.view("Iranian FM")
    assert isinstance(carried, CarriedInView)
    assert carried.text == "Their gist" and carried.room == "Iran"
    assert carried.mode is Mode.PARAPHRASE and carried.from_room == "United States"
    assert carried.terms == ()  # words carried, not an offer


def test_the_source_party_sees_what_was_carried_where_and_how() -> None:
    talk = open_talk(Handling.MAY_CONVEY)
    talk.do(Say("US Envoy", "Original words"))
    talk.do(Convey("Oman", 2, "Iran", Mode.PARAPHRASE, "Their gist"))
    carriage = talk.view("US Deputy")[-1]
    assert isinstance(carriage, CarriedOutView)
    assert carriage.text == "Their gist" and carriage.room == "Iran"
    assert carriage.source == 2 and carriage.mode is Mode.PARAPHRASE
    assert carriage.text_hidden is False


def test_a_talk_may_hide_the_carried_text_from_its_source() -> None:
    talk = open_talk(Handling.MAY_CONVEY, hide_carried_text=True)
    talk.do(Say("US Envoy", "Original words"))
    talk.do(Convey("Oman", 2, "Iran", Mode.PARAPHRASE, "Their gist"))
    carriage = talk.view("US Envoy")[-1]
    assert isinstance(carriage, CarriedOutView) and carriage.text is None
    assert carriage.text_hidden is True and carriage.to_room == "Iran"
    received = talk.view("Iranian FM")[-1]
    assert isinstance(received, CarriedInView) and received.text == "Their gist"


def test_releases_and_consents_are_seen_by_their_own_party_only(talk: Talk) -> None:
    talk.do(Say("US Envoy", "x"))
    talk.do(Release("US Envoy", 2, Handling.MAY_CONVEY))
    talk.do(Consent("US Envoy"))
    assert talk.seqs("US Deputy") == [1, 2, 3, 4]
    assert talk.seqs("Iranian FM") == [1]


def test_the_joint_room_once_open_is_seen_by_everyone(talk: Talk) -> None:
    talk.do(Consent("US Envoy"))
    talk.do(Consent("Iranian FM"))
    talk.do(Say("Iranian FM", "Hello all", room=JOINT_ROOM))
    iran_view = {s.seq: s for s in talk.view("US Envoy")}
    said = iran_view[5]
    assert isinstance(said, StatementView)
    assert said.text == "Hello all" and said.room == JOINT_ROOM
    assert 4 in iran_view  # the opening of the joint room is a public fact
    assert 3 not in iran_view  # Iran's consent is Iran's


def test_a_delegate_who_joins_later_sees_the_rooms_history(talk: Talk) -> None:
    talk.do(Say("Iranian FM", "Earlier words"))
    talk.do(Join("Oman", "Deputy FM", Role.DELEGATE, "Iran"))
    assert [s.to_dict()["text"] for s in talk.view("Deputy FM")][1] == "Earlier words"


def test_an_event_view_of_does_not_know_is_an_error_for_a_mediator_too() -> None:
    @dataclass(frozen=True)
    class Unheard:
        kind: ClassVar[str] = "unheard"

    talk = open_talk()
    oman = talk.state.participant("Oman")
    assert oman is not None
    with pytest.raises(AssertionError):
        view_of(oman, Recorded(99, "t", Unheard()), talk.state)  # type: ignore[arg-type]
