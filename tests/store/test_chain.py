"""chain_hash and Head: the link format and the position a participant keeps."""

from __future__ import annotations

import hashlib

import pytest

from shuttle.store import GENESIS_HASH, Head, chain_hash

BODY = b'{"kind":"opened","seq":1,"talk":"t"}'


def test_genesis_is_64_zeros() -> None:
    assert GENESIS_HASH == "0" * 64


def test_chain_hash_is_sha256_of_previous_newline_body() -> None:
    assert chain_hash(GENESIS_HASH, BODY) == hashlib.sha256(b"0" * 64 + b"\n" + BODY).hexdigest()
    # Pinned so the format cannot change unnoticed: every stored chain depends on it.
    assert chain_hash(GENESIS_HASH, BODY) == (
        "6182d818339b6b8931b473b232682c0f56fb81281bb010c2f2092b727a573fa7"
    )


def test_chain_hash_depends_on_previous_and_body() -> None:
    first = chain_hash(GENESIS_HASH, BODY)
    assert chain_hash(first, BODY) != first
    assert chain_hash(GENESIS_HASH, BODY + b" ") != first


def test_head_text_round_trip() -> None:
    head = Head(seq=12, hash="ab" * 32)
    assert str(head) == f"12:{'ab' * 32}"
    assert Head.parse(str(head)) == head
    assert Head.parse(f"  {head}\n") == head


@pytest.mark.parametrize(
    "text",
    [
        "",
        "12",
        "12:",
        ":" + "a" * 64,
        "0:" + "a" * 64,
        "-1:" + "a" * 64,
        "01:" + "a" * 64,
        "1.5:" + "a" * 64,
        "x:" + "a" * 64,
        "1:" + "a" * 63,
        "1:" + "a" * 65,
        "1:" + "A" * 64,
        "1:" + "g" * 64,
        "1:" + "a" * 64 + ":2",
    ],
)
def test_head_parse_refuses_malformed_text(text: str) -> None:
    with pytest.raises(ValueError, match="expected SEQ:HASH"):
        Head.parse(text)


@pytest.mark.parametrize(
    ("seq", "hash_"),
    [(0, "a" * 64), (True, "a" * 64), (1, "A" * 64), (1, "a" * 10)],
)
def test_head_refuses_invalid_fields(seq: int, hash_: str) -> None:
    with pytest.raises(ValueError, match="head"):
        Head(seq=seq, hash=hash_)
