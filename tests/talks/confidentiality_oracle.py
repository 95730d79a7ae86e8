"""The confidentiality test's oracle: its own books of one talk, kept from the rules of proximity
talks as they are stated in words -- never from `decide`, `evolve` or `visibility`.

From the commands issued and the events that came back it knows every event of the record: whose
it is, where it happened, and who may see it and read its secrets. It predicts what every
command must produce (the events, or a refusal), so the machine in `test_confidentiality` can
hold the domain to it after every step.

A viewer is a party's name (any of its delegates) or None (a mediator). Secrets are of two
sorts, both unique in a run: text tokens (``~<8 hex><counter>~``) in everything people type,
and decimal numbers (bounds, profile weights and values) whose digits end in a counter.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from shuttle.talks import (
    JOINT_ROOM,
    AgendaIssue,
    Answer,
    AnswerOffer,
    AnswerProposal,
    Bid,
    BidRule,
    Close,
    Command,
    Consent,
    Convey,
    Draft,
    Event,
    Handling,
    Join,
    Mode,
    Note,
    Offer,
    OpenBid,
    OpenTalk,
    Propose,
    Release,
    ReportIncident,
    Role,
    Say,
    SetAgenda,
    Sign,
    Source,
    SubmitProfile,
)
from shuttle.talks.agenda import text_hash  # the agreed text's fingerprint, not a visibility rule
from shuttle.talks.events import (
    AgendaSet,
    Agreed,
    Answered,
    BidOpened,
    BidSettled,
    BidSubmitted,
    Closed,
    Consented,
    Conveyed,
    Drafted,
    EscalationStep,
    IncidentReported,
    Joined,
    JointRoomOpened,
    Noted,
    OfferAnswered,
    Offered,
    ProfileSubmitted,
    ProposalAnswered,
    ProposalConcluded,
    Proposed,
    Released,
    Said,
    Signed,
    TalkOpened,
)

TOKEN = re.compile(r"~[0-9a-f]{8}[0-9]+~")
NUMBER = re.compile(r"[0-9]+\.[0-9]+")  # where a secret number would show
BOUND_LIMIT = 1e15
MAX_WEIGHT = 1e9

# The oracle's own order of handlings, most restrictive first (not Handling.openness).
RANK = {Handling.MEDIATOR_ONLY: 0, Handling.VERBATIM_ONLY: 1, Handling.MAY_CONVEY: 2}

# Circulated to every room: the agenda, each draft, proposals and their outcome, blind bids
# opened and settled, incidents, the agreement and its signatures, the talk's opening facts.
PUBLIC_KINDS = frozenset(
    {
        "talk-opened",
        "agenda-set",
        "joint-opened",
        "drafted",
        "agreed",
        "signed",
        "closed",
        "proposed",
        "proposal-concluded",
        "bid-opened",
        "bid-settled",
        "incident",
    }
)
# A party's own choices: seen by that party only (and by the mediators).
OWN_PARTY_KINDS = frozenset(
    {"answered", "proposal-answered", "bid-submitted", "profile", "offer-answered", "consented"}
)

Viewer = str | None  # a party, or None: a mediator
Agenda = tuple[tuple[str, tuple[str, ...]], ...]
Pairs = tuple[tuple[str, str], ...]


def nfc(name: str) -> str:
    return unicodedata.normalize("NFC", name.strip())


def token_in(text: str) -> str:
    """The one token in a text that came back in an event."""
    tokens: list[str] = TOKEN.findall(text)
    assert len(tokens) == 1, f"{text!r} should hold exactly one token"
    return tokens[0]


def trimmed(text: str | None) -> str | None:
    """Typed text as the record keeps it, or None when it trims to nothing."""
    return None if text is None or not text.strip() else text.strip()


def decimal(value: float) -> str | None:
    """A finite number as the record writes it (shortest text that reads back), else None."""
    return repr(float(value)) if math.isfinite(value) else None


def within(value: float, low: float, high: float, *, open_low: bool = False) -> str | None:
    text = decimal(value)
    if text is None or value > high or (value <= low if open_low else value < low):
        return None
    return text


@dataclass
class Person:
    name: str
    party: str | None  # None: a mediator


@dataclass
class Entry:
    """What the oracle knows of one event of the record."""

    kind: str
    by: str | None = None
    room: str | None = None  # said, offered: where
    party: str | None = None  # said/offered: the speaker's; own-party kinds, released: whose
    text: str | None = None  # said, offered, conveyed, noted, incident
    tokens: tuple[str, ...] = ()  # the text tokens inside it
    secrets: tuple[str, ...] = ()  # its decimal secrets (bound, profile numbers)
    handling: Handling | None = None  # said, offered: its handling now
    carried: int = 0  # said, offered: how often it has been carried
    terms: Pairs = ()  # offered, conveyed (verbatim offer)
    source: int | None = None  # released, conveyed: the statement
    from_room: str | None = None  # conveyed
    to_room: str | None = None  # conveyed
    mode: Mode | None = None  # conveyed
    name: str | None = None  # joined
    role: Role | None = None  # joined
    shared: bool = False  # profile
    agreed: bool | None = None  # proposal-concluded


@dataclass
class ProposalBook:
    terms: Pairs
    clauses: tuple[str, ...]
    answers: dict[str, bool] = field(default_factory=dict)
    concluded: bool = False


@dataclass
class BidBook:
    issue: str
    high: str
    low: str
    bounds: dict[str, float] = field(default_factory=dict)
    settled: bool = False


@dataclass
class Agreement:
    terms: Pairs
    clauses: tuple[str, ...]
    hash: str


class Oracle:
    """The books of one talk, and what the rules say of every command and every event."""

    def __init__(self) -> None:
        self.parties: tuple[str, ...] = ()
        self.default_handling = Handling.MEDIATOR_ONLY
        self.hide = False
        self.bid_rule = BidRule.MIDPOINT
        self.people: dict[str, Person] = {}
        self.opening_delegates: dict[str, list[str]] = {}  # party -> delegates named at opening
        self.entries: dict[int, Entry] = {}
        self.consents: set[str] = set()
        self.joint_opened_at: int | None = None
        self.agenda: Agenda = ()
        self.drafts: list[tuple[Pairs, tuple[str, ...]]] = []  # version - 1 -> terms, clauses
        self.answers: dict[tuple[int, str], bool] = {}  # (version, party) -> latest answer
        self.proposals: dict[int, ProposalBook] = {}
        self.bids: dict[int, BidBook] = {}
        self.settled: dict[str, str] = {}
        self.profiles = 0
        self.offer_answers: dict[int, dict[str, bool]] = {}  # offer seq -> party -> accepted
        self.agreement: Agreement | None = None
        self.signatures: set[str] = set()
        self.closed = False
        self.counter = 0
        self.typed_secrets: set[str] = set()  # every decimal secret ever typed, used or not

    # -- the books ----------------------------------------------------------------------------

    @property
    def last(self) -> int:
        return len(self.entries)

    def person(self, typed: str) -> Person | None:
        return self.people.get(nfc(typed))

    def party(self, typed: str) -> str | None:
        name = nfc(typed)
        return name if name in self.parties else None

    def delegates(self) -> list[Person]:
        return [p for p in self.people.values() if p.party is not None]

    def mediators(self) -> list[Person]:
        return [p for p in self.people.values() if p.party is None]

    def statements(self) -> list[tuple[int, Entry]]:
        """Words and offers: what may be released and carried."""
        return [(s, e) for s, e in self.entries.items() if e.kind in ("said", "offered")]

    def delegate_statements(self) -> list[tuple[int, Entry]]:
        """Statements a delegate made in its own party's room: the only ones that travel."""
        return [(s, e) for s, e in self.statements() if e.party is not None and e.room == e.party]

    @property
    def negotiating(self) -> bool:
        return not self.closed and self.agreement is None

    @property
    def started(self) -> bool:
        """Whether drafts, proposals, bids, profiles or offers rest on the agenda."""
        offers = any(entry.kind == "offered" for entry in self.entries.values())
        return bool(self.drafts or self.proposals or self.bids or self.profiles or offers)

    @property
    def open_proposal(self) -> int | None:
        number = len(self.proposals)
        return number if number and not self.proposals[number].concluded else None

    def issue(self, typed: str) -> tuple[str, tuple[str, ...]] | None:
        name = nfc(typed)
        return next((issue for issue in self.agenda if issue[0] == name), None)

    def numeric(self, issue: str) -> bool:
        found = self.issue(issue)
        return found is not None and all(_number(option) is not None for option in found[1])

    # -- making unique texts and numbers ---------------------------------------------------------

    def token_text(self, before: str, hex8: str, after: str) -> str:
        self.counter += 1
        return f"{before}~{hex8}{self.counter}~{after}"

    def secret(self, whole: int, salt: int) -> float:
        """A number whose decimal text is unique in this run: `whole`.<salt><counter>7."""
        self.counter += 1
        text = f"{whole}.{100 + salt % 900}{self.counter:04d}7"
        value = float(text)
        assert repr(value) == text, f"{text} does not read back as itself"
        self.typed_secrets.add(text)
        return value

    # -- who sees what, by the rules in words ----------------------------------------------------

    def visible_to(self, seq: int, viewer: Viewer) -> bool:
        """Whether `viewer` (a party's delegates, or a mediator) may see event `seq` at all."""
        if viewer is None:
            return True  # a mediator sees every event, redacted where the rules say
        entry = self.entries[seq]
        kind = entry.kind
        if kind in PUBLIC_KINDS:
            return True
        if kind in OWN_PARTY_KINDS:
            return entry.party == viewer
        match kind:
            case "joined":
                return entry.role is Role.MEDIATOR or entry.party == viewer
            case "said":
                if entry.room == JOINT_ROOM:
                    assert self.joint_opened_at is not None and seq > self.joint_opened_at
                    return True
                return entry.room == viewer
            case "offered":
                return entry.room == viewer
            case "released":
                return entry.party == viewer
            case "conveyed":
                return viewer in (entry.from_room, entry.to_room)
            case "noted":
                return False
        raise AssertionError(f"unknown kind {kind}")

    def reads(self, seq: int, viewer: Viewer) -> bool:
        """Whether `viewer` may read the texts and numbers inside event `seq`."""
        if not self.visible_to(seq, viewer):
            return False
        entry = self.entries[seq]
        match entry.kind:
            case "bid-submitted":
                return viewer == entry.party  # nobody else, the mediator included
            case "profile":
                return viewer == entry.party or (viewer is None and entry.shared)
            case "conveyed":
                return viewer in (None, entry.to_room) or not self.hide
        return True

    def readable(self, viewer: Viewer) -> set[str]:
        """Every token and secret number `viewer` may read somewhere in the record."""
        known: set[str] = set()
        for seq, entry in self.entries.items():
            if (entry.tokens or entry.secrets) and self.reads(seq, viewer):
                known.update(entry.tokens, entry.secrets)
        return known

    def secrets_in(self, text: str) -> set[str]:
        """The tokens and secret numbers that occur in `text`."""
        found: set[str] = set(TOKEN.findall(text))
        found.update(set(NUMBER.findall(text)) & self.typed_secrets)
        return found

    # -- predictions: what the rules say a command must produce (None: refused) ----------------

    def expect(self, command: Command) -> list[Event] | None:
        if isinstance(command, OpenTalk):
            return None  # a talk is opened once
        actor = self.person(command.actor)
        if actor is None or self.closed:
            return None  # nobody outside the talk acts; nothing is added to a closed talk
        match command:
            case Say():
                return self.expect_say(actor, command)
            case Release():
                return self.expect_release(actor, command)
            case Convey():
                return self.expect_convey(actor, command)
            case Note():
                text = trimmed(command.text)
                return [Noted(actor.name, text)] if actor.party is None and text else None
            case Consent():
                return self.expect_consent(actor)
            case Join():
                return self.expect_join(actor, command)
        # The rest negotiates, which stops once an agreement is reached.
        if not self.negotiating:
            signed = self.expect_sign(actor, command) if isinstance(command, Sign) else None
            return None if signed is None else [signed]
        by_mediator = actor.party is None
        match command:
            case SetAgenda():
                return self.expect_agenda(actor, command) if by_mediator else None
            case Draft():
                return self.expect_draft(actor, command) if by_mediator else None
            case Propose():
                return self.expect_propose(actor, command) if by_mediator else None
            case OpenBid():
                return self.expect_open_bid(actor, command) if by_mediator else None
            case ReportIncident():
                return self.expect_incident(actor, command) if by_mediator else None
            case Close():
                reason = trimmed(command.reason)
                if not by_mediator or (command.reason is not None and reason is None):
                    return None
                return [Closed(actor.name, reason)]
            case Sign():
                return None  # nothing agreed yet
        party = actor.party
        if party is None:
            return None  # the rest is for a party's delegates
        match command:
            case Answer():
                return self.expect_answer(actor.name, party, command)
            case AnswerProposal():
                return self.expect_answer_proposal(actor.name, party, command)
            case Bid():
                return self.expect_bid(actor.name, party, command)
            case SubmitProfile():
                return self.expect_profile(actor.name, party, command)
            case Offer():
                return self.expect_offer(actor.name, party, command)
            case AnswerOffer():
                return self.expect_answer_offer(actor.name, party, command)
        raise AssertionError(f"unexpected command {command}")

    def expect_say(self, actor: Person, command: Say) -> list[Event] | None:
        room: str | None
        if command.room is None:
            room = actor.party  # a mediator must name the room
        elif nfc(command.room) == JOINT_ROOM:
            room = JOINT_ROOM if self.joint_opened_at is not None else None
        elif actor.party is None:
            room = self.party(command.room)
        else:
            room = actor.party if nfc(command.room) == actor.party else None
        text = trimmed(command.text)
        if room is None or text is None:
            return None
        return [Said(actor.name, room, text, command.handling or self.default_handling)]

    def expect_release(self, actor: Person, command: Release) -> list[Event] | None:
        entry = self.entries.get(command.statement)
        if actor.party is None or entry is None or entry.kind not in ("said", "offered"):
            return None
        assert entry.handling is not None
        if entry.party != actor.party or entry.room != actor.party:
            return None
        wanted = command.handling
        if wanted is entry.handling:
            return None
        if RANK[wanted] < RANK[entry.handling] and entry.carried:
            return None  # tightening after a carriage
        return [Released(actor.name, command.statement, wanted, entry.handling)]

    def expect_convey(self, actor: Person, command: Convey) -> list[Event] | None:
        entry = self.entries.get(command.statement)
        if actor.party is not None or entry is None or entry.kind not in ("said", "offered"):
            return None
        if entry.party is None or entry.room != entry.party:
            return None  # a mediator's own statement, or one made in the joint room
        to = self.party(command.to)
        assert entry.text is not None and entry.handling is not None
        if to is None or to == entry.room or entry.handling is Handling.MEDIATOR_ONLY:
            return None
        terms: Pairs = ()
        if command.mode is Mode.VERBATIM:
            if command.text is not None and command.text.strip() != entry.text:
                return None
            text = entry.text
            terms = entry.terms  # an offer carried word for word takes its terms along
        else:
            paraphrase = trimmed(command.text)
            if entry.handling is not Handling.MAY_CONVEY or paraphrase is None:
                return None
            text = paraphrase
        return [Conveyed(actor.name, command.statement, entry.room, to, command.mode, text, terms)]

    def expect_consent(self, actor: Person) -> list[Event] | None:
        party = actor.party
        if party is None or self.joint_opened_at is not None or party in self.consents:
            return None
        events: list[Event] = [Consented(actor.name, party)]
        if self.consents | {party} == set(self.parties):
            events.append(JointRoomOpened())
        return events

    def expect_join(self, actor: Person, command: Join) -> list[Event] | None:
        name = nfc(command.name)
        if actor.party is not None or not name or name in self.people or name in self.parties:
            return None
        if command.role is Role.MEDIATOR:
            return (
                None
                if command.party is not None
                else [Joined(actor.name, name, Role.MEDIATOR, None)]
            )
        party = None if command.party is None else self.party(command.party)
        return None if party is None else [Joined(actor.name, name, Role.DELEGATE, party)]

    # -- the negotiation -------------------------------------------------------------------------

    def agenda_issues(self, typed: Sequence[tuple[str, Sequence[str]]]) -> Agenda | None:
        """An agenda as typed, cleaned: named issues, each with two or more distinct options."""
        issues: list[tuple[str, tuple[str, ...]]] = []
        for raw, raw_options in typed:
            name = nfc(raw)
            options = tuple(nfc(option) for option in raw_options)
            if not name or any(name == other for other, _ in issues) or len(options) < 2:
                return None
            if not all(options) or len(set(options)) != len(options):
                return None
            issues.append((name, options))
        return tuple(issues) if issues else None

    def chosen(self, typed: Pairs) -> dict[str, str] | None:
        """Typed (issue, option) pairs, each naming an issue of the agenda once and one of its
        options; None if any does not."""
        chosen: dict[str, str] = {}
        for raw_issue, raw_option in typed:
            issue = self.issue(raw_issue)
            if issue is None or issue[0] in chosen or nfc(raw_option) not in issue[1]:
                return None
            chosen[issue[0]] = nfc(raw_option)
        return chosen

    def terms(self, typed: Pairs) -> Pairs | None:
        """Complete terms in the agenda's order, keeping what blind bids settled; else None."""
        chosen = self.chosen(typed)
        if chosen is None or set(chosen) != {name for name, _ in self.agenda}:
            return None
        terms = tuple((name, chosen[name]) for name, _ in self.agenda)
        return terms if self.keeps_settled(terms) else None

    def keeps_settled(self, terms: Pairs) -> bool:
        """Whether `terms` keep every option a blind bid has settled."""
        return all(self.settled.get(issue, option) == option for issue, option in terms)

    def clauses(self, typed: tuple[str, ...]) -> tuple[str, ...] | None:
        cleaned = tuple(trimmed(clause) for clause in typed)
        return None if None in cleaned else tuple(c for c in cleaned if c is not None)

    def agreed(self, source: Source, ref: int, terms: Pairs, clauses: tuple[str, ...]) -> Agreed:
        return Agreed(source, ref, terms, clauses, text_hash(terms, clauses))

    def expect_agenda(self, actor: Person, command: SetAgenda) -> list[Event] | None:
        issues = self.agenda_issues(command.issues)
        if self.started or issues is None:
            return None
        return [AgendaSet(actor.name, tuple(AgendaIssue(n, o) for n, o in issues))]

    def expect_draft(self, actor: Person, command: Draft) -> list[Event] | None:
        terms = self.terms(command.terms)
        clauses = self.clauses(command.clauses)
        if (
            terms is None
            or clauses is None
            or (self.drafts and self.drafts[-1] == (terms, clauses))
        ):
            return None
        return [Drafted(actor.name, len(self.drafts) + 1, terms, clauses)]

    def expect_answer(self, by: str, party: str, command: Answer) -> list[Event] | None:
        current = len(self.drafts)
        version = current if command.version is None else command.version
        if not current or version != current:
            return None  # no draft yet, a version superseded, or one that does not exist
        terms, clauses = self.drafts[-1]
        chosen = self.chosen(command.prefer)
        if chosen is None:
            return None
        drafted = dict(terms)
        if any(
            drafted[issue] == option or issue in self.settled for issue, option in chosen.items()
        ):
            return None  # preferring what the draft says, or an issue a blind bid settled
        if command.comparison is not None and version == 1:
            return None  # nothing to compare the first version with
        if command.accept and not self.keeps_settled(terms):
            return None  # a blind bid settled an issue otherwise since this version
        comment = trimmed(command.comment)
        if command.comment is not None and comment is None:
            return None
        prefer = tuple((name, chosen[name]) for name, _ in self.agenda if name in chosen)
        answer = Answered(by, party, version, command.accept, prefer, command.comparison, comment)
        events: list[Event] = [answer]
        others = [p for p in self.parties if p != party]
        if command.accept and all(self.answers.get((version, p)) for p in others):
            events.append(self.agreed(Source.DRAFT, version, terms, clauses))
        return events

    def expect_propose(self, actor: Person, command: Propose) -> list[Event] | None:
        terms = self.terms(command.terms)
        clauses = self.clauses(command.clauses)
        if self.open_proposal is not None or terms is None or clauses is None:
            return None
        return [Proposed(actor.name, len(self.proposals) + 1, terms, clauses)]

    def expect_answer_proposal(
        self, by: str, party: str, command: AnswerProposal
    ) -> list[Event] | None:
        number = self.open_proposal if command.number is None else command.number
        proposal = None if number is None else self.proposals.get(number)
        if number is None or proposal is None or proposal.concluded or party in proposal.answers:
            return None
        if command.accept and not self.keeps_settled(proposal.terms):
            return None  # a blind bid settled an issue otherwise since the proposal
        events: list[Event] = [ProposalAnswered(by, party, number, command.accept)]
        answers = proposal.answers | {party: command.accept}
        if set(answers) == set(self.parties):
            everyone = all(answers.values())
            events.append(ProposalConcluded(number, everyone))
            if everyone:
                events.append(
                    self.agreed(Source.PROPOSAL, number, proposal.terms, proposal.clauses)
                )
        return events

    def expect_open_bid(self, actor: Person, command: OpenBid) -> list[Event] | None:
        issue = self.issue(command.issue)
        if issue is None or not self.numeric(issue[0]) or issue[0] in self.settled:
            return None
        if any(b.issue == issue[0] and not b.settled for b in self.bids.values()):
            return None
        high, low = self.party(command.high), self.party(command.low)
        if high is None or low is None or high == low:
            return None
        number = len(self.bids) + 1
        return [BidOpened(actor.name, number, issue[0], high, low, self.bid_rule)]

    def expect_bid(self, by: str, party: str, command: Bid) -> list[Event] | None:
        mine = {n: b for n, b in self.bids.items() if not b.settled and party in (b.high, b.low)}
        if command.number is not None:
            number: int | None = command.number if command.number in mine else None
        else:  # the one open bid that awaits this party's bound
            awaiting = [n for n, b in mine.items() if party not in b.bounds]
            number = awaiting[0] if len(awaiting) == 1 else None
        bound = within(command.bound, -BOUND_LIMIT, BOUND_LIMIT)
        if number is None or party in mine[number].bounds or bound is None:
            return None
        chosen = mine[number]
        events: list[Event] = [BidSubmitted(by, party, number, bound)]
        bounds = chosen.bounds | {party: float(bound)}
        if chosen.high in bounds and chosen.low in bounds:
            value = self.settlement(chosen.issue, bounds[chosen.high], bounds[chosen.low])
            events.append(BidSettled(number, chosen.issue, value))
        return events

    def settlement(self, issue: str, high: float, low: float) -> str | None:
        """The option within [the high side's bound, the low side's]: by the talk's rule, the
        lowest, the highest, or the nearest the middle (the lower one of two as near)."""
        found = self.issue(issue)
        assert found is not None
        numbered = [(_number(option), option) for option in found[1]]
        inside = sorted((v, o) for v, o in numbered if v is not None and high <= v <= low)
        if not inside:
            return None
        match self.bid_rule:
            case BidRule.LOWER:
                return inside[0][1]
            case BidRule.UPPER:
                return inside[-1][1]
        middle = (high + low) / 2
        return min(inside, key=lambda pair: (abs(pair[0] - middle), pair[0]))[1]

    def expect_profile(self, by: str, party: str, command: SubmitProfile) -> list[Event] | None:
        weights: dict[str, str] = {}
        for raw, weight in command.weights:
            issue = self.issue(raw)
            text = within(weight, 0.0, MAX_WEIGHT)
            if issue is None or issue[0] in weights or text is None:
                return None
            weights[issue[0]] = text
        if set(weights) != {name for name, _ in self.agenda}:
            return None
        if not any(float(w) > 0 for w in weights.values()):
            return None
        values: dict[tuple[str, str], str] = {}
        for raw, option, value in command.values:
            issue = self.issue(raw)
            text = within(value, 0.0, 1.0)
            if issue is None or nfc(option) not in issue[1] or text is None:
                return None
            if (issue[0], nfc(option)) in values:
                return None
            values[(issue[0], nfc(option))] = text
        every = [(name, option) for name, options in self.agenda for option in options]
        reservation = within(command.reservation, 0.0, 1.0)
        if set(values) != set(every) or reservation is None:
            return None
        return [
            ProfileSubmitted(
                by,
                party,
                tuple((name, weights[name]) for name, _ in self.agenda),
                tuple((name, option, values[(name, option)]) for name, option in every),
                reservation,
                command.share,
            )
        ]

    def expect_incident(self, actor: Person, command: ReportIncident) -> list[Event] | None:
        text = trimmed(command.text)
        drop = within(command.drop, 0.0, 1.0, open_low=True)
        return None if text is None or drop is None else [IncidentReported(actor.name, text, drop)]

    def expect_offer(self, by: str, party: str, command: Offer) -> list[Event] | None:
        terms = self.terms(command.terms)
        if terms is None:
            return None
        text = "; ".join(f"{issue}: {option}" for issue, option in terms)
        return [Offered(by, party, terms, text, command.handling or self.default_handling)]

    def expect_answer_offer(self, by: str, party: str, command: AnswerOffer) -> list[Event] | None:
        via = command.via
        if not 1 <= via <= self.last or not self.visible_to(via, party):
            return None
        carriage = self.entries[via]
        if carriage.kind != "conveyed" or carriage.to_room != party or not carriage.terms:
            return None  # only an offer carried word for word into its room
        assert carriage.source is not None
        offer = self.entries[carriage.source]
        earlier = self.offer_answers.get(carriage.source, {})
        if party in earlier or not self.keeps_settled(offer.terms):
            return None  # answered once; its terms must keep what blind bids settled
        events: list[Event] = [OfferAnswered(by, party, carriage.source, via, command.accept)]
        accepted = {p for p, yes in earlier.items() if yes} | ({party} if command.accept else set())
        if accepted >= {p for p in self.parties if p != offer.party}:
            events.append(self.agreed(Source.OFFER, carriage.source, offer.terms, ()))
        return events

    def expect_sign(self, actor: Person, command: Sign) -> Event | None:
        """A party signs an agreement once, at the record's current head."""
        agreement, party = self.agreement, actor.party
        if self.closed or agreement is None or party is None or party in self.signatures:
            return None
        seq, _, digest = (command.head or "").partition(":")
        if not seq.isdigit() or len(digest) != 64 or int(seq) != self.last:
            return None
        assert command.head is not None
        return Signed(actor.name, party, agreement.hash, command.head)

    # -- booking what was recorded -----------------------------------------------------------

    def book(self, event: Event) -> None:
        """Record an event the rules allowed (the machine books only what the oracle expected)."""
        seq = self.last + 1
        entry = Entry(event.kind, by=getattr(event, "by", None))
        match event:
            case TalkOpened():
                self.open(event)
            case AgendaSet():
                self.agenda = tuple((issue.name, issue.options) for issue in event.issues)
                entry.tokens = tuple(token_in(step.text) for step in event.escalation)
            case Joined():
                self.people[event.name] = Person(event.name, event.party)
                entry.name, entry.role, entry.party = event.name, event.role, event.party
            case Said() | Offered():
                entry.room, entry.text, entry.handling = event.room, event.text, event.handling
                entry.party = self.people[event.by].party
                if isinstance(event, Offered):
                    entry.terms = event.terms
                else:
                    entry.tokens = (token_in(event.text),)
            case Released():
                statement = self.entries[event.statement]
                statement.handling = event.handling
                entry.party, entry.source = statement.room, event.statement
            case Conveyed():
                self.entries[event.source].carried += 1
                entry.text, entry.tokens = event.text, self.text_tokens(event.source, event.text)
                entry.source, entry.terms, entry.mode = event.source, event.terms, event.mode
                entry.from_room, entry.to_room = event.from_room, event.to_room
            case Noted():
                entry.text, entry.tokens = event.text, (token_in(event.text),)
            case Consented():
                self.consents.add(event.party)
                entry.party = event.party
            case JointRoomOpened():
                self.joint_opened_at = seq
            case _:
                self.book_negotiation(event, entry)
        self.entries[seq] = entry

    def text_tokens(self, source: int, text: str) -> tuple[str, ...]:
        """A carriage's tokens: one, except when an offer's own words (its terms) are carried."""
        if self.entries[source].kind == "offered" and text == self.entries[source].text:
            return ()
        return (token_in(text),)

    def open(self, event: TalkOpened) -> None:
        self.parties = event.parties
        self.default_handling = event.default_handling
        self.hide = event.hide_carried_text
        self.bid_rule = event.bid_rule
        self.people = {m: Person(m, None) for m in event.mediators}
        for delegate in event.delegates:
            self.people[delegate.name] = Person(delegate.name, delegate.party)
            self.opening_delegates.setdefault(delegate.party, []).append(delegate.name)

    def book_negotiation(self, event: Event, entry: Entry) -> None:
        match event:
            case Drafted():
                self.drafts.append((event.terms, event.clauses))
                entry.tokens = tuple(token_in(c) for c in event.clauses)
            case Answered():
                self.answers[(event.version, event.party)] = event.accept
                entry.party = event.party
                entry.tokens = () if event.comment is None else (token_in(event.comment),)
            case Agreed():
                self.agreement = Agreement(event.terms, event.clauses, event.text_hash)
                entry.tokens = tuple(token_in(c) for c in event.clauses)
            case Signed():
                self.signatures.add(event.party)
                entry.party = event.party
            case Closed():
                self.closed = True
                entry.tokens = () if event.reason is None else (token_in(event.reason),)
            case Proposed():
                self.proposals[event.number] = ProposalBook(event.terms, event.clauses)
                entry.tokens = tuple(token_in(c) for c in event.clauses)
            case ProposalAnswered():
                self.proposals[event.number].answers[event.party] = event.accept
                entry.party = event.party
            case ProposalConcluded():
                self.proposals[event.number].concluded = True
                entry.agreed = event.agreed
            case BidOpened():
                self.bids[event.number] = BidBook(event.issue, event.high, event.low)
            case BidSubmitted():
                self.bids[event.number].bounds[event.party] = float(event.bound)
                entry.party, entry.secrets = event.party, (event.bound,)
            case BidSettled():
                self.bids[event.number].settled = True
                if event.value is not None:
                    self.settled[event.issue] = event.value
            case ProfileSubmitted():
                self.profiles += 1
                entry.party, entry.shared = event.party, event.shared
                numbers = [w for _, w in event.weights] + [v for _, _, v in event.values]
                entry.secrets = (*numbers, event.reservation)
            case IncidentReported():
                entry.text, entry.tokens = event.text, (token_in(event.text),)
            case OfferAnswered():
                self.offer_answers.setdefault(event.offer, {})[event.party] = event.accept
                entry.party = event.party
            case _:
                raise AssertionError(f"the oracle cannot book {event}")


def escalation_step(text: str, drop: float) -> EscalationStep:
    """A scheduled incident as the record keeps it (after round 2, always)."""
    return EscalationStep(after_round=2, text=text.strip(), drop=repr(drop), chance="1.0")


def _number(option: str) -> float | None:
    try:
        value = float(option)
    except ValueError:
        return None
    return value if math.isfinite(value) else None
