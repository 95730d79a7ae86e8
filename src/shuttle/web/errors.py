"""Refusals as HTTP answers: the rule and what is allowed, never a stack trace.

NotFound is 404 whether the thing is absent or outside the caller's view: the same answer for
another party's room as for a room that does not exist. A malformed request is 422 in the
same shape as a malformed command (`error`, `message`), with FastAPI's per-field `detail`
beside it; what was sent is not echoed back.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from shuttle.talks import Invalid, NotFound, Refusal, Refused
from shuttle.web.hints import api_hint


class Problem(BaseModel):
    """Why a request was not carried out."""

    error: str = Field(
        description="notfound, invalid or refused; warned when the leak guard, asked for, "
        "warns; unavailable when it cannot run."
    )
    message: str = Field(description="The reason, in words a person can act on.")
    rule: str | None = Field(None, description="Refused: the rule that refused it.")
    allowed: str | None = Field(None, description="Refused: what would be allowed instead.")
    field: str | None = Field(None, description="The request body's field to change, if one.")
    value: str | None = Field(None, description="What would do in that field, if one thing.")
    use: str | None = Field(None, description="Another route to use instead, if one.")
    detail: list[dict[str, Any]] | None = Field(
        None, description="A malformed request: each field's problem (loc, msg, type)."
    )
    warnings: list[dict[str, Any]] | None = Field(
        None, description="warned: what the words come close to, as POST .../guard gives it."
    )


class Detail(BaseModel):
    """An answer before any rule of a talk was asked: the body could not be read or is too
    large, there is no credential, or a cookie session's unsafe request came without its CSRF
    token."""

    detail: str


RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"model": Detail, "description": "The body could not be read (not UTF-8, say)."},
    401: {"model": Detail, "description": "Not signed in."},
    403: {"model": Detail, "description": "Missing or wrong CSRF token (cookie sessions)."},
    404: {"model": Problem, "description": "No such talk or thing -- or none of yours."},
    409: {"model": Problem, "description": "A rule of the talk refused it."},
    413: {"model": Detail, "description": "The body is larger than the server accepts."},
    422: {"model": Problem, "description": "The request or command is malformed."},
}
"""The error answers every API route may give, for the OpenAPI description."""


def refusal_body(error: Refusal) -> dict[str, str]:
    body = {"error": kind_of(error), "message": error.message}
    if isinstance(error, Refused):
        body |= {"rule": error.rule, "allowed": error.allowed}
    return body | api_hint(error.hint)


def kind_of(error: Refusal) -> str:
    """notfound, invalid or refused: the kind of refusal, whatever subclass raised it (the
    documents' NoAgreement is refused)."""
    for kind in (NotFound, Invalid, Refused):
        if isinstance(error, kind):
            return kind.__name__.lower()
    return "refused"


def status_of(error: Refusal) -> int:
    if isinstance(error, NotFound):
        return 404
    if isinstance(error, Invalid):
        return 422
    return 409


def malformed_body(error: RequestValidationError) -> dict[str, Any]:
    detail = [_issue(issue) for issue in error.errors()]
    where = "; ".join(f"{'.'.join(i['loc']) or 'request'}: {i['msg']}" for i in detail)
    return {"error": "invalid", "message": f"malformed request: {where}", "detail": detail}


def _issue(issue: Any) -> dict[str, Any]:
    """One field's problem as loc, msg and type; the value sent is left out."""
    loc = [str(part) for part in issue["loc"]]
    msg = str(issue["msg"])
    if issue["type"] == "json_invalid":
        # FastAPI reports the position as the second part of the location.
        reason = (issue.get("ctx") or {}).get("error")
        at = f" at character {loc[1]}" if len(loc) > 1 else ""
        loc, msg = loc[:1], f"not valid JSON{at}" + (f" ({reason})" if reason else "")
    return {"loc": loc, "msg": msg, "type": str(issue["type"])}


def install(app: FastAPI) -> None:
    @app.exception_handler(Refusal)
    async def _refused(_request: Request, error: Refusal) -> JSONResponse:
        return JSONResponse(refusal_body(error), status_code=status_of(error))

    @app.exception_handler(RequestValidationError)
    async def _malformed(_request: Request, error: RequestValidationError) -> JSONResponse:
        return JSONResponse(malformed_body(error), status_code=422)
