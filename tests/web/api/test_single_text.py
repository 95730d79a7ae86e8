"""The single negotiating text through the API: the agenda, drafts, private answers (accept,
prefer, comparison, comment), agreement when every party accepts, and signatures."""

from __future__ import annotations

from shuttle.talks.single_text.events import intent_to_sign
from tests.web.api.muscat import (
    DETAINEES,
    IRAN,
    SANCTIONS,
    SHIPPING,
    TERMS,
    US,
    US_HEAD,
    Muscat,
    kinds,
)


def test_the_mediator_replaces_the_agenda_while_nothing_rests_on_it(muscat: Muscat) -> None:
    issues = [{"name": "Prisoners", "options": ["none", "some", "all"]}]
    [event] = muscat.act(muscat.mediator, "agenda", {"issues": issues})
    assert event["kind"] == "agenda-set"
    assert event["issues"] == issues
    assert muscat.view(muscat.iran)[-1]["issues"] == issues  # circulated to every room
    refusal = muscat.refused(muscat.us, "agenda", {"issues": issues})
    assert refusal["rule"] == "only a mediator sets the agenda"


def test_answers_are_private_and_agreement_needs_everyone(muscat: Muscat) -> None:
    [drafted] = muscat.act(
        muscat.mediator, "drafts", {"terms": TERMS, "clauses": ["Review in six months"]}
    )
    assert (drafted["kind"], drafted["version"]) == ("drafted", 1)
    assert kinds(muscat.view(muscat.iran))[-1] == "drafted"
    [no] = muscat.act(
        muscat.iran,
        "answers",
        {
            "accept": False,
            "prefer": {SANCTIONS: "humanitarian funds released"},
            "comment": "Iran needs sanctions relief",
        },
    )
    assert (no["kind"], no["party"], no["accept"]) == ("answered", IRAN, False)
    assert no["prefer"] == [[SANCTIONS, "humanitarian funds released"]]
    # The mediator reads Iran's answer; the United States never does.
    assert "Iran needs sanctions relief" in str(muscat.view(muscat.mediator))
    assert "Iran needs sanctions relief" not in str(muscat.view(muscat.us))
    assert "answered" not in kinds(muscat.view(muscat.us))

    terms = {**TERMS, SANCTIONS: "humanitarian funds released"}
    muscat.act(muscat.mediator, "drafts", {"terms": terms})
    superseded = muscat.refused(muscat.us, "answers", {"accept": True, "version": 1})
    assert "superseded" in superseded["rule"]
    muscat.act(muscat.us, "answers", {"accept": True, "version": 2, "comparison": "worse"})
    events = muscat.act(muscat.iran, "answers", {"accept": True, "comparison": "better"})
    assert kinds(events) == ["answered", "agreed"]
    agreed = events[1]
    assert (agreed["reached_on"], agreed["ref"]) == ("draft", 2)
    assert dict(agreed["terms"]) == terms
    assert "agreed" in kinds(muscat.view(muscat.us))


def test_the_parties_sign_at_the_head_they_saw(muscat: Muscat) -> None:
    muscat.act(muscat.mediator, "drafts", {"terms": TERMS})
    nothing = muscat.refused(muscat.us, "signatures", {"intent": True})
    assert nothing["rule"] == "there is no agreement to sign"
    muscat.act(muscat.us, "answers", {"accept": True})
    [agreed] = muscat.act(muscat.iran, "answers", {"accept": True})[-1:]
    stale = muscat.head()
    muscat.act(muscat.mediator, "notes", {"text": "the record moves on"})
    moved = muscat.refused(muscat.us, "signatures", {"head": stale, "intent": True})
    assert "view the talk again" in moved["allowed"]
    # A signature needs the signer's confirmed intent, for the agreed text.
    unmeant = muscat.refused(muscat.us, "signatures", {"head": muscat.head()})
    assert "confirmation that you intend to sign electronically" in unmeant["rule"]
    other = {"head": muscat.head(), "intent": True, "text_hash": "0" * 64}
    assert "not the agreed text" in muscat.refused(muscat.us, "signatures", other)["rule"]
    body = {"head": muscat.head(), "intent": True, "text_hash": agreed["text_hash"]}
    [signed] = muscat.act(muscat.us, "signatures", body)
    assert (signed["kind"], signed["party"], signed["by"]) == ("signed", US, US_HEAD)
    assert signed["intent"] == intent_to_sign(US_HEAD, US, agreed["text_hash"])
    # Iran learns which US delegate signed: a signature is meant for the other side.
    [seen] = [e for e in muscat.view(muscat.iran) if e["kind"] == "signed"]
    assert (seen["by"], seen["party"]) == (US_HEAD, US)
    [iran_signed] = muscat.act(muscat.iran, "signatures", {"intent": True})
    assert iran_signed["head"].startswith(f"{iran_signed['seq'] - 1}:")


def test_a_draft_must_name_an_option_for_every_issue(muscat: Muscat) -> None:
    partial = {SHIPPING: "all attacks halted"}
    refusal = muscat.refused(muscat.mediator, "drafts", {"terms": partial}, status=422)
    assert refusal["error"] == "invalid"
    assert SANCTIONS in refusal["message"] or DETAINEES in refusal["message"]
    unknown = {**TERMS, SHIPPING: "a fleet of swans"}
    refusal = muscat.refused(muscat.mediator, "drafts", {"terms": unknown}, status=422)
    assert "a fleet of swans" in refusal["message"]
