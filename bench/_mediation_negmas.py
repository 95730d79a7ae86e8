"""The NegMAS side of `bench/mediation.py`: one negotiation of a scenario under one of NegMAS's
mechanisms, and what it agreed.

As in `_negmas_side`, every NegMAS import is through `importlib` and every NegMAS object is typed
`Any`; nothing under src/ or tests/ imports this module. The scenario is read the way
`_negmas_side.load` reads it: NegMAS's own `Scenario.load`, without discounting, Genius XML
profiles rebuilt with Genius's normalisation, and a first outcome evaluated so that a profile
NegMAS misreads is "unreadable" rather than a silent run on empty value tables. Parties are put
in Shuttle's order (profile file stems, sorted), and every ufun gets the reservation value
Shuttle reads (Genius XML `<reservation value>`, GeniusWeb's reservationBid utility, else 0).

The mechanisms (`MECHANISMS`), each with `n_steps = rounds`:

* "SAO Boulware-Conceder": `SAOMechanism` (alternating offers; a step is a round in which every
  negotiator offers once) between `BoulwareTBNegotiator` (the first party, who opens) and
  `ConcederTBNegotiator`: NegMAS's time-based negotiators, polynomial aspiration with exponent 4
  and 0.25, proposing the least good outcome still above their aspiration.
* "SAO Aspiration-Aspiration": `SAOMechanism` between two `AspirationNegotiator`s, NegMAS's
  default negotiator, with its defaults (a Boulware curve, tolerance 0.001).
* "VetoST": `VetoSTMechanism`, single text with veto. Each step the mediator draws a random
  outcome; it replaces the current text when every party strictly prefers it (the first text
  must beat each reservation value); at the end the text is the agreement if every party
  finds it acceptable.
* "HillClimbingST": `HillClimbingSTMechanism`: the text starts at a random outcome and moves to
  a random neighbour (one issue changed) that every party strictly prefers; it stops at a local
  optimum or after `rounds` steps, and the reservation values are checked only at the end.

The single-text mechanisms (`negmas.st`) ask negotiators only "is this outcome better than
that one?". NegMAS has no negotiator made for them; `BinaryComparatorNegotiator`, which answers
from its ufun, is the one their own tests use, and is used here. Randomness comes from the
`random` and `numpy.random` global generators, which NegMAS's `seed_all` sets from `seed` just
before each negotiation, after loading.

Outcomes are named as Shuttle names them: the same issue names and options, except that Shuttle
strips the spaces around Genius XML names (ANAC2011_IS_BT_Acquisition has an option ending in a
space) and NegMAS keeps them. `check` verifies names, party order, reservation values and
utilities against Shuttle's own reading of the folder.

Two faults of NegMAS 0.16's `HillClimbingSTMechanism` matter here:
* At a local optimum it sets the agreement to the outcome wrapped in a 1-tuple; its end rule
  unwraps it only when every party accepts. Otherwise NegMAS reports that 1-tuple as an
  agreement; here it counts as no agreement, and `MechanismRun.note` says so.
* For an integer issue its neighbours are computed with a zero step and the issue's lower
  bound as the upper clip, so the only move it ever tries there is to the lower bound. This is
  left as NegMAS does it.

`MechanismRun.seconds` is the wall time of building the mechanism, adding the negotiators and
running it (NegMAS's offer inverters sort the outcomes in there), not of loading the scenario.
"""

from __future__ import annotations

import importlib
import numbers
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeAlias

# Like `engine.py`'s helpers: this script's folder is first on sys.path.
import _negmas_side as side

Value: TypeAlias = str | int | float
TOLERANCE = 1e-9

MECHANISMS: tuple[str, ...] = (
    "SAO Boulware-Conceder",
    "SAO Aspiration-Aspiration",
    "VetoST",
    "HillClimbingST",
)


@dataclass(frozen=True)
class MechanismRun:
    """One negotiation and its result. `error` is set when nothing ran to the end: "unreadable:
    ..." when NegMAS could not read the scenario, else the exception the mechanism raised.
    `note` says when NegMAS's own answer was corrected (see the module docstring)."""

    mechanism: str
    agreement: bool
    outcome: dict[str, Value] | None  # issue name -> option, as Shuttle names them
    utilities: tuple[float, ...] | None  # undiscounted, Genius-normalised, Shuttle's party order
    rounds: int  # steps the mechanism used
    seconds: float  # the negotiation itself, not loading
    error: str | None = None
    note: str = ""


def prepare() -> None:
    """Import everything the runs need, so that import time stays out of the measurement."""
    side.prepare()
    for module in ("negmas.sao", "negmas.st", "negmas.negotiators", "negmas.helpers.rand"):
        importlib.import_module(module)


def version() -> str:
    return side.version()


@dataclass(frozen=True)
class Parties:
    """A scenario as the runs use it: NegMAS's outcome space, its ufuns in Shuttle's party order
    with Shuttle's reservation values, and the party names."""

    outcome_space: Any
    ufuns: tuple[Any, ...]
    names: tuple[str, ...]
    genius_xml: bool  # Shuttle strips spaces around Genius XML names; NegMAS keeps them

    def name(self, text: Any) -> str:
        return str(text).strip() if self.genius_xml else str(text)

    def option(self, value: Any) -> Value:
        """An option as Shuttle names it: a Python str, int or float."""
        if isinstance(value, str):
            return self.name(value)
        if isinstance(value, numbers.Integral):
            return int(value)
        if isinstance(value, numbers.Real):
            return float(value)
        raise ValueError(f"unexpected option value {value!r} of type {type(value).__name__}")

    def outcome(self, outcome: Sequence[Any]) -> dict[str, Value]:
        """A NegMAS outcome (a tuple in issue order) as Shuttle's issue name -> option."""
        issues = self.outcome_space.issues
        return {
            self.name(issue.name): self.option(value)
            for issue, value in zip(issues, outcome, strict=True)
        }


def load(folder: Path) -> Parties:
    """Raise ValueError (or NegMAS's own error) when NegMAS cannot read or evaluate the folder."""
    loaded = side.load(folder)
    side.check_evaluable(loaded)
    names = [str(ufun.name) for ufun in loaded.ufuns]
    if len(set(names)) != len(names):
        raise ValueError(f"NegMAS names two profiles alike: {names}")
    ufuns = tuple(sorted(loaded.ufuns, key=lambda ufun: str(ufun.name)))
    for ufun in ufuns:
        ufun.reserved_value = side.reservation(ufun)
    names = [str(ufun.name) for ufun in ufuns]
    return Parties(loaded.outcome_space, ufuns, tuple(names), side.is_genius_xml(folder))


def run(folder: Path, mechanism: str, rounds: int, seed: int) -> MechanismRun:
    """Negotiate the scenario in `folder` under `mechanism` for at most `rounds` steps."""
    if mechanism not in MECHANISMS:
        raise ValueError(f"unknown mechanism {mechanism!r}; expected one of {MECHANISMS}")
    if rounds < 1:  # NegMAS reads n_steps=0 as "no limit"
        raise ValueError(f"rounds must be at least 1, not {rounds}")
    try:
        parties = load(folder)
    except Exception as error:
        return failed(mechanism, f"unreadable: {describe(error)}")
    seed_everything(seed)
    steps = 0
    try:
        started = time.perf_counter()
        negotiation = BUILDERS[mechanism](parties, rounds)
        state = negotiation.run()
        seconds = time.perf_counter() - started
        steps = int(state.step)
        if getattr(state, "has_error", False):
            raise RuntimeError(f"NegMAS: {state.error_details}")
        agreement, note = agreed_outcome(parties, state.agreement)
    except Exception as error:
        return failed(mechanism, describe(error), steps)
    if agreement is None:
        return MechanismRun(mechanism, False, None, None, steps, seconds, note=note)
    utilities = tuple(float(ufun(agreement)) for ufun in parties.ufuns)
    outcome = parties.outcome(agreement)
    return MechanismRun(mechanism, True, outcome, utilities, steps, seconds, note=note)


def failed(mechanism: str, error: str, rounds: int = 0) -> MechanismRun:
    return MechanismRun(mechanism, False, None, None, rounds, 0.0, error=error)


def describe(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}".splitlines()[0][:300]


def seed_everything(seed: int) -> None:
    """NegMAS's seeder (random and numpy.random); the same by hand where a version lacks it."""
    seeder = getattr(importlib.import_module("negmas.helpers.rand"), "seed_all", None)
    if seeder is not None:
        seeder(seed)
        return
    importlib.import_module("random").seed(seed)
    importlib.import_module("numpy").random.seed(seed % 2**32)


def sao(first: str, second: str) -> Callable[[Parties, int], Any]:
    def build(parties: Parties, rounds: int) -> Any:
        negotiators = importlib.import_module("negmas.sao")
        mechanism = negotiators.SAOMechanism(outcome_space=parties.outcome_space, n_steps=rounds)
        kinds = [first, second]
        for index, (name, ufun) in enumerate(zip(parties.names, parties.ufuns, strict=True)):
            kind = getattr(negotiators, kinds[min(index, len(kinds) - 1)])
            mechanism.add(kind(name=name), preferences=ufun)
        return mechanism

    return build


def single_text(kind: str) -> Callable[[Parties, int], Any]:
    def build(parties: Parties, rounds: int) -> Any:
        mechanism = getattr(importlib.import_module("negmas.st"), kind)(
            outcome_space=parties.outcome_space, n_steps=rounds
        )
        comparator = importlib.import_module("negmas.negotiators").BinaryComparatorNegotiator
        for name, ufun in zip(parties.names, parties.ufuns, strict=True):
            mechanism.add(comparator(name=name), preferences=ufun)
        return mechanism

    return build


BUILDERS: dict[str, Callable[[Parties, int], Any]] = {
    "SAO Boulware-Conceder": sao("BoulwareTBNegotiator", "ConcederTBNegotiator"),
    "SAO Aspiration-Aspiration": sao("AspirationNegotiator", "AspirationNegotiator"),
    "VetoST": single_text("VetoSTMechanism"),
    "HillClimbingST": single_text("HillClimbingSTMechanism"),
}


def agreed_outcome(parties: Parties, agreement: Any) -> tuple[tuple[Any, ...] | None, str]:
    """NegMAS's agreement as an outcome of the space, or None, and a note when it was not one."""
    if agreement is None:
        return None, ""
    space = parties.outcome_space
    if space.is_valid(agreement):
        return tuple(agreement), ""
    if isinstance(agreement, tuple) and len(agreement) == 1 and space.is_valid(agreement[0]):
        below = [
            name
            for name, ufun in zip(parties.names, parties.ufuns, strict=True)
            if float(ufun(agreement[0])) < float(ufun.reserved_value)
        ]
        return None, (
            f"no agreement: NegMAS reported its final text {agreement[0]}, in a 1-tuple, as the"
            f" agreement, below the reservation value of {', '.join(below)}"
        )
    raise ValueError(f"NegMAS reported an agreement outside the outcome space: {agreement!r}")


def shuttle_utilities(
    folder: Path, outcomes: Sequence[dict[str, Value]]
) -> list[tuple[float, ...]]:
    """Shuttle's utilities of the outcomes, party by party (loaded from the same folder)."""
    import numpy as np

    from shuttle.engine import load_scenario

    scenario = load_scenario(folder)
    space = scenario.space
    index = [{value: i for i, value in enumerate(issue.values)} for issue in space.issues]
    rows = np.array(
        [
            [options[outcome[name]] for name, options in zip(space.names, index, strict=True)]
            for outcome in outcomes
        ],
        dtype=np.int64,
    ).reshape(len(outcomes), len(space.issues))
    columns = [profile.utility(space, rows) for profile in scenario.profiles]
    return [tuple(float(column[row]) for column in columns) for row in range(len(outcomes))]


def check(folder: Path, limit: int = 50_000, seed: int = 0) -> int:
    """Raise ValueError unless NegMAS, as loaded here, agrees with Shuttle on the folder: party
    names and order, issues and options, reservation values, and every outcome's utilities
    within 1e-9 (a seeded sample of `limit` outcomes in larger spaces). Returns how many
    outcomes were compared."""
    import random

    from shuttle.engine import load_scenario

    scenario = load_scenario(folder)
    parties = load(folder)
    problems = []
    if parties.names != scenario.parties:
        problems.append(f"parties {parties.names} vs Shuttle's {scenario.parties}")
    ours = {
        parties.name(issue.name): [parties.option(v) for v in issue.all]
        for issue in parties.outcome_space.issues
    }
    theirs = {issue.name: list(issue.values) for issue in scenario.space.issues}
    if list(ours) != list(theirs):
        problems.append(f"issues {list(ours)} vs Shuttle's {list(theirs)}")
    for name, options in ours.items():
        if name in theirs and sorted(map(repr, options)) != sorted(map(repr, theirs[name])):
            problems.append(f"options of {name}: {options} vs Shuttle's {theirs[name]}")
    reservations = tuple(float(ufun.reserved_value) for ufun in parties.ufuns)
    if any(
        abs(a - b) > TOLERANCE for a, b in zip(reservations, scenario.reservations, strict=True)
    ):
        problems.append(f"reservation values {reservations} vs Shuttle's {scenario.reservations}")
    if problems:
        raise ValueError(f"{folder.name}: " + "; ".join(problems))
    space = parties.outcome_space
    if space.cardinality <= limit:
        outcomes = list(space.enumerate())
    else:
        outcomes = random.Random(seed).sample(list(space.enumerate()), limit)
    named = [parties.outcome(outcome) for outcome in outcomes]
    expected = shuttle_utilities(folder, named)
    for outcome, want in zip(outcomes, expected, strict=True):
        got = tuple(float(ufun(outcome)) for ufun in parties.ufuns)
        if max(abs(a - b) for a, b in zip(got, want, strict=True)) > TOLERANCE:
            raise ValueError(f"{folder.name}: utilities of {outcome}: NegMAS {got}, Shuttle {want}")
    return len(outcomes)


def check_run(folder: Path, result: MechanismRun) -> None:
    """Raise ValueError unless a run's utilities are Shuttle's for its outcome."""
    if result.outcome is None or result.utilities is None:
        return
    (want,) = shuttle_utilities(folder, [result.outcome])
    if max(abs(a - b) for a, b in zip(result.utilities, want, strict=True)) > TOLERANCE:
        raise ValueError(
            f"{folder.name}, {result.mechanism}: utilities {result.utilities}, Shuttle's {want}"
        )


DEMO = ("GeniusWeb_FlightBooking", "Genius_IntegerDomain", "ANAC2010_EnglandZimbabwe")
DEMO_UNREADABLE = "ANAC2013_SmartPhone"  # a bare & in a value: NegMAS's XML parser refuses it
WIDE = 70


def demo(folders: Sequence[Path], rounds: int = 100, seed: int = 1) -> None:
    """Every mechanism on every folder, checked against Shuttle, as a table on stdout."""
    prepare()
    print(f"NegMAS {version()}, rounds={rounds}, seed={seed}")
    header = ("scenario", "mechanism", "deal", "utilities", "rounds", "ms", "options / note")
    lines = [header]
    notes: dict[str, int] = {}
    for folder in folders:
        try:
            compared = f"utilities agree with Shuttle on all {check(folder)} outcomes checked"
        except Exception as error:
            compared = f"not compared: {describe(error)}"
        print(f"{folder.name}: {compared}")
        for mechanism in MECHANISMS:
            result = run(folder, mechanism, rounds, seed)
            check_run(folder, result)
            utilities = result.utilities
            detail = result.error or result.note
            if detail and len(detail) > WIDE:  # in full below the table, numbered once
                notes.setdefault(detail, len(notes) + 1)
                detail = f"{detail[: WIDE - 9]}... [{notes[detail]}]"
            elif not detail and result.outcome is not None:
                detail = " / ".join(str(value) for value in result.outcome.values())
                detail = detail if len(detail) <= WIDE else f"{detail[: WIDE - 3]}..."
            lines.append(
                (
                    folder.name,
                    mechanism,
                    "yes" if result.agreement else "no",
                    "-" if utilities is None else " ".join(f"{u:.4f}" for u in utilities),
                    str(result.rounds),
                    f"{result.seconds * 1000:.1f}",
                    detail,
                )
            )
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    print()
    for line in lines:
        print(
            "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
        )
    if notes:
        print()
        print("\n".join(f"[{number}] {text}" for text, number in notes.items()))


if __name__ == "__main__":
    from _engine_scenarios import scenarios_folder

    names = sys.argv[1:] or [*DEMO, DEMO_UNREADABLE]
    demo([scenarios_folder() / name for name in names])
