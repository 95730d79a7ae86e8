"""The leak guard: before a mediator's own words go into a room, find what they come close to
among the statements that room may not have (a figure, a date, a name, a phrase, a meaning).

Pure text comparison: it knows nothing of talks. Which statements a room may not have is the
talk domain's to say (`shuttle.talks.guarding`); the service puts the two together.
"""

from shuttle.guard.check import Closeness, Protected, Warning, check
from shuttle.guard.meaning import Meaning, ModelMissing

__all__ = ["Closeness", "Meaning", "ModelMissing", "Protected", "Warning", "check"]
