"""Blind bids: nobody sees a bound, the mediator included; a person reads the notice first."""

from __future__ import annotations

import json
from typing import Any

import pytest

from shuttle.cli import bids
from tests.cli.negotiation import open_bids, screen
from tests.cli.runner import Shuttle


def test_opening_a_bid_prints_its_notice(shuttle: Shuttle) -> None:
    talk = open_bids(shuttle)
    body = shuttle.ok("bid-open", talk, "--as", "M", "--issue", "Price", "--high", "A",
                      "--low", "B", "--json").json  # fmt: skip
    [opened] = body["events"]
    assert opened["kind"] == "bid-opened" and opened["number"] == 1
    assert (opened["issue"], opened["high"], opened["low"]) == ("Price", "A", "B")
    assert opened["rule"] == "midpoint" and "nearest the middle" in opened["notice"]
    for who in ["a", "b", "M"]:
        seen = shuttle.ok("view", talk, "--as", who, "--json").json["events"][-1]
        assert seen["notice"] == opened["notice"]
    shown = screen(shuttle.ok("view", talk, "--as", "b").out)
    assert "blind bid 1 on Price: A bids the least it accepts, B the most" in shown
    assert "notice: If the bounds overlap" in shown


def unstamped(view: Any) -> str:
    """A view's JSON without the record's head and the events' times: a hash or a clock may
    hold any run of digits, a bound must not."""
    events = [{k: v for k, v in e.items() if k != "at"} for e in view["events"]]
    return json.dumps(events, ensure_ascii=False)


def test_a_blind_bid_shows_no_bound_to_the_mediator(shuttle: Shuttle) -> None:
    talk = open_bids(shuttle)
    shuttle.ok("bid-open", talk, "--as", "M", "--issue", "Price", "--high", "A", "--low", "B")
    mine = shuttle.ok("bid", talk, "--as", "a", "150", "--json").json
    assert mine["events"][0]["bound"] == "150.0"
    mediator_now = shuttle.ok("view", talk, "--as", "M", "--json")
    assert "150" not in unstamped(mediator_now.json) and '"bound"' not in mediator_now.out
    settled = shuttle.ok("bid", talk, "--as", "b", "333", "--json").json
    assert [e["kind"] for e in settled["events"]] == ["bid-submitted", "bid-settled"]
    assert settled["events"][0]["bound"] == "333.0"
    assert settled["events"][1] | {"at": None} == {
        "seq": 6, "at": None, "kind": "bid-settled", "room": None, "by": None, "text": None,
        "number": 1, "issue": "Price", "value": "200",
    }  # fmt: skip

    mediator = shuttle.ok("view", talk, "--as", "M", "--json")
    assert "150" not in unstamped(mediator.json) and "333" not in unstamped(mediator.json)
    assert all("bound" not in e for e in mediator.json["events"])
    assert [e["party"] for e in mediator.json["events"] if e["kind"] == "bid-submitted"] == [
        "A", "B",
    ]  # fmt: skip
    assert "(bound withheld)" in screen(shuttle.ok("view", talk, "--as", "M").out)
    a_view = shuttle.ok("view", talk, "--as", "a", "--json").json["events"]
    assert [e.get("bound") for e in a_view if e["kind"] == "bid-submitted"] == ["150.0"]
    assert "333" not in unstamped({"events": a_view})
    assert "blind bid 1 settled Price at 200" in screen(shuttle.ok("view", talk, "--as", "a").out)


@pytest.mark.parametrize(("rule", "value"), [("lower", "200"), ("upper", "300")])
def test_the_talks_bid_rule_picks_the_option_in_the_overlap(
    shuttle: Shuttle, rule: str, value: str
) -> None:
    talk = open_bids(shuttle, "--bid-rule", rule)
    opened = shuttle.ok("bid-open", talk, "--as", "M", "--issue", "Price", "--high", "A",
                        "--low", "B", "--json").json["events"][0]  # fmt: skip
    assert opened["rule"] == rule
    shuttle.ok("bid", talk, "--as", "a", "150")
    settled = shuttle.ok("bid", talk, "--as", "b", "350", "--json").json["events"][-1]
    assert settled["value"] == value


def test_bounds_that_do_not_overlap_settle_nothing(shuttle: Shuttle) -> None:
    talk = open_bids(shuttle)
    shuttle.ok("bid-open", talk, "--as", "M", "--issue", "Price", "--high", "A", "--low", "B")
    shuttle.ok("bid", talk, "--as", "a", "350")
    out = screen(shuttle.ok("bid", talk, "--as", "b", "150").out)
    assert "no option of Price satisfies both bounds; the issue stays open" in out


def test_a_person_at_a_terminal_reads_the_notice_and_may_decline(
    shuttle: Shuttle, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bids, "interactive", lambda: True)
    talk = open_bids(shuttle)
    shuttle.ok("bid-open", talk, "--as", "M", "--issue", "Price", "--high", "A", "--low", "B")
    before = shuttle.rows()
    declined = shuttle("bid", talk, "--as", "b", "250", stdin="n\n")
    # (CliRunner echoes the typed answer on stdout, as a terminal would show it.)
    assert declined.code == 1 and declined.out.strip() == "n"
    assert "your bound is the most you accept" in declined.err
    assert "Notice: If the bounds overlap" in declined.err
    assert "not sent: nothing was recorded" in declined.err
    assert shuttle.rows() == before
    sent = shuttle.ok("bid", talk, "--as", "b", "250", "--json", stdin="y\n")
    echoed, printed = sent.out.splitlines()
    assert echoed.strip() == "y" and "Notice" in sent.err  # the question went to stderr
    assert json.loads(printed)["events"][0]["bound"] == "250.0"
    unasked = shuttle.ok("bid", talk, "--as", "a", "150", "--yes")
    assert "Notice" not in unasked.err and "settled Price at 200" in screen(unasked.out)


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (["bid-open", "{talk}", "--as", "a", "--issue", "Price", "--high", "A", "--low", "B"], 1,
         "only a mediator opens a blind bid"),
        (["bid-open", "{talk}", "--as", "M", "--issue", "Term", "--high", "A", "--low", "B"], 1,
         "'Term' is not numeric"),
        (["bid-open", "{talk}", "--as", "M", "--issue", "Tax", "--high", "A", "--low", "B"], 3,
         "issue 'Tax' not found"),
        (["bid-open", "{talk}", "--as", "M", "--issue", "Price", "--high", "A", "--low", "A"], 2,
         "two different parties"),
        (["bid-open", "{talk}", "--as", "M", "--issue", "Price", "--high", "A", "--low", "Z"], 3,
         "party 'Z' not found"),
        (["bid", "{talk}", "--as", "a", "100"], 1, "no blind bid awaits a bound from 'A'"),
        (["bid", "{talk}", "--as", "M", "100"], 1, "only a party's delegate submits a bound"),
        (["bid", "{talk}", "--as", "a", "100", "--number", "3"], 3, "no open blind bid 3"),
    ],
)  # fmt: skip
def test_bid_refusals(shuttle: Shuttle, args: list[str], code: int, words: str) -> None:
    talk = open_bids(shuttle)
    before = shuttle.rows()
    result = shuttle(*[a.replace("{talk}", talk) for a in args])
    assert result.code == code, (result.out, result.err)
    assert words in result.err and result.out == ""
    assert len(result.err.strip().splitlines()) == 1
    assert shuttle.rows() == before


def test_a_bound_is_final_and_within_range(shuttle: Shuttle) -> None:
    talk = open_bids(shuttle)
    shuttle.ok("bid-open", talk, "--as", "M", "--issue", "Price", "--high", "A", "--low", "B")
    huge = shuttle("bid", talk, "--as", "a", "1e16")
    assert huge.code == 2 and "a bound must lie in" in huge.err
    shuttle.ok("bid", talk, "--as", "a", "100")
    again = shuttle("bid", talk, "--as", "a", "120")
    assert again.code == 1 and "already bid in blind bid 1" in again.err
    busy = shuttle("bid-open", talk, "--as", "M", "--issue", "Price", "--high", "A", "--low", "B")
    assert busy.code == 1 and "still open" in busy.err
