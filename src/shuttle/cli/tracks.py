"""`shuttle process` and `shuttle track`: talks grouped as the tracks of one process, side by
side; and `shuttle carry-across`, words carried from one track into another."""

from __future__ import annotations

import hashlib
import json
import re
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from shuttle.cli.errors import reported
from shuttle.cli.options import DEFAULT_DB, EXAMPLES, As, Db, Json, TalkId, service
from shuttle.cli.render import console, print_appended, print_json
from shuttle.cli.terminal import terminal_safe
from shuttle.service import KeyReused
from shuttle.talks import Invalid, Mode, TalkView
from shuttle.tracks import carry_across, open_process, process_of, tracks_for

process_app = typer.Typer(
    help="Processes: several talks (tracks) that belong together.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
track_app = typer.Typer(
    help="Open a talk as a track of a process.", no_args_is_help=True, rich_markup_mode=None
)
ProcessId = Annotated[str, typer.Argument(help="The process's id (from `process open`).")]


@process_app.command(
    "open",
    help="Open a process and print its id; open its tracks with `shuttle track open "
    "--process ID`." + EXAMPLES + 'shuttle process open --title "Muscat, spring round"',
)
def process_open(
    title: Annotated[str, typer.Option("--title", help="The process's title.")],
    db: Db = DEFAULT_DB,
    as_json: Json = False,
) -> None:
    with reported():
        opened = open_process(service(db), title)
    if as_json:
        print_json({"process": opened.process, "title": opened.title})
        return
    typer.echo(opened.process)


@process_app.command(
    "show",
    help="A process's tracks side by side: where each stands, when it last moved and what it "
    "awaits. With --as, only the tracks NAME takes part in, as NAME sees them; without, the "
    "operator's list of every track." + EXAMPLES + "shuttle process show PROCESS --as Oman",
)
def process_show(
    process: ProcessId,
    as_name: Annotated[
        str | None, typer.Option("--as", help="Only the tracks this participant takes part in.")
    ] = None,
    db: Db = DEFAULT_DB,
    as_json: Json = False,
) -> None:
    talks = service(db)
    with reported():
        found = process_of(talks, process)
        views = None if as_name is None else tracks_for(talks, process, as_name)
    if views is None:
        summaries = [s for s in talks.talks(None) if s.talk in set(found.tracks)]
        if as_json:
            print_json(
                {
                    "process": found.process,
                    "title": found.title,
                    "tracks": [{"talk": s.talk, "title": s.title} for s in summaries],
                }
            )
            return
        console.print(Text(terminal_safe(found.title), "bold"))
        for s in summaries:
            console.print(Text(terminal_safe(f"{s.talk}  {s.title} ({', '.join(s.parties)})")))
        return
    if as_json:
        print_json(
            {
                "process": found.process,
                "title": found.title,
                "tracks": [_track_json(v) for v in views],
            }
        )
        return
    table = Table(title=terminal_safe(found.title), show_lines=False)
    for column in ("track", "title", "role", "status", "last activity", "awaits"):
        table.add_column(column)
    for view in views:
        row = _track_json(view)
        table.add_row(*(terminal_safe(str(row[k] or "")) for k in row))
    console.print(table)


def _track_json(view: TalkView) -> dict[str, object]:
    awaiting = view.awaiting()
    waits = []
    if awaiting.uncarried:
        waits.append(f"{awaiting.uncarried} to carry")
    if awaiting.to_answer:
        waits.append(f"{awaiting.answered}/{awaiting.to_answer} answers")
    if awaiting.unsigned:
        waits.append("signatures: " + ", ".join(awaiting.unsigned))
    last = view.events[-1].at if view.events else None
    return {
        "talk": view.talk,
        "title": view.title,
        "role": view.participant.role.value,
        "status": view.status.value,
        "last_activity": last,
        "awaits": "; ".join(waits) or None,
    }


CARRY_HELP = (
    "Carry a statement into another track of the same process, where you may speak too: "
    "verbatim, or in your own words if its handling allows (mediator-only never leaves its "
    "track). Both records keep the carry, each naming the other's head."
    + EXAMPLES
    + 'shuttle carry-across SOURCE --as "US Envoy" --event 4 --to-track TARGET '
    '--as-there "US Envoy" --mode verbatim'
)


def carry(
    talk: TalkId,
    actor: As,
    event: Annotated[int, typer.Option("--event", help="The statement's number in SOURCE.")],
    to_track: Annotated[str, typer.Option("--to-track", help="The track it goes into.")],
    mode: Annotated[Mode, typer.Option("--mode", help="verbatim or paraphrase.")],
    text: Annotated[str | None, typer.Argument(help="The paraphrase (omit for verbatim).")] = None,
    as_there: Annotated[
        str | None,
        typer.Option("--as-there", help="Your name in the other track (default: the same)."),
    ] = None,
    room: Annotated[
        str | None,
        typer.Option("--room", help="The room there (a delegate's default: its own)."),
    ] = None,
    key: Annotated[
        str | None,
        typer.Option(
            "--key",
            help="Makes the carry safe to run again (after a crash, say): run with the same "
            "key and arguments, it answers as the first time, and completes a carry cut off "
            "between its two records (1 to 200 visible ASCII characters; a fresh UUID does).",
        ),
    ] = None,
    db: Db = DEFAULT_DB,
    as_json: Json = False,
) -> None:
    with reported():
        there = as_there or actor
        claim = None if key is None else (_checked_key(key), _fingerprint(
            talk, actor, event, to_track, there, room, mode, text
        ))  # fmt: skip
        try:
            done = carry_across(
                service(db), talk, actor, event, to_track, there, room, mode, text, claim
            )
        except KeyReused:
            raise Invalid(
                "--key: this key was already used for another carry; give a new key"
            ) from None
    if as_json:
        print_json(
            {
                "received": {"talk": done.received.talk, "head": str(done.received.head)},
                "sent": {"talk": done.sent.talk, "head": str(done.sent.head)},
            }
        )
        return
    print_appended(done.received, False)
    print_appended(done.sent, False)


_KEY = re.compile(r"[!-~]{1,200}")


def _checked_key(key: str) -> str:
    if not _KEY.fullmatch(key):
        raise Invalid("--key: 1 to 200 visible ASCII characters, no spaces (a fresh UUID does)")
    return key


def _fingerprint(*arguments: object) -> str:
    """The carry's arguments as one digest: the same key with other arguments is refused."""
    canonical = json.dumps([str(a) if a is not None else None for a in arguments])
    return hashlib.sha256(f"carry-across\n{canonical}".encode()).hexdigest()


def register(app: typer.Typer) -> None:
    """Add `process`, `track` and `carry-across` to `app`."""
    from shuttle.cli.app import talk_open  # the same options, with --process

    track_app.command(
        "open",
        help="Open a talk as a track of a process: the options of `talk open`, with --process."
        + EXAMPLES
        + 'shuttle track open --process PROCESS --title Consultation --party "United States" '
        '--party "Saudi Arabia" --party Israel --mediator "US Envoy"',
    )(talk_open)
    app.add_typer(process_app, name="process")
    app.add_typer(track_app, name="track")
    app.command("carry-across", help=CARRY_HELP)(carry)
