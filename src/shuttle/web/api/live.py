"""The API's live stream: each visible event as JSON, with its seq as the SSE id."""

from __future__ import annotations

import json
from typing import Annotated

from fastapi import APIRouter, Header, Query, Request
from sse_starlette import EventSourceResponse, ServerSentEvent

from shuttle.service import Update
from shuttle.talks import Seen
from shuttle.web.api.common import Acting, Service
from shuttle.web.live import resume_point, updates

router = APIRouter(tags=["live"])


def as_json(seen: Seen, _update: Update) -> ServerSentEvent:
    return ServerSentEvent(data=json.dumps(seen.to_dict()), event="event", id=str(seen.seq))


@router.get(
    "/talks/{talk}/events",
    response_class=EventSourceResponse,
    responses={200: {"content": {"text/event-stream": {}}}},
)
async def events(
    request: Request,
    actor: Acting,
    service: Service,
    after: Annotated[int, Query(ge=0, le=2**31)] = 0,
    last_event_id: Annotated[str | None, Header(max_length=32)] = None,
) -> EventSourceResponse:
    """Server-sent events: everything the caller may see after `after` (or `Last-Event-ID`),
    then each new event as it comes."""
    settings = request.app.state.settings
    start = resume_point(last_event_id, after)
    stream = updates(service, request.app.state.bell, actor, start, as_json, settings.heartbeat)
    return EventSourceResponse(stream, ping=int(settings.heartbeat))
