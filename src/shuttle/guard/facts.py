"""What a statement says that a paraphrase could give away word for word or nearly: its
figures, its dates, the names it drops, and its phrases."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from shuttle.guard.cues import hints, only_asks, public_spans
from shuttle.guard.dates import MONTHS, Date, dates
from shuttle.guard.numbers import Quantity, quantities
from shuttle.guard.words import tokens

# Capitalised words that are not names: titles, days and months, and words a sentence may
# begin with after a colon or a quote.
_NOT_NAMES = {
    "i", "mr", "mrs", "ms", "dr", "minister", "president", "madame", "monsieur", "mme", "m",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "lundi",
    "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", *MONTHS,
}  # fmt: skip
# Words that carry no secret of their own, in the two languages read: a phrase shared
# through them alone says nothing.
_STOPWORD_TEXT = """
a an the and or but if of to in on at by for with from as is are was were be been being it
its this that these those they them their we our us you your he she his her i me my will
would shall should can could may might must do does did not no nor so than then there here
what which who whom whose when where why how all any each few more most other some such only
own same too very just also into about over under again once up down out
le la les un une des du de d l et ou mais si à au aux en dans sur par pour avec sans est
sont était être été a ont avait ce cet cette ces ils elles nous vous il elle je leur leurs
notre nos votre vos son sa ses qui que qu quoi dont où ne pas plus moins très aussi comme
tout tous toute toutes
"""
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())
_TITLES = {"mr", "mrs", "ms", "dr", "m", "mme", "mlle", "me", "sir", "madam", "prof"}
_SENTENCE_END = re.compile(r"[.!?\"«»“”(\[]\s*$")


@dataclass(frozen=True)
class Facts:
    quantities: tuple[Quantity, ...]
    dates: tuple[Date, ...]
    names: frozenset[str]  # lower-cased
    proper: frozenset[str]  # those surely a proper name (beside another, or after a title)
    phrases: frozenset[tuple[str, str, str]]  # three content words in a row
    public: tuple[Quantity | Date, ...]  # figures and dates said as public ("on the table")
    hints: bool  # tells where a party stands ("I sense they could...")
    asks: bool  # only asks

    @property
    def every_quantity(self) -> list[Quantity]:
        """Its figures, public ones too: what a room knows, it knows however it was said."""
        return [*self.quantities, *(f for f in self.public if isinstance(f, Quantity))]

    @property
    def every_date(self) -> list[Date]:
        return [*self.dates, *(f for f in self.public if isinstance(f, Date))]


@lru_cache(maxsize=50_000)
def facts_of(text: str) -> Facts:
    said_dates = dates(text)
    taken = [d.span for d in said_dates]
    figures = [
        q
        for q in quantities(text)
        if not any(q.span[0] < end and start < q.span[1] for start, end in taken)
    ]
    public = public_spans(text)
    every: list[Quantity | Date] = [*figures, *said_dates]

    def said_as_public(fact: Quantity | Date) -> bool:
        return any(start <= fact.span[0] < end for start, end in public)

    return Facts(
        tuple(q for q in figures if not said_as_public(q)),
        tuple(d for d in said_dates if not said_as_public(d)),
        *_names(text),
        _phrases(text),
        tuple(f for f in every if said_as_public(f)),
        hints(text),
        only_asks(text),
    )


def _names(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """The capitalised words that are not only a sentence's first, and of those the ones
    that are surely someone's or something's proper name: after a title ("Mr Steen",
    "M. Armand") or beside another capitalised word ("Halvard Steen", "Tarvo Industries")."""
    words = tokens(text)
    capital = [
        text[t.start].isupper() and t.lower not in _NOT_NAMES and t.end - t.start >= 3
        for t in words
    ]
    found: set[str] = set()
    proper: set[str] = set()
    for i, token in enumerate(words):
        if not capital[i]:
            continue
        before = text[: token.start]
        titled = i > 0 and words[i - 1].lower in _TITLES
        if not titled and (token.start == 0 or _SENTENCE_END.search(before)):
            continue  # a capital that only begins a sentence says nothing
        found.add(token.lower)
        beside = (i > 0 and capital[i - 1]) or (i + 1 < len(words) and capital[i + 1])
        if titled or beside:
            proper.add(token.lower)
    return frozenset(found), frozenset(proper)


def _stem(word: str) -> str:
    # Enough to meet "walks out" with "walk out" and "droits" with "droit"; no more.
    return word[:-1] if len(word) > 4 and word.endswith("s") else word


def _phrases(text: str) -> frozenset[tuple[str, str, str]]:
    words = [
        _stem(t.lower) for t in tokens(text) if t.lower not in _STOPWORDS and not t.lower.isdigit()
    ]
    return frozenset(zip(words, words[1:], words[2:], strict=False))
