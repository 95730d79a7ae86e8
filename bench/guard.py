"""The leak guard: how often it is right on a labelled set, and how long a check takes.

1. Precision and recall on `bench/data/leak_pairs*.yaml`: pairs of a statement a party kept
   from the other room and a mediator's candidate wording, labelled by hand as leaking or not,
   in four registers (diplomatic, commercial, labour, family) and two languages. The guard's
   thresholds were chosen on the `dev` part; the `held-out` part was kept aside and is
   reported apart. Each pair is checked as a talk would check it: the candidate against the
   one protected statement, with nothing known in the target room.
2. Latency: a talk with 500 mediator-only statements in two parties' rooms, on a SQLite
   record; `shuttle.guarding.check_words` for 60 candidate wordings into a third room, after
   the talk's statements were prepared as the console prepares them when a mediator opens it.
   The model's load and that preparation (every statement's meaning, computed once) are
   reported apart. Target: under 200 ms.

Results go to stdout and `bench/results/guard.md`. Run with `make bench`, or
`python bench/guard.py [--pairs FILE...]`.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

from shuttle.assembly import open_service
from shuttle.guard import Meaning, Protected, check
from shuttle.guarding import check_words, meaning, prepare
from shuttle.talks import Delegate, Handling, OpenTalk, Say

REPO = Path(__file__).resolve().parent.parent
PAIRS = (
    REPO / "bench" / "data" / "leak_pairs.yaml",
    # Written later by another hand that saw neither the guard nor the first set's results;
    # measured as it came before anything was changed, then its dev part joined the first's.
    REPO / "bench" / "data" / "leak_pairs_fresh.yaml",
)
RESULTS = REPO / "bench" / "results" / "guard.md"
STATEMENTS = 500
CHECKS = 60


@dataclass(frozen=True)
class Pair:
    id: str
    register: str
    lang: str
    protected: str
    candidate: str
    leaks: bool
    split: str
    source: str  # the file's name: which set the pair belongs to


def read_pairs(path: Path) -> list[Pair]:
    items = yaml.safe_load(path.read_text(encoding="utf-8"))
    keys = ("id", "register", "lang", "protected", "candidate", "leaks", "split")
    return [Pair(**{k: item[k] for k in keys}, source=path.stem) for item in items]


def predicted(pair: Pair) -> bool:
    return bool(check(meaning(), pair.candidate, [Protected(1, "A", pair.protected, "kept")]))


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, truth: bool, guess: bool) -> None:
        if truth and guess:
            self.tp += 1
        elif guess:
            self.fp += 1
        elif truth:
            self.fn += 1
        else:
            self.tn += 1

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def row(self, name: str) -> str:
        n = self.tp + self.fp + self.fn + self.tn
        return (
            f"| {name} | {n} | {self.precision:.3f} | {self.recall:.3f} "
            f"| {self.tp} | {self.fp} | {self.fn} | {self.tn} |"
        )


def accuracy(pairs: list[Pair], show_misses: bool) -> list[str]:
    tallies: dict[str, Tally] = {}
    misses = []
    for pair in pairs:
        guess = predicted(pair)
        groups = (pair.split, f"{pair.split} · {pair.source}", f"{pair.split} · {pair.lang}",
                  f"{pair.split} · {pair.register}")  # fmt: skip
        for group in groups:
            tallies.setdefault(group, Tally()).add(pair.leaks, guess)
        if guess != pair.leaks:
            misses.append(f"{pair.split} {pair.id}: labelled {pair.leaks}, guard {guess}")
    lines = [
        "| part | pairs | precision | recall | leaks found | false alarms | leaks missed "
        "| rightly quiet |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    lines += [tallies[name].row(name) for name in sorted(tallies, key=_order)]
    if show_misses:
        lines += ["", "Disagreements:", "", *[f"- {m}" for m in misses]]
    return lines


def _order(name: str) -> tuple[int, str]:
    return (0 if name.startswith("dev") else 1, name if "·" in name else "")


def statements(rng: random.Random) -> list[str]:
    subjects = ["the ceasefire", "sanctions relief", "the prisoner exchange", "inspections",
                "the border crossing", "the delivery schedule", "the licence fee", "overtime pay",
                "the pension fund", "the school holidays"]  # fmt: skip
    shapes = [
        "We could accept {s} if it starts before {d}.",
        "Our real limit on {s} is {n} percent, not a point more.",
        "Tell no one: {s} matters less to us than {t}.",
        "If they insist on {s} we will leave by {d}.",
        "Minister {name} will not sign anything on {s} before {d}.",
        "We can pay up to {n} million for {s}.",
    ]
    months = ["January", "March", "June", "September", "November"]
    names = ["Haddad", "Okafor", "Lindqvist", "Moreau", "Tanaka", "Barzani"]
    return [
        rng.choice(shapes).format(
            s=rng.choice(subjects),
            t=rng.choice(subjects),
            d=f"{rng.choice(months)} {rng.randint(1, 28)}",
            n=round(rng.uniform(1, 40), 2),
            name=rng.choice(names),
        )
        for _ in range(STATEMENTS)
    ]


def latency() -> list[str]:
    rng = random.Random(7)
    said = statements(rng)
    with tempfile.TemporaryDirectory() as folder:
        service = open_service(f"sqlite:///{folder}/guard.db")
        talk = service.open_talk(
            OpenTalk(
                "Latency",
                ("North", "South", "East"),
                ("Mediator",),
                (Delegate("N", "North"), Delegate("S", "South"), Delegate("E", "East")),
                default_handling=Handling.MEDIATOR_ONLY,
            )
        ).talk
        for i, text in enumerate(said):
            service.execute(talk, Say("N" if i % 2 else "S", text))
        started = time.perf_counter()
        Meaning().load()  # a fresh model: what a process pays once, on its first check
        load = time.perf_counter() - started
        started = time.perf_counter()
        prepare(service.view(talk, "Mediator"))  # what the console does when opened
        first = time.perf_counter() - started
        candidates = [rng.choice(said).replace("We", "They") for _ in range(CHECKS // 2)]
        candidates += [f"The parties will meet again about item {i}." for i in range(CHECKS // 2)]
        times = []
        warned = 0
        for text in candidates:
            started = time.perf_counter()
            warned += bool(check_words(service, talk, "Mediator", "East", text))
            times.append(time.perf_counter() - started)
    times.sort()
    ms = [t * 1000 for t in times]
    return [
        f"A talk of {STATEMENTS} mediator-only statements; {CHECKS} checks into a third room "
        f"({warned} warned).",
        "",
        "| measure | ms |",
        "|---|---:|",
        f"| model load (once per process) | {load * 1000:.0f} |",
        f"| the talk's {STATEMENTS} statements' meaning, computed once (the console does it "
        f"in the background when opened) | {first * 1000:.0f} |",
        f"| check, median | {statistics.median(ms):.1f} |",
        f"| check, p95 | {ms[int(len(ms) * 0.95) - 1]:.1f} |",
        f"| check, slowest | {ms[-1]:.1f} |",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pairs", type=Path, nargs="+", default=list(PAIRS))
    parser.add_argument("--misses", action="store_true", help="list every disagreement")
    parser.add_argument("--only", choices=("dev", "held-out"), help="one part of the set")
    parser.add_argument("--no-latency", action="store_true")
    args = parser.parse_args()
    every = [pair for path in args.pairs for pair in read_pairs(path)]
    pairs = [p for p in every if args.only in (None, p.split)]
    counts = Counter((p.split, p.leaks) for p in pairs)
    lines = [
        "# Leak guard",
        "",
        f"{len(pairs)} labelled pairs ({counts[('dev', True)] + counts[('dev', False)]} dev, "
        f"{counts[('held-out', True)] + counts[('held-out', False)]} held out); "
        "targets: recall ≥ 0.90 at precision ≥ 0.80.",
        "",
        *accuracy(pairs, args.misses),
        "",
        *([] if args.no_latency else latency()),
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    if args.pairs == list(PAIRS) and not (args.misses or args.only or args.no_latency):
        RESULTS.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
