"""The read model: one participant's picture of a talk, folded from its own views alone."""

from __future__ import annotations

from shuttle.talks import (
    JOINT_ROOM,
    Answer,
    Close,
    Consent,
    Draft,
    Handling,
    Join,
    Leave,
    Member,
    Offer,
    ReportIncident,
    Role,
    Say,
    Sign,
    Status,
    SubmitProfile,
    TalkView,
)
from tests.talks.driver import IRAN, TERMS, US, Talk, head, open_negotiation, open_talk


def read(talk: Talk, name: str) -> TalkView:
    participant = talk.state.participant(name)
    assert participant is not None
    return TalkView.of("t", participant, head(talk), talk.last, talk.view(name))


def test_the_roster_holds_late_joiners_and_co_mediators_as_far_as_the_reader_may_know() -> None:
    talk = open_talk()
    talk.do(Join("Oman", "Qatar", Role.MEDIATOR))
    talk.do(Join("Oman", "Deputy FM", Role.DELEGATE, IRAN))
    talk.do(Join("Oman", "US Aide", Role.DELEGATE, US))

    mediator = read(talk, "Oman")
    assert mediator.mediators == ["Oman", "Qatar"]
    assert [m.name for m in mediator.delegates_of(IRAN)] == ["Iranian FM", "Deputy FM"]
    assert Member("Qatar", Role.MEDIATOR, None, 2) in mediator.roster

    iran = read(talk, "Iranian FM")
    # Its own room's readers: every mediator and its own delegation, late joiners included.
    assert [m.name for m in iran.readers_of(IRAN)] == ["Oman", "Iranian FM", "Qatar", "Deputy FM"]
    # Of the other party it knows no delegate: not even one who joined later.
    assert iran.delegates_of(US) == []
    assert "US Aide" not in [m.name for m in iran.roster]
    assert iran.mediator_names == "Oman and Qatar"


def test_those_who_left_stay_on_the_roster_but_read_no_room() -> None:
    talk = open_talk()
    talk.do(Join("Oman", "Qatar", Role.MEDIATOR))
    talk.do(Leave("Oman", "Qatar"))
    talk.do(Leave("Oman", "US Deputy"))

    us = read(talk, "US Envoy")
    assert Member("Qatar", Role.MEDIATOR, None, 2, until=3) in us.roster
    assert [m.name for m in us.readers_of(US)] == ["Oman", "US Envoy"]
    assert us.mediators == ["Oman"]
    iran = read(talk, "Iranian FM")
    # The US delegate's leaving is the US room's business: Iran is not told of it.
    assert "US Deputy" not in [m.name for m in iran.roster]


def test_the_joint_room_is_read_by_everyone_the_reader_knows() -> None:
    talk = open_talk()
    view = read(talk, "US Envoy")
    assert [m.name for m in view.readers_of(JOINT_ROOM)] == ["Oman", "US Envoy", "US Deputy"]


def test_rooms_handling_and_carriages_follow_the_readers_view() -> None:
    talk = open_talk(Handling.MAY_CONVEY)
    talk.do(Say("US Envoy", "Our words."))
    talk.do(Say("Iranian FM", "Theirs."))
    us = read(talk, "US Envoy")
    assert list(us.rooms) == [US] and us.handling == {2: Handling.MAY_CONVEY}
    assert us.statement(2) is not None and us.statement(3) is None
    talk.do(Consent("US Envoy"))
    talk.do(Consent("Iranian FM"))
    opened = read(talk, "Iranian FM")
    assert opened.joint_open and opened.room_rooms() == [US, IRAN, JOINT_ROOM]
    assert set(opened.consents) == {IRAN}  # the other party's consent is not in its view


def test_status_runs_from_open_through_agreed_to_signed() -> None:
    talk = open_negotiation()
    assert read(talk, "Oman").status is Status.OPEN
    talk.do(Draft("Oman", TERMS))
    talk.do(Answer("US Envoy", True))
    talk.do(Answer("Iranian FM", True))
    assert read(talk, "US Envoy").status is Status.AGREED
    talk.do(Sign("US Envoy", head(talk), intent=True))
    assert read(talk, "Iranian FM").status is Status.AGREED
    talk.do(Sign("Iranian FM", head(talk), intent=True))
    for name in ("Oman", "US Envoy", "Iranian FM"):
        assert read(talk, name).status is Status.SIGNED
    signature = read(talk, "Iranian FM").signed_by(US)
    # A signature is public whole: the signer's name is on the agreement for every party.
    assert signature is not None and signature.by == "US Envoy"
    assert read(talk, "US Deputy").signed_by(US) is not None


def test_a_closed_talk_says_so() -> None:
    talk = open_negotiation()
    talk.do(Close("Oman", "No progress."))
    view = read(talk, "Iranian FM")
    assert view.status is Status.CLOSED and view.closed is not None
    assert view.last_activity == view.events[-1].at


def test_escalation_is_the_sum_the_negotiations_fold_makes() -> None:
    talk = open_negotiation()
    talk.do(ReportIncident("Oman", "A strike.", 0.1))
    talk.do(ReportIncident("Oman", "Another.", 0.05))
    assert read(talk, "US Envoy").escalation == talk.state.negotiation.escalation


def test_the_agenda_can_change_until_something_rests_on_it() -> None:
    talk = open_negotiation()
    assert read(talk, "Oman").agenda_can_change
    talk.do(Offer("US Envoy", TERMS))
    assert not read(talk, "Oman").agenda_can_change


def test_an_unshared_profile_is_known_to_the_mediator_only_as_a_fact() -> None:
    talk = open_negotiation()
    talk.do(
        SubmitProfile(
            "Iranian FM",
            (("Enrichment", 1.0), ("Sanctions", 1.0)),
            (
                ("Enrichment", "3.67", 0.0),
                ("Enrichment", "20", 0.5),
                ("Enrichment", "60", 0.8),
                ("Enrichment", "90", 1.0),
                ("Sanctions", "none", 0.0),
                ("Sanctions", "partial", 0.5),
                ("Sanctions", "full", 1.0),
            ),
            0.3,
        )
    )
    mediator = read(talk, "Oman").profiles[IRAN]
    assert (mediator.weights, mediator.values, mediator.reservation) == (None, None, None)
    own = read(talk, "Iranian FM").own_profile()
    assert own is not None and own.reservation == "0.3"
    assert read(talk, "US Envoy").profiles == {}
