"""Documents of a 1,000-event talk: export as PDF and JSON, and check each offline, beside the
fold and view of the same talk, in one run.

The talk: two parties' delegates and a mediator; statements in both rooms (some kept for the
mediator), carriages, notes and drafts, to 1,000 events. Each figure is the best of ROUNDS.
"fold + view" is what every page and API read pays (the record read, folded, and passed through
`view_of`); an export pays that, then draws and (for PDF) renders; a check reads the file alone.
Run with `make bench`.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from shuttle.documents import DocumentKind, Format, check_document, export_document
from shuttle.service import TalkService
from shuttle.store import EventStore, open_store
from shuttle.talks import Convey, Delegate, Draft, Handling, Mode, Note, OpenTalk, Say

EVENTS = 1_000
ROUNDS = 3
AGENDA = (("Price", tuple(str(p) for p in range(10))), ("Term", ("1y", "2y", "3y")))
MADE_AT = "2026-12-06T12:00:00.000000Z"


def build(service: TalkService) -> str:
    talk = service.open_talk(
        OpenTalk(
            "A long talk",
            ("North", "South"),
            ("Mediator",),
            (Delegate("North envoy", "North"), Delegate("South envoy", "South")),
            agenda=AGENDA,
            default_handling=Handling.MAY_CONVEY,
        )
    ).talk
    seq = 1
    n = 0
    while seq < EVENTS:
        n += 1
        north = service.execute(talk, Say("North envoy", f"North's point {n}: " + "words " * 20))
        seq = north.head.seq
        if n % 3 == 0:
            service.execute(talk, Say("South envoy", f"South's reply {n}: " + "text " * 15))
        if n % 4 == 0:
            service.execute(talk, Convey("Mediator", north.first_seq, "South", Mode.VERBATIM))
        if n % 10 == 0:
            service.execute(talk, Note("Mediator", f"note {n}"))
        if n % 25 == 0:
            service.execute(talk, Draft("Mediator", (("Price", str(n % 10)), ("Term", "2y"))))
        seq = service.view(talk, "Mediator").head_seq
    return talk


def best(work: Callable[[], object]) -> tuple[float, object]:
    times, result = [], None
    for _ in range(ROUNDS):
        start = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - start)
    return min(times) * 1000, result


def view(store: EventStore, talk: str, who: str) -> object:
    return TalkService(store).view(talk, who)  # a fresh service: nothing cached


def export(store: EventStore, talk: str, who: str, form: Format) -> bytes:
    made = export_document(
        TalkService(store), talk, who, DocumentKind.RECORD, form, made_at=MADE_AT
    )
    return made.data


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(f"sqlite:///{Path(folder) / 'bench.db'}")
        talk = build(TalkService(store))
        events = TalkService(store).view(talk, "Mediator").head_seq
        print(f"a talk of {events} events; best of {ROUNDS}, each on a fresh service (no cache)")
        print(f"{'who':<12} {'what':<20} {'ms':>9} {'x fold+view':>12} {'size':>12}")
        forms: tuple[Format, ...] = ("json", "pdf")
        for who in ("Mediator", "South envoy"):
            base, _ = best(partial(view, store, talk, who))
            print(f"{who:<12} {'fold + view':<20} {base:9.1f} {1.0:12.2f}")
            for form in forms:
                spent, data = best(partial(export, store, talk, who, form))
                assert isinstance(data, bytes)
                size = f"{len(data):,} B"
                ratio = spent / base
                print(f"{who:<12} {'export ' + form:<20} {spent:9.1f} {ratio:12.2f} {size:>12}")
                checked, _ = best(partial(check_document, data))
                ratio = checked / base
                print(f"{who:<12} {'verify-proof ' + form:<20} {checked:9.1f} {ratio:12.2f}")
        store.dispose()


if __name__ == "__main__":
    main()
