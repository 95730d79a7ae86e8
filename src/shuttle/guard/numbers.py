"""Numbers as a statement says them, in digits or in words, English or French, with what
they count: a percentage, a sum of money, a length of time, or a bare quantity.

"3.67 %", "3,67 pour cent" and "3.67 percent" are one number; so are "2 million",
"two million", "2,000,000" and "deux millions". Only the value and what it counts are kept:
whether a paraphrase carries a party's figure is a question of value, not of spelling.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from shuttle.guard.cues import approximates
from shuttle.guard.words import Token, tokens

# Words that stand for a number, in the two languages the guard reads.
_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12, "half": 0.5,
    "zéro": 0, "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "sept": 7,
    "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14,
    "quinze": 15, "seize": 16, "vingt": 20, "vingts": 20, "trente": 30, "quarante": 40,
    "cinquante": 50, "soixante": 60, "douzaine": 12, "moitié": 0.5, "demi": 0.5,
}  # fmt: skip
_SCALES = {
    "hundred": 100, "thousand": 1_000, "million": 1e6, "millions": 1e6, "billion": 1e9,
    "billions": 1e9, "cent": 100, "cents": 100, "mille": 1_000, "milliard": 1e9,
    "milliards": 1e9, "k": 1_000, "m": 1e6, "mn": 1e6, "bn": 1e9, "md": 1e9,
}  # fmt: skip
_SHORT_SCALES = {"k", "m", "mn", "bn", "md"}
# "A couple of million" is two million to a reader, and "a few" is not a figure at all.
_COUPLE = {"couple", "pair", "paire"}

_PERCENT = {"%", "percent", "pourcent", "pct"}
_PER = {"per", "pour"}  # "per cent", "pour cent"
_MONEY_WORDS = {
    "$", "€", "£", "¥", "usd", "eur", "gbp", "chf", "dollar", "dollars", "euro", "euros",
    "pound", "pounds", "sterling", "livre", "livres", "franc", "francs", "rial", "rials",
}  # fmt: skip
# Lengths of time are compared in days, so that "eight weeks" meets "a couple of months".
_DAYS = {
    "day": 1, "week": 7, "fortnight": 14, "month": 30.4, "year": 365, "weekend": 7, "night": 1,
    "hour": 1 / 24,
}  # fmt: skip
_RATE = {"a", "an", "per", "par", "each", "every", "chaque", "le", "la", "by"}
_DECADES = {"decade", "decades", "décennie", "décennies"}
_DURATIONS = {
    "day": "day", "days": "day", "jour": "day", "jours": "day", "week": "week",
    "weeks": "week", "semaine": "week", "semaines": "week", "month": "month",
    "months": "month", "mois": "month", "year": "year", "years": "year", "an": "year",
    "ans": "year", "année": "year", "années": "year", "hour": "hour", "hours": "hour",
    "heure": "hour", "heures": "hour", "weekend": "weekend", "weekends": "weekend",
    "night": "night", "nights": "night", "nuit": "night", "nuits": "night",
    "fortnight": "fortnight", "fortnights": "fortnight",
}  # fmt: skip
_DIGITS = re.compile(r"^\d+(?:[.,]\d+)*$")
# "Two-fifths of the outflow", "a third of the staff", "trois quarts des postes": a share,
# read as a percentage.
_FRACTIONS = {
    "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fifth": 5, "fifths": 5,
    "tenth": 10, "tenths": 10, "tiers": 3, "quart": 4, "quarts": 4, "cinquième": 5,
    "cinquièmes": 5, "dixième": 10, "dixièmes": 10,
}  # fmt: skip
_ARTICLES = {"a", "an", "one", "un", "une"}
_OF = {"of", "de", "des", "du", "d"}
_AND_A_HALF = (("and", "a", "half"), ("et", "demi"), ("et", "demie"))


ROUNDED_REACH = 0.15
"""How far a figure said as rounded may be from a party's and still aim at it (a share of the
larger): "the better part of two thousand" for 1,750."""


@dataclass(frozen=True)
class Quantity:
    """A number a statement says, and what it counts ("percent", "money", "day", ...,
    or "" for a bare number)."""

    value: float
    counts: str
    said: str  # the words that said it, for the warning
    span: tuple[int, int]
    rounded: bool = False  # the words say the figure is rounded ("around", "just under")

    @property
    def specific(self) -> bool:
        """Whether the figure is one words rarely share by chance: a fraction (9.5) or a large
        amount (9.5 million, 40,000), not a small whole count that frames many statements."""
        return self.value != int(self.value) or abs(self.value) >= 10_000

    def close_to(self, other: Quantity) -> float:
        """How near this figure, said in a mediator's words, comes to `other`, a party's:
        1 for the same value counting the same thing; 0.9 within a tenth of it when the words
        say they round it ("just under four percent" for 3.67 %); 0.6 within a tenth without
        saying so (another figure on the same scale, which may be public); 0.8 for the same
        bare whole number, which may only frame the secret ("five nights out of every
        fourteen"), unless it is `specific`;
        else 0."""
        if self.counts != other.counts and "" not in (self.counts, other.counts):
            return 0.0
        if self.value == other.value:
            return 1.0 if self.counts or other.counts or self.specific else 0.8
        big = max(abs(self.value), abs(other.value))
        near = abs(self.value - other.value)
        # Words that say they round ("north of six hundred", "the better part of two
        # thousand") aim at a figure: near enough, even with what it counts left unsaid.
        if self.rounded and near <= ROUNDED_REACH * big:
            return 0.9
        # Bare counts are compared exactly: "12 workers" is not "13 workers" given away.
        if self.counts and other.counts and near <= 0.1 * big:
            return 0.6
        return 0.0


def quantities(text: str) -> list[Quantity]:
    """Every number `text` says that could be a party's figure: amounts, percentages,
    durations, and bare numbers from 10 up (smaller bare numbers -- "two sides", "one more
    round" -- are everywhere and give nothing away). Dates are read apart (`dates`)."""
    found: list[Quantity] = []
    words = tokens(text)
    i = 0
    while i < len(words):
        if words[i].lower in _DECADES and i > 0 and words[i - 1].lower in ("a", "one", "une"):
            span = (words[i - 1].start, words[i].end)
            found.append(Quantity(10 * _DAYS["year"], "time", text[span[0] : span[1]], span))
        share = _share_at(words, i)
        if share is not None:
            value, end = share
            span = (words[i].start, words[end - 1].end)
            rounded = approximates(text, span[0], span[1])
            found.append(Quantity(value, "percent", text[span[0] : span[1]], span, rounded))
            i = end
            continue
        read = _number_at(words, i)
        if read is None:
            i += 1
            continue
        value, end = read
        counts, end = _what_it_counts(words, i, end)
        if counts in _DAYS:
            value, end = _and_a_half(words, end, value)
            value, counts = value * _DAYS[counts], "time"
        span = (words[i].start, words[end - 1].end)
        if counts or value >= 10 or value != int(value):
            said = text[span[0] : span[1]]
            rounded = approximates(text, span[0], span[1])
            found.append(Quantity(value, counts, said, span, rounded))
        i = end
    return found


def _share_at(words: list[Token], i: int) -> tuple[float, int] | None:
    """A share said as a fraction of something ("two-fifths of", "a third of", "trois quarts
    des"), as a percentage, and the index after the fraction; None if none starts here."""
    if i + 2 >= len(words) or words[i + 1].lower not in _FRACTIONS:
        return None
    if words[i + 2].lower not in _OF:
        return None
    word = words[i].lower
    count = 1.0 if word in _ARTICLES else _UNITS.get(word)
    if count is None or count < 1 or count != int(count):
        return None
    return 100 * count / _FRACTIONS[words[i + 1].lower], i + 2


def _and_a_half(words: list[Token], end: int, value: float) -> tuple[float, int]:
    """`value` with a half more when "and a half" ("et demie") follows a length of time: "a
    week and a half" is ten and a half days."""
    said = _half_after(words, end)
    return (value + 0.5, end + said) if said else (value, end)


def _half_after(words: list[Token], end: int) -> int:
    """How many words from `end` say "and a half" ("et demi(e)"); 0 if they do not."""
    for shape in _AND_A_HALF:
        if tuple(w.lower for w in words[end : end + len(shape)]) == shape:
            return len(shape)
    return 0


def _number_at(words: list[Token], i: int) -> tuple[float, int] | None:
    """The number starting at word `i` (digits, words, or digits then a scale word), and the
    index after it; None if none starts there."""
    word = words[i].lower
    following = words[i + 1].lower if i + 1 < len(words) else ""
    if word == "half" and following in ("a", "an") and i + 2 < len(words):
        scale = words[i + 2].lower
        if scale in _SCALES and scale not in _SHORT_SCALES:
            return 0.5 * _SCALES[scale], i + 3  # "half a million"
    if word in _ARTICLES and following in ("fortnight", "fortnights"):
        return 1, i + 1  # "a fortnight": one, counting what follows
    # "a week and a half", "une semaine et demie": one, counting what follows, only when a
    # half follows (a bare "a week" is everywhere).
    if word in _ARTICLES and following in _DURATIONS and _half_after(words, i + 2):
        return 1, i + 1
    if word in ("a", "an", "one") and i + 2 < len(words) and words[i + 1].lower in _COUPLE:
        j = i + 2 + (words[i + 2].lower in ("of", "de"))
        if j < len(words) and words[j].lower in _SCALES and words[j].lower not in _SHORT_SCALES:
            return 2 * _SCALES[words[j].lower], j + 1
        if j < len(words) and words[j].lower in _DURATIONS:
            return 2, j  # "a couple of months": two, counting what follows
        return None
    if _DIGITS.match(word):
        value = _digits_value(word)
        if value is None:
            return None
        j = i + 1
        # "2 million", "2m", "2bn": a short scale counts only glued to its digits ("2 m" may
        # be metres).
        if (
            j < len(words)
            and words[j].lower in _SCALES
            and (words[j].glued or words[j].lower not in _SHORT_SCALES)
        ):
            value *= _SCALES[words[j].lower]
            j += 1
        return value, j
    return _number_words(words, i)


def _digits_value(word: str) -> float | None:
    """ "2,000,000" and "2.000.000" are two million; "3,67" and "3.67" are 3.67: a separator
    followed by exactly three digits, more than once or before another separator, groups
    thousands."""
    parts = re.split(r"[.,]", word)
    if len(parts) == 1:
        return float(parts[0])
    if all(len(p) == 3 for p in parts[1:]) and (len(parts) > 2 or word[-4] == ","):
        return float("".join(parts))
    if len(parts) == 2:
        return float(f"{parts[0]}.{parts[1]}")
    return None


def _number_words(words: list[Token], i: int) -> tuple[float, int] | None:
    total = 0.0
    current = 0.0
    j = i
    seen = False
    while j < len(words):
        word = words[j].lower
        after_and = j > i and words[j - 1].lower in ("and", "et")
        if word in _UNITS and not (word in ("un", "une", "one") and seen and not after_and):
            current += _UNITS[word]
        elif word in _SCALES and seen and word not in _SHORT_SCALES and word != "cents":
            scale = _SCALES[word]
            if scale >= 1_000:
                total += max(current, 1) * scale
                current = 0
            else:
                current = max(current, 1) * scale
        elif word in ("and", "et") and seen and j + 1 < len(words) and words[j + 1].lower in _UNITS:
            pass
        elif word == "odd" and seen:
            pass  # "eighty-odd thousand": rounded (see `approximates`), still eighty thousand
        elif (
            word in ("and", "et")
            and seen
            and j + 2 < len(words)
            and words[j + 1].lower in ("a", "an", "demi", "demie")
        ):
            # "seven and a half", "one and a half thousand", "trois et demi"
            if words[j + 1].lower in ("demi", "demie"):
                current += 0.5
                j += 2
                continue
            if words[j + 2].lower == "half":
                current += 0.5
                j += 3
                continue
            break
        else:
            break
        seen = True
        j += 1
    if not seen:
        return None
    # "One" or "un" alone is an article far more often than a figure.
    if j == i + 1 and words[i].lower in ("one", "un", "une", "half", "demi", "moitié"):
        return None
    return total + current, j


def _what_it_counts(words: list[Token], start: int, end: int) -> tuple[str, int]:
    """What the number ending before `end` counts, read from the words around it, and the
    index after the words that said so."""
    before = words[start - 1].lower if start > 0 else ""
    after = words[end].lower if end < len(words) else ""
    if after in _PERCENT:
        return "percent", end + 1
    if after in _PER and end + 1 < len(words) and words[end + 1].lower in ("cent", "cents"):
        return "percent", end + 2
    if before in _MONEY_WORDS:
        return "money", end
    if after in _MONEY_WORDS:
        return "money", end + 1
    if after in ("de", "d", "of") and end + 1 < len(words) and words[end + 1].lower in _MONEY_WORDS:
        return "money", end + 2
    if after in _DURATIONS:
        return _DURATIONS[after], end + 1
    # "four rest days", "three more weeks": one word may stand between a number and its time.
    if (
        end + 1 < len(words)
        and words[end + 1].lower in _DURATIONS
        and after not in _RATE  # "1,500 a month" is a sum each month, not a length of time
    ):
        return _DURATIONS[words[end + 1].lower], end + 2
    return "", end
