"""Hostile scenario files are refused in one short message naming the file and the problem.

Every case of `hostile` goes through `load_scenario`, the one entry the commands use; the
command line's tests run a selection through a real `shuttle` under a memory cap.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from shuttle.engine.formats import ScenarioError, load_scenario
from shuttle.engine.formats.errors import ECHOED
from tests.engine.formats.hostile import EVERY, Hostile, yaml_text

# What `shuttle` adds ("shuttle: invalid scenario: ") and what a message may hold after it.
LONGEST = 300 - len("shuttle: invalid scenario: ")


@pytest.mark.parametrize("hostile", [case.param() for case in EVERY])
def test_a_hostile_file_is_refused_in_one_short_line(tmp_path: Path, hostile: Hostile) -> None:
    path = hostile.write(tmp_path)
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    message = str(caught.value)
    assert hostile.words in message
    assert path.name in message.split(":")[0]  # the file (or its folder) comes first
    assert "\n" not in message and len(message) <= LONGEST, message


def test_yaml_values_are_counted_while_composing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The real limit (500,000) takes seconds to reach; the count is the same code at any limit.
    monkeypatch.setattr("shuttle.engine.formats.yaml_loader.MAX_YAML_NODES", 1_000)
    path = yaml_text("[" + ", ".join("0" for _ in range(5_000)) + "]")(tmp_path)
    with pytest.raises(ScenarioError, match=r"more than 1,000 values \(line 1, column \d+\)"):
        load_scenario(path)


def test_a_device_is_not_a_scenario() -> None:
    with pytest.raises(ScenarioError, match="/dev/null: not a regular file or a folder"):
        load_scenario("/dev/null")


def test_echoed_values_are_cut_short(tmp_path: Path) -> None:
    listed = ", ".join(["x"] * 10_000)
    path = yaml_text(f"issues:\n  A: {{type: [{listed}]}}\nparties: {{A: {{}}, B: {{}}}}\n")(
        tmp_path
    )
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    quoted = caught.value.problem.removeprefix("type ").split(" is not")[0]
    assert len(quoted) <= ECHOED and quoted.startswith("['x', 'x'")


# PyYAML's own (pure Python) parser is the fallback where libyaml is missing: the same limits
# must hold there. It is chosen at import, so it runs in a fresh interpreter.
FALLBACK = """
import yaml
yaml.__with_libyaml__ = False
from shuttle.engine.formats.errors import Problem
from shuttle.engine.formats.yaml_loader import StrictLoader, load
assert StrictLoader.__mro__[1] is yaml.SafeLoader
for text, words in [
    ("[" * 100_000 + "]" * 100_000, "nested too deep (more than 32 levels)"),
    ("a: &a [1]\\nb: *a\\n", "aliases (*a) are not allowed"),
    ("a: " + "1" * 5_000 + "\\n", "is too long"),
    ("a: 1\\na: 2\\n", "key 'a' appears twice (line 2, column 1)"),
]:
    try:
        load(text)
    except Problem as problem:
        assert words in str(problem), (words, str(problem))
    else:
        raise AssertionError(words)
assert load("a: [1, 2.5, x]\\n") == {"a": [1, 2.5, "x"]}
"""


def test_the_pure_python_parser_keeps_the_same_limits() -> None:
    done = subprocess.run(
        [sys.executable, "-c", FALLBACK], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr[-2000:]
