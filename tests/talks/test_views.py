"""Typed views: one frozen value per kind of sight, and their wire form."""

from __future__ import annotations

from dataclasses import FrozenInstanceError, fields
from typing import get_args

import pytest

from shuttle.talks import (
    BidView,
    CarriedInView,
    Mode,
    OfferAnswerView,
    ProfileView,
    Seen,
)
from shuttle.talks.events import EVENT_TYPES


def test_a_withheld_field_is_absent_from_the_wire_form_not_null() -> None:
    bid = BidView(3, "t", "US Envoy", "United States", 1)
    assert bid.to_dict() == {
        "seq": 3,
        "at": "t",
        "kind": "bid-submitted",
        "room": None,
        "by": "US Envoy",
        "text": None,
        "party": "United States",
        "number": 1,
    }
    answer = OfferAnswerView(9, "t", "Iranian FM", "Iran", None, 7, True)
    assert "offer" not in answer.to_dict() and answer.to_dict()["via"] == 7
    profile = ProfileView(4, "t", "Iranian FM", "Iran", None, None, None, False)
    assert set(profile.to_dict()) == {"seq", "at", "kind", "room", "by", "text", "party", "shared"}


def test_a_carriage_into_a_room_shows_terms_only_when_it_brought_some() -> None:
    words = CarriedInView(5, "t", "Oman", "Iran", "Gist", Mode.PARAPHRASE, "United States")
    assert "terms" not in words.to_dict()
    offer = CarriedInView(
        6, "t", "Oman", "Iran", "Terms", Mode.VERBATIM, "United States", (("A", "1"),)
    )
    assert offer.to_dict()["terms"] == [["A", "1"]] and offer.to_dict()["mode"] == "verbatim"


def test_views_are_frozen() -> None:
    bid = BidView(3, "t", "US Envoy", "United States", 1)
    with pytest.raises(FrozenInstanceError):
        bid.number = 2  # type: ignore[misc]


def test_every_event_kind_has_a_view_and_every_view_a_kind() -> None:
    views = get_args(Seen)
    assert {view.kind for view in views} == set(EVENT_TYPES)
    for view in views:
        names = [field.name for field in fields(view)]
        assert names[:2] == ["seq", "at"], view
