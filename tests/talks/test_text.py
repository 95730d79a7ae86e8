"""Names and text: trimmed, normalised names; text kept exactly as typed."""

from __future__ import annotations

import pytest

from shuttle.talks import Invalid
from shuttle.talks.text import clean_name, clean_text


def test_text_is_trimmed_but_otherwise_untouched() -> None:
    assert clean_text("  Jose\u0301\n") == "Jose\u0301"


def test_names_are_nfc_normalised() -> None:
    assert clean_name(" Jose\u0301 ") == "Jos\u00e9"


@pytest.mark.parametrize("name", ["a\nb", "a\x00b", "a\u2028b", "x" * 121, " "])
def test_bad_names_are_refused(name: str) -> None:
    with pytest.raises(Invalid):
        clean_name(name)


def test_zero_width_non_joiner_is_a_legitimate_name_character() -> None:
    assert (
        clean_name("\u0645\u06cc\u200c\u0631\u0648\u0645") == "\u0645\u06cc\u200c\u0631\u0648\u0645"
    )
