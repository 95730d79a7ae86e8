"""How the negotiation reads in a view: the agenda, drafts and answers, the agreement and its
signatures, proposals, blind bids, profiles, incidents and offers -- and a one-line status.

Each function reads a view exactly as `view_of` returned it: what the view does not carry, such
as a bound or an unshared profile, is said to be withheld, never guessed. Every word taken from
a view is made terminal-safe here, as it is printed.
"""

from __future__ import annotations

from typing import assert_never

from rich.text import Text

from shuttle.cli.terminal import terminal_safe as safe
from shuttle.talks import (
    AgendaView,
    AgreementView,
    AnswerView,
    BidOpenedView,
    BidSettledView,
    BidView,
    ClosingView,
    DraftView,
    IncidentView,
    NegotiationSeen,
    OfferAnswerView,
    OfferView,
    ProfileView,
    ProposalAnswerView,
    ProposalOutcomeView,
    ProposalView,
    SignatureView,
    Source,
    TalkView,
    Terms,
    describe_terms,
)

SHORT_HASH = 12
"""Hex digits of a hash shown beside a signature; the agreement's row shows it whole."""

Negotiated = NegotiationSeen | OfferView
"""The views this module describes: the negotiation's, and an offer made in a room."""


def terms_text(terms: Terms) -> str:
    """Terms as people read them: "Issue: option; Issue: option"."""
    return safe(describe_terms(terms))


def describe_negotiation(seen: Negotiated) -> Text:
    """One negotiation event as a short sentence."""
    match seen:
        case AgendaView():
            return _agenda(seen)
        case DraftView():
            line = Text(f"draft version {seen.version}: ", style="bold")
            line.append(terms_text(seen.terms))
            return _with_clauses(line, seen.clauses)
        case AnswerView():
            return _answered(seen)
        case AgreementView():
            return _agreed(seen)
        case SignatureView():
            line = Text(safe(f"signed for {seen.party}"), style="bold")
            return line.append(
                f": text {seen.text_hash[:SHORT_HASH]}…, at head {_short_head(seen.head)}",
                style="dim",
            )
        case ClosingView():
            line = Text("closed without agreement", style="bold")
            if seen.reason:
                line.append(safe(f": {seen.reason}"))
            return line
        case ProposalView():
            line = Text(f"mediator's proposal {seen.number} (take it or leave it): ", style="bold")
            line.append(terms_text(seen.terms))
            return _with_clauses(line, seen.clauses)
        case ProposalAnswerView():
            return Text(safe(f"{seen.party} {_verdict(seen.accept)} proposal {seen.number}"))
        case ProposalOutcomeView():
            return _proposal_concluded(seen)
        case BidOpenedView():
            return _bid_opened(seen)
        case BidView():
            line = Text(safe(f"{seen.party} bid in blind bid {seen.number}"))
            if seen.bound is not None:
                return line.append(safe(f": bound {seen.bound}"))
            return line.append(" (bound withheld)", style="dim")
        case BidSettledView():
            return _bid_settled(seen)
        case ProfileView():
            return _profile(seen)
        case IncidentView():
            line = Text(safe(seen.text))
            return line.append(
                safe(f" (every reservation value falls by {seen.drop})"), style="dim"
            )
        case OfferView():
            line = Text(terms_text(seen.terms))
            return line.append(f"  [{seen.handling}]", style="dim")
        case OfferAnswerView():
            return _offer_answered(seen)
        case _:
            assert_never(seen)


def _agenda(seen: AgendaView) -> Text:
    line = Text(safe("; ".join(f"{i.name} ({' | '.join(i.options)})" for i in seen.issues)))
    if seen.escalation:
        count = len(seen.escalation)
        line.append(f"; {count} scheduled incident{'s' if count != 1 else ''}", style="dim")
    return line


def _answered(seen: AnswerView) -> Text:
    line = Text(safe(f"{seen.party} {_verdict(seen.accept)} version {seen.version}"))
    if seen.comparison:
        line.append(f"; {seen.comparison} than the version before")
    if seen.prefer:
        line.append(f"; would prefer {terms_text(seen.prefer)}")
    if seen.comment:
        line.append(safe(f"; comment: {seen.comment}"), style="italic")
    return line


def _agreed(seen: AgreementView) -> Text:
    line = Text(f"AGREED on {_reached_on(seen)}: ")
    line.stylize("bold")  # the heading only, not the terms and clauses after it
    line.append(terms_text(seen.terms))
    _with_clauses(line, seen.clauses)
    return line.append(f"\ntext hash {seen.text_hash}", style="dim")


def _reached_on(seen: AgreementView) -> str:
    match seen.reached_on:
        case Source.DRAFT:
            return f"draft version {seen.ref}"
        case Source.PROPOSAL:
            return f"proposal {seen.ref}"
        case Source.OFFER if seen.ref is None:
            return "an offer"  # which offer is told only to the party that made it
        case Source.OFFER:
            return f"the offer of event {seen.ref}"
        case _:
            assert_never(seen.reached_on)


def _proposal_concluded(seen: ProposalOutcomeView) -> Text:
    if seen.agreed:
        return Text(f"proposal {seen.number}: every party accepted", style="bold")
    return Text(f"proposal {seen.number}: not accepted by every party (who declined is not said)")


def _bid_opened(seen: BidOpenedView) -> Text:
    line = Text(f"blind bid {seen.number} on {safe(seen.issue)}: ", style="bold")
    line.append(safe(f"{seen.high} bids the least it accepts, {seen.low} the most; "))
    line.append(f"settles by the {seen.rule} rule")
    if seen.notice:
        line.append(safe(f"\nnotice: {seen.notice}"), style="italic")
    return line


def _bid_settled(seen: BidSettledView) -> Text:
    if seen.value is None:
        return Text(
            safe(
                f"blind bid {seen.number}: no option of {seen.issue} satisfies both bounds; "
                "the issue stays open"
            )
        )
    return Text(safe(f"blind bid {seen.number} settled {seen.issue} at {seen.value}"), style="bold")


def _profile(seen: ProfileView) -> Text:
    shared = "shared with the mediator" if seen.shared else "not shared with the mediator"
    line = Text(safe(f"profile of {seen.party} ({shared})"))
    if seen.reservation is None or seen.weights is None or seen.values is None:
        return line.append("; contents withheld", style="dim")
    weights = ", ".join(f"{issue} {weight}" for issue, weight in seen.weights)
    return line.append(
        safe(
            f": reservation {seen.reservation}; weights {weights}; {len(seen.values)} option values"
        )
    )


def _offer_answered(seen: OfferAnswerView) -> Text:
    verdict = _verdict(seen.accept)
    # The answering room knows the offer only by the carriage that brought it.
    offer = "the offer" if seen.offer is None else f"the offer of event {seen.offer}"
    return Text(safe(f"{seen.party} {verdict} {offer} (carried in {seen.via})"))


def _verdict(accept: bool) -> str:
    return "accepts" if accept else "rejects"


def _with_clauses(line: Text, clauses: tuple[str, ...]) -> Text:
    for clause in clauses:
        line.append("\nclause: ", style="dim")
        line.append(safe(clause))
    return line


def _short_head(head: str) -> str:
    seq, _, digest = head.partition(":")
    return f"{seq}:{digest[:SHORT_HASH]}…"


def status(view: TalkView) -> Text | None:
    """Where the negotiation stands in this view: the current draft and the agreement, or
    None when the talk has no negotiation (no agenda) yet."""
    if view.agenda_seq is None:
        return None
    line = Text("draft: ", style="bold")
    current = view.current
    line.append("none yet" if current is None else f"version {current.version}")
    line.append(" · agreement: ", style="bold")
    if view.agreed is not None:
        signed = [safe(s.party) for s in view.signatures]
        parties = view.parties
        line.append(
            f"reached (event {view.agreed.seq}), text {view.agreed.text_hash[:SHORT_HASH]}…; "
        )
        if parties and set(parties) <= {s.party for s in view.signatures}:
            line.append("signed by every party")
        else:
            names = ", ".join(signed) if signed else "no party yet"
            line.append(f"signed by {names} ({len(signed)} of {len(parties)})")
    elif view.closed is not None:
        line.append(f"none: closed without agreement (event {view.closed.seq})")
    else:
        line.append("none yet")
    return line
