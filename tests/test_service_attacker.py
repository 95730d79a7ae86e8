"""A patient delegate tries to learn what its view hides from everything it is ever given.

Iran's delegate polls its view around every command (each view carries the record's head),
then takes its proof, and tests guesses of the United States' hidden events against those
hashes: its answer to a double-blind proposal, its blind bid's bound, its answer to a draft,
and whether it shared its profile (whose contents Iran knows, say from a published scenario).
The attacker knows the code, the talk's public facts, two candidate names of the US delegate,
and a time window to the microsecond (its own clock read before and after each command).
A live update is a view after a seq, so it gives nothing the polls do not.

Against a record written in format 1 the attack recovers every secret (so this test could
fail); against format 2 it recovers none, and Iran's material in two worlds that differ only in
the secrets is the same once hashes and timestamps are masked.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import pytest

from shuttle.service import TalkService, utc_now
from shuttle.store import canonical_bytes, chain_hash, open_store
from shuttle.store.chain import LEAF_PREFIX, link_hash
from shuttle.talks import (
    Answer,
    AnswerProposal,
    Bid,
    Command,
    Delegate,
    Draft,
    OpenBid,
    OpenTalk,
    Propose,
    Recorded,
    SubmitProfile,
    TalkState,
    decide,
    evolve,
    initial_state,
    to_data,
)

US, IRAN = "United States", "Iran"
US_ENVOY, IRAN_FM, OMAN = "US Envoy", "Iranian FM", "Oman"
GUESSED_NAMES = ("US head of delegation", US_ENVOY)
AGENDA = (("Enrichment", ("0", "3", "5", "20")), ("Sanctions", ("none", "partial", "full")))
TERMS = (("Enrichment", "3"), ("Sanctions", "partial"))
US_WEIGHTS = (("Enrichment", 3.0), ("Sanctions", 1.0))
US_VALUES = (
    ("Enrichment", "0", 1.0),
    ("Enrichment", "3", 0.7),
    ("Enrichment", "5", 0.3),
    ("Enrichment", "20", 0.0),
    ("Sanctions", "none", 1.0),
    ("Sanctions", "partial", 0.5),
    ("Sanctions", "full", 0.0),
)


@dataclass(frozen=True)
class Secrets:
    shares_profile: bool
    accepts_proposal: bool
    bound: int
    accepts_draft: bool


WORLDS = (Secrets(True, True, 3, False), Secrets(False, False, 5, True))


def opening(us_delegate: str) -> OpenTalk:
    return OpenTalk(
        title="Muscat",
        parties=(US, IRAN),
        mediators=(OMAN,),
        delegates=(Delegate(us_delegate, US), Delegate(IRAN_FM, IRAN)),
        agenda=AGENDA,
    )


def profile(share: bool, actor: str = US_ENVOY) -> SubmitProfile:
    return SubmitProfile(actor, US_WEIGHTS, US_VALUES, reservation=0.4, share=share)


@dataclass
class Material:
    """Everything Iran's delegate was given, and when it asked."""

    views: list[dict[str, Any]] = field(default_factory=list)
    windows: dict[int, tuple[str, str]] = field(default_factory=dict)
    proof: dict[str, Any] = field(default_factory=dict)

    def links(self) -> dict[int, str]:
        found = {}
        for view in self.views:
            seq, hash_ = view["head"].split(":")
            found[int(seq)] = hash_
        found |= {e["seq"]: e["link"] for e in self.proof["events"] if "link" in e}
        return found

    def leaves(self) -> dict[int, str]:
        return {e["seq"]: e["leaf"] for e in self.proof["events"] if "leaf" in e}


def play(service: TalkService, secrets: Secrets) -> tuple[str, Material]:
    """The talk, with Iran polling its view before and after each of the US's secret moves."""
    material = Material()
    talk = service.open_talk(opening(US_ENVOY)).talk

    def poll() -> str:
        seen = service.view(talk, IRAN_FM)
        material.views.append(
            {"head": str(seen.head), "events": [e.to_dict() for e in seen.events]}
        )
        return utc_now()

    def secretly(command: Command) -> None:
        before = poll()
        appended = service.execute(talk, command)
        material.windows[appended.first_seq] = (before, utc_now())
        poll()

    secretly(profile(secrets.shares_profile))
    service.execute(talk, Propose(OMAN, TERMS))
    secretly(AnswerProposal(US_ENVOY, secrets.accepts_proposal))
    service.execute(talk, AnswerProposal(IRAN_FM, False))  # so the outcome reveals nothing
    service.execute(talk, OpenBid(OMAN, "Enrichment", high=IRAN, low=US))
    secretly(Bid(US_ENVOY, float(secrets.bound)))
    service.execute(talk, Draft(OMAN, TERMS))
    secretly(Answer(US_ENVOY, secrets.accepts_draft))
    poll()
    material.proof = service.proof(talk, IRAN_FM)
    return talk, material


class Replica:
    """The attacker's copy of the talk: the public commands applied to a guessed opening, so
    that the public rules write its candidate events exactly as the record would."""

    def __init__(self, us_delegate: str) -> None:
        self.us_delegate = us_delegate
        self.state: TalkState = initial_state()
        self.apply(opening(us_delegate))

    def apply(self, command: Command) -> None:
        for event in decide(self.state, command):
            seq = self.state.last_seq + 1
            self.state = evolve(self.state, Recorded(seq, "", event))

    def candidate(self, command: Command) -> tuple[str, dict[str, Any]]:
        event = decide(self.state, command)[0]
        return event.kind, to_data(event)


def guesses(replica: Replica, step: str) -> dict[object, Command]:
    """What the US's secret move at `step` could have been, by what it would reveal."""
    name = replica.us_delegate
    if step == "profile":
        return {share: profile(share, name) for share in (True, False)}
    if step == "proposal":
        return {accept: AnswerProposal(name, accept) for accept in (True, False)}
    if step == "bound":
        return {bound: Bid(name, float(bound)) for bound in range(21)}
    return {accept: Answer(name, accept) for accept in (True, False)}


STEPS = ("profile", "proposal", "bound", "draft")


def attack(talk: str, material: Material) -> dict[str, object]:
    """Every secret the attacker can pin down, by step."""
    links, leaves = material.links(), material.leaves()
    hidden = sorted(material.windows)
    assert len(hidden) == len(STEPS)
    found: dict[str, object] = {}
    replicas = [Replica(name) for name in GUESSED_NAMES]
    public = [
        None,
        Propose(OMAN, TERMS),
        OpenBid(OMAN, "Enrichment", high=IRAN, low=US),
        Draft(OMAN, TERMS),
    ]
    for step, seq, before in zip(STEPS, hidden, public, strict=True):
        for replica in replicas:
            if before is not None:
                replica.apply(before)
        candidates = [
            (secret, *replica.candidate(command))
            for replica in replicas
            for secret, command in guesses(replica, step).items()
        ]
        target = Target(links.get(seq - 1), links.get(seq), leaves.get(seq))
        hit = target.search(talk, seq, candidates, material.windows[seq])
        if hit is not None:
            found[step] = hit
        for replica in replicas:  # the move happened, whatever it was
            replica.apply(next(iter(guesses(replica, step).values())))
            if step == "proposal":
                replica.apply(AnswerProposal(IRAN_FM, False))
    return found


@dataclass(frozen=True)
class Target:
    """The hashes around one hidden event: the link before it and its own link or leaf."""

    previous: str | None
    link: str | None
    leaf: str | None

    def search(
        self,
        talk: str,
        seq: int,
        candidates: list[tuple[object, str, dict[str, Any]]],
        window: tuple[str, str],
    ) -> object | None:
        for secret, kind, data in candidates:
            marker = "@AT@"
            body = canonical_bytes(
                {"talk": talk, "seq": seq, "kind": kind, "at": marker, "data": data}
            )
            head, tail = body.split(marker.encode())
            for at in microseconds(*window):
                if self.matches(head + at.encode() + tail):
                    return secret
        return None

    def matches(self, body: bytes) -> bool:
        """Every construction the attacker knows of, with the salt it does not have left out."""
        if self.previous is not None and self.link is not None:
            if chain_hash(self.previous, body) == self.link:
                return True
            unsalted_leaf = hashlib.sha256(LEAF_PREFIX + body).digest()
            if link_hash(self.previous, unsalted_leaf) == self.link:
                return True
        return self.leaf is not None and hashlib.sha256(LEAF_PREFIX + body).hexdigest() == self.leaf


def microseconds(first: str, last: str) -> Iterator[str]:
    """Every timestamp the service could have written between two readings of the clock."""
    start, end = datetime.fromisoformat(first), datetime.fromisoformat(last)
    assert end - start < timedelta(seconds=2), "the window is too wide to search in a test"
    moment = start
    while moment <= end:
        yield moment.isoformat(timespec="microseconds")
        moment += timedelta(microseconds=1)


@pytest.fixture(params=[1, 2], ids=["format-1", "format-2"])
def record_format(request: pytest.FixtureRequest) -> int:
    value: int = request.param
    return value


def run_world(database_url: str, record_format: int, secrets: Secrets) -> tuple[str, Material]:
    store = open_store(database_url, record_format=record_format)
    try:
        return play(TalkService(store), secrets)
    finally:
        store.dispose()


def test_the_attacker_recovers_secrets_only_from_format_1(
    database_url: str, record_format: int
) -> None:
    secrets = WORLDS[0]
    talk, material = run_world(database_url, record_format, secrets)
    found = attack(talk, material)
    if record_format == 1:
        assert found == {
            "profile": secrets.shares_profile,
            "proposal": secrets.accepts_proposal,
            "bound": secrets.bound,
            "draft": secrets.accepts_draft,
        }
    else:
        assert found == {}


HEX = re.compile(r"\b[0-9a-f]{64}\b")
TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00")
TALK_ID = re.compile(r"\b[0-9a-f]{32}\b")


def masked(material: Material) -> str:
    text = repr((material.views, material.proof))
    return TALK_ID.sub("T", TIME.sub("AT", HEX.sub("H", text)))


def test_format_2_gives_the_same_material_whatever_the_secrets(database_url: str) -> None:
    first = masked(run_world(database_url, 2, WORLDS[0])[1])
    second = masked(run_world(database_url, 2, WORLDS[1])[1])
    assert first == second
