"""Every rule of proximity talks, and each refusal with the words it gives."""

from __future__ import annotations

import pytest

from shuttle.talks import (
    JOINT_ROOM,
    Consent,
    Convey,
    Delegate,
    Handling,
    Hint,
    Invalid,
    Join,
    Leave,
    Mode,
    Note,
    NotFound,
    OpenTalk,
    Refused,
    Release,
    Role,
    Say,
    StatementView,
    decide,
    view_of,
)
from shuttle.talks.conversation.events import Conveyed, JointRoomOpened, Left, Released, Said
from tests.talks.driver import Talk, open_talk

US, IRAN = "United States", "Iran"


def refused(talk: Talk, command: object, kind: type[Exception], *words: str) -> str:
    """Assert that `command` is refused with `kind`, changes nothing, and mentions `words`."""
    before = talk.state
    with pytest.raises(kind) as caught:
        talk.do(command)  # type: ignore[arg-type]
    assert talk.state is before
    message = str(caught.value)
    for word in words:
        assert word in message, message
    return message


def said(talk: Talk, actor: str, text: str, **kw: object) -> int:
    talk.do(Say(actor, text, **kw))  # type: ignore[arg-type]
    return talk.last


# -- open --------------------------------------------------------------------------------------


def test_open_records_parties_participants_and_rules() -> None:
    talk = open_talk(Handling.MAY_CONVEY, hide_carried_text=True)
    state = talk.state
    assert state.title == "Muscat" and state.parties == (US, IRAN)
    assert state.default_handling is Handling.MAY_CONVEY and state.hide_carried_text
    envoy = state.participant("US Envoy")
    assert envoy is not None and envoy.role is Role.DELEGATE and envoy.party == US


@pytest.mark.parametrize(
    ("command", "words"),
    [
        (OpenTalk("T", ("A",), ("M",)), "at least two parties"),
        (OpenTalk("T", ("A", "B"), ()), "at least one mediator"),
        (OpenTalk("T", ("A", "A"), ("M",)), "given twice"),
        (OpenTalk("T", ("A", "Joint"), ("M",)), "joint room"),
        (OpenTalk("", ("A", "B"), ("M",)), "title is empty"),
        (OpenTalk("T", ("A", "B"), ("M", "M")), "given twice"),
        (OpenTalk("T", ("A", "B"), ("A",)), "is a party's name"),
        (OpenTalk("T", ("A", "B"), ("M",), (Delegate("d", "C"),)), "not a party"),
        (OpenTalk("T", ("A", "B"), ("M",), (Delegate("M", "A"),)), "given twice"),
    ],
)
def test_open_refuses_malformed_talks(command: OpenTalk, words: str) -> None:
    with pytest.raises(Invalid, match=words):
        decide(Talk().state, command)


def test_names_are_unique_after_nfc_normalisation() -> None:
    composed, decomposed = "Jos\u00e9", "Jose\u0301"
    with pytest.raises(Invalid, match="given twice"):
        decide(Talk().state, OpenTalk("T", ("A", "B"), (composed, decomposed)))
    talk = Talk()
    talk.do(OpenTalk("T", ("A", "B"), (composed,)))
    assert talk.state.participant(decomposed) is not None


def test_a_talk_opens_once(talk: Talk) -> None:
    refused(talk, OpenTalk("T", ("A", "B"), ("M",)), Refused, "opened once")


def test_commands_on_an_unopened_talk_are_not_found() -> None:
    refused(Talk(), Say("x", "hello"), NotFound, "talk not found")


# -- join ---------------------------------------------------------------------------------------


def test_a_mediator_adds_delegates_and_mediators(talk: Talk) -> None:
    talk.do(Join("Oman", "Deputy FM", Role.DELEGATE, IRAN))
    talk.do(Join("Oman", "Qatar", Role.MEDIATOR))
    deputy, qatar = talk.state.participant("Deputy FM"), talk.state.participant("Qatar")
    assert deputy is not None and deputy.party == IRAN
    assert qatar is not None and qatar.is_mediator


def test_join_refusals(talk: Talk) -> None:
    refused(talk, Join("US Envoy", "X", Role.DELEGATE, US), Refused, "only a mediator adds")
    refused(talk, Join("Oman", "US Envoy", Role.DELEGATE, IRAN), Refused, "already takes part")
    refused(talk, Join("Oman", "Iran", Role.DELEGATE, US), Refused, "is a party's name")
    refused(talk, Join("Oman", "X", Role.DELEGATE, "Narnia"), NotFound, "party 'Narnia'")
    refused(talk, Join("Oman", "X", Role.DELEGATE), Invalid, "name the party")
    refused(talk, Join("Oman", "X", Role.MEDIATOR, US), Invalid, "belongs to no party")
    refused(talk, Join("Nobody", "X", Role.MEDIATOR), NotFound, "participant 'Nobody'")


# -- leave --------------------------------------------------------------------------------------


def test_a_mediator_removes_a_delegate_who_then_acts_and_reads_no_more(talk: Talk) -> None:
    talk.do(Say("US Deputy", "before"))
    [event] = talk.do(Leave("Oman", "US Deputy"))
    assert event == Left("Oman", "US Deputy", Role.DELEGATE, US)
    deputy = talk.state.participant("US Deputy")
    assert deputy is not None and deputy.left == talk.state.last_seq
    assert [p.name for p in talk.state.delegates_of(US)] == ["US Envoy"]
    refused(talk, Say("US Deputy", "after"), Refused, "no longer take part")
    talk.do(Say("US Envoy", "after"))
    seen = [view_of(deputy, r, talk.state) for r in talk.state.record]
    assert [s.text for s in seen if isinstance(s, StatementView)] == ["before"]
    refused(talk, Join("Oman", "US Deputy", Role.DELEGATE, US), Refused, "took part", "left")


def test_a_delegate_leaves_by_itself_and_removes_nobody_else(talk: Talk) -> None:
    refused(talk, Leave("US Envoy", "Iranian FM"), Refused, "only a mediator removes")
    refused(talk, Leave("US Envoy", "Nobody"), Refused, "only a mediator removes")
    [event] = talk.do(Leave("US Envoy", " US Envoy "))
    assert event == Left("US Envoy", "US Envoy", Role.DELEGATE, US)
    refused(talk, Leave("Oman", "US Envoy"), Refused, "already left")


def test_the_last_mediator_stays_and_the_last_delegate_may_go(talk: Talk) -> None:
    refused(talk, Leave("Oman", "Oman"), Refused, "only mediator", "add another")
    refused(talk, Leave("Oman", "Nobody"), NotFound, "participant 'Nobody'")
    talk.do(Leave("Oman", "Iranian FM"))
    assert talk.state.delegates_of(IRAN) == []
    talk.do(Join("Oman", "Qatar", Role.MEDIATOR))
    talk.do(Leave("Qatar", "Oman"))
    assert [m.name for m in talk.state.mediators()] == ["Qatar"]
    refused(talk, Leave("Qatar", "Qatar"), Refused, "only mediator")


# -- say ----------------------------------------------------------------------------------------


def test_a_delegate_speaks_in_its_own_room_with_the_default_handling(talk: Talk) -> None:
    [event] = talk.do(Say("US Envoy", "  We want a deal.  "))
    assert event == Said("US Envoy", US, "We want a deal.", Handling.MEDIATOR_ONLY)


def test_a_talk_opened_otherwise_sets_another_default() -> None:
    talk = open_talk(Handling.MAY_CONVEY)
    [event] = talk.do(Say("US Envoy", "hello"))
    assert isinstance(event, Said) and event.handling is Handling.MAY_CONVEY


def test_a_delegate_cannot_speak_in_another_room_nor_learn_it_exists(talk: Talk) -> None:
    iran = refused(talk, Say("US Envoy", "hi", room=IRAN), NotFound, "'United States'")
    narnia = refused(talk, Say("US Envoy", "hi", room="Narnia"), NotFound)
    assert iran.replace(IRAN, "Narnia") == narnia


def test_a_mediator_speaks_in_the_room_it_names(talk: Talk) -> None:
    [event] = talk.do(Say("Oman", "Welcome.", room=IRAN))
    assert isinstance(event, Said) and event.room == IRAN
    refused(
        talk, Say("Oman", "Welcome."), Invalid, "names the room", "'United States', 'Iran', 'joint'"
    )
    refused(talk, Say("Oman", "Welcome.", room="Narnia"), NotFound, "party 'Narnia'")


@pytest.mark.parametrize(("text", "words"), [("   ", "empty"), ("x" * 20_001, "20,001")])
def test_text_must_hold_1_to_20000_characters(talk: Talk, text: str, words: str) -> None:
    refused(talk, Say("US Envoy", text), Invalid, words)


def test_text_of_exactly_20000_characters_and_any_unicode_is_accepted(talk: Talk) -> None:
    said(talk, "US Envoy", "ü" * 20_000)
    said(talk, "US Envoy", "سلام 🕊️ 和平")


def test_text_with_an_unpaired_surrogate_is_refused(talk: Talk) -> None:
    refused(talk, Say("US Envoy", "bad \udcff byte"), Invalid, "not valid Unicode")


# -- release ------------------------------------------------------------------------------------


def test_any_delegate_of_the_party_may_relax_a_statement(talk: Talk) -> None:
    seq = said(talk, "US Envoy", "Our deadline is Friday.")
    [event] = talk.do(Release("US Deputy", seq, Handling.MAY_CONVEY))
    assert event == Released("US Deputy", seq, Handling.MAY_CONVEY, Handling.MEDIATOR_ONLY)
    assert talk.state.statements[seq].handling is Handling.MAY_CONVEY


def test_tightening_is_allowed_only_until_something_is_carried(talk: Talk) -> None:
    seq = said(talk, "US Envoy", "An offer.", handling=Handling.MAY_CONVEY)
    talk.do(Release("US Envoy", seq, Handling.VERBATIM_ONLY))
    talk.do(Convey("Oman", seq, IRAN, Mode.VERBATIM))
    refused(talk, Release("US Envoy", seq, Handling.MEDIATOR_ONLY), Refused, "already been carried")
    talk.do(Release("US Envoy", seq, Handling.MAY_CONVEY))


def test_release_refusals(talk: Talk) -> None:
    seq = said(talk, "US Envoy", "Mine.")
    mediators = said(talk, "Oman", "The mediator's words.", room=US)
    iran = said(talk, "Iranian FM", "Theirs.")
    refused(talk, Release("US Envoy", seq, Handling.MEDIATOR_ONLY), Refused, "already")
    refused(talk, Release("Oman", seq, Handling.MAY_CONVEY), Refused, "only a delegate")
    refused(talk, Release("US Envoy", mediators, Handling.MAY_CONVEY), Refused, "only a delegate")
    refused(talk, Release("US Envoy", 1, Handling.MAY_CONVEY), Refused, "not a statement")
    # Another party's statement and a number past the end get the same answer.
    hidden = refused(talk, Release("US Envoy", iran, Handling.MAY_CONVEY), NotFound)
    absent = refused(talk, Release("US Envoy", 999, Handling.MAY_CONVEY), NotFound)
    assert hidden == f"event {iran} not found" and absent == "event 999 not found"


# -- convey -------------------------------------------------------------------------------------


def test_a_mediator_carries_a_paraphrase_linked_to_its_source(talk: Talk) -> None:
    seq = said(talk, "US Envoy", "We can discuss limits.", handling=Handling.MAY_CONVEY)
    [event] = talk.do(Convey("Oman", seq, IRAN, Mode.PARAPHRASE, "They are flexible."))
    assert event == Conveyed("Oman", seq, US, IRAN, Mode.PARAPHRASE, "They are flexible.")
    assert talk.state.statements[seq].carried == 1


def test_verbatim_carries_the_source_words(talk: Talk) -> None:
    seq = said(talk, "US Envoy", "Exactly this.", handling=Handling.VERBATIM_ONLY)
    [event] = talk.do(Convey("Oman", seq, IRAN, Mode.VERBATIM))
    assert isinstance(event, Conveyed) and event.text == "Exactly this."
    talk.do(Convey("Oman", seq, IRAN, Mode.VERBATIM, "Exactly this."))
    refused(talk, Convey("Oman", seq, IRAN, Mode.VERBATIM, "Roughly this."), Refused, "exactly")


def test_mediator_only_never_leaves_its_room(talk: Talk) -> None:
    seq = said(talk, "US Envoy", "Our real deadline.")
    for mode in Mode:
        refused(talk, Convey("Oman", seq, IRAN, mode, "x"), Refused, "never leaves", "release")


def test_verbatim_only_cannot_be_paraphrased(talk: Talk) -> None:
    seq = said(talk, "US Envoy", "Word for word.", handling=Handling.VERBATIM_ONLY)
    refused(
        talk, Convey("Oman", seq, IRAN, Mode.PARAPHRASE, "Gist."), Refused, "carry it word for word"
    )


def test_convey_refusals(talk: Talk) -> None:
    seq = said(talk, "US Envoy", "Carry me.", handling=Handling.MAY_CONVEY)
    own = said(talk, "Oman", "The mediator's own words.", room=US)
    refused(talk, Convey("US Envoy", seq, IRAN, Mode.VERBATIM), Refused, "only a mediator")
    refused(talk, Convey("Oman", seq, US, Mode.VERBATIM), Refused, "own room", "'Iran'")
    refused(talk, Convey("Oman", seq, "Narnia", Mode.VERBATIM), NotFound, "party 'Narnia'")
    refused(
        talk,
        Convey("Oman", own, IRAN, Mode.VERBATIM),
        Refused,
        "mediator's own statement",
        "in your own name",
    )
    refused(talk, Convey("Oman", 1, IRAN, Mode.VERBATIM), Refused, "not a statement")
    refused(talk, Convey("Oman", 99, IRAN, Mode.VERBATIM), NotFound, "event 99 not found")
    refused(talk, Convey("Oman", seq, IRAN, Mode.PARAPHRASE), Invalid, "needs the mediator")
    refused(talk, Convey("Oman", seq, IRAN, Mode.PARAPHRASE, "  "), Invalid, "empty")


def test_joint_room_statements_are_not_carried(talk: Talk) -> None:
    talk.do(Consent("US Envoy"))
    talk.do(Consent("Iranian FM"))
    seq = said(talk, "US Envoy", "In the open.", room=JOINT_ROOM, handling=Handling.MAY_CONVEY)
    refused(talk, Convey("Oman", seq, IRAN, Mode.VERBATIM), Refused, "joint room")


# -- note ---------------------------------------------------------------------------------------


def test_only_mediators_take_notes(talk: Talk) -> None:
    talk.do(Note("Oman", "Sequencing is the crux."))
    refused(talk, Note("US Envoy", "a note"), Refused, "only mediators")


# -- consent and the joint room -----------------------------------------------------------------


def test_the_joint_room_opens_when_every_party_has_consented(talk: Talk) -> None:
    refused(talk, Say("Oman", "hi", room=JOINT_ROOM), Refused, "'United States', 'Iran'")
    talk.do(Consent("US Envoy"))
    waiting = refused(talk, Say("US Envoy", "hi", room=JOINT_ROOM), Refused, "has consented")
    assert IRAN not in waiting  # another party's consent is not the US delegate's to know
    refused(talk, Say("Iranian FM", "hi", room=JOINT_ROOM), Refused, "not consented yet")
    refused(talk, Consent("US Deputy"), Refused, "already consented")
    events = talk.do(Consent("Iranian FM"))
    assert isinstance(events[-1], JointRoomOpened) and talk.state.joint_open
    said(talk, "Iranian FM", "Good morning.", room=JOINT_ROOM)
    said(talk, "Oman", "Welcome.", room=JOINT_ROOM)
    refused(talk, Consent("US Deputy"), Refused, "already open")


def test_mediators_do_not_consent_for_parties(talk: Talk) -> None:
    refused(talk, Consent("Oman"), Refused, "delegate")


def test_refusals_speak_the_talks_words_and_point_each_surface_at_what_to_change() -> None:
    """No option, field or command name of one surface in a refusal's words: the hint says
    what the person can change, for each surface to name its own way."""
    talk = open_talk(Handling.VERBATIM_ONLY)
    talk.do(Say("US Envoy", "Our offer stands."))
    with pytest.raises(Refused) as caught:
        talk.do(Convey("Oman", 2, IRAN, Mode.PARAPHRASE, "Gist."))
    assert caught.value.hint == Hint(field="mode", value="verbatim")
    with pytest.raises(Invalid) as invalid:
        talk.do(Say("Oman", "Welcome."))
    assert invalid.value.hint == Hint(field="room")
    for message in (str(caught.value), str(invalid.value)):
        assert "--" not in message and "`" not in message
