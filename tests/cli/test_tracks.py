"""`shuttle process`, `shuttle track open` and `shuttle carry-across`, as a script uses them."""

from __future__ import annotations

from tests.cli.runner import Shuttle

US = ("--delegate", "United States=US Envoy")


def test_a_process_its_tracks_and_a_carry_across(shuttle: Shuttle) -> None:
    process = shuttle.ok("process", "open", "--title", "Muscat round", "--json").json["process"]
    muscat = shuttle.ok(
        "track", "open", "--process", process, "--title", "Muscat", "--party", "United States",
        "--party", "Iran", "--mediator", "Oman", *US, "--delegate", "Iran=Iranian FM",
    ).out.strip()  # fmt: skip
    consult = shuttle.ok(
        "track", "open", "--process", process, "--title", "Consultation",
        "--party", "United States", "--party", "Israel", "--mediator", "White House", *US,
    ).out.strip()  # fmt: skip
    shuttle.ok("say", muscat, "--as", "US Envoy", "--handling", "may-convey", "We can phase it.")
    done = shuttle.ok(
        "carry-across", muscat, "--as", "US Envoy", "--event", "2", "--to-track", consult,
        "--mode", "verbatim", "--json",
    ).json  # fmt: skip
    assert done["received"]["talk"] == consult and done["sent"]["talk"] == muscat
    seen = shuttle.ok("view", consult, "--as", "US Envoy", "--json").json["events"]
    assert seen[-1]["kind"] == "received-from-track" and seen[-1]["text"] == "We can phase it."
    assert "there" not in seen[-1]  # a track's head is for its mediators
    shown = shuttle.ok("process", "show", process, "--as", "US Envoy", "--json").json
    assert [t["talk"] for t in shown["tracks"]] == [muscat, consult]
    assert [t["talk"] for t in shuttle.ok("process", "show", process, "--as", "Iranian FM",
                                          "--json").json["tracks"]] == [muscat]  # fmt: skip
    verified = shuttle.ok("verify", "--json").json
    assert verified["ok"] and verified["talks_checked"] == 2 and verified["links"] == []


def test_refusals_name_the_problem_and_change_nothing(shuttle: Shuttle) -> None:
    missing = shuttle("track", "open", "--title", "T", "--party", "A", "--party", "B",
                      "--mediator", "M")  # fmt: skip
    assert missing.code == 2 and "--process" in missing.err
    unknown = shuttle("track", "open", "--process", "nope", "--title", "T", "--party", "A",
                      "--party", "B", "--mediator", "M")  # fmt: skip
    assert unknown.code == 3 and "process 'nope' not found" in unknown.err
    process = shuttle.ok("process", "open", "--title", "P").out.strip()
    one = shuttle.ok(
        "track", "open", "--process", process, "--title", "One", "--party", "A", "--party", "B",
        "--mediator", "M", "--delegate", "A=a",
    ).out.strip()  # fmt: skip
    other = shuttle.open_muscat()
    shuttle.ok("say", one, "--as", "a", "Kept here.")  # mediator-only by default
    before = shuttle.rows()
    kept = shuttle("carry-across", one, "--as", "M", "--event", "2", "--to-track", other,
                   "--as-there", "Oman", "--room", "Iran", "--mode", "verbatim")  # fmt: skip
    assert kept.code == 1 and "only between tracks of one process" in kept.err
    assert shuttle.rows() == before
