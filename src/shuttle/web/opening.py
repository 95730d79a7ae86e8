"""Opening a talk from the web: the fields a mediator fills in (on a page, or in a JSON
body), checked together so that every problem is named beside its field, and nothing is
recorded until all of them are right.

The domain's own rules (`decide` on a talk not opened yet) have the last word: the command is
judged in full before the service records it, so a page and the API refuse exactly what the
command line refuses.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from shuttle.accounts import Access, Identity
from shuttle.engine import Scenario
from shuttle.talks import (
    BidRule,
    Delegate,
    Handling,
    Incident,
    Invalid,
    OpenTalk,
    Refusal,
    agenda_of_space,
    decide,
    initial_state,
)

Issues = tuple[tuple[str, tuple[str, ...]], ...]

FIELDS = ("title", "parties", "delegates", "mediators", "agenda", "scenario")
"""The fields an error may stand beside ("form" for what concerns them all)."""


class FieldErrors(Exception):
    """What is wrong, field by field; nothing was recorded."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


@dataclass(frozen=True)
class Opening:
    """A new talk as the mediator describes it. `delegates` pairs each delegate's party with
    its name; `co_mediators` are the mediators beside the one opening it."""

    title: str
    parties: tuple[str, ...]
    delegates: tuple[tuple[str, str], ...] = ()
    co_mediators: tuple[str, ...] = ()
    default_handling: Handling = Handling.MEDIATOR_ONLY
    hide_carried_text: bool = False
    bid_rule: BidRule = BidRule.MIDPOINT
    agenda: Issues | None = None
    scenario: Scenario | None = None


def command_for(opener: str, opening: Opening) -> OpenTalk:
    """The command that opens the talk with `opener` as its first mediator; FieldErrors
    naming every problem found, beside its field."""
    errors: dict[str, str] = {}
    scenario = opening.scenario
    title = opening.title.strip() or (scenario.name if scenario is not None else "")
    if not title:
        errors["title"] = "Give the talk a title."
    parties = tuple(p.strip() for p in opening.parties if p.strip())
    if not parties and scenario is not None:
        parties = scenario.parties
    if len(parties) < 2:
        errors["parties"] = "Name at least two parties, one per line."
    unknown = sorted({party for party, _ in opening.delegates if party.strip() not in parties})
    if unknown and "parties" not in errors:
        errors["delegates"] = f"{_listing(unknown)} is not one of the parties named above."
    agenda, escalation = _agenda(opening, errors)
    if errors:
        raise FieldErrors(errors)
    command = OpenTalk(
        title=title,
        parties=parties,
        mediators=(opener, *(m for m in opening.co_mediators if m.strip())),
        delegates=tuple(Delegate(name, party.strip()) for party, name in opening.delegates),
        default_handling=opening.default_handling,
        hide_carried_text=opening.hide_carried_text,
        agenda=agenda,
        escalation=escalation,
        bid_rule=opening.bid_rule,
    )
    try:
        decide(initial_state(), command)  # judged in full; nothing is recorded here
    except Refusal as refusal:
        raise FieldErrors({_field_of(refusal, opening): sentence(refusal.message)}) from None
    return command


def _agenda(opening: Opening, errors: dict[str, str]) -> tuple[Issues | None, tuple[Incident, ...]]:
    """The agenda typed in, else the uploaded scenario's (with its escalation schedule)."""
    if opening.agenda:
        return opening.agenda, ()
    scenario = opening.scenario
    if scenario is None:
        return None, ()
    try:
        issues = tuple((i.name, i.options) for i in agenda_of_space(scenario.space).issues)
    except Invalid as error:
        errors["scenario"] = f"This scenario cannot be an agenda: {error.message}."
        return None, ()
    escalation = tuple(
        Incident(after_round=s.after_round, text=s.text, drop=s.drop, chance=s.chance)
        for s in scenario.escalation
    )
    return issues, escalation


_KEYWORDS = (
    ("delegate", "delegates"),
    ("mediator", "mediators"),
    ("title", "title"),
    ("issue", "agenda"),
    ("option", "agenda"),
    ("agenda", "agenda"),
    ("escalation", "agenda"),
    ("part", "parties"),
)


def _field_of(refusal: Refusal, opening: Opening) -> str:
    """The field a refusal of the opening concerns: the domain's hint, else its words."""
    hint = refusal.hint
    if hint is not None and hint.field in FIELDS:
        return hint.field
    message = refusal.message.lower()
    for word, field in _KEYWORDS:
        if word in message:
            return "scenario" if field == "agenda" and not opening.agenda else field
    return "form"


def _listing(names: Sequence[str]) -> str:
    return ", ".join(f"“{n}”" for n in names)


def sentence(message: str) -> str:
    """A message as a sentence on a page: capitalised, with its full stop."""
    text = message.strip()
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


def keep_what_it_opened(access: Access, identity: Identity, talk: str) -> None:
    """The mediator's seat of `talk`, just opened under the account's name, kept in the
    account when it acts through seats (one made from a co-mediator's link): else it could
    not act in the talk it opened."""
    if identity.user is not None and identity.seats_only:
        access.keep_opened(identity.user, talk)
