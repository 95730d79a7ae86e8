"""An event as the record holds it: the exact bytes that were hashed, its salt, and its link."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from shuttle.store.chain import Head


@dataclass(frozen=True)
class StoredEvent:
    """One row of the record.

    ``body`` is kept as bytes, never as a parsed document, because the hash is over these exact
    bytes; ``document`` parses them on demand. ``salt`` is the format-2 secret (``None`` for a
    format-1 link); ``hash`` is the event's link in the talk's chain (see ``chain``).
    """

    talk: str
    seq: int
    body: bytes
    hash: str
    salt: bytes | None = None

    @property
    def record_format(self) -> int:
        """2 for a salted commitment, 1 for a link over the bare body."""
        return 1 if self.salt is None else 2

    @property
    def document(self) -> dict[str, Any]:
        """The body parsed as JSON (a fresh dict on every access, so callers may mutate it)."""
        parsed: dict[str, Any] = json.loads(self.body)
        return parsed

    @property
    def head(self) -> Head:
        """The chain position this event establishes."""
        return Head(seq=self.seq, hash=self.hash)
