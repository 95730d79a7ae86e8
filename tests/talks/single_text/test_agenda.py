"""The agenda: opening a talk with one, the escalation schedule, setting it later, and the
checks every package of terms passes against it."""

from __future__ import annotations

import pytest

from shuttle.talks import (
    BidRule,
    Command,
    Draft,
    Incident,
    Invalid,
    Offer,
    OpenBid,
    OpenTalk,
    Propose,
    Refused,
    SetAgenda,
    SubmitProfile,
    decide,
)
from shuttle.talks.agenda import AgendaIssue, clean_clauses
from shuttle.talks.conversation.events import TalkOpened
from shuttle.talks.single_text.events import AgendaSet, Drafted, EscalationStep
from tests.talks.driver import (
    AGENDA,
    IRAN,
    TERMS,
    US,
    Talk,
    open_negotiation,
    open_talk,
    refused,
)

Issues = tuple[tuple[str, tuple[str, ...]], ...]

# -- opening with an agenda ---------------------------------------------------------------------


def test_opening_with_an_agenda_records_the_talk_then_its_agenda() -> None:
    talk = Talk()
    events = talk.do(
        OpenTalk("T", ("A", "B"), ("M",), agenda=AGENDA, bid_rule=BidRule.UPPER),
    )
    assert [type(e) for e in events] == [TalkOpened, AgendaSet]
    opened, agenda_set = events
    assert isinstance(opened, TalkOpened) and opened.bid_rule is BidRule.UPPER
    assert isinstance(agenda_set, AgendaSet) and agenda_set.by is None
    assert agenda_set.issues == (
        AgendaIssue("Enrichment", ("3.67", "20", "60", "90")),
        AgendaIssue("Sanctions", ("none", "partial", "full")),
    )
    state = talk.state
    assert state.bid_rule is BidRule.UPPER
    assert state.negotiation.agenda is not None
    assert state.negotiation.agenda.names == ("Enrichment", "Sanctions")
    assert state.negotiation.agenda_seq == 2


def test_opening_without_an_agenda_records_only_the_talk() -> None:
    talk = open_talk()
    assert talk.last == 1 and talk.state.negotiation.agenda is None
    assert talk.state.bid_rule is BidRule.MIDPOINT


def test_the_escalation_schedule_is_recorded_as_decimal_text() -> None:
    talk = open_negotiation(
        escalation=(Incident(3, "  Tanker seized  ", 0.1), Incident(5, "Strike", 0.25, 0.5)),
    )
    agenda_set = talk.state.record[1].event
    assert isinstance(agenda_set, AgendaSet)
    assert agenda_set.escalation == (
        EscalationStep(3, "Tanker seized", "0.1", "1.0"),
        EscalationStep(5, "Strike", "0.25", "0.5"),
    )
    assert talk.state.negotiation.escalation_schedule == agenda_set.escalation


def test_an_escalation_schedule_needs_an_agenda() -> None:
    command = OpenTalk("T", ("A", "B"), ("M",), escalation=(Incident(1, "x", 0.1),))
    with pytest.raises(Invalid, match="an escalation schedule needs an agenda"):
        decide(Talk().state, command)


@pytest.mark.parametrize(
    ("incident", "words"),
    [
        (Incident(0, "x", 0.1), "after round 1 to 1,000,000, not 0"),
        (Incident(-2, "x", 0.1), "not -2"),
        (Incident(1_000_001, "x", 0.1), "not 1000001"),
        (Incident(1, "   ", 0.1), "incident text is empty"),
        (Incident(1, "x", 0.0), "an incident's drop must lie in (0, 1]; 0 does not"),
        (Incident(1, "x", -0.1), "an incident's drop must lie in (0, 1]"),
        (Incident(1, "x", 1.5), "an incident's drop must lie in (0, 1]; 1.5 does not"),
        (Incident(1, "x", float("nan")), "an incident's drop must be a finite number"),
        (Incident(1, "x", 0.1, 0.0), "an incident's chance must lie in (0, 1]; 0 does not"),
        (Incident(1, "x", 0.1, 1.01), "an incident's chance must lie in (0, 1]"),
        (Incident(1, "x", 0.1, float("inf")), "an incident's chance must be a finite number"),
    ],
)
def test_escalation_schedule_refusals(incident: Incident, words: str) -> None:
    command = OpenTalk("T", ("A", "B"), ("M",), agenda=AGENDA, escalation=(incident,))
    with pytest.raises(Invalid) as caught:
        decide(Talk().state, command)
    assert words in str(caught.value)


def test_the_edges_of_the_escalation_ranges_are_allowed() -> None:
    talk = open_negotiation(escalation=(Incident(1, "x", 1.0, 1.0), Incident(1_000_000, "y", 1e-9)))
    assert talk.state.negotiation.escalation_schedule[1].after_round == 1_000_000


# -- the agenda's own checks --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("issues", "words"),
    [
        ((), "an agenda needs at least one issue"),
        ((("  ", ("a", "b")),), "issue name is empty"),
        ((("X", ("a", "b")), ("X", ("c", "d"))), "issue 'X' is on the agenda twice"),
        ((("X", ("a",)),), "issue 'X' needs at least two options"),
        ((("X", ()),), "issue 'X' needs at least two options"),
        ((("X", ("a", "a")),), "issue 'X' lists option 'a' twice"),
        ((("X", ("a", " a ")),), "issue 'X' lists option 'a' twice"),
        ((("X", ("a", "")),), "an option of 'X' is empty"),
        ((("X", ("a", "b\nc")),), "contains a control or line-break character"),
        ((("X", tuple(str(i) for i in range(1001))),), "has 1001 options; at most 1000"),
        (tuple((f"I{i}", ("a", "b")) for i in range(101)), "at most 100 issues; this one has 101"),
    ],
)
def test_agenda_refusals_at_opening(issues: Issues, words: str) -> None:
    with pytest.raises(Invalid) as caught:
        decide(Talk().state, OpenTalk("T", ("A", "B"), ("M",), agenda=issues))
    assert words in str(caught.value)


def test_issue_and_option_names_are_trimmed_and_nfc_normalised() -> None:
    decomposed, composed = "Cafe\u0301", "Caf\u00e9"
    talk = open_negotiation(((f"  {decomposed} ", (" cre\u0300me ", "noir")), ("N", ("1", "2"))))
    agenda = talk.state.negotiation.agenda
    assert agenda is not None
    assert agenda.issues[0] == AgendaIssue(composed, ("cr\u00e8me", "noir"))
    # Terms typed either way name the same issue and option.
    [drafted] = talk.do(Draft("Oman", ((f" {decomposed}", "cre\u0300me "), ("N", "1"))))
    assert isinstance(drafted, Drafted)
    assert drafted.terms == ((composed, "cr\u00e8me"), ("N", "1"))


def test_issues_equal_after_normalisation_are_the_same_issue() -> None:
    issues: Issues = (("Caf\u00e9", ("a", "b")), ("Cafe\u0301", ("c", "d")))
    with pytest.raises(Invalid, match="on the agenda twice"):
        decide(Talk().state, OpenTalk("T", ("A", "B"), ("M",), agenda=issues))


def test_options_equal_after_normalisation_are_the_same_option() -> None:
    issues: Issues = (("X", ("caf\u00e9", "cafe\u0301")),)
    with pytest.raises(Invalid, match="lists option 'caf\u00e9' twice"):
        decide(Talk().state, OpenTalk("T", ("A", "B"), ("M",), agenda=issues))


def test_numeric_issues_are_those_whose_options_all_read_as_numbers() -> None:
    talk = open_negotiation((("N", ("1", "2.5", "-3")), ("M", ("1", "two")), ("I", ("1", "inf"))))
    agenda = talk.state.negotiation.agenda
    assert agenda is not None
    assert [issue.numeric for issue in agenda.issues] == [True, False, False]


# -- SetAgenda ------------------------------------------------------------------------------------


def test_a_mediator_sets_the_agenda_of_a_talk_opened_without_one() -> None:
    talk = open_talk()
    [event] = talk.do(
        SetAgenda("Oman", (("Stockpile", ("0", "100")),), (Incident(2, "Strike", 0.2),))
    )
    assert event == AgendaSet(
        by="Oman",
        issues=(AgendaIssue("Stockpile", ("0", "100")),),
        escalation=(EscalationStep(2, "Strike", "0.2", "1.0"),),
    )
    assert talk.state.negotiation.agenda_seq == 2


def test_a_later_agenda_replaces_the_earlier_while_nothing_rests_on_it() -> None:
    talk = open_negotiation(escalation=(Incident(1, "x", 0.1),))
    talk.do(SetAgenda("Oman", (("Stockpile", ("0", "100")),)))
    agenda = talk.state.negotiation.agenda
    assert agenda is not None and agenda.names == ("Stockpile",)
    assert talk.state.negotiation.escalation_schedule == ()
    refused(talk, Draft("Oman", TERMS), Invalid, "'Enrichment'", "not on the agenda")


@pytest.mark.parametrize("actor", ["US Envoy", "Iranian FM"])
def test_only_a_mediator_sets_the_agenda(actor: str) -> None:
    talk = open_talk()
    refused(talk, SetAgenda(actor, AGENDA), Refused, "only a mediator sets the agenda")


def test_set_agenda_refuses_a_malformed_agenda() -> None:
    talk = open_talk()
    refused(talk, SetAgenda("Oman", (("X", ("a",)),)), Invalid, "needs at least two options")
    refused(talk, SetAgenda("Oman", ()), Invalid, "at least one issue")
    refused(
        talk,
        SetAgenda("Oman", AGENDA, (Incident(1, "x", 2.0),)),
        Invalid,
        "an incident's drop must lie in (0, 1]",
    )


FREEZERS: dict[str, Command] = {
    "draft": Draft("Oman", TERMS),
    "proposal": Propose("Oman", TERMS),
    "bid": OpenBid("Oman", "Enrichment", US, IRAN),
    "offer": Offer("Iranian FM", TERMS),
    "profile": SubmitProfile(
        "Iranian FM",
        (("Enrichment", 1.0), ("Sanctions", 1.0)),
        tuple((issue, option, 0.5) for issue, options in AGENDA for option in options),
        0.3,
    ),
}


@pytest.mark.parametrize("what", sorted(FREEZERS))
def test_the_agenda_is_frozen_once_something_rests_on_it(what: str) -> None:
    talk = open_negotiation()
    talk.do(FREEZERS[what])
    refused(
        talk,
        SetAgenda("Oman", (("Stockpile", ("0", "100")),)),
        Refused,
        "the agenda can no longer change",
        "open a new talk for a new agenda",
    )


def test_commands_that_need_an_agenda_are_refused_without_one() -> None:
    talk = open_talk()
    for command in (
        Draft("Oman", TERMS),
        Propose("Oman", TERMS),
        OpenBid("Oman", "Enrichment", US, IRAN),
        FREEZERS["profile"],
    ):
        refused(talk, command, Refused, "this talk has no agenda yet", "a mediator sets one")


# -- terms against the agenda -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("terms", "kind", "words"),
    [
        (
            (("Stockpile", "0"), *TERMS),
            Invalid,
            ["a draft's terms name issue 'Stockpile', which is not on the agenda", "'Sanctions'"],
        ),
        (
            (("Enrichment", "50"), ("Sanctions", "none")),
            Invalid,
            ["'50' is not an option of 'Enrichment'", "'3.67', '20', '60', '90'"],
        ),
        (
            (("Enrichment", "20"),),
            Invalid,
            ["a draft's terms give no option for 'Sanctions'", "name one for every issue"],
        ),
        ((), Invalid, ["give no option for 'Enrichment', 'Sanctions'"]),
        (
            (("Enrichment", "20"), (" Enrichment ", "60"), ("Sanctions", "none")),
            Invalid,
            ["a draft's terms name issue 'Enrichment' twice"],
        ),
    ],
)
def test_terms_are_checked_against_the_agenda(
    terms: tuple[tuple[str, str], ...], kind: type[Invalid], words: list[str]
) -> None:
    talk = open_negotiation()
    refused(talk, Draft("Oman", terms), kind, *words)


def test_terms_naming_an_issue_twice_with_the_same_spelling_are_refused() -> None:
    """Two options for one issue is an error, not a choice of the last one."""
    talk = open_negotiation()
    terms = (("Enrichment", "20"), ("Enrichment", "60"), ("Sanctions", "none"))
    refused(talk, Draft("Oman", terms), Invalid, "name issue 'Enrichment' twice")
    refused(talk, Propose("Oman", terms), Invalid, "name issue 'Enrichment' twice")


def test_terms_are_put_in_the_agendas_order() -> None:
    talk = open_negotiation()
    [drafted] = talk.do(Draft("Oman", (("Sanctions", "none"), ("Enrichment", "90"))))
    assert isinstance(drafted, Drafted)
    assert drafted.terms == (("Enrichment", "90"), ("Sanctions", "none"))


def test_clauses_are_trimmed_and_checked() -> None:
    assert clean_clauses(["  First.  ", "Second."]) == ("First.", "Second.")
    with pytest.raises(Invalid, match="clause is empty"):
        clean_clauses(["ok", "   "])
    with pytest.raises(Invalid, match="at most 50 clauses; this one has 51"):
        clean_clauses(["c"] * 51)
