"""The rules of the single negotiating text: the agenda it is written over, drafts, the
parties' private answers, agreement ("nothing is agreed until everything is agreed"),
signatures, closing without agreement, and incidents that make no deal worse."""

from __future__ import annotations

from typing import assert_never

from shuttle.talks.agenda import (
    Terms,
    agenda_may_change,
    clean_agenda,
    clean_clauses,
    clean_terms,
    partial_terms,
)
from shuttle.talks.agenda import text_hash as hash_of_text
from shuttle.talks.common import (
    check_settled,
    require_agenda,
    require_delegate,
    require_mediator,
    require_negotiating,
    require_open,
)
from shuttle.talks.events import Event
from shuttle.talks.numbers import decimal_text
from shuttle.talks.participant import Participant
from shuttle.talks.refusals import Invalid, NotFound, Refused
from shuttle.talks.single_text.commands import (
    Answer,
    Close,
    Draft,
    Incident,
    ReportIncident,
    SetAgenda,
    Sign,
    TextCommand,
)
from shuttle.talks.single_text.events import (
    AgendaSet,
    Agreed,
    Answered,
    Closed,
    Drafted,
    EscalationStep,
    IncidentReported,
    Signed,
    intent_to_sign,
)
from shuttle.talks.state import TalkState
from shuttle.talks.text import clean_text
from shuttle.talks.vocabulary import Source

MAX_ROUND = 1_000_000


def agenda_event(
    by: str | None,
    issues: tuple[tuple[str, tuple[str, ...]], ...],
    escalation: tuple[Incident, ...],
) -> AgendaSet:
    agenda = clean_agenda(issues)
    return AgendaSet(by=by, issues=agenda.issues, escalation=clean_schedule(escalation))


def clean_schedule(escalation: tuple[Incident, ...]) -> tuple[EscalationStep, ...]:
    steps = []
    for incident in escalation:
        if not 1 <= incident.after_round <= MAX_ROUND:
            raise Invalid(
                f"an incident comes after round 1 to {MAX_ROUND:,}, not {incident.after_round}"
            )
        steps.append(
            EscalationStep(
                after_round=incident.after_round,
                text=clean_text(incident.text, "incident text"),
                drop=decimal_text(incident.drop, "an incident's drop", open_low=True),
                chance=decimal_text(incident.chance, "an incident's chance", open_low=True),
            )
        )
    return tuple(steps)


def set_agenda(state: TalkState, actor: Participant, command: SetAgenda) -> list[Event]:
    require_mediator(actor, "only a mediator sets the agenda", "ask the mediator")
    require_negotiating(state)
    n = state.negotiation
    if not agenda_may_change(
        drafts=bool(n.drafts),
        proposals=bool(n.proposals),
        bids=bool(n.bids),
        profiles=bool(n.profiles),
        offers=any(s.is_offer for s in state.statements.values()),
    ):
        raise Refused(
            "the agenda can no longer change: drafts, proposals, bids, profiles or offers "
            "rest on it",
            "open a new talk for a new agenda",
        )
    return [agenda_event(actor.name, command.issues, command.escalation)]


def draft(state: TalkState, actor: Participant, command: Draft) -> list[Event]:
    require_mediator(
        actor, "only a mediator writes the single text", "answer it, or offer terms in your room"
    )
    require_negotiating(state)
    agenda = require_agenda(state)
    terms = clean_terms(agenda, command.terms, "a draft's terms")
    check_settled(state, terms)
    clauses = clean_clauses(command.clauses)
    current = state.negotiation.current
    if current is not None and (current.terms, current.clauses) == (terms, clauses):
        raise Refused(
            f"version {current.version} already says exactly this",
            "change an option or a clause, or wait for the answers",
        )
    version = 1 if current is None else current.version + 1
    return [Drafted(by=actor.name, version=version, terms=terms, clauses=clauses)]


def answer(state: TalkState, actor: Participant, command: Answer) -> list[Event]:
    party = require_delegate(
        actor,
        "only a party's delegate answers the text",
        "the mediator reads the answers in its view",
    )
    require_negotiating(state)
    current = state.negotiation.current
    if current is None:
        raise Refused("no draft has been circulated yet", "wait for the mediator's draft")
    version = current.version if command.version is None else command.version
    if version < 1 or version > current.version:
        raise NotFound(f"version {version} not found; the current version is {current.version}")
    if version != current.version:
        raise Refused(
            f"version {version} has been superseded by version {current.version}",
            f"answer version {current.version}",
        )
    agenda = require_agenda(state)
    prefer = partial_terms(agenda, command.prefer, "your preferences")
    drafted = dict(current.terms)
    for issue, option in prefer:
        if drafted[issue] == option:
            raise Invalid(
                f"version {version} already has {option!r} on {issue!r}; prefer names an option "
                "you want instead of the draft's"
            )
        if issue in state.negotiation.settled:
            raise Refused(
                f"{issue!r} was settled by a blind bid", "state preferences on open issues"
            )
    if command.comparison is not None and version == 1:
        raise Invalid("version 1 has no earlier version to compare with; omit the comparison")
    if command.accept:
        # A blind bid may have settled an issue since this version was drafted.
        check_settled(state, current.terms)
    comment = None if command.comment is None else clean_text(command.comment, "comment")
    answered = Answered(
        by=actor.name,
        party=party,
        version=version,
        accept=command.accept,
        prefer=prefer,
        comparison=command.comparison,
        comment=comment,
    )
    events: list[Event] = [answered]
    others_accept = all(
        (a := state.negotiation.answers.get((version, p))) is not None and a.accept
        for p in state.parties
        if p != party
    )
    if command.accept and others_accept:
        events.append(agreed(Source.DRAFT, version, current.terms, current.clauses))
    return events


def agreed(source: Source, ref: int, terms: Terms, clauses: tuple[str, ...]) -> Agreed:
    return Agreed(
        reached_on=source,
        ref=ref,
        terms=terms,
        clauses=clauses,
        text_hash=hash_of_text(terms, clauses),
    )


def sign(state: TalkState, actor: Participant, command: Sign) -> list[Event]:
    party = require_delegate(
        actor, "an agreement is signed by the parties' delegates", "ask each party to sign"
    )
    require_open(state)
    agreement = state.negotiation.agreement
    if agreement is None:
        raise Refused(
            "there is no agreement to sign",
            "a text becomes the agreement when every party accepts it",
        )
    signed = state.negotiation.signatures.get(party)
    if signed is not None:
        raise Refused(f"{party!r} has already signed (event {signed})", "a signature is given once")
    if command.head is None:
        raise Invalid("a signature needs the record's head it vouches for")
    seq_text, _, digest = command.head.partition(":")
    if not seq_text.isdigit() or len(digest) != 64:
        raise Invalid(f"{command.head!r} is not a record head (SEQ:HASH)")
    if int(seq_text) != state.last_seq:
        raise Refused(
            f"the record has moved on to event {state.last_seq} since head {seq_text}",
            "view the talk again and sign at its current head",
        )
    if command.text_hash is not None and command.text_hash != agreement.text_hash:
        raise Refused(
            "the text you read is not the agreed text",
            "read the agreement again, as it stands now, before you sign it",
        )
    if not command.intent:
        raise Refused(
            "a signature needs your confirmation that you intend to sign electronically",
            "read the whole agreed text, then confirm that you sign it",
        )
    return [
        Signed(
            by=actor.name,
            party=party,
            text_hash=agreement.text_hash,
            head=command.head,
            intent=intent_to_sign(actor.name, party, agreement.text_hash),
        )
    ]


def close(state: TalkState, actor: Participant, command: Close) -> list[Event]:
    require_mediator(actor, "only a mediator closes a talk", "ask the mediator")
    require_negotiating(state)
    reason = None if command.reason is None else clean_text(command.reason, "reason")
    return [Closed(by=actor.name, reason=reason)]


def incident(state: TalkState, actor: Participant, command: ReportIncident) -> list[Event]:
    require_mediator(actor, "only a mediator enters incidents", "tell the mediator in your room")
    require_negotiating(state)
    return [
        IncidentReported(
            by=actor.name,
            text=clean_text(command.text, "incident text"),
            drop=decimal_text(command.drop, "an incident's drop", open_low=True),
        )
    ]


def decide_text(state: TalkState, actor: Participant, command: TextCommand) -> list[Event]:
    """The events a command to the single text adds, or a refusal."""
    match command:
        case SetAgenda():
            return set_agenda(state, actor, command)
        case Draft():
            return draft(state, actor, command)
        case Answer():
            return answer(state, actor, command)
        case Sign():
            return sign(state, actor, command)
        case Close():
            return close(state, actor, command)
        case ReportIncident():
            return incident(state, actor, command)
        case _:
            assert_never(command)
