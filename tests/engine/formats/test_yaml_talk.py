"""The YAML format's optional `talk:` and `escalation:` blocks: read as written, checked with
messages that say where and what, and written back unchanged."""

from __future__ import annotations

import textwrap

import pytest

from shuttle.engine.escalation import ScheduledIncident
from shuttle.engine.formats import load_scenario, write_yaml
from shuttle.engine.formats.errors import ScenarioError
from shuttle.engine.formats.yaml_format import parse_yaml
from shuttle.engine.scenario import Scenario, TalkSetup
from tests.engine.formats.paths import DATA

AGENDA = """
issues:
  Channel: [regular rounds, as needed, suspended]
parties:
  United States: {weights: {Channel: 1}, values: {Channel: [0.8, 1, 0]}}
  Iran: {weights: {Channel: 1}, values: {Channel: [1, 0.6, 0]}}
"""

TALK = """
talk:
  title: Muscat
  notice: "Illustrative: invented numbers."
  mediators: [Oman (mediator)]
  delegates:
    Iran: [Iran head of delegation]
    United States: [US head of delegation, US deputy]
escalation:
  - {after_round: 2, text: a drone attack, drop: 0.03, chance: 0.5}
  - after_round: 2
    text: a ship struck
    drop: 0.02
  - {after_round: 7, text: strikes, drop: 1}
"""


def parse(text: str) -> Scenario:
    return parse_yaml(textwrap.dedent(text), "F/s.yaml", "s")


def test_the_blocks_read_as_written() -> None:
    scenario = parse(AGENDA + TALK)
    assert scenario.talk == TalkSetup(
        title="Muscat",
        mediators=("Oman (mediator)",),
        delegates=(
            ("Iran head of delegation", "Iran"),
            ("US head of delegation", "United States"),
            ("US deputy", "United States"),
        ),
        notice="Illustrative: invented numbers.",
    )
    assert scenario.talk.delegates_of("United States") == ("US head of delegation", "US deputy")
    assert scenario.escalation == (
        ScheduledIncident(2, "a drone attack", 0.03, 0.5),
        ScheduledIncident(2, "a ship struck", 0.02),  # chance 1 unless given
        ScheduledIncident(7, "strikes", 1.0),
    )


def test_without_the_blocks_a_scenario_has_no_talk_and_no_escalation() -> None:
    scenario = parse(AGENDA)
    assert (scenario.talk, scenario.escalation) == (None, ())
    assert "talk:" not in write_yaml(scenario) and "escalation:" not in write_yaml(scenario)
    assert parse(AGENDA + "escalation: []\n").escalation == ()


@pytest.mark.parametrize("folder", ["genius_quirks", "geniusweb_new"])
def test_genius_and_geniusweb_scenarios_have_neither(folder: str) -> None:
    scenario = load_scenario(DATA / folder)
    assert (scenario.talk, scenario.escalation) == (None, ())


def test_the_blocks_are_written_back_unchanged() -> None:
    scenario = parse(AGENDA + TALK)
    text = write_yaml(scenario)
    assert "  mediators: [Oman (mediator)]\n" in text
    assert "    United States: [US head of delegation, US deputy]\n" in text
    assert "- after_round: 7\n  text: strikes\n  drop: 1.0\n" in text  # chance 1 left out
    assert parse_yaml(text, "written.yaml", "unused") == scenario


def test_a_notice_is_optional() -> None:
    without = parse(AGENDA + TALK.replace('  notice: "Illustrative: invented numbers."\n', ""))
    assert without.talk is not None and without.talk.notice is None
    assert "notice" not in write_yaml(without)


def with_talk(body: str) -> str:
    return AGENDA + "talk:\n" + textwrap.indent(textwrap.dedent(body), "  ")


GOOD_DELEGATES = "delegates: {United States: [US envoy], Iran: [Iran envoy]}\n"


def with_incident(incident: str) -> str:
    return AGENDA + f"escalation:\n  - {incident}\n"


@pytest.mark.parametrize(
    ("text", "element", "problem"),
    [
        (
            AGENDA + "talk: Muscat\n",
            "talk",
            "talk must be a mapping, not a str",
        ),
        (
            with_talk("title: T\nmediators: [Oman]\n" + GOOD_DELEGATES + "rooms: 2\n"),
            "talk",
            "unknown key 'rooms' in talk (expected title, notice, mediators, delegates)",
        ),
        (with_talk("mediators: [Oman]\n" + GOOD_DELEGATES), "talk", "talk needs 'title'"),
        (with_talk("title: T\n" + GOOD_DELEGATES), "talk", "talk needs 'mediators'"),
        (with_talk("title: '  '\nmediators: [Oman]\n" + GOOD_DELEGATES), "talk", "title is blank"),
        (
            with_talk("title: T\nnotice: 2024\nmediators: [Oman]\n" + GOOD_DELEGATES),
            "talk",
            "notice 2024 is a number, not text: quote it",
        ),
        (
            with_talk("title: T\nmediators: []\n" + GOOD_DELEGATES),
            "talk > mediators",
            "a talk needs at least one mediator",
        ),
        (
            with_talk("title: T\nmediators: Oman\n" + GOOD_DELEGATES),
            "talk > mediators",
            "mediators must be a list, not a str",
        ),
        (
            with_talk("title: T\nmediators: ['']\n" + GOOD_DELEGATES),
            "talk > mediators",
            "a mediator's name is empty",
        ),
        (
            with_talk("title: T\nmediators: [Iran]\n" + GOOD_DELEGATES),
            "talk > mediators",
            "mediator 'Iran' is a party's name",
        ),
        (
            with_talk("title: T\nmediators: [' Oman']\n" + GOOD_DELEGATES),
            "talk > mediators",
            "mediator ' Oman' has spaces at its start or end",
        ),
        (
            with_talk("title: T\nmediators: [Oman]\ndelegates: {Israel: [x], Iran: [y]}\n"),
            "talk > delegates",
            "'Israel' is not a party of the scenario ('United States', 'Iran')",
        ),
        (
            with_talk("title: T\nmediators: [Oman]\ndelegates: {Iran: [y]}\n"),
            "talk > delegates",
            "party 'United States' has no delegates: list at least one name",
        ),
        (
            with_talk("title: T\nmediators: [Oman]\ndelegates: {United States: [], Iran: [y]}\n"),
            "talk > delegates > United States",
            "no delegates: list at least one name",
        ),
        (
            with_talk("title: T\nmediators: [Oman]\ndelegates: {United States: x, Iran: [y]}\n"),
            "talk > delegates > United States",
            "the delegates of 'United States' must be a list",
        ),
        (
            with_talk("title: T\nmediators: [Oman]\ndelegates: {United States: [x], Iran: [x]}\n"),
            "talk > delegates > Iran",
            "delegate 'x' is named twice; every participant needs its own name",
        ),
        (
            with_talk("title: T\nmediators: [Oman]\ndelegates: {United States: [Oman], Iran: [y]}"),
            "talk > delegates > United States",
            "delegate 'Oman' is named twice",
        ),
        (AGENDA + "escalation: {after_round: 1}\n", "escalation", "escalation must be a list"),
        (
            with_incident("{after_round: 0, text: t, drop: 0.1}"),
            "escalation > no. 1",
            "after_round 0 must be at least 1 (the incident falls between that round and the next)",
        ),
        (
            with_incident("{after_round: 2.5, text: t, drop: 0.1}"),
            "escalation > no. 1",
            "after_round 2.5 is a number, not an integer",
        ),
        (
            with_incident("{after_round: 1, text: t, drop: 0}"),
            "escalation > no. 1",
            "drop 0.0 is outside (0, 1]",
        ),
        (
            with_incident("{after_round: 1, text: t, drop: 3}"),
            "escalation > no. 1",
            "drop 3.0 is outside (0, 1]",
        ),
        (
            with_incident("{after_round: 1, text: t, drop: 0.1, chance: 1.5}"),
            "escalation > no. 1",
            "chance 1.5 is outside (0, 1]",
        ),
        (
            with_incident("{after_round: 1, text: t, drop: 0.1, chance: 0}"),
            "escalation > no. 1",
            "chance 0.0 is outside (0, 1]",
        ),
        (
            with_incident("{after_round: 1, drop: 0.1}"),
            "escalation > no. 1",
            "an incident needs 'text'",
        ),
        (
            with_incident("{after_round: 1, text: t, drop: 0.1, round: 2}"),
            "escalation > no. 1",
            "unknown key 'round' in an incident (expected after_round, text, drop, chance)",
        ),
        (
            with_incident("{after_round: 5, text: t, drop: 0.1}")
            + "  - {after_round: 2, text: u, drop: 0.1}\n",
            "escalation > no. 2",
            "after_round 2 comes before no. 1's after_round 5: list incidents in the order",
        ),
    ],
)
def test_a_bad_block_names_the_place_and_problem(
    text: str, element: str | None, problem: str
) -> None:
    with pytest.raises(ScenarioError) as caught:
        parse_yaml(text, "F/s.yaml", "s")
    assert caught.value.source == "F/s.yaml"
    assert caught.value.element == element
    assert problem in caught.value.problem
