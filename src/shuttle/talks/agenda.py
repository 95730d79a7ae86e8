"""The agenda: the issues on the table and each issue's options, and packages over it.

An agenda is the talk-side name of an engine outcome space: every option is a label a person
reads (numbers are written as text, "250" or "0.5"), and a *package* (the terms of a draft, a
proposal or an offer) names one option for every issue. Terms are kept as ordered pairs so the
record shows them in the agenda's order.
"""

from __future__ import annotations

import hashlib
import json
import math
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TypeAlias

from shuttle.engine.space import DiscreteIssue, OutcomeSpace, RealIssue
from shuttle.talks.refusals import Invalid
from shuttle.talks.text import clean_name, clean_text

Terms: TypeAlias = tuple[tuple[str, str], ...]
"""(issue, option) for every issue, in the agenda's order."""

MAX_OPTIONS = 1_000
MAX_ISSUES = 100
MAX_CLAUSES = 50


@dataclass(frozen=True)
class AgendaIssue:
    name: str
    options: tuple[str, ...]

    @property
    def numeric(self) -> bool:
        """True when every option reads as a finite number (a blind bid needs that)."""
        return all(as_number(option) is not None for option in self.options)

    def numbers(self) -> list[float]:
        values = [as_number(option) for option in self.options]
        assert all(v is not None for v in values), f"{self.name} is not numeric"
        return [v for v in values if v is not None]


@dataclass(frozen=True)
class Agenda:
    issues: tuple[AgendaIssue, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(issue.name for issue in self.issues)

    def issue(self, name: str) -> AgendaIssue | None:
        wanted = _normal(name)
        return next((issue for issue in self.issues if issue.name == wanted), None)

    def space(self) -> OutcomeSpace:
        """The engine's outcome space for this agenda: one discrete issue per agenda issue."""
        return OutcomeSpace(tuple(DiscreteIssue(i.name, i.options) for i in self.issues))

    def package(self, terms: Terms) -> tuple[int, ...]:
        """Option indices of complete `terms` (already checked against this agenda)."""
        chosen = dict(terms)
        return tuple(issue.options.index(chosen[issue.name]) for issue in self.issues)

    def terms(self, package: Sequence[int]) -> Terms:
        return tuple(
            (issue.name, issue.options[index])
            for issue, index in zip(self.issues, package, strict=True)
        )

    def to_data(self) -> list[dict[str, object]]:
        return [{"name": i.name, "options": list(i.options)} for i in self.issues]


def agenda_from_data(items: Sequence[Mapping[str, object]]) -> Agenda:
    issues = []
    for item in items:
        options = item["options"]
        assert isinstance(options, list)
        issues.append(AgendaIssue(str(item["name"]), tuple(str(o) for o in options)))
    return Agenda(tuple(issues))


def clean_agenda(issues: Sequence[tuple[str, Sequence[str]]]) -> Agenda:
    """An agenda from what a person typed: names trimmed, no duplicates, 2+ options each."""
    if not issues:
        raise Invalid("an agenda needs at least one issue")
    if len(issues) > MAX_ISSUES:
        raise Invalid(f"an agenda has at most {MAX_ISSUES} issues; this one has {len(issues)}")
    cleaned: list[AgendaIssue] = []
    for name, options in issues:
        issue = clean_name(name, "issue name")
        if any(existing.name == issue for existing in cleaned):
            raise Invalid(f"issue {issue!r} is on the agenda twice")
        labels = [clean_name(option, f"an option of {issue!r}") for option in options]
        if len(labels) < 2:
            raise Invalid(f"issue {issue!r} needs at least two options")
        if len(labels) > MAX_OPTIONS:
            raise Invalid(f"issue {issue!r} has {len(labels)} options; at most {MAX_OPTIONS}")
        if len(set(labels)) != len(labels):
            twice = next(label for label in labels if labels.count(label) > 1)
            raise Invalid(f"issue {issue!r} lists option {twice!r} twice")
        cleaned.append(AgendaIssue(issue, tuple(labels)))
    return Agenda(tuple(cleaned))


def agenda_of_space(space: OutcomeSpace) -> Agenda:
    """The agenda for an engine outcome space; a continuous issue cannot be on an agenda."""
    issues = []
    for issue in space.issues:
        if isinstance(issue, RealIssue):
            raise Invalid(
                f"issue {issue.name!r} is continuous; an agenda needs options to choose from"
            )
        issues.append((issue.name, [_label(value) for value in issue.values]))
    return clean_agenda(issues)


def clean_terms(agenda: Agenda, given: Sequence[tuple[str, str]], what: str = "the terms") -> Terms:
    """Complete terms: one option of the agenda for every issue, in the agenda's order."""
    chosen = _chosen(agenda, given, what)
    missing = [name for name in agenda.names if name not in chosen]
    if missing:
        raise Invalid(f"{what} give no option for {_listing(missing)}; name one for every issue")
    return tuple((name, chosen[name]) for name in agenda.names)


def partial_terms(agenda: Agenda, given: Sequence[tuple[str, str]], what: str) -> Terms:
    """Options for some issues (e.g. a party's preferences), checked, in the agenda's order."""
    chosen = _chosen(agenda, given, what)
    return tuple((name, chosen[name]) for name in agenda.names if name in chosen)


def clean_clauses(clauses: Sequence[str]) -> tuple[str, ...]:
    if len(clauses) > MAX_CLAUSES:
        raise Invalid(f"a text has at most {MAX_CLAUSES} clauses; this one has {len(clauses)}")
    return tuple(clean_text(clause, "clause") for clause in clauses)


def agenda_may_change(
    *, drafts: bool, proposals: bool, bids: bool, profiles: bool, offers: bool
) -> bool:
    """The agenda may change only while nothing rests on it: no draft, proposal, blind bid,
    profile or offer. The rules ask it of the state; a mediator's page, of its view."""
    return not (drafts or proposals or bids or profiles or offers)


def describe_terms(terms: Sequence[Sequence[str]]) -> str:
    """Terms as people read them: "Issue: option; Issue: option"."""
    return "; ".join(f"{issue}: {option}" for issue, option in terms)


def text_hash(terms: Terms, clauses: Sequence[str]) -> str:
    """SHA-256 of the agreed text in a canonical JSON form: what a signature refers to."""
    body = json.dumps(
        {"terms": [list(pair) for pair in terms], "clauses": list(clauses)},
        ensure_ascii=False,
        separators=(",", ":"),
        sort_keys=True,
    )
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def as_number(label: str) -> float | None:
    try:
        value = float(label)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _chosen(agenda: Agenda, given: Sequence[tuple[str, str]], what: str) -> dict[str, str]:
    chosen: dict[str, str] = {}
    for raw_issue, raw_option in given:
        issue = agenda.issue(raw_issue)
        if issue is None:
            raise Invalid(
                f"{what} name issue {raw_issue.strip()!r}, which is not on the agenda "
                f"({_listing(agenda.names)})"
            )
        option = _normal(raw_option)
        if option not in issue.options:
            raise Invalid(
                f"{option!r} is not an option of {issue.name!r} ({_listing(issue.options)})"
            )
        if issue.name in chosen:
            raise Invalid(f"{what} name issue {issue.name!r} twice")
        chosen[issue.name] = option
    return chosen


def _label(value: str | int | float) -> str:
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _normal(text: str) -> str:
    return unicodedata.normalize("NFC", text.strip())


def _listing(names: Sequence[str]) -> str:
    return ", ".join(repr(n) for n in names)
