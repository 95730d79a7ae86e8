"""The `shuttle` command: the operator's tool on the machine that holds the record.

`--as` is trusted here: whoever can open the database can read every room, so the command
line does not authenticate (the web does). Every view still goes through `view_of`.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer
from rich.text import Text

from shuttle.assembly import access_to, end_credentials_of_leavers
from shuttle.cli.advice import register as register_advice
from shuttle.cli.analyze import register as register_analyze
from shuttle.cli.bids import register as register_bids
from shuttle.cli.errors import Exit, fail, reported
from shuttle.cli.export import register as register_export
from shuttle.cli.guard import register as register_guard
from shuttle.cli.negotiate import register as register_negotiate
from shuttle.cli.opening import Typed, open_command
from shuttle.cli.options import DEFAULT_DB, EXAMPLES, As, Db, Json, TalkId, scenario_at, service
from shuttle.cli.profile import register as register_profile
from shuttle.cli.proof import register as register_proof
from shuttle.cli.render import console, print_appended, print_json, print_view
from shuttle.cli.scenario import scenario_app
from shuttle.cli.simulate import register as register_simulate
from shuttle.cli.terminal import terminal_safe
from shuttle.cli.tournament import register as register_tournament
from shuttle.cli.tracks import register as register_tracks
from shuttle.cli.web import register as register_web
from shuttle.service import Head, TalkSummary
from shuttle.talks import (
    Agenda,
    BidRule,
    Consent,
    Convey,
    Handling,
    Join,
    Leave,
    Mode,
    Note,
    Release,
    Role,
    Say,
)
from shuttle.tracks import link_problems, open_track

app = typer.Typer(
    name="shuttle",
    help=(
        "Proximity talks: each party in its own room, a mediator who carries only what a party "
        "allows, and a tamper-evident record.\n\n"
        "The command line trusts --as: it is for the operator of the machine that holds the "
        "database, who can read everything anyway."
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)
talk_app = typer.Typer(help="Open and list talks.", no_args_is_help=True, rich_markup_mode=None)
app.add_typer(talk_app, name="talk")
app.add_typer(scenario_app, name="scenario")
register_analyze(app)
register_simulate(app)
register_tournament(app)


@talk_app.command(
    "open",
    help="Open a talk and print its id. With --scenario, the scenario's issues become the "
    "agenda and its escalation schedule the talk's; its parties, and the title, mediators and "
    "delegates of its talk: block, are defaults the options below override."
    + EXAMPLES
    + 'shuttle talk open --title Muscat --party "United States" --party Iran --mediator Oman '
    '--delegate "United States=US Envoy" --delegate "Iran=Iranian FM"\n  '
    + "shuttle talk open --scenario src/shuttle/scenarios/muscat_2024.yaml --bid-rule lower\n  "
    + "shuttle talk open --scenario src/shuttle/scenarios/muscat.yaml --mediator Oman "
    '--delegate "United States=US Envoy" --delegate "Iran=Iranian FM"',
)
def talk_open(
    context: typer.Context,
    title: Annotated[
        str | None, typer.Option("--title", help="The talk's title (or the scenario's).")
    ] = None,
    party: Annotated[
        list[str] | None,
        typer.Option("--party", help="A party (two or more; default: the scenario's)."),
    ] = None,
    mediator: Annotated[
        list[str] | None,
        typer.Option("--mediator", help="A mediator (one or more, or the scenario's)."),
    ] = None,
    delegate: Annotated[
        list[str] | None,
        typer.Option(
            "--delegate", help='A delegate as "PARTY=NAME" (repeatable; replaces the scenario\'s).'
        ),
    ] = None,
    handling: Annotated[
        Handling, typer.Option("--handling", help="Default handling of statements.")
    ] = Handling.MEDIATOR_ONLY,
    hide_carried_text: Annotated[
        bool,
        typer.Option(
            "--hide-carried-text",
            help="A source party sees that its words were carried, but not the carried text.",
        ),
    ] = False,
    scenario: Annotated[
        Path | None,
        typer.Option(
            "--scenario",
            help="A scenario (YAML file, or Genius XML / GeniusWeb JSON folder) for the agenda.",
            metavar="PATH",
        ),
    ] = None,
    bid_rule: Annotated[
        BidRule,
        typer.Option("--bid-rule", help="Where an overlapping blind bid settles in the overlap."),
    ] = BidRule.MIDPOINT,
    process: Annotated[
        str | None,
        typer.Option(
            "--process", help="Open it as a track of this process (see `shuttle process open`)."
        ),
    ] = None,
    db: Db = DEFAULT_DB,
    as_json: Json = False,
) -> None:
    if process is None and context.command_path.endswith("track open"):
        fail(Exit.USAGE, "invalid: a track needs its process: --process PROCESS")
    typed = Typed(
        title=title,
        parties=tuple(party or ()),
        mediators=tuple(mediator or ()),
        delegates=tuple(delegate or ()),
        handling=handling,
        hide_carried_text=hide_carried_text,
        bid_rule=bid_rule,
    )
    loaded = None if scenario is None else scenario_at(scenario)
    with reported():
        command = open_command(typed, loaded, None if scenario is None else str(scenario))
        talks = service(db)
        if process is None:
            appended = talks.open_talk(command)
        else:
            appended = open_track(talks, replace(command, process=process))
        opened = talks.view(appended.talk, appended.actor)
    notice = None if loaded is None or loaded.talk is None else loaded.talk.notice
    if as_json:
        people = [{"name": m.name, "role": m.role.value, "party": m.party} for m in opened.roster]
        agenda = None if opened.agenda_seq is None else Agenda(tuple(opened.issues)).to_data()
        print_json(
            {
                "talk": appended.talk,
                "participants": people,
                "agenda": agenda,
                "notice": notice,
                "seq": appended.head.seq,
                "head": str(appended.head),
            }
        )
        return
    typer.echo(appended.talk)
    if notice is not None:
        # On stderr: a script that keeps the id from stdout still gets only the id.
        typer.echo(terminal_safe(f"notice: {notice}"), err=True)


@talk_app.command(
    "list",
    help="List the talks in the record; with --as, those NAME takes part in, with its role, "
    "where each talk stands and when it last moved."
    + EXAMPLES
    + "shuttle talk list\n  shuttle talk list --as 'Oman (mediator)' --json",
)
def talk_list(
    as_name: Annotated[
        str | None,
        typer.Option("--as", help="Only the talks this participant takes part in."),
    ] = None,
    db: Db = DEFAULT_DB,
    as_json: Json = False,
) -> None:
    with reported():
        # Without --as, the operator's listing: every talk, by its opening facts alone.
        summaries = service(db).talks(as_name)
    if as_json:
        print_json([_summary_json(s) for s in summaries])
        return
    # Plain lines, id first: an id must never be wrapped or cut to fit a terminal.
    for s in summaries:
        line = Text(f"{s.talk}  {s.opened_at[:16]}  {s.head.seq:>5} events  ")
        if s.status is not None and s.role is not None:
            line.append(f"{s.status.value:<7} {s.role.value:<9} ")
        line.append(terminal_safe(f"{s.title} ({', '.join(s.parties)})"))
        console.print(line, overflow="ignore", crop=False, soft_wrap=True)
    if not summaries:
        typer.echo(
            "no talks yet: open one with `shuttle talk open`"
            if as_name is None
            else f"{terminal_safe(as_name.strip())} takes part in no talk"
        )


def _summary_json(s: TalkSummary) -> dict[str, object]:
    listed: dict[str, object] = {
        "talk": s.talk,
        "title": s.title,
        "parties": s.parties,
        "opened_at": s.opened_at,
        "head": str(s.head),
    }
    if s.role is not None and s.status is not None:
        listed |= {"role": s.role.value, "status": s.status.value, "last_activity": s.last_activity}
    return listed


@app.command(
    help="Add a delegate to a party, or another mediator (a mediator does it)."
    + EXAMPLES
    + 'shuttle join TALK --as Oman --party Iran "Deputy FM"\n  '
    + 'shuttle join TALK --as Oman --mediator "Second Mediator"'
)
def join(
    talk: TalkId,
    name: Annotated[str, typer.Argument(help="The new participant's name.")],
    actor: As,
    party: Annotated[str | None, typer.Option("--party", help="The party it joins.")] = None,
    mediator: Annotated[
        bool, typer.Option("--mediator", help="Add NAME as another mediator.")
    ] = False,
    db: Db = DEFAULT_DB,
    as_json: Json = False,
) -> None:
    if mediator == (party is not None):
        fail(Exit.USAGE, "invalid: give exactly one of --party PARTY or --mediator")
    role = Role.MEDIATOR if mediator else Role.DELEGATE
    with reported():
        appended = service(db).execute(talk, Join(actor=actor, name=name, role=role, party=party))
    print_appended(appended, as_json)


@app.command(
    help="Remove a participant from a talk (a mediator does it), or leave it yourself (NAME is "
    "your own). Its invite links, browser sessions and tokens for the talk end at once; the "
    "record keeps what it said."
    + EXAMPLES
    + 'shuttle leave TALK --as Oman "Deputy FM"\n  '
    + 'shuttle leave TALK --as "Deputy FM" "Deputy FM"'
)
def leave(
    talk: TalkId,
    name: Annotated[str, typer.Argument(help="Who leaves the talk.")],
    actor: As,
    db: Db = DEFAULT_DB,
    as_json: Json = False,
) -> None:
    with reported():
        svc = service(db)
        appended = svc.execute(talk, Leave(actor=actor, name=name))
        end_credentials_of_leavers(access_to(svc), appended)
    print_appended(appended, as_json)


@app.command(
    help="Speak in a room. A delegate speaks in its own party's room (or the joint room once "
    "open); a mediator names the room."
    + EXAMPLES
    + 'shuttle say TALK --as "US Envoy" --handling may-convey "We can discuss limits."'
)
def say(
    talk: TalkId,
    text: Annotated[str, typer.Argument(help="What is said (1 to 20,000 characters).")],
    actor: As,
    room: Annotated[
        str | None, typer.Option("--room", help="PARTY or joint; a delegate's default is its own.")
    ] = None,
    handling: Annotated[
        Handling | None,
        typer.Option("--handling", help="What the mediator may do with it; else the default."),
    ] = None,
    db: Db = DEFAULT_DB,
    as_json: Json = False,
) -> None:
    command = Say(actor=actor, text=text, room=room, handling=handling)
    with reported():
        appended = service(db).execute(talk, command)
    print_appended(appended, as_json)


@app.command(
    help="Change the handling of your party's statement: relax it any time, tighten it only "
    "while nothing has been carried from it."
    + EXAMPLES
    + 'shuttle release TALK --as "US Envoy" --event 4 --handling may-convey'
)
def release(
    talk: TalkId,
    actor: As,
    event: Annotated[int, typer.Option("--event", help="The statement's sequence number.")],
    handling: Annotated[Handling, typer.Option("--handling", help="The new handling.")],
    db: Db = DEFAULT_DB,
    as_json: Json = False,
) -> None:
    with reported():
        appended = service(db).execute(
            talk, Release(actor=actor, statement=event, handling=handling)
        )
    print_appended(appended, as_json)


@app.command(
    help="Carry a statement into another party's room (mediators only): verbatim, or a "
    "paraphrase in the mediator's words."
    + EXAMPLES
    + 'shuttle convey TALK --as Oman --event 2 --to Iran --mode paraphrase "They are open '
    'to talks."'
)
def convey(
    talk: TalkId,
    actor: As,
    event: Annotated[int, typer.Option("--event", help="The source statement's number.")],
    to: Annotated[str, typer.Option("--to", help="The party whose room receives it.")],
    mode: Annotated[Mode, typer.Option("--mode", help="verbatim or paraphrase.")],
    text: Annotated[str | None, typer.Argument(help="The paraphrase (omit for verbatim).")] = None,
    db: Db = DEFAULT_DB,
    as_json: Json = False,
) -> None:
    command = Convey(actor=actor, statement=event, to=to, mode=mode, text=text)
    with reported():
        appended = service(db).execute(talk, command)
    print_appended(appended, as_json)


@app.command(
    help="A mediator's private note: only mediators ever see it."
    + EXAMPLES
    + 'shuttle note TALK --as Oman "Sequencing is the crux."'
)
def note(
    talk: TalkId,
    text: Annotated[str, typer.Argument(help="The note.")],
    actor: As,
    db: Db = DEFAULT_DB,
    as_json: Json = False,
) -> None:
    with reported():
        appended = service(db).execute(talk, Note(actor=actor, text=text))
    print_appended(appended, as_json)


@app.command(
    help="Consent, for your party, to the joint room; it opens when every party has consented."
    + EXAMPLES
    + 'shuttle consent TALK --as "US Envoy"'
)
def consent(talk: TalkId, actor: As, db: Db = DEFAULT_DB, as_json: Json = False) -> None:
    with reported():
        appended = service(db).execute(talk, Consent(actor=actor))
    print_appended(appended, as_json)


@app.command(
    help="Show exactly what one participant sees, in record order, and the record's head; "
    "with --proof, that participant's proof instead: the salt and bytes of every event it sees "
    "whole, the commitment of every other, checkable offline with `shuttle verify-proof`."
    + EXAMPLES
    + 'shuttle view TALK --as "US Envoy" --json\n  '
    + 'shuttle view TALK --as "US Envoy" --proof --json > proof.json'
)
def view(
    talk: TalkId,
    actor: As,
    db: Db = DEFAULT_DB,
    as_json: Json = False,
    proof: Annotated[
        bool, typer.Option("--proof", help="Print the participant's proof (always JSON).")
    ] = False,
) -> None:
    with reported():
        if proof:
            print_json(service(db).proof(talk, actor))
            return
        seen = service(db).view(talk, actor)
    print_view(seen, as_json)


@app.command(
    help="Recompute every talk's hash chain; with --expect, check the record still holds a "
    "head someone kept." + EXAMPLES + "shuttle verify --expect TALK=12:3f5a..."
)
def verify(
    expect: Annotated[
        list[str] | None,
        typer.Option("--expect", help="TALK=SEQ:HASH, a head kept earlier (repeatable)."),
    ] = None,
    db: Db = DEFAULT_DB,
    as_json: Json = False,
) -> None:
    heads: dict[str, Head] = {}
    for spec in expect or []:
        talk, sep, head = spec.partition("=")
        try:
            if not sep or not talk.strip():
                raise ValueError("expected TALK=SEQ:HASH")
            heads[talk.strip()] = Head.parse(head.strip())
        except ValueError as error:
            fail(Exit.USAGE, f"invalid: --expect {spec!r}: {error}")
    with reported():
        talks = service(db)
        report = talks.verify(heads)
        links = link_problems(talks)
    failures = [{"talk": f.talk, "seq": f.seq, "reason": f.reason} for f in report.failures]
    if as_json:
        print_json(
            {
                "ok": report.ok,
                "talks_checked": report.talks_checked,
                "events_checked": report.events_checked,
                "failures": failures,
                "formats": report.formats,
                "links": links,
            }
        )
    elif report.ok:
        typer.echo(
            f"ok: {report.talks_checked} talks, {report.events_checked} events; every chain "
            f"holds{' and every expected head is present' if heads else ''}"
        )
    if not as_json:
        for talk, record_format in report.formats.items():
            typer.echo(f"talk {talk}: record format {record_format}")
    if not report.ok:
        if not as_json:
            for failure in report.failures:
                typer.echo(f"FAILED talk {failure.talk} event {failure.seq}: {failure.reason}")
        first = report.failures[0]
        fail(Exit.REFUSED, f"verify failed at talk {first.talk} event {first.seq}: {first.reason}")
    if links:
        if not as_json:
            for problem in links:
                typer.echo(f"FAILED link: {problem}")
        fail(Exit.REFUSED, f"verify failed between tracks: {links[0]}")


@app.command(
    help="Rehearse the Muscat round (illustrative): automated US and Iranian delegations, Oman "
    "mediating with the engine's advice; prints the rooms side by side round by round, records "
    "the talk and draws the drafts' path."
    + EXAMPLES
    + "shuttle demo --db sqlite:///demo.db --picture demo.png"
)
def demo(
    db: Db = DEFAULT_DB,
    picture: Annotated[
        Path,
        typer.Option("--picture", help="Where to draw the drafts' path (PNG).", metavar="FILE"),
    ] = Path("shuttle-demo.png"),
) -> None:
    from shuttle.cli.demo import run_demo

    if picture.suffix.lower() != ".png":
        fail(Exit.USAGE, f"invalid: --picture {picture} must name a .png file")
    with reported():
        run_demo(service(db), db, picture)


# The negotiation's commands, listed after the rooms' in `shuttle --help`.
register_negotiate(app)
register_bids(app)
register_profile(app)
register_advice(app)
register_guard(app)
register_proof(app)
register_export(app)
register_web(app)
register_tracks(app)
