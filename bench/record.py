"""Appends per second through the whole service, beside the bare store, in one run.

The service does everything a real command does -- load the talk (from its cache plus what
was appended since), decide, stamp, canonicalise, hash, insert -- where the baseline only
canonicalises, hashes and inserts pre-built documents through the same store. The ratio is what
the rules and the fold cost on top of the record.

Both record formats run side by side, in alternating rounds on one database: format 1 (each link
over the bare body) and format 2 (a fresh 32-byte salt per event, a leaf commitment and a link),
so the difference between them is the cost of salted commitments. A participant's proof of the
1,000-event talk is timed too. Run with `make bench`.
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
from shuttle.talks.conversation.commands import Convey

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


def alternating_rates(
    run: Callable[[EventStore], float], stores: dict[int, EventStore]
) -> dict[int, float]:
    """Events per second for each format, median of ROUNDS runs taken in turn, so that the
    machine's other load falls on both alike."""
    times: dict[int, list[float]] = {record_format: [] for record_format in stores}
    for _ in range(ROUNDS):
        for record_format, store in stores.items():
            times[record_format].append(run(store))
    return {f: EVENTS / statistics.median(seconds) for f, seconds in times.items()}


def cold_view(store: EventStore, talk: str) -> float:
    """Seconds for a fresh service (no cache) to fold a whole talk and filter one view."""
    started = time.perf_counter()
    TalkService(store).view(talk, "Iranian FM")
    return time.perf_counter() - started


def proof_time(store: EventStore, talk: str) -> float:
    """Seconds for a fresh service to build a delegate's proof of the whole talk."""
    started = time.perf_counter()
    TalkService(store).proof(talk, "Iranian FM")
    return time.perf_counter() - started


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.db'}"
        stores = {1: open_store(url, record_format=1), 2: open_store(url, record_format=2)}
        bare = alternating_rates(bare_appends, stores)
        ours = alternating_rates(service_commands, stores)
        talk = stores[2].talks()[-1].talk
        view_ms = 1000 * statistics.median(cold_view(stores[2], talk) for _ in range(ROUNDS))
        proof_ms = 1000 * statistics.median(proof_time(stores[2], talk) for _ in range(ROUNDS))
        for store in stores.values():
            store.dispose()
    print(f"record on SQLite, {EVENTS} appends per run, median of {ROUNDS} alternating runs")
    print("                          format 1     format 2   2 vs 1")
    print(
        f"  bare store appends      {bare[1]:8.0f} /s  {bare[2]:8.0f} /s   {bare[2] / bare[1]:.0%}"
    )
    print(
        f"  service commands        {ours[1]:8.0f} /s  {ours[2]:8.0f} /s   {ours[2] / ours[1]:.0%}"
    )
    print(f"  service vs bare (format 2): {ours[2] / bare[2]:.0%}")
    print(f"  cold view of {EVENTS} events {view_ms:6.1f} ms (fold + view_of, no cache)")
    print(f"  a delegate's proof of {EVENTS} events {proof_ms:6.1f} ms (fresh service)")


if __name__ == "__main__":
    main()
