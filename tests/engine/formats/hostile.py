"""Hostile scenario files, written on the fly: each one names what its refusal must say.

Shared by the readers' tests (in-process, every case) and the command line's (a real `shuttle`
under a memory cap, a selection). Each `Hostile.write(folder)` fills an empty folder and
returns the path to give `shuttle`: a YAML file, or the folder of a Genius or GeniusWeb
scenario.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.engine.formats.genius_files import DOMAIN, profile, write_folder


@dataclass(frozen=True)
class Hostile:
    id: str
    write: Callable[[Path], Path]
    words: str  # what the one-line refusal must contain, besides the file's name

    def param(self) -> object:
        return pytest.param(self, id=self.id)


# --- YAML --------------------------------------------------------------------------------------

YAML = """issues:
  A: [x, y]
  B: [p, q]
parties:
  One:
    reservation: {reservation}
    weights: {{A: {weight}, B: {weight_b}}}
    values: {{A: [0, 1], B: [1, {value}]}}
  Two:
    weights: {{A: 1, B: 1}}
    values: {{A: [1, 0], B: [0, 1]}}
"""


def yaml_scenario(
    reservation: str = "0.1", weight: str = "1", weight_b: str = "1", value: str = "0"
) -> str:
    """A valid two-party YAML scenario, with the numbers a test wants to spoil."""
    return YAML.format(reservation=reservation, weight=weight, weight_b=weight_b, value=value)


def yaml_text(text: str) -> Callable[[Path], Path]:
    def write(folder: Path) -> Path:
        path = folder / "hostile.yaml"
        path.write_text(text, encoding="utf-8")
        return path

    return write


def yaml_bytes(data: bytes) -> Callable[[Path], Path]:
    def write(folder: Path) -> Path:
        path = folder / "hostile.yaml"
        path.write_bytes(data)
        return path

    return write


def alias_bomb() -> str:
    """Nine lines standing for 9^9 = 387 million values ("billion laughs")."""
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 9):
        aliases = ", ".join([f"*a{level - 1}"] * 9)
        lines.append(f"a{level}: &a{level} [{aliases}]")
    return "\n".join(lines) + "\nname: *a8\n"


def merge_bomb() -> str:
    """The same through merge keys, which PyYAML would flatten into 9^8 key-value pairs."""
    lines = ["m0: &m0 {k: v}"]
    for level in range(1, 9):
        merged = ", ".join([f"*m{level - 1}"] * 9)
        lines.append(f"m{level}: &m{level} {{<<: [{merged}]}}")
    return "\n".join(lines) + "\n"


def block_nesting(levels: int) -> str:
    return "".join(" " * level + "a:\n" for level in range(levels)) + " " * levels + "1\n"


def integer_issues(count: int, size: int) -> str:
    """Two parties over `count` integer issues of `size` values each, in a few lines."""
    issues = "".join(f"  I{i}: {{type: integer, min: 1, max: {size}}}\n" for i in range(count))
    weights = ", ".join(f"I{i}: 1" for i in range(count))
    lines = ", ".join(f"I{i}: {{at_min: 0, at_max: 1}}" for i in range(count))
    parties = "".join(
        f"  {party}:\n    weights: {{{weights}}}\n    values: {{{lines}}}\n" for party in "AB"
    )
    return f"issues:\n{issues}parties:\n{parties}"


def many_issues(count: int) -> str:
    issues = "".join(f"  I{i}: [x, y]\n" for i in range(count))
    return f"issues:\n{issues}parties:\n  A: {{}}\n  B: {{}}\n"


RECTANGLES = """issues:
  N: {type: integer, min: 0, max: 3}
parties:
  A:
    max_utility: 1.0e-300
    rectangles:
      - {utility: 1.0e+300, includes: {N: [0, 1]}}
  B:
    max_utility: 1
    rectangles:
      - {utility: 1, includes: {N: [2, 3]}}
"""

# --- GeniusWeb JSON ----------------------------------------------------------------------------

GW_DOMAIN = {"name": "d", "issuesValues": {"A": {"values": ["x", "y"]}, "B": {"values": ["p"]}}}
GW_PROFILE = (
    '{"LinearAdditiveUtilitySpace": {"issueUtilities": {'
    '"A": {"DiscreteValueSetUtilities": {"valueUtilities": {"x": %s, "y": 0.0}}}, '
    '"B": {"DiscreteValueSetUtilities": {"valueUtilities": {"p": 1.0}}}}, '
    '"issueWeights": {"A": %s, "B": %s}}}'
)


def geniusweb(
    utility: str = "1.0", weight: str = "0.5", weight_b: str = "0.5", raw: str | None = None
) -> Callable[[Path], Path]:
    """A GeniusWeb folder whose profile one.json holds the given numbers (or `raw` text)."""

    def write(folder: Path) -> Path:
        scenario = folder / "gw"
        scenario.mkdir()
        (scenario / "domain.json").write_text(json.dumps(GW_DOMAIN), encoding="utf-8")
        one = raw if raw is not None else GW_PROFILE % (utility, weight, weight_b)
        (scenario / "one.json").write_text(one, encoding="utf-8")
        (scenario / "two.json").write_text(GW_PROFILE % ("1.0", "1", "1"), encoding="utf-8")
        return scenario

    return write


# --- Genius XML --------------------------------------------------------------------------------


def genius(domain: str = DOMAIN, **spoiled: str) -> Callable[[Path], Path]:
    """A Genius folder whose profile a.xml is `profile(**spoiled)`."""

    def write(folder: Path) -> Path:
        return write_folder(folder / "gx", domain, a=profile(**spoiled), b=profile())

    return write


ENTITY_BOMB = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>\n'
    '<negotiation_template><utility_space><objective><issue index="1" name="&lol3;">'
    '<item value="a"/></issue></objective></utility_space></negotiation_template>'
)
EXTERNAL_ENTITY = (
    '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
    "<negotiation_template>&e;</negotiation_template>"
)
HUGE_INTEGER_ISSUE = (
    '<negotiation_template><utility_space><objective><issue index="1" name="N" '
    'type="integer" lowerbound="0" upperbound="10000000"/></objective></utility_space>'
    "</negotiation_template>"
)
LONG_INDEX = DOMAIN.replace('index="1" name="Color"', f'index="{"9" * 5000}" name="Color"')


def huge_folder(folder: Path) -> Path:
    """Three Genius files of 7 MiB each: every one under the limit, all three over it."""
    scenario = write_folder(folder / "gx")
    filler = "<!--" + "x" * (7 << 20) + "-->"
    for name in ("domain.xml", "a.xml", "b.xml"):
        path = scenario / name
        path.write_text(filler + path.read_text(encoding="utf-8"), encoding="utf-8")
    return scenario


def many_tags(folder: Path) -> Path:
    scenario = folder / "gx"
    scenario.mkdir()
    (scenario / "domain.xml").write_text("<a>" + "<b/>" * 1_000_001 + "</a>", encoding="utf-8")
    return scenario


# --- the cases ---------------------------------------------------------------------------------

DEEP = "nested too deep (more than 32 levels)"
NOT_FINITE = "is not a finite number"

NESTING = [
    Hostile("yaml-deep-list", yaml_text("[" * 100_000 + "]" * 100_000), DEEP),
    Hostile("yaml-deep-map", yaml_text("{a: " * 100_000 + "1" + "}" * 100_000), DEEP),
    Hostile("yaml-deep-indent", yaml_text(block_nesting(1_000)), DEEP),
    Hostile("json-deep-array", geniusweb(raw="[" * 100_000 + "]" * 100_000), DEEP),
    Hostile("json-deep-object", geniusweb(raw='{"a": ' * 100_000 + "1" + "}" * 100_000), DEEP),
    Hostile("json-nested-40", geniusweb(raw="[" * 40 + "]" * 40), DEEP),
]
HUGE_NUMBERS = [
    Hostile(
        "yaml-weights-overflow",
        yaml_text(yaml_scenario(weight="1.0e+308", weight_b="1.0e+308")),
        "the weights sum to more than the largest number (1.8e308)",
    ),
    Hostile(
        "json-weights-overflow",
        geniusweb(weight="1e308", weight_b="1e308"),
        "the weights sum to more than the largest number (1.8e308)",
    ),
    Hostile("yaml-5000-digits", yaml_text(yaml_scenario(weight="1" + "0" * 5000)), "is too long"),
    Hostile(
        "yaml-hex-integer",
        yaml_text(yaml_scenario(weight="0x" + "f" * 70)),
        "is too large: at most 9,223,372,036,854,775,807",
    ),
    Hostile(
        "json-5000-digits",
        geniusweb(weight="1" + "0" * 5000),
        f"issueWeights: 'A': weight inf {NOT_FINITE}",
    ),
    Hostile(
        "xml-5000-digits",
        genius(domain=LONG_INDEX),
        "the index attribute '9999",
    ),
]
NON_FINITE = [
    Hostile("yaml-nan-weight", yaml_text(yaml_scenario(weight=".nan")), f"'A' nan {NOT_FINITE}"),
    Hostile("yaml-inf-value", yaml_text(yaml_scenario(value=".inf")), f"utility inf {NOT_FINITE}"),
    Hostile(
        "yaml-minus-inf-reservation",
        yaml_text(yaml_scenario(reservation="-.inf")),
        f"reservation -inf {NOT_FINITE}",
    ),
    Hostile(
        "yaml-1e400-weight", yaml_text(yaml_scenario(weight="1.0e+400")), f"'A' inf {NOT_FINITE}"
    ),
    Hostile(
        "yaml-1e400-unsigned",
        yaml_text(yaml_scenario(weight="1e400")),
        "YAML reads it as text; write 1.0e+400",
    ),
    Hostile("json-nan-weight", geniusweb(weight="NaN"), f"weight nan {NOT_FINITE}"),
    Hostile("json-infinity-utility", geniusweb(utility="Infinity"), f"'x' inf {NOT_FINITE}"),
    Hostile("json-minus-infinity-weight", geniusweb(weight="-Infinity"), f"-inf {NOT_FINITE}"),
    Hostile("json-1e400-weight", geniusweb(weight="1e400"), f"weight inf {NOT_FINITE}"),
    Hostile(
        "xml-nan-weight",
        genius(weight="NaN"),
        f"<weight index=1>: the value attribute 'NaN' {NOT_FINITE}",
    ),
    Hostile("xml-inf-evaluation", genius(red="inf"), f"evaluation 'inf' {NOT_FINITE}"),
    Hostile(
        "xml-minus-inf-reservation",
        genius(extra='<reservation value="-inf"/>'),
        f"<reservation>: value '-inf' {NOT_FINITE}",
    ),
    Hostile("xml-1e400-weight", genius(weight="1e400"), f"'1e400' {NOT_FINITE}"),
]
ALIASES = [
    Hostile("yaml-alias-bomb", yaml_text(alias_bomb()), "aliases (*a0) are not allowed"),
    Hostile("yaml-merge-bomb", yaml_text(merge_bomb()), "aliases (*m0) are not allowed"),
]
FILES = [
    Hostile(
        "huge-yaml",
        yaml_text("# " + "x" * (16 << 20) + "\n"),
        "the file is larger than 16 MiB",
    ),
    Hostile("huge-folder", huge_folder, "21.0 MiB together; a scenario may hold at most 16 MiB"),
    Hostile("binary-yaml", yaml_bytes(bytes(range(256)) * 16), "not UTF-8 at byte offset 128"),
    Hostile(
        "utf16-yaml",
        yaml_bytes(yaml_scenario().encode("utf-16")),
        "it is UTF-16; save it as UTF-8",
    ),
    Hostile("nul-yaml", yaml_bytes(b"issues:\x00 [a]\n"), "control characters are not allowed"),
    Hostile(
        "binary-json",
        geniusweb(raw=bytes(range(128, 256)).decode("latin-1")),
        "not valid JSON",
    ),
    Hostile("xml-entity-bomb", genius(domain=ENTITY_BOMB), "(<!DOCTYPE>) are not allowed"),
    Hostile("xml-external-entity", genius(domain=EXTERNAL_ENTITY), "(<!DOCTYPE>) are not allowed"),
    Hostile("xml-many-tags", many_tags, "more than 1,000,000 XML tags"),
]
SIZES = [
    Hostile(
        "yaml-1e7-options",
        yaml_text(
            "issues:\n  N: {type: integer, min: 1, max: 10000000}\nparties: {A: {}, B: {}}\n"
        ),
        "the issue has 10,000,000 options; at most 1,000,000 are supported",
    ),
    Hostile(
        "xml-1e7-options",
        genius(domain=HUGE_INTEGER_ISSUE),
        "issue 'N' has 10,000,001 options; at most 1,000,000 are supported",
    ),
    Hostile(
        "yaml-100-huge-issues",
        yaml_text(integer_issues(100, 1_000_000)),
        "= 200,000,000 utilities; at most 4,000,000 are supported",
    ),
    Hostile(
        "yaml-2001-issues",
        yaml_text(many_issues(2_001)),
        "2,001 issues; at most 2,000 are supported",
    ),
    Hostile(
        "yaml-real-range",
        yaml_text(
            "issues:\n  P: {type: real, min: -1.0e+308, max: 1.0e+308}\nparties: {A: {}, B: {}}\n"
        ),
        "is wider than the largest number (1.8e308)",
    ),
    Hostile("yaml-rectangles", yaml_text(RECTANGLES), "exceed the largest number (1.8e308)"),
]
NAMES = [
    Hostile(
        "yaml-duplicate-key", yaml_text("issues:\n  A: [x]\n  A: [y]\n"), "key 'A' appears twice"
    ),
    Hostile(
        "json-duplicate-key",
        geniusweb(raw='{"LinearAdditiveUtilitySpace": {}, "LinearAdditiveUtilitySpace": {}}'),
        "key 'LinearAdditiveUtilitySpace' appears twice in one object",
    ),
    Hostile(
        "yaml-long-value",
        yaml_text(f"issues:\n  A: {{type: {'t' * 100_000}}}\nparties: {{A: {{}}, B: {{}}}}\n"),
        "type 'tttttttt",  # quoted, but cut short
    ),
]

EVERY = NESTING + HUGE_NUMBERS + NON_FINITE + ALIASES + FILES + SIZES + NAMES
