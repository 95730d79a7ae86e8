"""What an actor asks of profiles: submit one."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SubmitProfile:
    """A delegate's private preferences for its party: weights per issue, a value in [0, 1]
    for every option, a reservation value, and whether the mediator may see them."""

    actor: str
    weights: tuple[tuple[str, float], ...]
    values: tuple[tuple[str, str, float], ...]
    reservation: float
    share: bool = False


ProfileCommand = SubmitProfile
"""What a participant asks of profiles, decided by `profiles.rules`."""
