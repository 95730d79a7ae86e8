"""`simulate`: a whole talk between automated parties and an automated mediator, carried out
through the service, the rules and the record exactly as people's talks are.

Each automated participant decides from its own view alone (see `sight`): the simulator reads
`TalkService.seen_since` for it and hands its strategy what that view holds. The single-text
mediator is given rounds of drafts and answers, never a profile; the guided mediator is also
given the engine's advice, which `TalkService.advice` computes from the profiles the automated
parties share with it (they share only with a guided mediator). The talk left behind is a
normal talk: `shuttle view` and `shuttle verify` work on it.

Protocols are those of `shuttle.engine.strategies.rehearsal`, with one difference the record
imposes: a mediator whose next draft is the current text holds it, and the parties answer the
same version again (a later answer replaces the earlier).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from shuttle.engine.analysis.quality import OutcomeQuality
from shuttle.engine.escalation import ScheduledIncident, draw_incidents
from shuttle.engine.preferences import LinearAdditive, discounted
from shuttle.engine.scenario import Scenario
from shuttle.engine.strategies.advice import MediatorAdvice
from shuttle.engine.strategies.guided import GuidedMediator
from shuttle.engine.strategies.protocol import Package, Round
from shuttle.engine.strategies.single_text import SingleTextMediator
from shuttle.service import Appended, TalkService
from shuttle.sim.cast import Cast, cast
from shuttle.sim.chatter import Chatter
from shuttle.sim.result import SimulationResult
from shuttle.sim.sight import MediatorObserver, PartyObserver
from shuttle.talks import (
    Agenda,
    AgreementView,
    Answer,
    AnswerOffer,
    Close,
    Command,
    Comparison,
    Convey,
    Delegate,
    Draft,
    Handling,
    Incident,
    Mode,
    Offer,
    OpenTalk,
    ReportIncident,
    Sign,
    SubmitProfile,
    agenda_of_space,
)
from shuttle.tracks import open_track

DEFAULT_ROUNDS = 200


@dataclass(frozen=True)
class RoundDone:
    """Told to a progress callback after each round: the events it added are `first`..`last`."""

    talk: str
    round: int
    rounds: int
    first: int
    last: int
    agreed: bool


Progress = Callable[[RoundDone], None]


def simulate(
    service: TalkService,
    scenario: Scenario,
    mediator: str,
    strategies: Sequence[str],
    rounds: int = DEFAULT_ROUNDS,
    seed: int = 0,
    on_round: Progress | None = None,
    chatter: bool = False,
    process: str | None = None,
) -> SimulationResult:
    """Run a talk on `scenario` to agreement or to the deadline; see the module docstring.
    With `process`, the talk is opened as a track of that process (which must exist)."""
    if rounds < 1:
        raise ValueError(f"rounds must be at least 1, not {rounds}")
    players = cast(scenario, mediator, strategies, seed)
    agenda = agenda_of_space(scenario.space)
    opened = _open(service, scenario, players, agenda, process)
    run = _Run(
        service,
        scenario,
        agenda,
        players,
        opened.talk,
        rounds,
        seed,
        on_round,
        mediator,
        head=opened.head.seq,
    )
    if chatter:
        run.chatter = Chatter(run._do, agenda, players, run.parties)
    for delegate, profile in zip(players.delegates, players.profiles, strict=True):
        run.submit_profile(delegate, profile, share=mediator == "guided")
    agreed_at = run.relay() if mediator == "relay" else run.single_text()
    return run.result(tuple(strategies), agreed_at)


def _open(
    service: TalkService, scenario: Scenario, players: Cast, agenda: Agenda, process: str | None
) -> Appended:
    setup = scenario.talk
    opening = open_track if process is not None else TalkService.open_talk
    return opening(
        service,
        OpenTalk(
            title=setup.title if setup else f"{scenario.name} (simulated)",
            parties=scenario.parties,
            mediators=(players.mediator,),
            delegates=tuple(
                Delegate(name, party)
                for name, party in zip(players.delegates, scenario.parties, strict=True)
            ),
            agenda=tuple((issue.name, issue.options) for issue in agenda.issues),
            escalation=tuple(
                Incident(i.after_round, i.text, i.drop, i.chance) for i in scenario.escalation
            ),
            notice=setup.notice if setup else None,
            process=process,
        ),
    )


@dataclass
class _Run:
    service: TalkService
    scenario: Scenario
    agenda: Agenda
    players: Cast
    talk: str
    rounds: int
    seed: int
    on_round: Progress | None
    mediator_kind: str
    chatter: Chatter | None = None
    # The record's head after this run's last command: the run is the talk's only writer, and
    # every command goes through `_do`, so it is the talk's head.
    head: int = 0
    incidents: int = 0
    drafts: list[Package] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.parties = self.scenario.parties
        self.observers = [PartyObserver(self.agenda, party) for party in self.parties]
        self.mediator = MediatorObserver(self.agenda, self.parties)
        self.schedule: dict[int, list[ScheduledIncident]] = {}
        for incident in draw_incidents(self.scenario.escalation, self.rounds, self.seed):
            self.schedule.setdefault(incident.after_round, []).append(incident)

    # -- the single negotiating text ---------------------------------------------------------

    def single_text(self) -> int | None:
        history: list[Round] = []
        strategy = SingleTextMediator(self.agenda.space(), seed=self.seed)
        for number in range(1, self.rounds + 1):
            first = self.head + 1
            time = number / self.rounds
            self._catch_up_mediator()
            if self.mediator_kind == "guided":
                package = GuidedMediator(self.agenda.space(), self._advice(), self.seed).draft(
                    history, time
                )
            else:
                package = strategy.draft(tuple(history), time)
            if package != self.mediator.current:
                self._do(Draft(self.players.mediator, self.agenda.terms(package)))
                self.drafts.append(package)
            agreed = False
            for position, player in enumerate(self.players.players):
                observer = self._catch_up(position)
                answer = player.answer_draft(observer.sight(time))
                appended = self._do(
                    Answer(
                        self.players.delegates[position],
                        accept=answer.accept,
                        prefer=tuple(
                            (self.agenda.issues[i].name, self.agenda.issues[i].options[o])
                            for i, o in sorted(answer.prefer.items())
                        ),
                        comparison=None
                        if answer.comparison is None
                        else Comparison(answer.comparison),
                        comment=answer.comment or None,
                    )
                )
                # An earlier answer to a held version still stands, so agreement can come
                # before every party has answered this round.
                agreed = any(isinstance(seen, AgreementView) for seen in appended.events)
                if agreed:
                    break
            self._catch_up_mediator()
            if agreed:
                self._sign()
                self._report(number, first, True)
                return number
            answers = self.mediator.round_answers()
            history.append(Round(package, answers))
            if self.chatter is not None:
                self.chatter.after_round(package, answers)
            self._incidents(number)
            self._report(number, first, False)
        self._do(Close(self.players.mediator, "the deadline passed without agreement"))
        return None

    def _advice(self) -> MediatorAdvice:
        advice = self.service.advice(self.talk, self.players.mediator)
        return MediatorAdvice(
            nash=None if advice.nash is None else advice.nash.package,
            pareto=tuple(p.package for p in advice.pareto),
            utilities=tuple(p.utilities for p in advice.pareto),
        )

    # -- alternating offers through the mediator -----------------------------------------------

    def relay(self) -> int | None:
        count = len(self.parties)
        standing: tuple[int, int] | None = None  # (author position, offer seq)
        mover = 0
        for step in range(1, self.rounds + 1):
            first = self.head + 1
            time = step / self.rounds
            player, delegate = self.players.players[mover], self.players.delegates[mover]
            observer = self._catch_up(mover)
            sight = observer.sight(time)
            if standing is not None and standing[0] != mover and observer.offers_received:
                via, package = observer.offers_received[-1]
                accept = player.accept_offer(sight, package)
                appended = self._do(AnswerOffer(delegate, via, accept))
                if any(isinstance(seen, AgreementView) for seen in appended.events):
                    self._sign()
                    self._report(step, first, True)
                    return step
                if accept:
                    mover = (mover + 1) % count
                    self._incidents(step)
                    self._report(step, first, False)
                    continue
            package = player.offer(sight)
            offered = self._do(
                Offer(delegate, self.agenda.terms(package), handling=Handling.MAY_CONVEY)
            )
            seq = offered.events[-1].seq
            self.drafts.append(package)
            for other in range(count):
                if other != mover:
                    self._do(Convey(self.players.mediator, seq, self.parties[other], Mode.VERBATIM))
            standing = (mover, seq)
            mover = (mover + 1) % count
            self._incidents(step)
            self._report(step, first, False)
        self._do(Close(self.players.mediator, "the deadline passed without agreement"))
        return None

    # -- shared steps -----------------------------------------------------------------------------

    def submit_profile(self, delegate: str, profile: LinearAdditive, share: bool) -> None:
        self._do(
            SubmitProfile(
                delegate,
                weights=tuple(
                    (issue.name, weight)
                    for issue, weight in zip(self.agenda.issues, profile.weights, strict=True)
                ),
                values=tuple(
                    (issue.name, option, value)
                    for issue, values in zip(self.agenda.issues, profile.values, strict=True)
                    for option, value in zip(issue.options, values, strict=True)
                ),
                reservation=profile.reservation,
                share=share,
            )
        )

    def _incidents(self, number: int) -> None:
        for incident in self.schedule.get(number, []):
            self._do(ReportIncident(self.players.mediator, incident.text, incident.drop))
            self.incidents += 1

    def _sign(self) -> None:
        for delegate in self.players.delegates:
            self._do(Sign(delegate, intent=True))

    def _do(self, command: Command) -> Appended:
        appended = self.service.execute(self.talk, command)
        self.head = appended.head.seq
        return appended

    def _catch_up(self, position: int) -> PartyObserver:
        observer = self.observers[position]
        update = self.service.seen_since(
            self.talk, self.players.delegates[position], observer.last_seq
        )
        observer.see(update.events)
        return observer

    def _catch_up_mediator(self) -> None:
        update = self.service.seen_since(self.talk, self.players.mediator, self.mediator.last_seq)
        self.mediator.see(update.events)

    def _report(self, number: int, first: int, agreed: bool) -> None:
        if self.on_round is not None:
            self.on_round(RoundDone(self.talk, number, self.rounds, first, self.head, agreed))

    def result(self, strategies: tuple[str, ...], agreed_at: int | None) -> SimulationResult:
        self._catch_up_mediator()
        package = self.mediator.agreed
        quality = OutcomeQuality.of(self.scenario)
        utilities = discounted_utilities = outcome = None
        if package is not None and agreed_at is not None:
            values = quality.utilities(package)
            utilities = tuple(float(u) for u in values)
            time = agreed_at / self.rounds
            discounted_utilities = tuple(
                float(discounted(u, p.discount, time))
                for u, p in zip(utilities, self.scenario.profiles, strict=True)
            )
            outcome = self.scenario.space.decode(package)
        return SimulationResult(
            talk=self.talk,
            scenario=self.scenario.name,
            mediator=self.mediator_kind,
            strategies=strategies,
            parties=self.parties,
            agreement=package is not None,
            outcome=outcome,
            utilities=utilities,
            discounted_utilities=discounted_utilities,
            rounds=agreed_at if agreed_at is not None else self.rounds,
            nash_ratio=0.0 if package is None else quality.nash_ratio(package),
            pareto_distance=quality.pareto_distance(package),
            incidents=self.incidents,
            drafts=tuple(self.drafts),
            package=package,
        )
