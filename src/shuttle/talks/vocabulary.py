"""The small closed sets of words the talk domain speaks in: roles, handling rules, modes."""

from __future__ import annotations

from enum import StrEnum

JOINT_ROOM = "joint"
"""The one room every party shares; it opens only after every party has consented."""


class Role(StrEnum):
    MEDIATOR = "mediator"
    DELEGATE = "delegate"


class Handling(StrEnum):
    """What a speaker allows the mediator to do with a statement, most restrictive first."""

    MEDIATOR_ONLY = "mediator-only"
    VERBATIM_ONLY = "verbatim-only"
    MAY_CONVEY = "may-convey"

    @property
    def openness(self) -> int:
        """0 for the most restrictive rule; a larger number allows more."""
        return list(Handling).index(self)


class Mode(StrEnum):
    """How a mediator carries a statement: the speaker's own words, or the mediator's."""

    VERBATIM = "verbatim"
    PARAPHRASE = "paraphrase"


class Comparison(StrEnum):
    """A party's answer to a new version of the text, compared with the one before."""

    BETTER = "better"
    WORSE = "worse"
    SAME = "same"


class BidRule(StrEnum):
    """Where an overlapping blind bid settles, within the overlap [high side's bound, low
    side's bound]: its midpoint, its lower end or its upper end (on the nearest option)."""

    MIDPOINT = "midpoint"
    LOWER = "lower"
    UPPER = "upper"


class Source(StrEnum):
    """What an agreement was reached on."""

    DRAFT = "draft"
    PROPOSAL = "proposal"
    OFFER = "offer"


def choices(enum: type[StrEnum]) -> str:
    """'a|b|c' for messages that say what would be accepted."""
    return "|".join(member.value for member in enum)
