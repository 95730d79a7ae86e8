"""The one byte form of a document that the record hashes and stores.

A hash chain is only useful if every party can recompute it, so a document must have exactly
one encoding: UTF-8 JSON with keys sorted by code point, no insignificant whitespace and
non-ASCII text kept as UTF-8 rather than ``\\uXXXX`` escapes. Floats are refused outright: their
text form differs between languages and libraries (``1.0`` vs ``1``, exponent styles, NaN), so
a document that needs fractions must carry them as strings or scaled integers.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, TypeAlias

# JSON values after normalisation: what json.dumps is allowed to see.
JsonValue: TypeAlias = "bool | int | str | list[JsonValue] | dict[str, JsonValue] | None"


def canonical_bytes(document: Mapping[str, object]) -> bytes:
    """Encode ``document`` in the canonical form.

    Allowed values are mappings with ``str`` keys, lists (tuples are accepted and encoded as
    lists), ``str``, ``int``, ``bool`` and ``None``. Anything else raises ``TypeError`` naming
    the offending path (e.g. ``$['items'][2]``); a string that UTF-8 cannot encode (a lone
    surrogate) raises ``ValueError`` naming its path.
    """
    if not isinstance(document, Mapping):
        raise TypeError(f"$: a document must be a mapping, not {type(document).__name__}")
    normalised = _normalise(document, "$")
    text = json.dumps(
        normalised, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    )
    return text.encode("utf-8")


def _normalise(value: object, path: str) -> JsonValue:
    """Check ``value`` recursively and return it as plain JSON types.

    Subclasses (an ``IntEnum``, a ``StrEnum``) are reduced to their base type so that
    ``json.dumps`` cannot pick a subclass's own ``repr``/``str`` and change the bytes.
    """
    # bool before int: bool is a subclass of int and must stay true/false.
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, str):
        return _checked_str(value, path)
    if isinstance(value, Mapping):
        result: dict[str, JsonValue] = {}
        for key, item in value.items():
            if not isinstance(key, str):
                raise TypeError(f"{path}: key {key!r} is a {type(key).__name__}, keys must be str")
            key_path = f"{path}[{key!r}]"
            result[_checked_str(key, key_path)] = _normalise(item, key_path)
        return result
    if isinstance(value, list | tuple):
        return [_normalise(item, f"{path}[{index}]") for index, item in enumerate(value)]
    if isinstance(value, float):
        raise TypeError(f"{path}: floats are not allowed ({value!r}); use a string or an integer")
    raise TypeError(f"{path}: {type(value).__name__} is not a JSON value allowed in a document")


def _checked_str(text: str, path: str) -> str:
    """Return ``text`` as a plain ``str`` if UTF-8 can encode it, else raise ``ValueError``."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ValueError(f"{path}: string cannot be encoded as UTF-8 ({exc.reason})") from exc
    return str(text)


def parse_canonical(body: bytes) -> dict[str, Any]:
    """The document whose canonical form is exactly ``body``; ``ValueError`` says why there is
    none (not UTF-8, not JSON, not an object, or JSON in another form than the canonical one)."""
    try:
        document = strict_json(body.decode("utf-8"))
    except (ValueError, RecursionError) as exc:
        raise ValueError(f"body is not canonical JSON: {exc}") from None
    if not isinstance(document, dict):
        raise ValueError(f"body is JSON but not an object ({type(document).__name__})")
    try:
        encoded = canonical_bytes(document)
    except (TypeError, ValueError, RecursionError) as exc:
        raise ValueError(f"body is not canonical JSON: {exc}") from None
    if encoded != body:
        raise ValueError("body is valid JSON but not in canonical form")
    return document


def strict_json(text: str | bytes) -> Any:
    """Parse JSON that may have been tampered with: ``NaN``/``Infinity`` and duplicate keys,
    which Python's json accepts (keeping the last of two keys), raise ``ValueError``; so do
    malformed text and integers too long to convert. Deep nesting raises ``RecursionError``."""
    return json.loads(text, parse_constant=_refuse_constant, object_pairs_hook=_unique_keys)


def _refuse_constant(name: str) -> object:
    raise ValueError(f"{name} is not allowed")


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise ValueError("an object has a duplicate key")
    return result
