"""Request bodies no larger than the server accepts, enforced while they arrive.

A body announced as larger than the limit (by Content-Length) is answered 413 before a byte of
it is read. A body of no announced length (chunked) is counted as it arrives and answered 413
the moment the count passes the limit, so the server never holds more than the limit of it.
Either answer closes the connection: the rest of the body is never read.

A few routes take more than that (the check page reads a whole document): each has its own
`Allowance`, a larger limit and its own answer (the check page's is a page, not JSON).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from starlette.datastructures import Headers
from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

KIB = 1024
MIB = 1024 * KIB


class BodyTooLarge(Exception):
    """Raised to the app by `receive` once the body has passed the limit."""


@dataclass(frozen=True)
class Allowance:
    """A route's own limit, and the 413 answer it gives past it (given the limit)."""

    limit: int
    answer: Callable[[int], Response]


class BodyLimit:
    """ASGI middleware: answer 413 to any HTTP request whose body passes `limit` bytes (or,
    on a path `allowances` names, that path's own limit)."""

    def __init__(
        self, app: ASGIApp, limit: int, allowances: Mapping[str, Allowance] | None = None
    ) -> None:
        self.app = app
        self.limit = limit
        self.allowances = dict(allowances or {})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        allowance = self.allowances.get(scope["path"]) or Allowance(self.limit, too_large)
        declared = _content_length(scope)
        if declared is not None and declared > allowance.limit:
            await allowance.answer(allowance.limit)(scope, receive, send)
            return
        counted = _Counted(allowance, scope, receive, send)
        try:
            await self.app(scope, counted.receive, counted.send)
        except Exception:
            # Once the body was cut off, whatever the app raised about it is moot: the 413 is
            # sent (or, if the app had begun its own answer, the connection is abandoned).
            if not counted.cut_off:
                raise


def too_large(limit: int) -> Response:
    """The 413 answer, in the shape of the API's other early answers (`errors.Detail`)."""
    return JSONResponse(
        {
            "detail": f"the request body is too large: this server accepts at most "
            f"{in_words(limit)} in one request; send a smaller one"
        },
        status_code=413,
        headers={"Connection": "close"},
    )


def in_words(size: int) -> str:
    """A number of bytes as a person reads it: '1 MiB (1048576 bytes)', '4000 bytes'."""
    for unit, name in ((MIB, "MiB"), (KIB, "KiB")):
        if size >= unit and size % unit == 0:
            return f"{size // unit} {name} ({size} bytes)"
    return f"{size} bytes"


class _Counted:
    """One request's `receive` and `send`, counting the body's bytes as they arrive."""

    def __init__(self, allowance: Allowance, scope: Scope, receive: Receive, send: Send) -> None:
        self._allowance = allowance
        self._scope = scope
        self._receive = receive
        self._send = send
        self.received = 0
        self.started = False  # a response has begun, the app's or the 413
        self.cut_off = False  # the body passed the limit; the app's answer is dropped

    async def receive(self) -> Message:
        if self.cut_off:
            raise BodyTooLarge
        message = await self._receive()
        if message["type"] == "http.request":
            self.received += len(message.get("body", b""))
            if self.received > self._allowance.limit:
                self.cut_off = True
                if not self.started:
                    self.started = True
                    answer = self._allowance.answer(self._allowance.limit)
                    await answer(self._scope, self._receive, self._send)
                raise BodyTooLarge
        return message

    async def send(self, message: Message) -> None:
        if self.cut_off:
            return
        if message["type"] == "http.response.start":
            self.started = True
        await self._send(message)


def _content_length(scope: Scope) -> int | None:
    value = Headers(scope=scope).get("content-length")
    if value is None:
        return None
    try:
        return int(value)
    except ValueError:
        return None  # the HTTP server refuses a malformed length before the app is called
