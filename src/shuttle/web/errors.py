"""Refusals as HTTP answers: the rule and what is allowed, never a stack trace.

NotFound is 404 whether the thing is absent or outside the caller's view: the same answer for
another party's room as for a room that does not exist.
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from shuttle.talks import Invalid, NotFound, Refusal, Refused


def refusal_body(error: Refusal) -> dict[str, str]:
    body = {"error": type(error).__name__.lower(), "message": error.message}
    if isinstance(error, Refused):
        body |= {"rule": error.rule, "allowed": error.allowed}
    return body


def status_of(error: Refusal) -> int:
    if isinstance(error, NotFound):
        return 404
    if isinstance(error, Invalid):
        return 422
    return 409


def install(app: FastAPI) -> None:
    @app.exception_handler(Refusal)
    async def _refused(_request: Request, error: Refusal) -> JSONResponse:
        return JSONResponse(refusal_body(error), status_code=status_of(error))
