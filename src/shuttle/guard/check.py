"""The guard's question: does this wording come close to something a party kept from the room
it is going to?

A protected statement is close when the wording says one of its figures or dates (exactly, or
a paraphrase of it: "the end of June" for June 30, "just under four percent" for 3.67 %), or
when it means the same thing. A shared name or phrase, or a month without its day, counts
only together with a meaning that is already near: a topic both rooms discuss shares names
and words without giving anything away. What the room already knows is never a warning.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from shuttle.guard.facts import Facts, facts_of
from shuttle.guard.meaning import Meaning

# The thresholds, chosen on the development parts of bench/data/leak_pairs*.yaml (the
# middle of a plateau: each neighbouring value scored the same or worse); the held-out parts
# are reported apart (bench/guard.py).
SAME_MEANING = 0.80  # alone, a cosine this high is the same statement in other words
NEAR_MEANING = 0.50  # with a shared name, phrase or month, a cosine this high is a leak
HINTED_MEANING = 0.35  # words that hint at where a party stands, this near, are a leak
FIGURE = 0.85  # a figure or a date at least this close gives the secret away by itself


@dataclass(frozen=True)
class Protected:
    """A statement the target room may not have: its seq, room, words, and why it is kept."""

    seq: int
    room: str
    text: str
    why: str


@dataclass(frozen=True)
class Closeness:
    """One thing in the wording close to the protected statement: "number", "date", "name",
    "phrase" or "meaning"; the words on each side, and how close (0 to 1)."""

    what: str
    said: str
    source: str
    score: float


@dataclass(frozen=True)
class Warning:
    seq: int
    room: str
    why: str
    close: tuple[Closeness, ...]

    @property
    def score(self) -> float:
        return max(c.score for c in self.close)


def check(
    meaning: Meaning, wording: str, protected: Sequence[Protected], known: Sequence[str] = ()
) -> list[Warning]:
    """The protected statements `wording` comes close to, closest first. `known` is what the
    target room already has: a figure, date, name or phrase found there warns of nothing."""
    if not protected:
        return []
    mine = facts_of(wording)
    already = [facts_of(text) for text in known]
    rows = meaning.vectors([wording, *(p.text for p in protected)])
    cosines = rows[1:] @ rows[0]
    warnings = []
    for statement, cosine in zip(protected, cosines.tolist(), strict=True):
        close = _close(mine, facts_of(statement.text), float(cosine), already)
        if close:
            warnings.append(Warning(statement.seq, statement.room, statement.why, tuple(close)))
    warnings.sort(key=lambda w: (-w.score, w.seq))
    return warnings


def _close(mine: Facts, theirs: Facts, cosine: float, already: list[Facts]) -> list[Closeness]:
    figures = [*_figures(mine, theirs, already), *_dates(mine, theirs, already)]
    strong = [c for c in figures if c.score >= FIGURE]
    supporting = [c for c in figures if c.score < FIGURE]
    for name in mine.names & theirs.names:
        if not any(name in k.names for k in already):
            # A proper name the room has never heard is itself what was kept.
            proper = name in theirs.proper
            (strong if proper else supporting).append(
                Closeness("name", name, name, 0.9 if proper else 0.6)
            )
    shared = [p for p in mine.phrases & theirs.phrases if not any(p in k.phrases for k in already)]
    # One phrase is enough to say why; the first in order, so a warning reads the same each time.
    supporting += [Closeness("phrase", " ".join(p), " ".join(p), 0.6) for p in sorted(shared)[:1]]
    meant = Closeness("meaning", "", "", round(max(cosine, 0.0), 3))
    if strong:
        return [*strong, *supporting, *([meant] if cosine >= SAME_MEANING else [])]
    # Another figure where the statement keeps one: what they share is the subject.
    subject_only = _another_figure(mine, theirs)
    if cosine >= SAME_MEANING and not mine.asks and not subject_only:
        return [*supporting, meant]
    if supporting and cosine >= NEAR_MEANING and not subject_only:
        return [*supporting, meant]
    if mine.hints and cosine >= HINTED_MEANING:
        return [meant]
    return []


def _another_figure(mine: Facts, theirs: Facts) -> bool:
    """Whether the wording names figures of its own where the statement keeps one, none of
    them near it: then the meaning they share is the subject, and the kept figure stays kept
    ("their proposal is 250 a month" beside a limit of 380)."""
    said = mine.every_quantity
    return bool(theirs.quantities and said) and not any(
        s.close_to(k) > 0 for s in said for k in theirs.quantities
    )


def _figures(mine: Facts, theirs: Facts, already: list[Facts]) -> list[Closeness]:
    found = []
    for said in mine.quantities:
        if any(said.close_to(k) == 1.0 for known in already for k in known.every_quantity):
            continue
        best = max(theirs.quantities, key=said.close_to, default=None)
        if best is not None and (score := said.close_to(best)) > 0:
            found.append(Closeness("number", said.said, best.said, score))
    return found


def _dates(mine: Facts, theirs: Facts, already: list[Facts]) -> list[Closeness]:
    found = []
    for said in mine.dates:
        if any(said.close_to(k) >= 0.9 for known in already for k in known.every_date):
            continue
        best = max(theirs.dates, key=said.close_to, default=None)
        if best is not None and (score := said.close_to(best)) > 0:
            found.append(Closeness("date", said.said, best.said, score))
    return found


__all__ = ["Closeness", "Protected", "Warning", "check"]
