"""Validation of the free text and names people type into a talk."""

from __future__ import annotations

import unicodedata

from shuttle.talks.refusals import Invalid

MAX_TEXT = 20_000
MAX_NAME = 120
MAX_TITLE = 300


def _check_encodable(value: str, what: str) -> None:
    # A lone surrogate (e.g. from undecodable command-line bytes) cannot be stored as UTF-8;
    # refuse it here rather than fail half-way through writing the record.
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        raise Invalid(
            f"{what} is not valid Unicode text (character {error.start + 1} "
            "is an unpaired surrogate)"
        ) from None


def clean_text(value: str, what: str = "text") -> str:
    """Trimmed text of 1 to 20,000 characters; any Unicode, kept exactly as typed otherwise."""
    _check_encodable(value, what)
    trimmed = value.strip()
    if not trimmed:
        raise Invalid(f"{what} is empty; write 1 to {MAX_TEXT:,} characters")
    if len(trimmed) > MAX_TEXT:
        raise Invalid(f"{what} has {len(trimmed):,} characters; at most {MAX_TEXT:,} are allowed")
    return trimmed


def clean_name(value: str, what: str = "name", limit: int = MAX_NAME) -> str:
    """A trimmed, NFC-normalised name without control characters.

    NFC makes 'é' typed as one code point and as 'e' + accent the same name, so two
    participants cannot look identical on screen while being different in the record.
    """
    _check_encodable(value, what)
    name = unicodedata.normalize("NFC", value.strip())
    if not name:
        raise Invalid(f"{what} is empty")
    if len(name) > limit:
        raise Invalid(f"{what} has {len(name)} characters; at most {limit} are allowed")
    for char in name:
        if unicodedata.category(char) in {"Cc", "Zl", "Zp"}:
            raise Invalid(f"{what} {name!r} contains a control or line-break character")
    return name
