"""A party's private profile over the agenda."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar


@dataclass(frozen=True)
class ProfileSubmitted:
    """A party's private preferences over the agenda; `shared` lets the mediator see them."""

    kind: ClassVar[str] = "profile"
    by: str
    party: str
    weights: tuple[tuple[str, str], ...]
    values: tuple[tuple[str, str, str], ...]
    reservation: str
    shared: bool


ProfileFact = ProfileSubmitted
"""The profiles' events, folded by `profiles.fold`."""
