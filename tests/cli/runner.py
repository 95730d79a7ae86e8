"""Run the `shuttle` command in-process, the way a script would, against one record."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from typer.testing import CliRunner

from shuttle.cli import app
from shuttle.store import open_store


@dataclass
class Result:
    code: int
    out: str
    err: str

    @property
    def json(self) -> Any:
        return json.loads(self.out)


@dataclass
class Shuttle:
    db: str

    def __call__(self, *args: str, stdin: str | None = None) -> Result:
        result = CliRunner().invoke(app, [*args, "--db", self.db], input=stdin)
        return Result(result.exit_code, result.stdout, result.stderr)

    def ok(self, *args: str, stdin: str | None = None) -> Result:
        result = self(*args, stdin=stdin)
        assert result.code == 0, result.err
        return result

    def rows(self) -> list[tuple[str, int, str]]:
        """Every stored event's talk, number and hash: to prove a refusal changed nothing."""
        store = open_store(self.db)
        try:
            return [(e.talk, e.seq, e.hash) for s in store.talks() for e in store.load(s.talk)]
        finally:
            store.dispose()

    def open_muscat(self, *extra: str) -> str:
        result = self.ok(
            "talk", "open", "--title", "Muscat", "--party", "United States", "--party", "Iran",
            "--mediator", "Oman", "--delegate", "United States=US Envoy",
            "--delegate", "Iran=Iranian FM", "--json", *extra,
        )  # fmt: skip
        talk: str = result.json["talk"]
        return talk
