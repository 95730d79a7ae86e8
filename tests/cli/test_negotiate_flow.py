"""A negotiation from a scenario to a signed agreement, the way an operator runs it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.cli.negotiation import (
    IRAN,
    MUSCAT,
    MUSCAT_2024,
    OMAN,
    PACKAGE,
    US,
    open_muscat,
    screen,
    submit_muscat_profiles,
    terms,
)
from tests.cli.runner import Shuttle


def kinds(view: dict[str, Any]) -> list[str]:
    return [event["kind"] for event in view["events"]]


def test_a_scenario_gives_the_agenda_and_options_override_its_people(shuttle: Shuttle) -> None:
    opened = shuttle.ok("talk", "open", "--scenario", MUSCAT, "--mediator", OMAN,
                        "--delegate", f"Iran={IRAN}", "--json")  # fmt: skip
    body = opened.json
    assert [i["name"] for i in body["agenda"]] == [
        "Enrichment level", "Sanctions relief", "Inspections", "Sequencing",
    ]  # fmt: skip
    assert body["agenda"][0]["options"] == ["none", "3.67%", "5%", "20%"]
    assert body["notice"] is None and body["seq"] == 2 and body["head"].startswith("2:")
    assert body["participants"] == [
        {"name": OMAN, "role": "mediator", "party": None},
        {"name": IRAN, "role": "delegate", "party": "Iran"},
    ]
    view = shuttle.ok("view", body["talk"], "--as", IRAN, "--json").json
    assert kinds(view) == ["talk-opened", "agenda-set"]
    assert view["events"][0]["title"] == "Muscat"  # the scenario's name, when it has no talk:
    assert view["events"][0]["parties"] == ["United States", "Iran"]


def test_a_scenario_with_a_talk_block_needs_no_other_option(shuttle: Shuttle) -> None:
    opened = shuttle.ok("talk", "open", "--scenario", MUSCAT_2024, "--bid-rule", "upper")
    talk = opened.out.strip()
    assert len(talk) == 32  # stdout stays the id alone, for `T=$(shuttle talk open ...)`
    assert "Illustrative" in opened.err
    view = shuttle.ok("view", talk, "--as", "Oman (mediator)", "--json").json
    first, agenda = view["events"]
    assert first["title"].startswith("Muscat, May 2024") and first["bid_rule"] == "upper"
    assert first["mediators"] == ["Oman (mediator)"] and len(first["delegates"]) == 4
    assert len(agenda["issues"]) == 6 and len(agenda["escalation"]) == 4
    assert agenda["escalation"][0] == {
        "after_round": 3, "text": "a drone attack on a US base in Jordan", "drop": "0.03",
        "chance": "0.5",
    }  # fmt: skip
    retitled = shuttle.ok("talk", "open", "--scenario", MUSCAT_2024, "--title", "Mine",
                          "--mediator", "Qatar", "--json").json  # fmt: skip
    assert retitled["participants"][0]["name"] == "Qatar"
    assert shuttle.ok("talk", "list", "--json").json[-1]["title"] == "Mine"


def test_opening_without_a_title_or_a_scenario_is_refused(shuttle: Shuttle) -> None:
    result = shuttle("talk", "open", "--party", "A", "--party", "B", "--mediator", "M")
    assert result.code == 2 and "--title" in result.err and result.out == ""
    no_mediator = shuttle("talk", "open", "--scenario", MUSCAT)
    assert no_mediator.code == 2 and "--mediator" in no_mediator.err
    missing = shuttle("talk", "open", "--scenario", "no/such/scenario.yaml")
    assert missing.code == 3 and "not found" in missing.err
    assert shuttle.rows() == []


def test_from_scenario_to_a_signed_and_verified_agreement(shuttle: Shuttle) -> None:
    talk = open_muscat(shuttle)
    submit_muscat_profiles(shuttle, talk, iran_shares=False)

    advice = shuttle.ok("advice", talk, "--as", OMAN, "--json").json
    assert advice["shared"] == [True, False] and advice["ordinal_only"] is True
    assert advice["zone_exists"] is True and advice["zone_size"] is None
    assert advice["reservations"] == [0.5, None]
    assert all(p["utilities"][1] is None for p in advice["pareto"])
    assert all(isinstance(p["utilities"][0], float) for p in advice["pareto"])
    assert advice["nash"]["outcome"] == PACKAGE
    people = shuttle.ok("advice", talk, "--as", OMAN).out
    assert "ordinal only: Iran did not share its profile" in people
    assert "withheld" in people

    shuttle.ok("draft", talk, "--as", OMAN, *terms(PACKAGE), "--clause", "Reviewed yearly.")
    shuttle.ok("answer", talk, "--as", US, "accept")
    answered = shuttle.ok("answer", talk, "--as", IRAN, "accept", "--version", "1", "--json").json
    answer, agreed = answered["events"]
    assert answer["kind"] == "answered" and answer["accept"] is True
    assert agreed["kind"] == "agreed" and agreed["reached_on"] == "draft"
    assert dict(agreed["terms"]) == PACKAGE and agreed["clauses"] == ["Reviewed yearly."]
    assert answered["seq"] == agreed["seq"] and answered["head"].startswith(f"{agreed['seq']}:")

    head = shuttle.ok("view", talk, "--as", US, "--json").json["head"]
    signing = shuttle.ok("sign", talk, "--as", US, "--head", head, "--confirm", "--json")
    signed = signing.json["events"][0]
    assert signed["head"] == head and signed["text_hash"] == agreed["text_hash"]
    shuttle.ok("sign", talk, "--as", IRAN, "--confirm")

    iran = shuttle.ok("view", talk, "--as", IRAN, "--json").json
    assert kinds(iran)[-3:] == ["agreed", "signed", "signed"]
    assert "answered" in kinds(iran)  # its own answer ...
    assert [e["party"] for e in iran["events"] if e["kind"] == "answered"] == ["Iran"]  # only
    shown = shuttle.ok("view", talk, "--as", OMAN).out
    flat = screen(shown)
    assert "agreement: reached" in flat and "signed by every party" in flat
    assert "AGREED on draft version 1" in flat and agreed["text_hash"][:12] in flat
    assert "draft: version 1" in flat
    final = shuttle.ok("view", talk, "--as", OMAN, "--json").json["head"]
    verified = shuttle.ok("verify", "--expect", f"{talk}={final}")
    assert verified.out.startswith("ok: 1 talks")


def test_nothing_is_negotiated_after_agreement_and_nothing_added_after_closing(
    shuttle: Shuttle,
) -> None:
    talk = open_muscat(shuttle)
    shuttle.ok("draft", talk, "--as", OMAN, *terms(PACKAGE))
    shuttle.ok("answer", talk, "--as", US, "accept")
    shuttle.ok("answer", talk, "--as", IRAN, "accept")
    again = shuttle(
        "draft", talk, "--as", OMAN, *terms(PACKAGE | {"Inspections": "safeguards only"})
    )
    assert again.code == 1 and "agreement was reached" in again.err
    assert "awaits the signatures of 'United States', 'Iran'" in again.err

    other = open_muscat(shuttle)
    shuttle.ok("close", other, "--as", OMAN, "--reason", "No zone.")
    view = screen(shuttle.ok("view", other, "--as", US).out)
    assert "closed without agreement: No zone." in view
    after = shuttle("incident", other, "--as", OMAN, "Too late.", "--drop", "0.1")
    assert after.code == 1 and "closed without agreement" in after.err


def test_a_scenario_with_a_continuous_issue_cannot_be_an_agenda(
    shuttle: Shuttle, tmp_path: Path
) -> None:
    path = tmp_path / "real.yaml"
    path.write_text(
        "issues:\n  Price: {type: real, min: 0, max: 10}\n  Term: [short, long]\n"
        "parties:\n"
        "  A: {weights: {Price: 1, Term: 1}, values: {Price: {at_min: 0, at_max: 1},"
        " Term: [0, 1]}}\n"
        "  B: {weights: {Price: 1, Term: 1}, values: {Price: {at_min: 1, at_max: 0},"
        " Term: [1, 0]}}\n",
        encoding="utf-8",
    )
    result = shuttle("talk", "open", "--scenario", str(path), "--mediator", "M")
    assert result.code == 2 and "issue 'Price' is continuous" in result.err
    assert result.out == "" and shuttle.rows() == []
