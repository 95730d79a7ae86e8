"""What the confidentiality machine's rules draw: Hypothesis strategies for its arguments, and
the plain records some of them build.

A draw is not yet a command's argument: an index is taken modulo the list it picks from when the
rule runs, and a text gets its unique token only when it is typed (see `arguments`), so the same
draw fits whatever the talk has become by then.
"""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import strategies as st

from shuttle.talks import Comparison
from tests.talks.confidentiality.machine.vocabulary import SNIPPETS


@dataclass(frozen=True)
class TextDraw:
    """A text to type: random characters, then a unique token (made when the text is used),
    then a snippet -- or, when there is no snippet, a text that trims to nothing."""

    before: str
    hex8: str
    after: str | None


@dataclass(frozen=True)
class TermsDraw:
    """An option for each issue (an index, modulo), and how the terms are typed: well, or with
    a flaw (an issue missing, an option or issue not on the agenda), or padded and decomposed."""

    picks: tuple[int, int, int]
    flaw: str


@dataclass(frozen=True)
class PreferDraw:
    """Options a party prefers to the draft's, on up to two issues; `same` names the draft's
    own option instead (a malformed answer)."""

    issues: tuple[int, ...]
    same: bool


@dataclass(frozen=True)
class AnswerDraw:
    """An answer to the single text as drawn: accept, name the version or not, and the rest."""

    accept: bool
    omit_version: bool
    prefer: PreferDraw
    comparison: Comparison | None
    comment: TextDraw | None


HEX8 = st.integers(0, 2**32 - 1).map(lambda n: f"{n:08x}")
# The random characters are at most 4, so they can never spell a token by chance.
texts = st.builds(TextDraw, st.text(max_size=4), HEX8, st.sampled_from((*SNIPPETS, None)))
clause_draws = st.lists(texts, max_size=2)
# Which actor (an index into participants + ghosts) and how the name is typed.
actors = st.integers(0, 119)
picks = st.integers(0, 1000)  # an index, taken modulo the length of the list it picks from
salts = st.integers(0, 999)
terms_draws = st.builds(
    TermsDraw,
    st.tuples(picks, picks, picks),
    st.sampled_from(("",) * 6 + ("missing", "option", "issue", "typed")),
)
prefer_draws = st.builds(PreferDraw, st.lists(picks, max_size=2).map(tuple), st.booleans())
MAX_STEPS = 8  # how far an aimed rule may go along its way in one step
step_counts = st.integers(1, MAX_STEPS)
# Yes or no for each step of a rule, two bits each: mostly yes, so that agreements happen.
answer_bits = st.integers(0, 4**MAX_STEPS - 1)
# A bound's whole part for each step of a rule, 0 to 50 (50: refused), in base 51.
bound_digits = st.integers(0, 51**MAX_STEPS - 1)


def yes(bits: int, step: int) -> bool:
    return (bits >> (2 * step)) & 3 != 3


def digit(digits: int, step: int) -> int:
    return int(digits // 51**step) % 51


heads = st.sampled_from(("current", "current", "stale", "none", "bad"))
