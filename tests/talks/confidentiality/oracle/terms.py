"""Agendas, terms and clauses as people type them, read the way the rules read them.

Drafts, proposals and offers all carry terms over the agenda (and drafts and proposals carry
clauses); how a typed set of terms is cleaned, or found wanting, is said once here for all of
them, as is the agreement they may end in.
"""

from __future__ import annotations

from collections.abc import Sequence

from shuttle.talks import Source
from shuttle.talks.agenda import text_hash  # the agreed text's fingerprint, not a visibility rule
from shuttle.talks.single_text.events import Agreed
from tests.talks.confidentiality.oracle.books import Books
from tests.talks.confidentiality.oracle.vocabulary import Agenda, Pairs, nfc, trimmed


class TermsReading(Books):
    """Typed agendas, terms and clauses, cleaned or refused."""

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
