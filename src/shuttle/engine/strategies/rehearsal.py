"""The protocols run in memory, exactly as the simulator runs them through a talk's record:
the reference for what each strategy sees and when. Used by tests and the tuning lab.

Single text, `rounds` versions at most: for version v = 1, 2, ..., time t = v / rounds; the
mediator drafts from the rounds so far and t; each party answers seeing every draft so far
(the new one last), at t; the version is the agreement when every party accepts it.

Alternating offers through a relay, `rounds` steps at most: at step s, t = s / rounds, the
party whose turn it is (party 0 first, then in order) first judges the offer standing from
another party, if any; accepting passes the turn on, and once every party but the offer's
author has accepted it, it is the agreement. Rejecting, the party makes its own offer, which
the relay carries into every other room, and it becomes the standing offer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from shuttle.engine.strategies.party import AspirationParty
from shuttle.engine.strategies.protocol import Package, PartySight, Round
from shuttle.engine.strategies.relay import RelayMediator


class TextMediator(Protocol):
    def draft(self, history: Sequence[Round], time: float) -> Package: ...


@dataclass(frozen=True)
class Rehearsal:
    """How a rehearsed talk ended: the agreement (None without one) and the steps used."""

    agreement: Package | None
    steps: int
    history: tuple[Round, ...] = ()
    offers: tuple[tuple[int, Package], ...] = ()


def rehearse_single_text(
    mediator: TextMediator,
    parties: Sequence[AspirationParty],
    rounds: int,
    escalation: float = 0.0,
) -> Rehearsal:
    """A single-negotiating-text talk of at most `rounds` versions."""
    history: list[Round] = []
    drafts: list[Package] = []
    for version in range(1, rounds + 1):
        time = version / rounds
        draft = mediator.draft(tuple(history), time)
        drafts.append(draft)
        sight = PartySight(time=time, drafts=tuple(drafts), escalation=escalation)
        answers = tuple(party.answer_draft(sight) for party in parties)
        history.append(Round(draft, answers))
        if all(answer.accept for answer in answers):
            return Rehearsal(draft, version, tuple(history))
    return Rehearsal(None, rounds, tuple(history))


def rehearse_alternating(
    relay: RelayMediator,
    parties: Sequence[AspirationParty],
    rounds: int,
    escalation: float = 0.0,
) -> Rehearsal:
    """Alternating offers through `relay`, at most `rounds` steps."""
    count = len(parties)
    received: list[list[Package]] = [[] for _ in parties]
    made: list[list[Package]] = [[] for _ in parties]
    offers: list[tuple[int, Package]] = []
    standing: tuple[int, Package] | None = None
    accepted: set[int] = set()
    mover = 0
    for step in range(1, rounds + 1):
        time = step / rounds
        sight = PartySight(
            time=time,
            offers_received=tuple(received[mover]),
            own_offers=tuple(made[mover]),
            escalation=escalation,
        )
        if standing is not None and parties[mover].accept_offer(sight, standing[1]):
            accepted.add(mover)
            if len(accepted) == count - 1:
                return Rehearsal(standing[1], step, offers=tuple(offers))
        else:
            offer = parties[mover].offer(sight)
            made[mover].append(offer)
            offers.append((mover, offer))
            for room, carried in relay.carry(offer, mover, count).items():
                received[room].append(carried)
            standing, accepted = (mover, offer), set()
        mover = relay.next_party(mover, count)
    return Rehearsal(None, rounds, offers=tuple(offers))
