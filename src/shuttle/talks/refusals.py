"""Why a command was not carried out, in words a person can act on.

Three kinds, because callers answer them differently (the CLI maps them to exit codes 2, 1, 3):
the input itself is malformed; a rule of the talk forbids it; or the thing named does not exist
*for this actor*. The last one is deliberately the same whether the thing is absent or merely
outside the actor's view, so a refusal can never be used to probe another party's room.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Hint:
    """Where a person can act on a refusal, for each surface to say in its own words: the
    command line names its option, the API its body's field, a page its form. `field` is the
    command's field the refusal concerns (`value` what would do there); `action` another
    command to use instead ("say", "consent", "set-agenda")."""

    field: str | None = None
    value: str | None = None
    action: str | None = None


class Refusal(Exception):
    """Base of every refusal; `str()` is the one-line reason, in the talk's words (no
    surface's option, field or command names: those come from `hint`)."""

    def __init__(self, message: str, hint: Hint | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message


class Invalid(Refusal):
    """The command is malformed: empty text, an unknown handling, a bad name."""


class Refused(Refusal):
    """A rule of proximity talks forbids the command; says the rule and what is allowed."""

    def __init__(self, rule: str, allowed: str, hint: Hint | None = None) -> None:
        super().__init__(f"{rule}; {allowed}", hint)
        self.rule = rule
        self.allowed = allowed


class NotFound(Refusal):
    """No such talk, participant, room or event -- or none the actor can see."""
