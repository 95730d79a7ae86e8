"""The documents a participant takes away from its page: its record and the agreement, as PDF
or JSON, and the agreement as a printable page.

Each is the visitor's own (the session's participant, never a name from the request), made
from its view alone -- one who has left the talk still takes its own, which holds what it saw
until it left (if its credential still holds: an account's session does). The printable page
draws the very blocks the PDF draws (`shuttle.documents.drawing`), so the two never say
different things.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from shuttle.documents import Document, DocumentKind, Format, NoAgreement, drawing
from shuttle.service import TalkService, utc_now
from shuttle.web.deps import Actor, talk_service
from shuttle.web.downloads import TOO_MANY, attachment, check_address, make, spend_a_document
from shuttle.web.pages.forms import says
from shuttle.web.pages.render import page
from shuttle.web.pages.visitor import participant

router = APIRouter(include_in_schema=False)


async def _download(request: Request, talk: str, kind: DocumentKind, form: Format) -> Response:
    actor = await participant(request, talk, departed=True)
    service = talk_service(request)
    if not await spend_a_document(request, actor):
        context = {"message": TOO_MANY[0].upper() + TOO_MANY[1:] + ".", "back": f"/talks/{talk}"}
        return page("refused_page.html", context, 429)
    try:
        made = await run_in_threadpool(make, request, service, actor, kind, form)
    except NoAgreement as refused:
        return _no_agreement(actor, refused)
    return attachment(made)


def _no_agreement(actor: Actor, refused: NoAgreement) -> Response:
    context = {"message": says(refused), "back": f"/talks/{actor.talk}"}
    return page("refused_page.html", context, 409)


@router.get("/talks/{talk}/export.pdf")
async def record_pdf(request: Request, talk: str) -> Response:
    """The visitor's record of the talk, as a PDF carrying its proof."""
    return await _download(request, talk, DocumentKind.RECORD, "pdf")


@router.get("/talks/{talk}/export.json")
async def record_json(request: Request, talk: str) -> Response:
    """The visitor's record of the talk, as JSON: its proof and its views."""
    return await _download(request, talk, DocumentKind.RECORD, "json")


@router.get("/talks/{talk}/agreement.pdf")
async def agreement_pdf(request: Request, talk: str) -> Response:
    return await _download(request, talk, DocumentKind.AGREEMENT, "pdf")


@router.get("/talks/{talk}/agreement.json")
async def agreement_json(request: Request, talk: str) -> Response:
    return await _download(request, talk, DocumentKind.AGREEMENT, "json")


@router.get("/talks/{talk}/agreement")
async def printable_agreement(request: Request, talk: str) -> Response:
    """The agreement as a page to print (or save as PDF from the browser)."""
    actor = await participant(request, talk, departed=True)
    service = talk_service(request)
    at = check_address(request)
    seal = request.app.state.settings.seal
    sealed_by = None if seal is None else seal.subject  # as this server's PDF of it says
    try:
        drawn = await run_in_threadpool(_agreement, service, actor, at, sealed_by)
    except NoAgreement as refused:
        return _no_agreement(actor, refused)
    return page("agreement_print.html", {"talk": actor.talk, "document": drawn, **blocks(drawn)})


def _agreement(
    service: TalkService, actor: Actor, check_at: str | None, sealed_by: str | None
) -> Document:
    view = service.view(actor.talk, actor.name)
    return drawing(view, DocumentKind.AGREEMENT, utc_now(), check_at, sealed_by)


def blocks(document: Document) -> dict[str, Any]:
    """The document's blocks, each with its kind's name for the template ("heading",
    "paragraph", "fields", "table", "entry")."""
    return {"blocks": [(type(block).__name__.lower(), block) for block in document.blocks]}
