"""Turning what `yaml` loaded (plain dicts, lists, strings and numbers) into checked values.

YAML reads ``yes``, ``3.0`` or ``100_16`` as a boolean or a number, so a label (an issue, an
option, a party) written that way would silently change; labels must be strings, and the
problem says to quote them. The loader also refuses a key given twice in one mapping, which
plain YAML would resolve by silently keeping the last (two parties pasted under one name).
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable
from typing import Any

import yaml

from shuttle.engine.formats.errors import Problem


class StrictLoader(yaml.SafeLoader):
    """`yaml.SafeLoader` (plain YAML types only, never Python objects) refusing duplicate keys."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Hashable, Any]:
        seen: set[tuple[str, str]] = set()
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                key = (key_node.tag, key_node.value)
                if key in seen:
                    raise yaml.constructor.ConstructorError(
                        None, None, f"key {key_node.value!r} appears twice", key_node.start_mark
                    )
                seen.add(key)
        return super().construct_mapping(node, deep=deep)


def load(text: str) -> object:
    """The data in YAML `text`; a syntax error becomes a `Problem` with its line and column."""
    try:
        return yaml.load(text, Loader=StrictLoader)  # safe: StrictLoader is a SafeLoader
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
        raise Problem(f"not valid YAML: {error.problem}{where}") from None
    except yaml.YAMLError as error:
        raise Problem(f"not valid YAML: {error}") from None


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
        raise Problem(f"{what} {value!r} is {_kind(value)}, not text{hint}")
    if not value:
        raise Problem(f"{what} is empty")
    return value


def number(value: object, what: str) -> float:
    """A finite int or float (not a boolean) as a float."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise Problem(f"{what} {value!r} is {_kind(value)}, not a number")
    if not math.isfinite(value):
        raise Problem(f"{what} {value!r} is not a finite number")
    return float(value)


def integer(value: object, what: str) -> int:
    """An int (not a boolean, not a float)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise Problem(f"{what} {value!r} is {_kind(value)}, not an integer")
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
            raise Problem(f"unknown key {key!r} in {what} (expected {', '.join(allowed)})")


def required(data: dict[str, object], key: str, what: str) -> object:
    """`data[key]`, which must be present."""
    if key not in data:
        raise Problem(f"{what} needs {key!r}")
    return data[key]
