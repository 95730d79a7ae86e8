"""The rules of the rooms' conversation: opening a talk, joining and leaving it, speaking,
releasing a statement, carrying it to another room, notes, and consent to the joint room.

Like every rule, each function reads the state, returns the events to record or raises a
refusal naming the rule and what is allowed; `decide` only dispatches to them.
"""

from __future__ import annotations

import unicodedata
from typing import assert_never

from shuttle.talks.common import listing, party_of, require_delegate, require_mediator
from shuttle.talks.conversation.commands import (
    Consent,
    ConversationCommand,
    Convey,
    Join,
    Leave,
    Note,
    OpenTalk,
    Release,
    Say,
)
from shuttle.talks.conversation.events import (
    Consented,
    Conveyed,
    Delegate,
    Joined,
    JointRoomOpened,
    Left,
    Noted,
    Released,
    Said,
    TalkOpened,
)
from shuttle.talks.conversation.statement import Statement
from shuttle.talks.events import Event
from shuttle.talks.participant import Participant
from shuttle.talks.refusals import Hint, Invalid, NotFound, Refused
from shuttle.talks.state import TalkState
from shuttle.talks.text import MAX_TITLE, clean_name, clean_text
from shuttle.talks.visibility import can_see
from shuttle.talks.vocabulary import JOINT_ROOM, Handling, Mode, Role


def open_talk(command: OpenTalk) -> TalkOpened:
    title = clean_name(command.title, "title", limit=MAX_TITLE)
    parties = _unique([clean_name(p, "party name") for p in command.parties], "party")
    if len(parties) < 2:
        raise Invalid("a talk needs at least two parties", Hint(field="parties"))
    for party in parties:
        if party.casefold() == JOINT_ROOM:
            raise Invalid(f"{party!r} cannot name a party: it is the joint room's name")
    mediators = [clean_name(m, "mediator name") for m in command.mediators]
    if not mediators:
        raise Invalid("a talk needs at least one mediator", Hint(field="mediators"))
    delegates = []
    for delegate in command.delegates:
        party = clean_name(delegate.party, "party name")
        if party not in parties:
            raise Invalid(
                f"delegate {delegate.name.strip()!r} belongs to {party!r}, which is not a party "
                f"of this talk ({listing(parties)})"
            )
        delegates.append(Delegate(clean_name(delegate.name, "delegate name"), party))
    names = _unique([*mediators, *(d.name for d in delegates)], "participant")
    for name in names:
        if name in parties:
            raise Invalid(f"{name!r} is a party's name; a participant needs a name of its own")
    return TalkOpened(
        title=title,
        parties=tuple(parties),
        mediators=tuple(mediators),
        delegates=tuple(delegates),
        default_handling=command.default_handling,
        hide_carried_text=command.hide_carried_text,
        bid_rule=command.bid_rule,
        notice=None if command.notice is None else clean_text(command.notice, "notice"),
        process=command.process,
    )


def join(state: TalkState, actor: Participant, command: Join) -> Joined:
    require_mediator(actor, "only a mediator adds participants to a talk", "ask the mediator")
    name = clean_name(command.name, "participant name")
    known = state.participant(name)
    if known is not None and not known.present:
        # The record keeps the name for what it said: a newcomer needs a name of its own.
        raise Refused(f"{name!r} took part in this talk and left it", "choose another name")
    if known is not None:
        raise Refused(f"{name!r} already takes part in this talk", "choose another name")
    if state.party_named(name) is not None:
        raise Refused(f"{name!r} is a party's name", "give the participant a name of its own")
    if command.role is Role.MEDIATOR:
        if command.party is not None:
            raise Invalid(
                "a mediator belongs to no party; add it without one",
                Hint(field="role", value=Role.MEDIATOR.value),
            )
        return Joined(by=actor.name, name=name, role=Role.MEDIATOR, party=None)
    if command.party is None:
        raise Invalid("a delegate joins a party; name the party", Hint(field="party"))
    party = party_of(state, command.party)
    return Joined(by=actor.name, name=name, role=Role.DELEGATE, party=party)


def leave(state: TalkState, actor: Participant, command: Leave) -> Left:
    """A participant leaves, or a mediator removes one; the talk always keeps a mediator."""
    gone = state.participant(command.name)
    if gone != actor:
        # Refused before looking the name up: a delegate learns nothing of who is there.
        require_mediator(
            actor,
            "only a mediator removes participants from a talk",
            "you may leave the talk yourself",
        )
    if gone is None:
        raise NotFound(f"participant {command.name.strip()!r} not found in this talk")
    if not gone.present:
        raise Refused(f"{gone.name!r} has already left this talk", "nothing to do")
    if gone.is_mediator and state.mediators() == [gone]:
        raise Refused(
            f"{gone.name!r} is the talk's only mediator; a talk always has one",
            "add another mediator first, then remove this one",
            Hint(action="add-participant"),
        )
    return Left(by=actor.name, name=gone.name, role=gone.role, party=gone.party)


def say(state: TalkState, actor: Participant, command: Say) -> Said:
    room = speaking_room(state, actor, command.room)
    if room == JOINT_ROOM and not state.joint_open:
        raise Refused(
            "the joint room opens only after a delegate of every party has consented",
            _joint_waiting(state, actor),
            None if actor.is_mediator or actor.party in state.consents else Hint(action="consent"),
        )
    text = clean_text(command.text)
    handling = command.handling or state.default_handling
    return Said(by=actor.name, room=room, text=text, handling=handling)


def speaking_room(state: TalkState, actor: Participant, requested: str | None) -> str:
    if requested is None:
        if actor.is_mediator:
            rooms = listing((*state.parties, JOINT_ROOM))
            raise Invalid(f"a mediator names the room it speaks in: {rooms}", Hint(field="room"))
        assert actor.party is not None
        return actor.party
    wanted = unicodedata.normalize("NFC", requested.strip())
    if wanted == JOINT_ROOM:
        return JOINT_ROOM
    if actor.is_mediator:
        return party_of(state, wanted)
    if wanted == actor.party:
        return wanted
    # Another party's room is outside a delegate's view: answer as for a room that does not
    # exist, whatever the name, and say which rooms this delegate may speak in.
    raise NotFound(
        f"room {wanted!r} not found; you speak in your party's room {actor.party!r}"
        f" or, once every party has consented, in {JOINT_ROOM!r}"
    )


def _joint_waiting(state: TalkState, actor: Participant) -> str:
    if actor.is_mediator:
        waiting = [p for p in state.parties if p not in state.consents]
        return f"waiting for the consent of {listing(waiting)}"
    assert actor.party is not None
    if actor.party in state.consents:
        return "your party has consented; the room opens when the other parties have too"
    return "your party has not consented yet: a delegate's consent gives it"


def release(state: TalkState, actor: Participant, command: Release) -> Released:
    statement = visible_statement(state, actor, command.statement)
    if actor.is_mediator or statement.party != actor.party or statement.room != actor.party:
        raise Refused(
            "only a delegate of the statement's party may change its handling",
            "release statements your party's delegates made in your party's room",
        )
    wanted = command.handling
    if wanted is statement.handling:
        raise Refused(
            f"statement {statement.seq} is already {wanted.value}",
            f"choose another handling ({_other_handlings(wanted)})",
        )
    if wanted.openness < statement.handling.openness and statement.carried:
        raise Refused(
            f"statement {statement.seq} has already been carried, so its handling can only "
            f"be relaxed, not tightened to {wanted.value}",
            f"relax it to a handling that allows more than {statement.handling.value}"
            if statement.handling is not Handling.MAY_CONVEY
            else "it is already as open as it can be",
        )
    return Released(
        by=actor.name, statement=statement.seq, handling=wanted, previous=statement.handling
    )


def convey(state: TalkState, actor: Participant, command: Convey) -> Conveyed:
    require_mediator(
        actor,
        "only a mediator carries statements between rooms",
        "say it in your own room and set its handling to let the mediator carry it",
    )
    source = visible_statement(state, actor, command.statement)
    if source.room == JOINT_ROOM:
        raise Refused(
            f"statement {source.seq} was made in the joint room, which every party already sees",
            "carry statements from a party's room",
        )
    if source.party is None:
        raise Refused(
            f"statement {source.seq} is a mediator's own statement",
            "speak in your own name in the other room",
            Hint(action="say"),
        )
    to = party_of(state, command.to)
    if to == source.room:
        others = [p for p in state.parties if p != source.room]
        raise Refused(
            f"statement {source.seq} was made in {to!r}'s own room",
            f"carry it to another party's room ({listing(others)})",
        )
    if source.handling is Handling.MEDIATOR_ONLY:
        raise Refused(
            f"statement {source.seq} is mediator-only: it never leaves its room",
            f"a delegate of {source.party!r} may release it to verbatim-only or may-convey",
        )
    terms = source.terms if command.mode is Mode.VERBATIM else ()  # an offer's go verbatim
    text = words_carried(source, command.mode, command.text, "mediator")
    return Conveyed(
        by=actor.name,
        source=source.seq,
        from_room=source.room,
        to_room=to,
        mode=command.mode,
        text=text,
        terms=terms,
    )


def words_carried(source: Statement, mode: Mode, text: str | None, carrier: str) -> str:
    """The words a carriage of `source` brings, as its handling allows: its own words
    verbatim (a text given must be exactly them), or the `carrier`'s paraphrase, which a
    verbatim-only statement does not allow. (Mediator-only is refused before, in words of its
    own: within a talk, or across tracks.)"""
    if mode is Mode.VERBATIM:
        if text is not None and text.strip() != source.text:
            may_paraphrase = source.handling is Handling.MAY_CONVEY
            raise Refused(
                "a verbatim carriage uses the source's words exactly",
                "omit the text to carry the statement word for word, or paraphrase it"
                if may_paraphrase
                else "omit the text to carry the statement word for word",
                Hint(field="mode", value=Mode.PARAPHRASE.value)
                if may_paraphrase
                else Hint(field="text"),
            )
        return source.text
    if source.handling is Handling.VERBATIM_ONLY:
        raise Refused(
            f"statement {source.seq} is verbatim-only: carried word for word or not at all",
            "carry it word for word",
            Hint(field="mode", value=Mode.VERBATIM.value),
        )
    if text is None:
        raise Invalid(f"a paraphrase needs the {carrier}'s wording", Hint(field="text"))
    return clean_text(text, "paraphrase")


def note(actor: Participant, command: Note) -> Noted:
    require_mediator(
        actor,
        "only mediators keep private notes",
        "say it in your own room with handling mediator-only",
    )
    return Noted(by=actor.name, text=clean_text(command.text, "note"))


def consent(state: TalkState, actor: Participant) -> list[Event]:
    party = require_delegate(
        actor,
        "consent to the joint room is given by a party's delegate",
        "ask a delegate of each party to consent",
    )
    if state.joint_open:
        raise Refused(
            "the joint room is already open",
            f"speak there: its name is {JOINT_ROOM!r}",
            Hint(field="room", value=JOINT_ROOM),
        )
    if party in state.consents:
        raise Refused(
            f"{party!r} has already consented (event {state.consents[party]})",
            "wait for the other parties",
        )
    events: list[Event] = [Consented(by=actor.name, party=party)]
    if {*state.consents, party} >= set(state.parties):
        events.append(JointRoomOpened())
    return events


def visible_statement(state: TalkState, actor: Participant, seq: int) -> Statement:
    if not can_see(actor, seq, state):
        raise NotFound(f"event {seq} not found")
    statement = state.statements.get(seq)
    if statement is None:
        recorded = state.recorded(seq)
        assert recorded is not None
        raise Refused(
            f"event {seq} is a {recorded.event.kind} event, not a statement",
            "name the sequence number of a statement (a said or offered event)",
        )
    return statement


def _unique(names: list[str], what: str) -> list[str]:
    seen: set[str] = set()
    for name in names:
        if name in seen:
            raise Invalid(f"{what} name {name!r} is given twice; names must be unique")
        seen.add(name)
    return names


def _other_handlings(current: Handling) -> str:
    return ", ".join(h.value for h in Handling if h is not current)


def decide_conversation(
    state: TalkState, actor: Participant, command: ConversationCommand
) -> list[Event]:
    """The events a command to the rooms adds, or a refusal."""
    match command:
        case Join():
            return [join(state, actor, command)]
        case Leave():
            return [leave(state, actor, command)]
        case Say():
            return [say(state, actor, command)]
        case Release():
            return [release(state, actor, command)]
        case Convey():
            return [convey(state, actor, command)]
        case Note():
            return [note(actor, command)]
        case Consent():
            return consent(state, actor)
        case _:
            assert_never(command)
