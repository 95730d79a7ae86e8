"""Rendering for people (Rich) and for programs (JSON). User text never becomes markup."""

from __future__ import annotations

import json
import unicodedata
from dataclasses import replace
from typing import Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from shuttle.cli.errors import Exit, fail
from shuttle.cli.render_negotiation import describe_negotiation, status, terms_text
from shuttle.service import Appended, TalkView
from shuttle.talks import JOINT_ROOM, Seen, view_of

console = Console(highlight=False)


def terminal_safe(value: Any) -> Any:
    """`value` with control characters made visible, so that words a participant typed cannot
    move the cursor, clear the screen or forge other lines on the reader's terminal."""
    if isinstance(value, str):
        return "".join(
            c if c in "\n\t" or unicodedata.category(c) != "Cc" else repr(c)[1:-1] for c in value
        )
    if isinstance(value, list):
        return [terminal_safe(v) for v in value]
    if isinstance(value, dict):
        return {k: terminal_safe(v) for k, v in value.items()}
    return value


def _safe_seen(seen: Seen) -> Seen:
    return replace(
        seen,
        by=terminal_safe(seen.by),
        room=terminal_safe(seen.room),
        text=terminal_safe(seen.text),
        details=terminal_safe(seen.details),
    )


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


def appended_seen(appended: Appended, actor: str) -> list[Seen]:
    """The events a command appended, as its actor may see them: through `view_of`, like any
    view, so that a command's own output never shows what the actor's view would hide."""
    participant = appended.state.participant(actor)
    assert participant is not None, "the command was decided for this actor"
    seen = (view_of(participant, recorded, appended.state) for recorded in appended.events)
    return [s for s in seen if s is not None]


def appended_json(appended: Appended, actor: str) -> dict[str, Any]:
    last = appended.events[-1]
    return {
        "talk": appended.talk,
        "seq": last.seq,
        "head": str(appended.head),
        "events": [seen_json(s) for s in appended_seen(appended, actor)],
    }


def print_appended(appended: Appended, actor: str, as_json: bool) -> None:
    """What a command added: JSON for programs, else one line per event and the new head."""
    if as_json:
        print_json(appended_json(appended, actor))
        return
    for seen in appended_seen(appended, actor):
        console.print(Text(f"event {seen.seq}: {seen.kind}: ").append_text(describe(seen)))
    console.print(Text(f"head {appended.head}"))


def seen_json(seen: Seen) -> dict[str, Any]:
    return seen.to_dict()


def view_json(view: TalkView) -> dict[str, Any]:
    return {
        "talk": view.talk,
        "as": view.participant.name,
        "head": str(view.head),
        "events": [seen_json(s) for s in view.events],
    }


def describe(seen: Seen) -> Text:
    """One event as a short sentence: who did what, then its words."""
    seen = _safe_seen(seen)
    d = seen.details
    line = Text()
    match seen.kind:
        case "talk-opened":
            line.append(f"talk opened: {d['title']} ({', '.join(d['parties'])}); ", style="bold")
            line.append(f"default handling {d['default_handling']}", style="dim")
            if d.get("notice"):
                line.append(f"\nnotice: {d['notice']}", style="bold yellow")
        case "joined":
            where = "as mediator" if d["party"] is None else f"to {d['party']}"
            line.append(f"{d['name']} joined {where}", style="bold")
        case "said":
            line.append(seen.text or "")
            if seen.room != JOINT_ROOM:
                line.append(f"  [{d['handling']}]", style="dim")
        case "released":
            line.append(f"#{d['statement']} released: {d['previous']} -> {d['handling']}")
        case "conveyed" if "source" in d and "to_room" in d and seen.details.get("text_hidden"):
            line.append(f"#{d['source']} carried to {d['to_room']} ({d['mode']}); text hidden")
        case "conveyed" if "source" in d:
            line.append(f"#{d['source']} carried to {d['to_room']} ({d['mode']}): ", style="dim")
            line.append(seen.text or "")
        case "conveyed" if d.get("terms"):
            line.append(f"offer carried from {d['from_room']} ({d['mode']}): ", style="dim")
            line.append(terms_text(d["terms"]))
        case "conveyed":
            line.append(f"carried from {d['from_room']} ({d['mode']}): ", style="dim")
            line.append(seen.text or "")
        case "noted":
            line.append("private note: ", style="dim")
            line.append(seen.text or "")
        case "consented":
            line.append(f"consented to the joint room for {d['party']}")
        case "joint-opened":
            line.append("the joint room is open", style="bold")
        case _:
            negotiated = describe_negotiation(seen)
            line.append_text(negotiated or Text(seen.text or seen.kind))
    return line


def view_table(view: TalkView, title: str | None = None) -> Table:
    who = view.participant
    role = who.role.value if who.party is None else f"delegate of {who.party}"
    table = Table(
        title=Text(terminal_safe(title or f"{who.name} ({role})")),
        show_lines=False,
        expand=True,
    )
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("room", overflow="fold")
    table.add_column("by", overflow="fold")
    table.add_column("kind", no_wrap=True)
    table.add_column("what", ratio=3, overflow="fold")
    for seen in map(_safe_seen, view.events):
        table.add_row(
            str(seen.seq),
            Text(seen.room or "-"),
            Text(seen.by or "-"),
            seen.kind,
            describe(seen),
        )
    return table


def print_view(view: TalkView, as_json: bool) -> None:
    if as_json:
        print_json(view_json(view))
        return
    standing = status([_safe_seen(s) for s in view.events])
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
        table.add_column(Text(terminal_safe(title)), ratio=1, overflow="fold")
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
    seen = _safe_seen(seen)
    cell = Text()
    if show_room and seen.room:
        cell.append(f"[{seen.room}] ", style="cyan")
    if seen.by:
        cell.append(f"{seen.by}: ", style="bold")
    return cell.append_text(describe(seen))
