"""A talk's page: the party room for a delegate, the console for a mediator -- and the page's
regions on their own, which re-read themselves when the live stream says they changed."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from shuttle.web.deps import talk_service
from shuttle.web.pages.context import page_template, talk_context
from shuttle.web.pages.render import page
from shuttle.web.pages.visitor import not_found, participant

router = APIRouter(include_in_schema=False)

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
    return page(page_template(context), context)


@router.get("/talks/{talk}/parts/{part}")
async def talk_part(request: Request, talk: str, part: str) -> Response:
    actor = await participant(request, talk)
    parts = MEDIATOR_PARTS if actor.participant.is_mediator else PARTY_PARTS
    template = parts.get(part)
    if template is None:
        return not_found()
    return page(template, await talk_context(talk_service(request), actor))
