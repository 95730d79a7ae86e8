"""The two documents as blocks, from one participant's view: the agreement and the record.

Both are drawn from the export alone (its view and stamp), so the same export always draws the
same document: the check that a PDF says what its proof says draws it again and compares.
"""

from __future__ import annotations

from dataclasses import dataclass

from shuttle.documents.blocks import Block, Document, Entry, Fields, Heading, Paragraph, Table
from shuttle.documents.sentences import meta, sentence, when
from shuttle.talks import JOINT_ROOM, AgreementView, Refused, Source, Status, TalkView


class NoAgreement(Refused):
    """The talk has no agreement (yet) to draw: refused like any command the rules refuse."""


@dataclass(frozen=True)
class Stamp:
    """What a document says of its own making: when, where it can be checked, who seals it."""

    made_at: str
    check_at: str | None = None
    sealed_by: str | None = None


def _how_to_check(stamp: Stamp) -> list[Block]:
    where = f", or upload it at {stamp.check_at}" if stamp.check_at else ""
    sealed = (
        f"Sealed by {stamp.sealed_by}: the PDF carries that signature, which the check verifies."
        if stamp.sealed_by
        else "Not sealed: the server that made it has no seal. Its proof is what makes it "
        "checkable."
    )
    return [
        Heading("How to check it"),
        Paragraph(
            "To check this document: run `shuttle verify-proof FILE` on it (no server needed)"
            f"{where}. The check recomputes the record's chain from the proof attached to the "
            "file and draws the document again from it: any change to a term, a name or a byte "
            "fails.",
            "muted",
        ),
        Paragraph(sealed, "muted"),
    ]


def _footer(view: TalkView, what: str, made_at: str) -> str:
    return f"{what} of “{view.title}”, as {view.name} sees it · head {view.head} · {when(made_at)}"


def _who(view: TalkView) -> str:
    return "a mediator" if view.party is None else f"a delegate of {view.party}"


def _reached_on(agreed: AgreementView) -> str:
    if agreed.reached_on is Source.DRAFT:
        return f"version {agreed.ref} of the single negotiating text"
    if agreed.reached_on is Source.PROPOSAL:
        return f"the mediator's proposal {agreed.ref}"
    return "an offer carried between the rooms"


def agreement_document(view: TalkView, stamp: Stamp) -> Document:
    """The agreed text, its parties and mediators, and every signature; a draft until every
    party has signed."""
    agreed = view.agreed
    if agreed is None:
        raise NoAgreement(
            "this talk has no agreement yet: there is no agreement document to make",
            "an agreement comes when every party accepts one text; the record can be exported",
        )
    signed = view.status is Status.SIGNED
    blocks: list[Block] = [
        Fields(
            (
                ("Parties", ", ".join(view.parties)),
                ("Mediators", ", ".join(view.mediators) or "none"),
                ("Agreed", f"{when(agreed.at)}, on {_reached_on(agreed)} (event #{agreed.seq})"),
                ("Text hash", agreed.text_hash),
                *_notice(view),
            )
        ),
        Heading("Terms"),
        Table(("Issue", "Agreed option"), tuple((i, o) for i, o in agreed.terms)),
    ]
    if agreed.clauses:
        blocks.append(Heading("Clauses"))
        blocks += [Paragraph(f"{n}. {c}") for n, c in enumerate(agreed.clauses, start=1)]
    blocks.append(Heading("Signatures"))
    for party in view.parties:
        signature = view.signed_by(party)
        if signature is None:
            blocks.append(Fields(((party, "not signed yet"),)))
            continue
        blocks.append(
            Fields(
                (
                    (party, f"signed by {signature.by}"),
                    ("Time", when(signature.at)),
                    ("Record head vouched for", signature.head),
                )
            )
        )
        if signature.intent:
            blocks.append(Paragraph(signature.intent, "quote"))
    blocks += _how_to_check(stamp)
    if not signed:
        blocks.insert(
            0, Paragraph("Not every party has signed this text: it is a draft agreement.")
        )
    return Document(
        title=view.title,
        subtitle=("Agreement" if signed else "Draft agreement")
        + f" · document for {view.name}, {_who(view)}",
        footer=_footer(view, "Agreement", stamp.made_at),
        blocks=tuple(blocks),
        mark=None if signed else "DRAFT AGREEMENT",
        made_at=stamp.made_at,
    )


def record_document(view: TalkView, stamp: Stamp) -> Document:
    """Everything the participant may see of the talk: first who is in it and where it stands,
    then each room's conversation, the negotiation, and (for mediators) the notes."""
    blocks: list[Block] = [
        Fields(
            (
                ("Talk", view.talk),
                ("Parties", ", ".join(view.parties)),
                ("Mediators", ", ".join(view.mediators) or "none"),
                ("Status", view.status.value),
                ("Record head", view.head),
                ("Made", when(stamp.made_at)),
                *_notice(view),
            )
        ),
        Paragraph(
            f"This is the record of the talk as {view.name}, {_who(view)}, may see it, up to "
            "the head above: nothing it may not see is in this file.",
            "muted",
        ),
    ]
    people = [
        (m.name, ("mediator" if m.party is None else f"delegate of {m.party}") + _left(m.until))
        for m in view.roster
    ]
    blocks += [Heading("People"), Table(("Name", "Role"), tuple(people))]
    for room in [*view.parties, JOINT_ROOM]:
        items = view.rooms.get(room, [])
        if not items:
            continue
        title = "Joint room" if room == JOINT_ROOM else f"Room of {room}"
        blocks.append(Heading(title))
        blocks += [Entry(meta(s), sentence(s)) for s in items]
    if view.negotiation:
        blocks.append(Heading("Negotiation"))
        blocks += [Entry(meta(s), sentence(s)) for s in view.negotiation]
    if view.notes:
        blocks.append(Heading("Mediators' notes"))
        blocks += [Entry(meta(s), sentence(s)) for s in view.notes]
    # Each event is in exactly one section: what no section above holds (the opening, who
    # joined and left, releases, consents) is listed here, so nothing seen is left out.
    placed = {s.seq for items in view.rooms.values() for s in items}
    placed |= {s.seq for s in [*view.negotiation, *view.notes]}
    rest = [s for s in view.events if s.seq not in placed]
    if rest:
        blocks.append(Heading("The talk's opening, its people and its rules"))
        blocks += [Entry(meta(s), sentence(s)) for s in rest]
    blocks += _how_to_check(stamp)
    return Document(
        title=view.title,
        subtitle=f"Record of the talk, as {view.name} ({_who(view)}) may see it",
        footer=_footer(view, "Record", stamp.made_at),
        blocks=tuple(blocks),
        made_at=stamp.made_at,
    )


def _notice(view: TalkView) -> tuple[tuple[str, str], ...]:
    """The talk's notice (such as "illustrative: invented numbers"), where a reader sees it."""
    return (("Notice", view.notice),) if view.notice else ()


def _left(until: int | None) -> str:
    return "" if until is None else f" (left at #{until})"
