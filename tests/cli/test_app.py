"""The command line as a script uses it: JSON out, exit codes, one-line reasons on stderr."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from shuttle.cli import app
from tests.cli.runner import Shuttle


def test_open_prints_the_talk_and_its_participants(shuttle: Shuttle) -> None:
    result = shuttle.ok(
        "talk", "open", "--title", "T", "--party", "A", "--party", "B", "--mediator", "M",
        "--delegate", "A=a1", "--json",
    )  # fmt: skip
    body = result.json
    assert body["participants"] == [
        {"name": "M", "role": "mediator", "party": None},
        {"name": "a1", "role": "delegate", "party": "A"},
    ]
    assert body["seq"] == 1 and body["head"].startswith("1:")
    plain = shuttle.ok("talk", "open", "--title", "T", "--party", "A", "--party", "B",
                       "--mediator", "M")  # fmt: skip
    assert len(plain.out.strip()) == 32


def test_talk_list_names_every_talk(shuttle: Shuttle) -> None:
    talk = shuttle.open_muscat()
    [listed] = shuttle.ok("talk", "list", "--json").json
    assert listed["talk"] == talk and listed["title"] == "Muscat"
    assert listed["parties"] == ["United States", "Iran"] and listed["head"].startswith("1:")
    assert talk in shuttle.ok("talk", "list").out


def test_talk_list_as_a_participant_names_its_talks_its_role_and_where_each_stands(
    shuttle: Shuttle,
) -> None:
    mine = shuttle.open_muscat()
    shuttle.ok("talk", "open", "--title", "Other", "--party", "A", "--party", "B",
               "--mediator", "M")  # fmt: skip
    shuttle.ok("close", mine, "--as", "Oman", "--reason", "No progress")
    [listed] = shuttle.ok("talk", "list", "--as", "US Envoy", "--json").json
    assert listed["talk"] == mine and listed["role"] == "delegate"
    assert listed["status"] == "closed" and listed["last_activity"] is not None
    [mediated] = shuttle.ok("talk", "list", "--as", "Oman", "--json").json
    assert mediated["role"] == "mediator"
    assert shuttle.ok("talk", "list", "--as", "Nobody", "--json").json == []
    plain = shuttle.ok("talk", "list", "--as", "US Envoy").out
    assert mine in plain and "closed" in plain and "delegate" in plain and "Other" not in plain


def test_a_proximity_exchange_end_to_end(shuttle: Shuttle) -> None:
    talk = shuttle.open_muscat()
    said = shuttle.ok(
        "say", talk, "--as", "US Envoy", "--handling", "may-convey", "We can talk.", "--json"
    ).json
    assert said["talk"] == talk and said["seq"] == 2 and said["head"].startswith("2:")
    shuttle.ok("say", talk, "--as", "US Envoy", "Our deadline is Friday.")
    shuttle.ok("convey", talk, "--as", "Oman", "--event", "2", "--to", "Iran",
               "--mode", "paraphrase", "They are open.")  # fmt: skip
    shuttle.ok("note", talk, "--as", "Oman", "Keep Friday in mind.")

    iran = shuttle.ok("view", talk, "--as", "Iranian FM", "--json").json
    assert iran["talk"] == talk and iran["as"] == "Iranian FM"
    assert [(e["seq"], e["kind"]) for e in iran["events"]] == [(1, "talk-opened"), (4, "conveyed")]
    assert iran["events"][1]["text"] == "They are open."
    assert iran["events"][1]["room"] == "Iran" and iran["events"][1]["by"] == "Oman"
    assert "Friday" not in shuttle.ok("view", talk, "--as", "Iranian FM").out

    us = shuttle.ok("view", talk, "--as", "US Envoy", "--json").json
    assert [e["seq"] for e in us["events"]] == [1, 2, 3, 4]
    assert us["events"][3]["mode"] == "paraphrase" and us["events"][3]["source"] == 2
    mediator = shuttle.ok("view", talk, "--as", "Oman", "--json").json
    assert [e["seq"] for e in mediator["events"]] == [1, 2, 3, 4, 5]
    assert us["head"] == mediator["head"] and mediator["head"].startswith("5:")


def test_release_consent_join_and_the_joint_room(shuttle: Shuttle) -> None:
    talk = shuttle.open_muscat("--handling", "verbatim-only")
    shuttle.ok("say", talk, "--as", "US Envoy", "Word for word.")
    shuttle.ok("release", talk, "--as", "US Envoy", "--event", "2", "--handling", "may-convey")
    shuttle.ok("join", talk, "--as", "Oman", "--party", "Iran", "Deputy FM")
    shuttle.ok("join", talk, "--as", "Oman", "--mediator", "Qatar")
    shuttle.ok("consent", talk, "--as", "US Envoy")
    shuttle.ok("consent", talk, "--as", "Deputy FM")
    shuttle.ok("say", talk, "--as", "Qatar", "--room", "joint", "Welcome, all.")
    seen = shuttle.ok("view", talk, "--as", "Iranian FM", "--json").json["events"]
    assert seen[-1]["text"] == "Welcome, all." and seen[-1]["room"] == "joint"


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (["say", "{talk}", "--as", "Nobody", "hi"], 3, "participant 'Nobody' not found"),
        (["say", "no-such-talk", "--as", "US Envoy", "hi"], 3, "talk 'no-such-talk' not found"),
        (["say", "{talk}", "--as", "US Envoy", "   "], 2, "text is empty"),
        (["say", "{talk}", "--as", "US Envoy", "x" * 20_001], 2, "at most 20,000"),
        (["say", "{talk}", "--as", "US Envoy", "--room", "Iran", "hi"], 3, "room 'Iran'"),
        (
            ["release", "{talk}", "--as", "US Envoy", "--event", "3", "--handling", "may-convey"],
            3,
            "event 3 not found",
        ),
        (
            ["release", "{talk}", "--as", "US Envoy", "--event", "9", "--handling", "may-convey"],
            3,
            "event 9 not found",
        ),
        (
            [
                "convey",
                "{talk}",
                "--as",
                "Oman",
                "--event",
                "2",
                "--to",
                "Iran",
                "--mode",
                "verbatim",
            ],
            1,
            "never leaves",
        ),
        (
            [
                "convey",
                "{talk}",
                "--as",
                "US Envoy",
                "--event",
                "2",
                "--to",
                "Iran",
                "--mode",
                "verbatim",
            ],
            1,
            "only a mediator",
        ),
        (["note", "{talk}", "--as", "US Envoy", "psst"], 1, "only mediators"),
        (["consent", "{talk}", "--as", "Oman"], 1, "delegate"),
        (["say", "{talk}", "--as", "US Envoy", "--room", "joint", "hi"], 1, "joint room"),
        (["join", "{talk}", "--as", "Oman", "X"], 2, "exactly one of"),
        (["join", "{talk}", "--as", "Oman", "--party", "Narnia", "X"], 3, "party 'Narnia'"),
        (
            [
                "talk",
                "open",
                "--title",
                "T",
                "--party",
                "A",
                "--party",
                "B",
                "--mediator",
                "M",
                "--delegate",
                "A-x",
            ],
            2,
            "PARTY=NAME",
        ),
        (["talk", "open", "--title", "T", "--party", "A", "--mediator", "M"], 2, "two parties"),
        (["verify", "--expect", "nonsense"], 2, "TALK=SEQ:HASH"),
    ],
)
def test_bad_input_is_named_and_changes_nothing(
    shuttle: Shuttle, args: list[str], code: int, words: str
) -> None:
    talk = shuttle.open_muscat()
    shuttle.ok("say", talk, "--as", "US Envoy", "A mediator-only line.")
    shuttle.ok("say", talk, "--as", "Iranian FM", "Iran's own line.")
    before = shuttle.rows()
    result = shuttle(*[a.replace("{talk}", talk) for a in args])
    assert result.code == code, (result.out, result.err)
    assert words in result.err and result.out == ""
    assert len(result.err.strip().splitlines()) == 1
    assert shuttle.rows() == before


def test_an_invisible_event_reads_exactly_like_a_missing_one(shuttle: Shuttle) -> None:
    talk = shuttle.open_muscat()
    shuttle.ok("say", talk, "--as", "Iranian FM", "Iran's own line.")
    hidden = shuttle("release", talk, "--as", "US Envoy", "--event", "2", "--handling",
                     "may-convey")  # fmt: skip
    missing = shuttle("release", talk, "--as", "US Envoy", "--event", "3", "--handling",
                      "may-convey")  # fmt: skip
    assert (hidden.code, hidden.err.replace("2", "N")) == (
        missing.code,
        missing.err.replace("3", "N"),
    )


def test_verify_passes_then_names_a_tampered_event(shuttle: Shuttle) -> None:
    talk = shuttle.open_muscat()
    for i in range(3):
        shuttle.ok("say", talk, "--as", "US Envoy", f"line {i}")
    head = shuttle.ok("view", talk, "--as", "Oman", "--json").json["head"]
    assert shuttle.ok("verify", "--expect", f"{talk}={head}").out.startswith(
        "ok: 1 talks, 4 events"
    )
    store_rows = shuttle.rows()
    assert len(store_rows) == 4

    from sqlalchemy import create_engine, text

    engine = create_engine(shuttle.db)
    with engine.begin() as conn:
        body = conn.execute(text("SELECT body FROM events WHERE seq = 3")).scalar_one()
        forged = bytes(body).replace(b"line 1", b"line X")
        conn.execute(text("UPDATE events SET body = :b WHERE seq = 3"), {"b": forged})
    engine.dispose()
    result = shuttle("verify", "--json")
    assert result.code == 1 and f"talk {talk} event 3" in result.err
    assert result.json["failures"][0]["seq"] == 3


def test_help_says_the_command_line_trusts_its_operator() -> None:
    assert "trusts --as" in CliRunner().invoke(app, ["--help"]).stdout
    for command in ["say", "convey", "release", "view", "verify", "join", "note", "consent"]:
        assert "Example" in CliRunner().invoke(app, [command, "--help"]).stdout
