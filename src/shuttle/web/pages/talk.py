"""A talk's page: the party room for a delegate, the console for a mediator -- and the page's
regions on their own, which re-read themselves when the live stream says they changed."""

from __future__ import annotations

import asyncio
import logging

from fastapi import APIRouter, Request
from starlette.responses import Response

from shuttle.guarding import prepare
from shuttle.talks import TalkView
from shuttle.web.deps import talk_service
from shuttle.web.pages.context import page_template, talk_context
from shuttle.web.pages.render import page
from shuttle.web.pages.visitor import not_found, participant

router = APIRouter(include_in_schema=False)
log = logging.getLogger(__name__)

PARTY_PARTS = {
    "draft": "parts/room_draft.html",
    "deals": "parts/room_deals.html",
    "agreement": "parts/agreement.html",
    "carried": "parts/carried.html",
}
MEDIATOR_PARTS = {
    "matrix": "parts/matrix.html",
    "deals": "parts/console_deals.html",
    "agreement": "parts/agreement.html",
    "advice": "parts/advice.html",
}


@router.get("/talks/{talk}")
async def talk_page(request: Request, talk: str) -> Response:
    actor = await participant(request, talk)
    context = await talk_context(talk_service(request), actor)
    if actor.participant.is_mediator:
        # The leak guard's first check of a long talk would wait for every statement's
        # meaning; work it out while the mediator reads (not awaited: the page goes now).
        view = context["r"]
        assert isinstance(view, TalkView)
        warming = asyncio.get_running_loop().run_in_executor(None, prepare, view)
        _warming.add(warming)
        warming.add_done_callback(_warmed)
    return page(page_template(context), context)


_warming: set[asyncio.Future[None]] = set()
"""Warm-ups under way: held until they finish (a future nobody holds may be collected)."""


def _warmed(warming: asyncio.Future[None]) -> None:
    _warming.discard(warming)
    if not warming.cancelled() and (error := warming.exception()) is not None:
        # The check itself will say so when a mediator sends; the page is not concerned.
        log.warning("the leak guard could not prepare a talk: %s", error)


@router.get("/talks/{talk}/parts/{part}")
async def talk_part(request: Request, talk: str, part: str) -> Response:
    actor = await participant(request, talk)
    parts = MEDIATOR_PARTS if actor.participant.is_mediator else PARTY_PARTS
    template = parts.get(part)
    if template is None:
        return not_found()
    return page(template, await talk_context(talk_service(request), actor))
