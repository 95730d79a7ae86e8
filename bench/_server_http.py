"""A minimal HTTP/1.1 client on asyncio streams, for the server benchmark's load generator.

httpx spends more CPU per request than the servers under test, and on a 2-core machine the
client must stay well below one core, so requests here are pre-built bytes on keep-alive
connections. It reads only what the benchmark needs: the status, a Content-Length body, and
the `data:` lines of a server-sent event stream.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Mapping


def post_request(path: str, body: Mapping[str, object], headers: Mapping[str, str]) -> bytes:
    payload = json.dumps(body).encode()
    lines = [f"POST {path} HTTP/1.1", "Host: 127.0.0.1", "Content-Type: application/json"]
    lines += [f"{k}: {v}" for k, v in headers.items()]
    lines.append(f"Content-Length: {len(payload)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + payload


def get_request(path: str, headers: Mapping[str, str]) -> bytes:
    lines = [f"GET {path} HTTP/1.1", "Host: 127.0.0.1"]
    lines += [f"{k}: {v}" for k, v in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


class Connection:
    """One keep-alive connection; one request at a time."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader = reader
        self.writer = writer

    @classmethod
    async def open(cls, port: int) -> Connection:
        reader, writer = await asyncio.open_connection("127.0.0.1", port, limit=1 << 20)
        return cls(reader, writer)

    async def request(self, raw: bytes) -> tuple[int, bytes]:
        """Send `raw` and read the response: its status and body."""
        self.writer.write(raw)
        status, headers = await self._head()
        if headers.get(b"transfer-encoding") == b"chunked":
            raise RuntimeError("unexpected chunked response")
        body = await self.reader.readexactly(int(headers.get(b"content-length", b"0")))
        return status, body

    async def stream(self, raw: bytes) -> AsyncIterator[bytes]:
        """Send `raw` (a GET of an event stream) and yield each `data:` line's payload.

        The body is chunked; uvicorn sends each server-sent event as one chunk, so a data
        line never spans chunks and the chunk-size lines are simply skipped."""
        self.writer.write(raw)
        status, _ = await self._head()
        if status != 200:
            raise RuntimeError(f"event stream answered {status}")
        while True:
            line = await self.reader.readline()
            if not line:
                return
            if line.startswith(b"data:"):
                yield line[5:].strip()

    async def _head(self) -> tuple[int, dict[bytes, bytes]]:
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.split(b"\r\n")
        status = int(lines[0].split(b" ", 2)[1])
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(b":")
            if name:
                headers[name.strip().lower()] = value.strip()
        return status, headers

    def close(self) -> None:
        self.writer.close()
