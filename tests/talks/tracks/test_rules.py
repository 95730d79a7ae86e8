"""The rules of carrying between tracks, on one track at a time: what leaves (as its handling
allows, in the hands of one who sees it), what comes in (where the carrier may speak), and who
sees either."""

from __future__ import annotations

import pytest

from shuttle.talks import (
    Consent,
    Handling,
    Invalid,
    Mode,
    NotFound,
    ReceivedFromTrackView,
    ReceiveFromTrack,
    Refused,
    Release,
    Say,
    SendToTrack,
    SentToTrackView,
)
from tests.talks.driver import Talk, open_talk

THERE = "7:" + "a" * 64


def send(actor: str, seq: int, mode: Mode = Mode.VERBATIM, text: str | None = None) -> SendToTrack:
    return SendToTrack(actor, seq, "other", "Consultation", "Israel", mode, text, THERE)


def receive(actor: str, room: str | None, text: str = "Words.") -> ReceiveFromTrack:
    return ReceiveFromTrack(actor, room, "source", "Muscat", "Iran", Mode.VERBATIM, text, THERE)


def said(talk: Talk, actor: str, text: str, handling: Handling) -> int:
    talk.do(Say(actor, text, handling=handling))
    return talk.last


def test_mediator_only_never_leaves_verbatim_only_leaves_word_for_word() -> None:
    talk = open_talk()
    secret = said(talk, "Iranian FM", "Our limit.", Handling.MEDIATOR_ONLY)
    exact = said(talk, "Iranian FM", "Our words.", Handling.VERBATIM_ONLY)
    free = said(talk, "Iranian FM", "Tell anyone.", Handling.MAY_CONVEY)
    with pytest.raises(Refused, match="mediator-only: it never leaves its room, nor its track"):
        talk.do(send("Oman", secret))
    with pytest.raises(Refused, match="verbatim-only"):
        talk.do(send("Oman", exact, Mode.PARAPHRASE, "In other words."))
    [sent] = talk.do(send("Oman", exact))
    assert sent.text == "Our words." and sent.there == THERE  # type: ignore[union-attr]
    [paraphrased] = talk.do(send("Iranian FM", free, Mode.PARAPHRASE, "  Anyone may know. "))
    assert paraphrased.text == "Anyone may know."  # type: ignore[union-attr]
    with pytest.raises(Invalid, match="paraphrase needs"):
        talk.do(send("Oman", free, Mode.PARAPHRASE))


def test_only_what_one_sees_and_a_partys_statement_leaves() -> None:
    talk = open_talk()
    iran = said(talk, "Iranian FM", "Tell anyone.", Handling.MAY_CONVEY)
    with pytest.raises(NotFound, match=f"event {iran} not found"):
        talk.do(send("US Envoy", iran))  # another party's room: as if it did not exist
    talk.do(Say("Oman", "A mediator's words.", room="Iran"))
    with pytest.raises(Refused, match="mediator's own statement"):
        talk.do(send("Oman", talk.last))
    with pytest.raises(Invalid, match="SEQ:HASH"):
        talk.do(SendToTrack("Oman", iran, "other", "C", "Israel", Mode.VERBATIM, None, "junk"))


def test_carried_once_it_can_no_longer_be_tightened() -> None:
    talk = open_talk()
    free = said(talk, "Iranian FM", "Tell anyone.", Handling.MAY_CONVEY)
    talk.do(send("Oman", free))
    with pytest.raises(Refused):
        talk.do(Release("Iranian FM", free, Handling.MEDIATOR_ONLY))


def test_words_come_in_only_where_the_carrier_may_speak() -> None:
    talk = open_talk()
    [came] = talk.do(receive("US Envoy", None))
    assert came.room == "United States"  # type: ignore[union-attr]
    with pytest.raises(NotFound):
        talk.do(receive("US Envoy", "Iran"))
    with pytest.raises(Refused, match="joint room opens"):
        talk.do(receive("US Envoy", "joint"))
    talk.do(Consent("US Envoy"))
    talk.do(Consent("Iranian FM"))
    talk.do(receive("US Envoy", "joint"))
    talk.do(receive("Oman", "Iran"))


def test_who_sees_a_carry_across_tracks() -> None:
    talk = open_talk()
    free = said(talk, "Iranian FM", "Tell anyone.", Handling.MAY_CONVEY)
    talk.do(send("Oman", free))
    sent_seq = talk.last
    talk.do(receive("US Envoy", None, "From elsewhere."))
    came_seq = talk.last
    [iran_sent] = [v for v in talk.view("Iranian FM") if v.seq == sent_seq]
    assert isinstance(iran_sent, SentToTrackView) and iran_sent.there is None
    assert sent_seq not in talk.seqs("US Envoy")
    [us_came] = [v for v in talk.view("US Envoy") if v.seq == came_seq]
    assert isinstance(us_came, ReceivedFromTrackView) and us_came.there is None
    assert us_came.from_title == "Muscat" and us_came.from_party == "Iran"
    assert came_seq not in talk.seqs("Iranian FM")
    [med_came] = [v for v in talk.view("Oman") if v.seq == came_seq]
    assert isinstance(med_came, ReceivedFromTrackView) and med_came.there == THERE
