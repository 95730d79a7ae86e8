"""Secrets handed out once and stored only as digests."""

from __future__ import annotations

import hashlib
import hmac
import secrets

TOKEN_BYTES = 32


def new_token() -> str:
    """A fresh URL-safe secret (256 bits)."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def digest(token: str) -> str:
    """What the database keeps of a token: its SHA-256, so a copy of the database opens
    nothing. A plain hash suffices because tokens are random, not guessable like passwords."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def same(a: str, b: str) -> bool:
    """Constant-time comparison, for CSRF tokens."""
    return hmac.compare_digest(a.encode("utf-8"), b.encode("utf-8"))
