"""Exceptions the store raises for conditions callers are expected to handle."""

from __future__ import annotations


class ConcurrentAppend(Exception):
    """Another writer appended to this talk first; reload and re-decide.

    Raised by ``EventStore.append`` when the database refuses an insert because the (talk, seq)
    it wanted is taken. Nothing of that call was written.
    """
