"""Automated parties' and mediators' strategies, as pure decision functions.

Every strategy is a frozen object made from what it may know (the outcome space, its own
profile or the engine's advice, a seed) whose methods are functions of what it has seen; the
simulator feeds them, and `rehearsal` runs the same protocols in memory. A *package* is one
option index per issue (`Package`). Times are shares of the deadline in [0, 1].

Single negotiating text, at most `rounds` versions (`SingleTextMediator`, `GuidedMediator`):

1. Version v is circulated at time t = v / rounds, so the last one at t = 1. The mediator
   drafts it with `draft(history, t)`, `history` the rounds so far, oldest first, each a
   `Round(draft, answers)` with the answers in party order. The single-text mediator is given
   nothing else, never a profile; the guided mediator also holds the engine's `MediatorAdvice`.
2. Every party answers privately with `answer_draft(PartySight(time=t, drafts=...))`, seeing
   every draft so far, the new one last: `accept` (it would sign this version), `prefer`
   (issue -> its best option, for exactly the issues where the draft is not at a best option),
   `comparison` (this version against the previous one, for this party: "better", "worse" or
   "same"; None on version 1), and an empty `comment`.
3. The version is the agreement when every party accepts it; otherwise the next follows,
   until version `rounds`; then the talk ends without agreement.

A mediator's proposal (take it or leave it): each party answers `answer_proposal(sight,
package)`, by the same rule as a draft.

Alternating offers through a relay (`RelayMediator`), at most `rounds` steps: at step s,
t = s / rounds, the party whose turn it is (party 0 first, then in order) judges the offer
standing from another party, if any, with `accept_offer(sight, offer)`; once every party but
the offer's author has accepted it, it is the agreement. Otherwise it makes its own,
`offer(sight)`, which the relay carries verbatim into every other room. The sight holds the
offers received (the one judged last) and the party's own offers.

Automated parties (`PARTY_STRATEGIES`: "boulware", "linear", "conceder", "tit-for-tat") accept
a text iff it is worth at least their aspiration and their effective reservation value,
max(0, reservation - escalation), `escalation` being what incidents have taken off every
reservation value so far (in `PartySight`). Their aspiration falls to that reservation value
by t = 1, so a text every party finds acceptable is signed on the last version at the latest.
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
