"""Passwords hashed with argon2id; tokens random, stored as digests, compared in constant time."""

from __future__ import annotations

import hashlib

import pytest

from shuttle.accounts.passwords import MIN_LENGTH, dummy_check, hash_password, password_matches
from shuttle.accounts.tokens import digest, new_token, same


def test_a_password_is_hashed_with_argon2id() -> None:
    hashed = hash_password("correct horse battery staple")
    assert hashed.startswith("$argon2id$")
    assert "correct horse" not in hashed
    assert hashed != hash_password("correct horse battery staple")  # salted
    assert password_matches(hashed, "correct horse battery staple")
    assert not password_matches(hashed, "correct horse battery stapler")


def test_a_short_password_is_refused() -> None:
    with pytest.raises(ValueError, match=f"at least {MIN_LENGTH}"):
        hash_password("x" * (MIN_LENGTH - 1))


def test_a_broken_hash_matches_nothing() -> None:
    assert not password_matches("not a hash", "anything at all")
    dummy_check("anything at all")  # spends the time of a check, answers nothing


def test_tokens_are_random_and_url_safe() -> None:
    tokens = {new_token() for _ in range(2000)}
    assert len(tokens) == 2000
    for token in tokens:
        assert len(token) >= 43
        assert set(token) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        # one in 64 would begin with "-" and be taken for an option on a command line
        assert not token.startswith("-")


def test_a_digest_is_the_tokens_sha256() -> None:
    assert digest("abc") == hashlib.sha256(b"abc").hexdigest()
    assert same("a-csrf-token", "a-csrf-token")
    assert not same("a-csrf-token", "a-csrf-tokem")
    assert not same("a-csrf-token", "")
