"""Shuttle at scale: many talks behind one and two `shuttle serve` instances on one PostgreSQL.

For each configuration (1 and 2 instances; 10 and 1,000 talks), on its own talks of a fresh
schema: every talk has a mediator and two delegates with real bearer tokens and an agenda;
300 event streams are held open across the instances (spread over the talks' participants);
a load process (`_scale_load`) then drives the talks with statements, carries, drafts and
answers in the proportions of a real round (5 : 2 : 1 : 2): first for a warm-up, then for the
measured window (60 s), at a steady rate per instance (two instances carry twice the events,
so that each works as hard as one alone; 60/s each by default, which keeps two instances,
the database and the load below this machine's two cores), then as fast as the machine
allows for a short window, to find where the limit lies, and last at the steady rate again
with every stream closed, which gives an event's own cost apart from its deliveries.
Commands go to the instance that serves their talk, as a load balancer hashing the talk in
the path would (`--routing round-robin` spreads them instead); streams are spread over the
instances in turn, so that deliveries cross from one instance to another.

Reported per configuration: events/s sustained, the servers', the database's and the load
process's CPU time per event, delivery latency (p50, p99) across instances, database
connections in use (the most seen), and errors: non-2xx answers, streams that broke, and
deliveries missing from a stream or shown to one that may not see them (checked against
the service's `view_of` for every stream after the run).

Needs PostgreSQL: `--db`, else $SHUTTLE_BENCH_PG, else the local test database; without one
it says so and stops. The table goes to stdout and `bench/results/scale.md`; progress to
stderr. Run with `make bench`, or `python bench/scale.py --help`.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import threading
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from _server_setup import BENCH, private_database, run_load, shuttle_instances
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from shuttle.accounts import Access
from shuttle.service import TalkService
from shuttle.store import make_engine, open_store
from shuttle.talks import Delegate, OpenTalk, SetAgenda

RESULTS = BENCH / "results" / "scale.md"
DEFAULT_DB = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
MEDIATOR = "Mediator"
PARTIES = ("Alpha", "Beta")
AGENDA = (("price", ("low", "mid", "high")), ("delivery", ("30 days", "60 days", "90 days")))
P99_TARGET_MS = 100.0
GROWTH_TARGET = 0.10


@dataclass(frozen=True)
class ScaleTalk:
    talk: str
    tokens: dict[str, str]  # "mediator", "alpha", "beta" -> bearer token
    names: dict[str, str]  # the same keys -> the participant's name


@dataclass(frozen=True)
class Config:
    instances: int
    talks: int

    @property
    def label(self) -> str:
        word = "instance" if self.instances == 1 else "instances"
        return f"{self.instances} {word}, {self.talks:,} talks"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default=os.environ.get("SHUTTLE_BENCH_PG", DEFAULT_DB))
    parser.add_argument("--talks", default="10,1000", help="talk counts, comma-separated")
    parser.add_argument("--instances", default="1,2", help="instance counts, comma-separated")
    parser.add_argument("--streams", type=int, default=300)
    parser.add_argument(
        "--rate",
        type=float,
        default=60.0,
        help="events/s per instance, steady (two instances carry twice the events)",
    )
    parser.add_argument("--seconds", type=float, default=60.0, help="the measured window")
    parser.add_argument("--warmup", type=float, default=15.0)
    parser.add_argument("--limit-seconds", type=float, default=10.0)
    parser.add_argument(
        "--quiet-seconds", type=float, default=30.0, help="the same load with no stream open"
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=4,
        help="rounds of the cost comparison (each a window per configuration, in turn)",
    )
    parser.add_argument("--round-seconds", type=float, default=15.0)
    parser.add_argument(
        "--routing",
        choices=("by-talk", "round-robin"),
        default="by-talk",
        help="how commands reach the instances (streams are spread in turn either way)",
    )
    parser.add_argument("--no-write", action="store_true", help="do not write the results file")
    options = parser.parse_args(argv)
    if not database_answers(options.db):
        print(f"(no PostgreSQL at {options.db}: the scale benchmark needs one; skipped)")
        return 0
    configs = [
        Config(int(i), int(t))
        for t in options.talks.split(",")
        for i in options.instances.split(",")
    ]
    results = []
    sets: dict[Config, list[ScaleTalk]] = {}
    with private_database(options.db) as url:
        postmaster = postmaster_pid(url)
        for config in configs:
            progress(f"{config.label}: opening talks and issuing tokens")
            talks = sets[config] = open_scale_talks(url, config.talks)
            progress(f"{config.label}: running")
            results.append(run_config(url, config, talks, postmaster, options))
        progress(f"the cost comparison: {options.rounds} rounds through every configuration")
        compared, failures = compare_costs(url, configs, sets, options)
    table = report(results, options, compared)
    for failure in failures[:3]:
        table += f"\n  - in the cost comparison: {failure}"
    print(table)
    if not options.no_write:
        RESULTS.parent.mkdir(exist_ok=True)
        RESULTS.write_text(table + "\n")
    return 0


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def database_answers(url: str) -> bool:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        return True
    except OperationalError:
        return False
    finally:
        engine.dispose()


def postmaster_pid(url: str) -> int | None:
    """The database server's main process, when it runs on this machine (its CPU is read from
    /proc); None when it does not."""
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            folder = connection.execute(text("SHOW data_directory")).scalar_one()
        pid = int(Path(folder, "postmaster.pid").read_text().split()[0])
        return pid if Path(f"/proc/{pid}").exists() else None
    except (OSError, ValueError, OperationalError):
        return None
    finally:
        engine.dispose()


def open_scale_talks(url: str, count: int) -> list[ScaleTalk]:
    """`count` talks, each with a mediator, a delegate per party, an agenda, and a bearer
    token for everyone: as an operator's `shuttle talk open` and `token issue` would."""
    store = open_store(url)
    service, access = TalkService(store), Access(store.engine)
    names = {"mediator": MEDIATOR, "alpha": "Alpha 1", "beta": "Beta 1"}
    delegates = (Delegate(names["alpha"], "Alpha"), Delegate(names["beta"], "Beta"))

    def open_one(number: int) -> ScaleTalk:
        opened = service.open_talk(OpenTalk(f"scale {number}", PARTIES, (MEDIATOR,), delegates))
        service.execute(opened.talk, SetAgenda(MEDIATOR, AGENDA))
        tokens = {key: access.bearer(opened.talk, name) for key, name in names.items()}
        return ScaleTalk(opened.talk, tokens, names)

    try:
        with ThreadPoolExecutor(8) as pool:
            return list(pool.map(open_one, range(count)))
    finally:
        store.dispose()


def run_config(
    url: str,
    config: Config,
    talks: list[ScaleTalk],
    postmaster: int | None,
    options: argparse.Namespace,
) -> dict[str, Any]:
    # Streams spread over the talks' participants in turn, and over the instances in turn.
    keys = ("mediator", "alpha", "beta")
    watchers = [(talk, key) for talk in range(len(talks)) for key in keys]
    streams = [(n % config.instances, *watchers[n % len(watchers)]) for n in range(options.streams)]
    with shuttle_instances(url, config.instances) as servers:
        plan = {
            "ports": [server.port for server in servers],
            "server_pids": [server.handle.pid for server in servers],
            "postmaster": postmaster,
            "talks": [{"talk": t.talk, "tokens": t.tokens} for t in talks],
            "streams": [(i, t, talks[t].tokens[k]) for i, t, k in streams],
            "rate": options.rate * config.instances,
            "routing": options.routing,
            # Long enough that every talk has been worked on twice: a talk's first command on
            # an instance reads its whole record, which is no cost of the steady state.
            "warmup": max(options.warmup, 2 * config.talks / (options.rate * config.instances)),
            "seconds": options.seconds,
            "limit_seconds": options.limit_seconds,
            "quiet_seconds": options.quiet_seconds,
            "limit_workers": 64,
            "pool": 32,
            "drain": 3.0,
        }
        with connections_in_use(url) as most:
            result = run_load(plan, "_scale_load.py", timeout=1800)
        result["connections"] = most()
        result["memory"] = [resident_mib(server.handle.pid) for server in servers]
    received, heads = result.pop("received"), result.pop("heads")
    result["deliveries"] = check_deliveries(url, talks, streams, received, heads)
    result["config"] = config
    result["stream_count"] = len(streams)
    return result


def compare_costs(
    url: str,
    configs: list[Config],
    sets: dict[Config, list[ScaleTalk]],
    options: argparse.Namespace,
) -> tuple[dict[Config, list[float]], list[str]]:
    """An event's own cost (server CPU, no stream open) in every configuration, measured in
    rounds: the instances are started once, and each round runs a window of every
    configuration in turn, from a different one each round, so that a drift in what else the
    machine does touches all alike. A round before them, not measured, brings each instance's
    folds of its talks up to date. Each configuration works on its own talks, as in its run,
    so that no talk changes instance between windows. Per configuration, the milliseconds per
    event of each round; and the first answers that were not 201, if any."""
    most = max(config.instances for config in configs)

    def window(config: Config, seconds: float, measure: bool) -> dict[str, Any]:
        return {
            "set": config.label,
            "instances": config.instances,
            "rate": options.rate * config.instances,
            "seconds": seconds,
            "measure": measure,
        }

    schedule = [
        window(c, max(5.0, 2 * c.talks / (options.rate * c.instances)), False) for c in configs
    ]
    for number in range(options.rounds):
        turn = configs[number % len(configs) :] + configs[: number % len(configs)]
        schedule += [window(c, options.round_seconds, True) for c in turn]
    with shuttle_instances(url, most) as servers:
        plan = {
            "mode": "rounds",
            "ports": [server.port for server in servers],
            "server_pids": [server.handle.pid for server in servers],
            "postmaster": None,
            "sets": {
                config.label: [{"talk": t.talk, "tokens": t.tokens} for t in talks]
                for config, talks in sets.items()
            },
            "schedule": schedule,
            "routing": options.routing,
            "pool": 32,
            "limit_workers": 64,
            "drain": 0.0,
        }
        done = run_load(plan, "_scale_load.py", timeout=1800)
    costs: dict[Config, list[float]] = {config: [] for config in configs}
    by_label = {config.label: config for config in configs}
    for measured in done["windows"]:
        if not measured["measure"]:
            continue
        config = by_label[measured["set"]]
        accepted = measured["statuses"].get("201", 0)
        if accepted and accepted == sum(measured["statuses"].values()):
            costs[config].append(1000 * measured["cpu"] / accepted)
        else:
            costs[config].append(float("nan"))  # an error: shown, and counted below
    return costs, done["failures"]


def resident_mib(pid: int) -> float:
    """The process's resident memory, in MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


@contextmanager
def connections_in_use(url: str) -> Iterator[Any]:
    """Samples the database's client connections (its own excepted) every half second while
    the block runs; yields a function giving the most seen."""
    engine = make_engine(url)
    most, stop = [0], threading.Event()
    query = text(
        "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend' "
        "AND datname = current_database() AND pid <> pg_backend_pid()"
    )

    def sample() -> None:
        with engine.connect() as connection:
            while not stop.wait(0.5):
                most[0] = max(most[0], connection.execute(query).scalar_one())
                connection.rollback()

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        yield lambda: most[0]
    finally:
        stop.set()
        sampler.join()
        engine.dispose()


def check_deliveries(
    url: str,
    talks: list[ScaleTalk],
    streams: list[tuple[int, int, str]],
    received: list[list[int]],
    heads: list[int],
) -> dict[str, int]:
    """Each stream's events against what its participant may see of its talk's record up to
    `heads` (where the record stood when the streams closed), read through `view_of` after the
    run: how many it should have had, how many it missed, how many it had that it should not,
    and how many it had twice."""
    store = open_store(url)
    service = TalkService(store)
    visible: dict[tuple[int, str], set[int]] = {}
    totals = {"expected": 0, "missing": 0, "unexpected": 0, "repeated": 0}
    try:
        for (_, talk, key), seqs in zip(streams, received, strict=True):
            if (talk, key) not in visible:
                name = talks[talk].names[key]
                update = service.seen_since(talks[talk].talk, name, 0, None)
                visible[talk, key] = {s.seq for s in update.events if s.seq <= heads[talk]}
            expected, got = visible[talk, key], set(seqs)
            totals["expected"] += len(expected)
            totals["missing"] += len(expected - got)
            totals["unexpected"] += len(got - expected)
            totals["repeated"] += len(seqs) - len(got)
    finally:
        store.dispose()
    return totals


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def per_event(window: dict[str, Any]) -> dict[str, float]:
    """Milliseconds of CPU per event accepted, for each process group, and events/s."""
    ok = sum(n for status, n in window["statuses"].items() if status == "201")
    costs = {
        group: 1000 * seconds / ok if ok else float("nan")
        for group, seconds in window["cpu"].items()
    }
    costs["rate"] = ok / window["seconds"]
    costs["cores"] = sum(window["cpu"].values()) / window["seconds"]
    return costs


def cost_split(result: dict[str, Any]) -> dict[str, float]:
    """The servers' CPU per event with no stream open, and per delivery: the steady window's
    server CPU less its events at the quiet cost, over the deliveries it made."""
    steady, quiet = result["steady"], per_event(result["quiet"])
    events = sum(n for status, n in steady["statuses"].items() if status == "201")
    deliveries = len(steady["latencies"])
    rest = 1000 * steady["cpu"]["servers"] - quiet["servers"] * events
    return {
        "event": quiet["servers"],
        "database": quiet.get("database", float("nan")),
        "fan_out": deliveries / events if events else float("nan"),
        "delivery": rest / deliveries if deliveries else float("nan"),
    }


def errors(result: dict[str, Any]) -> int:
    bad: int = sum(
        n
        for window in (result["steady"], result["limit"], result["quiet"])
        for status, n in window["statuses"].items()
        if status != "201"
    )
    deliveries: dict[str, int] = result["deliveries"]
    return (
        bad
        + len(result["stream_failures"])
        + deliveries["missing"]
        + deliveries["unexpected"]
        + deliveries["repeated"]
    )


def report(
    results: list[dict[str, Any]],
    options: argparse.Namespace,
    compared: dict[Config, list[float]],
) -> str:
    lines = [
        f"## Scale benchmark (PostgreSQL, {options.streams} live streams, 2-core machine)",
        "",
        f"Steady: {options.rate:g} events/s per instance offered for {options.seconds:g} s "
        f"after a warm-up of at least {options.warmup:g} s in which every talk was worked on "
        "twice; a mediator and two delegates per talk; statements, "
        "carries, drafts and answers as 5 : 2 : 1 : 2. CPU is milliseconds per event accepted.",
        "",
        "| configuration | events/s | server CPU/event | database CPU/event | load CPU/event "
        "| delivery p50 / p99 | deliveries | DB connections | errors |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for result in results:
        steady = result["steady"]
        cost = per_event(steady)
        ms = [1000 * s for s in steady["latencies"]]
        lines.append(
            f"| {result['config'].label} | {cost['rate']:.0f} | {cost['servers']:.2f} ms | "
            f"{cost.get('database', float('nan')):.2f} ms | {cost['load']:.2f} ms | "
            f"{percentile(ms, 0.5):.1f} / **{percentile(ms, 0.99):.1f} ms** | {len(ms):,} | "
            f"{result['connections']} | {errors(result)} |"
        )
    lines += [
        "",
        "The cost split: the same load with no stream open gives the events' own cost; the "
        "rest, over the deliveries, a delivery's.",
        "",
        "| configuration | deliveries/event | server CPU/event, no stream | database CPU/event, "
        "no stream | server CPU/delivery |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for result in results:
        split = cost_split(result)
        delivery = (
            f"{split['delivery']:.3f} ms" if split["fan_out"] >= 1 else "too few deliveries to tell"
        )
        lines.append(
            f"| {result['config'].label} | {split['fan_out']:.2f} | "
            f"{split['event']:.2f} ms | {split['database']:.2f} ms | {delivery} |"
        )
    lines += [
        "",
        f"At the limit ({options.limit_seconds:g} s, a worker per talk up to 64, as fast as "
        "answers come):",
        "",
        "| configuration | events/s | cores: servers / database / load | server CPU/event "
        "| servers' share of the CPU used |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for result in results:
        limit = result["limit"]
        cost = per_event(limit)
        cores = {group: seconds / limit["seconds"] for group, seconds in limit["cpu"].items()}
        lines.append(
            f"| {result['config'].label} | {cost['rate']:.0f} | {cores['servers']:.2f} / "
            f"{cores.get('database', float('nan')):.2f} / {cores['load']:.2f} | "
            f"{cost['servers']:.2f} ms | {cores['servers'] / sum(cores.values()):.0%} |"
        )
    lines += [
        "",
        f"An event's own cost, compared in rounds: the instances started once, {options.rounds} "
        f"rounds each running every configuration for {options.round_seconds:g} s in turn "
        f"(from another one each round), {options.rate:g} events/s per instance, no stream "
        "open; server CPU per event:",
        "",
        "| configuration | each round | median |",
        "| --- | --- | ---: |",
    ]
    for config, costs in compared.items():
        each = ", ".join(f"{c:.2f}" for c in costs)
        lines.append(f"| {config.label} | {each} ms | **{median(costs):.2f} ms** |")
    lines += ["", *verdicts(results, compared), *details(results)]
    return "\n".join(lines)


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def verdicts(results: list[dict[str, Any]], compared: dict[Config, list[float]]) -> list[str]:
    """The targets: server CPU per event that does not grow with talks or instances, p99
    under 100 ms, no error.

    What a configuration's streams cost depends on how many deliveries an event makes there
    (300 streams on 10 talks watch every event many times over; on 1,000 talks one event in
    ten, once), so growth is judged on the two parts of the cost apart: an event's own, from
    the rounds with no stream open, and a delivery's, where events make enough of them to
    measure (at least one each). The whole cost with streams is compared too, between
    configurations of the same talks: those windows ran minutes apart, so the machine's drift
    is in them."""
    own = {(c.instances, c.talks): median(costs) for c, costs in compared.items()}
    split = {(r["config"].instances, r["config"].talks): cost_split(r) for r in results}
    whole = {
        (r["config"].instances, r["config"].talks): per_event(r["steady"])["servers"]
        for r in results
    }
    talk_counts = sorted({t for _, t in split})
    instance_counts = sorted({i for i, _ in split})
    few, many = talk_counts[0], talk_counts[-1]
    one, most = instance_counts[0], instance_counts[-1]
    lines = []

    def compare(what: str, costs: dict[tuple[int, int], float], base: Any, other: Any) -> None:
        if base == other or base not in costs or other not in costs:
            return
        before, after = costs[base], costs[other]
        growth = after / before - 1
        # The target is that the cost does not grow; a cost that falls is noise or a gain.
        verdict = "met" if growth <= GROWTH_TARGET else "missed"
        lines.append(
            f"- {what}: {after:.3f} ms against {before:.3f} ms, **{growth:+.0%}** "
            f"(target at most +{GROWTH_TARGET:.0%}: {verdict})."
        )

    for instances in instance_counts:
        compare(
            f"An event's own server CPU, {instances} instance(s), {many:,} talks against {few:,}",
            own,
            (instances, few),
            (instances, many),
        )
    for talks in talk_counts:
        compare(
            f"An event's own server CPU, {talks:,} talks, {most} instances against {one}",
            own,
            (one, talks),
            (most, talks),
        )
        if split.get((one, talks), {}).get("fan_out", 0) >= 1:
            delivery = {key: value["delivery"] for key, value in split.items()}
            compare(
                f"Server CPU per delivery, {talks:,} talks, {most} instances against {one}",
                delivery,
                (one, talks),
                (most, talks),
            )
        compare(
            f"Server CPU per event with its deliveries, {talks:,} talks, {most} instances "
            f"against {one}",
            whole,
            (one, talks),
            (most, talks),
        )
    worst = max(percentile([1000 * s for s in r["steady"]["latencies"]], 0.99) for r in results)
    lines.append(
        f"- Worst delivery p99: **{worst:.1f} ms** (target < {P99_TARGET_MS:g} ms: "
        f"{'met' if worst < P99_TARGET_MS else 'missed'})."
    )
    failed_rounds = sum(1 for costs in compared.values() for c in costs if c != c)  # NaN
    total = sum(errors(r) for r in results) + failed_rounds
    lines.append(f"- Errors in all runs: **{total}** (target: none).")
    return lines


def details(results: list[dict[str, Any]]) -> list[str]:
    lines = ["", "Details:", ""]
    for result in results:
        steady, deliveries = result["steady"], result["deliveries"]
        lags = [1000 * s for s in steady["lags"]]
        lines.append(
            f"- {result['config'].label}: {result['stream_count']} streams; deliveries checked "
            f"against view_of: {deliveries['expected']:,} expected, {deliveries['missing']} "
            f"missing, {deliveries['unexpected']} not allowed, {deliveries['repeated']} twice; "
            f"server memory {' and '.join(f'{m:.0f} MiB' for m in result['memory'])}; "
            f"the load's lag behind its schedule p99 {percentile(lags, 0.99):.1f} ms, "
            f"max {max(lags, default=0):.1f} ms; answers "
            f"{dict(sorted(steady['statuses'].items()))} steady, "
            f"{dict(sorted(result['limit']['statuses'].items()))} at the limit."
        )
        for failure in (*steady["failures"], *result["limit"]["failures"])[:3]:
            lines.append(f"  - {failure}")
        for failure in result["stream_failures"][:3]:
            lines.append(f"  - {failure}")
    return lines


if __name__ == "__main__":
    raise SystemExit(main())
