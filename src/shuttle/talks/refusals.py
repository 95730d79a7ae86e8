"""Why a command was not carried out, in words a person can act on.

Three kinds, because callers answer them differently (the CLI maps them to exit codes 2, 1, 3):
the input itself is malformed; a rule of the talk forbids it; or the thing named does not exist
*for this actor*. The last one is deliberately the same whether the thing is absent or merely
outside the actor's view, so a refusal can never be used to probe another party's room.
"""

from __future__ import annotations


class Refusal(Exception):
    """Base of every refusal; `str()` is the one-line reason."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class Invalid(Refusal):
    """The command is malformed: empty text, an unknown handling, a bad name."""


class Refused(Refusal):
    """A rule of proximity talks forbids the command; says the rule and what is allowed."""

    def __init__(self, rule: str, allowed: str) -> None:
        super().__init__(f"{rule}; {allowed}")
        self.rule = rule
        self.allowed = allowed


class NotFound(Refusal):
    """No such talk, participant, room or event -- or none the actor can see."""
