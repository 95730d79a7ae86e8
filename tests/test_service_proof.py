"""A participant's proof: exactly the events its view shows whole, checkable against the head
it was shown, and never a byte of what it may not see."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from shuttle.service import TalkService
from shuttle.store import Head, open_store
from shuttle.store.proof import check_proof
from shuttle.talks import (
    Bid,
    Convey,
    Delegate,
    Handling,
    Mode,
    Note,
    OpenBid,
    OpenTalk,
    Say,
    SubmitProfile,
)

US, IRAN = "United States", "Iran"
AGENDA = (("Enrichment", ("0", "3", "5", "20")), ("Sanctions", ("none", "full")))
US_ONLY = "Washington will accept a pause of ninety days"
US_CARRIED = "Washington privately doubts the Red Sea plan"
PARAPHRASE = "They have doubts about the plan"
IRAN_SAYS = "Tehran asks for the sequencing first"
NOTE = "Oman notes the American red line"
US_RESERVATION = 0.73194251
US_BOUND = 7.13821946
IRAN_RESERVATION = 0.41237
US_SECRETS = [US_ONLY, US_CARRIED, NOTE, str(US_RESERVATION), str(US_BOUND), "US Envoy"]


@pytest.fixture
def service(database_url: str) -> Iterator[TalkService]:
    store = open_store(database_url)
    yield TalkService(store)
    store.dispose()


def planted(service: TalkService) -> str:
    talk = service.open_talk(
        OpenTalk(
            title="Muscat",
            parties=(US, IRAN),
            mediators=("Oman",),
            delegates=(Delegate("US Envoy", US), Delegate("Iranian FM", IRAN)),
            agenda=AGENDA,
        )
    ).talk
    service.execute(talk, Say("US Envoy", US_ONLY))
    carried = service.execute(talk, Say("US Envoy", US_CARRIED, handling=Handling.MAY_CONVEY))
    source = carried.first_seq
    service.execute(talk, Convey("Oman", source, IRAN, Mode.PARAPHRASE, PARAPHRASE))
    service.execute(talk, Say("Iranian FM", IRAN_SAYS))
    service.execute(talk, Note("Oman", NOTE))
    weights = (("Enrichment", 2.0), ("Sanctions", 1.0))
    values = tuple(
        (issue, option, 1.0 - 0.2 * i)
        for issue, options in AGENDA
        for i, option in enumerate(options)
    )
    service.execute(talk, SubmitProfile("US Envoy", weights, values, US_RESERVATION))
    service.execute(talk, SubmitProfile("Iranian FM", weights, values, IRAN_RESERVATION, True))
    service.execute(talk, OpenBid("Oman", "Enrichment", high=IRAN, low=US))
    service.execute(talk, Bid("US Envoy", US_BOUND))
    return talk


def test_a_delegates_proof_holds_nothing_of_another_room(service: TalkService) -> None:
    talk = planted(service)
    proof = service.proof(talk, "Iranian FM")
    text = json.dumps(proof, ensure_ascii=False)
    for secret in US_SECRETS:
        assert secret not in text
    assert IRAN_SAYS in text and str(IRAN_RESERVATION) in text


def test_a_mediators_proof_holds_no_bound_and_no_unshared_profile(service: TalkService) -> None:
    talk = planted(service)
    text = json.dumps(service.proof(talk, "Oman"), ensure_ascii=False)
    assert NOTE in text and US_ONLY in text and str(IRAN_RESERVATION) in text
    assert str(US_RESERVATION) not in text and str(US_BOUND) not in text


@pytest.mark.parametrize("who", ["Iranian FM", "US Envoy", "Oman"])
def test_a_proof_reads_exactly_what_the_view_shows_whole(service: TalkService, who: str) -> None:
    talk = planted(service)
    view = service.seen_since(talk, who)
    report = check_proof(service.proof(talk, who), expect=view.head)
    assert report.head == view.head and report.participant == who
    shown = {seen.seq: seen.to_dict() for seen in view.events}
    assert set(report.readable) <= set(shown)
    assert set(report.readable) | set(report.placed) == set(range(1, view.head.seq + 1))
    for seq in report.readable:
        document = report.documents[seq]
        assert document["at"] == shown[seq]["at"] and document["kind"] == shown[seq]["kind"]
        for key, value in document["data"].items():
            assert shown[seq].get(key) == value, (who, seq, key)
    for seq in set(shown) - set(report.readable):
        # Seen, but redacted: the carried paraphrase (its source is the US room's business),
        # the opening (other parties' delegates), a bid (its bound), an unshared profile.
        assert shown[seq]["kind"] in {"talk-opened", "conveyed", "bid-submitted", "profile"}


def test_a_proof_stops_at_the_head_it_was_read_at(service: TalkService) -> None:
    talk = planted(service)
    first = service.proof(talk, "Iranian FM")
    service.execute(talk, Say("Iranian FM", "one more thing"))
    second = service.proof(talk, "Iranian FM")
    kept = Head.parse(first["head"])
    assert check_proof(second, expect=kept).head.seq == kept.seq + 1
