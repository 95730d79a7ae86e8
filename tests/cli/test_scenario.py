"""`shuttle scenario`: show and convert, with the command line's exit codes and one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from typer.testing import CliRunner

from shuttle.cli.scenario import scenario_app
from shuttle.engine.formats import load_scenario, read_yaml
from tests.engine.formats.paths import BUNDLED, DATA

# Mounted the way `shuttle` mounts it: `app.add_typer(scenario_app, name="scenario")`.
app = typer.Typer(rich_markup_mode=None)
app.add_typer(scenario_app, name="scenario")
MUSCAT = str(BUNDLED / "muscat.yaml")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["scenario", *args])
    return result.exit_code, result.stdout, result.stderr


def test_show_lists_parties_issues_and_outcomes() -> None:
    code, out, _ = run("show", MUSCAT)
    assert code == 0
    assert out.splitlines()[0] == "Muscat: 2 parties, 4 issues, 144 outcomes"
    assert "  Enrichment level: none | 3.67% | 5% | 20%" in out
    assert "  United States: linear additive, reservation 0.5, no discount" in out


def test_show_json_is_one_object_for_programs() -> None:
    code, out, _ = run("show", str(DATA / "genius_nonlinear"), "--json")
    assert code == 0
    body = json.loads(out)
    assert body["name"] == "genius_nonlinear" and body["outcomes"] == 125
    assert body["issues"][0] == {"name": "x", "type": "integer", "min": 0, "max": 4}
    assert body["parties"][0] == {
        "name": "profile-1",
        "profile": "hyper-rectangles",
        "reservation": 0.6,
        "discount": 0.5,
        "rectangles": 5,
    }


def test_show_makes_control_characters_visible(tmp_path: Path) -> None:
    path = tmp_path / "odd.yaml"
    text = Path(MUSCAT).read_text(encoding="utf-8").replace("name: Muscat", 'name: "Mus\\ecat"')
    path.write_text(text, encoding="utf-8")
    code, out, _ = run("show", str(path))
    assert code == 0 and "\x1b" not in out and "Mus\\x1bcat" in out


def test_convert_prints_yaml_that_reads_back(tmp_path: Path) -> None:
    code, out, _ = run("convert", str(DATA / "genius_quirks"), "--to", "yaml")
    assert code == 0
    path = tmp_path / "quirks.yaml"
    path.write_text(out, encoding="utf-8")
    assert read_yaml(path) == load_scenario(DATA / "genius_quirks")


def test_convert_writes_a_file(tmp_path: Path) -> None:
    out_file = tmp_path / "muscat.yaml"
    code, out, _ = run("convert", MUSCAT, "--to", "yaml", "--out", str(out_file))
    assert code == 0 and out.strip() == f"wrote {out_file}"
    assert read_yaml(out_file) == load_scenario(MUSCAT)


def test_a_missing_path_is_not_found() -> None:
    code, out, err = run("show", "/no/such/scenario")
    assert (code, out) == (3, "")
    assert err == "shuttle: not found: /no/such/scenario\n"


def test_an_invalid_scenario_is_a_usage_error_in_one_line() -> None:
    code, _, err = run("show", str(DATA / "genius_constraint"))
    assert code == 2
    assert err.startswith("shuttle: invalid scenario: genius_constraint/Operator.xml: ")
    assert err.count("\n") == 1


def test_an_unwritable_output_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = run("convert", MUSCAT, "--to", "yaml", "--out", str(tmp_path / "no" / "x.yaml"))
    assert code == 2 and err.startswith("shuttle: cannot write ")


def test_help_ends_with_an_example() -> None:
    for command in ("show", "convert"):
        code, out, _ = run(command, "--help")
        assert code == 0 and f"Example:\n    shuttle scenario {command} " in out
