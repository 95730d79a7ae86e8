"""A participant's proof: its view of a talk, checkable offline against the record's head.

For every event up to the head, a proof holds either what the participant may read whole --
the event's salt and canonical bytes -- or only what places the event in the chain: its leaf
commitment (format 2), or its stored link (format 1, which has no commitment to give). From
the proof alone, with no database and no trust in the operator, anyone recomputes every link
and compares the last with the head they were shown. A salted leaf reveals nothing about the
event behind it, so a proof never lets its holder test guesses of what it may not see.

The document is JSON (``PROOF_FORMAT`` names its layout)::

    {"proof": "shuttle-proof/1", "talk": ..., "participant": ..., "head": "SEQ:HASH",
     "events": [{"seq": 1, "salt": HEX, "body": TEXT},   readable, format 2
                {"seq": 2, "leaf": HEX},                 placed by its commitment, format 2
                {"seq": 3, "body": TEXT},                readable, format 1
                {"seq": 4, "link": HEX}]}                placed by its stated link, format 1

``body`` is the event's canonical bytes as UTF-8 text, exactly as they were hashed.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from shuttle.store.canonical import parse_canonical, strict_json
from shuttle.store.chain import (
    GENESIS_HASH,
    SALT_BYTES,
    Head,
    chain_hash,
    leaf_commitment,
    link_hash,
)
from shuttle.store.stored_event import StoredEvent

PROOF_FORMAT = "shuttle-proof/1"


class ProofError(ValueError):
    """The proof does not hold: malformed, inconsistent, or not reaching the head it claims."""


@dataclass(frozen=True)
class ProofReport:
    """What a valid proof establishes."""

    talk: str
    participant: str
    head: Head
    readable: list[int]
    """Seqs whose salt and bytes the proof holds: checked to the byte."""
    placed: list[int]
    """Seqs placed by a commitment (format 2) or a stated link (format 1) only."""
    stated_links: list[int]
    """The format-1 part of ``placed``: links taken as stated, which bind nothing before them."""
    documents: dict[int, dict[str, Any]]
    """The readable events, parsed."""


def build_proof(
    talk: str, participant: str, events: Sequence[StoredEvent], readable: Collection[int]
) -> dict[str, Any]:
    """The proof of ``events`` (the talk's record, seq 1 to the head, in order) for a
    participant who may read the events whose seqs are in ``readable`` whole."""
    if not events:
        raise ValueError("a proof needs at least one event")
    entries: list[dict[str, Any]] = []
    for event in events:
        entry: dict[str, Any] = {"seq": event.seq}
        if event.seq in readable:
            if event.salt is not None:
                entry["salt"] = event.salt.hex()
            entry["body"] = event.body.decode("utf-8")
        elif event.salt is not None:
            entry["leaf"] = leaf_commitment(event.salt, event.body).hex()
        else:
            entry["link"] = event.hash
        entries.append(entry)
    return {
        "proof": PROOF_FORMAT,
        "talk": talk,
        "participant": participant,
        "head": str(events[-1].head),
        "events": entries,
    }


def parse_proof(text: str) -> object:
    """The JSON document in a proof file's `text`, read strictly (no NaN, no duplicate keys);
    ``ProofError`` says why it is not JSON."""
    try:
        return strict_json(text)
    except RecursionError:
        raise ProofError("not a proof: nested too deep") from None
    except ValueError as error:
        raise ProofError(f"not a proof: not JSON ({str(error)[:120]})") from None


def check_proof(document: object, expect: Head | None = None) -> ProofReport:
    """Recompute the chain of a proof document and check it reaches its head (and ``expect``,
    a head kept earlier, if given); ``ProofError`` names the first thing that does not hold."""
    if not isinstance(document, Mapping):
        raise ProofError("not a proof: expected a JSON object")
    if document.get("proof") != PROOF_FORMAT:
        raise ProofError(f"not a proof: its 'proof' field is not {PROOF_FORMAT!r}")
    talk = _text(document, "talk")
    participant = _text(document, "participant")
    try:
        head = Head.parse(_text(document, "head"))
    except ValueError as error:
        raise ProofError(f"its head: {error}") from None
    entries = document.get("events")
    if not isinstance(entries, list) or not entries:
        raise ProofError("its 'events' must be a non-empty list")

    checker = _Checker(talk)
    for index, entry in enumerate(entries, start=1):
        checker.feed(index, entry)
        if expect is not None and index == expect.seq and checker.previous != expect.hash:
            raise ProofError(
                f"seq {index} links to {checker.previous}, not to the kept head {expect}: "
                "the record was rewritten, or this proof is of another record"
            )
    if len(entries) != head.seq:
        raise ProofError(f"it has {len(entries)} events but its head is at seq {head.seq}")
    if checker.previous != head.hash:
        raise ProofError(
            f"the events link to {checker.previous}, not to the head {head}: "
            "an event, a salt or a commitment was changed"
        )
    if expect is not None and expect.seq > head.seq:
        raise ProofError(f"the kept head {expect} is beyond this proof's head {head}")
    return ProofReport(
        talk=talk,
        participant=participant,
        head=head,
        readable=checker.readable,
        placed=checker.placed,
        stated_links=checker.stated,
        documents=checker.documents,
    )


class _Checker:
    """Follows a proof's entries in order, recomputing each link."""

    def __init__(self, talk: str) -> None:
        self.talk = talk
        self.previous = GENESIS_HASH
        self.readable: list[int] = []
        self.placed: list[int] = []
        self.stated: list[int] = []
        self.documents: dict[int, dict[str, Any]] = {}

    def feed(self, seq: int, entry: object) -> None:
        if not isinstance(entry, Mapping):
            raise ProofError(f"event {seq}: expected an object")
        if type(entry.get("seq")) is not int or entry.get("seq") != seq:
            raise ProofError(f"event {seq}: its seq is {entry.get('seq')!r}, expected {seq}")
        fields = set(entry) - {"seq"}
        if fields == {"salt", "body"}:
            salt = _hex(entry["salt"], SALT_BYTES, f"event {seq}: salt")
            body = self._body(seq, entry["body"])
            self.previous = link_hash(self.previous, leaf_commitment(salt, body))
            self.readable.append(seq)
        elif fields == {"body"}:
            self.previous = chain_hash(self.previous, self._body(seq, entry["body"]))
            self.readable.append(seq)
        elif fields == {"leaf"}:
            leaf = _hex(entry["leaf"], 32, f"event {seq}: leaf")
            self.previous = link_hash(self.previous, leaf)
            self.placed.append(seq)
        elif fields == {"link"}:
            self.previous = _hex(entry["link"], 32, f"event {seq}: link").hex()
            self.placed.append(seq)
            self.stated.append(seq)
        else:
            raise ProofError(
                f"event {seq}: expected salt and body, body, leaf, or link; found "
                + (", ".join(sorted(str(f)[:40] for f in fields)) or "nothing")
            )

    def _body(self, seq: int, value: object) -> bytes:
        if not isinstance(value, str):
            raise ProofError(f"event {seq}: its body must be text")
        try:
            body = value.encode("utf-8")
            parsed = parse_canonical(body)
        except ValueError:  # UnicodeEncodeError included (a lone surrogate)
            raise ProofError(f"event {seq}: its body is not canonical JSON") from None
        # type(): True == 1 in Python, but a body with "seq": true is not seq 1.
        body_seq = parsed.get("seq")
        if parsed.get("talk") != self.talk or type(body_seq) is not int or body_seq != seq:
            raise ProofError(f"event {seq}: its body is of another talk or seq")
        self.documents[seq] = parsed
        return body


def _text(document: Mapping[str, Any], key: str) -> str:
    value = document.get(key)
    if not isinstance(value, str) or not value:
        raise ProofError(f"its {key!r} must be non-empty text")
    return value


def _hex(value: object, length: int, what: str) -> bytes:
    if isinstance(value, str) and len(value) == 2 * length:
        try:
            if value == value.lower():
                return bytes.fromhex(value)
        except ValueError:
            pass
    raise ProofError(f"{what} must be {2 * length} lowercase hex digits")
