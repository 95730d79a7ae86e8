"""The mediator's double-blind proposal through the API: each party's answer reaches only its
own room and the mediator; a party that rejected never learns the other's answer."""

from __future__ import annotations

from tests.web.api.muscat import IRAN, TERMS, US, Muscat, kinds


def test_a_rejecting_party_never_learns_the_others_answer(muscat: Muscat) -> None:
    [proposed] = muscat.act(muscat.mediator, "proposals", {"terms": TERMS})
    assert (proposed["kind"], proposed["number"]) == ("proposed", 1)
    [no] = muscat.act(muscat.iran, "proposal-answers", {"accept": False})
    assert (no["party"], no["accept"]) == (IRAN, False)
    events = muscat.act(muscat.us, "proposal-answers", {"accept": True, "number": 1})
    assert kinds(events) == ["proposal-answered", "proposal-concluded"]
    assert events[1]["agreed"] is False

    iran = muscat.view(muscat.iran)
    assert [(e["party"], e["accept"]) for e in iran if e["kind"] == "proposal-answered"] == [
        (IRAN, False)
    ]
    us = muscat.view(muscat.us)
    assert [(e["party"], e["accept"]) for e in us if e["kind"] == "proposal-answered"] == [
        (US, True)
    ]
    for view in (iran, us):
        [concluded] = [e for e in view if e["kind"] == "proposal-concluded"]
        assert concluded["agreed"] is False
        assert "agreed" not in kinds(view)
    mediator = muscat.view(muscat.mediator)
    assert len([e for e in mediator if e["kind"] == "proposal-answered"]) == 2
    again = muscat.refused(muscat.iran, "proposal-answers", {"accept": True, "number": 1})
    assert "concluded" in again["rule"]


def test_when_every_party_accepts_the_proposal_is_agreed(muscat: Muscat) -> None:
    muscat.act(muscat.mediator, "proposals", {"terms": TERMS, "clauses": ["Talks resume in June"]})
    pending = muscat.refused(muscat.mediator, "proposals", {"terms": TERMS})
    assert "still awaits answers" in pending["rule"]
    muscat.act(muscat.us, "proposal-answers", {"accept": True})
    events = muscat.act(muscat.iran, "proposal-answers", {"accept": True})
    assert kinds(events) == ["proposal-answered", "proposal-concluded", "agreed"]
    assert (events[2]["reached_on"], events[2]["clauses"]) == ("proposal", ["Talks resume in June"])
    assert "agreed" in kinds(muscat.view(muscat.us))


def test_only_delegates_answer_and_only_an_open_proposal(muscat: Muscat) -> None:
    none = muscat.refused(muscat.us, "proposal-answers", {"accept": True})
    assert none["rule"] == "no mediator's proposal awaits an answer"
    muscat.act(muscat.mediator, "proposals", {"terms": TERMS})
    refusal = muscat.refused(muscat.mediator, "proposal-answers", {"accept": True})
    assert refusal["rule"] == "only a party's delegate answers a mediator's proposal"
    missing = muscat.refused(muscat.us, "proposal-answers", {"accept": True, "number": 7}, 404)
    assert missing["error"] == "notfound"
