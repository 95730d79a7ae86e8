"""A refusal's hint in the command line's words: the option to use, or the command to run.

The domain says what is wrong in the talk's words and points at what to change (`Hint`); only
here does that become `--mode verbatim` or `shuttle consent`.
"""

from __future__ import annotations

from shuttle.talks import Hint

OPTIONS: dict[str, str] = {
    "parties": "--party, once for each",
    "mediators": "--mediator",
    "party": "--party",
    "room": "--room",
    "to": "--to",
    "source": "--source",
    "mode": "--mode",
    "number": "--number",
    "text": "the TEXT argument",
}
"""Each command field a refusal may point at, as the command line spells it."""

SPECIAL: dict[tuple[str, str], str] = {
    ("role", "mediator"): "--mediator alone",
}
"""Field and value pairs that read better as a phrase than as an option and its value."""

ACTIONS: dict[str, str] = {
    "say": "shuttle say",
    "consent": "shuttle consent",
    "set-agenda": "shuttle agenda, or talk open --scenario",
    "add-participant": "shuttle join --mediator",
}


def cli_hint(hint: Hint | None) -> str:
    """The hint as a parenthesis to append to the refusal's message ('' when there is none)."""
    if hint is None:
        return ""
    if hint.action is not None:
        return f" ({ACTIONS.get(hint.action, hint.action)})"
    if hint.field is None:
        return ""
    if hint.value is not None and (hint.field, hint.value) in SPECIAL:
        return f" ({SPECIAL[hint.field, hint.value]})"
    option = OPTIONS.get(hint.field, hint.field)
    return f" ({option}{'' if hint.value is None else ' ' + hint.value})"
