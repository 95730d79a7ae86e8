"""Two OS processes racing to append to one talk: no seq is lost or duplicated."""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor

from shuttle.store import EventStore

from .workers import append_one_at_a_time

PER_WRITER = 40
TALK = "contested"


def test_two_processes_appending_to_one_talk(database_url: str, store: EventStore) -> None:
    context = multiprocessing.get_context("spawn")
    with (
        context.Manager() as manager,
        ProcessPoolExecutor(max_workers=2, mp_context=context) as pool,
    ):
        # Both writers start together so that they really race for the same seqs.
        start = manager.Barrier(2)
        futures = [
            pool.submit(append_one_at_a_time, database_url, TALK, writer, PER_WRITER, start)
            for writer in ("left", "right")
        ]
        retries = [future.result(timeout=120) for future in futures]

    events = store.load(TALK)
    assert [event.seq for event in events] == list(range(1, 2 * PER_WRITER + 1))
    writers = [event.document["writer"] for event in events]
    assert writers.count("left") == writers.count("right") == PER_WRITER
    # Each writer's own events appear in the order it wrote them.
    for writer in ("left", "right"):
        numbers = [e.document["n"] for e in events if e.document["writer"] == writer]
        assert numbers == list(range(PER_WRITER))
    report = store.verify()
    assert report.ok, report.failures
    assert report.events_checked == 2 * PER_WRITER
    print(f"retries after ConcurrentAppend: {retries}")
