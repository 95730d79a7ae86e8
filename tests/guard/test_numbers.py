"""Figures read as their value and what they count, however a statement spells them."""

from __future__ import annotations

import pytest

from shuttle.guard.numbers import quantities


def read(text: str) -> list[tuple[float, str]]:
    return [(round(q.value, 2), q.counts) for q in quantities(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Our bottom line is 3.67 percent.", [(3.67, "percent")]),
        ("3,67 %", [(3.67, "percent")]),
        ("trois virgule", []),
        ("3.67 per cent", [(3.67, "percent")]),
        ("3,67 pour cent", [(3.67, "percent")]),
        ("2,000,000 dollars", [(2_000_000, "money")]),
        ("1 200 000 €", [(1_200_000, "money")]),
        ("deux millions d'euros", [(2_000_000, "money")]),
        ("a couple of million euros", [(2_000_000, "money")]),
        ("$1.5bn", [(1_500_000_000, "money")]),
        ("twenty-five thousand", [(25_000, "")]),
        ("seven and a half percent", [(7.5, "percent")]),
        ("vingt et un", [(21, "")]),
        ("quarante-cinq jours", [(45, "time")]),
        ("eight weeks", [(56, "time")]),
        ("a couple of months", [(60.8, "time")]),
        ("around a decade", [(3650, "time")]),
        ("four rest days", [(4, "time")]),
        ("two-fifths of the outflow", [(40, "percent")]),
        ("a third of the staff", [(33.33, "percent")]),
        ("trois quarts des postes", [(75, "percent")]),
        ("just under half a million euros", [(500_000, "money")]),
        ("eighty-odd thousand", [(80_000, "")]),
        ("a week and a half", [(10.5, "time")]),
        ("une semaine et demie", [(10.5, "time")]),
        ("within a fortnight", [(14, "time")]),
    ],
)
def test_a_figure_is_its_value_and_what_it_counts(
    text: str, expected: list[tuple[float, str]]
) -> None:
    assert read(text) == expected


def test_small_bare_numbers_and_articles_are_not_figures() -> None:
    # "Two sides" and "one more round" are everywhere and give nothing away.
    assert read("The two sides want one more round.") == []
    assert read("We met 12 delegates") == [(12, "")]


def test_a_sum_each_month_is_not_a_length_of_time() -> None:
    assert read("one and a half thousand a month") == [(1500, "")]


def test_rounding_words_are_noticed() -> None:
    [rounded] = quantities("just under four percent")
    [plain] = quantities("four percent")
    assert rounded.rounded and not plain.rounded


def test_a_share_needs_what_it_is_a_share_of() -> None:
    # "A third" alone is an ordinal or a round of talks; "a week" alone is everywhere.
    assert read("a third round") == []
    assert read("a third") == []
    assert read("in a week") == []


def test_rounding_words_before_after_and_within() -> None:
    for text in (
        "north of six hundred",
        "the better part of two thousand",
        "twenty or so",
        "eighty-odd thousand",
        "un peu sous les douze euros",
        "pas loin de 40 %",
    ):
        [figure] = quantities(text)
        assert figure.rounded, text


def test_a_rounded_figure_aims_at_a_kept_one_even_without_what_it_counts() -> None:
    [kept] = quantities("£640 a month")
    [north] = quantities("somewhere north of six hundred a month")
    [plain] = quantities("six hundred a month")
    [far] = quantities("around four hundred")
    assert north.close_to(kept) == 0.9
    assert plain.close_to(kept) == 0.0
    assert far.close_to(kept) == 0.0
    [ceiling] = quantities("1,750 peacekeepers")
    [better] = quantities("the better part of two thousand")
    assert better.close_to(ceiling) == 0.9


def test_closeness_exact_rounded_and_other() -> None:
    [secret] = quantities("3.67 percent")
    [same] = quantities("3,67 %")
    [rounded] = quantities("just under four percent")
    [unrounded] = quantities("four percent")
    [money] = quantities("3.67 euros")
    assert same.close_to(secret) == 1.0
    assert rounded.close_to(secret) == 0.9
    assert unrounded.close_to(secret) == 0.6
    assert money.close_to(secret) == 0.0
    [bare] = quantities("fourteen")
    assert bare.close_to(quantities("14")[0]) == 0.8


def test_a_specific_bare_figure_shared_exactly_gives_itself_away() -> None:
    # A fraction or a large amount is rarely said by chance, even with nothing counted.
    [kept] = quantities("Our ceiling is 9.5 million.")
    [said] = quantities("perhaps up to 9.5 million")
    assert said.close_to(kept) == 1.0
    [large] = quantities("40,000")
    assert large.close_to(quantities("forty thousand")[0]) == 1.0
