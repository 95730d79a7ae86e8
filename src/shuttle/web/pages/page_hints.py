"""A refusal's hint in the pages' words: the choice on the form to change, or the form to use.

The domain says what is wrong in the talk's words and points at what to change (`Hint`); a
page names its own forms and choices, never an option of the command line or a field of the API.
"""

from __future__ import annotations

from shuttle.talks import Hint, Mode

CHOICES: dict[tuple[str, str | None], str] = {
    ("mode", Mode.VERBATIM.value): "choose “verbatim” on the form",
    ("mode", Mode.PARAPHRASE.value): "choose “paraphrase” on the form",
    ("room", None): "choose the room on the form",
    ("number", None): "choose which one on the form",
}
"""Field (and value) pairs a page can point at; any other needs no more than the message."""

FORMS: dict[str, str] = {
    "say": "use the form that speaks in that room",
    "consent": "use the consent button in your room",
    "set-agenda": "set the agenda on the console first",
    "add-participant": "add another mediator on the people page first",
}


def page_hint(hint: Hint | None) -> str | None:
    """The hint as a short sentence for the form's message, or None when the message is all."""
    if hint is None:
        return None
    if hint.action is not None:
        return FORMS.get(hint.action)
    if hint.field is None:
        return None
    return CHOICES.get((hint.field, hint.value)) or CHOICES.get((hint.field, None))
