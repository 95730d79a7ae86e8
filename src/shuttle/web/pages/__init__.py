"""The web pages: each participant's room, the mediator's console, sign-in, and their live
stream -- Jinja2 templates with HTMX, served from this package (no CDN, no build step)."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.staticfiles import StaticFiles
from starlette.responses import Response

from shuttle.web.pages import (
    cases,
    check,
    documents,
    home,
    invites,
    mediator_forms,
    offer_forms,
    party_forms,
    people,
    stream,
    talk,
    track_forms,
)
from shuttle.web.pages.render import STATIC
from shuttle.web.pages.visitor import Away


def install(app: FastAPI) -> None:
    """Add the pages, their forms and stream, and /static to `app`."""
    for part in (
        home,
        cases,
        invites,
        talk,
        documents,
        check,
        people,
        party_forms,
        offer_forms,
        mediator_forms,
        track_forms,
        stream,
    ):
        app.include_router(part.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.exception_handler(Away)
    async def _away(_request: Request, away: Away) -> Response:
        return away.response
