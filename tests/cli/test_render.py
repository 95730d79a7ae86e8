"""What people read: typed words are shown, never interpreted by Rich or the terminal."""

from __future__ import annotations

import json

import pytest

from shuttle.cli.errors import Exit
from shuttle.cli.render import outcome_count, print_json
from tests.cli.runner import Shuttle


def test_markup_and_escape_sequences_are_shown_not_obeyed(shuttle: Shuttle) -> None:
    talk = shuttle.open_muscat()
    shuttle.ok("say", talk, "--as", "US Envoy", "[red]hi[/] \x1b[2J clear \x07 [/oops]")
    out = shuttle.ok("view", talk, "--as", "US Envoy").out
    assert "\x1b" not in out and "\x07" not in out
    assert "[red]hi[/]" in out and "\\x1b[2J" in out and "[/oops]" in out
    # JSON keeps the exact text: programs get what was said.
    said = shuttle.ok("view", talk, "--as", "US Envoy", "--json").json["events"][-1]
    assert said["text"] == "[red]hi[/] \x1b[2J clear \x07 [/oops]"


def test_json_is_strict_or_not_printed(capsys: pytest.CaptureFixture[str]) -> None:
    print_json({"utilities": [0.5, 1.0]})
    assert json.loads(capsys.readouterr().out) == {"utilities": [0.5, 1.0]}
    # A bare NaN is not JSON: strict parsers reject it, so the command fails in one line.
    for bad in (float("nan"), float("inf")):
        with pytest.raises(SystemExit) as exited:
            print_json({"utility": bad})
        out, err = capsys.readouterr()
        assert exited.value.code == Exit.REFUSED and out == ""
        assert err.startswith("shuttle: cannot print the result as JSON:") and err.count("\n") == 1


@pytest.mark.parametrize(
    ("count", "shown"),
    [
        (144, "144 outcomes"),
        (10**12 + 1, "about 1e+12 outcomes"),
        (3**2_000, "about 10^954 outcomes"),  # beyond any float: 2,000 issues of 3 options
    ],
)
def test_outcome_counts_of_any_size(count: int, shown: str) -> None:
    assert outcome_count(count) == shown
