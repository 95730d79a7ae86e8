"""ANAC 2014 hyper-rectangle profiles: Genius's reading of INCLUDES, EXCLUDES and maxutility."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from shuttle.engine.formats.errors import ScenarioError
from shuttle.engine.formats.genius_xml import read_genius
from shuttle.engine.preferences import HyperRectangle, HyperRectangleProfile, RectangleKind
from shuttle.engine.scenario import Scenario
from tests.engine.formats.paths import DATA

FOLDER = DATA / "genius_nonlinear"


def boxes() -> Scenario:
    files = [FOLDER / "boxes-domain.xml", FOLDER / "profile-1.xml", FOLDER / "profile-2.xml"]
    return read_genius(FOLDER, files)


def rectangles(scenario: Scenario, party: int) -> HyperRectangleProfile:
    profile = scenario.profiles[party]
    assert isinstance(profile, HyperRectangleProfile)
    return profile


def utilities(scenario: Scenario, party: int, *outcomes: tuple[int, int, int]) -> list[float]:
    profile = scenario.profiles[party]
    return [float(u) for u in profile.utility(scenario.space, np.array(outcomes))]


def test_rectangles_are_read_with_bounds_by_position() -> None:
    profile = rectangles(boxes(), 0)
    assert profile.max_utility == 100.0
    assert profile.rectangles == (
        HyperRectangle(RectangleKind.INCLUDES, 40.0, ((0, 0.0, 2.0), (2, 1.0, 4.0))),
        HyperRectangle(RectangleKind.EXCLUDES, 30.0, ((1, 0.0, 1.0),)),
        HyperRectangle(RectangleKind.INCLUDES, 20.0, ((1, 4.0, 4.0),)),  # utility 40 x weight 0.5
        HyperRectangle(RectangleKind.INCLUDES, 10.0, ((0, 2.0, 3.0),)),  # [0, 3] and [2, 4]
        HyperRectangle(RectangleKind.INCLUDES, 5.0, ()),  # no bounds: always counts
    )


def test_utilities_match_a_hand_computation() -> None:
    scenario = boxes()
    # (0,0,0): only the empty rectangle, 5/100. (2,4,1): all five, 105/100 capped at 1.
    # (3,2,0): EXCLUDES (y outside [0,1]) 30 + x in [2,3] 10 + 5. (4,1,4): only the empty one.
    assert utilities(scenario, 0, (0, 0, 0), (2, 4, 1), (3, 2, 0), (4, 1, 4)) == pytest.approx(
        [0.05, 1.0, 0.45, 0.05]
    )
    assert utilities(scenario, 1, (0, 2, 0), (0, 3, 0)) == [0.0, 1.0]


def test_reservation_and_discount() -> None:
    scenario = boxes()
    assert (rectangles(scenario, 0).reservation, rectangles(scenario, 0).discount) == (0.6, 0.5)
    assert (rectangles(scenario, 1).reservation, rectangles(scenario, 1).discount) == (0.0, None)


def write_profile(tmp_path: Path, ufun: str, maxutility: str = "100") -> Path:
    folder = tmp_path / "Boxes"
    folder.mkdir()
    (folder / "domain.xml").write_bytes((FOLDER / "boxes-domain.xml").read_bytes())
    (folder / "profile-2.xml").write_bytes((FOLDER / "profile-2.xml").read_bytes())
    (folder / "profile-1.xml").write_text(
        f'<utility_space><objective><utility maxutility="{maxutility}">{ufun}</utility>'
        "</objective></utility_space>",
        encoding="utf-8",
    )
    return folder


@pytest.mark.parametrize(
    ("ufun", "maxutility", "element", "problem"),
    [
        (
            '<ufun><hyperRectangle utility="1"><INCLUDES index="1" min="0" max="1"/>'
            '<EXCLUDES index="2" min="0" max="1"/></hyperRectangle></ufun>',
            "100",
            "<hyperRectangle> no. 1",
            "mixing INCLUDES and EXCLUDES is not supported",
        ),
        (
            '<ufun aggregation="max"><hyperRectangle utility="1"/></ufun>',
            "100",
            "<ufun>",
            "aggregation 'max' is not supported",
        ),
        ('<ufun weight="2"/>', "100", "<ufun>", "weight of 2 is not supported"),
        ("<ufun><ufun/></ufun>", "100", "<ufun>", "<ufun> inside <ufun> is not supported"),
        ("<ufun/><ufun/>", "100", "<utility>", "expected one <ufun>, found 2"),
        ("<ufun/>", "0", "<utility>", "maxutility 0.0 must be positive"),
        (
            '<ufun><hyperRectangle utility="1"><INCLUDES index="9" min="0" max="1"/>'
            "</hyperRectangle></ufun>",
            "100",
            "<hyperRectangle> no. 1 <INCLUDES index=9>",
            "the domain has no issue with index=9",
        ),
        (
            '<ufun><hyperRectangle utility="1"><INCLUDES index="1" min="0"/>'
            "</hyperRectangle></ufun>",
            "100",
            "<hyperRectangle> no. 1 <INCLUDES index=1>",
            "max is missing",
        ),
        (
            '<ufun><hyperRectangle utility="1"><AROUND index="1"/></hyperRectangle></ufun>',
            "100",
            "<hyperRectangle> no. 1",
            "<AROUND> is not a bound",
        ),
    ],
)
def test_what_genius_would_read_differently_is_refused(
    ufun: str, maxutility: str, element: str, problem: str, tmp_path: Path
) -> None:
    folder = write_profile(tmp_path, ufun, maxutility)
    with pytest.raises(ScenarioError) as caught:
        read_genius(folder, sorted(folder.glob("*.xml")))
    assert caught.value.source == "Boxes/profile-1.xml"
    assert caught.value.element == element
    assert problem in caught.value.problem


def test_a_domain_with_a_discrete_issue_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "Mixed"
    folder.mkdir()
    (folder / "domain.xml").write_text(
        "<negotiation_template><utility_space><objective>"
        '<issue index="1" name="c" type="discrete"><item value="a"/></issue>'
        "</objective></utility_space></negotiation_template>",
        encoding="utf-8",
    )
    body = (
        '<utility_space><objective><utility maxutility="1"><ufun><hyperRectangle utility="1">'
        '<INCLUDES index="1" min="0" max="1"/></hyperRectangle></ufun></utility></objective>'
        "</utility_space>"
    )
    for name in ("a", "b"):
        (folder / f"{name}.xml").write_text(body, encoding="utf-8")
    with pytest.raises(ScenarioError, match="needs integer or real issues; this one is discrete"):
        read_genius(folder, sorted(folder.glob("*.xml")))
