"""The API names its own body fields and routes for a refusal's hint."""

from __future__ import annotations

from shuttle.talks import Hint
from shuttle.web.hints import api_hint


def test_a_field_and_its_value_are_fields_of_the_error_body() -> None:
    assert api_hint(Hint(field="mode", value="verbatim")) == {"field": "mode", "value": "verbatim"}
    assert api_hint(Hint(field="number")) == {"field": "number"}


def test_an_action_names_the_route_to_use() -> None:
    assert api_hint(Hint(action="say")) == {"use": "POST /api/talks/{talk}/statements"}
    assert api_hint(None) == {} and api_hint(Hint()) == {}
