"""The Genius domain file: issues by position, their index attributes, names and options."""

from __future__ import annotations

from pathlib import Path

import pytest

from shuttle.engine.formats.errors import ScenarioError
from shuttle.engine.formats.genius_domain import read_domain
from shuttle.engine.formats.xml_text import read_xml
from shuttle.engine.space import DiscreteIssue, IntegerIssue, RealIssue
from tests.engine.formats.paths import DATA


def domain_of(text: str, tmp_path: Path) -> object:
    path = tmp_path / "d.xml"
    path.write_text(text, encoding="utf-8")
    return read_domain(path, read_xml(path))


def test_the_quirks_domain() -> None:
    path = DATA / "genius_quirks" / "quirks.xml"
    domain = read_domain(path, read_xml(path))
    accessory, guns, price = domain.space.issues
    # Trimmed names and options; the repeated item is one option; "&" and the euro sign survive.
    assert accessory == DiscreteIssue("Accessory", ("Camera", "AT & T", "\u20ac10", "Good battery"))
    assert guns == IntegerIssue("Guns", 1, 5)
    assert price == RealIssue("Price", 0.0, 1.0)
    assert domain.positions == {2: 0, 3: 1, 5: 2}  # numbered from 2, with a gap
    assert domain.issue_label(2) == '<issue index=5 name="Price">'


@pytest.mark.parametrize(
    ("issues", "problem"),
    [
        ('<issue index="1" name="A" type="discrete"/>', "issue 'A' has no options"),
        ('<issue index="1" type="discrete"><item value="x"/></issue>', "the issue has no name"),
        ('<issue index="x" name="A"/>', "the index attribute 'x' is not an integer"),
        ('<issue index="1" name="A" type="objective"/>', "issue type 'objective' is not supported"),
        (
            '<issue index="1" name="A" type="integer" lowerbound="5" upperbound="1"/>',
            "lowerbound 5 exceeds upperbound 1",
        ),
        (
            '<issue index="1" name="A" type="integer" lowerbound="0" upperbound="9999999"/>',
            "issue 'A' has 10,000,000 options; at most 1,000,000 are supported",
        ),
        (
            '<issue index="1" name="A" type="real"><range lowerbound="a" upperbound="1"/></issue>',
            "lowerbound 'a' is not a number",
        ),
        (
            '<issue index="1" name="A" type="discrete"><item value="x"/><item value=" x"/></issue>',
            "options 'x' differ only in surrounding spaces",
        ),
        (
            '<issue index="1" name="A" type="discrete"><item value="x"/></issue>'
            '<issue index="1" name="B" type="discrete"><item value="x"/></issue>',
            "two issues have index=1",
        ),
        (
            '<issue index="1" name="A" type="discrete"><item value="x"/></issue>'
            '<issue index="2" name=" A" type="discrete"><item value="x"/></issue>',
            "two issues are named 'A'",
        ),
    ],
)
def test_a_bad_issue_is_named(issues: str, problem: str, tmp_path: Path) -> None:
    text = f"<negotiation_template><utility_space><objective>{issues}</objective></utility_space>"
    text += "</negotiation_template>"
    with pytest.raises(ScenarioError) as caught:
        domain_of(text, tmp_path)
    assert caught.value.source.endswith("/d.xml")
    assert caught.value.element is not None and caught.value.element.startswith("<issue")
    assert problem in caught.value.problem


def test_a_domain_without_issues_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ScenarioError, match="the domain has no issues"):
        domain_of(
            "<negotiation_template><utility_space><objective/></utility_space></negotiation_template>",
            tmp_path,
        )
    with pytest.raises(ScenarioError, match="no <utility_space><objective>"):
        domain_of("<negotiation_template/>", tmp_path)
