"""The leak guard on a real record: check a mediator's words, keep its choice in the notes."""

from __future__ import annotations

from pathlib import Path

from shuttle.assembly import open_service
from shuttle.guarding import check_words, describe, note_choice
from shuttle.talks import Delegate, NoteView, OpenTalk, Say


def test_a_choice_after_a_warning_is_kept_in_the_mediators_notes_alone(tmp_path: Path) -> None:
    service = open_service(f"sqlite:///{tmp_path}/guard.db")
    talk = service.open_talk(
        OpenTalk(
            "T", ("North", "South"), ("Med",), (Delegate("N", "North"), Delegate("S", "South"))
        )
    ).talk
    service.execute(talk, Say("N", "Minister Ilse Varga is too ill to travel."))
    words = "Do not expect Ilse Varga at the signing."
    warnings = check_words(service, talk, "Med", "South", words)
    [warning] = warnings
    assert "name" in {c.what for c in warning.close}
    assert describe(warning).startswith("statement 2 in the North room (mediator-only")
    sent = service.execute(talk, Say("Med", words, room="South"))
    noted = note_choice(service, talk, "Med", "South", warnings, sent)
    [note] = noted.events
    assert isinstance(note, NoteView)
    assert "sent anyway (event 3)" in note.text and "statement 2" in note.text
    [held] = note_choice(service, talk, "Med", "South", warnings, None).events
    assert isinstance(held, NoteView) and "not sent" in held.text
    for delegate in ("N", "S"):
        assert not service.view(talk, delegate).notes
