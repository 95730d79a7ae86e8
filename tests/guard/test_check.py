"""The guard's verdict on a mediator's words, with the real model."""

from __future__ import annotations

import pytest

from shuttle.guard import Meaning, Protected, check

KEPT = Protected(
    4, "Iran", "We can accept a ceasefire that starts before June 30, not a day later.", "kept"
)


@pytest.fixture(scope="module")
def meaning() -> Meaning:
    model = Meaning()
    model.load()
    return model


def test_a_date_in_other_words_is_named(meaning: Meaning) -> None:
    [warning] = check(meaning, "They need the guns silent by the end of June.", [KEPT])
    assert warning.seq == 4 and warning.room == "Iran"
    [date] = [c for c in warning.close if c.what == "date"]
    assert (date.said, date.source) == ("end of June", "June 30")


def test_the_topic_without_the_secret_is_quiet(meaning: Meaning) -> None:
    assert check(meaning, "Both sides want a ceasefire. What start date works?", [KEPT]) == []
    assert check(meaning, "Lunch is at one; we resume at half past two.", [KEPT]) == []


def test_what_the_room_already_knows_warns_of_nothing(meaning: Meaning) -> None:
    words = "They mentioned June 30 again."
    assert check(meaning, words, [KEPT])
    assert check(meaning, words, [KEPT], known=["The deadline of June 30 is public."]) == []


def test_another_figure_of_the_same_kind_keeps_the_kept_one_kept(meaning: Meaning) -> None:
    limit = Protected(2, "A", "I can pay 380 euros a month for the children.", "kept")
    assert check(meaning, "His offer is 250 euros a month for the children.", [limit]) == []
    assert check(meaning, "He could go to about 380 euros a month.", [limit])


def test_a_share_in_words_is_named(meaning: Meaning) -> None:
    kept = Protected(3, "A", "We could let 42 percent of the outflow go downstream.", "kept")
    [warning] = check(meaning, "Something a little over two-fifths of it may be possible.", [kept])
    [share] = [c for c in warning.close if c.what == "number"]
    assert (share.said, share.source, share.score) == ("two-fifths", "42 percent", 0.9)


def test_closest_first(meaning: Meaning) -> None:
    other = Protected(7, "Iran", "Our enrichment limit is 3.67 percent.", "kept")
    warnings = check(meaning, "Think 3.67 %, and a start by the end of June.", [KEPT, other])
    assert [w.seq for w in warnings] == [7, 4]
    assert warnings[0].score >= warnings[1].score


def test_vectors_are_unit_length_and_kept(meaning: Meaning) -> None:
    rows = meaning.vectors(["a", "b", "a"])
    assert rows.shape == (3, 384)
    assert abs(float(rows[0] @ rows[0]) - 1.0) < 1e-4
    assert float(rows[0] @ rows[2]) == pytest.approx(1.0, abs=1e-5)
