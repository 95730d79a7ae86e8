"""Shuttle's web server under load: write throughput beside a bare endpoint, and live latency.

(a) Statements per second through the API at saturation: 32 keep-alive connections, each a
    delegate with a bearer token speaking in its own room of its own talk, against a real
    `shuttle serve` process; beside it, in the same run and on the same database, a bare
    FastAPI endpoint that validates the same body with the same Pydantic model and inserts one
    row (`_server_bare`). The two are measured in alternating rounds, so both see the same
    machine; the report gives the median of the rounds and the ratio.
(b) Live delivery latency at a fixed 100 statements per second: 200 participants hold their
    event streams (/api/talks/{talk}/events) across 20 talks (a mediator and 9 delegates each);
    each talk's mediator speaks into the parties' rooms in turn, and every participant who may
    see a statement receives it. Latency is receive time minus send time.

The load generator (`_server_load`) is a process of its own with a minimal HTTP client, and
its CPU use is reported beside the servers'. SQLite by default; `--db postgresql://...` runs
on a fresh schema of that database. Everything listens on 127.0.0.1 and stops by itself.
The table goes to stdout and `bench/results/server.md` (`server-postgresql.md` with `--db`);
progress to stderr.
Run with `make bench`, or `python bench/server.py --help`.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from _server_http import post_request
from _server_setup import (
    MEDIATOR,
    BenchTalk,
    Process,
    bare_command,
    open_talks,
    private_database,
    run_load,
    serving,
    shuttle_command,
)

RESULTS = Path(__file__).resolve().parent / "results" / "server.md"
BODY = {"text": "We could live with the second option on shipping.", "handling": "may-convey"}
THROUGHPUT_TARGET = 0.40
P99_TARGET_MS = 50.0
CPU_TARGET = 2.0


@dataclass(frozen=True)
class Round:
    rate: float
    server_cpu: float
    client_cpu: float
    statuses: dict[str, int]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", help="a PostgreSQL URL (default: a fresh SQLite file)")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--rounds", type=int, default=3, help="throughput rounds per server")
    parser.add_argument("--seconds", type=float, default=5.0, help="per throughput round")
    parser.add_argument("--rate", type=float, default=100.0, help="statements/s for latency")
    parser.add_argument("--latency-seconds", type=float, default=10.0)
    parser.add_argument("--talks", type=int, default=20)
    parser.add_argument("--participants", type=int, default=10, help="per talk")
    parser.add_argument(
        "--busy",
        type=int,
        default=0,
        help="CPU-bound processes kept running beside the servers (2: a 2-core job next door)",
    )
    parser.add_argument("--no-write", action="store_true", help="do not write the results file")
    options = parser.parse_args(argv)

    with private_database(options.db) as url, tempfile.TemporaryDirectory() as logs:
        progress("opening talks and issuing tokens")
        writers = open_talks(url, options.connections, 2)
        rooms = open_talks(url, options.talks, options.participants)
        with (
            serving(shuttle_command(url), "/api/health", Path(logs) / "shuttle.log") as shuttle,
            serving(bare_command(url), "/health", Path(logs) / "bare.log") as bare,
            busy_neighbours(options.busy),
        ):
            shuttle_rounds, bare_rounds = [], []
            for number in range(options.rounds):
                progress(f"throughput round {number + 1} of {options.rounds}")
                shuttle_rounds.append(throughput(shuttle, shuttle_requests(writers), options))
                bare_rounds.append(throughput(bare, bare_requests(options.connections), options))
            streams = len(rooms) * options.participants
            progress(f"latency: {options.rate:g} statements/s to {streams} streams")
            latency = live_latency(shuttle, rooms, options)
    table = report(shuttle_rounds, bare_rounds, latency, options)
    print(table)
    if not options.no_write:
        name = "server.md" if options.db is None else "server-postgresql.md"
        if options.busy:
            name = name.replace(".md", f"-busy{options.busy}.md")
        results = RESULTS.with_name(name)
        results.parent.mkdir(exist_ok=True)
        results.write_text(table + "\n")
    return 0


@contextmanager
def busy_neighbours(count: int) -> Iterator[None]:
    """`count` processes spinning on a core each for as long as the block runs: the other job
    a shared machine has (both servers see it, in alternating rounds alike)."""
    spinners = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(count)]
    try:
        yield
    finally:
        for spinner in spinners:
            spinner.kill()
            spinner.wait()


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def shuttle_requests(writers: list[BenchTalk]) -> list[str]:
    """One request per connection: the first delegate of Alpha speaking in its talk."""
    requests = []
    for writer in writers:
        speaker = writer.rooms["Alpha"][0]
        headers = {"Authorization": f"Bearer {writer.tokens[speaker]}"}
        raw = post_request(f"/api/talks/{writer.talk}/statements", BODY, headers)
        requests.append(raw.decode("latin-1"))
    return requests


def bare_requests(connections: int) -> list[str]:
    return [post_request("/statements", BODY, {}).decode("latin-1")] * connections


def throughput(server: Process, requests: list[str], options: argparse.Namespace) -> Round:
    plan = {
        "mode": "throughput",
        "port": server.port,
        "requests": requests,
        "warmup": 1.0,
        "seconds": options.seconds,
    }
    before = server.cpu_seconds()
    result = run_load(plan)
    # The server's CPU over the whole run (warm-up included), per second of it.
    server_cpu = (server.cpu_seconds() - before) / (options.seconds + 1.0)
    return Round(
        result["ok"] / result["seconds"], server_cpu, result["client_cpu"], result["statuses"]
    )


def live_latency(
    server: Process, rooms: list[BenchTalk], options: argparse.Namespace
) -> dict[str, Any]:
    streams = [
        (f"/api/talks/{room.talk}/events", token)
        for room in rooms
        for token in room.tokens.values()
    ]
    talks = [
        {
            "path": f"/api/talks/{room.talk}/statements",
            "token": room.tokens[MEDIATOR],
            "rooms": list(room.rooms),
            # Who sees a statement in a party's room: its delegates and the mediator.
            "audience": [len(names) + 1 for names in room.rooms.values()],
        }
        for room in rooms
    ]
    plan = {
        "mode": "latency",
        "port": server.port,
        "streams": streams,
        "talks": talks,
        "rate": options.rate,
        "seconds": options.latency_seconds,
        "drain": 3.0,
    }
    before = server.cpu_seconds()
    result = run_load(plan)
    result["server_cpu"] = (server.cpu_seconds() - before) / (options.latency_seconds + 3.0)
    result["streams"] = len(streams)
    return result


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def report(
    shuttle: list[Round], bare: list[Round], latency: dict[str, Any], options: argparse.Namespace
) -> str:
    backend = "PostgreSQL" if options.db else "SQLite"
    shuttle_rate = statistics.median(r.rate for r in shuttle)
    bare_rate = statistics.median(r.rate for r in bare)
    ratio = shuttle_rate / bare_rate
    ms = [s * 1000 for s in latency["latencies"]]
    p50, p99 = percentile(ms, 0.50), percentile(ms, 0.99)
    received, expected = len(ms), latency["expected"]

    def cpu(rounds: list[Round]) -> str:
        server = statistics.median(r.server_cpu for r in rounds)
        client = statistics.median(r.client_cpu for r in rounds)
        return f"server {server:.2f}, client {client:.2f}"

    def cpu_per_statement(rounds: list[Round]) -> float:
        """Milliseconds of server CPU per statement: cores in use over statements per second,
        per round, the median (steadier than throughput when other jobs share the cores)."""
        return statistics.median(1000 * r.server_cpu / r.rate for r in rounds if r.rate)

    shuttle_ms, bare_ms = cpu_per_statement(shuttle), cpu_per_statement(bare)
    cpu_ratio = shuttle_ms / bare_ms

    def errors(rounds: list[Round]) -> int:
        return sum(n for r in rounds for s, n in r.statuses.items() if not s.startswith("2"))

    lines = [
        f"## Server benchmark ({backend}, one `shuttle serve` process, 2-core machine"
        + (f", {options.busy} busy processes beside it)" if options.busy else ")"),
        "",
        "| measure | Shuttle | bare FastAPI + insert | result | target |",
        "| --- | ---: | ---: | ---: | --- |",
        f"| statements/s, {options.connections} connections (median of {options.rounds} "
        f"rounds of {options.seconds:g} s) | {shuttle_rate:,.0f} | {bare_rate:,.0f} | "
        f"**{ratio:.0%}** of bare | ≥ {THROUGHPUT_TARGET:.0%} "
        f"{'met' if ratio >= THROUGHPUT_TARGET else 'missed'} |",
        f"| CPU cores in use (median) | {cpu(shuttle)} | {cpu(bare)} | | |",
        f"| server CPU per statement (median) | {shuttle_ms:.2f} ms | {bare_ms:.2f} ms | "
        f"**{cpu_ratio:.2f}x** bare | ≤ {CPU_TARGET:g}x "
        f"{'met' if cpu_ratio <= CPU_TARGET else 'missed'} |",
        f"| live delivery at {options.rate:g} statements/s to {latency['streams']} streams, "
        f"{options.talks} talks ({latency['statements']} statements) | p50 {p50:.1f} ms, "
        f"p99 {p99:.1f} ms, max {max(ms, default=0):.1f} ms | | **p99 {p99:.1f} ms** | "
        f"< {P99_TARGET_MS:g} ms {'met' if p99 < P99_TARGET_MS else 'missed'} |",
        f"| deliveries received / expected | {received:,} / {expected:,} | | | all |",
        f"| CPU cores in use during delivery | server {latency['server_cpu']:.2f}, "
        f"client {latency['client_cpu']:.2f} | | | |",
        "",
        f"Non-2xx answers: Shuttle {errors(shuttle)}, bare {errors(bare)}, "
        f"latency posts {sum(n for s, n in latency['statuses'].items() if not s.startswith('2'))}; "
        f"the latency client's worst lag behind its schedule: {latency['max_lag'] * 1000:.1f} ms.",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
