"""`shuttle guard`: check a mediator's words for a room against what that room may not have,
without sending them. Exits 0 when nothing is close, 1 when something is (with the warnings);
a refusal (a delegate asking, an unknown room or statement) exits as any command's does."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.text import Text

from shuttle.cli.errors import reported
from shuttle.cli.options import DEFAULT_DB, EXAMPLES, As, Db, Json, TalkId, service
from shuttle.cli.render import console, print_json
from shuttle.cli.terminal import terminal_safe
from shuttle.guard import Warning
from shuttle.guarding import check_words, describe

HELP = (
    "Check a mediator's words for a room, without sending them: warns when they come close "
    "to a statement of another room that this room may not have (mediator-only, or "
    "verbatim-only and not carried word for word) -- the same figure or date, a name, a "
    "phrase, or the same meaning. Exit status 1 when there is a warning."
    + EXAMPLES
    + 'shuttle guard TALK --as Oman --to Iran "They need an answer by the end of June."\n  '
    + 'shuttle guard TALK --as Oman --to Iran --source 4 "They are open to talks." --json'
)


def guard(
    talk: TalkId,
    text: Annotated[str, typer.Argument(help="The words to check.")],
    actor: As,
    to: Annotated[str, typer.Option("--to", help="The room the words would go into.")],
    source: Annotated[
        int | None,
        typer.Option("--source", help="The statement the words carry, if they carry one."),
    ] = None,
    db: Db = DEFAULT_DB,
    as_json: Json = False,
) -> None:
    with reported():
        warnings = check_words(service(db), talk, actor, to, text, source)
    if as_json:
        print_json({"talk": talk, "room": to, "warnings": [as_dict(w) for w in warnings]})
    elif not warnings:
        console.print(Text("Nothing close to what this room may not have."))
    for warning in [] if as_json else warnings:
        console.print(Text("warning: ", "bold red").append(terminal_safe(describe(warning))))
    if warnings:
        raise SystemExit(1)  # as documented: a warning is not a failure to run


def as_dict(warning: Warning) -> dict[str, object]:
    return {
        "source": warning.seq,
        "room": warning.room,
        "why": warning.why,
        "score": round(warning.score, 3),
        "close": [
            {"what": c.what, "said": c.said, "source": c.source, "score": round(c.score, 3)}
            for c in warning.close
        ],
    }


def register(app: typer.Typer) -> None:
    """Add `guard` to `app`."""
    app.command("guard", help=HELP)(guard)
