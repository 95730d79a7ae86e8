"""What the engine tells a guided mediator, computed from the profiles the parties shared."""

from __future__ import annotations

from dataclasses import dataclass

from shuttle.engine.strategies.protocol import Package


@dataclass(frozen=True)
class MediatorAdvice:
    """The engine's advice for a guided mediator.

    * `nash`: the Nash package (the acceptable package maximising the product of the parties'
      gains over their reservation values), or None when no package is acceptable to all or
      not every profile was shared.
    * `pareto`: the Pareto-efficient packages, in `analyze`'s order (utilities descending,
      party by party: the first party's best first).
    * `utilities`: when given, `utilities[k][i]` is party i's utility of `pareto[k]`, None
      for a party whose profile was not shared; None when no utilities are shared at all.

    Built from `shuttle.engine.analyze(scenario)`: `nash=result.nash.indices`,
    `pareto=tuple(p.indices for p in result.pareto)`,
    `utilities=tuple(p.utilities for p in result.pareto)`.
    """

    nash: Package | None
    pareto: tuple[Package, ...] = ()
    utilities: tuple[tuple[float | None, ...], ...] | None = None

    def __post_init__(self) -> None:
        if self.utilities is not None and len(self.utilities) != len(self.pareto):
            raise ValueError(
                f"advice has {len(self.utilities)} utility rows for "
                f"{len(self.pareto)} Pareto packages; give one row per package"
            )
