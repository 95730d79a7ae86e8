"""How a sentence presents what it says: as public (an offer on the table, a published
demand, a written proposal), or as the speaker's sense of what another party would do (the
way a mediator's hint sounds: "I sense they could live with...", "ils seraient prêts à...").

A party that tells the mediator its limit often names its public opening in the same breath;
that opening is no secret. And a mediator's words that only ask, or that report what is public,
give less away than words that hint at where the other side really stands.
"""

from __future__ import annotations

import re

_PUBLIC = re.compile(
    r"\b(on the table|on paper|opening|open with|will open|publicly|public|published|"
    r"announced|in the draft|the draft|written|formally|officially|asked for|we asked|"
    r"par écrit|écrite?s?|publique?s?|publiquement|annoncée?s?|première offre|ouvrirons|"
    r"ouvrir à|proposons|demandé|officiellement|projet)\b",
    re.IGNORECASE,
)
_HINT = re.compile(
    r"\b(i (sense|think|believe|suspect|understand|gather|expect|doubt)|"
    r"i get the (sense|impression|feeling)|my (sense|impression|feeling)|"
    r"(they|he|she|the other side)('d|'ll| would| could| might| may| will| can)|"
    r"open to|room (for|to)|red line|count on|would go|might fly|probably|perhaps|"
    r"likely|flexib\w*|quietly|privately|between us|"
    r"je (pense|crois|sens|crains|devine|doute)|j'ai (le sentiment|l'impression)|"
    r"(ils|elles|il|elle) (pourrai\w*|serai\w*|accepterai\w*|irai\w*|ne pourr\w*)|"
    r"seraient|pourraient|accepteraient|peut-être|sans doute|probablement|prêts? à|"
    r"ouverts? à|marge)\b",
    re.IGNORECASE,
)
_APPROXIMATE = re.compile(
    r"\b(around|about|roughly|nearly|almost|approximately|some|like|just (under|over|below|"
    r"above)|close to|in the region of|or so|upwards of|getting on for|"
    r"environ|près de|autour de|presque|quasiment|un peu (moins|plus) de|de l'ordre de|"
    r"dans les)\s*$",
    re.IGNORECASE,
)
# Punctuation ends a clause only before a space: "3.67" and "2,000" are figures.
_CLAUSE = re.compile(
    r"[,;:.!?](?=\s|$)|\b(?:but|though|although|while|whereas|mais|même si|alors que)\b"
)


def public_spans(text: str) -> list[tuple[int, int]]:
    """The stretches of `text` (clauses) that present what they say as public."""
    spans = []
    start = 0
    for match in [*_CLAUSE.finditer(text), None]:
        end = len(text) if match is None else match.start()
        if _PUBLIC.search(text, start, end):
            spans.append((start, end))
        if match is not None:
            start = match.end()
    return spans


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+", text.strip()) if s.strip()]


def hints(text: str) -> bool:
    """True when `text` tells of where another party stands, rather than only asking or
    reporting what is public. A question ("would you be ready to...?") hints at nothing."""
    return any(_HINT.search(s) for s in _sentences(text) if not s.endswith("?"))


def only_asks(text: str) -> bool:
    """True when `text` ends in a question and hints at nothing before it."""
    sentences = _sentences(text)
    return bool(sentences) and sentences[-1].endswith("?") and not hints(text)


def approximates(text: str, start: int) -> bool:
    """True when the words just before `start` say that a figure is rounded ("around",
    "just under", "something like", "près de")."""
    return _APPROXIMATE.search(text[max(0, start - 30) : start]) is not None
