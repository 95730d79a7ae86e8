"""Words a participant typed, made safe to print on a terminal."""

from __future__ import annotations

import unicodedata


def terminal_safe(text: str) -> str:
    """`text` with control characters made visible, so that words a participant typed cannot
    move the cursor, clear the screen or forge other lines on the reader's terminal.

    Character by character, so that a line made safe whole reads the same as one made of
    safe parts."""
    return "".join(
        c if c in "\n\t" or unicodedata.category(c) != "Cc" else repr(c)[1:-1] for c in text
    )
