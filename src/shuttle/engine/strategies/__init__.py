"""Automated parties' and mediators' strategies, as pure decision functions.

Every strategy is a frozen object made from what it may know (the outcome space, its own
profile or the engine's advice, a seed) whose methods are functions of what it has seen; the
simulator (or `rehearsal`) feeds them. A *package* is one option index per issue.

Single negotiating text, at most `rounds` versions; version v is circulated at time
t = v / rounds, so the last version is at t = 1:

1. The mediator drafts version v from the rounds so far, each a `Round(draft, answers)` with
   the answers in party order, and t. The single-text mediator is given nothing else, never a
   profile; the guided mediator also has the engine's `MediatorAdvice`.
2. Every party answers privately, seeing all drafts so far (the new one last) at time t:
   `accept` (it would sign this version), `prefer` (issue -> its best option, for exactly the
   issues where the draft is not at a best option), `comparison` (this version against the
   previous one for this party: "better", "worse" or "same"; None on version 1) and an empty
   comment.
3. The version is the agreement when every party accepts it; otherwise the next version
   follows, until the deadline.

Alternating offers through a relay: see `rehearsal`. Escalation lowers every party's
reservation value by a known amount: a party's effective reservation value is
max(0, reservation - escalation).

Parties accept iff a package is worth at least their aspiration and their effective
reservation value; their aspiration falls to that reservation value by t = 1, so a text every
party finds acceptable is signed at the latest on the last version.
"""

from shuttle.engine.strategies.advice import MediatorAdvice
from shuttle.engine.strategies.guided import GuidedMediator
from shuttle.engine.strategies.party import AspirationParty, TimeBasedParty
from shuttle.engine.strategies.protocol import (
    Comparison,
    DraftAnswer,
    Package,
    PartySight,
    Round,
)
from shuttle.engine.strategies.registry import (
    MEDIATOR_STRATEGIES,
    PARTY_STRATEGIES,
    UnknownStrategy,
    mediator_strategy,
    party_strategy,
)
from shuttle.engine.strategies.relay import RelayMediator
from shuttle.engine.strategies.single_text import SingleTextMediator
from shuttle.engine.strategies.tit_for_tat import TitForTatParty

__all__ = [
    "MEDIATOR_STRATEGIES",
    "PARTY_STRATEGIES",
    "AspirationParty",
    "Comparison",
    "DraftAnswer",
    "GuidedMediator",
    "MediatorAdvice",
    "Package",
    "PartySight",
    "RelayMediator",
    "Round",
    "SingleTextMediator",
    "TimeBasedParty",
    "TitForTatParty",
    "UnknownStrategy",
    "mediator_strategy",
    "party_strategy",
]
