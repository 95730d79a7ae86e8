"""Large bodies sent as a stranger would send them: from a generator, over a raw socket.

httpx sends a whole body before it reads the answer; a server that answers early and closes
the connection would then look like a broken connection. `upload` instead stops sending as
soon as the server has answered (or has stopped listening), and reads the answer it gave.
"""

from __future__ import annotations

import http.client
import json
import select
import socket
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import httpx

CHUNK = 64 * 1024


@dataclass(frozen=True)
class Answer:
    """The server's answer, and how much of the body had been sent when it came."""

    status: int
    headers: Mapping[str, str]
    body: bytes
    sent: int

    def json(self) -> Any:
        return json.loads(self.body)


def statement(size: int) -> tuple[int, Iterator[bytes]]:
    """A JSON statement of exactly `size` bytes, `{"text": "xxx..."}`, and its chunks."""
    head, tail = b'{"text": "', b'"}'
    filler = size - len(head) - len(tail)
    assert filler >= 0

    def chunks() -> Iterator[bytes]:
        yield head
        left = filler
        while left > 0:
            part = min(left, CHUNK)
            yield b"x" * part
            left -= part
        yield tail

    return size, chunks()


def padded(document: dict[str, Any], size: int) -> bytes:
    """`document` as JSON, padded with spaces to exactly `size` bytes (still valid JSON)."""
    text = json.dumps(document).encode()
    assert len(text) <= size
    return text + b" " * (size - len(text))


def upload(
    url: str,
    path: str,
    chunks: Iterable[bytes],
    *,
    length: int | None,
    headers: Mapping[str, str] | None = None,
    method: str = "POST",
) -> Answer:
    """Send `chunks` to `path` on the server at `url` (a POST, unless `method` says): with
    `Content-Length: length`, or chunked when `length` is None. Sending stops once the server
    answers or closes."""
    where = httpx.URL(url)
    host, port = where.host, where.port or 80
    lines = [f"{method} {path} HTTP/1.1", f"Host: {host}:{port}", "Content-Type: application/json"]
    lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
    lines.append("Transfer-Encoding: chunked" if length is None else f"Content-Length: {length}")
    with socket.create_connection((host, port), timeout=60) as connection:
        connection.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        sent = _send_body(connection, chunks, chunked=length is None)
        response = http.client.HTTPResponse(connection)
        response.begin()
        body = response.read()
        found = {name.lower(): value for name, value in response.getheaders()}
        return Answer(response.status, found, body, sent)


def _send_body(connection: socket.socket, chunks: Iterable[bytes], *, chunked: bool) -> int:
    """Send the body until it ends or the server answers; the bytes of body sent."""
    sent = 0
    try:
        for chunk in chunks:
            if _answered(connection):
                return sent
            connection.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk) if chunked else chunk)
            sent += len(chunk)
        if chunked and not _answered(connection):
            connection.sendall(b"0\r\n\r\n")
    except (BrokenPipeError, ConnectionResetError):
        pass  # the server stopped listening: its answer, if any, is waiting to be read
    return sent


def _answered(connection: socket.socket) -> bool:
    readable, _, _ = select.select([connection], [], [], 0)
    return bool(readable)
