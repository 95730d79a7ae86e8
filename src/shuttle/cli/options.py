"""Options shared by several commands, and opening the record they name."""

from __future__ import annotations

from typing import Annotated

import typer

from shuttle.service import TalkService
from shuttle.store import open_store

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
TalkId = Annotated[str, typer.Argument(help="The talk's id, as `talk open` printed it.")]


def service(db: str) -> TalkService:
    """The service over the record at `db`, migrated to the current schema."""
    return TalkService(open_store(db))
