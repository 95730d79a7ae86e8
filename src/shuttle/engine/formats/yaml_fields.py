"""Turning what `yaml` loaded (plain dicts, lists, strings and numbers) into checked values.

YAML reads ``yes``, ``3.0`` or ``100_16`` as a boolean or a number, so a label (an issue, an
option, a party) written that way would silently change; labels must be strings, and the
problem says to quote them. The other way round, YAML 1.1 reads ``1e-3`` (no dot) as text; the
problem says how to write it as a number. Values are quoted through `shown`, so a message stays
short whatever the file holds. `yaml_loader` loads the text.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable

from shuttle.engine.formats.checks import finite
from shuttle.engine.formats.errors import Problem, shown


def _kind(value: object) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if value is None:
        return "empty (null)"
    return f"a {type(value).__name__}"


def label(value: object, what: str) -> str:
    """A non-empty string naming something: an issue, an option, a party, the scenario."""
    if not isinstance(value, str):
        hint = ": quote it" if isinstance(value, bool | int | float) else ""
        raise Problem(f"{what} {shown(value)} is {_kind(value)}, not text{hint}")
    if not value:
        raise Problem(f"{what} is empty")
    return value


def number(value: object, what: str) -> float:
    """A finite int or float (not a boolean) as a float."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise Problem(f"{what} {shown(value)} is {_kind(value)}, not a number{_hint(value)}")
    if isinstance(value, int) and abs(value) > _LARGEST_FLOAT:
        raise Problem(f"{what} {shown(value)} is larger than the largest number (1.8e308)")
    return finite(float(value), what)


_LARGEST_FLOAT = sys.float_info.max


# What YAML 1.1 reads as text but a person means as a number: an exponent without a dot in the
# mantissa or without a sign (1e-3, 1.0e308). YAML's own float needs both (1.0e-3, 1.0e+308).
_EXPONENT = re.compile(r"([-+]?)([0-9]+)(?:\.([0-9]*))?[eE]([-+]?)([0-9]+)")


def _hint(value: object) -> str:
    """How to write text like ``1e308``, which YAML 1.1 reads as text, as a number."""
    if not isinstance(value, str) or len(value) > 40:
        return ""
    match = _EXPONENT.fullmatch(value)
    if match is None:
        return ""
    sign, whole, fraction, exponent_sign, exponent = match.groups()
    written = f"{sign}{whole}.{fraction or 0}e{exponent_sign or '+'}{exponent}"
    return f": YAML reads it as text; write {written}"


def integer(value: object, what: str) -> int:
    """An int (not a boolean, not a float)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise Problem(f"{what} {shown(value)} is {_kind(value)}, not an integer")
    return value


def items(value: object, what: str) -> list[object]:
    """A YAML sequence."""
    if not isinstance(value, list):
        raise Problem(f"{what} must be a list, not {_kind(value)}")
    return value


def table(value: object, what: str) -> dict[object, object]:
    """A YAML mapping with keys of any type."""
    if not isinstance(value, dict):
        raise Problem(f"{what} must be a mapping, not {_kind(value)}")
    return value


def named(value: object, what: str) -> dict[str, object]:
    """A YAML mapping whose keys are labels (see `label`)."""
    return {label(key, "key"): item for key, item in table(value, what).items()}


def only(data: dict[str, object], allowed: Iterable[str], what: str) -> None:
    """Refuse keys outside `allowed`: a misspelt key must not be silently ignored."""
    allowed = tuple(allowed)
    for key in data:
        if key not in allowed:
            raise Problem(f"unknown key {shown(key)} in {what} (expected {', '.join(allowed)})")


def required(data: dict[str, object], key: str, what: str) -> object:
    """`data[key]`, which must be present."""
    if key not in data:
        raise Problem(f"{what} needs {shown(key)}")
    return data[key]
