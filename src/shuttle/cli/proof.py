"""`shuttle verify-proof`: check a document or a participant's proof offline, from the file
alone.

No database is opened: the point of a proof is that its holder need not trust the operator's
machine. The file is read strictly (no NaN, no duplicate keys, bounded size and nesting), and
whatever is wrong with it is one line on stderr.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from shuttle.cli.errors import Exit, fail
from shuttle.cli.options import EXAMPLES, Json
from shuttle.cli.render import print_json
from shuttle.cli.terminal import terminal_safe
from shuttle.service import Head, ProofError, ProofReport

if TYPE_CHECKING:
    from shuttle.documents import Checked

MAX_PROOF_BYTES = 64 * 1024 * 1024
"""The largest proof read: about 600,000 events placed by commitment, or 100,000 readable ones
of ordinary length, far beyond any talk people hold; parsed, it stays within a few hundred MB."""

HELP = (
    "Check a document (a PDF or JSON from `shuttle export`, or a download button) or a proof "
    "(from `shuttle view --proof`) offline, with no database: recompute every link from the "
    "events it holds whole and the commitments of the rest, compare the last with its head and "
    "with a head you kept, hold every view in it to the record's bytes, and for a PDF, draw its "
    "pages again from its attached proof and its seal, if any."
    + EXAMPLES
    + "shuttle export TALK --as 'Iranian FM' --format pdf --out iran.pdf\n  "
    + "shuttle verify-proof iran.pdf --expect 12:3f5a..."
)


def register(app: typer.Typer) -> None:
    """Add `verify-proof` to `app`."""
    app.command("verify-proof", help=HELP)(verify_proof)


def verify_proof(
    file: Annotated[Path, typer.Argument(help="The proof, a JSON file.", show_default=False)],
    expect: Annotated[
        str | None,
        typer.Option("--expect", help="SEQ:HASH, a head you kept: the proof must reach it."),
    ] = None,
    trust: Annotated[
        list[Path] | None,
        typer.Option(
            "--trust",
            help="A certificate (PEM or DER) you trust to seal documents, such as your "
            "server operator's (repeatable): its seal then says 'trusted'.",
        ),
    ] = None,
    as_json: Json = False,
) -> None:
    kept = None
    if expect is not None:
        try:
            kept = Head.parse(expect)
        except ValueError as error:
            fail(Exit.USAGE, f"invalid: --expect: {error}")
    # Documents draw PDFs and read seals: imported when asked, not at every command's start.
    from shuttle.documents import Unreadable, check_document, summary

    data = read_file(file)
    roots = [read_file(path) for path in trust or []]
    try:
        checked = check_document(data, kept, roots)
    except Unreadable as error:
        fail(Exit.USAGE, f"{file}: {terminal_safe(str(error))}")
    except ProofError as error:
        what = "document" if data.startswith(b"%PDF-") or b'"export"' in data[:4096] else "proof"
        fail(Exit.REFUSED, f"{what} {file} does not hold: {terminal_safe(str(error))}")
    report = checked.proof
    if as_json:
        print_json({**report_json(report), **summary(checked)})
        return
    typer.echo(
        f"valid up to head {report.head} of talk {terminal_safe(report.talk)}, "
        f"as {terminal_safe(report.participant)}"
        + (f", and through the kept head {kept}" if kept is not None else "")
    )
    typer.echo(f"{events(len(report.readable))} readable: {ranges(report.readable)}")
    typer.echo(f"{events(len(report.placed))} placed by commitment only: {ranges(report.placed)}")
    if checked.export is not None:
        _say_document(checked)
    if report.stated_links:
        typer.echo(
            f"of which {len(report.stated_links)} in record format 1, placed by their stated "
            f"link, which binds nothing before it: {ranges(report.stated_links)}"
        )


def _say_document(checked: Checked) -> None:
    export = checked.export
    assert export is not None
    typer.echo(
        f"the {export.kind.value} as {terminal_safe(export.view.name)} saw it, made "
        f"{terminal_safe(export.made_at)}"
        + (": its pages say exactly what its proof says" if checked.format == "pdf" else "")
    )
    redacted = export.shown_redacted
    if redacted:
        where = f" ({terminal_safe(export.check_at)})" if export.check_at else ""
        one = len(redacted) == 1
        them, their, commitment = (
            ("it", "its", "commitment") if one else ("them", "their", "commitments")
        )
        typer.echo(
            f"{events(len(redacted))} shown redacted, as the server gave {them} "
            f"({ranges(redacted)}): this file alone cannot check {their} words, because its "
            f"proof holds only {their} {commitment}; the server's check page{where} can"
        )
    if checked.format == "pdf":
        seal = checked.seal
        if seal is None:
            typer.echo("not sealed: the server that made it had no seal")
        else:
            trust = "trusted here" if seal.trusted else "not trusted here: see --trust"
            typer.echo(
                f"sealed by {terminal_safe(seal.signer)} (its certificate {trust}); the seal holds"
            )


def read_file(file: Path) -> bytes:
    """The file's bytes, or exit 2 naming the file and what is wrong with it."""
    try:
        if not file.is_file():
            fail(Exit.USAGE, f"{file}: not a file")
        # Read one byte past the limit rather than trust the size: a file may grow meanwhile.
        with file.open("rb") as opened:
            data = opened.read(MAX_PROOF_BYTES + 1)
    except OSError as error:
        fail(Exit.USAGE, f"{file}: cannot read: {error.strerror or error}")
    if len(data) > MAX_PROOF_BYTES:
        fail(
            Exit.USAGE,
            f"{file}: it is more than the {MAX_PROOF_BYTES >> 20} MiB this command reads",
        )
    return data


def report_json(report: ProofReport) -> dict[str, Any]:
    return {
        "ok": True,
        "talk": report.talk,
        "participant": report.participant,
        "head": str(report.head),
        "readable": report.readable,
        "placed": report.placed,
        "stated_links": report.stated_links,
    }


def events(count: int) -> str:
    return f"{count} event" if count == 1 else f"{count} events"


def ranges(seqs: list[int]) -> str:
    """1, 2, 3, 5, 7, 8 as "1-3, 5, 7-8"."""
    if not seqs:
        return "none"
    parts: list[str] = []
    start = previous = seqs[0]
    for seq in [*seqs[1:], None]:
        if seq is not None and seq == previous + 1:
            previous = seq
            continue
        parts.append(str(start) if start == previous else f"{start}-{previous}")
        if seq is not None:
            start = previous = seq
    return ", ".join(parts)
