"""How the scenario readers report a file they cannot read.

Every refusal is a `ScenarioError` whose message names the file, the element within it and the
problem, e.g. ``ANAC2013_SmartPhone/Buyer.xml: <issue index=3> <item value="Apple">: evaluation
'abc' is not a number``, so that whoever supplied the file can fix it without a debugger.

Readers build those messages in two steps: small helpers raise `Problem` with the problem alone,
and `located` turns it into a `ScenarioError` once the file and element are known.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class ScenarioError(Exception):
    """A scenario file that cannot be read: `source` (the file), `element` (where in it, when
    known) and `problem` (what is wrong), joined by colons in the message."""

    def __init__(self, source: str, problem: str, element: str | None = None) -> None:
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
