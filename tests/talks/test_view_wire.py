"""A view's wire form reads back as the same view; a form edited by hand is refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from shuttle.service import TalkService
from shuttle.store import open_store
from shuttle.talks.view_wire import (
    VIEW_CLASSES,
    participant_from_wire,
    participant_to_wire,
    view_from_wire,
    view_to_wire,
)
from tests.documents.story import EVERYONE, tell


def test_every_view_of_every_participant_reads_back_as_itself(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'shuttle.db'}")
    service = TalkService(store)
    story = tell(service)
    kinds: set[str] = set()
    for name in EVERYONE:
        view = service.view(story.talk, name)
        assert participant_from_wire(participant_to_wire(view.participant)) == view.participant
        for seen in view.events:
            assert view_from_wire(view_to_wire(seen)) == seen
            kinds.add(type(seen).__name__)
    store.dispose()
    assert len(kinds) >= 15, sorted(set(VIEW_CLASSES) - kinds)


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"view": "NoSuchView"}, "unknown view"),
        ({"seq": "7"}, "seq"),
        ({"handling": "anyone"}, "not a Handling"),
        ({"text": None}, "text"),
        ({"extra": 1}, "fields its kind does not hold"),
    ],
)
def test_an_edited_view_is_refused_with_a_reason(change: dict[str, object], problem: str) -> None:
    wire = {
        "view": "StatementView",
        "seq": 7,
        "at": "2026-12-06T12:00:00Z",
        "kind": "said",
        "room": "Iran",
        "by": "Iranian FM",
        "text": "words",
        "handling": "mediator-only",
    }
    assert view_from_wire(wire).to_dict() == {k: v for k, v in wire.items() if k != "view"}
    with pytest.raises(ValueError, match=problem):
        view_from_wire({**wire, **change})
