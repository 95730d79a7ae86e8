"""Dates read as a month and a day or a part of the month, in English and French."""

from __future__ import annotations

import pytest

from shuttle.guard.dates import dates


def read(text: str) -> list[tuple[int, int | None, str | None]]:
    return [(d.month, d.day, d.part) for d in dates(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("before June 30", [(6, 30, None)]),
        ("the 30th of June", [(6, 30, None)]),
        ("30/6", [(6, 30, None)]),
        ("on 30.06.2027", [(6, 30, None)]),
        ("2027-06-30", [(6, 30, None)]),
        ("le 30 juin au plus tard", [(6, 30, None)]),
        ("le 1er juillet", [(7, 1, None)]),
        ("by the end of June", [(6, None, "end")]),
        ("fin juin", [(6, None, "end")]),
        ("before July", [(6, None, "end")]),
        ("mi-juillet", [(7, None, "middle")]),
        ("early May", [(5, None, "start")]),
    ],
)
def test_a_date_is_its_month_and_day_or_part(
    text: str, expected: list[tuple[int, int | None, str | None]]
) -> None:
    assert read(text) == expected


def test_words_that_are_also_months_need_a_day_or_a_place() -> None:
    assert read("May we talk about it?") == []
    assert read("3.12 percent") == []


def test_closeness_of_dates() -> None:
    [secret] = dates("June 30")
    assert dates("30/6")[0].close_to(secret) == 1.0
    assert dates("the end of June")[0].close_to(secret) == 0.9
    assert dates("sometime in June")[0].close_to(secret) == 0.6
    assert dates("early June")[0].close_to(secret) == 0.0
    assert dates("July 30")[0].close_to(secret) == 0.0
