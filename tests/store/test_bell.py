"""The local bell: rings from any thread wake readers on their own event loops; nothing else."""

from __future__ import annotations

import asyncio
import dataclasses
import inspect
import threading
import time

from shuttle.store.bell import Listener, LocalBell


def ring_later(bell: LocalBell, talk: str, seq: int, delay: float = 0.05) -> threading.Thread:
    """Ring from another thread, as a command running in the web's thread pool does."""

    def ring() -> None:
        time.sleep(delay)
        bell.ring(talk, seq)

    thread = threading.Thread(target=ring)
    thread.start()
    return thread


def test_a_ring_from_another_thread_wakes_a_waiting_reader() -> None:
    bell = LocalBell()

    async def read() -> tuple[int, float]:
        listener = bell.listen("t1")
        started = time.monotonic()
        ringer = ring_later(bell, "t1", 7)
        heard = await listener.wait(0, timeout=5)
        waited = time.monotonic() - started
        listener.close()
        ringer.join()
        return heard, waited

    heard, waited = asyncio.run(read())
    assert heard == 7
    assert waited < 2, "woken by the ring, not by the timeout"


def test_readers_on_several_loops_each_hear_their_talk_only() -> None:
    bell = LocalBell()
    results: dict[str, int] = {}
    ready = threading.Barrier(3)

    def reader(name: str, talk: str) -> None:
        async def read() -> int:
            listener = bell.listen(talk)
            ready.wait()
            heard = await listener.wait(0, timeout=1)
            listener.close()
            return heard

        results[name] = asyncio.run(read())

    threads = [
        threading.Thread(target=reader, args=("a", "t1")),
        threading.Thread(target=reader, args=("b", "t1")),
    ]
    for thread in threads:
        thread.start()
    ready.wait()
    bell.ring("t2", 99)  # another talk: wakes nobody here
    bell.ring("t1", 3)
    for thread in threads:
        thread.join()
    assert results == {"a": 3, "b": 3}


def test_waiting_times_out_with_what_was_heard() -> None:
    bell = LocalBell()

    async def read() -> tuple[int, int]:
        listener = bell.listen("t1")
        bell.ring("t1", 4)
        await asyncio.sleep(0)  # the ring is handed to this loop
        first = await listener.wait(0, timeout=1)
        second = await listener.wait(first, timeout=0.05)  # nothing new: times out
        listener.close()
        return first, second

    assert asyncio.run(read()) == (4, 4)


def test_an_older_ring_does_not_move_a_reader_back() -> None:
    bell = LocalBell()

    async def read() -> int:
        listener = bell.listen("t1")
        bell.ring("t1", 9)
        bell.ring("t1", 5)  # e.g. another instance's ring arriving late
        await asyncio.sleep(0)
        heard = listener.heard
        listener.close()
        return heard

    assert asyncio.run(read()) == 9


def test_closed_listeners_are_forgotten() -> None:
    bell = LocalBell()

    async def listen_and_close() -> list[str]:
        first, second = bell.listen("t1"), bell.listen("t1")
        other = bell.listen("t2")
        assert bell.listening("t1") == 2 and sorted(bell.talks()) == ["t1", "t2"]
        first.close()
        assert bell.listening("t1") == 1
        second.close()
        other.close()
        return bell.talks()

    assert asyncio.run(listen_and_close()) == []
    assert bell.listening("t1") == 0


def test_a_reader_whose_loop_ended_is_forgotten_at_the_next_ring() -> None:
    bell = LocalBell()

    async def listen_and_leave() -> None:
        bell.listen("t1")  # never closed: its loop ends with asyncio.run

    asyncio.run(listen_and_leave())
    assert bell.listening("t1") == 1
    bell.ring("t1", 2)
    assert bell.listening("t1") == 0


def test_the_bell_carries_a_talk_and_a_number_never_content() -> None:
    assert list(inspect.signature(LocalBell.ring).parameters) == ["self", "talk", "seq"]
    # What a reader holds after a ring: its talk and the highest seq heard, nothing else.
    public = {f.name for f in dataclasses.fields(Listener) if not f.name.startswith("_")}
    assert public == {"talk", "heard"}
