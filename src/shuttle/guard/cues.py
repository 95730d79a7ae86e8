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
    r"will (propose|offer|start|say|table|announce)|start by (offering|proposing)|we say|"
    r"stated|current|currently|existing|proposal|proposals|proposed|"
    r"propositions?|proposée?s?|"
    r"par écrit|écrite?s?|publique?s?|publiquement|annoncée?s?|première offre|ouvrirons|"
    r"ouvrir à|proposons|proposerons|proposerai|afficherons|afficherai|affichons|affiché|"
    r"annoncerons|dirons|demandé|officiellement|projet|actuel\w*|en vigueur)\b",
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
    r"above|shy of|short of)|close to|in the region of|or so|upwards of|getting on for|"
    r"(north|south) of|(the )?better part of|shy of|short of|not far (from|off)|"
    r"a (little|bit|touch|shade) (over|under|above|below|more than|less than)|"
    r"in the (neighbourhood|neighborhood|vicinity) of|somewhere (around|near|over|under)|"
    r"environ|près de|autour de|presque|quasiment|un peu (moins|plus) de|de l'ordre de|"
    r"un peu (sous|au-dessus de|en dessous de|en deçà de)|pas loin de|à peine (moins|plus) de|"
    r"guère plus de|tout juste|quelque|dans les)(\s+(les|le|la|the))?\s*$",
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


_APPROXIMATE_AFTER = re.compile(r"^\s*(-?ish\b|or so\b|odd\b|-odd\b|environ\b)", re.IGNORECASE)


def approximates(text: str, start: int, end: int | None = None) -> bool:
    """True when the words just before `start` (or just after `end`, or within the figure:
    "eighty-odd thousand") say that a figure is rounded ("around", "just under", "something
    like", "north of", "près de", "or so")."""
    if _APPROXIMATE.search(text[max(0, start - 40) : start]) is not None:
        return True
    if end is None:
        return False
    return "odd" in text[start:end].lower() or bool(_APPROXIMATE_AFTER.search(text[end:]))
