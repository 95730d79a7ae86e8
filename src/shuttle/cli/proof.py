"""`shuttle verify-proof`: check a participant's proof offline, from the file alone.

No database is opened: the point of a proof is that its holder need not trust the operator's
machine. The file is read strictly (no NaN, no duplicate keys, bounded size and nesting), and
whatever is wrong with it is one line on stderr.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from shuttle.cli.errors import Exit, fail
from shuttle.cli.options import EXAMPLES, Json
from shuttle.cli.render import print_json
from shuttle.cli.terminal import terminal_safe
from shuttle.service import Head, ProofError, ProofReport, check_proof, parse_proof

MAX_PROOF_BYTES = 64 * 1024 * 1024
"""The largest proof read: about 600,000 events placed by commitment, or 100,000 readable ones
of ordinary length, far beyond any talk people hold; parsed, it stays within a few hundred MB."""

HELP = (
    "Check a proof (from `shuttle view --proof` or GET /api/talks/TALK/proof) offline, with no "
    "database: recompute every link from the events it holds whole and the commitments of the "
    "rest, and compare the last with its head and with a head you kept."
    + EXAMPLES
    + "shuttle view TALK --as 'Iranian FM' --proof --json > proof.json\n  "
    + "shuttle verify-proof proof.json --expect 12:3f5a..."
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
    as_json: Json = False,
) -> None:
    kept = None
    if expect is not None:
        try:
            kept = Head.parse(expect)
        except ValueError as error:
            fail(Exit.USAGE, f"invalid: --expect: {error}")
    document = read_proof(file)
    try:
        report = check_proof(document, kept)
    except ProofError as error:
        fail(Exit.REFUSED, f"proof {file} does not hold: {terminal_safe(str(error))}")
    if as_json:
        print_json(report_json(report))
        return
    typer.echo(
        f"valid up to head {report.head} of talk {terminal_safe(report.talk)}, "
        f"as {terminal_safe(report.participant)}"
        + (f", and through the kept head {kept}" if kept is not None else "")
    )
    typer.echo(f"{events(len(report.readable))} readable: {ranges(report.readable)}")
    typer.echo(f"{events(len(report.placed))} placed by commitment only: {ranges(report.placed)}")
    if report.stated_links:
        typer.echo(
            f"of which {len(report.stated_links)} in record format 1, placed by their stated "
            f"link, which binds nothing before it: {ranges(report.stated_links)}"
        )


def read_proof(file: Path) -> Any:
    """The file's JSON, or exit 2 naming the file and what is wrong with it."""
    try:
        if not file.is_file():
            fail(Exit.USAGE, f"{file}: not a file")
        # Read one byte past the limit rather than trust the size: a file may grow meanwhile.
        with file.open("rb") as opened:
            data = opened.read(MAX_PROOF_BYTES + 1)
        if len(data) > MAX_PROOF_BYTES:
            fail(
                Exit.USAGE,
                f"{file}: it is more than the {MAX_PROOF_BYTES >> 20} MiB "
                "this command reads as a proof",
            )
        text = data.decode("utf-8")
    except OSError as error:
        fail(Exit.USAGE, f"{file}: cannot read: {error.strerror or error}")
    except UnicodeDecodeError:
        fail(Exit.USAGE, f"{file}: not a proof: not UTF-8 text")
    try:
        return parse_proof(text)
    except ProofError as error:
        fail(Exit.USAGE, f"{file}: {error}")


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
