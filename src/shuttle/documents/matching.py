"""Whether a checked document is this server's record: the check page's one question.

The answer is yes -- at the document's head, and whether the record has moved on since -- or
no, the same no for a document of another talk, of someone not in it, of a head the record
never had, or of views the record does not give: a visitor learns nothing it did not bring.
"""

from __future__ import annotations

from dataclasses import dataclass

from shuttle.documents.files import Checked
from shuttle.service import Head, TalkService
from shuttle.talks import NotFound
from shuttle.talks.view_wire import view_to_wire


@dataclass(frozen=True)
class RecordMatch:
    """The document is this record's, as it stood at `head`; `moved_on`: it has more since."""

    head: Head
    moved_on: bool


def match_record(service: TalkService, checked: Checked) -> RecordMatch | None:
    """The match of a document already checked offline, or None for any mismatch."""
    proof = checked.proof
    try:
        found = service.view_as_of(proof.head, proof.talk, proof.participant)
    except NotFound:
        return None
    if found is None:
        return None
    view, current = found
    export = checked.export
    if export is not None:
        # Offline, only the views of readable events are held to the record; here all are,
        # the redacted ones included.
        given = export.view
        if given.participant != view.participant:
            return None
        if [view_to_wire(s) for s in given.events] != [view_to_wire(s) for s in view.events]:
            return None
    return RecordMatch(proof.head, current != proof.head)
