"""The check, open to anyone: is this document this server's record?

A document (PDF or JSON) is first checked on its own (`check_document`: its proof, its views,
its pages, its seal), then against the record (`match_record`). The answer is yes -- at the
document's head, and whether the record has moved on since -- or one and the same no for
everything else: a forged file, a tampered one, a document of another talk or server, a file
that is no document at all, no file. The no never says which part failed, so a forger learns
nothing about what to fix; `shuttle verify-proof FILE`, run by the file's holder, names it.

What the yes shows -- the talk's title, the participant's name, the head, when it was made --
comes from the document the visitor brought, never from the record: the check tells a
visitor nothing it did not bring.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from fastapi import Request
from starlette.concurrency import run_in_threadpool

from shuttle.accounts import RateLimiter
from shuttle.documents import Seal, check_document, match_record
from shuttle.service import ProofError, TalkService
from shuttle.web.sessions import client_key

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Match:
    """A document that is this server's record, in the document's own words."""

    talk: str
    title: str | None  # None for a bare proof, which holds no title
    participant: str
    head: str
    moved_on: bool
    made_at: str | None
    sealed_by: str | None  # the seal's signer, if the PDF carries one
    our_seal: bool  # whether that seal is this server's own


def verdict(service: TalkService, data: bytes, seal: Seal | None) -> Match | None:
    """The match of `data` with the record, or None for anything else (blocking: parses, draws
    and reads the record)."""
    if not data:
        return None
    try:
        checked = check_document(data)
        found = match_record(service, checked)
    except ProofError:
        return None
    except Exception as error:  # a hostile file must get the same no, never a server error
        log.warning("the check of an uploaded document failed with %s", type(error).__name__)
        return None
    if found is None:
        return None
    export, sealed = checked.export, checked.seal
    return Match(
        talk=checked.proof.talk,
        title=None if export is None else export.view.title,
        participant=checked.proof.participant,
        head=str(found.head),
        moved_on=found.moved_on,
        made_at=None if export is None else export.made_at,
        sealed_by=None if sealed is None else sealed.signer,
        our_seal=sealed is not None and seal is not None and sealed.fingerprint == seal.fingerprint,
    )


async def spend_a_check(request: Request) -> bool:
    """Count one check for the caller's address; False (and nothing counted) once the address
    has used up its checks in the current window. Every check counts, a match too: each one
    draws a document again, and a person checks a few, not hundreds."""
    limiter: RateLimiter = request.app.state.check_limiter
    key = client_key(request, "check")
    if await run_in_threadpool(limiter.blocked, key):
        return False
    await run_in_threadpool(limiter.failed, key)
    return True
