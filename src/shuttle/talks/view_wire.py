"""A view's wire form read back: the inverse of `to_dict`, for documents that carry views.

An export holds the views its participant was given, as `to_dict` wrote them plus the name of
their class (``view``: several classes share an event's kind, as the three sights of a
carriage do). Reading one back builds the same frozen value, checking every field's type
against the class's own annotations, so that a document edited by hand is refused with a
sentence, never half-read.
"""

from __future__ import annotations

import types
from dataclasses import MISSING, fields, is_dataclass
from enum import StrEnum
from typing import Any, Union, get_args, get_origin, get_type_hints

from shuttle.talks.participant import Participant
from shuttle.talks.views import Seen

VIEW_CLASSES: dict[str, type[Any]] = {cls.__name__: cls for cls in get_args(Seen)}
"""Every kind of view, by its class name (the ``view`` field of its wire form)."""


def view_to_wire(seen: Seen) -> dict[str, Any]:
    """`seen` as plain data: its wire form (`to_dict`) and the name of its class."""
    return {"view": type(seen).__name__, **seen.to_dict()}


def view_from_wire(data: object) -> Seen:
    """The view `data` describes; ValueError names the first thing that does not fit."""
    if not isinstance(data, dict):
        raise ValueError("a view must be an object")
    cls = VIEW_CLASSES.get(str(data.get("view")))
    if cls is None:
        raise ValueError(f"unknown view {str(data.get('view'))[:60]!r}")
    seen: Seen = _build(cls, data, str(data.get("view")))
    if seen.to_dict() != {k: v for k, v in data.items() if k != "view"}:
        raise ValueError(f"{cls.__name__} {data.get('seq')!r} has fields its kind does not hold")
    return seen


def participant_to_wire(participant: Participant) -> dict[str, Any]:
    return {
        "name": participant.name,
        "role": participant.role.value,
        "party": participant.party,
        "left": participant.left,
    }


def participant_from_wire(data: object) -> Participant:
    participant: Participant = _build(Participant, data, "the participant")
    if participant.is_mediator != (participant.party is None):
        raise ValueError("a mediator has no party, and a delegate has one")
    return participant


def _build(cls: type[Any], data: object, where: str) -> Any:
    if not isinstance(data, dict):
        raise ValueError(f"{where}: expected an object")
    hints = _hints(cls)
    values: dict[str, Any] = {}
    for item in fields(cls):
        if not item.init:
            continue
        if item.name in data:
            values[item.name] = _value(hints[item.name], data[item.name], f"{where}.{item.name}")
        elif item.default is not MISSING or item.default_factory is not MISSING:
            continue
        elif item.metadata.get("withheld"):
            values[item.name] = None  # withheld and not given: the view's "not told"
        else:
            raise ValueError(f"{where}: {item.name!r} is missing")
    return cls(**values)


_HINTS: dict[type[Any], dict[str, Any]] = {}


def _hints(cls: type[Any]) -> dict[str, Any]:
    if cls not in _HINTS:
        _HINTS[cls] = get_type_hints(cls)
    return _HINTS[cls]


def _value(hint: Any, value: object, where: str) -> Any:
    origin, args = get_origin(hint), get_args(hint)
    if origin in (Union, types.UnionType):
        if value is None and type(None) in args:
            return None
        for option in (a for a in args if a is not type(None)):
            try:
                return _value(option, value, where)
            except ValueError:
                continue
        raise ValueError(f"{where}: {str(value)[:60]!r} is not of the expected type")
    if origin is tuple:
        if not isinstance(value, list):
            raise ValueError(f"{where}: expected a list")
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_value(args[0], v, f"{where}[{i}]") for i, v in enumerate(value))
        if len(args) != len(value):
            raise ValueError(f"{where}: expected {len(args)} items")
        return tuple(
            _value(a, v, f"{where}[{i}]") for i, (a, v) in enumerate(zip(args, value, strict=True))
        )
    if isinstance(hint, type) and issubclass(hint, StrEnum):
        try:
            if not isinstance(value, str):
                raise ValueError
            return hint(value)
        except ValueError:
            raise ValueError(f"{where}: {str(value)[:60]!r} is not a {hint.__name__}") from None
    if is_dataclass(hint) and isinstance(hint, type):
        return _build(hint, value, where)
    if hint in (str, int, bool, float) and type(value) is hint:
        return value
    if hint is float and type(value) is int:
        return float(value)
    raise ValueError(f"{where}: {str(value)[:60]!r} is not {getattr(hint, '__name__', hint)}")
