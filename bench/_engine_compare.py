"""How `bench/engine.py` compares Shuttle's answer with NegMAS's: frontiers and Nash points."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

TOLERANCE = 1e-9


@dataclass(frozen=True)
class Verdict:
    """`problems`: unexplained differences. `ties`: NegMAS frontier points that a Shuttle point
    dominates once utilities within TOLERANCE count as equal (NegMAS compares floats exactly, so
    two sums of the same value in another order, 0.7 and 0.7000000000000001, escape dominance)."""

    problems: list[str]
    ties: int
    tie_example: str
    shuttle_size: int
    negmas_size: int

    @property
    def agree(self) -> bool:
        return not self.problems and not self.ties

    @property
    def cell(self) -> str:
        if self.problems:
            return "**DIFFER**"
        return f"DIFFER: NegMAS +{self.ties} tied‡" if self.ties else "agree"


def compare(shuttle: dict[str, Any], negmas: dict[str, Any]) -> Verdict:
    """Frontiers as sets of utility vectors on the acceptable part, and Nash products."""
    import numpy as np

    problems: list[str] = []
    names = list(shuttle["parties"])
    order = list(range(len(names)))
    if sorted(names) == sorted(negmas["parties"]) and len(set(names)) == len(names):
        order = [list(negmas["parties"]).index(name) for name in names]
    elif len(names) != len(negmas["parties"]):
        return Verdict([f"parties differ: {names} vs {negmas['parties']}"], 0, "", 0, 0)
    r = np.asarray(shuttle["reservations"], dtype=float)
    r_negmas = np.asarray(negmas["reservations"], dtype=float)[order]
    if np.max(np.abs(r - r_negmas), initial=0.0) > TOLERANCE:
        problems.append(f"reservation values differ: {r.tolist()} vs {r_negmas.tolist()}")
    ours = np.asarray(shuttle["frontier"], dtype=float).reshape(-1, len(names))
    theirs = np.asarray(negmas["frontier"], dtype=float).reshape(-1, len(names))[:, order]
    clearly_acceptable = np.all(ours >= r + TOLERANCE, axis=1)
    missing = ours[clearly_acceptable & ~pairwise(ours, theirs, "near")]
    extra = theirs[~pairwise(theirs, ours, "near")]
    tied = pairwise(extra, ours, "dominated")
    if len(missing):
        dominated = pairwise(missing, theirs, "dominated")
        problems.append(
            f"{len(missing)} acceptable Shuttle frontier point(s) not in NegMAS's "
            f"({int(dominated.sum())} of them dominated by a NegMAS point), e.g. "
            f"{fmt_vector(missing[0])}"
        )
    if (~tied).any():
        problems.append(
            f"{int((~tied).sum())} NegMAS frontier point(s) neither in Shuttle's nor dominated "
            f"by it, e.g. {fmt_vector(extra[~tied][0])}"
        )
    tie_example = ""
    if tied.any():
        point = extra[tied][0]
        dominators = ours[np.all(ours >= point - TOLERANCE, axis=1)]
        tie_example = f"{fmt_vector(point, 17)} by {fmt_vector(dominators[0], 17)}"

    def product(vector: Sequence[float] | None) -> float | None:
        if vector is None:
            return None
        gains = np.maximum(np.asarray(vector, dtype=float)[: len(r)] - r, 0.0)
        return float(np.prod(gains))

    nash_theirs = None if negmas["nash"] is None else [negmas["nash"][i] for i in order]
    ours_product, theirs_product = product(shuttle["nash"]), product(nash_theirs)
    if (ours_product is None) != (theirs_product is None):
        problems.append(f"Nash: Shuttle {shuttle['nash']}, NegMAS {nash_theirs}")
    elif (
        ours_product is not None
        and theirs_product is not None
        and abs(ours_product - theirs_product) > TOLERANCE
    ):
        problems.append(
            f"Nash products differ: Shuttle {ours_product:.12g} at "
            f"{fmt_vector(shuttle['nash'])}, NegMAS {theirs_product:.12g} at "
            f"{fmt_vector(nash_theirs or [])}"
        )
    return Verdict(problems, int(tied.sum()), tie_example, len(ours), len(theirs))


def pairwise(points: Any, others: Any, test: str) -> Any:
    """For each row of `points`, whether some row of `others` is "near" it (within TOLERANCE,
    max norm) or has it "dominated" (>= it - TOLERANCE everywhere, > it + TOLERANCE somewhere)."""
    import numpy as np

    found = np.zeros(len(points), dtype=bool)
    if len(others) == 0 or len(points) == 0:
        return found
    block = max(1, 4_000_000 // (len(others) * points.shape[1]))
    for start in range(0, len(points), block):
        gap = others[None, :, :] - points[start : start + block, None, :]
        if test == "near":
            hit = np.abs(gap).max(axis=2) <= TOLERANCE
        else:
            hit = (gap >= -TOLERANCE).all(axis=2) & (gap > TOLERANCE).any(axis=2)
        found[start : start + block] = hit.any(axis=1)
    return found


def fmt_vector(vector: Any, digits: int = 6) -> str:
    if digits > 15:
        return "(" + ", ".join(repr(float(u)) for u in vector) + ")"
    return "(" + ", ".join(f"{float(u):.{digits}f}" for u in vector) + ")"
