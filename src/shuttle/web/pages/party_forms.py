"""The forms of a party's room: speak, change a statement's handling, consent to the joint
room, answer the draft and proposals, bid, keep the profile, sign. Each executes one command
as the sender. (Offers have their own module.)"""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.datastructures import FormData
from starlette.responses import Response

from shuttle.talks import (
    JOINT_ROOM,
    Answer,
    AnswerProposal,
    Bid,
    Comparison,
    Consent,
    Handling,
    Invalid,
    Release,
    Say,
    Sign,
    SubmitProfile,
    TalkView,
)
from shuttle.web.deps import Actor
from shuttle.web.pages.confirmations import consenting, relaxing
from shuttle.web.pages.forms import FieldErrors, Form, decimal, field, submit

router = APIRouter(include_in_schema=False)


def handling(form: FormData, name: str = "handling") -> Handling | None:
    text = field(form, name)
    if not text:
        return None
    try:
        return Handling(text)
    except ValueError:
        allowed = ", ".join(h.value for h in Handling)
        raise Invalid(f"handling must be one of {allowed}, not {text!r}") from None


def accepts(form: FormData) -> bool:
    answer = field(form, "accept")
    if answer not in ("yes", "no"):
        raise Invalid("choose accept or reject")
    return answer == "yes"


@router.post("/talks/{talk}/say")
async def say(request: Request, talk: str) -> Response:
    """A delegate speaks in its own room (or the joint room, once open); a mediator in the
    room the form names."""
    data = await request.form()
    room = field(data, "room") or None

    def build(actor: Actor, view: TalkView, form: FormData) -> Say:
        return Say(actor.name, field(form, "text"), room, handling(form))

    if room is None:
        return await submit(request, talk, Form("say", anchor="say", echo=True), build)

    def in_room(view: TalkView) -> Form:
        rooms = view.room_rooms()
        if view.is_mediator:
            index = rooms.index(room) if room in rooms else 0
            return Form("say_room", index, f"say-room-{index}", echo=True)
        if room == JOINT_ROOM:
            return Form("say_joint", anchor="joint-title", echo=True)
        return Form("say", anchor="say", echo=True)

    return await submit(request, talk, in_room, build, guarded=True)


@router.post("/talks/{talk}/statements/{seq}/release")
async def release(request: Request, talk: str, seq: int) -> Response:
    def build(actor: Actor, view: TalkView, form: FormData) -> Release:
        chosen = handling(form)
        if chosen is None:
            raise Invalid("choose a handling")
        return Release(actor.name, seq, chosen)

    def visible(view: TalkView) -> bool:
        return view.statement(seq) is not None

    form = Form("release", seq, f"said-{seq}")
    return await submit(request, talk, form, build, visible, confirm=relaxing)


@router.post("/talks/{talk}/consent")
async def consent(request: Request, talk: str) -> Response:
    """The sender's party consents to the joint room, which opens once every party has."""

    def build(actor: Actor, view: TalkView, form: FormData) -> Consent:
        return Consent(actor.name)

    form = Form("consent", anchor="joint-title")
    return await submit(request, talk, form, build, confirm=consenting)


@router.post("/talks/{talk}/answer")
async def answer(request: Request, talk: str) -> Response:
    def build(actor: Actor, view: TalkView, form: FormData) -> Answer:
        version = field(form, "version")
        prefer = tuple(
            (issue.name, field(form, f"prefer-{i}"))
            for i, issue in enumerate(view.issues)
            if field(form, f"prefer-{i}")
        )
        compared = field(form, "comparison")
        try:
            comparison = Comparison(compared) if compared else None
        except ValueError:
            raise Invalid("the comparison must be better, same or worse") from None
        return Answer(
            actor.name,
            accepts(form),
            int(version) if version.isdigit() else None,
            prefer,
            comparison,
            field(form, "comment") or None,
        )

    return await submit(request, talk, Form("answer", anchor="draft-title"), build)


@router.post("/talks/{talk}/proposals/{number}/answer")
async def answer_proposal(request: Request, talk: str, number: int) -> Response:
    def build(actor: Actor, view: TalkView, form: FormData) -> AnswerProposal:
        return AnswerProposal(actor.name, accepts(form), number)

    def visible(view: TalkView) -> bool:
        return any(p.number == number for p in view.proposals)

    form = Form("proposal_answer", number, "deals-title")
    return await submit(request, talk, form, build, visible)


@router.post("/talks/{talk}/bids/{number}/bound")
async def bid(request: Request, talk: str, number: int) -> Response:
    def build(actor: Actor, view: TalkView, form: FormData) -> Bid:
        return Bid(actor.name, decimal(form, "bound", "your bound"), number)

    def visible(view: TalkView) -> bool:
        return any(b.number == number for b in view.bids)

    return await submit(request, talk, Form("bid", number, "deals-title"), build, visible)


@router.post("/talks/{talk}/profile")
async def profile(request: Request, talk: str) -> Response:
    """Save the party's profile. Every number is read before anything is sent to the rules,
    so that an empty or half-filled form says beside each field what is missing, and records
    nothing; the rules then check the ranges."""

    def build(actor: Actor, view: TalkView, form: FormData) -> SubmitProfile:
        typed = numbers(form, profile_numbers(view))
        weights = tuple((issue.name, typed[f"weight-{i}"]) for i, issue in enumerate(view.issues))
        values = tuple(
            (issue.name, option, typed[f"value-{i}-{j}"])
            for i, issue in enumerate(view.issues)
            for j, option in enumerate(issue.options)
        )
        share = field(form, "share") == "yes"
        return SubmitProfile(actor.name, weights, values, typed["reservation"], share)

    return await submit(request, talk, Form("profile", anchor="profile-title"), build)


def profile_numbers(view: TalkView) -> dict[str, str]:
    """The profile form's numbers: each field's name, and what a missing one should hold."""
    wanted = {}
    for i, issue in enumerate(view.issues):
        wanted[f"weight-{i}"] = "a number, 0 or more"
        for j, _ in enumerate(issue.options):
            wanted[f"value-{i}-{j}"] = "a number from 0 to 1"
    wanted["reservation"] = "a number from 0 to 1"
    return wanted


def numbers(form: FormData, wanted: dict[str, str]) -> dict[str, float]:
    """The numbers typed in the fields `wanted` names; FieldErrors, beside every field left
    empty or holding something else than a number, if any is."""
    typed: dict[str, float] = {}
    errors: dict[str, str] = {}
    for name, expected in wanted.items():
        text = field(form, name)
        if not text:
            errors[name] = f"Missing: type {expected}."
            continue
        try:
            typed[name] = decimal(form, name, "this")
        except Invalid:
            errors[name] = f"“{text}” is not a number: type {expected}, such as 0.5."
    if errors:
        count = "1 number is" if len(errors) == 1 else f"{len(errors)} numbers are"
        raise FieldErrors(f"{count} missing or not a number, as marked beside each", errors)
    return typed


@router.post("/talks/{talk}/sign")
async def sign(request: Request, talk: str) -> Response:
    def build(actor: Actor, view: TalkView, form: FormData) -> Sign:
        return Sign(
            actor.name,
            field(form, "head") or None,
            intent=field(form, "intent") == "yes",
            text_hash=field(form, "text_hash") or None,
        )

    return await submit(request, talk, Form("sign", anchor="agreement-title"), build)
