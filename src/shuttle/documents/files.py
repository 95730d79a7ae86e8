"""Documents as files: made from the service, checked from the file alone.

A JSON export is checked as it is (`check.check_export`). A PDF carries its export as an
attached file: the check reads that attachment, checks it, draws the document again from it,
and requires the PDF to be exactly that drawing -- sealed or not -- so that a change to what the
pages say, to the attachment, or to any other byte fails, and the failure names what differs.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from shuttle.documents.blocks import Document
from shuttle.documents.check import ExportReport, check_export, is_export
from shuttle.documents.drawn import NoAgreement, Stamp, agreement_document, record_document
from shuttle.documents.export import (
    ATTACHMENT_NAME,
    SOFTWARE,
    DocumentKind,
    export_bytes,
    make_export,
)
from shuttle.documents.pdf import Attachment, render_pdf
from shuttle.documents.pdf_read import DocumentError, attachments_of, first_difference
from shuttle.documents.seal import Seal, SealError, SealReport, seal_pdf, unseal
from shuttle.service import Head, ProofError, ProofReport, TalkService, check_proof, parse_proof
from shuttle.talks import TalkView

Format = Literal["pdf", "json"]
MEDIA_TYPES: dict[str, str] = {"pdf": "application/pdf", "json": "application/json"}


class Unreadable(ProofError):
    """The file is no document at all: not a PDF, not UTF-8 JSON, or a PDF that cannot be read."""


@dataclass(frozen=True)
class Made:
    """A document made for someone: its bytes, a file name, and its media type."""

    data: bytes
    filename: str
    media_type: str


@dataclass(frozen=True)
class Checked:
    """What a valid file establishes: its proof; its export and view unless it is a bare
    proof; and its seal, if it is a sealed PDF."""

    format: Format
    proof: ProofReport
    export: ExportReport | None
    seal: SealReport | None = None


def drawing(
    view: TalkView,
    kind: DocumentKind,
    made_at: str,
    check_at: str | None,
    sealed_by: str | None = None,
) -> Document:
    """The document of `kind` for `view` (NoAgreement if an agreement is asked too early)."""
    stamp = Stamp(made_at, check_at, sealed_by)
    if kind is DocumentKind.AGREEMENT:
        return agreement_document(view, stamp)
    return record_document(view, stamp)


def export_document(
    service: TalkService,
    talk: str,
    as_name: str,
    kind: DocumentKind,
    form: Format,
    *,
    made_at: str,
    check_at: str | None = None,
    seal: Seal | None = None,
) -> Made:
    """`as_name`'s document of `kind`, as a PDF or JSON; NotFound for someone not in the talk,
    NoAgreement for an agreement before there is one."""
    view, proof = service.proven_view(talk, as_name)
    sealed_by = seal.subject if seal is not None and form == "pdf" else None
    drawn = drawing(view, kind, made_at, check_at, sealed_by)  # refuses an early agreement
    data = export_bytes(make_export(view, proof, kind, made_at, check_at, sealed_by))
    if form == "pdf":
        data = _pdf(drawn, data)
        if seal is not None:
            data = seal_pdf(data, seal)
    name = f"{_slug(view.title)}-{kind.value}-{_slug(view.name)}-{view.head_seq}.{form}"
    return Made(data, name, MEDIA_TYPES[form])


def _pdf(drawn: Document, export: bytes) -> bytes:
    attached = Attachment(ATTACHMENT_NAME, export, "The participant's proof and views")
    return render_pdf(drawn, [attached])


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()[:40] or "talk"


def check_document(data: bytes, expect: Head | None = None, trust: Sequence[bytes] = ()) -> Checked:
    """Check a PDF or JSON document offline; ProofError names what does not hold. `trust`:
    certificates (PEM or DER) whose seal the checker trusts, such as its operator's."""
    if data.startswith(b"%PDF-"):
        return _check_pdf(data, expect, trust)
    try:
        document = parse_proof(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise Unreadable("not a document: neither a PDF nor UTF-8 JSON") from None
    except ProofError as error:
        raise Unreadable(str(error)) from None
    if not is_export(document):
        return Checked("json", check_proof(document, expect), None)
    report = check_export(document, expect)
    return Checked("json", report.proof, report)


def _check_pdf(data: bytes, expect: Head | None, trust: Sequence[bytes]) -> Checked:
    try:
        sealed = unseal(data, trust_roots=trust)
    except SealError as error:
        raise ProofError(f"its seal does not hold: {error}") from None
    original, seal = (data, None) if sealed is None else sealed
    try:
        attached = attachments_of(original).get(ATTACHMENT_NAME)
    except DocumentError as error:
        raise Unreadable(str(error)) from None
    if attached is None:
        raise ProofError(f"this PDF has no attached {ATTACHMENT_NAME}: it is not a document")
    try:
        document: Any = parse_proof(attached.decode("utf-8"))
    except UnicodeDecodeError:
        raise ProofError(f"its attached {ATTACHMENT_NAME} is not UTF-8 text") from None
    report = check_export(document, expect)
    signer = None if seal is None else seal.signer
    if report.sealed_by != signer:
        said = (
            "says it is not sealed"
            if report.sealed_by is None
            else (f"says it is sealed by {report.sealed_by}")
        )
        found = "no seal" if signer is None else f"a seal by {signer}"
        raise ProofError(f"it {said}, but carries {found}")
    redrawn = _pdf(_redraw(report), attached)
    try:
        problem = first_difference(original, redrawn)
    except DocumentError as error:  # pages too broken to read: they are not the drawing
        problem = f"its pages cannot be read ({error})"
    if problem is not None:
        if report.software != SOFTWARE:
            # Another version may draw the same pages differently: say so, not "forged".
            problem += (
                f" (it was made by {report.software} and this is {SOFTWARE}, which may draw "
                "the same document differently: check it with that version, or on the "
                "server's check page)"
            )
        raise ProofError(f"the PDF does not say what its proof says: {problem}")
    return Checked("pdf", report.proof, report, seal)


def _redraw(report: ExportReport) -> Document:
    try:
        return drawing(report.view, report.kind, report.made_at, report.check_at, report.sealed_by)
    except NoAgreement as error:
        raise ProofError(f"its attachment draws no {report.kind.value}: {error}") from None


def summary(checked: Checked) -> dict[str, Any]:
    """What a check found, as plain data (for --json and the API)."""
    proof, export = checked.proof, checked.export
    return {
        "ok": True,
        "format": checked.format,
        "talk": proof.talk,
        "participant": proof.participant,
        "head": str(proof.head),
        "readable": proof.readable,
        "placed": proof.placed,
        "document": None if export is None else export.kind.value,
        "made_at": None if export is None else export.made_at,
        "shown_redacted": [] if export is None else export.shown_redacted,
        "sealed": checked.seal is not None,
        "seal": None if checked.seal is None else json.loads(json.dumps(checked.seal.__dict__)),
    }
