"""Confidentiality, checked by a state machine against an independent oracle.

Hypothesis drives the pure domain (`decide` / `evolve` / `view_of`) with random commands from
random actors -- allowed or not, including names that take no part in the talk. Alongside, an
oracle written here from the rules of proximity talks (never from `decide` or `visibility`)
keeps its own books: which room each event belongs to, whose it is, each statement's current
handling, whether each carriage was allowed when it was made, who consented, when the joint room
opened. It predicts the outcome of every command, and after every step it checks each
participant's whole view of the record against what the rules let that participant know.

Every statement, paraphrase and note carries a unique token (``~<8 hex><counter>~``), so
finding a token in a view is finding that text: a leak is a token the oracle does not allow.
Other parties' delegates must not be named in a delegate's view, except as the speakers of
joint-room statements, which every party sees once the room is open.

Examples per run: HYPOTHESIS_PROFILE=ci|dev picks a profile of this module; without it, "ci"
when the CI variable is set, else "dev".
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import event as note_event
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    rule,
)

from shuttle.talks import (
    JOINT_ROOM,
    Command,
    Consent,
    Convey,
    Delegate,
    Event,
    Handling,
    Join,
    Mode,
    Note,
    NotFound,
    OpenTalk,
    Participant,
    Recorded,
    Refusal,
    Release,
    Role,
    Say,
    Seen,
    TalkState,
    decide,
    evolve,
    initial_state,
    view_of,
)
from shuttle.talks.events import (
    Consented,
    Conveyed,
    Joined,
    JointRoomOpened,
    Noted,
    Released,
    Said,
    TalkOpened,
)

AT = "2026-01-01T00:00:00+00:00"

# ---------------------------------------------------------------------------------------------
# Settings: profiles local to this module, so no conftest is touched.

_PROFILES: dict[str, settings] = {
    "ci": settings(
        max_examples=2000,
        stateful_step_count=16,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow],
    ),
    "dev": settings(
        max_examples=200,
        stateful_step_count=16,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow],
    ),
}


def _chosen_settings() -> settings:
    """This module's profile named by HYPOTHESIS_PROFILE, or "ci" under CI, else "dev"."""
    name = os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev")
    if name in _PROFILES:
        return _PROFILES[name]
    # A profile registered elsewhere (e.g. a future conftest) still gets the two settings this
    # machine needs.
    return settings(
        settings.get_profile(name),
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow],
    )


# ---------------------------------------------------------------------------------------------
# Vocabulary of the test: names, texts, tokens.

# Party names, some outside ASCII; "Ünion" is also offered decomposed (NFD) to check that the
# talk compares names after NFC normalisation.
PARTY_POOL = ("Alpha", "Βήτα", "Ünion", "Ōkami")
MEDIATOR_NAMES = ("Mediator·1", "Mediator·2")
GHOSTS = ("Nobody·0", "  ", "joint")  # names that are no participant of any talk here
BLANKS = ("", " ", "\n\t ", "\u3000")  # texts that trim to nothing
HANDLINGS = (None, *Handling)
TOKEN = re.compile(r"~[0-9a-f]{8}[0-9]+~")
HEX8 = st.integers(0, 2**32 - 1).map(lambda n: f"{n:08x}")
# Awkward text to put around the tokens: combining marks, right-to-left override, emoji with a
# skin tone, zero-width joiner, JSON's special characters, a line break, NUL, other scripts.
SNIPPETS = (
    "",
    "naïve café",
    "e\u0301",
    "数字",
    "🙂👍🏽",
    "\u202eRTL",
    "a\u200db",
    'quote " \\ back',
    "line\nbreak",
    "\x00nul",
    "Βήτα",
    "~",
)

# The oracle's own order of handlings, most restrictive first (not Handling.openness).
RANK = {Handling.MEDIATOR_ONLY: 0, Handling.VERBATIM_ONLY: 1, Handling.MAY_CONVEY: 2}


def nfc(name: str) -> str:
    return unicodedata.normalize("NFC", name.strip())


@dataclass(frozen=True)
class TextDraw:
    """A text to type: random characters, then a unique token (made when the text is used),
    then a snippet -- or, when there is no snippet, a text that trims to nothing."""

    before: str
    hex8: str
    after: str | None


# The random characters are at most 4, so they can never spell a token by chance.
texts = st.builds(TextDraw, st.text(max_size=4), HEX8, st.sampled_from((*SNIPPETS, None)))
# Which actor (an index into participants + ghosts) and how the name is typed.
actors = st.integers(0, 119)
picks = st.integers(0, 1000)  # an index, taken modulo the length of the list it picks from


@dataclass(frozen=True)
class Setup:
    parties: tuple[str, ...]
    delegates_per_party: tuple[int, ...]
    mediators: int
    default_handling: Handling
    hide_carried_text: bool
    decomposed: bool  # type the parties' names in NFD


@st.composite
def setups(draw: st.DrawFn) -> Setup:
    parties = draw(st.lists(st.sampled_from(PARTY_POOL), min_size=2, max_size=3, unique=True))
    return Setup(
        parties=tuple(parties),
        delegates_per_party=tuple(draw(st.integers(1, 2)) for _ in parties),
        mediators=draw(st.integers(1, 2)),
        default_handling=draw(st.sampled_from(Handling)),
        hide_carried_text=draw(st.booleans()),
        decomposed=draw(st.booleans()),
    )


# ---------------------------------------------------------------------------------------------
# The oracle's books.


@dataclass
class Person:
    name: str
    party: str | None  # None: a mediator


@dataclass
class Entry:
    """What the oracle knows of one event of the record."""

    kind: str
    by: str | None = None
    room: str | None = None  # said: where it was said
    party: str | None = None  # said: the speaker's party; released/consented: whose
    text: str | None = None  # said, conveyed, noted
    token: str | None = None  # the token inside `text`
    handling: Handling | None = None  # said: its handling now
    carried: int = 0  # said: how often it has been carried
    source: int | None = None  # released, conveyed: the statement
    from_room: str | None = None  # conveyed
    to_room: str | None = None  # conveyed
    mode: Mode | None = None  # conveyed
    allowed: bool = False  # conveyed: allowed by the oracle's reading of the rules when made
    name: str | None = None  # joined
    role: Role | None = None  # joined


def token_in(text: str) -> str:
    """The one token in a text that came back in an event."""
    tokens: list[str] = TOKEN.findall(text)
    assert len(tokens) == 1, f"{text!r} should hold exactly one token"
    return tokens[0]


def strings_dump(items: list[dict[str, Any]]) -> str:
    return json.dumps(items, ensure_ascii=False)


# ---------------------------------------------------------------------------------------------
# The machine.


class ConfidentialityMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.state: TalkState = initial_state()
        # The oracle: built only from the commands issued and the events that came back.
        self.parties: tuple[str, ...] = ()
        self.default_handling = Handling.MEDIATOR_ONLY
        self.hide = False
        self.people: dict[str, Person] = {}
        self.opening_delegates: dict[str, list[str]] = {}  # party -> delegates named at opening
        self.entries: dict[int, Entry] = {}
        self.consents: set[str] = set()
        self.joint_opened_at: int | None = None
        self.counter = 0
        self.joiners = 0
        self.conveyances = 0

    # -- the oracle's helpers -----------------------------------------------------------------

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
        return [(seq, e) for seq, e in self.entries.items() if e.kind == "said"]

    def delegate_statements(self) -> list[tuple[int, Entry]]:
        """Statements a delegate made in its own party's room: the only ones that travel."""
        return [(s, e) for s, e in self.statements() if e.party is not None and e.room == e.party]

    def text(self, draw: TextDraw) -> str:
        if draw.after is None:
            return BLANKS[len(draw.before) % len(BLANKS)]
        self.counter += 1
        return f"{draw.before}~{draw.hex8}{self.counter}~{draw.after}"

    def actor_name(self, pick: int) -> str:
        """Any participant, or a name that is none, sometimes typed with blanks around it."""
        index, padding = divmod(pick, 3)
        names = [*self.people, *GHOSTS, *self.parties]
        pad = ("", " ", "\t")[padding]
        return f"{pad}{names[index % len(names)]}{pad}"

    def room_name(self, pick: int) -> str | None:
        rooms: list[str | None] = [None, *self.parties, JOINT_ROOM, "Nowhere"]
        room = rooms[pick % len(rooms)]
        if room is not None and pick % 7 == 0:
            room = f" {unicodedata.normalize('NFD', room)} "
        return room

    def seq(self, pick: int) -> int:
        return pick % (self.last + 3)

    def visible_to(self, seq: int, party: str) -> bool:
        """Whether a delegate of `party` may see event `seq`, by the rules of the talk."""
        entry = self.entries[seq]
        match entry.kind:
            case "talk-opened" | "joint-opened":
                return True
            case "joined":
                return entry.role is Role.MEDIATOR or entry.party == party
            case "said":
                if entry.room == JOINT_ROOM:
                    assert self.joint_opened_at is not None and seq > self.joint_opened_at
                    return True
                return entry.room == party
            case "released":
                return entry.party == party
            case "conveyed":
                return party in (entry.from_room, entry.to_room)
            case "consented":
                return entry.party == party
            case "noted":
                return False
        raise AssertionError(f"unknown kind {entry.kind}")

    def allowed_tokens(self, party: str) -> set[str]:
        """The tokens whose texts a delegate of `party` may read."""
        allowed = set()
        for seq, entry in self.entries.items():
            if entry.token is None or not self.visible_to(seq, party):
                continue
            if entry.kind == "conveyed":
                assert entry.allowed
                if entry.to_room != party and self.hide:
                    continue
            allowed.add(entry.token)
        return allowed

    # -- predictions: what the rules say a command must produce (None: refused) ----------------

    def expect(self, command: Command) -> list[Event] | None:
        if isinstance(command, OpenTalk):
            return None  # a talk is opened once
        actor = self.person(command.actor)
        if actor is None:
            return None
        match command:
            case Say():
                return self.expect_say(actor, command)
            case Release():
                return self.expect_release(actor, command)
            case Convey():
                return self.expect_convey(actor, command)
            case Note():
                text = command.text.strip()
                return [Noted(actor.name, text)] if actor.party is None and text else None
            case Consent():
                return self.expect_consent(actor)
            case Join():
                return self.expect_join(actor, command)

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
        text = command.text.strip()
        if room is None or not text:
            return None
        return [Said(actor.name, room, text, command.handling or self.default_handling)]

    def expect_release(self, actor: Person, command: Release) -> list[Event] | None:
        entry = self.entries.get(command.statement)
        if actor.party is None or entry is None or entry.kind != "said":
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
        if actor.party is not None or entry is None or entry.kind != "said":
            return None
        if entry.party is None or entry.room != entry.party:
            return None  # a mediator's own statement, or one made in the joint room
        to = self.party(command.to)
        assert entry.text is not None and entry.handling is not None
        if to is None or to == entry.room or entry.handling is Handling.MEDIATOR_ONLY:
            return None
        if command.mode is Mode.VERBATIM:
            if command.text is not None and command.text.strip() != entry.text:
                return None
            text = entry.text
        else:
            if entry.handling is not Handling.MAY_CONVEY or command.text is None:
                return None
            text = command.text.strip()
            if not text:
                return None
        return [Conveyed(actor.name, command.statement, entry.room, to, command.mode, text)]

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

    # -- running a command ----------------------------------------------------------------------

    def run(self, command: Command) -> None:
        expected = self.expect(command)
        before = self.state
        try:
            events = decide(self.state, command)
        except Refusal as refusal:
            assert self.state is before and self.state.last_seq == before.last_seq == self.last
            self.check_refusal(command, refusal)
            assert expected is None, f"{command} was refused ({refusal}); the rules allow it"
            note_event(f"refused {type(command).__name__}")
            return
        # Invariant 3 (and its like for every command): what the rules forbid -- a carriage of a
        # mediator-only statement, a paraphrase of a verbatim-only one -- is never accepted.
        allowed = expected is not None
        assert allowed, f"{command} was accepted as {events}; the rules forbid it"
        assert events == expected, f"{command} gave {events}, expected {expected}"
        note_event(f"accepted {type(command).__name__}")
        for event in events:
            self.state = evolve(self.state, Recorded(self.state.last_seq + 1, AT, event))
            self.book(event, allowed)

    def check_refusal(self, command: Command, refusal: Refusal) -> None:
        """A refusal tells a delegate nothing it may not see, and hides invisible events."""
        if isinstance(command, OpenTalk):
            return
        actor = self.person(command.actor)
        if actor is None or actor.party is None:
            return
        party = actor.party
        message = str(refusal)
        for token in TOKEN.findall(message):
            assert token in self.allowed_tokens(party), f"refusal leaks {token}: {message}"
        typed = repr(command)
        for other in self.delegates():
            if other.party != party and other.name not in typed:
                assert other.name not in message, f"refusal names {other.name}: {message}"
        # What the delegate cannot see is answered as what does not exist.
        if isinstance(command, Release) and not (
            1 <= command.statement <= self.last and self.visible_to(command.statement, party)
        ):
            assert isinstance(refusal, NotFound), f"{command}: {refusal!r} reveals the event"
        if isinstance(command, Say) and command.room is not None:
            elsewhere = nfc(command.room) not in (party, JOINT_ROOM)
            assert not elsewhere or isinstance(refusal, NotFound), f"{command}: {refusal!r}"

    def book(self, event: Event, allowed: bool) -> None:
        """The oracle records an accepted event, `allowed` by its own reading of the rules."""
        seq = self.last + 1
        match event:
            case Said():
                speaker = self.people[event.by]
                entry = Entry(
                    "said",
                    by=event.by,
                    room=event.room,
                    party=speaker.party,
                    text=event.text,
                    token=token_in(event.text),
                    handling=event.handling,
                )
            case Released():
                statement = self.entries[event.statement]
                statement.handling = event.handling
                entry = Entry("released", by=event.by, party=statement.room, source=event.statement)
            case Conveyed():
                statement = self.entries[event.source]
                statement.carried += 1
                self.conveyances += 1
                entry = Entry(
                    "conveyed",
                    by=event.by,
                    text=event.text,
                    token=token_in(event.text),
                    source=event.source,
                    from_room=event.from_room,
                    to_room=event.to_room,
                    mode=event.mode,
                    allowed=allowed,
                )
            case Noted():
                entry = Entry("noted", by=event.by, text=event.text, token=token_in(event.text))
            case Consented():
                self.consents.add(event.party)
                entry = Entry("consented", by=event.by, party=event.party)
            case JointRoomOpened():
                self.joint_opened_at = seq
                entry = Entry("joint-opened")
            case Joined():
                self.people[event.name] = Person(event.name, event.party)
                entry = Entry(
                    "joined", by=event.by, name=event.name, role=event.role, party=event.party
                )
            case TalkOpened():
                raise AssertionError("a talk is opened once")
        self.entries[seq] = entry

    # -- rules ---------------------------------------------------------------------------------

    @initialize(setup=setups())
    def open_talk(self, setup: Setup) -> None:
        def typed(party: str) -> str:
            return unicodedata.normalize("NFD", party) if setup.decomposed else party

        delegates = tuple(
            Delegate(f"{party}·d{n}", typed(party))
            for party, count in zip(setup.parties, setup.delegates_per_party, strict=True)
            for n in range(1, count + 1)
        )
        mediators = MEDIATOR_NAMES[: setup.mediators]
        command = OpenTalk(
            title="Talks·T",
            parties=tuple(typed(p) for p in setup.parties),
            mediators=mediators,
            delegates=delegates,
            default_handling=setup.default_handling,
            hide_carried_text=setup.hide_carried_text,
        )
        events = decide(self.state, command)
        expected = TalkOpened(
            title="Talks·T",
            parties=setup.parties,
            mediators=mediators,
            delegates=tuple(Delegate(d.name, nfc(d.party)) for d in delegates),
            default_handling=setup.default_handling,
            hide_carried_text=setup.hide_carried_text,
        )
        assert events == [expected], f"{command} gave {events}, expected {expected}"
        self.state = evolve(self.state, Recorded(1, AT, expected))
        self.parties = setup.parties
        self.default_handling = setup.default_handling
        self.hide = setup.hide_carried_text
        self.people = {m: Person(m, None) for m in mediators}
        for delegate in expected.delegates:
            self.people[delegate.name] = Person(delegate.name, delegate.party)
            self.opening_delegates.setdefault(delegate.party, []).append(delegate.name)
        self.entries[1] = Entry("talk-opened")
        # A second opening is always refused.
        self.run(command)

    # Each rule either picks its actor and arguments at random (`aimed` False: mostly refused,
    # which is the point) or aims at what the rules might allow, so that carriages, releases and
    # the joint room happen often enough to be worth checking.

    @rule(
        actor=actors,
        room=picks,
        handling=st.sampled_from(HANDLINGS),
        text=texts,
        aimed=st.booleans(),
    )
    def say(
        self, actor: int, room: int, handling: Handling | None, text: TextDraw, aimed: bool
    ) -> None:
        if not aimed:
            self.run(Say(self.actor_name(actor), self.text(text), self.room_name(room), handling))
            return
        self.delegate_says(actor, text, handling, room)

    def delegate_says(
        self, pick: int, text: TextDraw, handling: Handling | None, room: int = 0
    ) -> None:
        """A delegate speaks in its own room, named or not (what carriages are made of), or in
        the joint room."""
        speaker = self.delegates()[pick % len(self.delegates())]
        rooms = (None, speaker.party, JOINT_ROOM)
        self.run(Say(speaker.name, self.text(text), rooms[room % len(rooms)], handling))

    @rule(actor=actors, statement=picks, handling=st.sampled_from(Handling), aimed=st.booleans())
    def release(self, actor: int, statement: int, handling: Handling, aimed: bool) -> None:
        if not aimed:
            self.run(Release(self.actor_name(actor), self.seq(statement), handling))
            return
        # A statement its releaser can see: one of its own room (a delegate's, which it may
        # release, or a mediator's) or of the joint room (its own party's or another's).
        statements = self.statements()
        if not statements:
            self.delegate_says(actor, TextDraw("", f"{statement:08x}", ""), None)
            return
        seq, entry = statements[statement % len(statements)]
        releasers = [p for p in self.delegates() if entry.room in (p.party, JOINT_ROOM)]
        self.run(Release(releasers[actor % len(releasers)].name, seq, handling))

    @rule(
        actor=actors,
        statement=picks,
        to=picks,
        mode=st.sampled_from(Mode),
        how=st.sampled_from(("none", "fresh", "source", "blank")),
        text=texts,
        aimed=st.booleans(),
    )
    def convey(
        self,
        actor: int,
        statement: int,
        to: int,
        mode: Mode,
        how: str,
        text: TextDraw,
        aimed: bool,
    ) -> None:
        statements = self.delegate_statements()
        if aimed and not statements:
            self.delegate_says(actor, text, None)
            return
        if not aimed:
            seq = self.seq(statement)
            targets = [*self.parties, JOINT_ROOM, "Nowhere"]
            actor_name = self.actor_name(actor)
            target = targets[to % len(targets)]
        else:
            # A mediator carries a delegate's statement to another party, in words that suit
            # the mode; whether the statement's handling allows it is left to chance.
            seq, entry = statements[statement % len(statements)]
            actor_name = self.mediators()[actor % len(self.mediators())].name
            others = [party for party in self.parties if party != entry.room]
            target = others[to % len(others)]
            if mode is Mode.PARAPHRASE:
                how = "fresh"
            elif how not in ("none", "source"):
                how = "none"
        self.run(Convey(actor_name, seq, target, mode, self.carried_text(seq, how, text)))

    def carried_text(self, seq: int, how: str, draw: TextDraw) -> str | None:
        entry = self.entries.get(seq)
        if how == "source" and entry is not None and entry.text is not None:
            return f" {entry.text}\n"
        if how == "blank":
            return " "
        return self.text(draw) if how == "fresh" else None

    @rule(actor=actors, text=texts)
    def note(self, actor: int, text: TextDraw) -> None:
        self.run(Note(self.actor_name(actor), self.text(text)))

    @rule(actor=actors, aimed=st.booleans())
    def consent(self, actor: int, aimed: bool) -> None:
        waiting = [p for p in self.delegates() if p.party not in self.consents]
        if aimed and waiting:
            self.run(Consent(waiting[actor % len(waiting)].name))
        else:
            self.run(Consent(self.actor_name(actor)))

    @rule(
        actor=actors,
        name=st.sampled_from(("new", "new", "existing", "party", "blank")),
        role=st.sampled_from(Role),
        party=picks,
    )
    def join(self, actor: int, name: str, role: Role, party: int) -> None:
        if name == "new":
            self.joiners += 1
            joiner = f"Joiner·{self.joiners}·"  # no name is a prefix of another
        elif name == "existing":
            joiner = next(iter(self.people))
        elif name == "party":
            joiner = self.parties[0]
        else:
            joiner = " "
        parties: list[str | None] = [None, *self.parties, "Nowhere"]
        self.run(Join(self.actor_name(actor), joiner, role, parties[party % len(parties)]))

    # -- invariants -----------------------------------------------------------------------------

    def participant(self, name: str) -> Participant:
        participant = self.state.participant(name)
        assert participant is not None, f"{name} is missing from the talk"
        return participant

    @invariant()
    def books_agree(self) -> None:
        assert self.state.last_seq == self.last, "the record and the oracle's books differ"
        assert self.state.joint_open == (self.joint_opened_at is not None), "joint room"

    @invariant()
    def mediators_see_everything(self) -> None:
        # Invariant 7.
        for mediator in self.mediators():
            participant = self.participant(mediator.name)
            for recorded in self.state.record:
                seen = view_of(participant, recorded, self.state)
                assert seen is not None, f"{mediator.name} cannot see event {recorded.seq}"
                entry = self.entries[recorded.seq]
                if entry.text is not None:
                    assert seen.text == entry.text, f"{mediator.name}: {seen} is not {entry}"

    @invariant()
    def delegates_see_only_what_they_may(self) -> None:
        for party in self.parties:
            reference: tuple[str, list[Seen | None]] | None = None
            for delegate in self.delegates():
                if delegate.party != party:
                    continue
                participant = self.participant(delegate.name)
                view = [view_of(participant, r, self.state) for r in self.state.record]
                if reference is None:
                    self.check_view(delegate.name, party, view)
                    reference = (delegate.name, view)
                else:
                    # What a delegate may see is its party's: the first delegate's view, checked
                    # in full, stands for its colleagues'.
                    assert view == reference[1], f"{delegate.name} and {reference[0]} differ"

    def check_view(self, name: str, party: str, view: list[Seen | None]) -> None:
        """Invariants 1-6 for the whole view of `name`, a delegate of `party`."""
        others = {p.name for p in self.delegates() if p.party != party}
        seen_items: list[dict[str, Any]] = []
        roster_items: list[dict[str, Any]] = []  # the events that list participants
        for seq, seen in enumerate(view, start=1):
            entry = self.entries[seq]
            # Invariants 1, 2 and 5: exactly the events of its party, the joint room once open
            # (all of it), and the public facts -- never a note.
            assert (seen is not None) == self.visible_to(seq, party), self.at(name, seq, seen)
            if seen is None:
                continue
            item = seen.to_dict()
            assert item["seq"] == seq and item["kind"] == entry.kind, self.at(name, seq, item)
            seen_items.append(item)
            if entry.kind in ("talk-opened", "joined"):
                roster_items.append(item)
            if entry.kind != "said" or entry.room != JOINT_ROOM:
                # Invariant 6: other parties' delegates appear only as speakers in the joint room.
                assert item["by"] not in others, self.at(name, seq, item)
            match entry.kind:
                case "talk-opened":
                    names = [d["name"] for d in item["delegates"]]
                    assert names == self.opening_delegates.get(party, []), self.at(name, seq, item)
                    assert item["parties"] == list(self.parties), self.at(name, seq, item)
                case "joined":
                    assert item["name"] not in others, self.at(name, seq, item)
                case "said":
                    assert item["room"] == entry.room, self.at(name, seq, item)
                    assert item["text"] == entry.text, self.at(name, seq, item)
                case "released" | "consented":
                    assert entry.party == party, self.at(name, seq, item)
                case "conveyed":
                    # Invariant 3: only allowed carriages, their text only to their target and,
                    # unless the talk hides it, to their source.
                    assert entry.allowed, self.at(name, seq, item)
                    assert item["room"] == entry.to_room, self.at(name, seq, item)
                    assert item["mode"] == entry.mode, self.at(name, seq, item)
                    if entry.to_room == party:
                        assert item["text"] == entry.text, self.at(name, seq, item)
                    else:
                        assert entry.from_room == party, self.at(name, seq, item)
                        shown = None if self.hide else entry.text
                        assert item["text"] == shown, self.at(name, seq, item)
                        assert item.get("source") == entry.source, self.at(name, seq, item)
        # Invariants 2, 3 and 4: no text the delegate may not read -- another room's statement,
        # a note, a carriage to another party (or, when hidden, out of its own room), a refused
        # command's text -- appears anywhere in its view.
        dump = strings_dump(seen_items)
        leaked = set(TOKEN.findall(dump)) - self.allowed_tokens(party)
        assert not leaked, f"{name} (of {party}) reads {leaked}: {dump}"
        # Invariant 6: nor are they named where the talk's participants are listed.
        roster = strings_dump(roster_items)
        for other in others:
            assert other not in roster, f"{name} (of {party}) learns of {other}: {roster}"

    def at(self, name: str, seq: int, seen: object) -> str:
        entry = self.entries[seq]
        return f"{name} ({self.people[name].party}) sees event {seq} ({entry}) as {seen}"

    def teardown(self) -> None:
        note_event(f"carriages: {min(self.conveyances, 3)}+")
        note_event(f"joint room open: {self.joint_opened_at is not None}")


TestConfidentiality = ConfidentialityMachine.TestCase
TestConfidentiality.settings = _chosen_settings()
