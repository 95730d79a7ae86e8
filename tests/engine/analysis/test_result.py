"""The JSON form of a result: plain types, integer options as ints, real issues as ranges."""

from __future__ import annotations

import json

from shuttle.engine.analysis.result import issue_dict
from shuttle.engine.space import DiscreteIssue, IntegerIssue, RealIssue


def test_issues_as_json() -> None:
    assert issue_dict(DiscreteIssue("d", ("a", "b"))) == {"name": "d", "values": ["a", "b"]}
    integer = issue_dict(IntegerIssue("n", -1, 1))
    assert integer == {"name": "n", "values": [-1, 0, 1]}
    assert all(type(v) is int for v in integer["values"])
    assert issue_dict(RealIssue("r", 0.5, 2.0, 4)) == {"name": "r", "min": 0.5, "max": 2.0}
    assert json.dumps(integer) == '{"name": "n", "values": [-1, 0, 1]}'
