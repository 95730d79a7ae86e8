"""What a talk's page is rendered from: the reader's view (and, for a mediator, the engine's
advice), a form's state after a submission, and the session's CSRF token."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from starlette.concurrency import run_in_threadpool

from shuttle.service import TalkService
from shuttle.talks import Refusal, TalkView
from shuttle.tracks import title_of
from shuttle.web.deps import Actor
from shuttle.web.pages.chart import Chart, chart_of
from shuttle.web.pages.confirmations import Confirmation
from shuttle.web.pages.visitor import csrf_of
from shuttle.web.reach import reached_tracks


@dataclass(frozen=True)
class FormState:
    """A form as its submission left it: the values to show again, and what came of it -- a
    refusal (`error`, and `errors` beside the fields it concerns), a word of success (`done`),
    or a question to confirm before anything is done (`confirm`)."""

    form: str
    key: int | None = None
    values: dict[str, str] = field(default_factory=dict)
    error: str | None = None
    done: str | None = None
    errors: dict[str, str] = field(default_factory=dict)
    confirm: Confirmation | None = None
    held: bool = False  # words held back after a warning: shown again to be changed

    def value(self, name: str, default: Any = "") -> Any:
        return self.values.get(name, default)

    def error_of(self, name: str) -> str | None:
        """What is wrong with field `name`, if the refusal says so beside it."""
        return self.errors.get(name)


def room_ids(view: TalkView) -> dict[str, str]:
    """An element id per room, so a party's name never has to be one."""
    ids = {party: f"room-{i}" for i, party in enumerate(view.parties)}
    ids["joint"] = "room-joint"
    return ids


def build(service: TalkService, actor: Actor, state: FormState | None = None) -> dict[str, Any]:
    """The context of the talk's page for `actor` (blocking: reads the record)."""
    view = service.view(actor.talk, actor.name)
    context: dict[str, Any] = {
        "r": view,
        "csrf": csrf_of(actor.identity),
        "state": state,
        "room_ids": room_ids(view),
    }
    if view.process is not None:
        context["process_title"] = title_of(service, view.process)
        tracks = reached_tracks(service, actor.identity, view.process, view)
        context["process_tracks"] = tracks
        context["other_tracks"] = [t for t in tracks if t.talk != view.talk]
    if view.is_mediator:
        context |= advice_context(service, actor)
    else:
        context["profile_defaults"] = profile_fields(view)
    return context


def other_tracks_of(service: TalkService, actor: Actor, view: TalkView) -> list[TalkView]:
    """The reader's other tracks of this talk's process (none outside a process): where the
    forms that carry across may take a statement."""
    if view.process is None:
        return []
    tracks = reached_tracks(service, actor.identity, view.process, view)
    return [t for t in tracks if t.talk != view.talk]


def profile_fields(view: TalkView) -> dict[str, str]:
    """The profile editor's starting values: the party's last profile if its view holds one,
    else nothing at all -- a number the party did not choose would pass for its own."""
    fields: dict[str, str] = {"reservation": "", "share": ""}
    for i, issue in enumerate(view.issues):
        fields[f"weight-{i}"] = ""
        for j, _ in enumerate(issue.options):
            fields[f"value-{i}-{j}"] = ""
    own = view.own_profile()
    if own is None or own.weights is None or own.values is None or own.reservation is None:
        return fields  # none yet, or its contents withheld
    weights = dict(own.weights)
    values = {(issue, option): value for issue, option, value in own.values}
    for i, issue in enumerate(view.issues):
        fields[f"weight-{i}"] = weights.get(issue.name, fields[f"weight-{i}"])
        for j, option in enumerate(issue.options):
            key = f"value-{i}-{j}"
            fields[key] = values.get((issue.name, option), fields[key])
    fields["reservation"] = own.reservation
    fields["share"] = "yes" if own.shared else ""
    return fields


def advice_context(service: TalkService, actor: Actor) -> dict[str, Any]:
    try:
        advice = service.advice(actor.talk, actor.name)
    except Refusal as refusal:
        return {"advice": None, "advice_missing": str(refusal), "chart": None}
    chart: Chart = chart_of(advice)
    return {"advice": advice, "advice_missing": None, "chart": chart}


async def talk_context(
    service: TalkService, actor: Actor, state: FormState | None = None
) -> dict[str, Any]:
    return await run_in_threadpool(build, service, actor, state)


def page_template(context: dict[str, Any]) -> str:
    view: TalkView = context["r"]
    return "console.html" if view.is_mediator else "room.html"
