"""Mediators' passwords: argon2id, through argon2-cffi's maintained defaults."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_HASHER = PasswordHasher()

MIN_LENGTH = 12


def hash_password(password: str) -> str:
    if len(password) < MIN_LENGTH:
        raise ValueError(f"a password needs at least {MIN_LENGTH} characters")
    return _HASHER.hash(password)


def password_matches(stored_hash: str, password: str) -> bool:
    try:
        return _HASHER.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def dummy_check(password: str) -> None:
    """Spend the time of one verification, so an unknown user name answers no faster than a
    wrong password and timing does not reveal which names exist."""
    password_matches(_DUMMY, password)


_DUMMY = _HASHER.hash("not a real password, only for timing")
