"""Loading JSON text into plain data, safely: the JSON side of `yaml_loader`.

Python's `json` accepts what a scenario never needs, and some of it is hostile:

- a key given twice in one object, which it resolves by silently keeping the last: refused;
- nesting a few hundred levels deep, which exhausts its (recursive) decoder: anything deeper
  than `MAX_DEPTH` is refused. The decoder checks Python's recursion limit at every level and
  raises `RecursionError` cleanly, so that is caught at this boundary, and what parses but
  nests past `MAX_DEPTH` is refused by an (iterative) walk, so the limit is the same number
  however deep the file goes;
- an integer of thousands of digits, which it converts in quadratic time and refuses past 4,300
  digits with a `ValueError`: an integer longer than `_INTEGER_DIGITS` is read as a float
  instead (infinite when beyond 1.8e308), so it reaches the reader's checks like any number and
  is refused there with its field named. GeniusWeb files hold no integer that must stay exact.

``NaN`` and ``Infinity`` (which `json` also accepts) and numbers beyond 1.8e308 (which it reads
as infinite) are left to the reader, which refuses a non-finite number naming its field.
"""

from __future__ import annotations

import json

from shuttle.engine.formats.errors import Problem, shown
from shuttle.engine.formats.limits import MAX_DEPTH

# Longer than any int64; shorter than anything Python is slow to convert.
_INTEGER_DIGITS = 20


def load_json(text: str) -> object:
    """The data in JSON `text`; anything refused above becomes a `Problem`."""
    try:
        data = json.loads(text, object_pairs_hook=_unique_keys, parse_int=_integer)
    except json.JSONDecodeError as error:
        raise Problem(
            f"not valid JSON: {error.msg} (line {error.lineno}, column {error.colno})"
        ) from None
    except RecursionError:
        raise Problem(_TOO_DEEP) from None
    if _deeper_than(data, MAX_DEPTH):
        raise Problem(_TOO_DEEP)
    return data


_TOO_DEEP = f"nested too deep (more than {MAX_DEPTH} levels)"


def _unique_keys(pairs: list[tuple[str, object]]) -> dict[str, object]:
    found: dict[str, object] = {}
    for key, value in pairs:
        if key in found:
            raise Problem(f"key {shown(key)} appears twice in one object")
        found[key] = value
    return found


def _integer(text: str) -> int | float:
    return int(text) if len(text) <= _INTEGER_DIGITS else float(text)


def _deeper_than(data: object, limit: int) -> bool:
    """Whether lists and objects in `data` nest more than `limit` levels deep."""
    pending = [(data, 1)]
    while pending:
        value, depth = pending.pop()
        if isinstance(value, dict):
            children = list(value.values())
        elif isinstance(value, list):
            children = value
        else:
            continue
        if depth > limit:
            return True
        pending.extend((child, depth + 1) for child in children)
    return False
