"""The profile form starts empty -- a number the party did not choose would pass for its own --
says in plain words what each number means, and refuses an empty or half-filled form beside
each field it concerns, recording nothing."""

from __future__ import annotations

import re

from tests.web.pages.page_forms import forms_of
from tests.web.pages.rooms import Rooms, unisolated
from tests.web.pages.test_forms import OPTION_COUNTS


def profile_events(rooms: Rooms) -> int:
    events = rooms.us.get(f"/api/talks/{rooms.talk}").json()["events"]
    return sum(1 for e in events if e["kind"] == "profile")


def numbers_of(page: str) -> dict[str, str]:
    form = next(f for f in forms_of(page) if f.id == "profile")
    return {f.name: f.value for f in form.fields if f.tag == "input" and f.kind != "checkbox"}


def marked(text: str) -> set[str]:
    """The fields a refusal marks: each invalid and described by its error beside it."""
    return set(re.findall(r'id="profile-([a-z0-9-]+)"[^>]*aria-invalid="true"', text))


def test_the_form_starts_empty_and_says_what_each_number_means(rooms: Rooms) -> None:
    page = rooms.page(rooms.iran)
    numbers = numbers_of(page)
    # A weight per issue, a value per option, the reservation value (and the CSRF token).
    assert len(numbers) == len(OPTION_COUNTS) + sum(OPTION_COUNTS) + 1 + 1
    assert {v for k, v in numbers.items() if k != "csrf"} == {""}
    words = unisolated(page)
    assert "how much an issue matters to you compared with the other issues" in words
    assert "only the proportions count" in words
    assert "from 0 (as bad as it gets) to 1 (the best you could hope for)" in words
    assert "your bottom line, what ending without any agreement is worth to you" in words
    assert "worse for you than no deal" in words
    assert "<strong>only if you share it</strong> below; the other parties never do" in words


def test_an_empty_form_is_refused_beside_every_field_and_records_nothing(rooms: Rooms) -> None:
    before = profile_events(rooms)
    empty = rooms.post(rooms.iran, "/profile", {}, htmx=True)
    assert empty.status_code == 422
    fields = len(OPTION_COUNTS) + sum(OPTION_COUNTS) + 1
    assert f"{fields} numbers are missing or not a number" in empty.text
    assert len(marked(empty.text)) == fields
    assert empty.text.count('class="error field-error"') == fields
    assert 'aria-describedby="profile-reservation-error"' in empty.text
    assert 'id="profile-reservation-error">Missing: type a number from 0 to 1.</p>' in empty.text
    assert "Missing: type a number, 0 or more." in empty.text  # beside a weight
    without_js = rooms.post(rooms.iran, "/profile", {})
    assert without_js.status_code == 422 and "<html" in without_js.text
    assert len(marked(without_js.text)) == fields
    assert profile_events(rooms) == before


def test_a_half_filled_form_keeps_what_was_typed_and_marks_the_rest(rooms: Rooms) -> None:
    before = profile_events(rooms)
    weights = {f"weight-{i}": "1" for i in range(len(OPTION_COUNTS))}
    half = rooms.post(rooms.iran, "/profile", {**weights, "reservation": "lots"}, htmx=True)
    assert half.status_code == 422
    assert marked(half.text) == {
        *(f"value-{i}-{j}" for i, n in enumerate(OPTION_COUNTS) for j in range(n)),
        "reservation",
    }
    assert "“lots” is not a number: type a number from 0 to 1, such as 0.5." in half.text
    assert numbers_of(half.text)["weight-0"] == "1"  # kept as typed
    assert profile_events(rooms) == before
