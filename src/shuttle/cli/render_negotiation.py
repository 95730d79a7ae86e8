"""How the negotiation reads in a view: the agenda, drafts and answers, the agreement and its
signatures, proposals, blind bids, profiles, incidents and offers -- and a one-line status.

Each function reads a `Seen` exactly as `view_of` returned it (already made terminal-safe by
the caller): what the view does not carry, such as a bound or an unshared profile, is said to
be withheld, never guessed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.text import Text

from shuttle.talks import Seen

SHORT_HASH = 12
"""Hex digits of a hash shown beside a signature; the agreement's row shows it whole."""


def terms_text(terms: Sequence[Sequence[str]]) -> str:
    """Terms as people read them: "Issue: option; Issue: option"."""
    return "; ".join(f"{issue}: {option}" for issue, option in terms)


def describe_negotiation(seen: Seen) -> Text | None:
    """One negotiation event as a short sentence, or None for any other kind."""
    d = seen.details
    describe = _DESCRIBE.get(seen.kind)
    return None if describe is None else describe(seen, d)


def _agenda(seen: Seen, d: dict[str, Any]) -> Text:
    line = Text()
    line.append("; ".join(f"{i['name']} ({' | '.join(i['options'])})" for i in d["issues"]))
    if d.get("escalation"):
        count = len(d["escalation"])
        line.append(f"; {count} scheduled incident{'s' if count != 1 else ''}", style="dim")
    return line


def _drafted(seen: Seen, d: dict[str, Any]) -> Text:
    line = Text(f"draft version {d['version']}: ", style="bold")
    line.append(terms_text(d["terms"]))
    return _with_clauses(line, d["clauses"])


def _answered(seen: Seen, d: dict[str, Any]) -> Text:
    verdict = "accepts" if d["accept"] else "rejects"
    line = Text(f"{d['party']} {verdict} version {d['version']}")
    if d.get("comparison"):
        line.append(f"; {d['comparison']} than the version before")
    if d.get("prefer"):
        line.append(f"; would prefer {terms_text(d['prefer'])}")
    if d.get("comment"):
        line.append(f"; comment: {d['comment']}", style="italic")
    return line


def _agreed(seen: Seen, d: dict[str, Any]) -> Text:
    source = {"draft": "draft version", "proposal": "proposal", "offer": "the offer of event"}
    line = Text(f"AGREED on {source.get(d['reached_on'], d['reached_on'])} {d['ref']}: ")
    line.stylize("bold")
    line.append(terms_text(d["terms"]))
    _with_clauses(line, d["clauses"])
    return line.append(f"\ntext hash {d['text_hash']}", style="dim")


def _signed(seen: Seen, d: dict[str, Any]) -> Text:
    line = Text(f"signed for {d['party']}", style="bold")
    return line.append(
        f": text {d['text_hash'][:SHORT_HASH]}…, at head {_short_head(d['head'])}", style="dim"
    )


def _closed(seen: Seen, d: dict[str, Any]) -> Text:
    line = Text("closed without agreement", style="bold")
    if d.get("reason"):
        line.append(f": {d['reason']}")
    return line


def _proposed(seen: Seen, d: dict[str, Any]) -> Text:
    line = Text(f"mediator's proposal {d['number']} (take it or leave it): ", style="bold")
    line.append(terms_text(d["terms"]))
    return _with_clauses(line, d["clauses"])


def _proposal_answered(seen: Seen, d: dict[str, Any]) -> Text:
    verdict = "accepts" if d["accept"] else "rejects"
    return Text(f"{d['party']} {verdict} proposal {d['number']}")


def _proposal_concluded(seen: Seen, d: dict[str, Any]) -> Text:
    if d["agreed"]:
        return Text(f"proposal {d['number']}: every party accepted", style="bold")
    return Text(f"proposal {d['number']}: not accepted by every party (who declined is not said)")


def _bid_opened(seen: Seen, d: dict[str, Any]) -> Text:
    line = Text(f"blind bid {d['number']} on {d['issue']}: ", style="bold")
    line.append(f"{d['high']} bids the least it accepts, {d['low']} the most; ")
    line.append(f"settles by the {d['rule']} rule")
    if d.get("notice"):
        line.append(f"\nnotice: {d['notice']}", style="italic")
    return line


def _bid_submitted(seen: Seen, d: dict[str, Any]) -> Text:
    line = Text(f"{d['party']} bid in blind bid {d['number']}")
    if "bound" in d:
        return line.append(f": bound {d['bound']}")
    return line.append(" (bound withheld)", style="dim")


def _bid_settled(seen: Seen, d: dict[str, Any]) -> Text:
    if d["value"] is None:
        return Text(
            f"blind bid {d['number']}: no option of {d['issue']} satisfies both bounds; "
            "the issue stays open"
        )
    return Text(f"blind bid {d['number']} settled {d['issue']} at {d['value']}", style="bold")


def _profile(seen: Seen, d: dict[str, Any]) -> Text:
    shared = "shared with the mediator" if d["shared"] else "not shared with the mediator"
    line = Text(f"profile of {d['party']} ({shared})")
    if "reservation" not in d:
        return line.append("; contents withheld", style="dim")
    weights = ", ".join(f"{issue} {weight}" for issue, weight in d["weights"])
    return line.append(
        f": reservation {d['reservation']}; weights {weights}; {len(d['values'])} option values"
    )


def _incident(seen: Seen, d: dict[str, Any]) -> Text:
    line = Text(seen.text or "")
    return line.append(f" (every reservation value falls by {d['drop']})", style="dim")


def _offered(seen: Seen, d: dict[str, Any]) -> Text:
    line = Text(terms_text(d["terms"]))
    return line.append(f"  [{d['handling']}]", style="dim")


def _offer_answered(seen: Seen, d: dict[str, Any]) -> Text:
    verdict = "accepts" if d["accept"] else "rejects"
    return Text(f"{d['party']} {verdict} the offer of event {d['offer']} (carried in {d['via']})")


def _with_clauses(line: Text, clauses: Sequence[str]) -> Text:
    for clause in clauses:
        line.append("\nclause: ", style="dim")
        line.append(clause)
    return line


def _short_head(head: str) -> str:
    seq, _, digest = head.partition(":")
    return f"{seq}:{digest[:SHORT_HASH]}…"


_DESCRIBE = {
    "agenda-set": _agenda,
    "drafted": _drafted,
    "answered": _answered,
    "agreed": _agreed,
    "signed": _signed,
    "closed": _closed,
    "proposed": _proposed,
    "proposal-answered": _proposal_answered,
    "proposal-concluded": _proposal_concluded,
    "bid-opened": _bid_opened,
    "bid-submitted": _bid_submitted,
    "bid-settled": _bid_settled,
    "profile": _profile,
    "incident": _incident,
    "offered": _offered,
    "offer-answered": _offer_answered,
}


def status(events: Sequence[Seen]) -> Text | None:
    """Where the negotiation stands in this view: the current draft and the agreement, or
    None when the talk has no negotiation (no agenda) yet."""
    kinds = {seen.kind for seen in events}
    if "agenda-set" not in kinds:
        return None
    parties: list[str] = next(
        (list(s.details["parties"]) for s in events if s.kind == "talk-opened"), []
    )
    drafts = [s.details["version"] for s in events if s.kind == "drafted"]
    line = Text("draft: ", style="bold")
    line.append(f"version {drafts[-1]}" if drafts else "none yet")
    line.append(" · agreement: ", style="bold")
    agreed = next((s for s in events if s.kind == "agreed"), None)
    closed = next((s for s in events if s.kind == "closed"), None)
    if agreed is not None:
        signed = [s.details["party"] for s in events if s.kind == "signed"]
        line.append(f"reached (event {agreed.seq}), text {agreed.details['text_hash'][:12]}…; ")
        if parties and set(parties) <= set(signed):
            line.append("signed by every party")
        else:
            names = ", ".join(signed) if signed else "no party yet"
            line.append(f"signed by {names} ({len(signed)} of {len(parties)})")
    elif closed is not None:
        line.append(f"none: closed without agreement (event {closed.seq})")
    else:
        line.append("none yet")
    return line
