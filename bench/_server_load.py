"""The server benchmark's load generator: a process of its own, apart from the servers.

Reads a plan (JSON) on stdin and prints its measurements (JSON) on stdout:

* ``throughput``: each connection posts its pre-built request again and again, one at a time;
  counted are the answers that arrive inside the measuring window (after a warm-up).
* ``latency``: hold every event stream open, then post statements at a fixed rate, each
  carrying its number in its text; each stream reads the number back and the latency is the
  receive time minus the send time (``time.monotonic``, one machine, one process).

Its own CPU time is measured too, so a report can show that the client was not the limit.
"""

from __future__ import annotations

import asyncio
import json
import re
import sys
import time
from collections import Counter
from typing import Any

from _server_http import Connection, get_request, post_request

STATEMENT = re.compile(rb"bench (\d+)")
POSTERS_PER_TALK = 4


async def throughput(plan: dict[str, Any]) -> dict[str, Any]:
    port, warmup, seconds = plan["port"], plan["warmup"], plan["seconds"]
    requests = [r.encode("latin-1") for r in plan["requests"]]
    connections = [await Connection.open(port) for _ in requests]
    start = time.monotonic()
    begin, end = start + warmup, start + warmup + seconds
    statuses: Counter[int] = Counter()
    cpu: list[float] = []

    async def keep_posting(connection: Connection, raw: bytes) -> None:
        while time.monotonic() < end:
            status, _ = await connection.request(raw)
            if begin <= time.monotonic() <= end:
                statuses[status] += 1

    async def clock_cpu() -> None:
        await asyncio.sleep(max(0.0, begin - time.monotonic()))
        cpu.append(time.process_time())
        await asyncio.sleep(max(0.0, end - time.monotonic()))
        cpu.append(time.process_time())

    await asyncio.gather(
        clock_cpu(), *(keep_posting(c, r) for c, r in zip(connections, requests, strict=True))
    )
    for connection in connections:
        connection.close()
    return {
        "seconds": seconds,
        "ok": sum(n for s, n in statuses.items() if 200 <= s < 300),
        "statuses": {str(s): n for s, n in statuses.items()},
        "client_cpu": (cpu[1] - cpu[0]) / seconds,
    }


async def latency(plan: dict[str, Any]) -> dict[str, Any]:
    port, rate, seconds = plan["port"], plan["rate"], plan["seconds"]
    talks = plan["talks"]
    sent: dict[int, float] = {}
    latencies: list[float] = []
    connected = 0
    all_connected = asyncio.Event()

    async def hold_stream(path: str, token: str) -> None:
        nonlocal connected
        connection = await Connection.open(port)
        raw = get_request(path, {"Authorization": f"Bearer {token}"})
        first = True
        async for data in connection.stream(raw):
            if first:  # the backlog has begun: this stream is up and listening
                first = False
                connected += 1
                if connected == len(plan["streams"]):
                    all_connected.set()
            found = STATEMENT.search(data)
            if found is not None:
                at = time.monotonic()
                number = int(found.group(1))
                if number in sent:
                    latencies.append(at - sent[number])

    readers = [asyncio.create_task(hold_stream(p, t)) for p, t in plan["streams"]]
    await asyncio.wait_for(all_connected.wait(), 60)

    posters: list[asyncio.Queue[Connection]] = []
    for _ in talks:
        pool: asyncio.Queue[Connection] = asyncio.Queue()
        for _ in range(POSTERS_PER_TALK):
            pool.put_nowait(await Connection.open(port))
        posters.append(pool)
    statuses: Counter[int] = Counter()
    lags: list[float] = []
    expected = 0

    async def post(number: int, scheduled: float) -> None:
        talk = talks[number % len(talks)]
        room = talk["rooms"][(number // len(talks)) % len(talk["rooms"])]
        body = {"text": f"bench {number}", "room": room}
        raw = post_request(talk["path"], body, {"Authorization": f"Bearer {talk['token']}"})
        pool = posters[number % len(talks)]
        connection = await pool.get()
        sent[number] = now = time.monotonic()
        lags.append(now - scheduled)
        status, _ = await connection.request(raw)
        pool.put_nowait(connection)
        statuses[status] += 1

    count = int(rate * seconds)
    cpu_start = time.process_time()
    start = time.monotonic()
    tasks = []
    for number in range(count):
        scheduled = start + number / rate
        await asyncio.sleep(max(0.0, scheduled - time.monotonic()))
        tasks.append(asyncio.create_task(post(number, scheduled)))
        talk = talks[number % len(talks)]
        expected += talk["audience"][(number // len(talks)) % len(talk["rooms"])]
    await asyncio.gather(*tasks)
    await asyncio.sleep(plan["drain"])
    elapsed = time.monotonic() - start
    cpu = (time.process_time() - cpu_start) / elapsed
    for reader in readers:
        reader.cancel()
    return {
        "statements": count,
        "statuses": {str(s): n for s, n in statuses.items()},
        "expected": expected,
        "latencies": latencies,
        "max_lag": max(lags, default=0.0),
        "client_cpu": cpu,
    }


def main() -> None:
    plan = json.load(sys.stdin)
    run = throughput if plan["mode"] == "throughput" else latency
    try:  # uvloop (uvicorn's, as the servers use) spends less of the client's CPU
        import uvloop

        result = uvloop.run(run(plan))
    except ImportError:
        result = asyncio.run(run(plan))
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
