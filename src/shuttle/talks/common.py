"""Checks that many rules share: who the actor must be, which party a name means, and whether
the talk is still open to negotiation. Each raises a refusal with the reason a person reads."""

from __future__ import annotations

from collections.abc import Iterable

from shuttle.talks.agenda import Agenda
from shuttle.talks.participant import Participant
from shuttle.talks.refusals import Hint, NotFound, Refused
from shuttle.talks.state import TalkState


def listing(names: Iterable[object]) -> str:
    return ", ".join(repr(n) for n in names)


def participant_named(state: TalkState, name: str) -> Participant:
    """Participant `name` of the talk (after NFC normalisation and trimming), or NotFound."""
    participant = state.participant(name)
    if participant is None:
        raise NotFound(f"participant {name.strip()!r} not found in this talk")
    return participant


def party_of(state: TalkState, name: str) -> str:
    party = state.party_named(name)
    if party is None:
        raise NotFound(f"party {name.strip()!r} not found; parties: {listing(state.parties)}")
    return party


def require_mediator(actor: Participant, rule: str, allowed: str) -> None:
    if not actor.is_mediator:
        raise Refused(rule, allowed)


def require_delegate(actor: Participant, rule: str, allowed: str) -> str:
    """The delegate's party; refuses a mediator."""
    if actor.is_mediator or actor.party is None:
        raise Refused(rule, allowed)
    return actor.party


def require_agenda(state: TalkState) -> Agenda:
    agenda = state.negotiation.agenda
    if agenda is None:
        raise Refused(
            "this talk has no agenda yet",
            "a mediator sets one (or opens the talk with a scenario's agenda)",
            Hint(action="set-agenda"),
        )
    return agenda


def require_open(state: TalkState) -> None:
    """Refuse anything once a mediator has closed the talk."""
    closed = state.negotiation.closed
    if closed is not None:
        raise Refused(
            f"the talk was closed without agreement (event {closed})",
            "nothing more can be added to it; open a new talk to resume",
        )


def require_negotiating(state: TalkState) -> None:
    """Refuse changes to what is on the table once an agreement has been reached."""
    require_open(state)
    agreement = state.negotiation.agreement
    if agreement is not None:
        waiting = [p for p in state.parties if p not in state.negotiation.signatures]
        raise Refused(
            f"an agreement was reached (event {agreement.seq}); nothing is negotiated after it",
            f"it awaits the signatures of {listing(waiting)}" if waiting else "it is signed",
        )


def check_settled(state: TalkState, terms: Iterable[tuple[str, str]]) -> None:
    """Terms must keep every option a blind bid has settled."""
    settled = state.negotiation.settled
    for issue, option in terms:
        if issue in settled and settled[issue] != option:
            raise Refused(
                f"{issue!r} was settled at {settled[issue]!r} by a blind bid",
                f"keep {issue}={settled[issue]} in the terms",
            )
