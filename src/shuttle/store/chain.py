"""How events are linked into a talk's chain, in the record's two formats.

**Format 2** (every event written since salts were introduced) links a salted commitment to the
event, never the event itself, with domain separation as in Certificate Transparency (RFC 9162)::

    leaf = SHA-256(0x00 || salt || body)          salt: 32 secret random bytes per event
    link = SHA-256(0x01 || previous || leaf)      previous: the previous link's 32 bytes

Why: every participant is shown the head (and a proof shows the links and leaves of events it
may not read). With format 1, ``link = SHA-256(previous || "\n" || body)``, a hidden event
whose bytes are guessable -- a one-bit answer to a proposal, a small bid bound, a timestamp
within a polling interval -- can be recovered by hashing guesses until one matches the next
head. A 256-bit secret salt makes the leaf reveal nothing, so neither do the links. The
prefixes keep a leaf from ever passing for a link (or the reverse), so a proof cannot splice
one in for the other; a fixed-width ``previous`` and ``leaf`` make the input unambiguous.

**Format 1** (rows without a salt) stays verifiable, and a talk begun in format 1 continues in
format 2: each link follows its own row's format, chained to whatever came before.

Changing any stored body, salt or hash breaks the link at that event and every later one. A
participant who keeps a ``Head`` (seq and hash of the last event they saw) can later detect a
truncated record or a rewritten-and-rehashed one, which the chain alone cannot show.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from typing import TypeGuard

GENESIS_HASH: str = "0" * 64
"""The "previous hash" of every talk's first event."""

_HASH_RE = re.compile(r"[0-9a-f]{64}")
_HEAD_RE = re.compile(r"([1-9][0-9]*):([0-9a-f]{64})")


SALT_BYTES = 32
"""Length of a format-2 salt: 256 bits, beyond any search of guesses."""

LEAF_PREFIX = b"\x00"
LINK_PREFIX = b"\x01"


def is_hash(value: object) -> TypeGuard[str]:
    """Whether ``value`` is a link as the record writes one: 64 lowercase hex digits."""
    return isinstance(value, str) and _HASH_RE.fullmatch(value) is not None


def new_salt() -> bytes:
    """A fresh secret salt for one event, from the operating system's CSPRNG."""
    return secrets.token_bytes(SALT_BYTES)


def leaf_commitment(salt: bytes, body: bytes) -> bytes:
    """Format 2: the salted commitment to one event's canonical ``body`` (32 bytes)."""
    return hashlib.sha256(LEAF_PREFIX + salt + body).digest()


def link_hash(previous_hash: str, leaf: bytes) -> str:
    """Format 2: the hex link of a leaf onto the previous link (hex, of either format)."""
    return hashlib.sha256(LINK_PREFIX + bytes.fromhex(previous_hash) + leaf).hexdigest()


def event_link(previous_hash: str, body: bytes, salt: bytes | None) -> str:
    """The link an event makes: format 2 when it has a salt, format 1 when it has none."""
    if salt is None:
        return chain_hash(previous_hash, body)
    return link_hash(previous_hash, leaf_commitment(salt, body))


def chain_hash(previous_hash: str, body: bytes) -> str:
    """Format 1: the SHA-256 hex digest of ``previous_hash`` (ASCII), a newline, then ``body``.

    The newline separates the fixed-width hash from the body so the input is unambiguous.
    Kept to verify records written before format 2; nothing new is written this way unless a
    store is opened with ``record_format=1`` (tests and benchmarks that compare the two).
    """
    digest = hashlib.sha256()
    digest.update(previous_hash.encode("ascii"))
    digest.update(b"\n")
    digest.update(body)
    return digest.hexdigest()


@dataclass(frozen=True)
class Head:
    """A position in one talk's chain: the seq of an event and that event's hash.

    Its text form ``SEQ:HASH`` is what a participant writes down to check the record later.
    """

    seq: int
    hash: str

    def __post_init__(self) -> None:
        # Validate on construction so a Head in hand is always meaningful; bool is an int
        # subclass and would otherwise pass as seq 1.
        if not isinstance(self.seq, int) or isinstance(self.seq, bool) or self.seq < 1:
            raise ValueError(f"head seq must be a positive integer, got {self.seq!r}")
        if not is_hash(self.hash):
            raise ValueError(f"head hash must be 64 lowercase hex digits, got {self.hash!r}")

    def __str__(self) -> str:
        return f"{self.seq}:{self.hash}"

    @classmethod
    def parse(cls, text: str) -> Head:
        """Parse ``SEQ:HASH`` (seq a positive integer, hash 64 lowercase hex digits).

        Surrounding whitespace is ignored, since heads are pasted from files and terminals.
        """
        match = _HEAD_RE.fullmatch(text.strip())
        if match is None:
            raise ValueError(
                f"not a head: {text!r}; expected SEQ:HASH, where SEQ is a positive integer "
                "and HASH is 64 lowercase hex digits"
            )
        return cls(seq=int(match.group(1)), hash=match.group(2))
