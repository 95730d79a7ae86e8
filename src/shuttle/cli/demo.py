"""`shuttle demo`: the Muscat round, rehearsed by automated delegations and recorded for real.

The shipped `muscat_2024.yaml` scenario (illustrative: invented numbers) is opened as a talk:
the United States and Iran in separate rooms, Oman mediating with the engine's advice. Each
round is printed as it happens, the three participants' views side by side -- what each side
said, what Oman carried, each draft and each private answer, each incident -- then the signed
agreement or the no-deal, a picture of the drafts' path, and how to look at each room later.
Everything goes through the same service, rules and record as a person's talk.
"""

from __future__ import annotations

import shlex
import sys
from importlib.resources import files
from pathlib import Path

from rich.rule import Rule
from rich.text import Text

from shuttle.cli.demo_tracks import TITLE, carry_first_words, demo_process, open_consultation
from shuttle.cli.render import console, side_by_side
from shuttle.cli.terminal import terminal_safe
from shuttle.engine.analysis import analyze
from shuttle.engine.formats import load_scenario
from shuttle.engine.scenario import Scenario
from shuttle.service import Head, TalkService
from shuttle.sim import RoundDone, SimulationResult, simulate
from shuttle.talks import TalkView

SCENARIO = "muscat_2024.yaml"
MEDIATOR = "guided"
STRATEGIES = ("boulware", "conceder")  # United States, Iran: in the scenario's party order
ROUNDS = 16
SEED = 2024


def scenario() -> Scenario:
    return load_scenario(Path(str(files("shuttle.scenarios") / SCENARIO)))


def run_demo(service: TalkService, db: str, picture: Path) -> str:
    """Run the demo talk on `service`, print it, write the path to `picture`; return the id."""
    muscat = scenario()
    setup = muscat.talk
    assert setup is not None, f"{SCENARIO} names its participants"
    if setup.notice:
        console.print(Text(terminal_safe(setup.notice), style="bold yellow"))
    console.print(Text(terminal_safe(setup.title), style="bold"))
    watchers = [
        setup.delegates_of(muscat.parties[0])[0],
        setup.mediators[0],
        setup.delegates_of(muscat.parties[1])[0],
    ]

    def show(done: RoundDone) -> None:
        views = [_round(service, done, name) for name in watchers]
        console.print(Rule(f"round {done.round} of {done.rounds}"))
        console.print(side_by_side(views, [f"{name} sees" for name in watchers]))

    process = demo_process(service)
    result = simulate(
        service,
        muscat,
        MEDIATOR,
        STRATEGIES,
        ROUNDS,
        SEED,
        on_round=show,
        chatter=True,
        process=process.process,
    )
    _ending(service, result, muscat, db, watchers, picture)
    _consultation(service, result.talk, process.process, watchers[0], db)
    return result.talk


def _consultation(service: TalkService, muscat: str, process: str, us_head: str, db: str) -> None:
    """The linked track: the consultation opens, and the US delegation's head carries its
    first words from Muscat into it, word for word; both records show the carry."""
    consulted = open_consultation(service, process, us_head).talk
    console.print(Rule("the linked track"))
    console.print(Text(terminal_safe(f"{TITLE}: track {consulted} of the same process"), "bold"))
    done = carry_first_words(service, muscat, consulted, us_head)
    if done is None:
        console.print(Text("Nothing said in Muscat may travel: nothing was carried."))
        return
    views = [
        TalkView.of(muscat, service.participant(muscat, us_head), "", 0, done.sent.events),
        TalkView.of(
            consulted, service.participant(consulted, us_head), "", 0, done.received.events
        ),
    ]
    console.print(side_by_side(views, [f"{us_head} in Muscat", f"{us_head} in the consultation"]))
    command = _command_name()
    console.print(Text("Both tracks side by side:", style="bold"))
    console.print(
        Text(
            f"  {command} process show {process} --as {shlex.quote(us_head)} --db {db}",
            style="dim",
        )
    )


def _round(service: TalkService, done: RoundDone, name: str) -> TalkView:
    """What `name` saw of one round: the events `done.first` to `done.last` of its view."""
    update = service.seen_since(done.talk, name, after=done.first - 1)
    seen = [s for s in update.events if s.seq <= done.last]
    return TalkView.of(update.talk, update.participant, str(update.head), update.head.seq, seen)


def _ending(
    service: TalkService,
    result: SimulationResult,
    muscat: Scenario,
    db: str,
    watchers: list[str],
    picture: Path,
) -> None:
    console.print(Rule("outcome"))
    if result.agreement and result.outcome is not None:
        console.print(Text(f"Agreed and signed after {result.rounds} rounds:", style="bold green"))
        for issue, option in result.outcome.items():
            console.print(Text(f"  {terminal_safe(issue)}: {terminal_safe(str(option))}"))
        assert result.utilities is not None
        shares = ", ".join(
            f"{party} {u:.3f}" for party, u in zip(result.parties, result.utilities, strict=True)
        )
        console.print(Text(f"utilities {shares}; Nash ratio {result.nash_ratio:.3f}"))
    else:
        console.print(
            Text(f"No deal after {result.rounds} rounds: Oman closed the talk.", style="bold red")
        )
    # Imported here: matplotlib takes a while to load and only the picture needs it.
    from shuttle.engine.plot_path import plot_path

    # The mediator's view (the middle column) holds every incident and the record's head.
    mediator = service.view(result.talk, watchers[1])
    plot_path(muscat, analyze(muscat), result.drafts, result.package, picture, mediator.escalation)
    head = Head.parse(mediator.head)
    report = service.verify({result.talk: head})
    console.print(Text(f"record head {head}; chain verified: {'ok' if report.ok else 'FAILED'}"))
    drew = f"wrote {picture}: the drafts' path through the utility space"
    console.print(Text(drew), soft_wrap=True)
    command = _command_name()
    console.print(Text("Look at each room afterwards:", style="bold"))
    for name in watchers:
        console.print(
            Text(f"  {command} view {result.talk} --as {shlex.quote(name)} --db {db}", style="dim")
        )


def _command_name() -> str:
    """How this command was invoked (`.venv/bin/shuttle` under `make run`), for copy and paste."""
    invoked = sys.argv[0]
    return invoked if Path(invoked).name == "shuttle" else "shuttle"
