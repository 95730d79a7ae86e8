"""The utility-space chart of the engine's advice, as geometry for an inline SVG.

One axis per party (the first two), each package a point at its utilities. A party whose
profile the mediator may not see has no numbers in the advice, so nothing is plotted for it:
the chart says "withheld: profile not shared" instead -- never a number it does not have.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from shuttle.engine.advice import Advice, AdvisedPackage

SIZE = 260
"""Side of the plotting square, in SVG units."""
MARGIN = 44
"""Room around the square for the axes' labels."""


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    label: str


@dataclass(frozen=True)
class Chart:
    x_party: str
    y_party: str
    withheld: list[str] = field(default_factory=list)
    pareto: list[Point] = field(default_factory=list)
    nash: Point | None = None
    draft: Point | None = None
    reservation_x: float | None = None
    reservation_y: float | None = None
    size: int = SIZE
    margin: int = MARGIN

    @property
    def plotted(self) -> bool:
        return not self.withheld

    @property
    def width(self) -> int:
        return self.size + 2 * self.margin

    def ticks(self) -> list[tuple[float, str]]:
        """Positions along an axis (SVG units from its origin) and their labels."""
        return [(self.size * t / 4, f"{t / 4:.2f}") for t in range(5)]


def chart_of(advice: Advice) -> Chart:
    parties = advice.parties
    if len(parties) < 2:
        return Chart(parties[0] if parties else "", "", withheld=list(parties))
    x_party, y_party = parties[0], parties[1]
    withheld = [p for p, shared in zip(parties[:2], advice.shared[:2], strict=True) if not shared]
    if withheld:
        return Chart(x_party, y_party, withheld=withheld)

    def point(package: AdvisedPackage, label: str) -> Point:
        ux, uy = package.utilities[0], package.utilities[1]
        assert ux is not None and uy is not None, "both profiles are shared"
        return Point(_x(ux), _y(uy), label)

    rx, ry = advice.reservations[0], advice.reservations[1]
    return Chart(
        x_party,
        y_party,
        pareto=[point(p, _describe(p)) for p in advice.pareto],
        nash=None if advice.nash is None else point(advice.nash, "Nash point"),
        draft=None if advice.draft is None else point(advice.draft, "current draft"),
        reservation_x=None if rx is None else _x(rx),
        reservation_y=None if ry is None else _y(ry),
    )


def _x(utility: float) -> float:
    return round(MARGIN + _clamp(utility) * SIZE, 1)


def _y(utility: float) -> float:
    return round(MARGIN + (1 - _clamp(utility)) * SIZE, 1)


def _clamp(value: float) -> float:
    return min(1.0, max(0.0, value))


def _describe(package: AdvisedPackage) -> str:
    utilities = ", ".join("withheld" if u is None else f"{u:.2f}" for u in package.utilities)
    return f"Pareto-efficient package ({utilities})"
