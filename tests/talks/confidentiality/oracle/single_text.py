"""What the rules say of the single text: the agenda, each draft, the parties' private answers
to it, the agreement the answers may reach and its signatures -- and the incidents a mediator
reports along the way.

Each prediction is the list of events the command must produce, or None: refused.
"""

from __future__ import annotations

from shuttle.talks import AgendaIssue, Answer, Draft, ReportIncident, SetAgenda, Sign, Source
from shuttle.talks.events import Event
from shuttle.talks.single_text.events import (
    AgendaSet,
    Answered,
    Drafted,
    IncidentReported,
    Signed,
    intent_to_sign,
)
from tests.talks.confidentiality.oracle.books import Person
from tests.talks.confidentiality.oracle.terms import TermsReading
from tests.talks.confidentiality.oracle.vocabulary import trimmed, within


class SingleTextPredictions(TermsReading):
    """Predictions for the agenda, drafts, answers, signatures and incidents."""

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

    def expect_incident(self, actor: Person, command: ReportIncident) -> list[Event] | None:
        text = trimmed(command.text)
        drop = within(command.drop, 0.0, 1.0, open_low=True)
        return None if text is None or drop is None else [IncidentReported(actor.name, text, drop)]

    def expect_sign(self, actor: Person, command: Sign) -> Event | None:
        """A party signs an agreement once, at the record's current head."""
        agreement, party = self.agreement, actor.party
        if self.closed or agreement is None or party is None or party in self.signatures:
            return None
        seq, _, digest = (command.head or "").partition(":")
        if not seq.isdigit() or len(digest) != 64 or int(seq) != self.last:
            return None
        assert command.head is not None
        if not command.intent or command.text_hash not in (None, agreement.hash):
            return None
        return Signed(
            actor.name,
            party,
            agreement.hash,
            command.head,
            intent_to_sign(actor.name, party, agreement.hash),
        )
