"""What a room may not have, read from a mediator's view: the statements a mediator's own
words must not give away there, and what the room already knows."""

from __future__ import annotations

import pytest

from shuttle.talks import (
    JOINT_ROOM,
    Consent,
    Convey,
    Handling,
    Mode,
    NotFound,
    Refused,
    Release,
    Say,
    TalkView,
)
from shuttle.talks.guarding import kept_from, kept_in_track
from tests.talks.driver import Talk, head, open_talk, open_three


def read(talk: Talk, name: str) -> TalkView:
    participant = talk.state.participant(name)
    assert participant is not None
    return TalkView.of("t", participant, head(talk), talk.last, talk.view(name))


def test_mediator_only_and_verbatim_only_are_kept_may_convey_is_not() -> None:
    talk = open_talk()
    talk.do(Say("Iranian FM", "Our limit is 3.67 percent."))  # mediator-only by default
    secret = talk.last
    talk.do(Say("Iranian FM", "Only in our words: June 30.", handling=Handling.VERBATIM_ONLY))
    verbatim = talk.last
    talk.do(Say("Iranian FM", "Tell them we are serious.", handling=Handling.MAY_CONVEY))
    talk.do(Say("US Envoy", "Our own room's words."))
    kept = kept_from(read(talk, "Oman"), "united states")
    assert kept.room == "United States"
    assert [(k.seq, k.room) for k in kept.statements] == [(secret, "Iran"), (verbatim, "Iran")]
    assert kept.statements[0].why.startswith("mediator-only")
    assert kept.statements[1].why.startswith("verbatim-only")
    assert "Our own room's words." in kept.known and "Muscat" in kept.known


def test_words_carried_verbatim_are_known_and_no_longer_kept() -> None:
    talk = open_talk()
    talk.do(Say("Iranian FM", "Only in our words: June 30.", handling=Handling.VERBATIM_ONLY))
    source = talk.last
    talk.do(Convey("Oman", source, "United States", Mode.VERBATIM))
    kept = kept_from(read(talk, "Oman"), "United States")
    assert kept.statements == []
    assert "Only in our words: June 30." in kept.known


def test_a_release_is_followed() -> None:
    talk = open_talk()
    talk.do(Say("Iranian FM", "Our limit is 3.67 percent."))
    talk.do(Release("Iranian FM", talk.last, Handling.MAY_CONVEY))
    assert kept_from(read(talk, "Oman"), "United States").statements == []


def test_the_statement_carried_is_not_warned_of() -> None:
    talk = open_three()
    talk.do(Say("Ann", "We could accept 40 trucks a day.", handling=Handling.MEDIATOR_ONLY))
    first = talk.last
    talk.do(Say("Ann", "We can open the crossing.", handling=Handling.MAY_CONVEY))
    carried = talk.last
    kept = kept_from(read(talk, "Med"), "Beta", carrying=carried)
    assert [k.seq for k in kept.statements] == [first]
    kept_gamma = kept_from(read(talk, "Med"), "Gamma")
    assert [k.seq for k in kept_gamma.statements] == [first]


def test_the_joint_room_once_open() -> None:
    talk = open_talk()
    talk.do(Say("Iranian FM", "Our limit is 3.67 percent."))
    with pytest.raises(NotFound, match="rooms: 'United States', 'Iran'"):
        kept_from(read(talk, "Oman"), JOINT_ROOM)
    talk.do(Consent("US Envoy"))
    talk.do(Consent("Iranian FM"))
    kept = kept_from(read(talk, "Oman"), JOINT_ROOM)
    assert [k.room for k in kept.statements] == ["Iran"]


def test_refusals_name_the_rule_and_reveal_nothing() -> None:
    talk = open_talk()
    talk.do(Say("Iranian FM", "Our limit is 3.67 percent."))
    with pytest.raises(Refused, match="only a mediator"):
        kept_from(read(talk, "US Envoy"), "Iran")
    with pytest.raises(NotFound, match="room 'Nowhere' not found"):
        kept_from(read(talk, "Oman"), "Nowhere")
    with pytest.raises(NotFound, match="statement 99"):
        kept_from(read(talk, "Oman"), "United States", carrying=99)
    with pytest.raises(NotFound, match="statement 1 "):
        kept_from(read(talk, "Oman"), "United States", carrying=1)  # the opening


def test_what_may_not_leave_the_track_in_a_paraphrase_carried_across() -> None:
    talk = open_talk()
    talk.do(Say("Iranian FM", "Our limit is 3.67 percent."))  # mediator-only by default
    secret = talk.last
    talk.do(Say("US Envoy", "Only our words: phased relief.", handling=Handling.VERBATIM_ONLY))
    verbatim = talk.last
    talk.do(Say("US Envoy", "We want a deal this year.", handling=Handling.MAY_CONVEY))
    carried = talk.last
    talk.do(Say("Iranian FM", "Say we are serious.", handling=Handling.MAY_CONVEY))
    # Every room's, the carried statement's own room's too; never the one being carried.
    kept = kept_in_track(read(talk, "Oman"), carried)
    assert [(k.seq, k.room) for k in kept] == [(verbatim, "United States"), (secret, "Iran")]
    with pytest.raises(Refused):
        kept_in_track(read(talk, "US Envoy"), carried)
