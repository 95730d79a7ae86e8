"""The single negotiating text: drafts, the parties' private answers, "nothing is agreed until
everything is agreed", signatures, closing without agreement, and incidents."""

from __future__ import annotations

import json

import pytest

from shuttle.talks import (
    AgreementView,
    Answer,
    AnswerOffer,
    AnswerProposal,
    Bid,
    Close,
    ClosingView,
    Command,
    Comparison,
    Consent,
    Convey,
    Draft,
    DraftView,
    Handling,
    IncidentView,
    Invalid,
    Join,
    Mode,
    Note,
    NotFound,
    Offer,
    OpenBid,
    Propose,
    Refused,
    Release,
    ReportIncident,
    Role,
    Say,
    Seen,
    SetAgenda,
    Sign,
    SignatureView,
    Source,
    SubmitProfile,
)
from shuttle.talks.agenda import text_hash
from shuttle.talks.single_text.events import (
    Agreed,
    Answered,
    Closed,
    Drafted,
    IncidentReported,
    Signed,
    intent_to_sign,
)
from tests.talks.driver import (
    AGENDA,
    IRAN,
    TERMS,
    US,
    Talk,
    head,
    open_negotiation,
    refused,
)

OTHER: tuple[tuple[str, str], ...] = (("Enrichment", "60"), ("Sanctions", "full"))
PROFILE = SubmitProfile(
    "Iranian FM",
    (("Enrichment", 1.0), ("Sanctions", 1.0)),
    tuple((issue, option, 0.5) for issue, options in AGENDA for option in options),
    0.3,
)


def agree(talk: Talk, clauses: tuple[str, ...] = ("Inspections resume.",)) -> Agreed:
    """Draft TERMS with `clauses`, and have both parties accept it."""
    talk.do(Draft("Oman", TERMS, clauses))
    talk.do(Answer("US Envoy", True))
    events = talk.do(Answer("Iranian FM", True))
    assert isinstance(events[-1], Agreed)
    return events[-1]


def settle_enrichment_at_20(talk: Talk) -> None:
    """A blind bid settles Enrichment at '20' (the overlap [10, 30] holds only that option)."""
    talk.do(OpenBid("Oman", "Enrichment", US, IRAN))
    talk.do(Bid("US Envoy", 10))
    talk.do(Bid("Iranian FM", 30))
    assert talk.state.negotiation.settled == {"Enrichment": "20"}


def kinds(talk: Talk, name: str) -> list[type[Seen]]:
    return [type(seen) for seen in talk.view(name)]


# -- drafts ---------------------------------------------------------------------------------------


def test_a_mediator_circulates_version_1() -> None:
    talk = open_negotiation()
    events = talk.do(Draft("Oman", TERMS, ("  First clause.  ",)))
    assert events == [Drafted("Oman", 1, TERMS, ("First clause.",))]
    current = talk.state.negotiation.current
    assert current is not None and current.version == 1 and current.seq == talk.last
    for name in ("Oman", "US Envoy", "Iranian FM"):
        assert kinds(talk, name)[-1] is DraftView


def test_versions_increment_with_every_change_of_option_or_clause() -> None:
    talk = open_negotiation()
    talk.do(Draft("Oman", TERMS))
    talk.do(Draft("Oman", OTHER))
    talk.do(Draft("Oman", OTHER, ("A clause.",)))
    talk.do(Draft("Oman", OTHER, ("Another clause.",)))
    assert [d.version for d in talk.state.negotiation.drafts] == [1, 2, 3, 4]


@pytest.mark.parametrize("actor", ["US Envoy", "Iranian FM"])
def test_only_a_mediator_drafts(actor: str) -> None:
    talk = open_negotiation()
    refused(
        talk,
        Draft(actor, TERMS),
        Refused,
        "only a mediator writes the single text",
        "offer terms in your room",
    )


def test_a_draft_identical_to_the_current_version_is_refused() -> None:
    talk = open_negotiation()
    talk.do(Draft("Oman", TERMS, ("A clause.",)))
    same = (("Sanctions", "partial"), ("Enrichment", " 20 "))  # other order, other spacing
    refused(
        talk,
        Draft("Oman", same, (" A clause. ",)),
        Refused,
        "version 1 already says exactly this",
        "change an option or a clause",
    )


def test_an_earlier_version_may_come_back_as_a_new_version() -> None:
    talk = open_negotiation()
    talk.do(Draft("Oman", TERMS))
    talk.do(Draft("Oman", OTHER))
    [event] = talk.do(Draft("Oman", TERMS))
    assert isinstance(event, Drafted) and event.version == 3


def test_a_draft_keeps_what_a_blind_bid_settled() -> None:
    talk = open_negotiation()
    settle_enrichment_at_20(talk)
    refused(
        talk,
        Draft("Oman", OTHER),
        Refused,
        "'Enrichment' was settled at '20' by a blind bid",
        "keep Enrichment=20 in the terms",
    )
    talk.do(Draft("Oman", TERMS))


def test_a_draft_refuses_malformed_clauses() -> None:
    talk = open_negotiation()
    refused(talk, Draft("Oman", TERMS, ("ok", " ")), Invalid, "clause is empty")
    refused(talk, Draft("Oman", TERMS, ("c",) * 51), Invalid, "at most 50 clauses")


# -- answers --------------------------------------------------------------------------------------


def test_a_delegate_answers_the_current_version_for_its_party() -> None:
    talk = open_negotiation()
    talk.do(Draft("Oman", TERMS))
    talk.do(Draft("Oman", OTHER))
    events = talk.do(
        Answer(
            "US Deputy",
            False,
            version=2,
            prefer=(("Sanctions", "none"), ("Enrichment", "3.67")),
            comparison=Comparison.WORSE,
            comment="  Too far.  ",
        )
    )
    assert events == [
        Answered(
            by="US Deputy",
            party=US,
            version=2,
            accept=False,
            prefer=(("Enrichment", "3.67"), ("Sanctions", "none")),
            comparison=Comparison.WORSE,
            comment="Too far.",
        )
    ]
    answer = talk.state.negotiation.answers[(2, US)]
    assert not answer.accept and answer.seq == talk.last


def test_a_mediator_does_not_answer() -> None:
    talk = open_negotiation()
    talk.do(Draft("Oman", TERMS))
    refused(talk, Answer("Oman", True), Refused, "only a party's delegate answers the text")


def test_an_answer_needs_a_draft() -> None:
    talk = open_negotiation()
    refused(talk, Answer("US Envoy", True), Refused, "no draft has been circulated yet")


def test_a_superseded_version_is_refused_and_a_future_one_not_found() -> None:
    talk = open_negotiation()
    talk.do(Draft("Oman", TERMS))
    talk.do(Draft("Oman", OTHER))
    refused(
        talk,
        Answer("US Envoy", True, version=1),
        Refused,
        "version 1 has been superseded by version 2",
        "answer version 2",
    )
    for version in (3, 0, -1):
        message = refused(talk, Answer("US Envoy", True, version=version), NotFound)
        assert message == f"version {version} not found; the current version is 2"


def test_a_comparison_needs_an_earlier_version() -> None:
    talk = open_negotiation()
    talk.do(Draft("Oman", TERMS))
    refused(
        talk,
        Answer("US Envoy", True, comparison=Comparison.BETTER),
        Invalid,
        "version 1 has no earlier version to compare with",
    )
    talk.do(Draft("Oman", OTHER))
    [answered] = talk.do(Answer("US Envoy", False, comparison=Comparison.SAME))
    assert isinstance(answered, Answered) and answered.comparison is Comparison.SAME


def test_prefer_names_options_other_than_the_drafts() -> None:
    talk = open_negotiation()
    talk.do(Draft("Oman", TERMS))
    refused(
        talk,
        Answer("US Envoy", False, prefer=(("Enrichment", "20"),)),
        Invalid,
        "version 1 already has '20' on 'Enrichment'",
        "an option you want instead of the draft's",
    )
    refused(
        talk,
        Answer("US Envoy", False, prefer=(("Stockpile", "0"),)),
        Invalid,
        "your preferences name issue 'Stockpile', which is not on the agenda",
    )
    refused(
        talk,
        Answer("US Envoy", False, prefer=(("Sanctions", "some"),)),
        Invalid,
        "'some' is not an option of 'Sanctions'",
    )
    [answered] = talk.do(Answer("US Envoy", False, prefer=(("Sanctions", "full"),)))
    assert isinstance(answered, Answered) and answered.prefer == (("Sanctions", "full"),)


def test_prefer_cannot_reopen_a_settled_issue() -> None:
    talk = open_negotiation()
    settle_enrichment_at_20(talk)
    talk.do(Draft("Oman", TERMS))
    refused(
        talk,
        Answer("US Envoy", False, prefer=(("Enrichment", "60"),)),
        Refused,
        "'Enrichment' was settled by a blind bid",
        "state preferences on open issues",
    )


def test_an_empty_comment_is_invalid() -> None:
    talk = open_negotiation()
    talk.do(Draft("Oman", TERMS))
    refused(talk, Answer("US Envoy", True, comment="  "), Invalid, "comment is empty")


def test_a_later_answer_of_a_party_replaces_its_earlier_one() -> None:
    talk = open_negotiation()
    talk.do(Draft("Oman", TERMS))
    talk.do(Answer("US Envoy", False))
    talk.do(Answer("US Deputy", True))
    answers = talk.state.negotiation.answers
    assert answers[(1, US)].accept and answers[(1, US)].seq == talk.last
    assert len(answers) == 1


def test_answers_are_seen_by_their_party_and_the_mediator_only() -> None:
    talk = open_negotiation()
    talk.do(Draft("Oman", TERMS))
    talk.do(Answer("US Envoy", False, comment="US reasons"))
    seq = talk.last
    assert seq in talk.seqs("Oman") and seq in talk.seqs("US Deputy")
    assert seq not in talk.seqs("Iranian FM")
    assert "US reasons" not in json.dumps([s.to_dict() for s in talk.view("Iranian FM")])


# -- nothing is agreed until everything is agreed ------------------------------------------------


def test_agreement_needs_every_partys_acceptance_of_the_same_version() -> None:
    talk = open_negotiation()
    talk.do(Draft("Oman", TERMS, ("Inspections resume.",)))
    assert isinstance(talk.do(Answer("Iranian FM", True))[-1], Answered)
    assert talk.state.negotiation.agreement is None
    events = talk.do(Answer("US Envoy", True))
    assert [type(e) for e in events] == [Answered, Agreed]
    assert events[1] == Agreed(
        reached_on=Source.DRAFT,
        ref=1,
        terms=TERMS,
        clauses=("Inspections resume.",),
        text_hash=text_hash(TERMS, ("Inspections resume.",)),
    )
    agreement = talk.state.negotiation.agreement
    assert agreement is not None and agreement.seq == talk.last and agreement.ref == 1


def test_a_rejection_blocks_agreement() -> None:
    talk = open_negotiation()
    talk.do(Draft("Oman", TERMS))
    talk.do(Answer("Iranian FM", False))
    assert len(talk.do(Answer("US Envoy", True))) == 1
    assert talk.state.negotiation.agreement is None


def test_the_partys_latest_answer_counts_not_any_delegates() -> None:
    talk = open_negotiation()
    talk.do(Draft("Oman", TERMS))
    talk.do(Answer("US Envoy", True))
    talk.do(Answer("US Deputy", False))  # replaces the Envoy's acceptance
    assert len(talk.do(Answer("Iranian FM", True))) == 1
    assert talk.state.negotiation.agreement is None
    events = talk.do(Answer("US Envoy", True))
    assert isinstance(events[-1], Agreed)


def test_an_acceptance_repeated_by_one_party_alone_is_no_agreement() -> None:
    talk = open_negotiation()
    talk.do(Draft("Oman", TERMS))
    talk.do(Answer("US Envoy", True))
    assert len(talk.do(Answer("US Deputy", True))) == 1


def test_a_new_version_resets_the_answers() -> None:
    talk = open_negotiation()
    talk.do(Draft("Oman", TERMS))
    talk.do(Answer("Iranian FM", True))
    talk.do(Draft("Oman", OTHER))
    assert len(talk.do(Answer("US Envoy", True))) == 1
    events = talk.do(Answer("Iranian FM", True))
    assert isinstance(events[-1], Agreed)
    assert events[-1].ref == 2 and events[-1].terms == OTHER


def test_the_text_hash_changes_with_any_clause_or_option() -> None:
    base = text_hash(TERMS, ("One.", "Two."))
    assert len(base) == 64 and int(base, 16) >= 0
    assert text_hash(TERMS, ("One.", "Two.")) == base
    assert text_hash(TERMS, ("One.", "Two!")) != base
    assert text_hash(TERMS, ("Two.", "One.")) != base
    assert text_hash(TERMS, ("One.",)) != base
    assert text_hash(OTHER, ("One.", "Two.")) != base


def test_agreements_on_texts_differing_in_a_clause_have_different_hashes() -> None:
    first, second = open_negotiation(), open_negotiation()
    assert agree(first, ("Clause.",)).text_hash != agree(second, ("Clause!",)).text_hash


def test_the_agreement_is_seen_by_everyone() -> None:
    talk = open_negotiation()
    agree(talk)
    for name in ("Oman", "US Envoy", "US Deputy", "Iranian FM"):
        seen = talk.view(name)[-1]
        assert isinstance(seen, AgreementView) and seen.terms == TERMS
        assert seen.text_hash == text_hash(TERMS, ("Inspections resume.",))


AFTER_AGREEMENT: list[Command] = [
    Draft("Oman", (("Enrichment", "60"), ("Sanctions", "none"))),
    Answer("US Envoy", False),
    SetAgenda("Oman", AGENDA),
    Propose("Oman", TERMS),
    AnswerProposal("US Envoy", True),
    OpenBid("Oman", "Enrichment", US, IRAN),
    Bid("US Envoy", 10),
    PROFILE,
    ReportIncident("Oman", "Strike", 0.1),
    Offer("US Envoy", TERMS),
    AnswerOffer("US Envoy", 2, True),
    Close("Oman"),
]


@pytest.mark.parametrize("command", AFTER_AGREEMENT, ids=lambda c: type(c).__name__)
def test_nothing_is_negotiated_after_agreement(command: Command) -> None:
    talk = open_negotiation()
    agree(talk)
    seq = talk.last
    refused(
        talk,
        command,
        Refused,
        f"an agreement was reached (event {seq}); nothing is negotiated after it",
        "it awaits the signatures of 'United States', 'Iran'",
    )


def test_words_may_still_be_exchanged_after_agreement() -> None:
    talk = open_negotiation()
    agree(talk)
    talk.do(Say("US Envoy", "Thank you."))
    talk.do(Note("Oman", "Done."))


# -- signatures -----------------------------------------------------------------------------------


def test_each_party_signs_once_at_the_current_head() -> None:
    talk = open_negotiation()
    agreement = agree(talk)
    at = head(talk)
    statement = intent_to_sign("US Deputy", US, agreement.text_hash)
    assert "electronically" in statement and agreement.text_hash in statement
    events = talk.do(Sign("US Deputy", at, intent=True, text_hash=agreement.text_hash))
    assert events == [Signed("US Deputy", US, agreement.text_hash, at, statement)]
    assert talk.state.negotiation.signatures == {US: talk.last}
    refused(
        talk,
        Sign("US Envoy", head(talk), intent=True),
        Refused,
        f"'United States' has already signed (event {talk.last})",
        "a signature is given once",
    )
    refused(talk, Propose("Oman", TERMS), Refused, "awaits the signatures of 'Iran'")
    talk.do(Sign("Iranian FM", head(talk), intent=True))
    assert set(talk.state.negotiation.signatures) == {US, IRAN}
    refused(talk, Propose("Oman", TERMS), Refused, "it is signed")
    for name in ("Oman", "US Envoy", "Iranian FM"):
        assert kinds(talk, name)[-2:] == [SignatureView, SignatureView]


def test_a_signature_needs_the_confirmed_intent_to_sign_the_agreed_text() -> None:
    talk = open_negotiation()
    agree(talk)
    refused(
        talk,
        Sign("US Envoy", head(talk)),
        Refused,
        "a signature needs your confirmation that you intend to sign electronically",
        "read the whole agreed text, then confirm that you sign it",
    )
    refused(
        talk,
        Sign("US Envoy", head(talk), intent=True, text_hash="0" * 64),
        Refused,
        "the text you read is not the agreed text",
    )
    assert talk.state.negotiation.signatures == {}


def test_every_party_sees_who_signed_for_each_party() -> None:
    talk = open_negotiation()
    agree(talk)
    talk.do(Sign("US Envoy", head(talk), intent=True))
    seen = [v for v in talk.view("Iranian FM") if isinstance(v, SignatureView)]
    assert [(s.by, s.party) for s in seen] == [("US Envoy", US)]
    assert seen[0].intent == intent_to_sign("US Envoy", US, seen[0].text_hash)


def test_a_mediator_does_not_sign() -> None:
    talk = open_negotiation()
    agree(talk)
    refused(
        talk, Sign("Oman", head(talk), intent=True), Refused, "signed by the parties' delegates"
    )


def test_there_is_nothing_to_sign_without_agreement() -> None:
    talk = open_negotiation()
    talk.do(Draft("Oman", TERMS))
    refused(
        talk, Sign("US Envoy", head(talk), intent=True), Refused, "there is no agreement to sign"
    )


@pytest.mark.parametrize("given", ["5", "abc", "5:abc", f"x:{'0' * 64}", f":{'0' * 64}", ""])
def test_a_signature_needs_a_well_formed_head(given: str) -> None:
    talk = open_negotiation()
    agree(talk)
    refused(
        talk,
        Sign("US Envoy", given, intent=True),
        Invalid,
        f"{given!r} is not a record head (SEQ:HASH)",
    )


def test_a_signature_without_a_head_is_invalid() -> None:
    talk = open_negotiation()
    agree(talk)
    refused(talk, Sign("US Envoy", intent=True), Invalid, "a signature needs the record's head")


@pytest.mark.parametrize("offset", [-1, 1, -5])
def test_a_signature_at_another_head_is_refused(offset: int) -> None:
    talk = open_negotiation()
    agree(talk)
    last = talk.last
    refused(
        talk,
        Sign("US Envoy", f"{last + offset}:{'0' * 64}", intent=True),
        Refused,
        f"the record has moved on to event {last} since head {last + offset}",
        "sign at its current head",
    )


# -- closing --------------------------------------------------------------------------------------


def test_a_mediator_closes_the_talk() -> None:
    talk = open_negotiation()
    assert talk.do(Close("Oman", "  No progress.  ")) == [Closed("Oman", "No progress.")]
    assert talk.state.negotiation.closed == talk.last
    for name in ("US Envoy", "Iranian FM"):
        assert kinds(talk, name)[-1] is ClosingView


def test_a_close_may_give_no_reason_but_not_an_empty_one() -> None:
    talk = open_negotiation()
    refused(talk, Close("Oman", " "), Invalid, "reason is empty")
    assert talk.do(Close("Oman")) == [Closed("Oman", None)]


def test_only_a_mediator_closes() -> None:
    talk = open_negotiation()
    refused(talk, Close("US Envoy"), Refused, "only a mediator closes a talk")


def test_an_agreed_talk_cannot_be_closed_without_agreement() -> None:
    talk = open_negotiation()
    agree(talk)
    refused(talk, Close("Oman"), Refused, "an agreement was reached")


AFTER_CLOSE: list[Command] = [
    Say("US Envoy", "hello"),
    Say("Oman", "hello", room=IRAN),
    Note("Oman", "note"),
    Join("Oman", "Lawyer", Role.DELEGATE, US),
    Consent("US Envoy"),
    Release("US Envoy", 3, Handling.MAY_CONVEY),
    Convey("Oman", 3, IRAN, Mode.VERBATIM),
    SetAgenda("Oman", AGENDA),
    Draft("Oman", OTHER),
    Answer("US Envoy", True),
    Sign("US Envoy", "5:" + "0" * 64, intent=True),
    Close("Oman"),
    ReportIncident("Oman", "Strike", 0.1),
    Propose("Oman", TERMS),
    AnswerProposal("US Envoy", True),
    OpenBid("Oman", "Enrichment", US, IRAN),
    Bid("US Envoy", 10),
    PROFILE,
    Offer("US Envoy", TERMS),
    AnswerOffer("Iranian FM", 3, True),
]


@pytest.mark.parametrize("command", AFTER_CLOSE, ids=lambda c: type(c).__name__)
def test_a_closed_talk_refuses_everything(command: Command) -> None:
    talk = open_negotiation()
    talk.do(Say("US Envoy", "Before closing.", handling=Handling.MAY_CONVEY))
    talk.do(Draft("Oman", TERMS))
    talk.do(Close("Oman"))
    assert talk.last == 5
    refused(
        talk,
        command,
        Refused,
        "the talk was closed without agreement (event 5)",
        "open a new talk to resume",
    )


# -- incidents ------------------------------------------------------------------------------------


def test_incidents_add_up_to_the_escalation() -> None:
    talk = open_negotiation()
    events = talk.do(ReportIncident("Oman", "  Tanker seized.  ", 0.1))
    assert events == [IncidentReported("Oman", "Tanker seized.", "0.1")]
    talk.do(ReportIncident("Oman", "Strike.", 0.25))
    talk.do(ReportIncident("Oman", "Worst case.", 1.0))
    negotiation = talk.state.negotiation
    assert negotiation.incidents == 3
    assert negotiation.escalation == pytest.approx(1.35)
    for name in ("US Envoy", "Iranian FM"):
        assert kinds(talk, name)[-3:] == [IncidentView] * 3


def test_only_a_mediator_enters_incidents() -> None:
    talk = open_negotiation()
    refused(
        talk,
        ReportIncident("Iranian FM", "Strike", 0.1),
        Refused,
        "only a mediator enters incidents",
        "tell the mediator in your room",
    )


@pytest.mark.parametrize(
    ("text", "drop", "words"),
    [
        ("Strike", 0.0, "an incident's drop must lie in (0, 1]; 0 does not"),
        ("Strike", -0.2, "an incident's drop must lie in (0, 1]; -0.2 does not"),
        ("Strike", 1.2, "an incident's drop must lie in (0, 1]; 1.2 does not"),
        ("Strike", float("nan"), "an incident's drop must be a finite number"),
        ("  ", 0.1, "incident text is empty"),
    ],
)
def test_incident_refusals(text: str, drop: float, words: str) -> None:
    talk = open_negotiation()
    refused(talk, ReportIncident("Oman", text, drop), Invalid, words)


def test_a_draft_overtaken_by_a_blind_bid_is_never_agreed() -> None:
    """Version 1 says Enrichment 20; a blind bid then settles Enrichment at 60. Accepting
    version 1 must not make an agreement that undoes the settlement (an offer's acceptance
    is refused in the same case)."""
    talk = open_negotiation()
    talk.do(Draft("Oman", TERMS))
    talk.do(OpenBid("Oman", "Enrichment", US, IRAN))
    talk.do(Bid("US Envoy", 50))
    talk.do(Bid("Iranian FM", 70))
    assert talk.state.negotiation.settled == {"Enrichment": "60"}
    refused(talk, Answer("US Envoy", True), Refused, "'Enrichment' was settled at '60'")
    talk.do(Answer("US Envoy", False))
    talk.do(Answer("Iranian FM", False))
    agreement = talk.state.negotiation.agreement
    assert agreement is None or dict(agreement.terms)["Enrichment"] == "60", agreement
