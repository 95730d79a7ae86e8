"""The `Idempotency-Key` header: a command sent again after a timeout or a crash is done once.

A client that gets no answer cannot know whether its command was recorded; sending it again
with the same key is then safe. The key is read here with a fingerprint of the request (its
route and its body as canonical JSON), so that the key reused for another request is refused
instead of answered with the wrong command's answer. The service stores and checks both.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Header, Request

IDEMPOTENCY_HEADER = "Idempotency-Key"
# Visible ASCII, no space: HTTP strips a header's surrounding whitespace, so a key with spaces
# at its ends would not come back the same.
KEY_PATTERN = r"^[!-~]{1,200}$"

DESCRIPTION = (
    "Makes this command safe to send again, after a timeout or a crash: a request repeated "
    "with the same key gets the first answer (201, the same `talk`, `head` and `events`) and "
    "appends nothing. The same key with another route or body is refused (422). Keys belong "
    "to the talk and the participant sending them, and are kept with the record. 1 to 200 "
    "visible ASCII characters (no spaces); a fresh UUID per command is a good choice."
)


@dataclass(frozen=True)
class RequestKey:
    """The caller's key for this request, and the request's fingerprint (SHA-256 hex)."""

    key: str
    fingerprint: str


def fingerprint(method: str, path: str, body: bytes) -> str:
    """SHA-256 hex of the method, the path and the body as canonical JSON (sorted keys, no
    whitespace), so that the same request re-serialised by a restarted client still matches."""
    try:
        canonical = json.dumps(
            json.loads(body), sort_keys=True, separators=(",", ":"), ensure_ascii=False
        ).encode()
    except (ValueError, RecursionError):
        canonical = body  # not JSON (or empty): the bytes themselves
    digest = hashlib.sha256(f"{method} {path}\n".encode())
    digest.update(canonical)
    return digest.hexdigest()


async def request_key(
    request: Request,
    key: Annotated[
        str | None, Header(alias=IDEMPOTENCY_HEADER, pattern=KEY_PATTERN, description=DESCRIPTION)
    ] = None,
) -> RequestKey | None:
    """The request's idempotency key and fingerprint; None (and no work) without the header."""
    if key is None:
        return None
    # FastAPI has read the body already to validate it; this is that same cached body.
    body = await request.body()
    return RequestKey(key, fingerprint(request.method, request.url.path, body))


IdempotencyKey = Annotated[RequestKey | None, Depends(request_key)]
