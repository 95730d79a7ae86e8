"""Blind bids through the API: nobody sees a bound, the mediator included; both parties learn
the settlement, or only that there is none."""

from __future__ import annotations

from typing import Any

from tests.web.api.muscat import DETAINEES, IRAN, US, Muscat, kinds, untimed

# Bounds no other number in these talks spells: if they appear in a view, a bound leaked.
US_BOUND, IRAN_BOUND = 3.75, 9.25


def no_bound_in(view: list[dict[str, Any]], *bounds: float) -> None:
    """None of `bounds` appears anywhere in `view` (a party still sees its own bound)."""
    text = untimed(view)
    for bound in bounds:
        assert str(bound) not in text, f"bound {bound} visible: {text}"


def open_bid(muscat: Muscat) -> dict[str, Any]:
    [opened] = muscat.act(muscat.mediator, "bids", {"issue": DETAINEES, "high": US, "low": IRAN})
    assert (opened["kind"], opened["number"]) == ("bid-opened", 1)
    assert opened["notice"]  # what a settlement reveals is said before anyone bids
    opened_by_iran = [e for e in muscat.view(muscat.iran) if e["kind"] == "bid-opened"]
    assert opened_by_iran and opened_by_iran[0]["notice"] == opened["notice"]
    return dict(opened)


def test_overlapping_bounds_settle_and_no_bound_is_seen(muscat: Muscat) -> None:
    open_bid(muscat)
    # The United States wants many detainees released, so it bids the least it accepts.
    [mine] = muscat.act(muscat.us, "bid-bounds", {"bound": US_BOUND})
    assert (mine["kind"], mine["party"]) == ("bid-submitted", US)
    no_bound_in(muscat.view(muscat.mediator), US_BOUND)
    no_bound_in(muscat.view(muscat.iran), US_BOUND)
    events = muscat.act(muscat.iran, "bid-bounds", {"bound": IRAN_BOUND, "number": 1})
    assert kinds(events) == ["bid-submitted", "bid-settled"]
    settled = events[1]
    assert (settled["issue"], settled["value"]) == (DETAINEES, "8")  # nearest the middle, 6.5
    mediator = muscat.view(muscat.mediator)
    no_bound_in(mediator, US_BOUND, IRAN_BOUND)
    assert [e["party"] for e in mediator if e["kind"] == "bid-submitted"] == [US, IRAN]
    assert not [e for e in mediator if "bound" in e]
    no_bound_in(muscat.view(muscat.us), IRAN_BOUND)
    assert [e["bound"] for e in muscat.view(muscat.us) if "bound" in e] == ["3.75"]
    no_bound_in(muscat.view(muscat.iran), US_BOUND)
    assert [e["value"] for e in muscat.view(muscat.us) if e["kind"] == "bid-settled"] == ["8"]


def test_bounds_that_do_not_overlap_settle_nothing(muscat: Muscat) -> None:
    open_bid(muscat)
    muscat.act(muscat.us, "bid-bounds", {"bound": 9.25})
    events = muscat.act(muscat.iran, "bid-bounds", {"bound": 1.5})
    assert kinds(events) == ["bid-submitted", "bid-settled"]
    assert events[1]["value"] is None
    for view in (muscat.view(muscat.us), muscat.view(muscat.iran), muscat.view(muscat.mediator)):
        [settled] = [e for e in view if e["kind"] == "bid-settled"]
        assert settled["value"] is None
    no_bound_in(muscat.view(muscat.mediator), 9.25, 1.5)


def test_the_mediator_cannot_bid_and_a_bound_is_final(muscat: Muscat) -> None:
    nothing = muscat.refused(muscat.us, "bid-bounds", {"bound": 1})
    assert "no blind bid awaits" in nothing["rule"]
    open_bid(muscat)
    refusal = muscat.refused(muscat.mediator, "bid-bounds", {"bound": 4})
    assert refusal["rule"] == "only a party's delegate submits a bound"
    muscat.act(muscat.us, "bid-bounds", {"bound": 4})
    again = muscat.refused(muscat.us, "bid-bounds", {"bound": 5})
    assert "a bound is final" in again["allowed"]
    numeric = muscat.refused(
        muscat.mediator, "bids", {"issue": "Red Sea shipping", "high": US, "low": IRAN}
    )
    assert "not numeric" in numeric["rule"]
