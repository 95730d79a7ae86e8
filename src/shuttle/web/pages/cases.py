"""An account's home page, listing every talk it takes part in (where each stands and what it
awaits: the talks it mediates, and the seats of a delegate it keeps), and opening a new talk in
the browser -- fields typed in, or the agenda taken from an uploaded scenario file -- with every
error beside its field and nothing recorded until all is right."""

from __future__ import annotations

from dataclasses import dataclass, replace

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile
from starlette.responses import RedirectResponse, Response

from shuttle.accounts import Identity
from shuttle.engine import Scenario
from shuttle.engine.formats.errors import ScenarioError
from shuttle.engine.formats.upload import agenda_scenario_from_upload
from shuttle.service import TalkService
from shuttle.talks import BidRule, Handling, Invalid, TalkView
from shuttle.talks.visibility import BID_NOTICE
from shuttle.tracks import may_open_track, open_process, open_track, processes_for, title_of
from shuttle.web.deps import access, talk_service
from shuttle.web.opening import (
    FieldErrors,
    Opening,
    command_for,
    keep_what_it_opened,
    sentence,
)
from shuttle.web.pages.agenda_text import EXAMPLE, parse_agenda
from shuttle.web.pages.render import page
from shuttle.web.pages.visitor import account, csrf_of, visitor
from shuttle.web.reach import mediated_within, reached_talks

router = APIRouter(include_in_schema=False)

HANDLINGS = {
    Handling.MEDIATOR_ONLY: "Only the mediators read what a delegate says, until the delegate "
    "allows more. The safest start.",
    Handling.VERBATIM_ONLY: "The mediators may carry a delegate's words to the other rooms, "
    "word for word only.",
    Handling.MAY_CONVEY: "The mediators may carry a delegate's words to the other rooms, word "
    "for word or in their own words.",
}
"""What each default handling means for what a delegate says, in the form's words."""


@router.get("/")
async def home(request: Request) -> Response:
    identity = await visitor(request)
    if identity is None:
        return RedirectResponse("/login", status_code=303)
    if identity.talk is not None:
        return RedirectResponse(f"/talks/{identity.talk}", status_code=303)
    service = talk_service(request)
    cases = await run_in_threadpool(reached_talks, service, identity)
    processes = await run_in_threadpool(process_titles, service, cases)
    context = {
        "cases": cases,
        "processes": processes,
        "who": identity.user,
        "mediates": identity.opener is not None,
        "csrf": csrf_of(identity),
        "opened_process": request.query_params.get("process") == "opened",
    }
    return page("cases.html", context)


def process_titles(service: TalkService, views: list[TalkView]) -> dict[str, str]:
    """The title of each process these talks are tracks of."""
    processes = {v.process for v in views if v.process is not None}
    return {process: title_of(service, process) for process in processes}


@router.post("/processes")
async def open_a_process(request: Request) -> Response:
    """Open a process (the home page's form); its tracks are opened from the new talk's form."""
    _, user = await account(request)
    form = await request.form()
    title = form.get("title")
    try:
        await run_in_threadpool(
            open_process, talk_service(request), title if isinstance(title, str) else "", user
        )
    except Invalid as error:
        return page("refused_page.html", {"message": sentence(error.message)}, 422)
    return RedirectResponse("/?process=opened", status_code=303)


@router.get("/talks/new")
async def new_talk(request: Request) -> Response:
    identity, _ = await account(request)
    return await _form(request, identity, Typed(), {})


@router.post("/talks/new")
async def open_new_talk(request: Request) -> Response:
    identity, user = await account(request)
    form = await request.form()
    typed = Typed.of(form)
    errors: dict[str, str] = {}
    scenario = await _scenario(form, errors)
    agenda = None
    if typed.agenda.strip():
        try:
            agenda = parse_agenda(typed.agenda)
        except Invalid as error:
            errors["agenda"] = sentence(error.message)
    delegates = _delegates(typed.delegates, errors)
    opening = Opening(
        title=typed.title,
        parties=tuple(typed.parties.splitlines()),
        delegates=delegates,
        co_mediators=tuple(typed.mediators.splitlines()),
        default_handling=typed.handling,
        hide_carried_text=typed.hide,
        bid_rule=typed.bid_rule,
        agenda=agenda,
        scenario=scenario,
    )
    try:
        command = command_for(user, opening)
    except FieldErrors as found:
        # Every field's problem at once: what could not even be read, and what the rest lacks.
        return await _form(request, identity, typed, found.errors | errors, status=422)
    if errors:
        return await _form(request, identity, typed, errors, status=422)
    service = talk_service(request)
    if typed.process:
        within = mediated_within(identity)
        allowed = await run_in_threadpool(may_open_track, service, typed.process, user, within)
        if not allowed:
            errors = {"process": "Choose one of your processes, or none."}
            return await _form(request, identity, typed, errors, status=422)
        command = replace(command, process=typed.process)
        appended = await run_in_threadpool(open_track, service, command)
    else:
        appended = await run_in_threadpool(service.open_talk, command)
    await run_in_threadpool(keep_what_it_opened, access(request), identity, appended.talk)
    return RedirectResponse(f"/talks/{appended.talk}/people?opened=1", status_code=303)


@dataclass(frozen=True)
class Typed:
    """The form as typed, to show it again beside its errors (an uploaded file cannot be:
    the form asks for it again)."""

    title: str = ""
    parties: str = ""
    delegates: str = ""
    mediators: str = ""
    agenda: str = ""
    handling: Handling = Handling.MEDIATOR_ONLY
    hide: bool = False
    bid_rule: BidRule = BidRule.MIDPOINT
    process: str = ""  # the process this talk opens as a track of, or "" for none

    @classmethod
    def of(cls, form: FormData) -> Typed:
        def text(name: str, limit: int = 20_000) -> str:
            value = form.get(name)
            return value[:limit] if isinstance(value, str) else ""

        handling = text("handling", 40)
        rule = text("bid_rule", 40)
        return cls(
            title=text("title", 400),
            parties=text("parties"),
            delegates=text("delegates"),
            mediators=text("mediators"),
            agenda=text("agenda"),
            handling=Handling(handling) if handling in set(Handling) else Handling.MEDIATOR_ONLY,
            hide=text("hide", 10) == "yes",
            bid_rule=BidRule(rule) if rule in set(BidRule) else BidRule.MIDPOINT,
            process=text("process", 64).strip(),
        )


def _delegates(text: str, errors: dict[str, str]) -> tuple[tuple[str, str], ...]:
    """ "Party: Name" lines as (party, name) pairs; an error naming a line that is not."""
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        party, colon, name = line.partition(":")
        if not colon or not party.strip() or not name.strip():
            errors["delegates"] = (
                f"Line {number} (“{line.strip()}”) needs the party, a colon and the delegate's "
                "name, such as “Iran: Foreign Minister”."
            )
            return ()
        found.append((party.strip(), name.strip()))
    return tuple(found)


async def _scenario(form: FormData, errors: dict[str, str]) -> Scenario | None:
    upload = form.get("scenario")
    if not isinstance(upload, UploadFile) or not upload.filename:
        return None
    data = await upload.read()
    if not data:
        return None
    try:
        return await run_in_threadpool(agenda_scenario_from_upload, upload.filename, data)
    except ScenarioError as error:
        errors["scenario"] = f"This file cannot be read as a scenario: {error}."
        return None


async def _form(
    request: Request,
    identity: Identity,
    typed: Typed,
    errors: dict[str, str],
    status: int = 200,
) -> Response:
    assert identity.opener is not None
    processes = await run_in_threadpool(
        processes_for, talk_service(request), identity.opener, mediated_within(identity)
    )
    context = {
        "processes": processes,
        "typed": typed,
        "errors": errors,
        "who": identity.user,
        "csrf": csrf_of(identity),
        "handlings": HANDLINGS,
        "bid_rules": {rule: BID_NOTICE[rule] for rule in BidRule},
        "agenda_example": EXAMPLE,
    }
    return page("open_talk.html", context, status=status)
