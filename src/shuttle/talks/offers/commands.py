"""What an actor asks of offers: make one, answer one carried into its room."""

from __future__ import annotations

from dataclasses import dataclass

from shuttle.talks.single_text.commands import (
    Pairs,
)
from shuttle.talks.vocabulary import Handling


@dataclass(frozen=True)
class Offer:
    """A delegate offers complete terms in its own room, for the mediator to carry."""

    actor: str
    terms: Pairs
    handling: Handling | None = None


@dataclass(frozen=True)
class AnswerOffer:
    """A delegate answers an offer carried verbatim into its room (the carriage's event)."""

    actor: str
    via: int
    accept: bool


OfferCommand = Offer | AnswerOffer
"""What a participant asks of offers, decided by `offers.rules`."""
