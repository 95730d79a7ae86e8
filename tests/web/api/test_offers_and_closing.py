"""Offers relayed by the mediator, answers to them, incidents, and closing a talk, through
the API."""

from __future__ import annotations

from tests.web.api.muscat import IRAN, TERMS, US, Muscat, kinds


def test_an_offer_carried_verbatim_is_answered_and_agreed(muscat: Muscat) -> None:
    [offered] = muscat.act(muscat.us, "offers", {"terms": TERMS, "handling": "may-convey"})
    assert (offered["kind"], offered["room"]) == ("offered", US)
    assert "offered" not in kinds(muscat.view(muscat.iran))
    [carried] = muscat.act(
        muscat.mediator,
        "conveyances",
        {"statement": offered["seq"], "to": IRAN, "mode": "verbatim"},
    )
    assert dict(carried["terms"]) == TERMS
    # Only a carriage into one's own room can be answered, by its seq in that room.
    refusal = muscat.refused(
        muscat.iran, "offer-answers", {"via": offered["seq"], "accept": True}, 404
    )
    assert refusal["error"] == "notfound"
    events = muscat.act(muscat.iran, "offer-answers", {"via": carried["seq"], "accept": True})
    assert kinds(events) == ["offer-answered", "agreed"]
    answered, agreed = events
    assert (answered["party"], answered["via"], answered["accept"]) == (IRAN, carried["seq"], True)
    assert "offer" not in answered  # Iran knows the offer by the carriage, not its US seq
    assert agreed["reached_on"] == "offer" and "ref" not in agreed
    [us_agreed] = [e for e in muscat.view(muscat.us) if e["kind"] == "agreed"]
    assert us_agreed["ref"] == offered["seq"]  # the offering party knows its own offer


def test_an_offer_answer_is_given_once_and_only_by_the_receiving_room(muscat: Muscat) -> None:
    [offered] = muscat.act(muscat.iran, "offers", {"terms": TERMS, "handling": "verbatim-only"})
    [carried] = muscat.act(
        muscat.mediator, "conveyances", {"statement": offered["seq"], "to": US, "mode": "verbatim"}
    )
    # Iran sees the carriage of its own offer, but it did not come into Iran's room.
    own = muscat.refused(muscat.iran, "offer-answers", {"via": carried["seq"], "accept": True})
    assert "not an offer carried into your room" in own["rule"]
    muscat.act(muscat.us, "offer-answers", {"via": carried["seq"], "accept": False})
    again = muscat.refused(muscat.us, "offer-answers", {"via": carried["seq"], "accept": True})
    assert "already answered" in again["rule"]
    assert "agreed" not in kinds(muscat.view(muscat.mediator))


def test_incidents_reach_every_room(muscat: Muscat) -> None:
    [incident] = muscat.act(
        muscat.mediator, "incidents", {"text": "a drone attack on a US base", "drop": 0.03}
    )
    assert (incident["kind"], incident["drop"]) == ("incident", "0.03")
    for delegate in (muscat.us, muscat.iran):
        assert "a drone attack on a US base" in str(muscat.view(delegate))
    refusal = muscat.refused(muscat.iran, "incidents", {"text": "a strike", "drop": 0.1})
    assert refusal["rule"] == "only a mediator enters incidents"


def test_closing_ends_the_talk_for_everyone(muscat: Muscat) -> None:
    refusal = muscat.refused(muscat.us, "close", {"reason": "we walk"})
    assert refusal["rule"] == "only a mediator closes a talk"
    [closed] = muscat.act(muscat.mediator, "close", {"reason": "no zone of agreement"})
    assert (closed["kind"], closed["reason"]) == ("closed", "no zone of agreement")
    assert kinds(muscat.view(muscat.iran))[-1] == "closed"
    after = muscat.refused(muscat.us, "statements", {"text": "are we done?"})
    assert after["rule"] and after["allowed"]
