"""What a participant can see of one event: one frozen value per kind of sight.

`view_of` (in `visibility`) produces these and nothing else; every surface -- pages, the JSON
API, the command line, the automated parties, exports -- reads them, by type. A view holds
only what its participant may know: a field the rules withhold from it is absent from the
value (None, or an empty tuple where marked), never filled with the hidden value.

`to_dict` gives a view's wire form: ``seq``, ``at``, ``kind`` (the event's name in the record),
``room``, ``by`` and ``text`` always, then the view's other fields as plain data, leaving out a
withheld one. That form is what the API and ``shuttle view --json`` send, and what a proof
compares with the stored bytes (`reveals_all`).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, is_dataclass
from enum import StrEnum
from typing import Any, ClassVar

from shuttle.talks.agenda import AgendaIssue, Terms
from shuttle.talks.conversation.events import Delegate
from shuttle.talks.single_text.events import EscalationStep
from shuttle.talks.vocabulary import BidRule, Comparison, Handling, Mode, Role, Source

_BASE = ("seq", "at", "room", "by", "text")
WITHHELD: dict[str, Any] = {"withheld": True}
"""Field metadata: the field is left out of the wire form when its value is None or empty --
the participant was not given it."""


@dataclass(frozen=True)
class _View:
    """Where and when: the event's place in the record and its time."""

    kind: ClassVar[str]
    seq: int
    at: str

    @property
    def author(self) -> str | None:
        """Who did it, as far as this view tells (None for an event of no one's, or withheld)."""
        by: str | None = getattr(self, "by", None)
        return by

    @property
    def place(self) -> str | None:
        """The room it happened in (a carriage's: the room it went to), or None."""
        room: str | None = getattr(self, "room", None)
        return room

    def to_dict(self) -> dict[str, Any]:
        shown: dict[str, Any] = {
            "seq": self.seq,
            "at": self.at,
            "kind": self.kind,
            "room": self.place,
            "by": self.author,
            "text": getattr(self, "text", None),
        }
        for item in fields(self):
            value = getattr(self, item.name)
            if item.name in _BASE or (item.metadata.get("withheld") and value in (None, ())):
                continue
            shown[item.name] = plain(value)
        return shown


def plain(value: Any) -> Any:
    """A view's value as JSON-ready data: tuples become lists, enums their values, nested
    values (delegates, agenda issues, escalation steps) mappings of their fields."""
    if isinstance(value, tuple):
        return [plain(item) for item in value]
    if isinstance(value, StrEnum):
        return value.value
    if is_dataclass(value) and not isinstance(value, type):
        return {item.name: plain(getattr(value, item.name)) for item in fields(value)}
    return value


# --- The conversation -------------------------------------------------------------------


@dataclass(frozen=True)
class OpeningView(_View):
    """The talk's public facts and rules; a delegate is told only its own party's delegates."""

    kind: ClassVar[str] = "talk-opened"
    title: str
    parties: tuple[str, ...]
    mediators: tuple[str, ...]
    delegates: tuple[Delegate, ...]
    default_handling: Handling
    hide_carried_text: bool
    bid_rule: BidRule
    notice: str | None
    process: str | None = field(default=None, metadata=WITHHELD)  # a track's process


@dataclass(frozen=True)
class JoinView(_View):
    """A participant added to the talk: another mediator, or a delegate of a party."""

    kind: ClassVar[str] = "joined"
    by: str
    name: str
    role: Role
    party: str | None


@dataclass(frozen=True)
class LeaveView(_View):
    """A participant who stopped taking part: removed by a mediator, or left by itself."""

    kind: ClassVar[str] = "left"
    by: str
    name: str
    role: Role
    party: str | None


@dataclass(frozen=True)
class StatementView(_View):
    """Words said in a room, with the handling their speaker allows."""

    kind: ClassVar[str] = "said"
    by: str
    room: str
    text: str
    handling: Handling


@dataclass(frozen=True)
class ReleaseView(_View):
    """A party changed how one of its statements may travel."""

    kind: ClassVar[str] = "released"
    by: str
    statement: int
    handling: Handling
    previous: Handling


@dataclass(frozen=True)
class CarriageView(_View):
    """A carriage as the mediators see it: from which statement, between which rooms, how."""

    kind: ClassVar[str] = "conveyed"
    by: str
    source: int
    from_room: str
    to_room: str
    mode: Mode
    text: str
    terms: Terms

    @property
    def room(self) -> str:
        """The room it went to."""
        return self.to_room


@dataclass(frozen=True)
class CarriedInView(_View):
    """Words carried into the reader's room: from which party and how, never from where in
    that party's record; an offer carried verbatim brings its terms."""

    kind: ClassVar[str] = "conveyed"
    by: str
    room: str
    text: str
    mode: Mode
    from_room: str
    terms: Terms = field(default=(), metadata=WITHHELD)


@dataclass(frozen=True)
class CarriedOutView(_View):
    """One of the reader's party's statements carried into another room; the words carried
    are withheld when the talk hides carried text from its source."""

    kind: ClassVar[str] = "conveyed"
    by: str
    text: str | None
    mode: Mode
    source: int
    from_room: str
    to_room: str
    text_hidden: bool

    @property
    def room(self) -> str:
        """The room it went to."""
        return self.to_room


@dataclass(frozen=True)
class NoteView(_View):
    """A mediator's private note."""

    kind: ClassVar[str] = "noted"
    by: str
    text: str


@dataclass(frozen=True)
class ConsentView(_View):
    """A party agreed to meet the others in the joint room."""

    kind: ClassVar[str] = "consented"
    by: str
    party: str


@dataclass(frozen=True)
class JointOpenedView(_View):
    """Every party consented: the joint room is open."""

    kind: ClassVar[str] = "joint-opened"


@dataclass(frozen=True)
class OfferView(_View):
    """A party's offer of complete terms, made in its own room for the mediator to carry."""

    kind: ClassVar[str] = "offered"
    by: str
    room: str
    terms: Terms
    text: str
    handling: Handling


# --- The single text, proposals, bids, profiles, incidents, offers' answers -------------


@dataclass(frozen=True)
class AgendaView(_View):
    kind: ClassVar[str] = "agenda-set"
    by: str | None
    issues: tuple[AgendaIssue, ...]
    escalation: tuple[EscalationStep, ...]


@dataclass(frozen=True)
class DraftView(_View):
    """A version of the single negotiating text."""

    kind: ClassVar[str] = "drafted"
    by: str
    version: int
    terms: Terms
    clauses: tuple[str, ...]


@dataclass(frozen=True)
class AnswerView(_View):
    """A party's answer to a version of the text (seen by that party and the mediators)."""

    kind: ClassVar[str] = "answered"
    by: str
    party: str
    version: int
    accept: bool
    prefer: Terms
    comparison: Comparison | None
    comment: str | None


@dataclass(frozen=True)
class AgreementView(_View):
    """Every party accepted one text. Which offer it was reached on (`ref`) is told only to
    the mediators and the party that made the offer."""

    kind: ClassVar[str] = "agreed"
    reached_on: Source
    ref: int | None = field(metadata=WITHHELD)
    terms: Terms
    clauses: tuple[str, ...]
    text_hash: str


@dataclass(frozen=True)
class SignatureView(_View):
    """A party's delegate `by` signed the agreement's text at the record's head `head`, at time
    `at`, confirming the statement `intent` (None in records made before it was asked). Seen
    whole by everyone: a signature is meant for the other side."""

    kind: ClassVar[str] = "signed"
    by: str
    party: str
    text_hash: str
    head: str
    intent: str | None = field(default=None, metadata=WITHHELD)


@dataclass(frozen=True)
class ClosingView(_View):
    """A mediator ended the talk without agreement."""

    kind: ClassVar[str] = "closed"
    by: str
    reason: str | None


@dataclass(frozen=True)
class ProposalView(_View):
    """A mediator's take-it-or-leave-it proposal."""

    kind: ClassVar[str] = "proposed"
    by: str
    number: int
    terms: Terms
    clauses: tuple[str, ...]


@dataclass(frozen=True)
class ProposalAnswerView(_View):
    kind: ClassVar[str] = "proposal-answered"
    by: str
    party: str
    number: int
    accept: bool


@dataclass(frozen=True)
class ProposalOutcomeView(_View):
    """Whether a proposal was agreed; never who rejected it."""

    kind: ClassVar[str] = "proposal-concluded"
    number: int
    agreed: bool


@dataclass(frozen=True)
class BidOpenedView(_View):
    """A blind bid opened on a numeric issue, with what its settlement will reveal."""

    kind: ClassVar[str] = "bid-opened"
    by: str
    number: int
    issue: str
    high: str
    low: str
    rule: BidRule
    notice: str


@dataclass(frozen=True)
class BidView(_View):
    """A party's blind bid. Its bound is told to that party alone: the mediators learn only
    that it bid."""

    kind: ClassVar[str] = "bid-submitted"
    by: str
    party: str
    number: int
    bound: str | None = field(default=None, metadata=WITHHELD)


@dataclass(frozen=True)
class BidSettledView(_View):
    """Both bounds are in: the option settled on, or None when no option satisfies both."""

    kind: ClassVar[str] = "bid-settled"
    number: int
    issue: str
    value: str | None


@dataclass(frozen=True)
class ProfileView(_View):
    """A party's profile. Its contents are withheld from the mediators unless shared."""

    kind: ClassVar[str] = "profile"
    by: str
    party: str
    weights: tuple[tuple[str, str], ...] | None = field(metadata=WITHHELD)
    values: tuple[tuple[str, str, str], ...] | None = field(metadata=WITHHELD)
    reservation: str | None = field(metadata=WITHHELD)
    shared: bool


@dataclass(frozen=True)
class IncidentView(_View):
    """Something happened outside the talks; every reservation value falls by `drop`."""

    kind: ClassVar[str] = "incident"
    by: str
    text: str
    drop: str


@dataclass(frozen=True)
class OfferAnswerView(_View):
    """A party's answer to an offer carried into its room by carriage `via`. The answering
    party is not told where the offer sat in the offering party's room (`offer`)."""

    kind: ClassVar[str] = "offer-answered"
    by: str
    party: str
    offer: int | None = field(metadata=WITHHELD)
    via: int
    accept: bool


@dataclass(frozen=True)
class SentToTrackView(_View):
    """One of the reader's party's statements (or, for mediators, any party's) carried into
    another track of the process: where, by whom, how, and the words. `there` is the other
    track's head once they came in, shown to mediators only."""

    kind: ClassVar[str] = "sent-to-track"
    by: str
    statement: int
    from_room: str
    to_track: str
    to_title: str
    to_room: str
    mode: Mode
    text: str
    there: str | None = field(default=None, metadata=WITHHELD)

    @property
    def room(self) -> str:
        """The room of this track the statement was said in."""
        return self.from_room


@dataclass(frozen=True)
class ReceivedFromTrackView(_View):
    """Words carried into a room of this track from another track of the process: from
    which track and party, by whom and how. `there` is the source track's head when they
    were carried, shown to mediators only."""

    kind: ClassVar[str] = "received-from-track"
    by: str
    room: str
    from_track: str
    from_title: str
    from_party: str
    mode: Mode
    text: str
    there: str | None = field(default=None, metadata=WITHHELD)


ConversationSeen = (
    StatementView
    | SentToTrackView
    | ReceivedFromTrackView
    | OfferView
    | CarriageView
    | CarriedInView
    | CarriedOutView
    | ReleaseView
    | ConsentView
    | JointOpenedView
)
"""What a participant can see of the rooms' conversation: words, offers, carriages, releases,
consents and the joint room's opening."""

NegotiationSeen = (
    AgendaView
    | DraftView
    | AnswerView
    | AgreementView
    | SignatureView
    | ClosingView
    | ProposalView
    | ProposalAnswerView
    | ProposalOutcomeView
    | BidOpenedView
    | BidView
    | BidSettledView
    | ProfileView
    | IncidentView
    | OfferAnswerView
)
"""What a participant can see of the negotiation: the text, proposals, bids, profiles,
incidents, answers to offers, the agreement and its signatures."""

Seen = OpeningView | JoinView | LeaveView | NoteView | ConversationSeen | NegotiationSeen
"""Anything a participant can see of one event."""

Carriage = CarriageView | CarriedInView | CarriedOutView
"""A carriage, as a mediator, the receiving room or the source room sees it."""
