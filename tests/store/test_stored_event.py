"""StoredEvent: the stored bytes and the views derived from them."""

from __future__ import annotations

from shuttle.store import GENESIS_HASH, Head, StoredEvent, canonical_bytes, chain_hash


def test_document_and_head_derive_from_the_row() -> None:
    body = canonical_bytes({"talk": "t", "seq": 1, "kind": "opened", "text": "é"})
    event = StoredEvent(talk="t", seq=1, body=body, hash=chain_hash(GENESIS_HASH, body))
    assert event.document == {"talk": "t", "seq": 1, "kind": "opened", "text": "é"}
    assert event.head == Head(seq=1, hash=event.hash)


def test_document_is_a_fresh_copy() -> None:
    body = canonical_bytes({"talk": "t", "seq": 1, "kind": "opened"})
    event = StoredEvent(talk="t", seq=1, body=body, hash=chain_hash(GENESIS_HASH, body))
    event.document["kind"] = "changed"
    assert event.document["kind"] == "opened"


def test_the_record_format_follows_the_salt() -> None:
    body = canonical_bytes({"talk": "t", "seq": 1, "kind": "opened"})
    unsalted = StoredEvent(talk="t", seq=1, body=body, hash=chain_hash(GENESIS_HASH, body))
    assert unsalted.record_format == 1
    salted = StoredEvent(talk="t", seq=1, body=body, hash="0" * 64, salt=b"s" * 32)
    assert salted.record_format == 2
