"""The negotiation's commands one by one: what each appends, its JSON, and what it refuses."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from shuttle.cli import app
from tests.cli.negotiation import IRAN, OMAN, PACKAGE, US, open_muscat, screen, terms
from tests.cli.runner import Shuttle

COMMANDS = [
    "agenda", "draft", "answer", "propose", "offer", "sign", "close", "incident", "bid-open",
    "bid", "profile", "advice",
]  # fmt: skip


def test_every_command_has_help_with_an_example() -> None:
    for command in COMMANDS:
        result = CliRunner().invoke(app, [command, "--help"])
        assert result.exit_code == 0 and "Example" in result.stdout, command


def test_appended_json_is_the_head_and_the_events_as_the_actor_sees_them(
    shuttle: Shuttle,
) -> None:
    talk = open_muscat(shuttle)
    body = shuttle.ok("draft", talk, "--as", OMAN, *terms(PACKAGE), "--json").json
    assert list(body) == ["talk", "seq", "head", "events"]
    assert body["talk"] == talk and body["seq"] == 3 and body["head"].startswith("3:")
    [drafted] = body["events"]
    assert drafted["kind"] == "drafted" and drafted["by"] == OMAN and drafted["version"] == 1
    assert drafted["terms"] == [list(pair) for pair in PACKAGE.items()]
    assert drafted["clauses"] == []
    # The older commands print the same shape.
    said = shuttle.ok("say", talk, "--as", US, "Hello.", "--json").json
    assert list(said) == ["talk", "seq", "head", "events"]
    assert said["events"][0]["text"] == "Hello."


def test_the_agenda_is_set_by_a_mediator_and_shown_to_everyone(shuttle: Shuttle) -> None:
    talk = shuttle.open_muscat()
    empty = shuttle.ok("agenda", talk, "--as", US, "--json").json
    assert empty == {"talk": talk, "agenda": None, "escalation": []}
    assert "no agenda yet" in shuttle.ok("agenda", talk, "--as", US).out
    set_ = shuttle.ok("agenda", talk, "--as", OMAN, "--issue", "Enrichment=none, 3.67%,5%",
                      "--issue", "Sequencing=relief first,phased", "--json").json  # fmt: skip
    assert set_["events"][0]["issues"] == [
        {"name": "Enrichment", "options": ["none", "3.67%", "5%"]},
        {"name": "Sequencing", "options": ["relief first", "phased"]},
    ]
    shown = shuttle.ok("agenda", talk, "--as", IRAN, "--json").json["agenda"]
    assert shown == set_["events"][0]["issues"]
    assert "Enrichment: none | 3.67% | 5%" in shuttle.ok("agenda", talk, "--as", IRAN).out


def test_a_draft_answered_with_preferences_a_comparison_and_a_comment(shuttle: Shuttle) -> None:
    talk = open_muscat(shuttle)
    first = PACKAGE | {"Inspections": "Additional Protocol"}
    shuttle.ok("draft", talk, "--as", OMAN, *terms(first))
    shuttle.ok("answer", talk, "--as", US, "reject", "--prefer",
               "Inspections=Additional Protocol plus snap visits")  # fmt: skip
    shuttle.ok("draft", talk, "--as", OMAN, *terms(PACKAGE))
    body = shuttle.ok("answer", talk, "--as", US, "reject", "--version", "2", "--compared",
                      "better", "--prefer", "Sequencing=relief after verification",
                      "--comment", "Closer.", "--json").json  # fmt: skip
    [answer] = body["events"]
    assert answer | {"at": None} == {
        "seq": 6, "at": None, "kind": "answered", "room": None, "by": US, "text": None,
        "party": "United States", "version": 2, "accept": False,
        "prefer": [["Sequencing", "relief after verification"]], "comparison": "better",
        "comment": "Closer.",
    }  # fmt: skip
    shown = screen(shuttle.ok("view", talk, "--as", OMAN).out)
    assert "United States rejects version 2; better than the version before" in shown
    assert "would prefer Sequencing: relief after verification; comment: Closer." in shown
    iran = shuttle.ok("view", talk, "--as", IRAN, "--json").json["events"]
    assert not [e for e in iran if e["kind"] == "answered"]  # another party's answers


def test_a_mediators_proposal_is_double_blind(shuttle: Shuttle) -> None:
    talk = open_muscat(shuttle)
    proposed = shuttle.ok("propose", talk, "--as", OMAN, *terms(PACKAGE), "--json").json
    assert proposed["events"][0]["kind"] == "proposed" and proposed["events"][0]["number"] == 1
    shuttle.ok("answer", talk, "--as", US, "accept", "--proposal")
    body = shuttle.ok("answer", talk, "--as", IRAN, "reject", "--proposal", "--number", "1",
                      "--json").json  # fmt: skip
    assert [e["kind"] for e in body["events"]] == ["proposal-answered", "proposal-concluded"]
    assert body["events"][1]["agreed"] is False
    us = shuttle.ok("view", talk, "--as", US, "--json").json["events"]
    answers = [e for e in us if e["kind"] == "proposal-answered"]
    assert [a["party"] for a in answers] == ["United States"]  # never who declined
    shown = screen(shuttle.ok("view", talk, "--as", US).out)
    assert "proposal 1: not accepted by every party" in shown
    shuttle.ok("propose", talk, "--as", OMAN, *terms(PACKAGE))
    shuttle.ok("answer", talk, "--as", US, "accept", "--proposal")
    agreed = shuttle.ok("answer", talk, "--as", IRAN, "accept", "--proposal", "--json").json
    assert [e["kind"] for e in agreed["events"]] == [
        "proposal-answered", "proposal-concluded", "agreed",
    ]  # fmt: skip
    assert agreed["events"][2]["reached_on"] == "proposal" and agreed["events"][2]["ref"] == 2


def test_an_offer_carried_verbatim_is_answered_in_the_other_room(shuttle: Shuttle) -> None:
    talk = open_muscat(shuttle)
    offered = shuttle.ok("offer", talk, "--as", US, *terms(PACKAGE), "--handling",
                         "verbatim-only", "--json").json  # fmt: skip
    offer = offered["events"][0]
    assert offer["kind"] == "offered" and offer["room"] == "United States"
    assert offer["handling"] == "verbatim-only" and dict(offer["terms"]) == PACKAGE
    carried = shuttle.ok("convey", talk, "--as", OMAN, "--event", str(offer["seq"]),
                         "--to", "Iran", "--mode", "verbatim", "--json").json  # fmt: skip
    via = carried["seq"]
    seen = shuttle.ok("view", talk, "--as", IRAN, "--json").json["events"][-1]
    assert seen["kind"] == "conveyed" and dict(seen["terms"]) == PACKAGE
    assert "offer carried from United States" in screen(shuttle.ok("view", talk, "--as", IRAN).out)
    wrong = shuttle("answer", talk, "--as", IRAN, "accept", "--offer", "2")
    assert wrong.code == 1 and "not an offer carried into your room" in wrong.err
    hidden = shuttle("answer", talk, "--as", IRAN, "accept", "--offer", str(offer["seq"]))
    assert hidden.code == 3 and f"event {offer['seq']} not found" in hidden.err
    body = shuttle.ok("answer", talk, "--as", IRAN, "accept", "--offer", str(via), "--json").json
    assert [e["kind"] for e in body["events"]] == ["offer-answered", "agreed"]
    assert body["events"][1]["reached_on"] == "offer"
    # The answering room reads its answer and the agreement without the offer's place in the
    # other room; the offering room reads both whole.
    iran = screen(shuttle.ok("view", talk, "--as", IRAN).out)
    assert f"Iran accepts the offer (carried in {via})" in iran
    assert "AGREED on an offer:" in iran and "the offer of event" not in iran
    us = screen(shuttle.ok("view", talk, "--as", US).out)
    assert f"AGREED on the offer of event {offer['seq']}:" in us


def test_an_incident_lowers_no_deal_for_everyone(shuttle: Shuttle) -> None:
    talk = open_muscat(shuttle)
    body = shuttle.ok("incident", talk, "--as", OMAN, "A tanker was seized.", "--drop", "0.05",
                      "--json").json  # fmt: skip
    assert body["events"][0] | {"at": None} == {
        "seq": 3, "at": None, "kind": "incident", "room": None, "by": OMAN,
        "text": "A tanker was seized.", "drop": "0.05",
    }  # fmt: skip
    shown = screen(shuttle.ok("view", talk, "--as", IRAN).out)
    assert "A tanker was seized. (every reservation value falls by 0.05)" in shown


def test_signing_vouches_for_the_current_head(shuttle: Shuttle) -> None:
    talk = open_muscat(shuttle)
    early = shuttle("sign", talk, "--as", US)
    assert early.code == 1 and "no agreement to sign" in early.err
    shuttle.ok("draft", talk, "--as", OMAN, *terms(PACKAGE))
    shuttle.ok("answer", talk, "--as", US, "accept")
    stale = shuttle.ok("view", talk, "--as", US, "--json").json["head"]
    shuttle.ok("answer", talk, "--as", IRAN, "accept")
    before = shuttle.rows()
    moved = shuttle("sign", talk, "--as", US, "--head", stale)
    assert moved.code == 1 and "has moved on" in moved.err and shuttle.rows() == before
    head = shuttle.ok("view", talk, "--as", US, "--json").json["head"]
    forged = head.split(":")[0] + ":" + "0" * 64
    differs = shuttle("sign", talk, "--as", US, "--head", forged)
    assert differs.code == 1 and "differs" in differs.err
    unconfirmed = shuttle("sign", talk, "--as", US, "--head", head)
    assert unconfirmed.code == 1 and "intend to sign electronically" in unconfirmed.err
    other_text = shuttle("sign", talk, "--as", US, "--confirm", "--text-hash", "0" * 64)
    assert other_text.code == 1 and "not the agreed text" in other_text.err
    assert shuttle.rows() == before
    shuttle.ok("sign", talk, "--as", US, "--head", head, "--confirm")
    twice = shuttle("sign", talk, "--as", US, "--confirm")
    assert twice.code == 1 and "already signed" in twice.err


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (["agenda", "{talk}", "--as", US, "--issue", "X=a,b"], 1, "only a mediator sets"),
        (["agenda", "{talk}", "--as", OMAN, "--issue", "X"], 2, "NAME=OPTION,OPTION"),
        (["agenda", "{talk}", "--as", OMAN, "--issue", "X=a"], 2, "at least two options"),
        (["agenda", "{talk}", "--as", OMAN, "--issue", "X=a,b,a"], 2, "'a' twice"),
        (["agenda", "{talk}", "--as", "Nobody"], 3, "participant 'Nobody' not found"),
        (["draft", "{talk}", "--as", US, *terms(PACKAGE)], 1, "only a mediator writes"),
        (["draft", "{talk}", "--as", OMAN, "--term", "Sequencing=relief first"], 2,
         "give no option for 'Enrichment level'"),
        (["draft", "{talk}", "--as", OMAN, *terms(PACKAGE | {"Inspections": "none"})], 2,
         "'none' is not an option of 'Inspections'"),
        (["draft", "{talk}", "--as", OMAN, *terms(PACKAGE), "--term",
          "Inspections=safeguards only"], 2, "issue 'Inspections' twice"),
        (["draft", "{talk}", "--as", OMAN, "--term", "Inspections"], 2, '"ISSUE=OPTION"'),
        (["draft", "{talk}", "--as", OMAN, *terms(PACKAGE), "--clause", " "], 2,
         "clause is empty"),
        (["draft", "no-such-talk", "--as", OMAN, *terms(PACKAGE)], 3, "not found"),
        (["answer", "{talk}", "--as", US, "accept"], 1, "no draft has been circulated"),
        (["answer", "{talk}", "--as", US, "accept", "--proposal", "--offer", "3"], 2,
         "not both"),
        (["answer", "{talk}", "--as", US, "accept", "--number", "1"], 2,
         "--number names a proposal"),
        (["answer", "{talk}", "--as", US, "accept", "--proposal", "--comment", "x"], 2,
         "--comment answer a draft only"),
        (["answer", "{talk}", "--as", US, "accept", "--proposal"], 1,
         "no mediator's proposal awaits"),
        (["answer", "{talk}", "--as", US, "accept", "--proposal", "--number", "4"], 3,
         "proposal 4 not found"),
        (["propose", "{talk}", "--as", IRAN, *terms(PACKAGE)], 1, "only a mediator makes"),
        (["offer", "{talk}", "--as", OMAN, *terms(PACKAGE)], 1, "made by a party's delegates"),
        (["offer", "{talk}", "--as", US, "--term", "Inspections=none"], 2, "not an option"),
        (["sign", "{talk}", "--as", OMAN], 1, "signed by the parties' delegates"),
        (["sign", "{talk}", "--as", US, "--head", "nonsense"], 2, "SEQ:HASH"),
        (["close", "{talk}", "--as", US], 1, "only a mediator closes"),
        (["incident", "{talk}", "--as", US, "Strike.", "--drop", "0.1"], 1,
         "only a mediator enters incidents"),
        (["incident", "{talk}", "--as", OMAN, "Strike.", "--drop", "1.5"], 2, "(0, 1]"),
        (["incident", "{talk}", "--as", OMAN, "Strike.", "--drop", "0"], 2, "(0, 1]"),
    ],
)  # fmt: skip
def test_refusals_are_one_line_with_their_exit_code_and_change_nothing(
    shuttle: Shuttle, args: list[str], code: int, words: str
) -> None:
    talk = open_muscat(shuttle)
    before = shuttle.rows()
    result = shuttle(*[a.replace("{talk}", talk) for a in args])
    assert result.code == code, (result.out, result.err)
    assert words in result.err and result.out == ""
    assert len(result.err.strip().splitlines()) == 1
    assert shuttle.rows() == before


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (["answer", "{talk}", "--as", US, "accept", "--version", "1"], 1,
         "version 1 has been superseded by version 2"),
        (["answer", "{talk}", "--as", US, "accept", "--version", "9"], 3, "version 9 not found"),
        (["answer", "{talk}", "--as", OMAN, "accept"], 1, "only a party's delegate answers"),
        (["answer", "{talk}", "--as", US, "accept", "--prefer", "Sequencing=phased in parallel"],
         2, "already has 'phased in parallel'"),
        (["answer", "{talk}", "--as", US, "accept", "--compared", "worse", "--version", "1"], 1,
         "superseded"),
        (["draft", "{talk}", "--as", OMAN, *terms(PACKAGE)], 1, "already says exactly this"),
        (["agenda", "{talk}", "--as", OMAN, "--issue", "X=a,b"], 1, "can no longer change"),
        (["propose", "{talk}", "--as", OMAN, *terms(PACKAGE | {"Inspections": "bogus"})], 2,
         "not an option"),
    ],
)  # fmt: skip
def test_refusals_once_a_text_is_on_the_table(
    shuttle: Shuttle, args: list[str], code: int, words: str
) -> None:
    talk = open_muscat(shuttle)
    shuttle.ok("draft", talk, "--as", OMAN, *terms(PACKAGE | {"Inspections": "safeguards only"}))
    shuttle.ok("draft", talk, "--as", OMAN, *terms(PACKAGE))
    before = shuttle.rows()
    result = shuttle(*[a.replace("{talk}", talk) for a in args])
    assert result.code == code, (result.out, result.err)
    assert words in result.err and result.out == ""
    assert len(result.err.strip().splitlines()) == 1
    assert shuttle.rows() == before


def test_comparing_the_first_version_is_invalid(shuttle: Shuttle) -> None:
    talk = open_muscat(shuttle)
    shuttle.ok("draft", talk, "--as", OMAN, *terms(PACKAGE))
    result = shuttle("answer", talk, "--as", US, "accept", "--compared", "better")
    assert result.code == 2 and "no earlier version" in result.err


def test_typed_words_in_the_negotiation_are_shown_not_obeyed(shuttle: Shuttle) -> None:
    talk = open_muscat(shuttle)
    shuttle.ok("draft", talk, "--as", OMAN, *terms(PACKAGE), "--clause", "[red]x[/] \x1b[2J")
    shuttle.ok("answer", talk, "--as", US, "reject", "--comment", "[bold]no\x07")
    out = shuttle.ok("view", talk, "--as", OMAN).out
    assert "\x1b" not in out and "\x07" not in out
    assert "[red]x[/]" in out and "\\x1b[2J" in out and "[bold]no\\x07" in out
