"""The JSON API: every command and view, for programs and automated parties."""

from fastapi import APIRouter

from shuttle.web.api import (
    cases,
    conversation,
    documents,
    guard,
    live,
    negotiation,
    talks,
    tracks,
)
from shuttle.web.errors import RESPONSES


def router() -> APIRouter:
    api = APIRouter(prefix="/api", responses=RESPONSES)
    for part in (talks, cases, tracks, conversation, guard, negotiation, documents, live):
        api.include_router(part.router)
    return api
