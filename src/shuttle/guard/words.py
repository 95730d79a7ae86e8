"""Words of a statement as the guard reads them: lower-cased, with where each stands, so that
a warning can quote what it found as it was written."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Digits with their separators ("2,000,000", "3,67"), words of letters (an elision such as
# "d'" or "l'" is a word of its own), and the signs that say what a number counts.
# French groups thousands with a (narrow) space: "1 200 000".
_TOKEN = re.compile(r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d.,])|\d+(?:[.,]\d+)*|[^\W\d_]+|[%$€£¥]")


@dataclass(frozen=True)
class Token:
    lower: str
    start: int
    end: int
    glued: bool  # nothing between this word and the one before ("2m", "30/6" is not glued)


def tokens(text: str) -> list[Token]:
    found: list[Token] = []
    last_end = -1
    for match in _TOKEN.finditer(text):
        found.append(
            Token(
                re.sub(r"[ \u00a0\u202f]", "", match.group().lower()),
                match.start(),
                match.end(),
                match.start() == last_end,
            )
        )
        last_end = match.end()
    return found
