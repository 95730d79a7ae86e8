"""Negotiating a text on the command line: the agenda, the mediator's single text and the
parties' private answers, the mediator's proposal, offers made in a room, incidents, signing
and closing.

Every command here is one domain command: the options hold what was typed and `decide` checks
it, so the command line refuses exactly what every other surface refuses. What a command
prints of the events it appended goes through `view_of` for its actor.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer
from rich.text import Text

from shuttle.cli.errors import Exit, fail, reported
from shuttle.cli.options import (
    DEFAULT_DB,
    EXAMPLES,
    As,
    Clauses,
    Db,
    Json,
    TalkId,
    TermSpecs,
    pairs,
    service,
)
from shuttle.cli.render import console, print_appended, print_json
from shuttle.cli.terminal import terminal_safe
from shuttle.talks import (
    Answer,
    AnswerOffer,
    AnswerProposal,
    Close,
    Command,
    Comparison,
    Draft,
    Handling,
    Offer,
    Propose,
    ReportIncident,
    SetAgenda,
    Sign,
)


class Verdict(StrEnum):
    ACCEPT = "accept"
    REJECT = "reject"


def act(db: str, talk: str, command: Command, as_json: bool) -> None:
    """Run one command on the talk and print what it appended, as its actor sees it."""
    with reported():
        appended = service(db).execute(talk, command)
    print_appended(appended, as_json)


AGENDA_HELP = (
    "Set the agenda (a mediator, before anything rests on it): each --issue names an issue and "
    "its options. Without --issue, show the agenda."
    + EXAMPLES
    + 'shuttle agenda TALK --as Oman --issue "Enrichment level=none,3.67%,5%" '
    '--issue "Sequencing=relief first,phased in parallel"\n  '
    + 'shuttle agenda TALK --as "US Envoy" --json'
)


def agenda(
    talk: TalkId,
    actor: As,
    issue: Annotated[
        list[str] | None,
        typer.Option(
            "--issue",
            help='An issue and its options, "NAME=OPTION,OPTION,..." (repeatable).',
            metavar="NAME=OPTIONS",
        ),
    ] = None,
    db: Db = DEFAULT_DB,
    as_json: Json = False,
) -> None:
    if not issue:
        show_agenda(db, talk, actor, as_json)
        return
    issues = []
    for spec in issue:
        name, sep, options = spec.partition("=")
        if not sep or not name.strip():
            fail(Exit.USAGE, f'invalid: --issue {spec!r} must be "NAME=OPTION,OPTION,..."')
        issues.append((name, tuple(options.split(","))))
    act(db, talk, SetAgenda(actor=actor, issues=tuple(issues)), as_json)


def show_agenda(db: str, talk: str, actor: str, as_json: bool) -> None:
    with reported():
        view = service(db).view(talk, actor)
    latest = view.agenda
    if as_json:
        wire = None if latest is None else latest.to_dict()
        print_json(
            {
                "talk": view.talk,
                "agenda": None if wire is None else wire["issues"],
                "escalation": [] if wire is None else wire["escalation"],
            }
        )
        return
    if latest is None:
        console.print(
            Text("no agenda yet: a mediator sets one with `shuttle agenda TALK --issue ...`")
        )
        return
    for item in latest.issues:
        line = Text(terminal_safe(f"{item.name}: "), style="bold")
        console.print(line.append(terminal_safe(" | ".join(item.options))))
    for step in latest.escalation:
        console.print(
            Text(
                terminal_safe(
                    f"scheduled incident after round {step.after_round} (chance {step.chance}, "
                    f"drop {step.drop}): {step.text}"
                ),
                style="dim",
            )
        )


DRAFT_HELP = (
    "Circulate a new version of the single text (a mediator): an option for every issue, and "
    "clauses in words. Each party answers it privately."
    + EXAMPLES
    + 'shuttle draft TALK --as Oman --term "Enrichment level=3.67%" '
    '--term "Sanctions relief=oil and banking waivers" --term "Inspections=Additional Protocol" '
    '--term "Sequencing=phased in parallel" --clause "Reviewed after six months."'
)


def draft(
    talk: TalkId,
    actor: As,
    term: TermSpecs = None,
    clause: Clauses = None,
    db: Db = DEFAULT_DB,
    as_json: Json = False,
) -> None:
    command = Draft(actor=actor, terms=pairs(term, "--term"), clauses=tuple(clause or ()))
    act(db, talk, command, as_json)


PROPOSE_HELP = (
    "Put a mediator's proposal to every party: take it or leave it, answered separately; each "
    "party learns only whether all accepted, never who declined."
    + EXAMPLES
    + 'shuttle propose TALK --as Oman --term "Enrichment level=3.67%" '
    '--term "Sanctions relief=full lifting" --term "Inspections=Additional Protocol" '
    '--term "Sequencing=phased in parallel"'
)


def propose(
    talk: TalkId,
    actor: As,
    term: TermSpecs = None,
    clause: Clauses = None,
    db: Db = DEFAULT_DB,
    as_json: Json = False,
) -> None:
    command = Propose(actor=actor, terms=pairs(term, "--term"), clauses=tuple(clause or ()))
    act(db, talk, command, as_json)


ANSWER_HELP = (
    "Answer, for your party and in confidence, the current draft (the default), the mediator's "
    "open proposal (--proposal), or an offer carried into your room (--offer SEQ, the "
    "carriage's number in your view). Preferences, a comparison and a comment go with a "
    "draft's answer only." + EXAMPLES + 'shuttle answer TALK --as "Iranian FM" reject --version 2 '
    '--prefer "Sequencing=relief first" --compared better --comment "Closer."\n  '
    + 'shuttle answer TALK --as "US Envoy" accept\n  '
    + 'shuttle answer TALK --as "US Envoy" accept --proposal\n  '
    + 'shuttle answer TALK --as "Iranian FM" accept --offer 14'
)


def answer(
    talk: TalkId,
    verdict: Annotated[Verdict, typer.Argument(help="accept or reject.", show_default=False)],
    actor: As,
    version: Annotated[
        int | None,
        typer.Option("--version", help="The draft version you answer; it must be the current."),
    ] = None,
    prefer: Annotated[
        list[str] | None,
        typer.Option(
            "--prefer",
            help='An option you want instead of the draft\'s, "ISSUE=OPTION" (repeatable).',
            metavar="ISSUE=OPTION",
        ),
    ] = None,
    compared: Annotated[
        Comparison | None,
        typer.Option("--compared", help="This version against the one before."),
    ] = None,
    comment: Annotated[
        str | None, typer.Option("--comment", help="A comment for the mediator.")
    ] = None,
    proposal: Annotated[
        bool, typer.Option("--proposal", help="Answer the mediator's open proposal.")
    ] = False,
    number: Annotated[
        int | None,
        typer.Option("--number", help="With --proposal: the proposal's number, as a check."),
    ] = None,
    offer: Annotated[
        int | None,
        typer.Option(
            "--offer", help="Answer the offer carried into your room by this event.", metavar="SEQ"
        ),
    ] = None,
    db: Db = DEFAULT_DB,
    as_json: Json = False,
) -> None:
    accept = verdict is Verdict.ACCEPT
    if proposal and offer is not None:
        fail(Exit.USAGE, "invalid: answer --proposal or --offer SEQ, not both")
    if number is not None and not proposal:
        fail(Exit.USAGE, "invalid: --number names a proposal; give it with --proposal")
    draft_only = [
        flag
        for flag, given in (
            ("--version", version is not None),
            ("--prefer", bool(prefer)),
            ("--compared", compared is not None),
            ("--comment", comment is not None),
        )
        if given
    ]
    if draft_only and (proposal or offer is not None):
        other = "--proposal" if proposal else "--offer"
        flags = " and ".join(draft_only)
        fail(Exit.USAGE, f"invalid: {flags} answer a draft only; leave out {other} or them")
    command: Command
    if proposal:
        command = AnswerProposal(actor=actor, accept=accept, number=number)
    elif offer is not None:
        command = AnswerOffer(actor=actor, via=offer, accept=accept)
    else:
        command = Answer(
            actor=actor,
            accept=accept,
            version=version,
            prefer=pairs(prefer, "--prefer"),
            comparison=compared,
            comment=comment,
        )
    act(db, talk, command, as_json)


OFFER_HELP = (
    "Offer complete terms in your own room (a delegate), for the mediator to carry: a statement "
    "with terms, under the same handling rules as words."
    + EXAMPLES
    + 'shuttle offer TALK --as "US Envoy" --handling verbatim-only --term "Enrichment level=none" '
    '--term "Sanctions relief=humanitarian channels" --term "Inspections=Additional Protocol" '
    '--term "Sequencing=relief after verification"'
)


def offer(
    talk: TalkId,
    actor: As,
    term: TermSpecs = None,
    handling: Annotated[
        Handling | None,
        typer.Option("--handling", help="What the mediator may do with it; else the default."),
    ] = None,
    db: Db = DEFAULT_DB,
    as_json: Json = False,
) -> None:
    command = Offer(actor=actor, terms=pairs(term, "--term"), handling=handling)
    act(db, talk, command, as_json)


SIGN_HELP = (
    "Sign the agreement for your party (a delegate), after reading it whole: --confirm says you "
    "mean to sign it electronically. The signature records the agreed text's hash, the record's "
    "head (--head, the head you checked in your view, must still be it) and your statement of "
    "intent; every party sees who signed."
    + EXAMPLES
    + 'shuttle sign TALK --as "US Envoy" --confirm\n  '
    + 'shuttle sign TALK --as "Iranian FM" --head 12:3f5a... --confirm'
)


def sign(
    talk: TalkId,
    actor: As,
    head: Annotated[
        str | None,
        typer.Option("--head", help="The record's head you vouch for.", metavar="SEQ:HASH"),
    ] = None,
    confirm: Annotated[
        bool,
        typer.Option(
            "--confirm",
            help="You have read the whole agreed text (shuttle view TALK --as NAME) and sign it "
            "electronically; the statement recorded with the signature says so, in your name.",
        ),
    ] = False,
    text_hash: Annotated[
        str | None,
        typer.Option(
            "--text-hash", help="The hash of the text you read: it must be the agreed one."
        ),
    ] = None,
    db: Db = DEFAULT_DB,
    as_json: Json = False,
) -> None:
    act(db, talk, Sign(actor=actor, head=head, intent=confirm, text_hash=text_hash), as_json)


CLOSE_HELP = (
    "End the talk without agreement (a mediator); nothing can be added to it afterwards."
    + EXAMPLES
    + 'shuttle close TALK --as Oman --reason "No zone of agreement after six rounds."'
)


def close(
    talk: TalkId,
    actor: As,
    reason: Annotated[str | None, typer.Option("--reason", help="Why, for the record.")] = None,
    db: Db = DEFAULT_DB,
    as_json: Json = False,
) -> None:
    act(db, talk, Close(actor=actor, reason=reason), as_json)


INCIDENT_HELP = (
    "Record an incident outside the talks (a mediator): every party's reservation value falls "
    "by --drop, so no deal grows worse for all."
    + EXAMPLES
    + 'shuttle incident TALK --as Oman "A tanker was seized in the Gulf." --drop 0.05'
)


def incident(
    talk: TalkId,
    text: Annotated[str, typer.Argument(help="What happened.")],
    actor: As,
    drop: Annotated[
        float, typer.Option("--drop", help="How far every reservation value falls, in (0, 1].")
    ],
    db: Db = DEFAULT_DB,
    as_json: Json = False,
) -> None:
    act(db, talk, ReportIncident(actor=actor, text=text, drop=drop), as_json)


def register(app: typer.Typer) -> None:
    """Add the negotiation's commands to `app`."""
    app.command("agenda", help=AGENDA_HELP)(agenda)
    app.command("draft", help=DRAFT_HELP)(draft)
    app.command("answer", help=ANSWER_HELP)(answer)
    app.command("propose", help=PROPOSE_HELP)(propose)
    app.command("offer", help=OFFER_HELP)(offer)
    app.command("sign", help=SIGN_HELP)(sign)
    app.command("close", help=CLOSE_HELP)(close)
    app.command("incident", help=INCIDENT_HELP)(incident)
