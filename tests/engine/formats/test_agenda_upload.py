"""A talk's agenda from one GeniusWeb file: a domain alone, or a profile holding its domain,
is enough (a talk needs the issues, never the profiles); anything else is read, or refused, as
any scenario upload is."""

from __future__ import annotations

import json

import pytest

from shuttle.engine import ScenarioError
from shuttle.engine.formats.upload import agenda_scenario_from_upload, scenario_from_upload
from tests.engine.formats.test_upload import GENIUS, PICNIC, in_folder, web_profile, zipped


def issues_of(filename: str, data: bytes) -> list[tuple[str, tuple[object, ...]]]:
    space = agenda_scenario_from_upload(filename, data).space
    return [(issue.name, tuple(issue.values)) for issue in space.issues]


def test_a_geniusweb_domain_alone_gives_the_agenda() -> None:
    scenario = agenda_scenario_from_upload("picnic.json", json.dumps(PICNIC).encode())
    assert scenario.name == "picnic" and scenario.parties == () and scenario.profiles == ()
    assert issues_of("picnic.json", json.dumps(PICNIC).encode()) == [
        ("food", ("bread", "cheese")),
        ("drink", ("tea", "juice")),
    ]


def test_a_profile_holding_its_domain_gives_the_agenda() -> None:
    profile = web_profile("ann", 1.0, 0.0).encode()
    assert issues_of("ann.json", profile)[0] == ("food", ("bread", "cheese"))


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ({"something": "else"}, "neither a GeniusWeb domain"),
        ({"name": "x", "issuesValues": {}}, "the domain has no issues"),
        ({"name": "x", "issuesValues": {"n": {"range": [0, 9]}}}, "only discrete issues"),
    ],
)
def test_what_is_no_domain_is_refused_in_words(content: object, words: str) -> None:
    with pytest.raises(ScenarioError, match=words):
        agenda_scenario_from_upload("x.json", json.dumps(content).encode())


def test_every_other_upload_is_read_as_a_scenario() -> None:
    archive = zipped(in_folder("colors", GENIUS))
    assert agenda_scenario_from_upload("c.zip", archive) == scenario_from_upload("c.zip", archive)
    with pytest.raises(ScenarioError, match="JSON"):
        agenda_scenario_from_upload("x.json", b"{not json")
