"""An export: a participant's proof, with the views it was given and what drew the document.

The JSON export *is* the participant's proof (`shuttle-proof/1`: every key a proof has, so any
proof checker accepts it), plus what a document needs that a proof does not hold:

    "export": "shuttle-export/1", "document": "record" | "agreement",
    "made_at": ISO time, "software": "shuttle X", "check_at": URL or null,
    "sealed_by": the seal's subject in a sealed PDF's attachment, else null,
    "as": {name, role, party, left}, "views": [the participant's views, in record order]

The views are `view_of`'s answers, in their wire form. Those of events the proof holds whole are
checked against the bytes offline (`check`); those of events the participant sees redacted (a
delegate's view of the opening, of a carriage into its room...) are placed by commitment only,
and only the server's record can confirm them (the check page does).
"""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Any

from shuttle import __version__
from shuttle.talks import TalkView
from shuttle.talks.view_wire import participant_to_wire, view_to_wire

EXPORT_FORMAT = "shuttle-export/1"
SOFTWARE = f"shuttle {__version__}"
"""What made a document: a PDF is checked by drawing it again, which takes the same drawing."""
ATTACHMENT_NAME = "shuttle-export.json"
"""The name the export bears inside a PDF, where a checker looks for it."""


class DocumentKind(StrEnum):
    """Which document an export draws: the participant's record, or the agreement."""

    RECORD = "record"
    AGREEMENT = "agreement"


def make_export(
    view: TalkView,
    proof: dict[str, Any],
    kind: DocumentKind,
    made_at: str,
    check_at: str | None = None,
    sealed_by: str | None = None,
) -> dict[str, Any]:
    """The export of `view` (read at the same head as `proof`), stamped `made_at`; a PDF's
    says who seals it (`sealed_by`), so that its pages can say so too."""
    if proof.get("head") != view.head or proof.get("participant") != view.name:
        raise ValueError("the view and the proof were read apart")
    return {
        **{key: value for key, value in proof.items() if key != "events"},
        "export": EXPORT_FORMAT,
        "document": kind.value,
        "made_at": made_at,
        "software": SOFTWARE,
        "check_at": check_at,
        "sealed_by": sealed_by,
        "as": participant_to_wire(view.participant),
        "views": [view_to_wire(seen) for seen in view.events],
        "events": proof["events"],
    }


def export_bytes(export: dict[str, Any]) -> bytes:
    """The export as the file people keep: UTF-8 JSON, one view or event per line, so that a
    reader can look through it and a difference between two exports reads line by line."""
    lines = [
        json.dumps(
            {k: v for k, v in export.items() if k not in ("views", "events")}, ensure_ascii=False
        )[:-1]
    ]
    for key in ("views", "events"):
        items = ",\n  ".join(json.dumps(item, ensure_ascii=False) for item in export[key])
        lines.append(f', "{key}": [\n  {items}\n]')
    return ("\n".join(lines) + "}\n").encode("utf-8")
