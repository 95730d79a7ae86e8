"""`shuttle analyze`: JSON for programs, a summary for people, --plot, and bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from shuttle.cli.analyze import register

BUNDLED = Path(__file__).resolve().parents[2] / "src" / "shuttle" / "scenarios"
MUSCAT = str(BUNDLED / "muscat.yaml")
KEYS = [
    "scenario", "parties", "issues", "outcomes", "exact", "reservation", "pareto", "nash",
    "kalai_smorodinsky", "max_welfare", "zopa_size",
]  # fmt: skip

# Mounted the way `shuttle` mounts it: `register(app)`.
app = typer.Typer(rich_markup_mode=None)
register(app)


@app.callback()
def _group() -> None:
    """Keeps `analyze` a subcommand, as it is under `shuttle`."""


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["analyze", *args])
    return result.exit_code, result.stdout, result.stderr


def test_json_is_one_object_with_exactly_the_documented_keys() -> None:
    code, out, err = run(MUSCAT, "--json")
    assert code == 0, err
    body = json.loads(out)
    assert list(body) == KEYS
    assert body["exact"] is True and body["outcomes"] == 144 and body["zopa_size"] <= 144
    assert body["parties"] == ["United States", "Iran"]
    for point in [*body["pareto"], body["nash"], body["kalai_smorodinsky"], body["max_welfare"]]:
        assert set(point) == {"outcome", "utilities"} and len(point["utilities"]) == 2
        assert list(point["outcome"]) == [issue["name"] for issue in body["issues"]]
    assert body["pareto"] == sorted(body["pareto"], key=lambda p: p["utilities"], reverse=True)


def test_people_get_a_summary() -> None:
    code, out, _ = run(MUSCAT)
    assert code == 0
    assert out.startswith("Muscat: 2 parties, 144 outcomes; additive decomposition, exact")
    for words in ("Kalai-Smorodinsky", "max welfare", "Pareto frontier:", "Zone of possible"):
        assert words in out
    assert "United States" in out and "Nash: " in out


def test_plot_writes_a_png(tmp_path: Path) -> None:
    path = tmp_path / "muscat.png"
    code, out, err = run(MUSCAT, "--plot", str(path), "--json")
    assert code == 0, err
    assert json.loads(out)["scenario"] == "Muscat"  # --json output stays one object
    assert path.read_bytes().startswith(b"\x89PNG")


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (["no/such/folder"], 3, "not found: no/such/folder"),
        (["{bad}"], 2, "invalid scenario:"),
        ([MUSCAT, "--plot", "out.jpg"], 2, "must name a .png file"),
        ([MUSCAT, "--plot", "/no/such/dir/out.png"], 2, "cannot write /no/such/dir/out.png"),
    ],
)
def test_bad_input_fails_in_one_line(
    tmp_path: Path, args: list[str], code: int, words: str
) -> None:
    if args == ["{bad}"]:
        bad = tmp_path / "bad.yaml"
        bad.write_text("name: [unclosed\n", encoding="utf-8")
        args = [str(bad)]
    result, out, err = run(*args)
    assert result == code
    assert err.startswith("shuttle: ") and words in err and err.count("\n") == 1
    assert out == ""
