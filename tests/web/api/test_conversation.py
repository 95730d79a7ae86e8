"""The conversation through the API: speaking under each handling, carrying words between
rooms verbatim or paraphrased, releasing, notes and the joint room -- each participant seeing
exactly its own view."""

from __future__ import annotations

from tests.web.api.muscat import IRAN, MEDIATOR, US, US_HEAD, Muscat, kinds


def texts(events: list[dict[str, object]]) -> list[object]:
    return [e.get("text") for e in events]


def test_a_delegate_speaks_under_each_handling_and_only_its_room_hears(muscat: Muscat) -> None:
    said = {
        handling: muscat.act(
            muscat.us, "statements", {"text": f"US words, {handling}", "handling": handling}
        )
        for handling in ("mediator-only", "verbatim-only", "may-convey")
    }
    default = muscat.act(muscat.us, "statements", {"text": "US words, by default"})
    for handling, events in said.items():
        [event] = events
        assert (event["kind"], event["room"], event["by"]) == ("said", US, US_HEAD)
        assert event["handling"] == handling
    assert default[0]["handling"] == "mediator-only"  # the talk's default
    spoken = [e[0]["text"] for e in [*said.values(), default]]
    assert set(spoken) <= set(texts(muscat.view(muscat.mediator)))
    assert set(spoken) <= set(texts(muscat.view(muscat.us)))
    assert not set(spoken) & set(texts(muscat.view(muscat.iran)))


def test_the_mediator_speaks_in_a_named_room(muscat: Muscat) -> None:
    [event] = muscat.act(muscat.mediator, "statements", {"text": "Welcome to Muscat", "room": IRAN})
    assert (event["room"], event["by"]) == (IRAN, MEDIATOR)
    assert "Welcome to Muscat" in texts(muscat.view(muscat.iran))
    assert "Welcome to Muscat" not in texts(muscat.view(muscat.us))
    refusal = muscat.refused(muscat.mediator, "statements", {"text": "where?"}, status=422)
    assert refusal["error"] == "invalid"
    assert "names the room" in refusal["message"]


def test_a_paraphrase_reaches_the_other_room_with_its_source_party(muscat: Muscat) -> None:
    [said] = muscat.act(
        muscat.us, "statements", {"text": "We could pause strikes", "handling": "may-convey"}
    )
    [carried] = muscat.act(
        muscat.mediator,
        "conveyances",
        {"statement": said["seq"], "to": IRAN, "mode": "paraphrase", "text": "A pause is possible"},
    )
    assert (carried["kind"], carried["mode"], carried["source"]) == (
        "conveyed",
        "paraphrase",
        said["seq"],
    )
    [seen] = [e for e in muscat.view(muscat.iran) if e["kind"] == "conveyed"]
    assert (seen["text"], seen["from_room"], seen["mode"]) == (
        "A pause is possible",
        US,
        "paraphrase",
    )
    assert "source" not in seen  # where the words sat in the US room stays there
    assert "We could pause strikes" not in str(muscat.view(muscat.iran))
    [told] = [e for e in muscat.view(muscat.us) if e["kind"] == "conveyed"]
    assert (told["text"], told["to_room"], told["source"]) == (
        "A pause is possible",
        IRAN,
        said["seq"],
    )


def test_verbatim_only_words_travel_word_for_word_or_not_at_all(muscat: Muscat) -> None:
    [said] = muscat.act(
        muscat.us, "statements", {"text": "Exactly these words", "handling": "verbatim-only"}
    )
    refusal = muscat.refused(
        muscat.mediator,
        "conveyances",
        {"statement": said["seq"], "to": IRAN, "mode": "paraphrase", "text": "roughly this"},
    )
    assert refusal["error"] == "refused"
    assert "verbatim-only" in refusal["rule"]
    # The refusal speaks the talk's words; the API's hint names the body's field to change.
    assert "word for word" in refusal["allowed"] and "--" not in refusal["message"]
    assert (refusal["field"], refusal["value"]) == ("mode", "verbatim")
    muscat.act(
        muscat.mediator, "conveyances", {"statement": said["seq"], "to": IRAN, "mode": "verbatim"}
    )
    [seen] = [e for e in muscat.view(muscat.iran) if e["kind"] == "conveyed"]
    assert (seen["text"], seen["mode"]) == ("Exactly these words", "verbatim")


def test_mediator_only_words_stay_until_their_party_releases_them(muscat: Muscat) -> None:
    [said] = muscat.act(muscat.us, "statements", {"text": "Only for Oman"})
    carry = {"statement": said["seq"], "to": IRAN, "mode": "verbatim"}
    refusal = muscat.refused(muscat.mediator, "conveyances", carry)
    assert "never leaves its room" in refusal["rule"]
    assert refusal["allowed"]
    # Iran cannot release a US statement: to Iran it does not exist.
    assert (
        muscat.refused(
            muscat.iran,
            "releases",
            {"statement": said["seq"], "handling": "may-convey"},
            status=404,
        )["error"]
        == "notfound"
    )
    [released] = muscat.act(
        muscat.us, "releases", {"statement": said["seq"], "handling": "verbatim-only"}
    )
    assert (released["kind"], released["handling"]) == ("released", "verbatim-only")
    muscat.act(muscat.mediator, "conveyances", carry)
    assert "Only for Oman" in texts(muscat.view(muscat.iran))


def test_notes_are_the_mediators_alone(muscat: Muscat) -> None:
    [note] = muscat.act(muscat.mediator, "notes", {"text": "Iran seems flexible on shipping"})
    assert note["kind"] == "noted"
    assert "Iran seems flexible on shipping" in texts(muscat.view(muscat.mediator))
    for delegate in (muscat.us, muscat.iran):
        assert "Iran seems flexible" not in str(muscat.view(delegate))
    refusal = muscat.refused(muscat.us, "notes", {"text": "a delegate's note"})
    assert refusal["rule"] == "only mediators keep private notes"


def test_the_joint_room_opens_when_every_party_consents(muscat: Muscat) -> None:
    early = muscat.refused(muscat.us, "statements", {"text": "hello all", "room": "joint"})
    assert "joint room opens only after" in early["rule"]
    assert kinds(muscat.act(muscat.us, "consent")) == ["consented"]
    assert kinds(muscat.act(muscat.iran, "consent")) == ["consented", "joint-opened"]
    muscat.act(muscat.us, "statements", {"text": "Hello, everyone", "room": "joint"})
    assert "Hello, everyone" in texts(muscat.view(muscat.iran))


def test_a_delegate_cannot_speak_in_the_other_partys_room(muscat: Muscat) -> None:
    refusal = muscat.refused(muscat.iran, "statements", {"text": "x", "room": US}, status=404)
    assert refusal["error"] == "notfound"
    refusal = muscat.refused(
        muscat.us, "conveyances", {"statement": 1, "to": IRAN, "mode": "verbatim"}
    )
    assert refusal["rule"] == "only a mediator carries statements between rooms"
