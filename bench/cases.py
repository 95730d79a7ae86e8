"""A mediator's case list as the number of other talks grows: read through the index of who
takes part where, beside the scan of every talk that listing replaced, in one run.

The mediator takes part in CASES talks; the database holds 10, then 1,000 others (each with a
few statements). `TalkService.cases` looks its talks up by name and reads only those; the scan
baseline (what `talks(as_name)` did before the index) reads every talk's opening to find them.
With the index, the time should not grow with the others; the scan's does. Each figure is the
best of ROUNDS on a fresh service (no fold cached), so it measures reading from the database.
Run with `make bench`.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from shuttle.service import TalkService
from shuttle.store import EventStore, open_store
from shuttle.talks import Delegate, Handling, OpenTalk, Say

CASES = 5
OTHERS = (10, 1_000)
ROUNDS = 3


def talk_of(mediator: str, n: int) -> OpenTalk:
    return OpenTalk(
        f"Talk {n}",
        ("North", "South"),
        (mediator,),
        (Delegate(f"North {n}", "North"), Delegate(f"South {n}", "South")),
        default_handling=Handling.MAY_CONVEY,
    )


def fill(store: EventStore, mediator: str, count: int, start: int) -> None:
    service = TalkService(store)
    for n in range(start, start + count):
        talk = service.open_talk(talk_of(mediator, n)).talk
        for line in range(3):
            service.execute(talk, Say(f"North {n}", f"line {line}"))


def indexed(service: TalkService) -> int:
    return len(service.cases("Oman"))


def scanned(service: TalkService) -> int:
    mine = 0
    for first in service.store.talks():  # every talk's opening, as the old listing read
        if "Oman" in first.document["data"]["mediators"]:
            service.view(first.talk, "Oman")
            mine += 1
    return mine


def best(store: EventStore, listing: Callable[[TalkService], int]) -> float:
    """The fastest of ROUNDS listings, each on a fresh service (nothing cached)."""
    times = []
    for _ in range(ROUNDS):
        service = TalkService(store)
        started = time.perf_counter()
        found = listing(service)
        times.append(time.perf_counter() - started)
        assert found == CASES, found
    return min(times)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(f"sqlite:///{Path(folder) / 'cases.db'}")
        fill(store, "Oman", CASES, 0)
        print(f"{'other talks':>12} {'index (ms)':>11} {'scan (ms)':>10} {'scan/index':>11}")
        made = 0
        rows = []
        for others in OTHERS:
            fill(store, "Someone Else", others - made, CASES + made)
            made = others
            index_s, scan_s = best(store, indexed), best(store, scanned)
            rows.append((others, index_s))
            ratio = scan_s / index_s
            print(f"{others:>12} {index_s * 1e3:>11.2f} {scan_s * 1e3:>10.2f} {ratio:>10.1f}x")
        (small, first), (large, last) = rows[0], rows[-1]
        print(f"index: {large} other talks cost {last / first:.2f}x what {small} did")
        store.dispose()


if __name__ == "__main__":
    main()
