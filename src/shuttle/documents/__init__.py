"""Documents people take away: the agreement and each participant's record, as PDF and JSON,
each carrying its own proof, checkable offline (`check_document`) and against the server's
record (`match_record`).

Drawn from the participant's view alone (`view_of` decides what is in it) and from its proof
(format 2), so a document never holds a byte its participant may not see.
"""

from __future__ import annotations

from shuttle.documents.blocks import Document
from shuttle.documents.drawn import NoAgreement
from shuttle.documents.export import DocumentKind
from shuttle.documents.files import (
    MEDIA_TYPES,
    Checked,
    Format,
    Made,
    Unreadable,
    check_document,
    drawing,
    export_document,
    summary,
)
from shuttle.documents.matching import RecordMatch, match_record
from shuttle.documents.seal import Seal, SealError

__all__ = [
    "MEDIA_TYPES",
    "Checked",
    "Document",
    "DocumentKind",
    "Format",
    "Made",
    "NoAgreement",
    "RecordMatch",
    "Seal",
    "SealError",
    "Unreadable",
    "check_document",
    "drawing",
    "export_document",
    "match_record",
    "summary",
]
