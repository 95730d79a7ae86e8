"""An event as the record holds it: the exact bytes that were hashed, and the hash."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from shuttle.store.chain import Head


@dataclass(frozen=True)
class StoredEvent:
    """One row of the record.

    ``body`` is kept as bytes, never as a parsed document, because the hash is over these exact
    bytes; ``document`` parses them on demand.
    """

    talk: str
    seq: int
    body: bytes
    hash: str

    @property
    def document(self) -> dict[str, Any]:
        """The body parsed as JSON (a fresh dict on every access, so callers may mutate it)."""
        parsed: dict[str, Any] = json.loads(self.body)
        return parsed

    @property
    def head(self) -> Head:
        """The chain position this event establishes."""
        return Head(seq=self.seq, hash=self.hash)
