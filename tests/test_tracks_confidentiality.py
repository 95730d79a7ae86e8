"""Confidentiality across the tracks of one process: random statements, releases and carries
over three tracks that share people (a delegate in two tracks, a mediator of two), through the
real service and record. An oracle of its own knows who may read what: nothing crosses between
tracks except what a carry allowed, carried only as its handling permits, into a room its
carrier may speak in. Every text is a unique word, so any leak is seen exactly."""

from __future__ import annotations

import itertools
import os
import tempfile
from dataclasses import dataclass, field

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from shuttle.assembly import open_service
from shuttle.service import TalkService
from shuttle.talks import (
    Delegate,
    Handling,
    Mode,
    OpenTalk,
    ReceivedFromTrackView,
    Refusal,
    Release,
    Say,
    SentToTrackView,
    StatementView,
)
from shuttle.tracks import carry_across, link_problems, open_process, open_track

# Three tracks; "Xavier" speaks for X in A and B, "Yara" for Y in A and C, "Zed" for Z in B and
# C; "Mira" mediates A and C, "Bo" mediates B. Names are the same people across tracks.
TRACKS: dict[str, tuple[tuple[str, ...], str, dict[str, str]]] = {
    "A": (("X", "Y"), "Mira", {"Xavier": "X", "Yara": "Y"}),
    "B": (("X", "Z"), "Bo", {"Xavier": "X", "Zed": "Z"}),
    "C": (("Y", "Z"), "Mira", {"Yara": "Y", "Zed": "Z"}),
}
HANDLINGS = list(Handling)
OPENNESS = {h: i for i, h in enumerate(HANDLINGS)}
words = itertools.count()


@dataclass
class Said:
    track: str
    seq: int
    room: str
    party: str
    text: str
    handling: Handling
    carried: int = 0


@dataclass
class Oracle:
    """Who may read which text, per track: a room's texts are its party's delegates' and every
    mediator's of that track; what left a room is known to its party as sent."""

    readable: dict[tuple[str, str], set[str]] = field(default_factory=dict)  # (track, name)

    def grant(self, track: str, room: str, text: str) -> None:
        _, mediator, delegates = TRACKS[track]
        self.readable.setdefault((track, mediator), set()).add(text)
        for name, party in delegates.items():
            if party == room:
                self.readable.setdefault((track, name), set()).add(text)


def settings_here() -> settings:
    many = 80 if os.environ.get("CI") else 40
    return settings(
        max_examples=many,
        stateful_step_count=14,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow],
    )


class TracksMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = tempfile.TemporaryDirectory()
        self.service: TalkService = open_service(f"sqlite:///{self.folder.name}/t.db")
        process = open_process(self.service, "Three tracks").process
        self.talks: dict[str, str] = {}
        for track, (parties, mediator, delegates) in TRACKS.items():
            self.talks[track] = open_track(
                self.service,
                OpenTalk(
                    track,
                    parties,
                    (mediator,),
                    tuple(Delegate(n, p) for n, p in delegates.items()),
                    process=process,
                ),
            ).talk
        self.said: list[Said] = []
        self.oracle = Oracle()

    def teardown(self) -> None:
        self.service.store.dispose()
        self.folder.cleanup()

    @rule(
        track=st.sampled_from(sorted(TRACKS)),
        pick=st.integers(0, 1),
        handling=st.sampled_from(HANDLINGS),
    )
    def say(self, track: str, pick: int, handling: Handling) -> None:
        speaker, party = sorted(TRACKS[track][2].items())[pick]
        text = f"w{next(words)}"
        done = self.service.execute(self.talks[track], Say(speaker, text, handling=handling))
        self.said.append(Said(track, done.first_seq, party, party, text, handling))
        self.oracle.grant(track, party, text)

    @rule(data=st.data(), handling=st.sampled_from(HANDLINGS))
    def release(self, data: st.DataObject, handling: Handling) -> None:
        if not self.said:
            return
        said = data.draw(st.sampled_from(self.said))
        speaker = next(n for n, p in TRACKS[said.track][2].items() if p == said.party)
        tighter = OPENNESS[handling] < OPENNESS[said.handling]
        allowed = handling != said.handling and not (tighter and said.carried)
        try:
            self.service.execute(self.talks[said.track], Release(speaker, said.seq, handling))
        except Refusal:
            assert not allowed, f"release of {said} to {handling} refused"
            return
        assert allowed, f"release of {said} to {handling} accepted"
        said.handling = handling

    @rule(
        data=st.data(),
        into=st.sampled_from(sorted(TRACKS)),
        mode=st.sampled_from(list(Mode)),
        as_mediator=st.booleans(),
    )
    def carry(self, data: st.DataObject, into: str, mode: Mode, as_mediator: bool) -> None:
        target = into
        if not self.said:
            return
        said = data.draw(st.sampled_from(self.said))
        _, mediator, delegates = TRACKS[said.track]
        speaker = next(n for n, p in delegates.items() if p == said.party)
        actor = mediator if as_mediator else speaker
        t_parties, t_mediator, t_delegates = TRACKS[target]
        room = data.draw(st.sampled_from(t_parties)) if actor == t_mediator else None
        in_target = actor == t_mediator or actor in t_delegates
        landing = room if room is not None else t_delegates.get(actor)
        text = f"p{next(words)}" if mode is Mode.PARAPHRASE else None
        allowed = (
            target != said.track
            and in_target
            and said.handling is not Handling.MEDIATOR_ONLY
            and not (mode is Mode.PARAPHRASE and said.handling is Handling.VERBATIM_ONLY)
        )
        before = {t: self.service.store.head(talk) for t, talk in self.talks.items()}
        try:
            carry_across(
                self.service, self.talks[said.track], actor, said.seq, self.talks[target],
                actor, room, mode, text,
            )  # fmt: skip
        except Refusal:
            assert not allowed, f"carry of {said} by {actor} to {target} refused"
            after = {t: self.service.store.head(talk) for t, talk in self.talks.items()}
            assert after == before, "a refused carry wrote something"
            return
        assert allowed, f"carry of {said} by {actor} to {target} ({mode}) accepted"
        assert landing is not None
        carried = said.text if text is None else text
        self.oracle.grant(target, landing, carried)
        self.oracle.grant(said.track, said.party, carried)  # the source party sees what went
        said.carried += 1

    @invariant()
    def nobody_reads_what_it_may_not(self) -> None:
        for track, talk in self.talks.items():
            _, mediator, delegates = TRACKS[track]
            for name in (mediator, *delegates):
                seen = set()
                for item in self.service.view(talk, name).events:
                    if isinstance(item, StatementView | ReceivedFromTrackView | SentToTrackView):
                        seen.add(item.text)
                allowed = self.oracle.readable.get((track, name), set())
                assert seen == allowed, (track, name, seen ^ allowed)

    @invariant()
    def the_links_hold(self) -> None:
        assert link_problems(self.service) == []


TracksMachine.TestCase.settings = settings_here()
test_tracks_keep_their_secrets = TracksMachine.TestCase
