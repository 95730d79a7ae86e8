"""Documents people take away, as HTTP answers: the record and the agreement of the caller
(`shuttle.documents`), stamped with the time of the request, pointing to this server's check
page, sealed when the server has a seal.

Who the document is for is always the caller as a participant (`deps.Actor`), never a name the
request brings: what a participant downloads is its own view, which `view_of` already limits
(one who left keeps its record up to its leaving).
"""

from __future__ import annotations

import re

from fastapi import Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from shuttle.accounts import RateLimiter
from shuttle.documents import DocumentKind, Format, Made, export_document
from shuttle.service import TalkService, utc_now
from shuttle.web.deps import Actor
from shuttle.web.settings import Settings

CHECK_PATH = "/check"


def check_address(request: Request) -> str | None:
    """The absolute address of this server's check page, as documents print it (and a seal
    signs): from the server's settings only, never from the request, whose Host header the
    caller writes; None when the server knows no address of its own."""
    settings: Settings = request.app.state.settings
    base = settings.base_url or settings.own_url
    return None if base is None else base.rstrip("/") + CHECK_PATH


TOO_MANY = "you have had many documents made in the last few minutes: wait a few minutes"


async def spend_a_document(request: Request, actor: Actor) -> bool:
    """Count one document made for this participant of this talk; False (nothing counted)
    once it has had its documents for the current window. Counted in the database, so every
    server instance shares the count."""
    limiter: RateLimiter = request.app.state.document_limiter
    key = f"document:{actor.talk}:{actor.name}"
    if await run_in_threadpool(limiter.blocked, key):
        return False
    await run_in_threadpool(limiter.failed, key)
    return True


def make(
    request: Request, service: TalkService, actor: Actor, kind: DocumentKind, form: Format
) -> Made:
    """The caller's document of `kind` in `form`, made now (blocking: reads the record, draws
    the PDF). NoAgreement for an agreement before there is one."""
    settings: Settings = request.app.state.settings
    return export_document(
        service,
        actor.talk,
        actor.name,
        kind,
        form,
        made_at=utc_now(),
        check_at=check_address(request),
        seal=settings.seal if form == "pdf" else None,
    )


def attachment(made: Made) -> Response:
    """The document as a file to save: never cached, never sniffed, never shown in place."""
    headers = {
        "Content-Disposition": f'attachment; filename="{safe_filename(made.filename)}"',
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
    }
    return Response(made.data, media_type=made.media_type, headers=headers)


def safe_filename(name: str) -> str:
    """A file name any browser and any disk takes as it is: ASCII letters, digits, dots,
    dashes and underscores, never starting with a dot."""
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "-", name).lstrip(".-")[:120]
    return cleaned or "shuttle-document"
