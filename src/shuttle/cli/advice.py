"""`shuttle advice`: what the engine tells a mediator from the parties' profiles.

A number computed from a profile the mediator may not see is withheld by the service; here it
reads "withheld", and the advice says plainly which party's profile makes it ordinal only.
The plot draws utilities, so it needs every profile shared with the mediator.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from shuttle.cli.errors import Exit, fail, reported
from shuttle.cli.options import DEFAULT_DB, EXAMPLES, As, Db, Json, TalkId, service
from shuttle.cli.profile import latest_profiles
from shuttle.cli.render import console, print_json
from shuttle.cli.terminal import terminal_safe
from shuttle.engine.advice import Advice, AdvisedPackage
from shuttle.engine.analysis import analyze
from shuttle.engine.scenario import Scenario
from shuttle.talks import Agenda, PartyProfile, ProfileView, TalkView, engine_profile

SHOWN_PACKAGES = 20
"""Pareto packages listed for people; --json lists them all."""

HELP = (
    "Advice for a mediator from every party's profile: whether a zone of possible agreement "
    "exists (and its size, when every profile is shared), the Nash package, the "
    "Pareto-efficient packages, and packages better for every party than the current draft. "
    "A utility from a profile its party did not share is withheld: that advice is ordinal only."
    + EXAMPLES
    + "shuttle advice TALK --as Oman\n  "
    + "shuttle advice TALK --as Oman --json\n  "
    + "shuttle advice TALK --as Oman --plot utility-space.png"
)

PlotPath = Annotated[
    Path | None,
    typer.Option(
        "--plot",
        help="Also draw the utility space to this PNG file (every profile must be shared).",
        metavar="FILE.png",
    ),
]


def advice(
    talk: TalkId,
    actor: As,
    plot: PlotPath = None,
    db: Db = DEFAULT_DB,
    as_json: Json = False,
) -> None:
    if plot is not None and plot.suffix.lower() != ".png":
        fail(Exit.USAGE, f"invalid: --plot {plot} must name a .png file")
    talks = service(db)
    with reported():
        advised = talks.advice(talk, actor)
        view = talks.view(talk, actor)
    if plot is not None:
        draw(view, advised, plot)
    if as_json:
        print_json({"talk": view.talk} | advised.to_dict())
        return
    print_advice(view, advised)
    if plot is not None:
        console.print(Text(f"wrote {plot}"), soft_wrap=True)


def print_advice(view: TalkView, advised: Advice) -> None:
    parties = [terminal_safe(p) for p in advised.parties]
    exact = "exact" if advised.exact else "approximate"
    console.print(Text(f"Advice for {terminal_safe(view.participant.name)} ({exact})", "bold"))
    for party, shared in zip(parties, advised.shared, strict=True):
        if not shared:
            console.print(Text(f"ordinal only: {party} did not share its profile"))
    console.print(Text("Zone of possible agreement: ", "bold").append(_zone(advised)))
    reservations = ", ".join(
        f"{party} {_utility(r)}" for party, r in zip(parties, advised.reservations, strict=True)
    )
    console.print(Text("Reservation values: ", "bold").append(reservations))
    nash = Text("Nash package: ", "bold")
    if advised.nash is None:
        nash.append("none (no package is acceptable to every party)")
    else:
        nash.append(_terms(advised.nash)).append(f"  ({_utilities(parties, advised.nash)})")
    console.print(nash)
    console.print(
        _packages(f"Pareto-efficient packages: {len(advised.pareto)}", parties, advised.pareto)
    )
    if len(advised.pareto) > SHOWN_PACKAGES:
        more = len(advised.pareto) - SHOWN_PACKAGES
        console.print(Text(f"... and {more} more (--json lists them all)", "dim"))
    if advised.draft is None:
        console.print(Text("Current draft: none yet", "bold"))
        return
    current = Text(f"Current draft (version {view.versions[-1]}): ", "bold")
    console.print(current.append(_terms(advised.draft)))
    console.print(Text(f"  {_utilities(parties, advised.draft)}"))
    if not advised.improvements:
        console.print(Text("Improvements: none; no package is better for every party", "bold"))
        return
    title = f"Improvements: {len(advised.improvements)} packages better for every party"
    console.print(_packages(title, parties, advised.improvements))


def _zone(advised: Advice) -> str:
    if not advised.zone_exists:
        return "none: no package beats walking away for every party"
    if advised.zone_size is None:
        return "exists (its size is withheld while a profile is not shared)"
    return f"exists: {advised.zone_size:,} packages beat walking away for every party"


def _packages(title: str, parties: Sequence[str], packages: Sequence[AdvisedPackage]) -> Table:
    table = Table(title=Text(title), title_justify="left", expand=True)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("package", ratio=3, overflow="fold")
    for party in parties:
        table.add_column(Text(party), justify="right", overflow="fold")
    for number, package in enumerate(packages[:SHOWN_PACKAGES], start=1):
        cells = [_utility(u) for u in package.utilities]
        table.add_row(str(number), Text(_terms(package)), *cells)
    return table


def _terms(package: AdvisedPackage) -> str:
    return str(terminal_safe("; ".join(f"{i}: {o}" for i, o in package.outcome.items())))


def _utilities(parties: Sequence[str], package: AdvisedPackage) -> str:
    pairs = zip(parties, package.utilities, strict=True)
    return ", ".join(f"{party} {_utility(u)}" for party, u in pairs)


def _utility(value: float | None) -> str:
    return "withheld" if value is None else f"{value:.4f}"


def draw(view: TalkView, advised: Advice, path: Path) -> None:
    """The utility space of the talk's agenda, drawn from the profiles the mediator sees."""
    unshared = [p for p, shared in zip(advised.parties, advised.shared, strict=True) if not shared]
    if unshared:
        names = ", ".join(repr(p) for p in unshared)
        fail(
            Exit.REFUSED,
            f"refused: the plot draws every party's utilities, and {names} did not share its "
            "profile; the advice without --plot is ordinal for it",
        )
    scenario = visible_scenario(view)
    # Imported here: matplotlib takes a while to load and only --plot needs it.
    from shuttle.engine.plot import plot_analysis

    try:
        plot_analysis(scenario, analyze(scenario), path)
    except OSError as error:
        fail(Exit.USAGE, f"cannot write {path}: {error.strerror or error}")


def visible_scenario(view: TalkView) -> Scenario:
    """The talk as a scenario, from the agenda and the shared profiles in the view, with the
    reservation values lowered by the incidents so far -- as the service advises on it."""
    agenda = Agenda(tuple(view.issues))
    profiles = latest_profiles(view)
    engine = tuple(engine_profile(agenda, _shared_profile(s), view.escalation) for s in profiles)
    parties = tuple(s.party for s in profiles)
    return Scenario(view.title, agenda.space(), parties, engine)


def _shared_profile(seen: ProfileView) -> PartyProfile:
    """A profile the mediator sees whole (`draw` refuses when one is not shared)."""
    assert seen.weights is not None and seen.values is not None and seen.reservation is not None
    return PartyProfile(
        seq=seen.seq,
        weights=tuple((i, float(w)) for i, w in seen.weights),
        values=tuple((i, o, float(v)) for i, o, v in seen.values),
        reservation=float(seen.reservation),
        shared=True,
    )


def register(app: typer.Typer) -> None:
    """Add `advice` to `app`."""
    app.command("advice", help=HELP)(advice)
