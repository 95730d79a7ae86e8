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


def test_a_carry_run_again_with_its_key_is_carried_once(shuttle: Shuttle) -> None:
    process = shuttle.ok("process", "open", "--title", "Keyed round").out.strip()
    one = shuttle.ok(
        "track", "open", "--process", process, "--title", "One", "--party", "A", "--party", "B",
        "--mediator", "M", "--delegate", "A=a",
    ).out.strip()  # fmt: skip
    two = shuttle.ok(
        "track", "open", "--process", process, "--title", "Two", "--party", "A", "--party", "C",
        "--mediator", "M", "--delegate", "A=a",
    ).out.strip()  # fmt: skip
    shuttle.ok("say", one, "--as", "a", "--handling", "may-convey", "We could phase it.")
    carry = ("carry-across", one, "--as", "a", "--event", "2", "--to-track", two,
             "--mode", "verbatim", "--key", "carry-1", "--json")  # fmt: skip
    first = shuttle.ok(*carry).json
    rows = shuttle.rows()
    assert shuttle.ok(*carry).json == first  # run again: the first answer, nothing added
    assert shuttle.rows() == rows
    other = shuttle("carry-across", one, "--as", "a", "--event", "2", "--to-track", two,
                    "--mode", "paraphrase", "We might phase it.", "--key", "carry-1")  # fmt: skip
    assert other.code == 2 and "--key" in other.err and "Traceback" not in other.err
    bad = shuttle("carry-across", one, "--as", "a", "--event", "2", "--to-track", two,
                  "--mode", "verbatim", "--key", "has space")  # fmt: skip
    assert bad.code == 2 and "--key" in bad.err
    assert shuttle.rows() == rows
