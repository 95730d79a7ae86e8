"""The confidentiality machine's state: the talk as the domain folds it, and the oracle's books
kept beside it from nothing but the commands issued and the events that came back.

`MachineBase` is what every other part of the machine builds on.
"""

from __future__ import annotations

from hypothesis.stateful import RuleBasedStateMachine

from shuttle.talks import TalkState, initial_state
from tests.talks.confidentiality.oracle.expect import Oracle


class MachineBase(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.state: TalkState = initial_state()
        self.oracle = Oracle()  # built only from the commands issued and the events that came back
        self.checked: TalkState | None = None  # the state whose views were last checked
        self.checked_seq = 0
        self.compared: set[str] = set()  # participants whose views were compared whole
