"""Profiles (private preferences) and the mediator's advice built from them."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.negotiation import (
    IRAN,
    MUSCAT,
    OMAN,
    US,
    open_muscat,
    screen,
    submit_muscat_profiles,
    terms,
)
from tests.cli.runner import Shuttle

SMALL = """\
reservation: 0.4
weights: {Enrichment level: 1, Sanctions relief: 1, Inspections: 1, Sequencing: 1}
values:
  Enrichment level: [1, 0.5, 0.25, 0]
  Sanctions relief: {none: 1, humanitarian channels: 0.5, oil and banking waivers: 0.2,
                     full lifting: 0}
  Inspections: [0, 0.5, 1]
  Sequencing: [1, 0.5, 0]
"""


def options_profile() -> list[str]:
    """A complete US profile from options: `--weight` and `--value` for every issue."""
    args = ["--reservation", "0.5"]
    for issue, options in {
        "Enrichment level": ["none", "3.67%", "5%", "20%"],
        "Sanctions relief": ["none", "humanitarian channels", "oil and banking waivers",
                             "full lifting"],
        "Inspections": ["safeguards only", "Additional Protocol",
                        "Additional Protocol plus snap visits"],
        "Sequencing": ["relief after verification", "phased in parallel", "relief first"],
    }.items():  # fmt: skip
        args += ["--weight", f"{issue}=25"]
        for rank, option in enumerate(options):
            args += ["--value", f"{issue}={option}={rank / (len(options) - 1)}"]
    return args


def test_a_profile_from_options_is_seen_whole_only_by_its_party(shuttle: Shuttle) -> None:
    talk = open_muscat(shuttle)
    body = shuttle.ok("profile", talk, "--as", US, *options_profile(), "--json").json
    [submitted] = body["events"]
    assert submitted["kind"] == "profile" and submitted["party"] == "United States"
    assert submitted["shared"] is False and submitted["reservation"] == "0.5"
    assert submitted["weights"][0] == ["Enrichment level", "25.0"]
    assert submitted["values"][:2] == [
        ["Enrichment level", "none", "0.0"],
        ["Enrichment level", "3.67%", "0.3333333333333333"],
    ]
    own = shuttle.ok("profile", talk, "--as", US, "--json").json
    assert own["as"] == US and own["profiles"][0]["weights"] == submitted["weights"]
    shown = screen(shuttle.ok("profile", talk, "--as", US).out)
    assert "Profile of United States" in shown and "not shared with the mediator" in shown
    assert "reservation value 0.5" in shown and "25.0 (25%)" in shown
    mediator = shuttle.ok("profile", talk, "--as", OMAN, "--json").json["profiles"]
    assert mediator[0] | {"at": None} == {
        "seq": 3, "at": None, "kind": "profile", "room": None, "by": US, "text": None,
        "party": "United States", "shared": False,
    }  # fmt: skip
    assert "contents withheld" in shuttle.ok("profile", talk, "--as", OMAN).out
    assert shuttle.ok("profile", talk, "--as", IRAN, "--json").json["profiles"] == []
    assert "no profile yet for Iran" in screen(shuttle.ok("profile", talk, "--as", IRAN).out)


def test_share_alone_submits_the_current_profile_again_shared(shuttle: Shuttle) -> None:
    talk = open_muscat(shuttle)
    nothing = shuttle("profile", talk, "--as", US, "--share")
    assert nothing.code == 1 and "no profile of your party" in nothing.err
    shuttle.ok("profile", talk, "--as", US, *options_profile())
    shuttle.ok("profile", talk, "--as", US, "--share")
    [seen] = shuttle.ok("profile", talk, "--as", OMAN, "--json").json["profiles"]
    assert seen["shared"] is True and seen["reservation"] == "0.5" and seen["seq"] == 4


def test_a_profile_file_and_options_that_override_it(shuttle: Shuttle, tmp_path: Path) -> None:
    talk = open_muscat(shuttle)
    small = tmp_path / "us.yaml"
    small.write_text(SMALL, encoding="utf-8")
    body = shuttle.ok("profile", talk, "--as", US, "--file", str(small), "--reservation", "0.3",
                      "--weight", "Sequencing=3", "--json").json  # fmt: skip
    [submitted] = body["events"]
    assert submitted["reservation"] == "0.3"
    assert submitted["weights"] == [
        ["Enrichment level", "1.0"], ["Sanctions relief", "1.0"], ["Inspections", "1.0"],
        ["Sequencing", "3.0"],
    ]  # fmt: skip
    assert ["Sanctions relief", "oil and banking waivers", "0.2"] in submitted["values"]
    # A whole scenario file gives the delegate's own party's block.
    iran = shuttle.ok("profile", talk, "--as", IRAN, "--file", MUSCAT, "--json").json["events"][0]
    assert iran["reservation"] == "0.45" and iran["weights"][1] == ["Sanctions relief", "40.0"]


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("reservation: [", "cannot be read as YAML"),
        ("- 1\n- 2\n", "must be a mapping"),
        ("reservation: 0.5\ndiscount: 0.9\n", "unknown key 'discount'"),
        ("reservation: high\n", "reservation must be a number"),
        ("reservation: 0.5\nvalues:\n  Inspections: [0, 1]\n", "follow the options"),
        ("reservation: 0.5\nweights: [1, 2]\n", "weights must be a mapping"),
        ("parties:\n  Iran: {reservation: 0.5}\n", "no entry for 'United States'"),
    ],
)
def test_a_bad_profile_file_is_named_and_changes_nothing(
    shuttle: Shuttle, tmp_path: Path, content: str, words: str
) -> None:
    talk = open_muscat(shuttle)
    path = tmp_path / "bad.yaml"
    path.write_text(content, encoding="utf-8")
    before = shuttle.rows()
    result = shuttle("profile", talk, "--as", US, "--file", str(path))
    assert result.code == 2 and f"invalid profile file {path}" in result.err
    assert words in result.err and len(result.err.strip().splitlines()) == 1
    assert shuttle.rows() == before


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (["--file", "no/such.yaml"], 3, "not found: no/such.yaml"),
        (["--weight", "Inspections=1", "--reservation", "0.5"], 2, "gives no weight"),
        (["--weight", "Inspections", "--reservation", "0.5"], 2, '"ISSUE=NUMBER"'),
        (["--weight", "Inspections=lots", "--reservation", "0.5"], 2, "'lots' is not a number"),
        (["--value", "Inspections=0.5", "--reservation", "0.5"], 2, '"ISSUE=OPTION=NUMBER"'),
        (["--weight", "Inspections=1"], 2, "give --reservation"),
        (["--reservation", "1.5", "--file", MUSCAT], 2, "the reservation value must lie in"),
    ],
)
def test_profile_refusals(shuttle: Shuttle, args: list[str], code: int, words: str) -> None:
    talk = open_muscat(shuttle)
    before = shuttle.rows()
    result = shuttle("profile", talk, "--as", US, *args)
    assert result.code == code, (result.out, result.err)
    assert words in result.err and len(result.err.strip().splitlines()) == 1
    assert shuttle.rows() == before


def test_only_a_delegate_submits_and_only_on_an_agenda(shuttle: Shuttle) -> None:
    talk = open_muscat(shuttle)
    mediator = shuttle("profile", talk, "--as", OMAN, "--file", MUSCAT)
    assert mediator.code == 1 and "only its delegates submit one" in mediator.err
    bare = shuttle.open_muscat()
    no_agenda = shuttle("profile", bare, "--as", US, "--file", MUSCAT)
    assert no_agenda.code == 1 and "no agenda yet" in no_agenda.err


def test_advice_with_every_profile_shared_states_numbers(shuttle: Shuttle) -> None:
    talk = open_muscat(shuttle)
    submit_muscat_profiles(shuttle, talk, iran_shares=True)
    advice = shuttle.ok("advice", talk, "--as", OMAN, "--json").json
    assert advice["talk"] == talk and advice["ordinal_only"] is False
    assert advice["reservations"] == [0.5, 0.45] and advice["zone_size"] > 0
    assert advice["draft"] is None and advice["improvements"] == []
    shown = screen(shuttle.ok("advice", talk, "--as", OMAN).out)
    assert f"exists: {advice['zone_size']:,} packages" in shown
    assert "ordinal only" not in shown and "Current draft: none yet" in shown

    worse = {
        "Enrichment level": "5%", "Sanctions relief": "humanitarian channels",
        "Inspections": "Additional Protocol", "Sequencing": "phased in parallel",
    }  # fmt: skip
    shuttle.ok("draft", talk, "--as", OMAN, *terms(worse))
    shuttle.ok("incident", talk, "--as", OMAN, "A strike.", "--drop", "0.05")
    later = shuttle.ok("advice", talk, "--as", OMAN, "--json").json
    assert later["reservations"] == pytest.approx([0.45, 0.4])
    assert later["draft"]["outcome"] == worse and len(later["improvements"]) == 4
    draft_utilities = later["draft"]["utilities"]
    for better in later["improvements"]:
        assert all(u > d for u, d in zip(better["utilities"], draft_utilities, strict=True))
    shown = screen(shuttle.ok("advice", talk, "--as", OMAN).out)
    assert "Current draft (version 1)" in shown
    assert "Improvements: 4 packages better for every party" in shown


def test_advice_is_for_mediators_once_every_party_has_a_profile(shuttle: Shuttle) -> None:
    talk = open_muscat(shuttle)
    shuttle.ok("profile", talk, "--as", US, "--file", MUSCAT)
    waiting = shuttle("advice", talk, "--as", OMAN)
    assert waiting.code == 1 and "waiting for 'Iran'" in waiting.err
    delegate = shuttle("advice", talk, "--as", US)
    assert delegate.code == 1 and "advice is for mediators" in delegate.err
    bare = shuttle("advice", shuttle.open_muscat(), "--as", OMAN)
    assert bare.code == 1 and "no agenda yet" in bare.err


def test_the_plot_needs_every_profile_shared(shuttle: Shuttle, tmp_path: Path) -> None:
    talk = open_muscat(shuttle)
    submit_muscat_profiles(shuttle, talk, iran_shares=False)
    picture = tmp_path / "space.png"
    refused = shuttle("advice", talk, "--as", OMAN, "--plot", str(picture))
    assert refused.code == 1 and "'Iran' did not share its profile" in refused.err
    assert refused.out == "" and not picture.exists()
    wrong = shuttle("advice", talk, "--as", OMAN, "--plot", str(tmp_path / "space.svg"))
    assert wrong.code == 2 and "must name a .png file" in wrong.err
    shuttle.ok("profile", talk, "--as", IRAN, "--share")
    drawn = shuttle.ok("advice", talk, "--as", OMAN, "--plot", str(picture))
    assert f"wrote {picture}" in screen(drawn.out)
    assert picture.read_bytes().startswith(b"\x89PNG")
