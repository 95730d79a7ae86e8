"""The relaying mediator: alternating offers through an intermediary.

The parties make offers in turn (party 0 first, then 1, ..., round and round); the mediator
carries each offer word for word into every other room. An offer becomes the agreement when
each other party, on its turn, accepts it instead of making its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from shuttle.engine.space import OutcomeSpace
from shuttle.engine.strategies.protocol import Package


@dataclass(frozen=True)
class RelayMediator:
    """Carries offers verbatim; it has no policy of its own to tune."""

    space: OutcomeSpace
    protocol: ClassVar[str] = "alternating-offers"

    def carry(self, offer: Package, sender: int, parties: int) -> dict[int, Package]:
        """Room (party position) -> what reaches it: the offer itself, in every other room."""
        if len(offer) != len(self.space.issues):
            raise ValueError(
                f"an offer needs one option per issue ({len(self.space.issues)}), got {len(offer)}"
            )
        return {party: offer for party in range(parties) if party != sender}

    @staticmethod
    def next_party(sender: int, parties: int) -> int:
        """Whose turn it is after `sender`'s."""
        return (sender + 1) % parties
