"""Appends per second through the whole service, beside the bare store, in one run.

The service does everything a real command does -- load the talk (from its cache plus what
was appended since), decide, stamp, canonicalise, hash, insert -- where the baseline only
canonicalises, hashes and inserts pre-built documents through the same store. The ratio is what
the rules and the fold cost on top of the record. Run with `make bench`.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from shuttle.service import TalkService
from shuttle.store import EventStore, Head, open_store
from shuttle.talks import Delegate, Handling, Mode, OpenTalk, Say
from shuttle.talks.commands import Convey

EVENTS = 1_000
ROUNDS = 3
MUSCAT = OpenTalk(
    "Bench",
    ("United States", "Iran"),
    ("Oman",),
    (Delegate("US Envoy", "United States"), Delegate("Iranian FM", "Iran")),
    default_handling=Handling.MAY_CONVEY,
)


def bare_appends(store: EventStore) -> float:
    """Seconds to append EVENTS documents one transaction each, straight into the store."""
    talk = f"bare-{time.perf_counter_ns()}"
    head: Head | None = None
    started = time.perf_counter()
    for seq in range(1, EVENTS + 1):
        document = {
            "talk": talk,
            "seq": seq,
            "kind": "said",
            "at": "2026-11-25T10:00:00.000000+00:00",
            "data": {"by": "US Envoy", "room": "United States", "text": f"line {seq}"},
        }
        head = store.append(talk, head, [document])[-1].head
    return time.perf_counter() - started


def service_commands(store: EventStore) -> float:
    """Seconds for EVENTS commands through the service, mixing statements and carriages."""
    service = TalkService(store)
    talk = service.open_talk(MUSCAT).talk
    started = time.perf_counter()
    for n in range(1, EVENTS):
        if n % 4 == 0:
            service.execute(talk, Convey("Oman", n, "Iran", Mode.VERBATIM))
        else:
            service.execute(talk, Say("US Envoy", f"line {n}"))
    return time.perf_counter() - started


def median_rate(run: Callable[[EventStore], float], store: EventStore) -> float:
    return EVENTS / statistics.median(run(store) for _ in range(ROUNDS))


def cold_view(store: EventStore, talk: str) -> float:
    """Seconds for a fresh service (no cache) to fold a whole talk and filter one view."""
    started = time.perf_counter()
    TalkService(store).view(talk, "Iranian FM")
    return time.perf_counter() - started


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(f"sqlite:///{Path(folder) / 'bench.db'}")
        bare = median_rate(bare_appends, store)
        ours = median_rate(service_commands, store)
        talk = store.talks()[-1].talk
        view_ms = 1000 * statistics.median(cold_view(store, talk) for _ in range(ROUNDS))
        store.dispose()
    print(f"record on SQLite, {EVENTS} appends per run, median of {ROUNDS} runs")
    print(f"  bare store appends      {bare:8.0f} /s")
    print(f"  service commands        {ours:8.0f} /s   ({ours / bare:.0%} of bare)")
    print(f"  cold view of {EVENTS} events {view_ms:6.1f} ms (fold + view_of, no cache)")


if __name__ == "__main__":
    main()
