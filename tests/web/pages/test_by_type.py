"""Templates and the live stream ask a view what it is by its class, never by its kind's name."""

from __future__ import annotations

import re
from typing import get_args

from shuttle.talks import (
    CarriedInView,
    DraftView,
    Handling,
    Mode,
    NoteView,
    Seen,
    StatementView,
)
from shuttle.web.pages.page_view import Region, region_of
from shuttle.web.pages.render import VIEW_TESTS, templates

SAID = StatementView(
    seq=3,
    at="2024-05-01T00:00:00Z",
    by="US head",
    room="US",
    text="Hi",
    handling=Handling.MAY_CONVEY,
)
CARRIED = CarriedInView(
    seq=4,
    at="2024-05-01T00:00:01Z",
    by="Oman",
    room="Iran",
    text="Hi",
    mode=Mode.VERBATIM,
    from_room="US",
)


def test_every_view_class_has_one_template_test() -> None:
    assert sorted(VIEW_TESTS.values(), key=str) == sorted(get_args(Seen), key=str)
    assert (VIEW_TESTS["statement"], VIEW_TESTS["carried_in"], VIEW_TESTS["draft"]) == (
        StatementView,
        CarriedInView,
        DraftView,
    )


def test_a_template_tells_views_apart_by_type_and_prints_their_enums() -> None:
    template = templates.from_string(
        "{% if s is statement %}said {{ s.handling }}{% elif s is carried_in %}carried "
        "{{ s.mode }}{% endif %}"
    )
    assert template.render(s=SAID) == "said may-convey"
    assert template.render(s=CARRIED) == "carried verbatim"


def test_each_event_concerns_one_region_of_the_page() -> None:
    note = NoteView(seq=5, at="2024-05-01T00:00:02Z", by="Oman", text="later")
    assert [region_of(s) for s in (SAID, CARRIED, note)] == [
        Region.CONVERSATION,
        Region.CONVERSATION,
        Region.NOTES,
    ]


def test_the_record_on_a_page_describes_every_kind_of_view() -> None:
    """A view the record's description does not name would be shown by its bare kind: adding
    a kind of event means saying, in `parts/describe.html`, how a page reads it."""
    assert templates.loader is not None
    source, _, _ = templates.loader.get_source(templates, "parts/describe.html")
    named = set(re.findall(r"\bs is ([a-z_]+)", source))
    assert set(VIEW_TESTS) <= named, sorted(set(VIEW_TESTS) - named)
