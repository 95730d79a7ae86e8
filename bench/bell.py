"""The bell between server instances (PostgreSQL LISTEN/NOTIFY) at 10,000 talks.

Every append rings "talk:seq" once through the database, and every instance hears every ring,
whatever talk it is for. This measures what that costs, apart from everything else: a ringing
process rings a `PostgresBell` for 10,000 talks in turn at a fixed rate, as the instances'
appends would; `--instances` hearing processes (each a `PostgresBell`, as `shuttle serve`
fits, with live listeners on one talk in ten, as streams would be) hear them. Reported: rings
heard per second by each instance, the CPU time per ring of the ringing process, of each
hearing process and of the database, the time from ring to heard (p50, p99) and rings lost.

The ring's seq carries the time it was rung (microseconds on the machine's monotonic clock,
which every process shares), so that a hearing process can tell the delay.

Needs PostgreSQL, as `bench/scale.py` does. The table goes to stdout and
`bench/results/bell.md`. Run with `make bench`, or `python bench/bell.py --help`.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from collections.abc import Sequence
from typing import Any

from _scale_load import database_cpu, process_cpu
from _server_setup import BENCH, private_database
from scale import DEFAULT_DB, database_answers, percentile, postmaster_pid

from shuttle.store import open_store
from shuttle.store.pg_bell import PostgresBell

RESULTS = BENCH / "results" / "bell.md"
HEARER = BENCH / "_bell_hearer.py"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default=os.environ.get("SHUTTLE_BENCH_PG", DEFAULT_DB))
    parser.add_argument("--talks", type=int, default=10_000)
    parser.add_argument("--rate", type=float, default=1_000.0, help="rings per second")
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--instances", type=int, default=2, help="hearing processes")
    parser.add_argument("--no-write", action="store_true", help="do not write the results file")
    options = parser.parse_args(argv)
    if not database_answers(options.db):
        print(f"(no PostgreSQL at {options.db}: the bell benchmark needs one; skipped)")
        return 0
    with private_database(options.db) as url:
        open_store(url).dispose()  # migrated once, before the hearers open it
        postmaster = postmaster_pid(url)
        plan = {"url": url, "talks": options.talks, "watched": options.talks // 10}
        hearers = [
            subprocess.Popen(
                [sys.executable, str(HEARER)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
            )
            for _ in range(options.instances)
        ]
        for hearer in hearers:
            assert hearer.stdin is not None and hearer.stdout is not None
            hearer.stdin.write(json.dumps(plan) + "\n")
            hearer.stdin.flush()
            hearer.stdout.readline()  # "listening"
        ringing = ring(url, options, postmaster, [h.pid for h in hearers])
        heard = []
        for hearer in hearers:
            assert hearer.stdin is not None and hearer.stdout is not None
            hearer.stdin.close()  # done: each reports what it heard
            heard.append(json.loads(hearer.stdout.read()))
            hearer.wait(timeout=60)
    table = report(options, ringing, heard)
    print(table)
    if not options.no_write:
        RESULTS.parent.mkdir(exist_ok=True)
        RESULTS.write_text(table + "\n")
    return 0


def ring(
    url: str, options: argparse.Namespace, postmaster: int | None, hearers: list[int]
) -> dict[str, Any]:
    """Ring the talks in turn at the rate asked, and what that cost everyone."""
    store = open_store(url)
    bell = PostgresBell(store)
    bell.start()
    count = int(options.rate * options.seconds)
    before = cpus(postmaster, hearers)
    started = time.monotonic()
    for number in range(count):
        due = started + number / options.rate
        pause = due - time.monotonic()
        if pause > 0:
            time.sleep(pause)
        bell.ring(f"talk-{number % options.talks:05d}", int(time.monotonic() * 1e6))
    bell.close()  # sends what is pending
    time.sleep(2.0)  # the last rings reach the hearers
    after = cpus(postmaster, hearers)
    elapsed = time.monotonic() - started
    store.dispose()
    return {
        "rings": count,
        "seconds": elapsed,
        "cpu": {key: after[key] - before[key] for key in after},
    }


def cpus(postmaster: int | None, hearers: list[int]) -> dict[str, float]:
    readings = {"ringing": time.process_time()}
    readings |= {f"hearer {n}": process_cpu(pid) for n, pid in enumerate(hearers, start=1)}
    if postmaster is not None:
        readings["database"] = database_cpu(postmaster)
    return readings


def report(
    options: argparse.Namespace, ringing: dict[str, Any], heard: list[dict[str, Any]]
) -> str:
    rings = ringing["rings"]
    cpu = ringing["cpu"]
    lines = [
        f"## The bell at {options.talks:,} talks ({options.instances} hearing instances, "
        "PostgreSQL, 2-core machine)",
        "",
        f"{rings:,} rings at {options.rate:,.0f}/s for {options.seconds:g} s, over "
        f"{options.talks:,} talks in turn; each hearing instance has live listeners on one talk "
        "in ten. CPU is microseconds per ring.",
        "",
        "| process | rings heard | lost | ring to heard p50 / p99 | CPU per ring |",
        "| --- | ---: | ---: | ---: | ---: |",
        f"| ringing (the appending instance's sender) | | | | "
        f"{1e6 * cpu['ringing'] / rings:.0f} µs |",
    ]
    for number, hearer in enumerate(heard, start=1):
        delays = [d / 1000 for d in hearer["delays"]]
        lines.append(
            f"| hearer {number} | {hearer['heard']:,} | {rings - hearer['distinct']:,} | "
            f"{percentile(delays, 0.5):.1f} / {percentile(delays, 0.99):.1f} ms | "
            f"{1e6 * cpu[f'hearer {number}'] / rings:.0f} µs |"
        )
    if "database" in cpu:
        lines.append(f"| database | | | | {1e6 * cpu['database'] / rings:.0f} µs |")
    lines += [
        "",
        f"Run over {ringing['seconds']:.1f} s. A hearer's cost does not depend on how many "
        "talks there are: it parses every ring and looks its talk up among its listeners.",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
