"""Options shared by several commands, and opening the record they name."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from shuttle.assembly import open_service
from shuttle.cli.errors import Exit, fail
from shuttle.engine import Scenario, ScenarioError, load_scenario
from shuttle.service import CACHE_EVENTS, TalkService

if TYPE_CHECKING:
    from shuttle.documents import Seal

DEFAULT_DB = "sqlite:///shuttle.db"

EXAMPLES = "\n\n\b\nExample:\n  "
"""Ends a command's help and starts its example; \b keeps the example's line breaks."""

Db = Annotated[
    str,
    typer.Option(
        "--db",
        envvar="SHUTTLE_DB",
        help="Database URL (else $SHUTTLE_DB, else sqlite:///shuttle.db here).",
        show_default=False,
    ),
]
As = Annotated[
    str,
    typer.Option(
        "--as",
        help="Who acts. Trusted here: whoever can open the database can read everything.",
    ),
]
Json = Annotated[bool, typer.Option("--json", help="Print one JSON object for programs.")]
ScenarioPath = Annotated[
    Path,
    typer.Argument(
        help="A YAML file, or a folder of Genius XML or GeniusWeb JSON files.",
        metavar="PATH",
        show_default=False,
    ),
]
TalkId = Annotated[str, typer.Argument(help="The talk's id, as `talk open` printed it.")]
TermSpecs = Annotated[
    list[str] | None,
    typer.Option(
        "--term",
        help='An option of an issue, "ISSUE=OPTION": one for every issue on the agenda.',
        metavar="ISSUE=OPTION",
    ),
]
Clauses = Annotated[
    list[str] | None,
    typer.Option("--clause", help="A clause of the text, in words (repeatable).", metavar="TEXT"),
]


def pairs(specs: list[str] | None, flag: str) -> tuple[tuple[str, str], ...]:
    """("ISSUE", "OPTION") pairs from "ISSUE=OPTION" specs as typed; the rules check them."""
    found: list[tuple[str, str]] = []
    for spec in specs or []:
        issue, sep, option = spec.partition("=")
        if not sep or not issue.strip() or not option.strip():
            fail(Exit.USAGE, f'invalid: {flag} {spec!r} must be "ISSUE=OPTION"')
        found.append((issue, option))
    return tuple(found)


def service(db: str, cache_events: int = CACHE_EVENTS) -> TalkService:
    """The service over the record at `db`, migrated to the current schema."""
    return open_service(db, cache_events)


def scenario_at(path: Path) -> Scenario:
    """The scenario at `path`, or exit: 3 when nothing is there, 2 when it cannot be read."""
    if not path.exists():
        fail(Exit.NOT_FOUND, f"not found: {path}")
    try:
        return load_scenario(path)
    except ScenarioError as error:
        fail(Exit.USAGE, f"invalid scenario: {error}")
    except (RecursionError, MemoryError):
        # The readers' limits (engine/formats/limits.py) keep any file far from both; should
        # one still get through, it is refused like any bad file, never with a traceback.
        fail(Exit.USAGE, f"invalid scenario: {path}: too large or too deeply nested to read")


def load_seal(cert: Path | None, key: Path | None) -> Seal | None:
    """The seal `--seal-cert` and `--seal-key` name (None without them); exit 2, in a
    sentence, if it cannot be loaded. Documents are imported only when a seal is asked for:
    pyHanko costs every command's start a third of a second."""
    if cert is None and key is None:
        return None
    if cert is None or key is None:
        fail(Exit.USAGE, "invalid: a seal needs both --seal-cert FILE and --seal-key FILE")
    from shuttle.documents import Seal, SealError

    try:
        return Seal.load(cert, key)
    except SealError as error:
        fail(Exit.USAGE, f"invalid: the seal cannot be loaded: {error}")
