"""The oracle's vocabulary: texts and numbers as the record keeps them, and the secret tokens
inside them.

Everything here is plain reading of the rules in words (names compared after NFC, typed text
trimmed, numbers written as the shortest text that reads back), so every other part of the
oracle says the same thing the same way.
"""

from __future__ import annotations

import math
import re
import unicodedata

from shuttle.talks.single_text.events import EscalationStep

TOKEN = re.compile(r"~[0-9a-f]{8}[0-9]+~")
NUMBER = re.compile(r"[0-9]+\.[0-9]+")  # where a secret number would show

Viewer = str | None  # a party, or None: a mediator
Agenda = tuple[tuple[str, tuple[str, ...]], ...]
Pairs = tuple[tuple[str, str], ...]


def nfc(name: str) -> str:
    return unicodedata.normalize("NFC", name.strip())


def token_in(text: str) -> str:
    """The one token in a text that came back in an event."""
    tokens: list[str] = TOKEN.findall(text)
    assert len(tokens) == 1, f"{text!r} should hold exactly one token"
    return tokens[0]


def trimmed(text: str | None) -> str | None:
    """Typed text as the record keeps it, or None when it trims to nothing."""
    return None if text is None or not text.strip() else text.strip()


def decimal(value: float) -> str | None:
    """A finite number as the record writes it (shortest text that reads back), else None."""
    return repr(float(value)) if math.isfinite(value) else None


def within(value: float, low: float, high: float, *, open_low: bool = False) -> str | None:
    text = decimal(value)
    if text is None or value > high or (value <= low if open_low else value < low):
        return None
    return text


def option_number(option: str) -> float | None:
    """An agenda option read as a finite number, or None if it is none."""
    try:
        value = float(option)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def escalation_step(text: str, drop: float) -> EscalationStep:
    """A scheduled incident as the record keeps it (after round 2, always)."""
    return EscalationStep(after_round=2, text=text.strip(), drop=repr(drop), chance="1.0")
