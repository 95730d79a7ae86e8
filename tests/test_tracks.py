"""Processes and their tracks on a real record: a carry across tracks is an event in both
records, each naming the other's head; a refusal writes nothing in either; nothing crosses
between talks that are not tracks of one process."""

from __future__ import annotations

import pytest

from shuttle.assembly import open_service
from shuttle.service import IdempotencyClaim, TalkService
from shuttle.talks import (
    Delegate,
    Handling,
    Mode,
    NotFound,
    OpenTalk,
    ReceivedFromTrackView,
    ReceiveFromTrack,
    Refused,
    Say,
    SentToTrackView,
)
from shuttle.tracks import (
    carry_across,
    link_problems,
    open_process,
    open_track,
    process_of,
    tracks_for,
)

MUSCAT = OpenTalk(
    "Muscat", ("United States", "Iran"), ("Oman",),
    (Delegate("US Envoy", "United States"), Delegate("Iranian FM", "Iran")),
)  # fmt: skip
CONSULTATION = OpenTalk(
    "Consultation", ("United States", "Saudi Arabia", "Israel"), ("White House",),
    (Delegate("US Envoy", "United States"), Delegate("Saudi FM", "Saudi Arabia"),
     Delegate("Israeli NSA", "Israel")),
)  # fmt: skip


@pytest.fixture
def service(database_url: str) -> TalkService:
    return open_service(database_url)


def heads(service: TalkService, *talks: str) -> list[str]:
    return [str(service.store.head(t)) for t in talks]


def two_tracks(service: TalkService) -> tuple[str, str, str]:
    process = open_process(service, "Muscat, spring round").process
    muscat = open_track(service, OpenTalk(**{**MUSCAT.__dict__, "process": process})).talk
    consult = open_track(service, OpenTalk(**{**CONSULTATION.__dict__, "process": process})).talk
    return process, muscat, consult


def test_a_carry_is_in_both_records_each_naming_the_others_head(service: TalkService) -> None:
    process, muscat, consult = two_tracks(service)
    assert process_of(service, process).tracks == [muscat, consult]
    said = service.execute(
        muscat, Say("US Envoy", "We can phase sanctions relief.", handling=Handling.MAY_CONVEY)
    )
    source_head = str(said.head)
    done = carry_across(service, muscat, "US Envoy", said.first_seq, consult, "US Envoy", None,
                        Mode.VERBATIM)  # fmt: skip
    [came] = service.view(consult, "White House").events[-1:]
    assert isinstance(came, ReceivedFromTrackView)
    assert (came.from_track, came.from_title, came.from_party) == (
        muscat,
        "Muscat",
        "United States",
    )
    assert came.there == source_head and came.room == "United States"
    [went] = service.view(muscat, "Oman").events[-1:]
    assert isinstance(went, SentToTrackView)
    assert went.to_track == consult and went.there == str(done.received.head)
    # The link checks both ways: each head named is one the other record holds.
    for talk, named in ((muscat, came.there), (consult, went.there)):
        seq, digest = named.split(":")
        assert service.store.load(talk)[int(seq) - 1].hash == digest
    # Who reads it: the US room in the consultation, not the Saudi or Israeli delegates.
    assert came.seq in [e.seq for e in service.view(consult, "US Envoy").events]
    assert came.seq not in [e.seq for e in service.view(consult, "Saudi FM").events]
    assert went.seq not in [e.seq for e in service.view(muscat, "Iranian FM").events]
    assert [v.talk for v in tracks_for(service, process, "US Envoy")] == [muscat, consult]
    assert [v.talk for v in tracks_for(service, process, "Iranian FM")] == [muscat]


def test_a_refusal_writes_nothing_in_either_track(service: TalkService) -> None:
    _, muscat, consult = two_tracks(service)
    secret = service.execute(muscat, Say("US Envoy", "Our deadline is June 30.")).first_seq
    free = service.execute(
        muscat, Say("US Envoy", "We can talk.", handling=Handling.VERBATIM_ONLY)
    ).first_seq
    before = heads(service, muscat, consult)
    with pytest.raises(Refused, match="mediator-only"):
        carry_across(service, muscat, "US Envoy", secret, consult, "US Envoy", None, Mode.VERBATIM)
    with pytest.raises(Refused, match="verbatim-only"):
        carry_across(service, muscat, "US Envoy", free, consult, "US Envoy", None,
                     Mode.PARAPHRASE, "Open to talks.")  # fmt: skip
    with pytest.raises(NotFound):
        carry_across(service, muscat, "US Envoy", free, consult, "US Envoy", "Israel",
                     Mode.VERBATIM)  # fmt: skip
    assert heads(service, muscat, consult) == before


def test_nothing_crosses_to_a_talk_of_another_process(service: TalkService) -> None:
    _, muscat, _ = two_tracks(service)
    elsewhere = service.open_talk(CONSULTATION).talk  # the same people, in no process
    said = service.execute(muscat, Say("US Envoy", "Words.", handling=Handling.MAY_CONVEY))
    before = heads(service, muscat, elsewhere)
    with pytest.raises(Refused, match="only between tracks of one process"):
        carry_across(service, muscat, "US Envoy", said.first_seq, elsewhere, "US Envoy", None,
                     Mode.VERBATIM)  # fmt: skip
    assert heads(service, muscat, elsewhere) == before
    with pytest.raises(NotFound, match="process 'nope' not found"):
        open_track(service, OpenTalk(**{**MUSCAT.__dict__, "process": "nope"}))


def test_the_links_between_records_are_checked(service: TalkService) -> None:
    _, muscat, consult = two_tracks(service)
    said = service.execute(muscat, Say("US Envoy", "Words.", handling=Handling.MAY_CONVEY))
    carry_across(service, muscat, "US Envoy", said.first_seq, consult, "US Envoy", None,
                 Mode.VERBATIM)  # fmt: skip
    assert link_problems(service) == []
    # A crash between the two appends: the words came in, the source never said it sent them.
    service.execute(
        consult,
        ReceiveFromTrack("US Envoy", None, muscat, "Muscat", "United States", Mode.VERBATIM,
                         "Words.", str(service.store.head(muscat))),
    )  # fmt: skip
    [lost] = link_problems(service)
    assert "whose record does not say they were sent" in lost
    # A head the other record never held.
    service.execute(
        consult,
        ReceiveFromTrack("US Envoy", None, muscat, "Muscat", "United States", Mode.VERBATIM,
                         "Words.", "2:" + "0" * 64),
    )  # fmt: skip
    assert any("which that record does not hold" in p for p in link_problems(service))


def test_a_keyed_carry_answers_again_and_completes_one_cut_short(service: TalkService) -> None:
    _, muscat, consult = two_tracks(service)
    said = service.execute(muscat, Say("US Envoy", "Words.", handling=Handling.MAY_CONVEY))

    def carry(key: str) -> tuple[object, ...]:
        done = carry_across(service, muscat, "US Envoy", said.first_seq, consult, "US Envoy",
                            None, Mode.VERBATIM, key=(key, "f" * 64))  # fmt: skip
        return done.received.events, done.received.head, done.sent.events, done.sent.head

    first = carry("k1")
    after = heads(service, muscat, consult)
    assert carry("k1") == first  # sent again: the same answer, nothing new recorded
    assert heads(service, muscat, consult) == after

    # Cut short: the words came in under key k2, but the source never recorded their leaving.
    view = service.view(muscat, "US Envoy")
    service.execute(
        consult,
        ReceiveFromTrack("US Envoy", None, muscat, "Muscat", "United States", Mode.VERBATIM,
                         "Words.", view.head),
        claim=IdempotencyClaim("US Envoy", "k2", "f" * 64),
    )  # fmt: skip
    assert link_problems(service)
    carry("k2")  # the retry completes the carry instead of carrying twice
    assert link_problems(service) == []
    received = [e for e in service.view(consult, "US Envoy").events
                if isinstance(e, ReceivedFromTrackView)]  # fmt: skip
    assert len(received) == 2
