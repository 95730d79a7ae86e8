"""Secrets handed out once and stored only as digests."""

from __future__ import annotations

import hashlib
import hmac
import secrets

TOKEN_BYTES = 32


def new_token() -> str:
    """A fresh URL-safe secret (256 bits, less a sliver of the first character).

    A token is pasted into shell commands (`shuttle token revoke TOKEN`), where one that
    began with "-" would be read as an option; drawing again in that case costs under
    0.03 bits of the 256."""
    while True:
        token = secrets.token_urlsafe(TOKEN_BYTES)
        if not token.startswith("-"):
            return token


def digest(token: str) -> str:
    """What the database keeps of a token: its SHA-256, so a copy of the database opens
    nothing. A plain hash suffices because tokens are random, not guessable like passwords."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def same(a: str, b: str) -> bool:
    """Constant-time comparison, for CSRF tokens."""
    return hmac.compare_digest(a.encode("utf-8"), b.encode("utf-8"))
