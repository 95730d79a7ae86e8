"""The scale benchmark's load generator: a process of its own, apart from the servers.

Reads a plan (JSON) on stdin and prints its measurements (JSON) on stdout. It holds every
event stream of the plan open, then drives the talks with the work of a mediator and two
delegates (`CYCLE`), one request at a time per talk, as the people of one talk would:

* paced: action n goes to talk n mod T at `start + n / rate`, for a warm-up and then the
  measured window; an action waits for its talk's previous one, and its lag behind the
  schedule is recorded, so a rate that is not sustained shows;
* at the limit: one worker per talk (at most `limit_workers`) posts as fast as answers come,
  to find the most the machine does and which process is busiest when it does.

Requests go round-robin to the server instances, and streams are spread over them the same
way, so most deliveries cross from one instance to another through the database's bell.
Delivery latency is the time a stream receives an event minus the time its request was sent.
Since a talk has one request in flight at a time, an event that arrives before its request's
answer is still known to be that request's.

CPU time is read from /proc at the edges of each window: the servers', the database's (every
`postgres` process, and what the postmaster collected from backends that exited) and this
process's own.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from _server_http import Connection, get_request, post_request

SEQ = re.compile(rb'"seq": (\d+)')
TICKS = os.sysconf("SC_CLK_TCK")


@dataclass
class Talk:
    index: int
    talk: str
    tokens: dict[str, str]  # "mediator", "alpha", "beta" -> bearer token
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    step: int = 0
    said: dict[str, int] = field(default_factory=dict)  # "alpha"/"beta" -> last statement seq
    known: int = 0  # the highest seq this talk's answers have shown
    in_flight: float | None = None  # when the request now out was sent
    sent_at: dict[int, float] = field(default_factory=dict)  # seq -> its request's send time


def action(talk: Talk, number: int) -> tuple[str, str, dict[str, Any]]:
    """The next thing said or done in `talk`: (who, path, body). Ten steps a cycle: five
    statements (one of them for the mediator alone), two carries, a draft, two answers."""
    step, cycle = talk.step % 10, talk.step // 10
    base = f"/api/talks/{talk.talk}"
    if step == 0:
        text = f"We can move on delivery if the price holds ({number})."
        return "alpha", f"{base}/statements", {"text": text, "handling": "may-convey"}
    if step == 1:
        body = {
            "statement": talk.said.get("alpha", 1),
            "to": "Beta",
            "mode": "paraphrase",
            "text": f"The other side sees some room on delivery ({number}).",
        }
        return "mediator", f"{base}/conveyances", body
    if step == 2:
        text = f"Delivery matters less to us than the warranty ({number})."
        return "beta", f"{base}/statements", {"text": text, "handling": "may-convey"}
    if step == 3:
        body = {"statement": talk.said.get("beta", 1), "to": "Alpha", "mode": "verbatim"}
        return "mediator", f"{base}/conveyances", body
    if step in (4, 5):
        room = "Alpha" if step == 4 else "Beta"
        text = f"Could you say what a fair price would be ({number})?"
        return "mediator", f"{base}/statements", {"text": text, "room": room}
    if step == 6:
        terms = {"price": PRICES[cycle % 3], "delivery": DELIVERIES[(cycle // 3) % 3]}
        body = {"terms": terms, "clauses": [f"Version of round {cycle} ({number})."]}
        return "mediator", f"{base}/drafts", body
    if step in (7, 8):
        accept = step == 8
        body = {"accept": accept, "comment": f"Our answer ({number})."}
        if not accept:
            body["prefer"] = {"price": PRICES[(cycle + 1) % 3]}
        return ("alpha" if step == 7 else "beta"), f"{base}/answers", body
    text = f"Between us: we could go lower ({number})."
    return "alpha", f"{base}/statements", {"text": text, "handling": "mediator-only"}


PRICES = ("low", "mid", "high")
DELIVERIES = ("30 days", "60 days", "90 days")


@dataclass
class Window:
    """What one measured window saw."""

    start: float
    statuses: Counter[str] = field(default_factory=Counter)
    latencies: list[float] = field(default_factory=list)
    lags: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


class Load:
    def __init__(self, plan: dict[str, Any]) -> None:
        self.plan = plan
        self.ports: list[int] = plan["ports"]
        self.instances = len(self.ports)  # how many of them the commands go to
        self.talks = [Talk(i, t["talk"], t["tokens"]) for i, t in enumerate(plan["talks"])]
        self.pools: list[asyncio.Queue[Connection]] = []
        self.window: Window | None = None  # the window now measured, if any
        self.received: list[list[int]] = [[] for _ in plan["streams"]]
        self.stream_failures: list[str] = []
        self.statuses: Counter[str] = Counter()  # every answer, measured or not
        self.failures: list[str] = []  # the first few answers that were not 201
        self.sequence = 0

    async def open_pools(self) -> None:
        for port in self.ports:
            pool: asyncio.Queue[Connection] = asyncio.Queue()
            for _ in range(self.plan["pool"]):
                pool.put_nowait(await Connection.open(port))
            self.pools.append(pool)

    async def act(self, talk: Talk, scheduled: float | None) -> None:
        async with talk.lock:
            window = self.window
            number, self.sequence = self.sequence, self.sequence + 1
            who, path, body = action(talk, number)
            raw = post_request(path, body, {"Authorization": f"Bearer {talk.tokens[who]}"})
            instance = self.instance_for(talk, number)
            pool = self.pools[instance]
            connection = await pool.get()
            if connection.reader.at_eof():  # closed by the server while idle: keep-alive ended
                connection.close()
                connection = await Connection.open(self.ports[instance])
            talk.in_flight = sent = time.monotonic()
            if window is not None and scheduled is not None:
                window.lags.append(sent - scheduled)
            try:
                status, answer = await connection.request(raw)
            except (OSError, asyncio.IncompleteReadError) as error:
                connection.close()
                connection = await Connection.open(self.ports[instance])
                status, answer = 0, str(error).encode()
            finally:
                pool.put_nowait(connection)
            talk.in_flight = None
            talk.step += 1
            self.statuses[str(status)] += 1
            if window is not None:
                window.statuses[str(status)] += 1
            if status != 201:
                failure = f"{status} {path}: {answer[:300]!r}"
                if len(self.failures) < 5:
                    self.failures.append(failure)
                if window is not None and len(window.failures) < 5:
                    window.failures.append(failure)
                return
            seqs = [event["seq"] for event in json.loads(answer)["events"]]
            for seq in seqs:
                talk.sent_at[seq] = sent
            talk.known = max(talk.known, *seqs)
            if path.endswith("/statements") and who != "mediator":
                talk.said[who] = seqs[0]

    def instance_for(self, talk: Talk, number: int) -> int:
        """Which instance a request goes to: by its talk, as a load balancer hashing the talk
        in the path would (each instance then keeps its talks' folds in memory), or in turn."""
        if self.plan["routing"] == "by-talk":
            return talk.index % self.instances
        return number % self.instances

    async def hold_stream(self, number: int, connected: asyncio.Event, count: list[int]) -> None:
        instance, talk_index, token = self.plan["streams"][number]
        talk = self.talks[talk_index]
        raw = get_request(f"/api/talks/{talk.talk}/events", {"Authorization": f"Bearer {token}"})
        received = self.received[number]
        first, connection = True, None
        try:
            connection = await Connection.open(self.ports[instance])
            async for data in connection.stream(raw):
                at = time.monotonic()
                if first:
                    first = False
                    count[0] += 1
                    if count[0] == len(self.plan["streams"]):
                        connected.set()
                found = SEQ.search(data)
                if found is None:
                    continue
                seq = int(found.group(1))
                received.append(seq)
                self.note_delivery(talk, seq, at)
        except (OSError, asyncio.IncompleteReadError, RuntimeError) as error:
            self.stream_failures.append(f"stream {number}: {error}")
        else:
            self.stream_failures.append(f"stream {number}: closed by the server")
        finally:  # cancelled too: the server sees the stream end, as when a tab is closed
            if connection is not None:
                connection.close()

    def note_delivery(self, talk: Talk, seq: int, at: float) -> None:
        sent = talk.sent_at.get(seq)
        if sent is None and talk.in_flight is not None and seq > talk.known:
            sent = talk.in_flight  # its answer is still on the way
        window = self.window
        if sent is not None and window is not None and sent >= window.start:
            window.latencies.append(at - sent)

    async def paced(self, seconds: float, rate: float) -> None:
        start = time.monotonic()
        tasks = []
        for n in range(int(seconds * rate)):
            scheduled = start + n / rate
            await asyncio.sleep(max(0.0, scheduled - time.monotonic()))
            talk = self.talks[n % len(self.talks)]
            tasks.append(asyncio.create_task(self.act(talk, scheduled)))
        await asyncio.gather(*tasks)

    async def flat_out(self, seconds: float) -> None:
        end = time.monotonic() + seconds
        workers = min(len(self.talks), self.plan["limit_workers"])

        async def work(first: int) -> None:
            mine = self.talks[first::workers]
            turn = 0
            while time.monotonic() < end:
                await self.act(mine[turn % len(mine)], None)
                turn += 1

        await asyncio.gather(*(work(w) for w in range(workers)))

    async def measured(self, run: Any) -> dict[str, Any]:
        """Run `run()` as a measured window: its answers, latencies and everyone's CPU."""
        window = Window(time.monotonic())
        self.window = window
        before, began = cpu(self.plan), time.monotonic()
        await run()
        elapsed = time.monotonic() - began
        after = cpu(self.plan)
        self.window = None
        # Deliveries of the window's last requests land just after it.
        await asyncio.sleep(self.plan["drain"])
        return {
            "seconds": elapsed,
            "statuses": dict(window.statuses),
            "latencies": window.latencies,
            "lags": window.lags,
            "failures": window.failures,
            "cpu": {k: (after[k] - before[k]) for k in after},
        }

    async def run(self) -> dict[str, Any]:
        await self.open_pools()
        connected, count = asyncio.Event(), [0]
        readers = [
            asyncio.create_task(self.hold_stream(n, connected, count))
            for n in range(len(self.plan["streams"]))
        ]
        if readers:
            await asyncio.wait_for(connected.wait(), 120)
        rate = self.plan["rate"]
        await self.paced(self.plan["warmup"], rate)
        steady = await self.measured(lambda: self.paced(self.plan["seconds"], rate))
        limit = await self.measured(lambda: self.flat_out(self.plan["limit_seconds"]))
        for reader in readers:
            reader.cancel()
        await asyncio.gather(*readers, return_exceptions=True)
        # What the streams should have had: each talk's record up to here.
        heads = [talk.known for talk in self.talks]
        # The same work with nobody watching: what the events cost without their deliveries.
        quiet = await self.measured(lambda: self.paced(self.plan["quiet_seconds"], rate))
        return {
            "steady": steady,
            "limit": limit,
            "quiet": quiet,
            "received": self.received,
            "heads": heads,
            "stream_failures": self.stream_failures,
        }


async def rounds(plan: dict[str, Any]) -> dict[str, Any]:
    """The cost comparison: windows of the same paced load with no stream open, on each talk
    set through one or more of the instances, in the order of `plan["schedule"]` (rounds that
    go through every configuration in turn, so that all see the machine alike). Each window
    gives its answers and the CPU time of the instances it used."""
    loads = {
        name: Load(plan | {"talks": talks, "streams": []}) for name, talks in plan["sets"].items()
    }
    first = next(iter(loads.values()))
    await first.open_pools()
    for load in loads.values():
        load.pools = first.pools
    windows = []
    for window in plan["schedule"]:
        load = loads[window["set"]]
        load.instances = window["instances"]
        pids = plan["server_pids"][: window["instances"]]
        before, began = sum(process_cpu(pid) for pid in pids), time.monotonic()
        statuses_before = Counter(load.statuses)
        await load.paced(window["seconds"], window["rate"])
        elapsed = time.monotonic() - began
        after = sum(process_cpu(pid) for pid in pids)
        answered = Counter(load.statuses)
        answered.subtract(statuses_before)
        windows.append(
            window | {"elapsed": elapsed, "cpu": after - before, "statuses": dict(answered)}
        )
    return {"windows": windows, "failures": [f for load in loads.values() for f in load.failures]}


def process_cpu(pid: int, children: bool = False) -> float:
    """CPU seconds of process `pid` (with its reaped children's, if asked); 0 once it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    ticks = int(fields[11]) + int(fields[12])
    if children:
        ticks += int(fields[13]) + int(fields[14])
    return ticks / TICKS


def database_cpu(postmaster: int) -> float:
    """Every PostgreSQL process's CPU: the live ones', and the exited backends' that the
    postmaster has collected."""
    total = process_cpu(postmaster, children=True)
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == postmaster:
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        if stat.split(" (", 1)[1].startswith("postgres)"):
            total += process_cpu(int(entry.name))
    return total


def cpu(plan: dict[str, Any]) -> dict[str, float]:
    readings = {
        "servers": sum(process_cpu(pid) for pid in plan["server_pids"]),
        "load": time.process_time(),
    }
    if plan["postmaster"]:
        readings["database"] = database_cpu(plan["postmaster"])
    return readings


def main() -> None:
    plan = json.load(sys.stdin)
    work = rounds(plan) if plan.get("mode") == "rounds" else Load(plan).run()
    try:  # uvloop (uvicorn's, as the servers use) spends less of the client's CPU
        import uvloop

        result = uvloop.run(work)
    except ImportError:
        result = asyncio.run(work)
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
