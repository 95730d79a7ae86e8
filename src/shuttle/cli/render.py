"""Rendering for people (Rich) and for programs (JSON). User text never becomes markup."""

from __future__ import annotations

import json
from typing import Any, assert_never

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from shuttle.cli.errors import Exit, fail
from shuttle.cli.render_negotiation import Negotiated, describe_negotiation, status, terms_text
from shuttle.cli.terminal import terminal_safe as safe
from shuttle.service import Appended
from shuttle.talks import (
    JOINT_ROOM,
    CarriageView,
    CarriedInView,
    CarriedOutView,
    ConsentView,
    JointOpenedView,
    JoinView,
    LeaveView,
    NoteView,
    OpeningView,
    ReceivedFromTrackView,
    ReleaseView,
    Seen,
    SentToTrackView,
    StatementView,
    TalkView,
)

console = Console(highlight=False)


def print_json(value: Any) -> None:
    """`value` as one line of strict JSON. Python's json would write a NaN or an infinity as a
    bare ``NaN`` that strict parsers reject; such a value fails the command in one line instead
    (the scenario readers refuse non-finite numbers, so this is a second line of defence)."""
    try:
        text = json.dumps(value, ensure_ascii=False, allow_nan=False)
    except ValueError as error:  # a NaN or an infinity, or an integer too long to print
        fail(Exit.REFUSED, f"cannot print the result as JSON: {error}")
    typer.echo(text)


def outcome_count(count: int) -> str:
    """A number of outcomes for people: exact up to 10^12, then rounded; beyond the largest
    float (10^308, a few hundred issues) as a power of ten."""
    if count < 10**12:
        return f"{count:,} outcomes"
    if count.bit_length() < 1000:  # < 2^1000: well within a float
        return f"about {count:.3g} outcomes"
    return f"about 10^{len(str(count)) - 1:,} outcomes"


def appended_json(appended: Appended) -> dict[str, Any]:
    return {
        "talk": appended.talk,
        "seq": appended.head.seq,
        "head": str(appended.head),
        "events": [seen_json(s) for s in appended.events],
    }


def print_appended(appended: Appended, as_json: bool) -> None:
    """What a command added, as its actor may see it (the service gives the events through
    `view_of`, like any view): JSON for programs, else one line per event and the new head."""
    if as_json:
        print_json(appended_json(appended))
        return
    for seen in appended.events:
        console.print(Text(f"event {seen.seq}: {seen.kind}: ").append_text(describe(seen)))
    console.print(Text(f"head {appended.head}"))


def seen_json(seen: Seen) -> dict[str, Any]:
    return seen.to_dict()


def view_json(view: TalkView) -> dict[str, Any]:
    return {
        "talk": view.talk,
        "as": view.participant.name,
        "head": view.head,
        "events": [seen_json(s) for s in view.events],
    }


def describe(seen: Seen) -> Text:
    """One event as a short sentence: who did what, then its words."""
    if isinstance(seen, Negotiated):
        return describe_negotiation(seen)
    line = Text()
    match seen:
        case OpeningView():
            parties = ", ".join(seen.parties)
            line.append(safe(f"talk opened: {seen.title} ({parties}); "), style="bold")
            line.append(f"default handling {seen.default_handling}", style="dim")
            if seen.notice:
                line.append(safe(f"\nnotice: {seen.notice}"), style="bold yellow")
        case JoinView():
            where = "as mediator" if seen.party is None else f"to {seen.party}"
            line.append(safe(f"{seen.name} joined {where}"), style="bold")
        case LeaveView():
            how = "left" if seen.by == seen.name else f"was removed by {seen.by}"
            line.append(safe(f"{seen.name} {how}"), style="bold")
        case StatementView():
            line.append(safe(seen.text))
            if seen.room != JOINT_ROOM:
                line.append(f"  [{seen.handling}]", style="dim")
        case ReleaseView():
            line.append(f"#{seen.statement} released: {seen.previous} -> {seen.handling}")
        case CarriedOutView() if seen.text_hidden:
            line.append(
                safe(f"#{seen.source} carried to {seen.to_room} ({seen.mode}); text hidden")
            )
        case CarriageView() | CarriedOutView():
            line.append(
                safe(f"#{seen.source} carried to {seen.to_room} ({seen.mode}): "), style="dim"
            )
            line.append(safe(seen.text or ""))
        case CarriedInView() if seen.terms:
            line.append(safe(f"offer carried from {seen.from_room} ({seen.mode}): "), style="dim")
            line.append(terms_text(seen.terms))
        case CarriedInView():
            line.append(safe(f"carried from {seen.from_room} ({seen.mode}): "), style="dim")
            line.append(safe(seen.text))
        case SentToTrackView():
            line.append(
                safe(
                    f"#{seen.statement} carried to {seen.to_room} in the track {seen.to_title} "
                    f"({seen.mode}): "
                ),
                style="dim",
            )
            line.append(safe(seen.text))
        case ReceivedFromTrackView():
            line.append(
                safe(
                    f"carried in from the track {seen.from_title}, said by {seen.from_party} "
                    f"({seen.mode}): "
                ),
                style="dim",
            )
            line.append(safe(seen.text))
        case NoteView():
            line.append("private note: ", style="dim")
            line.append(safe(seen.text))
        case ConsentView():
            line.append(safe(f"consented to the joint room for {seen.party}"))
        case JointOpenedView():
            line.append("the joint room is open", style="bold")
        case _:
            assert_never(seen)
    return line


def view_table(view: TalkView, title: str | None = None) -> Table:
    who = view.participant
    role = who.role.value if who.party is None else f"delegate of {who.party}"
    table = Table(
        title=Text(safe(title or f"{who.name} ({role})")),
        show_lines=False,
        expand=True,
    )
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("room", overflow="fold")
    table.add_column("by", overflow="fold")
    table.add_column("kind", no_wrap=True)
    table.add_column("what", ratio=3, overflow="fold")
    for seen in view.events:
        table.add_row(
            str(seen.seq),
            Text(safe(seen.place or "-")),
            Text(safe(seen.author or "-")),
            seen.kind,
            describe(seen),
        )
    return table


def print_view(view: TalkView, as_json: bool) -> None:
    if as_json:
        print_json(view_json(view))
        return
    standing = status(view)
    if standing is not None:
        console.print(standing)
    console.print(view_table(view))
    console.print(Text(f"head {view.head}"))
    console.print(
        Text(
            f"Keep the head: `shuttle verify --expect {view.talk}={view.head}` later proves "
            "the record still holds it.",
            style="dim",
        )
    )


def side_by_side(views: list[TalkView], titles: list[str]) -> Table:
    """One column per participant, one row per event of the record: a blank cell is an event
    that participant does not see, which is the point of the picture."""
    table = Table(show_lines=True, expand=True)
    table.add_column("#", justify="right", no_wrap=True)
    for title in titles:
        table.add_column(Text(safe(title)), ratio=1, overflow="fold")
    by_participant = [{seen.seq: seen for seen in view.events} for view in views]
    for seq in sorted(set().union(*by_participant)):
        cells: list[Text] = []
        for view, seen_at in zip(views, by_participant, strict=True):
            seen = seen_at.get(seq)
            cells.append(_cell(seen, show_room=view.participant.party is None))
        table.add_row(str(seq), *cells)
    return table


def _cell(seen: Seen | None, show_room: bool) -> Text:
    if seen is None:
        return Text("")
    by, room = seen.author, seen.place
    cell = Text()
    if show_room and room:
        cell.append(safe(f"[{room}] "), style="cyan")
    if by:
        cell.append(safe(f"{by}: "), style="bold")
    return cell.append_text(describe(seen))
