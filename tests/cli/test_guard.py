"""`shuttle guard`: a mediator's words checked without sending; exit 1 on a warning."""

from __future__ import annotations

from tests.cli.runner import Shuttle


def test_guard_warns_names_the_source_and_sends_nothing(shuttle: Shuttle) -> None:
    talk = shuttle.open_muscat()
    shuttle.ok("say", talk, "--as", "Iranian FM", "Our ceiling is 3.67 percent, no more.")
    before = shuttle.rows()
    warned = shuttle("guard", talk, "--as", "Oman", "--to", "United States",
                     "They might go to just under four percent.", "--json")  # fmt: skip
    assert warned.code == 1, warned.err
    [warning] = warned.json["warnings"]
    assert warning["source"] == 2 and warning["room"] == "Iran"
    assert warning["close"][0]["what"] == "number"
    assert warning["close"][0]["source"] == "3.67 percent"
    plain = shuttle("guard", talk, "--as", "Oman", "--to", "United States", "3.67 %")
    assert plain.code == 1 and "statement 2 in the Iran room" in plain.out
    quiet = shuttle.ok("guard", talk, "--as", "Oman", "--to", "United States", "Welcome back.")
    assert "Nothing close" in quiet.out
    assert shuttle.rows() == before


def test_guard_refuses_like_any_command(shuttle: Shuttle) -> None:
    talk = shuttle.open_muscat()
    shuttle.ok("say", talk, "--as", "Iranian FM", "Our ceiling is 3.67 percent.")
    delegate = shuttle("guard", talk, "--as", "US Envoy", "--to", "Iran", "3.67")
    assert delegate.code == 1 and "only a mediator" in delegate.err
    room = shuttle("guard", talk, "--as", "Oman", "--to", "Nowhere", "3.67")
    assert room.code == 3 and "--to" in room.err
    source = shuttle("guard", talk, "--as", "Oman", "--to", "Iran", "--source", "9", "x")
    assert source.code == 3 and "--source" in source.err
