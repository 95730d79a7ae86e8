"""Offers: complete terms a party puts in its own room for the mediator to carry, and the
answers of the rooms they were carried into."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from shuttle.talks.agenda import Terms
from shuttle.talks.vocabulary import Handling


@dataclass(frozen=True)
class Offered:
    """A delegate's offer of complete terms, made in its own room for the mediator to carry."""

    kind: ClassVar[str] = "offered"
    by: str
    room: str
    terms: Terms
    text: str
    handling: Handling


@dataclass(frozen=True)
class OfferAnswered:
    """A party answered an offer carried (verbatim) into its room: event `via`."""

    kind: ClassVar[str] = "offer-answered"
    by: str
    party: str
    offer: int
    via: int
    accept: bool


OfferFact = Offered | OfferAnswered
"""The offers' events, folded by `offers.fold`."""
