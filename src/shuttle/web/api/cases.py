"""A mediator's cases: opening a talk, listing one's talks, adding and removing people, and
making (and mailing) their links -- everything a mediator did on the server's command line.

For mediators only: an account's session, or a mediator's bearer token. To anyone else a
talk's people routes answer 404, as for a talk that does not exist.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Path, Request
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from shuttle.accounts import Identity
from shuttle.accounts.mail import MailError
from shuttle.assembly import end_credentials_of_leavers
from shuttle.service import Appended, TalkService
from shuttle.talks import (
    BidRule,
    Handling,
    Hint,
    Invalid,
    Join,
    Leave,
    NotFound,
    OpenTalk,
    Refused,
    Role,
    TalkView,
)
from shuttle.tracks import may_open_track, open_track
from shuttle.web.api.common import Acting, Outcome, Service, carry_out, execute_keyed, outcome_of
from shuttle.web.api.idempotency import IdempotencyKey
from shuttle.web.api.negotiation import IssueBody
from shuttle.web.deps import Actor, access, required_identity
from shuttle.web.invitations import mail_link, make_link
from shuttle.web.opening import FieldErrors, Opening, command_for, keep_what_it_opened
from shuttle.web.reach import mediated_within, reached_talks
from shuttle.web.settings import Settings

router = APIRouter(tags=["cases"])

Name = Field(min_length=1, max_length=120)


class DelegateBody(BaseModel):
    name: str = Name
    party: str = Field(min_length=1, max_length=120)


class OpenTalkBody(BaseModel):
    """A new talk; the caller is its first mediator."""

    title: str = Field(min_length=1, max_length=200)
    parties: list[str] = Field(min_length=2, max_length=20)
    delegates: list[DelegateBody] = Field(default_factory=list, max_length=200)
    co_mediators: list[str] = Field(default_factory=list, max_length=20)
    default_handling: Handling = Handling.MEDIATOR_ONLY
    hide_carried_text: bool = Field(False, description="Hide carried text from its source room.")
    bid_rule: BidRule = BidRule.MIDPOINT
    agenda: list[IssueBody] | None = Field(None, max_length=50)
    process: str | None = Field(
        None,
        max_length=64,
        description="Open it as a track of this process (one the caller opened, or one of "
        "whose tracks it mediates).",
    )


class Awaits(BaseModel):
    uncarried: int = Field(description="Statements a mediator may carry and has not yet.")
    answered: int = Field(description="Parties that answered the current version of the text.")
    to_answer: int = Field(description="Parties asked to answer it (0: none circulates).")
    unsigned: list[str] = Field(description="Parties whose signature the agreement lacks.")


class Case(BaseModel):
    talk: str
    title: str
    parties: list[str]
    role: Role
    status: Literal["open", "agreed", "signed", "closed"]
    opened_at: str
    last_activity: str | None
    head: str
    awaits: Awaits


class Opened(BaseModel):
    talk: str
    head: str
    token: str | None = Field(
        None, description="Only when opened with a bearer token: one for the new talk."
    )


class ParticipantBody(BaseModel):
    name: str = Name
    role: Role
    party: str | None = Field(None, max_length=120, description="A delegate's party.")


class InviteBody(BaseModel):
    name: str = Name
    send: bool = Field(False, description="Mail the link to `email` as well.")
    email: str | None = Field(
        None, min_length=3, max_length=320, description="Where to mail it, with `send`."
    )


class InviteLink(BaseModel):
    talk: str
    participant: str
    url: str
    kind: Literal["invite", "password"] = Field(
        description="invite: enters the talk; password: makes a co-mediator's account."
    )
    expires_at: float
    sent_to: str | None = None


def mediator_of(actor: Actor) -> Actor:
    """The caller if it mediates this talk; to anyone else the route does not exist."""
    if not actor.participant.is_mediator:
        raise NotFound(f"talk {actor.talk!r} not found")
    return actor


async def mediating(actor: Acting) -> Actor:
    return mediator_of(actor)


Mediating = Annotated[Actor, Depends(mediating)]
Caller = Annotated[Identity, Depends(required_identity)]


@router.post("/talks", status_code=201, response_model=Opened, response_model_exclude_none=True)
async def open_talk(
    body: OpenTalkBody, identity: Caller, service: Service, request: Request
) -> Opened:
    """Open a talk with the caller as its first mediator: a mediator's account, or a bearer
    token of a mediator (which then gets a token for the new talk). Nothing is recorded
    unless every field is right."""
    opener = await run_in_threadpool(_opener, service, identity)
    opening = Opening(
        title=body.title,
        parties=tuple(body.parties),
        delegates=tuple((d.party, d.name) for d in body.delegates),
        co_mediators=tuple(body.co_mediators),
        default_handling=body.default_handling,
        hide_carried_text=body.hide_carried_text,
        bid_rule=body.bid_rule,
        agenda=None
        if body.agenda is None
        else tuple((i.name, tuple(i.options)) for i in body.agenda),
    )
    try:
        command = command_for(opener, opening)
    except FieldErrors as errors:
        field, message = next(iter(errors.errors.items()))
        raise Invalid(message, _hint(field)) from None
    if body.process is None:
        appended = await run_in_threadpool(service.open_talk, command)
    else:
        appended = await run_in_threadpool(
            _open_track, service, identity, opener, body.process, command
        )
    await run_in_threadpool(keep_what_it_opened, access(request), identity, appended.talk)
    token = None
    if identity.kind == "bearer":
        token = await run_in_threadpool(access(request).bearer, appended.talk, opener)
    return Opened(talk=appended.talk, head=str(appended.head), token=token)


@router.get("/talks", response_model=list[Case])
async def cases(identity: Caller, service: Service) -> list[Case]:
    """The caller's talks: an account's, every talk it mediates; a participant's credential,
    its own talk. Each with where it stands and what it awaits."""
    return await run_in_threadpool(_cases, service, identity)


@router.post("/talks/{talk}/participants", status_code=201)
async def add_participant(
    body: ParticipantBody, actor: Mediating, service: Service, key: IdempotencyKey
) -> Outcome:
    """Add a delegate of a party, or another mediator, at any time."""
    command = Join(actor.name, body.name, body.role, body.party)
    return await run_in_threadpool(carry_out, service, actor, command, key)


@router.delete("/talks/{talk}/participants/{name}")
async def remove_participant(
    name: Annotated[str, Path(min_length=1, max_length=120)],
    actor: Acting,
    service: Service,
    request: Request,
    key: IdempotencyKey,
) -> Outcome:
    """Remove a participant (mediators), or leave the talk (anyone, naming itself): its
    invites, sessions and tokens for the talk end at once, and the record says so."""
    command = Leave(actor.name, name)
    appended = await run_in_threadpool(execute_keyed, service, actor, command, key)
    await run_in_threadpool(end_credentials_of_leavers, access(request), appended)
    return outcome_of(appended)


@router.post(
    "/talks/{talk}/invites",
    status_code=201,
    response_model=InviteLink,
    response_model_exclude_none=True,
)
async def invite(
    body: InviteBody, actor: Mediating, service: Service, request: Request
) -> InviteLink:
    """A new link for a participant (it replaces any earlier one not used yet); with `send`,
    mailed to `email` too. A co-mediator with no account gets a link to choose a password."""
    settings: Settings = request.app.state.settings
    if body.send and (settings.mailer is None or body.email is None):
        raise Invalid(
            "this server sends no mail: copy the link by hand"
            if settings.mailer is None
            else "give the address to mail the link to",
            _hint("email"),
        )
    base = settings.base_url or str(request.base_url)
    link = await run_in_threadpool(
        make_link, service, access(request), actor.talk, body.name, base, settings.invite_ttl
    )
    sent_to = None
    if body.send and settings.mailer is not None and body.email is not None:
        view = await run_in_threadpool(service.view, actor.talk, actor.name)
        try:
            await run_in_threadpool(
                mail_link, settings.mailer, link, body.email, view.title, actor.name
            )
        except MailError as error:
            raise Refused(
                f"the link was made but not sent: {error}", "copy it by hand, or try again"
            ) from None
        sent_to = body.email
    return InviteLink(
        talk=link.talk,
        participant=link.participant,
        url=link.url,
        kind=link.kind,
        expires_at=link.expires_at,
        sent_to=sent_to,
    )


def _open_track(
    service: TalkService, identity: Identity, opener: str, process: str, command: OpenTalk
) -> Appended:
    # A process the opener neither opened nor mediates a track of is answered as none at all.
    # A mediator's bearer token acts in its own talk alone: that talk must be a track of it.
    if identity.user is None:
        allowed = may_open_track(service, process, opener, {identity.talk or ""}, opened=False)
    else:
        allowed = may_open_track(service, process, opener, mediated_within(identity))
    if not allowed:
        raise NotFound(f"process {process.strip()!r} not found", Hint(field="process"))
    return open_track(service, replace(command, process=process.strip()))


def _opener(service: TalkService, identity: Identity) -> str:
    """The name that opens a talk: an account's, or a mediator's behind a bearer token."""
    if identity.opener is not None:
        return identity.opener
    talk, name = identity.talk, identity.participant
    if identity.kind == "bearer" and talk is not None and name is not None:
        participant = service.participant(talk, name)
        if participant.is_mediator and participant.present:
            return participant.name
    raise Refused(
        "only a mediator opens talks",
        "sign in with a mediator's account, or use a mediator's bearer token",
    )


def _cases(service: TalkService, identity: Identity) -> list[Case]:
    return [case_of(view) for view in reached_talks(service, identity)]


def case_of(view: TalkView) -> Case:
    """A talk as the caller's case list shows it, from the caller's view."""
    waiting = view.awaiting()
    return Case(
        talk=view.talk,
        title=view.title,
        parties=list(view.parties),
        role=view.participant.role,
        status=view.status.value,
        opened_at=view.opened_at,
        last_activity=view.last_activity,
        head=view.head,
        awaits=Awaits(
            uncarried=waiting.uncarried,
            answered=waiting.answered,
            to_answer=waiting.to_answer,
            unsigned=list(waiting.unsigned),
        ),
    )


def _hint(field: str) -> Hint:
    return Hint(field=field)
