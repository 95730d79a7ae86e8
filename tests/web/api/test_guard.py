"""The leak guard through the API: a mediator's words checked, never sent; a delegate refused
like any mediator-only command."""

from __future__ import annotations

from tests.web.api.muscat import IRAN, US, Muscat


def test_a_paraphrase_carrying_a_kept_date_is_warned_of_and_nothing_is_recorded(
    muscat: Muscat,
) -> None:
    [said] = muscat.act(
        muscat.iran, "statements", {"text": "We can sign nothing after June 30."}
    )  # mediator-only, the talk's default
    before = muscat.head()
    answer = muscat.mediator.post(
        muscat.path("guard"), json={"to": US, "text": "They need it done by the end of June."}
    )
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["talk"] == muscat.talk
    [warning] = body["warnings"]
    assert warning["source"] == said["seq"] and warning["room"] == IRAN
    assert warning["why"].startswith("mediator-only")
    assert {"what": "date", "said": "end of June", "source": "June 30"}.items() <= {
        k: v for k, v in warning["close"][0].items() if k != "score"
    }.items()
    quiet = muscat.mediator.post(
        muscat.path("guard"), json={"to": US, "text": "Shall we meet again tomorrow?"}
    )
    assert quiet.json()["warnings"] == []
    assert muscat.head() == before


def test_a_delegate_or_an_unknown_room_is_refused(muscat: Muscat) -> None:
    refusal = muscat.refused(muscat.us, "guard", {"to": IRAN, "text": "x"})
    assert refusal["error"] == "refused" and "only a mediator" in refusal["message"]
    missing = muscat.refused(muscat.mediator, "guard", {"to": "Nowhere", "text": "x"}, status=404)
    assert missing["field"] == "to"
    unknown = muscat.refused(
        muscat.mediator, "guard", {"to": US, "text": "x", "source": 999}, status=404
    )
    assert unknown["field"] == "source"
    empty = muscat.refused(muscat.mediator, "guard", {"to": US, "text": ""}, status=422)
    assert "text" in str(empty)
