"""`shuttle export`: a participant's record, or the agreement, as a PDF or JSON file.

The file holds exactly what the participant may see, stamped with the head it was made at and
carrying its own proof: `shuttle verify-proof FILE` checks it later with no database.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from shuttle.cli.errors import Exit, fail, reported
from shuttle.cli.options import DEFAULT_DB, EXAMPLES, As, Db, TalkId, load_seal, service
from shuttle.cli.terminal import terminal_safe
from shuttle.service import utc_now

if TYPE_CHECKING:
    pass

HELP = (
    "Write a participant's record of the talk (or, with --document agreement, the agreement) as "
    "a PDF for people or JSON for programs. It holds only what that participant may see, is "
    "stamped with the record's head, and carries its proof: `shuttle verify-proof FILE` checks "
    "it offline."
    + EXAMPLES
    + "shuttle export TALK --as 'Iranian FM' --format pdf --out iran.pdf\n  "
    + "shuttle export TALK --as 'US Envoy' --document agreement --format pdf"
)


class FileFormat(StrEnum):
    PDF = "pdf"
    JSON = "json"


class Kind(StrEnum):
    """Which document (the same values as `shuttle.documents.DocumentKind`, which is imported
    only when a document is made)."""

    RECORD = "record"
    AGREEMENT = "agreement"


def register(app: typer.Typer) -> None:
    """Add `export` to `app`."""
    app.command("export", help=HELP)(export)


def export(
    talk: TalkId,
    actor: As,
    form: Annotated[
        FileFormat, typer.Option("--format", help="pdf (for people) or json (for programs).")
    ] = FileFormat.PDF,
    document: Annotated[
        Kind,
        typer.Option("--document", help="record (all you may see) or agreement."),
    ] = Kind.RECORD,
    out: Annotated[
        Path | None,
        typer.Option("--out", help="The file to write (else a name made from the talk's)."),
    ] = None,
    check_at: Annotated[
        str | None,
        typer.Option("--check-at", help="The server's check page, printed in the document."),
    ] = None,
    seal_cert: Annotated[
        Path | None, typer.Option("--seal-cert", help="Seal PDFs with this certificate (PEM).")
    ] = None,
    seal_key: Annotated[
        Path | None, typer.Option("--seal-key", help="The seal certificate's private key.")
    ] = None,
    db: Db = DEFAULT_DB,
) -> None:
    from shuttle.documents import DocumentKind, export_document

    seal = load_seal(seal_cert, seal_key)
    with reported():
        made = export_document(
            service(db),
            talk,
            actor,
            DocumentKind(document.value),
            "pdf" if form is FileFormat.PDF else "json",
            made_at=utc_now(),
            check_at=check_at,
            seal=seal,
        )
    target = out or Path(made.filename)
    try:
        target.write_bytes(made.data)
    except OSError as error:
        fail(Exit.USAGE, f"{target}: cannot write: {error.strerror or error}")
    typer.echo(f"wrote {terminal_safe(str(target))} ({len(made.data):,} bytes)")
