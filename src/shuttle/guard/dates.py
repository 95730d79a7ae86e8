"""Dates as a statement says them, English or French, reduced to a month and, where said, a
day or the part of the month: "June 30", "30/6", "30 juin" and "the 30th of June" are one
date, and "the end of June", "fin juin" and "before July" all fall on it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from shuttle.guard.words import Token, tokens

MONTHS = {
    "january": 1, "jan": 1, "janvier": 1, "february": 2, "feb": 2, "février": 2, "fevrier": 2,
    "march": 3, "mar": 3, "mars": 3, "april": 4, "apr": 4, "avril": 4, "may": 5, "mai": 5,
    "june": 6, "jun": 6, "juin": 6, "july": 7, "jul": 7, "juillet": 7, "august": 8,
    "aug": 8, "août": 8, "aout": 8, "september": 9, "sep": 9, "sept": 9, "septembre": 9,
    "october": 10, "oct": 10, "octobre": 10, "november": 11, "nov": 11, "novembre": 11,
    "december": 12, "dec": 12, "décembre": 12, "decembre": 12,
}  # fmt: skip
# Words that place a date in a part of its month, and words that mean "by the start of".
_END = {"end", "late", "fin", "finish", "close"}
_START = {"early", "beginning", "start", "début", "debut", "first"}
_MIDDLE = {"mid", "middle", "mi", "milieu", "mi-"}
_BEFORE = {"before", "avant", "by"}
_PART = {
    **dict.fromkeys(_END, "end"),
    **dict.fromkeys(_START, "start"),
    **dict.fromkeys(_MIDDLE, "middle"),
    **dict.fromkeys(_BEFORE, "before"),
}
_BETWEEN_DAY_AND_MONTH = {"of", "th", "st", "nd", "rd", "er", "e", "the"}
# "30/6" or "30/06/2027"; with dots only when a year follows ("3.12" is a number).
_NUMERIC = re.compile(r"\b(\d{1,2})/(\d{1,2})(?:/\d{2,4})?\b|\b(\d{1,2})\.(\d{1,2})\.\d{4}\b")
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


@dataclass(frozen=True)
class Date:
    """A day of a month, or a part of it ("start", "middle", "end"), or the whole month."""

    month: int
    day: int | None
    part: str | None
    said: str
    span: tuple[int, int]  # where the text says it

    @property
    def days(self) -> range:
        """The days of the month this date may mean."""
        if self.day is not None:
            return range(self.day, self.day + 1)
        return {"start": range(1, 11), "middle": range(10, 21), "end": range(20, 32)}.get(
            self.part or "", range(1, 32)
        )

    def close_to(self, other: Date) -> float:
        """1 for the same day; 0.9 when one falls in the other's part of the same month (June
        30 and "the end of June"); 0.6 for the same month said without a day on either side;
        else 0."""
        if self.month != other.month:
            return 0.0
        if self.day is not None and self.day == other.day:
            return 1.0
        if set(self.days) & set(other.days):
            whole = (self.day is None and self.part is None) or (
                other.day is None and other.part is None
            )
            return 0.6 if whole else 0.9
        return 0.0


def dates(text: str) -> list[Date]:
    """Every date `text` says."""
    found = _numeric_dates(text)
    words = tokens(text)
    for i, word in enumerate(words):
        month = MONTHS.get(word.lower)
        if month is None or not _reads_as_month(words, i):
            continue
        day_at = _day_near(words, i)
        day = None if day_at is None else _as_day(words[day_at].lower)
        part_at = _part_before(words, i)
        part = None if part_at is None else _PART[words[part_at].lower]
        if part == "before" and day is None:  # "before July" is the end of June
            month, part = (month - 2) % 12 + 1, "end"
        at = [i, *(k for k in (day_at, part_at if day is None else None) if k is not None)]
        begin, end = words[min(at)].start, words[max(at)].end
        found.append(Date(month, day, part if day is None else None, text[begin:end], (begin, end)))
    return found


def _reads_as_month(words: list[Token], i: int) -> bool:
    # "May" and "mar", "sept" are also ordinary words: a month that is also a word counts only
    # next to a day, a year, or a word that places it.
    word = words[i].lower
    if word not in ("may", "mar", "sept", "jan", "dec", "march", "mars"):
        return True
    return (
        _day_near(words, i) is not None
        or _part_before(words, i) is not None
        or (i + 1 < len(words) and re.fullmatch(r"\d{4}", words[i + 1].lower) is not None)
    )


def _day_near(words: list[Token], i: int) -> int | None:
    """Where the day said with the month at `i` stands: "30 June", "30th of June", "le 1er
    juin", "June 30"."""
    if i + 1 < len(words) and _as_day(words[i + 1].lower) is not None:
        return i + 1
    j = i - 1
    while j >= 0 and i - j <= 3 and words[j].lower in _BETWEEN_DAY_AND_MONTH:
        j -= 1
    if j >= 0 and _as_day(words[j].lower) is not None:
        return j
    return None


def _as_day(word: str) -> int | None:
    if word.isdigit() and 1 <= int(word) <= 31:
        return int(word)
    return None


def _part_before(words: list[Token], i: int) -> int | None:
    """Where the nearest word before the month at `i` that places it stands ("the end of",
    "before", "mi-"), within four words."""
    for j in range(i - 1, max(-1, i - 5), -1):
        if words[j].lower in _PART:
            return j
    return None


def _numeric_dates(text: str) -> list[Date]:
    found: list[Date] = []
    for match in _ISO.finditer(text):
        month, day = int(match.group(2)), int(match.group(3))
        if 1 <= month <= 12 and 1 <= day <= 31:
            found.append(Date(month, day, None, match.group(), match.span()))
    for match in _NUMERIC.finditer(text):
        first, second = (
            int(g) for g in (match.group(1, 2) if match.group(1) else match.group(3, 4))
        )
        # "30/6" is day then month; "6/30" month then day; "5/6" may be either, so both.
        readings = [(second, first), (first, second)]
        for month, day in readings:
            if 1 <= month <= 12 and 1 <= day <= 31:
                found.append(Date(month, day, None, match.group(), match.span()))
    return found
