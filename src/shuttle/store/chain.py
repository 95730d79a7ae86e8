"""How events are linked: each hash covers the previous hash and the event's canonical body.

Changing any stored body, or any stored hash, breaks the link at that event and every later
one. A participant who keeps a ``Head`` (seq and hash of the last event they saw) can later
detect a truncated record or a rewritten-and-rehashed one, which the chain alone cannot show.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

GENESIS_HASH: str = "0" * 64
"""The "previous hash" of every talk's first event."""

_HASH_RE = re.compile(r"[0-9a-f]{64}")
_HEAD_RE = re.compile(r"([1-9][0-9]*):([0-9a-f]{64})")


def chain_hash(previous_hash: str, body: bytes) -> str:
    """Return the SHA-256 hex digest of ``previous_hash`` (ASCII), a newline, then ``body``.

    The newline separates the fixed-width hash from the body so the input is unambiguous.
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
        if not isinstance(self.hash, str) or not _HASH_RE.fullmatch(self.hash):
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
