"""Actions that cannot be taken back ask first: closing the talk, consenting to the joint room,
and relaxing a statement's handling (letting the mediator carry more of it).

Each question says in plain words what will happen. It is asked only when the action would
be carried out: when the rules would refuse it anyway (a delegate closing, a party that has
already consented), the refusal is said at once instead of a question that leads to it.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from shuttle.talks import Close, Consent, Handling, Release, TalkView
from shuttle.web.pages.page_view import still_negotiating, still_open
from shuttle.web.pages.readers import mediators_of


@dataclass(frozen=True)
class Confirmation:
    """What will happen, then the question (`question`), and the words of the button that
    says yes (`button`); with `decline`, a second button that says no and is heard (the form
    is posted with `confirm=no`), where "Go back" would only leave."""

    question: Markup
    button: str
    decline: str | None = None


def closing(view: TalkView, command: Close) -> Confirmation | None:
    if not view.is_mediator or not still_negotiating(view):
        return None
    question = Markup(
        "Closing ends the talk for everyone: nobody can speak, carry or sign after it, and it "
        "cannot be opened again. Every room will read that it closed without agreement"
    )
    if command.reason:
        question += Markup(', and your reason: <q dir="auto">{}</q>').format(command.reason)
    return Confirmation(question + Markup(". Close the talk?"), "Yes, close it")


def consenting(view: TalkView, command: Consent) -> Confirmation | None:
    party = view.party
    if party is None or party in view.consents or view.joint_open or not still_open(view):
        return None
    question = Markup(
        "You consent for <bdi>{}</bdi> as a whole, and consent cannot be withdrawn. When every "
        "party has consented, the joint room opens: everything said there is read by every "
        "party's delegates and {}. Consent to the joint room?"
    ).format(party, mediators_of(view))
    return Confirmation(question, "Yes, consent")


def relaxing(view: TalkView, command: Release) -> Confirmation | None:
    """A release to a less restrictive handling (`Handling` lists them most restrictive
    first); making a statement stricter needs no question: it lets nobody do more."""
    statement = view.statement(command.statement)
    if statement is None or not still_open(view):
        return None
    now = view.handling.get(statement.seq, statement.handling)
    wanted = command.handling
    if wanted.openness <= now.openness:
        return None
    question = Markup(
        "Statement #{} is {} now. Changing it to {} lets {} carry it to the other parties' "
        "rooms {}. Once it has been carried, it can never be made stricter again, and what "
        "was carried stays carried. Change it?"
    ).format(statement.seq, now.value, wanted.value, mediators_of(view), _how(wanted))
    return Confirmation(question, f"Yes, change it to {wanted.value}")


def _how(handling: Handling) -> str:
    if handling is Handling.MAY_CONVEY:
        return "word for word or in their own words"
    return "word for word"
