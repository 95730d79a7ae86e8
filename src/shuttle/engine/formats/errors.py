"""How the scenario readers report a file they cannot read.

Every refusal is a `ScenarioError` whose message names the file, the element within it and the
problem, e.g. ``ANAC2013_SmartPhone/Buyer.xml: <issue index=3> <item value="Apple">: evaluation
'abc' is not a number``, so that whoever supplied the file can fix it without a debugger.

Readers build those messages in two steps: small helpers raise `Problem` with the problem alone,
and `located` turns it into a `ScenarioError` once the file and element are known.

A message stays one short line whatever the file holds: a value it quotes goes through `shown`,
which cuts it to `ECHOED` characters without ever building its whole text (a value nested a
thousand levels deep, or an integer of 5,000 digits, has a text too costly to build or none at
all), and every part of a `ScenarioError` is cut to `PART` characters in case a reader quoted
something unbounded (a name, an attribute) as written.
"""

from __future__ import annotations

import math
import reprlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ECHOED = 80
"""Characters of a quoted value that a message shows."""

PART = 160
"""Characters of each part of a `ScenarioError` (file, element, problem)."""


class ScenarioError(Exception):
    """A scenario file that cannot be read: `source` (the file), `element` (where in it, when
    known) and `problem` (what is wrong), joined by colons in the message."""

    def __init__(self, source: str, problem: str, element: str | None = None) -> None:
        source, problem = clipped(source, PART), clipped(problem, PART)
        element = None if element is None else clipped(element, PART)
        super().__init__(source, problem, element)
        self.source = source
        self.problem = problem
        self.element = element

    def __str__(self) -> str:
        parts = [self.source, self.element, self.problem]
        return ": ".join(part for part in parts if part)


class Problem(Exception):
    """What is wrong with a value, before the reader knows which file and element held it."""


@contextmanager
def located(source: str, element: str | None = None) -> Iterator[None]:
    """Re-raise a `Problem` inside the block as a `ScenarioError` naming `source` and `element`."""
    try:
        yield
    except Problem as problem:
        raise ScenarioError(source, str(problem), element) from None


def source_label(path: Path) -> str:
    """A file's name with its folder (``ANAC2011_Laptop/laptop_domain.xml``): enough to find it,
    short enough to read, and the same on every machine."""
    return f"{path.parent.name}/{path.name}" if path.parent.name else path.name


class _ShortRepr(reprlib.Repr):
    """`reprlib`'s bounded repr (a few levels, a few items of each), except for long integers,
    whose digits it would compute in full, and which Python refuses past 4,300 digits."""

    def repr_int(self, x: int, level: int) -> str:
        if x.bit_length() <= 128:
            return repr(x)
        return f"<an integer of about {int(x.bit_length() * math.log10(2)) + 1:,} digits>"


_SHORT = _ShortRepr()
_SHORT.maxlevel, _SHORT.maxstring, _SHORT.maxother = 3, ECHOED, ECHOED


def shown(value: object) -> str:
    """`value` as a message quotes it (``'20%'``, ``[1, 2, ...]``), at most `ECHOED` long."""
    return clipped(_SHORT.repr(value), ECHOED)


def clipped(text: str, limit: int) -> str:
    """`text` cut to `limit` characters, ending in an ellipsis when cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
