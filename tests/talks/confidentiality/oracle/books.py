"""The oracle's books of one talk: who takes part, every event it knows of, and the state of the
negotiation -- plus the unique texts and numbers it hands out as secrets.

`Books` is the base every other part of the oracle builds on: the predictions read it, the
booking writes it, and the machine reads it to pick actors and arguments.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from shuttle.talks import BidRule, Handling, Mode, Role
from tests.talks.confidentiality.oracle.vocabulary import Agenda, Pairs, nfc, option_number


@dataclass
class Person:
    name: str
    party: str | None  # None: a mediator
    left: int | None = None  # the seq at which it left the talk


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
    name: str | None = None  # joined, left
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


class Books:
    """The books of one talk, and what can be read off them directly."""

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
        """The delegates taking part now."""
        return [p for p in self.people.values() if p.party is not None and p.left is None]

    def mediators(self) -> list[Person]:
        """The mediators taking part now."""
        return [p for p in self.people.values() if p.party is None and p.left is None]

    def departed(self) -> list[Person]:
        return [p for p in self.people.values() if p.left is not None]

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
        return found is not None and all(option_number(option) is not None for option in found[1])

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
