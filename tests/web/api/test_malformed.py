"""Malformed requests are answered 422 with a message that names the field, and change
nothing in the record."""

from __future__ import annotations

import pytest

from tests.web.api.muscat import Muscat

MALFORMED = [
    ("statements", b"{not json", "body: not valid JSON"),
    ("statements", b"[]", "body"),
    ("statements", b'{"text": 42}', "body.text"),
    ("statements", b'{"text": "hi", "handling": "shout it"}', "body.handling"),
    ("statements", b'{"text": ""}', "body.text"),
    ("conveyances", b'{"statement": "three", "to": "Iran", "mode": "verbatim"}', "body.statement"),
    ("conveyances", b'{"statement": 3, "to": "Iran", "mode": "telepathy"}', "body.mode"),
    (
        "conveyances",
        b'{"statement": 99999999999, "to": "Iran", "mode": "verbatim"}',
        "body.statement",
    ),
    ("answers", b'{"accept": "maybe"}', "body.accept"),
    ("answers", b'{"accept": true, "comparison": "sideways"}', "body.comparison"),
    ("bid-bounds", b'{"bound": NaN}', "body.bound"),
    ("bid-bounds", b'{"bound": Infinity}', "body.bound"),
    ("profile", b'{"weights": [], "values": {}, "reservation": 0.5}', "body.weights"),
    ("agenda", b'{"issues": []}', "body.issues"),
    ("drafts", b'{"terms": {"a": 1}}', "body.terms.a"),
    ("incidents", b'{"text": "x", "drop": "lots"}', "body.drop"),
    ("offer-answers", b'{"via": 0, "accept": true}', "body.via"),
    ("signatures", b'{"head": 7}', "body.head"),
]


@pytest.mark.parametrize(("what", "body", "field"), MALFORMED)
def test_a_malformed_body_is_422_names_the_field_and_changes_nothing(
    muscat: Muscat, what: str, body: bytes, field: str
) -> None:
    before = muscat.head()
    for client in (muscat.us, muscat.mediator):
        answer = client.post(
            muscat.path(what), content=body, headers={"Content-Type": "application/json"}
        )
        assert answer.status_code == 422, answer.text
        problem = answer.json()
        assert problem["error"] == "invalid"
        assert problem["message"].startswith("malformed request: ")
        assert field in problem["message"]
        assert all({"loc", "msg", "type"} <= set(issue) for issue in problem["detail"])
    assert muscat.head() == before


def test_a_malformed_query_is_422(muscat: Muscat) -> None:
    answer = muscat.iran.get(muscat.path(), params={"after": "soon"})
    assert answer.status_code == 422
    assert "query.after" in answer.json()["message"]


def test_a_long_text_is_refused_without_being_echoed(muscat: Muscat) -> None:
    text = "x" * 20_001
    answer = muscat.us.post(muscat.path("statements"), json={"text": text})
    assert answer.status_code == 422
    assert "body.text" in answer.json()["message"]
    assert text not in answer.text
