"""Proofs: built from the record, checked from the document alone; any change is named."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from shuttle.store import EventStore, Head, StoredEvent, open_store
from shuttle.store.chain import leaf_commitment
from shuttle.store.proof import PROOF_FORMAT, ProofError, build_proof, check_proof

TALK = "t"


def record(store: EventStore, length: int = 6) -> list[StoredEvent]:
    documents = [{"talk": TALK, "seq": 1, "kind": "opened", "title": "Salé ✓"}]
    documents += [
        {"talk": TALK, "seq": seq, "kind": "said", "text": f"line {seq}"}
        for seq in range(2, length + 1)
    ]
    return store.append(TALK, None, documents)


def test_a_proof_reaches_the_head_and_says_what_it_could_read(store: EventStore) -> None:
    events = record(store)
    proof = build_proof(TALK, "Iranian FM", events, readable={1, 2, 5})
    assert proof["proof"] == PROOF_FORMAT and proof["head"] == str(events[-1].head)
    assert [sorted(e) for e in proof["events"][:3]] == [
        ["body", "salt", "seq"],
        ["body", "salt", "seq"],
        ["leaf", "seq"],
    ]
    report = check_proof(json.loads(json.dumps(proof)), expect=events[3].head)
    assert (report.readable, report.placed, report.stated_links) == ([1, 2, 5], [3, 4, 6], [])
    assert report.head == events[-1].head
    assert report.documents[5]["text"] == "line 5"


def test_a_proof_holds_nothing_of_what_it_places(store: EventStore) -> None:
    events = record(store)
    proof = build_proof(TALK, "Iranian FM", events, readable={1})
    text = json.dumps(proof)
    for event in events[1:]:
        assert event.body.decode() not in text and f"line {event.seq}" not in text
        assert event.salt is not None and event.salt.hex() not in text
        assert (
            proof["events"][event.seq - 1]["leaf"] == leaf_commitment(event.salt, event.body).hex()
        )


def changed(proof: dict[str, Any], seq: int, key: str, value: object) -> dict[str, Any]:
    tampered = copy.deepcopy(proof)
    tampered["events"][seq - 1][key] = value
    return tampered


def flip(hex_text: str) -> str:
    return ("1" if hex_text[0] == "0" else "0") + hex_text[1:]


def test_every_change_to_a_proof_makes_it_fail(store: EventStore) -> None:
    events = record(store)
    proof = build_proof(TALK, "Iranian FM", events, readable={1, 2, 5})
    body = proof["events"][1]["body"]
    cases = [
        changed(proof, 2, "body", body.replace("line 2", "line 9")),
        changed(proof, 2, "salt", flip(proof["events"][1]["salt"])),
        changed(proof, 3, "leaf", flip(proof["events"][2]["leaf"])),
        {**proof, "head": f"6:{flip(events[-1].hash)}"},
        {**proof, "events": proof["events"][:-1]},
    ]
    for tampered in cases:
        with pytest.raises(ProofError):
            check_proof(tampered)


def test_a_kept_head_must_be_on_the_proofs_chain(store: EventStore) -> None:
    events = record(store)
    proof = build_proof(TALK, "Iranian FM", events, readable={1})
    with pytest.raises(ProofError, match="not to the kept head"):
        check_proof(proof, expect=Head(3, flip(events[2].hash)))
    with pytest.raises(ProofError, match="beyond this proof's head"):
        check_proof(proof, expect=Head(7, events[2].hash))


def test_a_body_moved_to_another_seq_fails(store: EventStore) -> None:
    events = record(store)
    proof = build_proof(TALK, "Iranian FM", events, readable={2, 3})
    swapped = changed(proof, 3, "body", proof["events"][1]["body"])
    with pytest.raises(ProofError, match="event 3: its body is of another talk or seq"):
        check_proof(swapped)


def test_a_format_1_record_is_proved_by_stated_links(database_url: str) -> None:
    old = open_store(database_url, record_format=1)
    try:
        events = record(old, 3)
    finally:
        old.dispose()
    store = open_store(database_url)
    try:
        events += store.append(TALK, events[-1].head, [{"talk": TALK, "seq": 4, "kind": "x"}])
        proof = build_proof(TALK, "Iranian FM", events, readable={1, 4})
        assert [sorted(e) for e in proof["events"]] == [
            ["body", "seq"],
            ["link", "seq"],
            ["link", "seq"],
            ["body", "salt", "seq"],
        ]
        report = check_proof(proof)
        assert (report.readable, report.placed, report.stated_links) == ([1, 4], [2, 3], [2, 3])
    finally:
        store.dispose()


@pytest.mark.parametrize(
    "document",
    [
        None,
        [],
        "proof",
        {},
        {"proof": PROOF_FORMAT},
        {"proof": PROOF_FORMAT, "talk": "t", "participant": "p", "head": "1:xyz", "events": []},
        {"proof": PROOF_FORMAT, "talk": "t", "participant": "p", "head": f"1:{'0' * 64}"},
        {
            "proof": PROOF_FORMAT,
            "talk": "t",
            "participant": "p",
            "head": f"1:{'0' * 64}",
            "events": [{"seq": 1, "leaf": "zz"}],
        },
        {
            "proof": PROOF_FORMAT,
            "talk": "t",
            "participant": "p",
            "head": f"1:{'0' * 64}",
            "events": [{"seq": True, "leaf": "0" * 64}],
        },
        {
            "proof": PROOF_FORMAT,
            "talk": "t",
            "participant": "p",
            "head": f"1:{'0' * 64}",
            "events": [{"seq": 1, "body": '{"seq": 1, "talk": "t"}'}],
        },
        {
            "proof": PROOF_FORMAT,
            "talk": "t",
            "participant": "p",
            "head": f"1:{'0' * 64}",
            "events": [{"seq": 1, "salt": "00" * 32, "body": ["not", "text"]}],
        },
        {
            "proof": PROOF_FORMAT,
            "talk": "t",
            "participant": "p",
            "head": f"1:{'0' * 64}",
            "events": [{"seq": 1, "leaf": "0" * 64, "body": "{}"}],
        },
    ],
)
def test_a_malformed_proof_is_refused_in_words(document: object) -> None:
    with pytest.raises(ProofError) as refused:
        check_proof(document)
    assert len(str(refused.value)) < 200


def test_a_body_whose_seq_is_true_is_not_seq_1() -> None:
    document = {
        "proof": PROOF_FORMAT,
        "talk": "t",
        "participant": "p",
        "head": f"1:{'0' * 64}",
        "events": [{"seq": 1, "body": '{"kind":"x","seq":true,"talk":"t"}'}],
    }
    with pytest.raises(ProofError, match="event 1: its body is of another talk or seq"):
        check_proof(document)
