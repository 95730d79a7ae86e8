"""The pages' live stream: each event the reader may see, as HTML for its page.

Every event goes out as one server-sent event, its id the event's seq (so a reconnecting
browser resumes after it), named for the part of the page it concerns -- `conversation`,
`negotiation`, `notes` or `other` -- so regions that must be re-read (the draft, the answers,
the advice) listen for their name and fetch themselves again. The data is out-of-band pieces
aimed at the page's lists and parts: a statement lands in its room's list without a reload,
and a release redraws the statement's carry form on the console.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Any

from fastapi import APIRouter, Header, Query, Request
from sse_starlette import EventSourceResponse, ServerSentEvent
from starlette.concurrency import run_in_threadpool

from shuttle.service import Update
from shuttle.talks import Seen, TalkView
from shuttle.web.deps import talk_service
from shuttle.web.live import Render, resume_point, updates
from shuttle.web.pages.context import other_tracks_of, profile_fields, room_ids
from shuttle.web.pages.page_view import region_of
from shuttle.web.pages.render import html
from shuttle.web.pages.visitor import csrf_of, participant

router = APIRouter(include_in_schema=False)


def event_html(
    view: TalkView,
    seen: Seen,
    csrf: str,
    head: str,
    other_tracks: Sequence[TalkView] = (),
) -> str:
    """One event `view` holds, as the out-of-band pieces that put it on the reader's page
    (the stream sends them; a form that speaks answers with them too). `other_tracks`, the
    reader's other tracks of the process, are offered by the forms that carry across."""
    context: dict[str, Any] = {
        "other_tracks": other_tracks,
        "s": seen,
        "r": view,
        "csrf": csrf,
        "name": region_of(seen),
        "room_ids": room_ids(view),
        "head": head,
        "state": None,
    }
    if not view.is_mediator:
        context["profile_defaults"] = profile_fields(view)  # the editor may be redrawn
    return html("parts/stream_event.html", context)


def renderer(view: TalkView, csrf: str, other_tracks: Sequence[TalkView] = ()) -> Render:
    """Render events for one reader's page; `view` keeps up with them, so the forms it draws
    (which need each statement's current handling) stay right."""

    def render(seen: Seen, update: Update) -> ServerSentEvent:
        # A stream resumed from further back sends events the view already holds.
        if seen.seq > view.head_seq:
            view.take(seen)
        # The record's head as this update read it: a signature form drawn now vouches for it.
        view.head = str(update.head)
        data = event_html(view, seen, csrf, view.head, other_tracks)
        return ServerSentEvent(data=data, event=region_of(seen), id=str(seen.seq))

    return render


@router.get("/talks/{talk}/stream")
async def stream(
    request: Request,
    talk: str,
    after: Annotated[int, Query(ge=0, le=2**31)] = 0,
    last_event_id: Annotated[str | None, Header(max_length=32)] = None,
) -> EventSourceResponse:
    """Everything the reader may see after `after` (or `Last-Event-ID`), then each new event."""
    actor = await participant(request, talk)
    service = talk_service(request)
    settings = request.app.state.settings
    view = await run_in_threadpool(service.view, actor.talk, actor.name)
    start = resume_point(last_event_id, after)
    others = await run_in_threadpool(other_tracks_of, service, actor, view)
    render = renderer(view, csrf_of(actor.identity), others)
    events = updates(service, request.app.state.bell, actor, start, render, settings.heartbeat)
    return EventSourceResponse(events, ping=int(settings.heartbeat))
