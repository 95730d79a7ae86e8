"""An agenda as a mediator types it on the console: one issue per line, its name, a colon and
its options separated by commas -- "Sanctions relief: none, phased, full". Only the line's
shape is checked here; the domain checks the rest (names, duplicates, sizes) in words."""

from __future__ import annotations

from collections.abc import Sequence

from shuttle.talks import Invalid

Issues = tuple[tuple[str, tuple[str, ...]], ...]

EXAMPLE = "Sanctions relief: none, phased, full"


def parse_agenda(text: str) -> Issues:
    """The issues typed in `text`; Invalid, naming the line, when one cannot be read."""
    issues = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        name, colon, options = line.partition(":")
        if not colon or not name.strip():
            raise Invalid(
                f"line {number} ({line.strip()!r}) needs the issue's name, a colon and its "
                f'options, such as "{EXAMPLE}"'
            )
        chosen = tuple(o.strip() for o in options.split(",") if o.strip())
        issues.append((name.strip(), chosen))
    return tuple(issues)  # the domain checks the rest: two options or more, no duplicates


def agenda_text(issues: Sequence[tuple[str, Sequence[str]]]) -> str:
    """`issues` written back as the console's editor reads them."""
    return "\n".join(f"{name}: {', '.join(options)}" for name, options in issues)
