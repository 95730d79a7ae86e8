"""Confidentiality, checked by a state machine against an independent oracle.

Hypothesis drives the pure domain (`decide` / `evolve` / `view_of`) with random commands from
random actors -- allowed or not, including names that take no part in the talk. Alongside, an
oracle (`confidentiality_oracle`) written from the rules of proximity talks, never from `decide`
or `visibility`, keeps its own books: which room each event belongs to, whose it is, each
statement's handling and carriages, the agenda, drafts and answers, proposals, blind bids,
profiles, offers and the agreement. It predicts the outcome of every command, and after every
step the machine checks each participant's whole view of the record against what the rules let
that participant know: exactly the events it may see; in them, every secret it may read and
none it may not; no other party's delegate named outside the joint room; no pointer to an event
it cannot see; and of a concluded proposal, agreed or not and nothing of who rejected it.

The talk opens with a small agenda (one issue numeric, so blind bids apply), with two or three
parties: with three, a rejected mediator's proposal must not tell anyone who rejected it.

Secrets are distinctive: every text carries a unique token (``~<8 hex><counter>~``) and every
bound, weight, option value and reservation value is a number whose digits are unique, so
finding one in a view or a refusal is finding that secret: a leak is one the oracle does not
allow. Nobody sees a bound but its own party, the mediator included; an unshared profile's
numbers only its own party. A command naming an event its actor cannot see is refused exactly
as one naming an event that does not exist.

Examples per run: HYPOTHESIS_PROFILE=ci|dev picks a profile of this module; without it, "ci"
when the CI variable is set, else "dev".
"""

from __future__ import annotations

import json
import math
import os
import re
import unicodedata
from dataclasses import dataclass, replace
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import event as note_event
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

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
    Comparison,
    Consent,
    Convey,
    Delegate,
    Draft,
    Event,
    Handling,
    Incident,
    Join,
    Mode,
    Note,
    NotFound,
    Offer,
    OpenBid,
    OpenTalk,
    Participant,
    Propose,
    Recorded,
    Refusal,
    Release,
    ReportIncident,
    Role,
    Say,
    Seen,
    SetAgenda,
    Sign,
    SubmitProfile,
    TalkState,
    decide,
    evolve,
    initial_state,
    view_of,
    visible_record,
)
from shuttle.talks.events import AgendaSet, TalkOpened
from tests.talks.confidentiality_oracle import (
    Agenda,
    Entry,
    Oracle,
    Pairs,
    Viewer,
    escalation_step,
    nfc,
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
# Vocabulary of the test: names, texts, agendas.

# Party names, some outside ASCII; "Ünion" is also offered decomposed (NFD) to check that the
# talk compares names after NFC normalisation.
PARTY_POOL = ("Alpha", "Βήτα", "Ünion", "Ōkami")
MEDIATOR_NAMES = ("Mediator·1", "Mediator·2")
GHOSTS = ("Nobody·0", "  ", "joint")  # names that are no participant of any talk here
BLANKS = ("", " ", "\n\t ", "\u3000")  # texts that trim to nothing
HANDLINGS = (None, *Handling)
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
# Small agendas, each with a numeric issue for blind bids (the last has two).
AGENDAS: tuple[Agenda, ...] = (
    (("Stockpile", ("10", "20", "30", "40")), ("Sanctions", ("lifted", "eased", "kept"))),
    (
        ("Tariff", ("10", "20", "30", "40")),
        ("Quota·é", ("low", "high")),
        ("Inspections", ("IAEA", "joint", "none")),
    ),
    (("Price", ("10", "20", "30", "40")), ("Years", ("1", "2", "5")), ("Access", ("open", "no"))),
)
DROPS = (0.05, 0.1, 0.25, 1.0, 0.0, 1.5)  # an incident's drop; the last two are refused


@dataclass(frozen=True)
class TextDraw:
    """A text to type: random characters, then a unique token (made when the text is used),
    then a snippet -- or, when there is no snippet, a text that trims to nothing."""

    before: str
    hex8: str
    after: str | None


@dataclass(frozen=True)
class TermsDraw:
    """An option for each issue (an index, modulo), and how the terms are typed: well, or with
    a flaw (an issue missing, an option or issue not on the agenda), or padded and decomposed."""

    picks: tuple[int, int, int]
    flaw: str


@dataclass(frozen=True)
class PreferDraw:
    """Options a party prefers to the draft's, on up to two issues; `same` names the draft's
    own option instead (a malformed answer)."""

    issues: tuple[int, ...]
    same: bool


@dataclass(frozen=True)
class AnswerDraw:
    """An answer to the single text as drawn: accept, name the version or not, and the rest."""

    accept: bool
    omit_version: bool
    prefer: PreferDraw
    comparison: Comparison | None
    comment: TextDraw | None


# The random characters are at most 4, so they can never spell a token by chance.
texts = st.builds(TextDraw, st.text(max_size=4), HEX8, st.sampled_from((*SNIPPETS, None)))
clause_draws = st.lists(texts, max_size=2)
# Which actor (an index into participants + ghosts) and how the name is typed.
actors = st.integers(0, 119)
picks = st.integers(0, 1000)  # an index, taken modulo the length of the list it picks from
salts = st.integers(0, 999)
terms_draws = st.builds(
    TermsDraw,
    st.tuples(picks, picks, picks),
    st.sampled_from(("",) * 6 + ("missing", "option", "issue", "typed")),
)
prefer_draws = st.builds(PreferDraw, st.lists(picks, max_size=2).map(tuple), st.booleans())
MAX_STEPS = 8  # how far an aimed rule may go along its way in one step
step_counts = st.integers(1, MAX_STEPS)
# Yes or no for each step of a rule, two bits each: mostly yes, so that agreements happen.
answer_bits = st.integers(0, 4**MAX_STEPS - 1)
# A bound's whole part for each step of a rule, 0 to 50 (50: refused), in base 51.
bound_digits = st.integers(0, 51**MAX_STEPS - 1)


def yes(bits: int, step: int) -> bool:
    return (bits >> (2 * step)) & 3 != 3


def digit(digits: int, step: int) -> int:
    return int(digits // 51**step) % 51


heads = st.sampled_from(("current", "current", "stale", "none", "bad"))


@dataclass(frozen=True)
class Setup:
    parties: tuple[str, ...]
    delegates_per_party: tuple[int, ...]
    mediators: int
    default_handling: Handling
    hide_carried_text: bool
    decomposed: bool  # type the parties' names (and issues) in NFD
    agenda: int
    escalation: TextDraw | None
    bid_rule: BidRule


def make_setup(
    parties: list[str],
    counts: tuple[int, int, int],
    mediators: int,
    default_handling: Handling,
    hide_carried_text: bool,
    decomposed: bool,
    agenda: int,
    escalation: TextDraw | None,
    bid_rule: BidRule,
) -> Setup:
    return Setup(
        tuple(parties),
        counts[: len(parties)],
        mediators,
        default_handling,
        hide_carried_text,
        decomposed,
        agenda,
        None if escalation is None or escalation.after is None else escalation,
        bid_rule,
    )


setups = st.builds(
    make_setup,
    st.lists(st.sampled_from(PARTY_POOL), min_size=2, max_size=3, unique=True),
    st.tuples(*[st.integers(1, 2)] * 3),
    st.integers(1, 2),
    st.sampled_from(Handling),
    st.booleans(),
    st.booleans(),
    st.integers(0, len(AGENDAS) - 1),
    st.none() | texts,
    st.sampled_from(BidRule),
)


View = list[tuple[int, Seen | None]]
"""What a participant sees of events of the record: (seq, the event as seen, or None)."""


def strings_dump(items: list[dict[str, Any]]) -> str:
    return json.dumps(items, ensure_ascii=False)


def digits_blurred(message: str) -> str:
    """A refusal with its numbers blanked, to compare refusals naming different events."""
    return re.sub(r"[0-9]+", "#", message)


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


# ---------------------------------------------------------------------------------------------
# The machine.


class ConfidentialityMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.state: TalkState = initial_state()
        self.oracle = Oracle()  # built only from the commands issued and the events that came back
        self.checked: TalkState | None = None  # the state whose views were last checked
        self.checked_seq = 0
        self.compared: set[str] = set()  # participants whose views were compared whole

    # -- choosing actors and typing arguments ----------------------------------------------------

    def text(self, draw: TextDraw) -> str:
        if draw.after is None:
            return BLANKS[len(draw.before) % len(BLANKS)]
        return self.oracle.token_text(draw.before, draw.hex8, draw.after)

    def actor_name(self, pick: int) -> str:
        """Any participant, or a name that is none, sometimes typed with blanks around it."""
        index, padding = divmod(pick, 3)
        names = [*self.oracle.people, *GHOSTS, *self.oracle.parties]
        pad = ("", " ", "\t")[padding]
        return f"{pad}{names[index % len(names)]}{pad}"

    def mediator(self, pick: int) -> str:
        mediators = self.oracle.mediators()
        return mediators[pick % len(mediators)].name

    def delegate_in(self, parties: list[str], pick: int) -> str:
        """A delegate of one of `parties` (of any party if none is named)."""
        people = [p for p in self.oracle.delegates() if p.party in parties]
        people = people or self.oracle.delegates()
        return people[pick % len(people)].name

    def room_name(self, pick: int) -> str | None:
        rooms: list[str | None] = [None, *self.oracle.parties, JOINT_ROOM, "Nowhere"]
        room = rooms[pick % len(rooms)]
        if room is not None and pick % 7 == 0:
            room = f" {nfd(room)} "
        return room

    def seq(self, pick: int) -> int:
        return pick % (self.oracle.last + 3)

    def probe(self, pick: int, seq: int) -> tuple[str, int]:
        """A delegate, and an event its party may not see (any event, if there is none): a
        command naming it must be refused as if it did not exist."""
        delegate = self.oracle.delegates()[pick % len(self.oracle.delegates())]
        hidden = [s for s in self.oracle.entries if not self.oracle.visible_to(s, delegate.party)]
        return delegate.name, hidden[seq % len(hidden)] if hidden else self.seq(seq)

    def typed_terms(self, draw: TermsDraw, aimed: bool = False) -> Pairs:
        """Terms over the current agenda; aimed, well typed and keeping settled options."""
        settled = self.oracle.settled
        pairs = [
            (name, settled[name] if aimed and name in settled else options[pick % len(options)])
            for (name, options), pick in zip(self.oracle.agenda, draw.picks, strict=False)
        ]
        flaw = "" if aimed else draw.flaw
        if flaw == "missing":
            pairs.pop()
        elif flaw == "option":
            pairs[0] = (pairs[0][0], "99")
        elif flaw == "issue":
            pairs.append(("Nowhere", "10"))
        elif flaw == "typed":
            pairs = [(f" {nfd(name)}", f"{option} ") for name, option in pairs]
        return tuple(pairs)

    def clauses(self, draws: list[TextDraw]) -> tuple[str, ...]:
        return tuple(self.text(draw) for draw in draws)

    def typed_prefer(self, draw: PreferDraw, aimed: bool) -> Pairs:
        """Options other than the current draft's (or, `same`, the draft's own)."""
        drafted = dict(self.oracle.drafts[-1][0]) if self.oracle.drafts else {}
        agenda = self.oracle.agenda
        prefer: dict[str, str] = {}
        for pick in draw.issues:
            name, options = agenda[pick % len(agenda)]
            if aimed and name in self.oracle.settled:
                continue
            index = options.index(drafted[name]) if name in drafted else 0
            shift = 0 if draw.same and not aimed else 1 + pick % (len(options) - 1)
            prefer[name] = options[(index + shift) % len(options)]
        return tuple(prefer.items())

    def head(self, kind: str) -> str | None:
        """A record head (SEQ:HASH) as a signer types it: current, stale, absent or garbled."""
        digest = "ab" * 32
        return {
            "current": f"{self.oracle.last}:{digest}",
            "stale": f"{self.oracle.last - 1}:{digest}",
            "none": None,
            "bad": f"{self.oracle.last}:{digest[:10]}",
        }[kind]

    # -- opening -------------------------------------------------------------------------------

    @initialize(setup=setups)
    def open_talk(self, setup: Setup) -> None:
        def typed(name: str) -> str:
            return nfd(name) if setup.decomposed else name

        delegates = tuple(
            Delegate(f"{party}·d{n}", typed(party))
            for party, count in zip(setup.parties, setup.delegates_per_party, strict=True)
            for n in range(1, count + 1)
        )
        mediators = MEDIATOR_NAMES[: setup.mediators]
        agenda = AGENDAS[setup.agenda]
        escalation: tuple[Incident, ...] = ()
        if setup.escalation is not None:
            escalation = (Incident(2, self.text(setup.escalation), 0.1),)
        command = OpenTalk(
            title="Talks·T",
            parties=tuple(typed(p) for p in setup.parties),
            mediators=mediators,
            delegates=delegates,
            default_handling=setup.default_handling,
            hide_carried_text=setup.hide_carried_text,
            agenda=tuple((typed(name), options) for name, options in agenda),
            escalation=escalation,
            bid_rule=setup.bid_rule,
        )
        events = decide(self.state, command)
        expected: list[Event] = [
            TalkOpened(
                title="Talks·T",
                parties=setup.parties,
                mediators=mediators,
                delegates=tuple(Delegate(d.name, nfc(d.party)) for d in delegates),
                default_handling=setup.default_handling,
                hide_carried_text=setup.hide_carried_text,
                bid_rule=setup.bid_rule,
            ),
            AgendaSet(
                by=None,
                issues=tuple(AgendaIssue(name, options) for name, options in agenda),
                escalation=tuple(escalation_step(i.text, i.drop) for i in escalation),
            ),
        ]
        assert events == expected, f"{command} gave {events}, expected {expected}"
        for event in expected:
            self.state = evolve(self.state, Recorded(self.state.last_seq + 1, AT, event))
            self.oracle.book(event)
        # A second opening is always refused.
        self.run(command)

    # Each rule either picks its actor and arguments at random (`aimed` False: mostly refused,
    # which is the point) or aims at what the rules might allow, doing first what that needs
    # (a draft before answers, a bid opened before bounds), so that carriages, agreements,
    # signatures, settled bids and answered offers happen often enough to be worth checking.

    # -- words ---------------------------------------------------------------------------------

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
        speaker = self.oracle.delegates()[pick % len(self.oracle.delegates())]
        rooms = (None, speaker.party, JOINT_ROOM)
        self.run(Say(speaker.name, self.text(text), rooms[room % len(rooms)], handling))

    @rule(
        actor=actors,
        statement=picks,
        handling=st.sampled_from(Handling),
        aimed=st.booleans(),
        probe=st.booleans(),
    )
    def release(
        self, actor: int, statement: int, handling: Handling, aimed: bool, probe: bool
    ) -> None:
        if not aimed:
            who, seq = self.probe(actor, statement) if probe else (None, self.seq(statement))
            self.run(Release(who or self.actor_name(actor), seq, handling))
            return
        # A statement its releaser can see: one of its own room (a delegate's, which it may
        # release, or a mediator's) or of the joint room (its own party's or another's).
        statements = self.oracle.statements()
        if not statements:
            self.delegate_says(actor, TextDraw("", f"{statement:08x}", ""), None)
            return
        seq, entry = statements[statement % len(statements)]
        releasers = [p for p in self.oracle.delegates() if entry.room in (p.party, JOINT_ROOM)]
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
        """A mediator carries words or an offer (verbatim: with its terms) to another room."""
        statements = self.oracle.delegate_statements()
        if aimed and not statements:
            self.delegate_says(actor, text, None)
            return
        if not aimed:
            seq = self.seq(statement)
            targets = [*self.oracle.parties, JOINT_ROOM, "Nowhere"]
            actor_name = self.actor_name(actor)
            target = targets[to % len(targets)]
        else:
            # Whether the statement's handling allows it is left to chance.
            seq, entry = statements[statement % len(statements)]
            actor_name = self.mediator(actor)
            others = [party for party in self.oracle.parties if party != entry.room]
            target = others[to % len(others)]
            if mode is Mode.PARAPHRASE:
                how = "fresh"
            elif how not in ("none", "source"):
                how = "none"
        self.run(Convey(actor_name, seq, target, mode, self.carried_text(seq, how, text)))

    def carried_text(self, seq: int, how: str, draw: TextDraw) -> str | None:
        entry = self.oracle.entries.get(seq)
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
        waiting = [p for p in self.oracle.delegates() if p.party not in self.oracle.consents]
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
            joiner = f"Joiner·{len(self.oracle.people)}·"  # no name is a prefix of another
        elif name == "existing":
            joiner = next(iter(self.oracle.people))
        elif name == "party":
            joiner = self.oracle.parties[0]
        else:
            joiner = " "
        parties: list[str | None] = [None, *self.oracle.parties, "Nowhere"]
        self.run(Join(self.actor_name(actor), joiner, role, parties[party % len(parties)]))

    # -- the single text -----------------------------------------------------------------------

    @rule(actor=actors, agenda=picks, flaw=st.booleans(), aimed=st.booleans())
    def set_agenda(self, actor: int, agenda: int, flaw: bool, aimed: bool) -> None:
        """A mediator replaces the agenda (refused once anything rests on it)."""
        issues: Agenda = AGENDAS[agenda % len(AGENDAS)]
        if flaw:
            issues = (*issues[:-1], (issues[-1][0], issues[-1][1][:1]))  # one option only
        who = self.mediator(actor) if aimed else self.actor_name(actor)
        self.run(SetAgenda(who, issues))

    @rule(actor=actors, terms=terms_draws, clauses=clause_draws, aimed=st.booleans())
    def draft(self, actor: int, terms: TermsDraw, clauses: list[TextDraw], aimed: bool) -> None:
        who = self.mediator(actor) if aimed else self.actor_name(actor)
        self.run(Draft(who, self.typed_terms(terms, aimed), self.clauses(clauses)))

    @rule(
        actor=actors,
        accept=answer_bits,
        version=st.sampled_from(("none", "current", "old", "next")),
        prefer=prefer_draws,
        comparison=st.sampled_from((None, *Comparison)),
        comment=st.none() | texts,
        terms=terms_draws,
        steps=step_counts,
        aimed=st.booleans(),
    )
    def answer(
        self,
        actor: int,
        accept: int,
        version: str,
        prefer: PreferDraw,
        comparison: Comparison | None,
        comment: TextDraw | None,
        terms: TermsDraw,
        steps: int,
        aimed: bool,
    ) -> None:
        """Parties answer the current draft privately: accept or not, options they prefer, a
        comparison with the previous version, a comment. Aimed, `steps` of the way to an
        agreement: a draft if there is none, then answers from parties yet to accept it."""
        if not aimed:
            current = len(self.oracle.drafts)
            typed = {"none": None, "current": current, "old": current - 1, "next": current + 1}
            text = None if comment is None else self.text(comment)
            prefers = self.typed_prefer(prefer, False)
            self.run(
                Answer(
                    self.actor_name(actor),
                    yes(accept, 0),
                    typed[version],
                    prefers,
                    comparison,
                    text,
                )
            )
            return
        for step in range(steps):
            self.between_steps(step)
            answer = AnswerDraw(yes(accept, step), version == "none", prefer, comparison, comment)
            self.towards_agreement(actor + step, answer, terms)

    def towards_agreement(self, pick: int, answer: AnswerDraw, terms: TermsDraw) -> None:
        """One step towards agreeing on the single text: draft it, or answer it for a party
        that has not accepted it yet."""
        current = len(self.oracle.drafts)
        if not current:
            self.run(Draft(self.mediator(pick), self.typed_terms(terms, True)))
            return
        answers = self.oracle.answers
        waiting = [p for p in self.oracle.parties if not answers.get((current, p))]
        self.run(
            Answer(
                self.delegate_in(waiting, pick),
                answer.accept,
                None if answer.omit_version else current,
                self.typed_prefer(answer.prefer, True),
                None if current == 1 else answer.comparison,
                None if answer.comment is None else self.text(answer.comment),
            )
        )

    @rule(actor=actors, terms=terms_draws, clauses=clause_draws, aimed=st.booleans())
    def propose(self, actor: int, terms: TermsDraw, clauses: list[TextDraw], aimed: bool) -> None:
        who = self.mediator(actor) if aimed else self.actor_name(actor)
        self.run(Propose(who, self.typed_terms(terms, aimed), self.clauses(clauses)))

    @rule(
        actor=actors,
        accept=answer_bits,
        number=st.sampled_from(("none", "open", "first", "next")),
        terms=terms_draws,
        steps=step_counts,
        aimed=st.booleans(),
    )
    def answer_proposal(
        self,
        actor: int,
        accept: int,
        number: str,
        terms: TermsDraw,
        steps: int,
        aimed: bool,
    ) -> None:
        """Parties answer the mediator's proposal, double-blind: nobody else learns an answer.
        Aimed, `steps` of the way: a proposal if none awaits answers, then the answers."""
        if not aimed:
            count = len(self.oracle.proposals)
            typed = {"none": None, "open": count, "first": 1, "next": count + 1}
            self.run(AnswerProposal(self.actor_name(actor), yes(accept, 0), typed[number]))
            return
        for step in range(steps):
            self.between_steps(step)
            pending = self.oracle.open_proposal
            if pending is None:
                self.run(Propose(self.mediator(actor), self.typed_terms(terms, True)))
                continue
            answered = self.oracle.proposals[pending].answers
            waiting = [p for p in self.oracle.parties if p not in answered]
            who = self.delegate_in(waiting, actor + step)
            self.run(AnswerProposal(who, yes(accept, step), None if number == "none" else pending))

    @rule(actor=actors, head=heads, steps=step_counts, aimed=st.booleans())
    def sign(self, actor: int, head: str, steps: int, aimed: bool) -> None:
        """Parties sign the agreement at the record's head. Aimed, `steps` of the way: towards
        an agreement on the single text first, then a signature from each party."""
        if not aimed:
            self.run(Sign(self.actor_name(actor), self.head(head)))
            return
        for step in range(steps):
            self.between_steps(step)
            if self.oracle.agreement is None:
                yes = AnswerDraw(True, True, PreferDraw((), False), None, None)
                self.towards_agreement(actor + step, yes, TermsDraw((actor, step, actor // 3), ""))
                continue
            unsigned = [p for p in self.oracle.parties if p not in self.oracle.signatures]
            self.run(Sign(self.delegate_in(unsigned, actor + step), self.head(head)))

    @rule(actor=actors, sometimes=st.integers(0, 7), reason=st.none() | texts)
    def close(self, actor: int, sometimes: int, reason: TextDraw | None) -> None:
        """Closing ends the talk, so a mediator closes it only sometimes; the other tries are
        by someone who may not close it."""
        typed = None if reason is None else self.text(reason)
        if sometimes == 0:
            self.run(Close(self.mediator(actor), typed))
            return
        others = [p.name for p in self.oracle.delegates()] + list(GHOSTS + self.oracle.parties)
        self.run(Close(others[actor % len(others)], typed))

    @rule(actor=actors, text=texts, drop=st.sampled_from(DROPS), aimed=st.booleans())
    def report_incident(self, actor: int, text: TextDraw, drop: float, aimed: bool) -> None:
        who = self.mediator(actor) if aimed else self.actor_name(actor)
        self.run(ReportIncident(who, self.text(text), drop))

    # -- blind bids and profiles ---------------------------------------------------------------

    @rule(actor=actors, issue=picks, high=picks, low=picks, aimed=st.booleans())
    def open_bid(self, actor: int, issue: int, high: int, low: int, aimed: bool) -> None:
        names = [name for name, _ in self.oracle.agenda]
        parties = list(self.oracle.parties)
        if aimed:
            self.mediator_opens_bid(actor, issue, high, low)
            return
        names.append("Nowhere")
        parties.append("Nowhere")
        self.run(
            OpenBid(
                self.actor_name(actor),
                names[issue % len(names)],
                parties[high % len(parties)],
                parties[low % len(parties)],
            )
        )

    def mediator_opens_bid(self, actor: int, issue: int, high: int, low: int) -> None:
        """On a numeric issue not yet settled, between two different parties."""
        names = [name for name, _ in self.oracle.agenda]
        free = [n for n in names if self.oracle.numeric(n) and n not in self.oracle.settled]
        names = free or names
        parties = self.oracle.parties
        high_party = parties[high % len(parties)]
        others = [p for p in parties if p != high_party]
        low_party = others[low % len(others)]
        self.run(OpenBid(self.mediator(actor), names[issue % len(names)], high_party, low_party))

    @rule(
        actor=actors,
        wholes=bound_digits,
        salt=salts,
        number=st.sampled_from(("none", "own", "other")),
        steps=step_counts,
        aimed=st.booleans(),
    )
    def bid(
        self,
        actor: int,
        wholes: int,
        salt: int,
        number: str,
        steps: int,
        aimed: bool,
    ) -> None:
        """Parties bound a numeric issue in confidence: nobody else may ever see a bound.
        Aimed, `steps` of the way: a blind bid opened if none is, then the missing bounds."""
        oracle = self.oracle
        if not aimed:
            numbers = {"none": None, "own": len(oracle.bids), "other": len(oracle.bids) + 1}
            self.run(
                Bid(self.actor_name(actor), self.bound(digit(wholes, 0), salt), numbers[number])
            )
            return
        for step in range(steps):
            self.between_steps(step)
            waiting = [(n, b) for n, b in oracle.bids.items() if not b.settled]
            if not waiting:
                self.mediator_opens_bid(actor, salt, actor + step, salt + 1)
                continue
            chosen, bid = waiting[salt % len(waiting)]
            missing = [p for p in (bid.high, bid.low) if p not in bid.bounds]
            who = self.delegate_in(missing, actor + step)
            typed = None if number == "none" else chosen
            self.run(Bid(who, self.bound(digit(wholes, step), salt), typed))

    def bound(self, whole: int, salt: int) -> float:
        """A unique bound around the numeric options (10 to 40), or (50) one that is refused."""
        return math.inf if whole == 50 else self.oracle.secret(whole, salt)

    @rule(
        actor=actors,
        salt=salts,
        share=st.booleans(),
        flaw=st.sampled_from(("",) * 5 + ("weight", "option", "range")),
        aimed=st.booleans(),
    )
    def submit_profile(self, actor: int, salt: int, share: bool, flaw: str, aimed: bool) -> None:
        """A party's private preferences, shared with the mediator or not; every number in it
        is a secret of its own."""
        agenda = self.oracle.agenda
        secret = self.oracle.secret
        weights = [(name, secret(i % 3, salt)) for i, (name, _) in enumerate(agenda)]
        values = [(name, o, secret(0, salt)) for name, options in agenda for o in options]
        if flaw == "weight":
            weights.pop()
        elif flaw == "option":
            values.append((agenda[0][0], "nope", 0.5))
        elif flaw == "range":
            values[0] = (values[0][0], values[0][1], 1.5)
        who = self.delegate_in([], actor) if aimed else self.actor_name(actor)
        self.run(SubmitProfile(who, tuple(weights), tuple(values), secret(0, salt), share))

    # -- offers --------------------------------------------------------------------------------

    @rule(
        actor=actors,
        terms=terms_draws,
        handling=st.sampled_from(HANDLINGS),
        aimed=st.booleans(),
    )
    def offer(self, actor: int, terms: TermsDraw, handling: Handling | None, aimed: bool) -> None:
        who = self.delegate_in([], actor) if aimed else self.actor_name(actor)
        self.run(Offer(who, self.typed_terms(terms, aimed), handling))

    @rule(
        actor=actors,
        via=picks,
        accept=answer_bits,
        terms=terms_draws,
        steps=step_counts,
        aimed=st.booleans(),
        probe=st.booleans(),
    )
    def answer_offer(
        self,
        actor: int,
        via: int,
        accept: int,
        terms: TermsDraw,
        steps: int,
        aimed: bool,
        probe: bool,
    ) -> None:
        """A party answers an offer carried into its room. Aimed, `steps` of the way: an offer
        that may travel, its verbatim carriage, the answer."""
        if not aimed:
            who, seq = self.probe(actor, via) if probe else (None, self.seq(via))
            self.run(AnswerOffer(who or self.actor_name(actor), seq, yes(accept, 0)))
            return
        for step in range(steps):
            self.between_steps(step)
            self.towards_offer_answer(actor + step, via, yes(accept, step), terms)

    def towards_offer_answer(self, pick: int, via: int, accept: bool, terms: TermsDraw) -> None:
        oracle = self.oracle
        carriages = [
            (seq, e)
            for seq, e in oracle.entries.items()
            if e.kind == "conveyed" and e.terms and e.source is not None
            if e.to_room not in oracle.offer_answers.get(e.source, {})
        ]
        if carriages:
            seq, carriage = carriages[via % len(carriages)]
            assert carriage.to_room is not None
            self.run(AnswerOffer(self.delegate_in([carriage.to_room], pick), seq, accept))
            return
        offers = [
            (seq, e)
            for seq, e in oracle.statements()
            if e.kind == "offered" and e.handling is not Handling.MEDIATOR_ONLY
        ]
        if offers:
            seq, offer = offers[via % len(offers)]
            others = [p for p in oracle.parties if p != offer.room]
            self.run(Convey(self.mediator(pick), seq, others[pick % len(others)], Mode.VERBATIM))
            return
        handling = (Handling.MAY_CONVEY, Handling.VERBATIM_ONLY)[via % 2]
        self.run(Offer(self.delegate_in([], pick), self.typed_terms(terms, True), handling))

    # -- running a command ----------------------------------------------------------------------

    def run(self, command: Command) -> None:
        expected = self.oracle.expect(command)
        before = self.state
        try:
            events = decide(self.state, command)
        except Refusal as refusal:
            assert self.state is before and self.state.last_seq == self.oracle.last
            self.check_refusal(command, refusal)
            assert expected is None, f"{command} was refused ({refusal!r}); the rules allow it"
            note_event(f"refused {type(command).__name__}")
            return
        # What the rules forbid -- a carriage of a mediator-only statement, a paraphrase of a
        # verbatim-only one, a bound from a party outside the bid -- is never accepted.
        assert expected is not None, f"{command} was accepted as {events}; the rules forbid it"
        assert events == expected, f"{command} gave {events}, expected {expected}"
        note_event(f"accepted {type(command).__name__}")
        for event in events:
            self.state = evolve(self.state, Recorded(self.state.last_seq + 1, AT, event))
            self.oracle.book(event)

    def check_refusal(self, command: Command, refusal: Refusal) -> None:
        """A refusal tells the actor nothing it may not know, and an event it cannot see is
        refused exactly as one that does not exist."""
        if isinstance(command, OpenTalk):
            return
        oracle = self.oracle
        actor = oracle.person(command.actor)
        message = str(refusal)
        typed = repr(command)
        known = oracle.secrets_in(typed)  # what the actor typed itself may be quoted back
        if actor is not None:
            known |= oracle.readable(actor.party)
        leaked = oracle.secrets_in(message) - known
        assert not leaked, f"refusal of {command} leaks {leaked}: {message}"
        if actor is None or actor.party is None:
            return
        party = actor.party
        for other in oracle.delegates():
            if other.party != party and other.name not in typed:
                assert other.name not in message, f"refusal names {other.name}: {message}"
        named = self.named_event(command)
        if named is not None:
            exists = 1 <= named <= oracle.last
            if not (exists and oracle.visible_to(named, party)) and oracle.negotiating:
                assert isinstance(refusal, NotFound), f"{command}: {refusal!r} reveals the event"
            if exists and not oracle.visible_to(named, party):
                twin = self.refusal_of(self.naming(command, oracle.last + 7))
                same = type(twin) is type(refusal)
                same = same and digits_blurred(str(twin)) == digits_blurred(message)
                assert same, f"{command}: {refusal!r}, but for no such event: {twin!r}"
        if isinstance(command, Say) and command.room is not None and not oracle.closed:
            elsewhere = nfc(command.room) not in (party, JOINT_ROOM)
            assert not elsewhere or isinstance(refusal, NotFound), f"{command}: {refusal!r}"

    @staticmethod
    def named_event(command: Command) -> int | None:
        """The event a command names by its sequence number, if any."""
        if isinstance(command, Release):
            return command.statement
        if isinstance(command, AnswerOffer):
            return command.via
        return None

    @staticmethod
    def naming(command: Command, seq: int) -> Command:
        """The same command, naming event `seq` instead."""
        if isinstance(command, Release):
            return replace(command, statement=seq)
        assert isinstance(command, AnswerOffer)
        return replace(command, via=seq)

    def refusal_of(self, command: Command) -> Refusal:
        try:
            decide(self.state, command)
        except Refusal as refusal:
            return refusal
        raise AssertionError(f"{command}, naming no event, was accepted")

    # -- invariants -----------------------------------------------------------------------------

    def participant(self, name: str) -> Participant:
        participant = self.state.participant(name)
        assert participant is not None, f"{name} is missing from the talk"
        return participant

    def view(self, name: str, whole: bool) -> View:
        """What `name` sees of each event: of the whole record, from `visible_record` (and, on
        the events recorded since the last check, `view_of` asked directly must agree), or of
        the events recorded since the last check only, from `view_of`."""
        participant = self.participant(name)
        record = self.state.record
        if not whole:
            return [
                (r.seq, view_of(participant, r, self.state)) for r in record[self.checked_seq :]
            ]
        view: list[Seen | None] = [None] * len(record)
        seqs = []
        for seen in visible_record(participant, self.state):
            seqs.append(seen.seq)
            view[seen.seq - 1] = seen
        assert seqs == sorted(set(seqs)), f"{name} sees {seqs}: not the record's order"
        for recorded in record[self.checked_seq :]:
            direct = view_of(participant, recorded, self.state)
            assert direct == view[recorded.seq - 1], f"{name}: view_of and visible_record differ"
        return list(enumerate(view, start=1))

    def same_view(self, name: str, reference: str, view: View, whole: bool) -> None:
        """`name` sees what `reference` sees (a colleague of the same party, or another
        mediator): compared whole the first time, then on the events recorded since."""
        participant = self.participant(name)
        if name not in self.compared and not whole:
            return  # a newcomer, compared whole at the end of the step
        start = self.checked_seq if name in self.compared else 0
        self.compared.add(name)
        expected = dict(view)
        for recorded in self.state.record[start:]:
            seen = view_of(participant, recorded, self.state)
            assert seen == expected[recorded.seq], f"{name} and {reference} see {recorded} apart"

    def between_steps(self, step: int) -> None:
        """Before every step of an aimed rule but the first, check what the last one added."""
        if step:
            self.check_views(whole=False)

    @invariant()
    def views_agree_with_the_rules(self) -> None:
        self.check_views(whole=True)

    def check_views(self, whole: bool) -> None:
        """Every participant's view against the oracle's: of the `whole` record, or of the
        events added since the last check -- if any (a refusal changes nothing)."""
        negotiation = self.state.negotiation
        assert self.state.last_seq == self.oracle.last, "the record and the oracle's books differ"
        assert self.state.joint_open == (self.oracle.joint_opened_at is not None), "joint room"
        assert (negotiation.agreement is None) == (self.oracle.agreement is None), "agreement"
        assert (negotiation.closed is None) == (not self.oracle.closed), "closed"
        if self.state is self.checked:
            return
        mediators = [p.name for p in self.oracle.mediators()]
        view = self.view(mediators[0], whole)
        self.check_mediator_view(mediators[0], view)
        for other in mediators[1:]:
            self.same_view(other, mediators[0], view, whole)
        for party in self.oracle.parties:
            delegates = [p.name for p in self.oracle.delegates() if p.party == party]
            view = self.view(delegates[0], whole)
            self.check_delegate_view(delegates[0], party, view)
            for colleague in delegates[1:]:
                # What a delegate may see is its party's: the first delegate's view, checked in
                # full, stands for its colleagues'.
                self.same_view(colleague, delegates[0], view, whole)
        self.checked, self.checked_seq = self.state, self.state.last_seq

    def check_mediator_view(self, name: str, view: View) -> None:
        """Every event, whole but for a bound (nobody else sees it) and an unshared profile."""
        for seq, item in self.check_seen(name, None, view):
            entry = self.oracle.entries[seq]
            if entry.text is not None:
                assert item["text"] == entry.text, self.at(name, seq, item)
            if entry.kind == "bid-submitted":
                assert "bound" not in item, self.at(name, seq, item)
            if entry.kind == "profile" and not entry.shared:
                hidden = {"weights", "values", "reservation"} & set(item)
                assert not hidden, self.at(name, seq, item)

    def check_seen(self, name: str, viewer: Viewer, view: View) -> list[tuple[int, dict[str, Any]]]:
        """What every view must satisfy: exactly the events the rules show `viewer`, each with
        the secrets it may read and none it may not. Returns the seen events as plain data."""
        oracle = self.oracle
        items: list[tuple[int, dict[str, Any]]] = []
        dumps: list[str] = []
        for seq, seen in view:
            entry = oracle.entries[seq]
            assert (seen is not None) == oracle.visible_to(seq, viewer), self.at(name, seq, seen)
            if seen is None:
                continue
            item = seen.to_dict()
            assert item["seq"] == seq and item["kind"] == entry.kind, self.at(name, seq, item)
            dumps.append(strings_dump([item]))
            if oracle.reads(seq, viewer):
                missing = [s for s in (*entry.tokens, *entry.secrets) if s not in dumps[-1]]
                assert not missing, f"{name} should read {missing} in {dumps[-1]}"
            if entry.kind == "proposal-concluded":
                self.check_concluded(name, seq, item, entry)
            items.append((seq, item))
        dump = "\n".join(dumps)
        leaked = oracle.secrets_in(dump) - oracle.readable(viewer)
        assert not leaked, f"{name} ({viewer or 'mediator'}) reads {leaked}: {dump}"
        return items

    def check_concluded(self, name: str, seq: int, item: dict[str, Any], entry: Entry) -> None:
        """A concluded proposal says agreed or not, and nothing of who accepted or rejected."""
        assert set(item) <= {"seq", "at", "kind", "room", "by", "text", "number", "agreed"}, (
            self.at(name, seq, item)
        )
        assert (item["by"], item["room"], item["text"]) == (None, None, None), item
        assert item["agreed"] is entry.agreed, self.at(name, seq, item)
        dump = strings_dump([item])
        for who in (*self.oracle.parties, *self.oracle.people):
            assert who not in dump, f"{name} learns of {who} from {dump}"

    def check_delegate_view(self, name: str, party: str, view: View) -> None:
        """The view of `name`, a delegate of `party`."""
        others = {p.name for p in self.oracle.delegates() if p.party != party}
        roster_items: list[dict[str, Any]] = []  # the events that list participants
        for seq, item in self.check_seen(name, party, view):
            entry = self.oracle.entries[seq]
            if entry.kind in ("talk-opened", "joined"):
                roster_items.append(item)
            if entry.kind != "said" or entry.room != JOINT_ROOM:
                # Other parties' delegates appear only as speakers in the joint room.
                assert item["by"] not in others, self.at(name, seq, item)
            # Nor does a view point at an event its reader may not see (by its sequence number,
            # which would say where in another room's record it sits).
            pointers = [item[key] for key in ("source", "statement", "offer", "via") if key in item]
            if entry.kind == "agreed" and item["reached_on"] == "offer" and "ref" in item:
                pointers.append(item["ref"])
            for pointer in pointers:
                assert self.oracle.visible_to(pointer, party), self.at(name, seq, item)
            match entry.kind:
                case "talk-opened":
                    names = [d["name"] for d in item["delegates"]]
                    expected = self.oracle.opening_delegates.get(party, [])
                    assert names == expected, self.at(name, seq, item)
                    assert item["parties"] == list(self.oracle.parties), self.at(name, seq, item)
                case "joined":
                    assert item["name"] not in others, self.at(name, seq, item)
                case "said" | "offered":
                    assert item["room"] == entry.room, self.at(name, seq, item)
                    assert item["text"] == entry.text, self.at(name, seq, item)
                case "conveyed":
                    self.check_carriage(name, party, seq, item, entry)
        # Nor are they named where the talk's participants are listed.
        roster = strings_dump(roster_items)
        for other in others:
            assert other not in roster, f"{name} (of {party}) learns of {other}: {roster}"

    def check_carriage(
        self, name: str, party: str, seq: int, item: dict[str, Any], entry: Entry
    ) -> None:
        """A carriage's text (and an offer's terms) in its target room and, unless the talk
        hides it, the fact and text in its source room."""
        assert item["room"] == entry.to_room, self.at(name, seq, item)
        assert item["mode"] == entry.mode, self.at(name, seq, item)
        if entry.to_room == party:
            assert item["text"] == entry.text, self.at(name, seq, item)
            terms = [list(pair) for pair in entry.terms]
            assert item.get("terms", []) == terms, self.at(name, seq, item)
        else:
            assert entry.from_room == party, self.at(name, seq, item)
            shown = None if self.oracle.hide else entry.text
            assert item["text"] == shown, self.at(name, seq, item)
            assert item.get("source") == entry.source, self.at(name, seq, item)

    def at(self, name: str, seq: int, seen: object) -> str:
        entry = self.oracle.entries[seq]
        return f"{name} ({self.oracle.people[name].party}) sees event {seq} ({entry}) as {seen}"

    def teardown(self) -> None:
        oracle = self.oracle
        if not oracle.parties:
            return  # the talk was never opened
        kinds = {entry.kind for entry in oracle.entries.values()}
        note_event(f"parties: {len(oracle.parties)}")
        kinds_of_interest = (
            "conveyed",
            "agreed",
            "signed",
            "closed",
            "proposal-concluded",
            "bid-settled",
            "offer-answered",
        )
        for kind in kinds_of_interest:
            note_event(f"{kind}: {kind in kinds}")
        rejected = [e for e in oracle.entries.values() if e.agreed is False]
        note_event(f"proposal rejected, {len(oracle.parties)} parties: {bool(rejected)}")
        profiles = {e.shared for e in oracle.entries.values() if e.kind == "profile"}
        note_event(f"profiles shared: {sorted(profiles)}")


TestConfidentiality = ConfidentialityMachine.TestCase
TestConfidentiality.settings = _chosen_settings()
