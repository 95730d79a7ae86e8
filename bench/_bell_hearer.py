"""A hearing instance for `bench/bell.py`: a `PostgresBell` as `shuttle serve` fits it, with
live listeners on some talks, counting what it hears until its stdin closes.

Reads the plan (one JSON line) on stdin, prints "listening" once it listens, and at the end
prints what it heard (JSON): the rings, the distinct ones, and each ring's delay in
microseconds (the ring's seq is the time it was rung on the shared monotonic clock).
"""

from __future__ import annotations

import asyncio
import json
import sys
import time

from shuttle.store import open_store
from shuttle.store.pg_bell import PostgresBell


async def hear(plan: dict[str, object]) -> dict[str, object]:
    store = open_store(str(plan["url"]))
    bell = PostgresBell(store)
    delays: list[int] = []
    rings: set[tuple[str, int]] = set()

    def heard(talk: str, seq: int) -> None:
        delays.append(int(time.monotonic() * 1e6) - seq)
        rings.add((talk, seq))

    bell.on_heard(heard)
    # Listeners as live streams would hold them: on one talk in ten, on this event loop.
    watched = int(str(plan["watched"]))
    listeners = [bell.listen(f"talk-{n:05d}") for n in range(0, watched * 10, 10)]
    bell.start()
    print("listening", flush=True)
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
    bell.close()
    for listener in listeners:
        listener.close()
    store.dispose()
    return {"heard": len(delays), "distinct": len(rings), "delays": delays}


def main() -> None:
    plan = json.loads(sys.stdin.readline())
    json.dump(asyncio.run(hear(plan)), sys.stdout)


if __name__ == "__main__":
    main()
