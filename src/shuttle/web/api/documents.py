"""Documents for programs: the caller's record or the agreement, as PDF or JSON; and the check,
open to anyone, of a document against this server's record."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Query, Request
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from shuttle.documents import DocumentKind
from shuttle.web.api.common import ActingOrDeparted, Service
from shuttle.web.checking import spend_a_check, verdict
from shuttle.web.cross_site import from_another_site
from shuttle.web.downloads import CHECK_PATH, TOO_MANY, attachment, make, spend_a_document
from shuttle.web.errors import Detail
from shuttle.web.settings import Settings

router = APIRouter(tags=["documents"])

_BINARY = {"schema": {"type": "string", "format": "binary"}}

EXPORTED: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The document, as a file to save (Content-Disposition: attachment).",
        "content": {"application/pdf": _BINARY, "application/json": {"schema": {"type": "object"}}},
    },
    429: {"model": Detail, "description": "Too many documents made for you lately: wait."},
}


@router.get("/talks/{talk}/export", response_class=Response, responses=EXPORTED)
async def export(
    request: Request,
    actor: ActingOrDeparted,
    service: Service,
    form: Annotated[
        Literal["pdf", "json"], Query(alias="format", description="pdf or json.")
    ] = "json",
    document: Annotated[
        DocumentKind, Query(description="record: what you may see of the talk; agreement.")
    ] = DocumentKind.RECORD,
) -> Response:
    """Your document: your record of the talk (what you may see of it, and the proof that lets
    anyone check it) or the agreement, as a PDF carrying that proof or as JSON. An agreement
    before there is one is refused (409). One who has left the talk may still take its
    documents: they hold what it saw until it left."""
    if not await spend_a_document(request, actor):
        raise HTTPException(429, TOO_MANY)
    made = await run_in_threadpool(make, request, service, actor, document, form)
    return attachment(made)


class CheckAnswer(BaseModel):
    """Whether a document is this server's record. A no says nothing more, whatever the
    reason: `shuttle verify-proof FILE` tells its holder what differs."""

    matches: bool
    talk: str | None = Field(default=None, description="The document's talk (a match only).")
    title: str | None = Field(
        default=None, description="The talk's title, as the document says it."
    )
    participant: str | None = Field(default=None, description="Whose record it is (a match only).")
    head: str | None = Field(default=None, description="The record's head it holds (SEQ:HASH).")
    made_at: str | None = Field(default=None, description="When the document was made (ISO UTC).")
    moved_on: bool | None = Field(default=None, description="Whether the record has more since.")


CHECK_BODY = {
    "requestBody": {
        "required": True,
        "description": "The document's file, as it is: a PDF or a JSON export (or proof).",
        "content": {
            "application/pdf": _BINARY,
            "application/json": {"schema": {}},
            "application/octet-stream": _BINARY,
        },
    }
}


@router.post(
    CHECK_PATH,
    response_model=CheckAnswer,
    response_model_exclude_none=True,
    openapi_extra=CHECK_BODY,
    responses={
        403: {"model": Detail, "description": "Sent from another site's page."},
        429: {"model": Detail, "description": "Too many checks from this address: wait."},
    },
)
async def check(request: Request, service: Service) -> CheckAnswer:
    """Anyone, signed in or not: whether a document (the file as the body) is this server's
    record, as its participant saw it, and whether the record has moved on since."""
    if from_another_site(request):
        raise HTTPException(403, "a check is sent from this server's pages or by a program")
    if not await spend_a_check(request):
        raise HTTPException(429, "too many documents checked from here: wait a few minutes")
    data = await request.body()
    settings: Settings = request.app.state.settings
    found = await run_in_threadpool(verdict, service, data, settings.seal)
    if found is None:
        return CheckAnswer(matches=False)
    return CheckAnswer(
        matches=True,
        talk=found.talk,
        title=found.title,
        participant=found.participant,
        head=found.head,
        made_at=found.made_at,
        moved_on=found.moved_on,
    )
