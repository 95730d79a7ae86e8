"""Checking an export offline: its proof, and that its views are the record's own words.

A proof alone establishes the events it holds whole and places the others by commitment. An
export adds the participant's views; this module holds each view of a readable event to that
event's bytes, value by value, and requires a view of every readable event, so that nothing the
record says can be changed, added or left out of the document without the check naming it.
Views of events the participant sees redacted cannot be held to bytes it does not have: they
are counted apart (`shown_redacted`), and the server's check page confirms them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from shuttle.documents.export import EXPORT_FORMAT, DocumentKind
from shuttle.service import Head, ProofError, ProofReport, check_proof
from shuttle.talks import BidOpenedView, Seen, TalkView
from shuttle.talks.view_wire import participant_from_wire, view_from_wire
from shuttle.talks.visibility import BID_NOTICE


@dataclass(frozen=True)
class ExportReport:
    """What a valid export establishes, and the participant's view it holds."""

    proof: ProofReport
    kind: DocumentKind
    made_at: str
    check_at: str | None
    sealed_by: str | None
    software: str
    view: TalkView
    shown_redacted: list[int]
    """Seqs placed by commitment whose redacted view the document shows as the server gave it."""


def is_export(document: object) -> bool:
    return isinstance(document, Mapping) and "export" in document


def check_export(document: object, expect: Head | None = None) -> ExportReport:
    """Check an export document (already parsed JSON); ProofError names what does not hold."""
    report = check_proof(document, expect)
    assert isinstance(document, Mapping)
    if document.get("export") != EXPORT_FORMAT:
        raise ProofError(f"not an export: its 'export' field is not {EXPORT_FORMAT!r}")
    try:
        kind = DocumentKind(str(document.get("document")))
    except ValueError:
        raise ProofError("its 'document' must be 'record' or 'agreement'") from None
    made_at, check_at = document.get("made_at"), document.get("check_at")
    sealed_by, software = document.get("sealed_by"), document.get("software")
    if not isinstance(made_at, str) or not isinstance(check_at, str | None):
        raise ProofError("its 'made_at' must be text, and its 'check_at' text or null")
    if not isinstance(sealed_by, str | None) or not isinstance(software, str):
        raise ProofError("its 'sealed_by' must be text or null, and its 'software' text")
    try:
        participant = participant_from_wire(document.get("as"))
    except ValueError as error:
        raise ProofError(f"its 'as': {error}") from None
    if participant.name != report.participant:
        raise ProofError(
            f"it is made out to {participant.name!r} but its proof is {report.participant!r}'s"
        )
    seen = _views(document.get("views"), report.head.seq)
    shown_redacted = _hold_to_record(seen, report)
    view = TalkView.of(report.talk, participant, str(report.head), report.head.seq, seen)
    return ExportReport(report, kind, made_at, check_at, sealed_by, software, view, shown_redacted)


def _views(items: object, head_seq: int) -> list[Seen]:
    if not isinstance(items, list):
        raise ProofError("its 'views' must be a list")
    seen: list[Seen] = []
    for index, item in enumerate(items, start=1):
        try:
            one = view_from_wire(item)
        except ValueError as error:
            raise ProofError(f"view {index}: {error}") from None
        if (seen and one.seq <= seen[-1].seq) or not 1 <= one.seq <= head_seq:
            raise ProofError(f"view {index}: event {one.seq} is out of order or past the head")
        seen.append(one)
    return seen


def _hold_to_record(seen: list[Seen], report: ProofReport) -> list[int]:
    """Hold every view of a readable event to its bytes; the seqs of the others."""
    readable, placed = set(report.readable), set(report.placed)
    shown = {one.seq for one in seen}
    missing = sorted(readable - shown)
    if missing:
        raise ProofError(
            f"event {missing[0]} is in its proof, readable, but the document leaves it out"
        )
    redacted: list[int] = []
    for one in seen:
        if one.seq in readable:
            problem = _difference(one, report.documents[one.seq])
            if problem is not None:
                raise ProofError(f"event {one.seq} ({one.kind}): {problem}")
        elif one.seq in placed:
            redacted.append(one.seq)
    return redacted


def _difference(seen: Seen, body: Mapping[str, Any]) -> str | None:
    """How the view differs from the event's recorded bytes, or None if it shows them."""
    if body.get("kind") != seen.kind:
        return f"the document calls it {seen.kind!r}, the record {body.get('kind')!r}"
    if body.get("at") != seen.at:
        return f"the document dates it {seen.at}, the record {body.get('at')}"
    shown = seen.to_dict()
    data = body.get("data", {})
    for key, value in data.items():
        if shown.get(key) != value:
            return (
                f"its {key!r} in the document is {_short(shown.get(key))}, "
                f"in the record {_short(value)}"
            )
    for key, value in shown.items():
        # What the view adds to the data is only what follows from it: nothing (None), a
        # carriage's room (the room it went to), or a blind bid's notice (its rule's).
        derived = (
            value is None
            or (key == "room" and value == data.get("to_room"))
            or (
                isinstance(seen, BidOpenedView)
                and key == "notice"
                and value == BID_NOTICE[seen.rule]
            )
        )
        if key not in data and key not in ("seq", "at", "kind") and not derived:
            return f"the document adds {key!r} ({_short(value)}), which the record does not hold"
    return None


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:79] + "…"
