"""A refusal's hint in the JSON API's words: the body's field to change, or the route to use.

The domain says what is wrong in the talk's words and points at what to change (`Hint`); the
API names its own fields and routes, so a program's author knows where to look.
"""

from __future__ import annotations

from shuttle.talks import Hint

ROUTES: dict[str, str] = {
    "say": "POST /api/talks/{talk}/statements",
    "consent": "POST /api/talks/{talk}/consent",
    "set-agenda": "POST /api/talks/{talk}/agenda",
    "add-participant": "POST /api/talks/{talk}/participants",
}


def api_hint(hint: Hint | None) -> dict[str, str]:
    """The hint as fields of an error body: `field` (and `value`), or `use` (a route)."""
    if hint is None:
        return {}
    if hint.action is not None:
        return {"use": ROUTES.get(hint.action, hint.action)}
    if hint.field is None:
        return {}
    found = {"field": hint.field}
    return found if hint.value is None else found | {"value": hint.value}
