"""`shuttle profile`: a party's private preferences over the agenda -- submit them, share them
with the mediator, or look at them.

A profile comes from options (`--weight`, `--value`, `--reservation`), from a small YAML file
(`--file`), or both (the options then override the file). The file has the keys of a party's
block in a scenario file such as src/shuttle/scenarios/muscat.yaml; a whole scenario file works
too, and then its block for the delegate's own party is read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.table import Table
from rich.text import Text

from shuttle.cli.errors import Exit, fail, reported
from shuttle.cli.negotiate import act
from shuttle.cli.options import DEFAULT_DB, EXAMPLES, As, Db, Json, TalkId, service
from shuttle.cli.render import console, print_json, seen_json
from shuttle.cli.terminal import terminal_safe
from shuttle.engine.formats import ScenarioError, read_yaml_data
from shuttle.engine.formats.errors import shown
from shuttle.talks import ProfileView, SubmitProfile, TalkView

HELP = (
    "Submit your party's private profile (a delegate): a weight for every issue, a value from "
    "0 to 1 for every option, and a reservation value (what no deal is worth). The engine "
    "always reads it; the mediator sees it only with --share. With --file, read them from "
    "YAML (reservation, weights, values keys, as in a scenario's party block; a whole scenario "
    "file gives your party's block); options override the file. With --share or --no-share "
    "alone, submit your current profile again, shared or not. With nothing, show your "
    "profile (a mediator: every party's, as far as it may see them)."
    + EXAMPLES
    + 'shuttle profile TALK --as "US Envoy" --weight "Enrichment level=40" '
    '--weight "Sequencing=60" --value "Enrichment level=none=1" --value "Enrichment level=5%=0" '
    '--value "Sequencing=relief first=0" --value "Sequencing=phased in parallel=1" '
    "--reservation 0.5 --share\n  "
    + 'shuttle profile TALK --as "Iranian FM" --file src/shuttle/scenarios/muscat.yaml\n  '
    + 'shuttle profile TALK --as "Iranian FM" --json'
)

PROFILE_KEYS = ("reservation", "weights", "values")


@dataclass
class Given:
    """A profile as given so far: weights and values by the names typed, and a reservation."""

    weights: dict[str, float] = field(default_factory=dict)
    values: dict[tuple[str, str], float] = field(default_factory=dict)
    reservation: float | None = None


def profile(
    talk: TalkId,
    actor: As,
    weight: Annotated[
        list[str] | None,
        typer.Option("--weight", help='An issue\'s weight, "ISSUE=NUMBER".', metavar="ISSUE=W"),
    ] = None,
    value: Annotated[
        list[str] | None,
        typer.Option(
            "--value", help='An option\'s value, "ISSUE=OPTION=0..1".', metavar="ISSUE=OPTION=V"
        ),
    ] = None,
    reservation: Annotated[
        float | None, typer.Option("--reservation", help="What no deal is worth, 0 to 1.")
    ] = None,
    share: Annotated[
        bool | None,
        typer.Option("--share/--no-share", help="Let the mediator see it (default: no)."),
    ] = None,
    file: Annotated[
        Path | None, typer.Option("--file", help="A YAML profile.", metavar="PROFILE.yaml")
    ] = None,
    db: Db = DEFAULT_DB,
    as_json: Json = False,
) -> None:
    with reported():
        view = service(db).view(talk, actor)
    if file is None and not weight and not value and reservation is None:
        if share is None:
            show(view, as_json)
        else:
            again(db, view, share, as_json)
        return
    if view.participant.party is None:
        # Only a delegate submits a profile: let the rules refuse it, in their own words.
        act(db, view.talk, SubmitProfile(actor, (), (), 0.0), as_json)
        return
    given = read_file(file, view) if file is not None else Given()
    for spec in weight or []:
        issue, _, number = spec.rpartition("=")
        if not issue.strip():
            fail(Exit.USAGE, f'invalid: --weight {spec!r} must be "ISSUE=NUMBER"')
        given.weights[issue] = _number(number, f"--weight {spec!r}")
    for spec in value or []:
        head, _, number = spec.rpartition("=")
        issue, sep, option = head.partition("=")
        if not sep or not issue.strip() or not option.strip():
            fail(Exit.USAGE, f'invalid: --value {spec!r} must be "ISSUE=OPTION=NUMBER"')
        given.values[(issue, option)] = _number(number, f"--value {spec!r}")
    if reservation is not None:
        given.reservation = reservation
    if given.reservation is None:
        fail(Exit.USAGE, "invalid: give --reservation (or a reservation: key in --file)")
    command = SubmitProfile(
        actor=actor,
        weights=tuple(given.weights.items()),
        values=tuple((issue, option, v) for (issue, option), v in given.values.items()),
        reservation=given.reservation,
        share=bool(share),
    )
    act(db, view.talk, command, as_json)


def again(db: str, view: TalkView, share: bool, as_json: bool) -> None:
    """Submit the party's current profile again, now shared (or not)."""
    own = view.own_profile()
    # A party always sees its own profile's contents; a mediator has none of its own.
    if own is None or own.weights is None or own.values is None or own.reservation is None:
        fail(
            Exit.REFUSED,
            "refused: there is no profile of your party to submit again; "
            "give --weight, --value and --reservation, or --file",
        )
    command = SubmitProfile(
        actor=view.participant.name,
        weights=tuple((issue, float(w)) for issue, w in own.weights),
        values=tuple((issue, option, float(v)) for issue, option, v in own.values),
        reservation=float(own.reservation),
        share=share,
    )
    act(db, view.talk, command, as_json)


def latest_profiles(view: TalkView) -> list[ProfileView]:
    """The latest profile of each party the viewer may see one of, in the parties' order."""
    return [view.profiles[p] for p in view.parties if p in view.profiles]


def show(view: TalkView, as_json: bool) -> None:
    profiles = latest_profiles(view)
    if as_json:
        print_json(
            {
                "talk": view.talk,
                "as": view.participant.name,
                "profiles": [seen_json(s) for s in profiles],
            }
        )
        return
    if not profiles:
        whose = "any party" if view.participant.party is None else view.participant.party
        console.print(
            Text(terminal_safe(f"no profile yet for {whose}: a delegate submits one with ")).append(
                "`shuttle profile TALK --as DELEGATE --file PROFILE.yaml`"
            )
        )
    for seen in profiles:
        _print_profile(seen)


def _print_profile(seen: ProfileView) -> None:
    shared = "shared with the mediator" if seen.shared else "not shared with the mediator"
    console.print(
        Text(terminal_safe(f"Profile of {seen.party} (event {seen.seq}, by {seen.by}), {shared}"))
    )
    if seen.reservation is None or seen.weights is None or seen.values is None:
        console.print(Text("  contents withheld: only the engine and its own party see them"))
        return
    console.print(Text(terminal_safe(f"  reservation value {seen.reservation}")))
    total = sum(float(w) for _, w in seen.weights)
    table = Table(show_header=True, box=None, padding=(0, 2))
    table.add_column("issue", overflow="fold")
    table.add_column("weight", justify="right")
    table.add_column("options and their values", ratio=2, overflow="fold")
    for issue, w in seen.weights:
        options = ", ".join(f"{option} {v}" for of, option, v in seen.values if of == issue)
        share_of_total = float(w) / total if total else 0.0
        table.add_row(
            Text(terminal_safe(issue)),
            terminal_safe(f"{w} ({share_of_total:.0%})"),
            Text(terminal_safe(options)),
        )
    console.print(table)


def read_file(path: Path, view: TalkView) -> Given:
    """The profile in the YAML file at `path`, for the viewer's party; exits on a bad file."""
    if not path.is_file():
        fail(Exit.NOT_FOUND, f"not found: {path}")
    try:
        # The scenario readers' limits: a profile file may come from anyone too.
        data = read_yaml_data(path)
    except ScenarioError as error:
        _bad(path, f"cannot be read as YAML ({error.problem})")
    if isinstance(data, dict) and "parties" in data:
        party = view.participant.party
        blocks = data["parties"]
        if not isinstance(blocks, dict) or party not in blocks:
            _bad(path, f"its parties: block has no entry for {shown(party)}")
        data = blocks[party]
    if not isinstance(data, dict):
        _bad(path, "it must be a mapping with reservation, weights and values keys")
    unknown = [str(key) for key in data if key not in PROFILE_KEYS]
    if unknown:
        _bad(path, f"unknown key {shown(unknown[0])}; a profile has {', '.join(PROFILE_KEYS)}")
    given = Given()
    if "reservation" in data:
        given.reservation = _file_number(path, data["reservation"], "reservation")
    for issue, w in _mapping(path, data.get("weights", {}), "weights").items():
        given.weights[str(issue)] = _file_number(path, w, f"the weight of {shown(issue)}")
    agenda = _agenda(view)
    for issue, values in _mapping(path, data.get("values", {}), "values").items():
        if isinstance(values, list):
            options = agenda.get(str(issue))
            if options is None or len(options) != len(values):
                _bad(
                    path,
                    f"the values of {shown(issue)} are a list, which must follow the options of an "
                    "issue on the agenda in order; give them as OPTION: VALUE instead",
                )
            pairs = list(zip(options, values, strict=True))
        else:
            pairs = [
                (str(o), v) for o, v in _mapping(path, values, f"values of {shown(issue)}").items()
            ]
        for option, v in pairs:
            what = f"the value of {shown(option)} on {shown(issue)}"
            given.values[(str(issue), option)] = _file_number(path, v, what)
    return given


def _agenda(view: TalkView) -> dict[str, tuple[str, ...]]:
    return {issue.name: issue.options for issue in view.issues}


def _mapping(path: Path, value: object, what: str) -> dict[Any, Any]:
    if not isinstance(value, dict):
        _bad(path, f"{what} must be a mapping")
    return value


def _file_number(path: Path, value: object, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        _bad(path, f"{what} must be a number, not {shown(value)}")
    return float(value)


def _number(text: str, what: str) -> float:
    try:
        return float(text)
    except ValueError:
        fail(Exit.USAGE, f"invalid: {what}: {text.strip()!r} is not a number")


def _bad(path: Path, problem: str) -> NoReturn:
    fail(Exit.USAGE, f"invalid profile file {path}: {problem}")


def register(app: typer.Typer) -> None:
    """Add `profile` to `app`."""
    app.command("profile", help=HELP)(profile)
