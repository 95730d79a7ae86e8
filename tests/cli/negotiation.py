"""Talks to negotiate in, for the negotiation commands' tests: the Muscat scenario's agenda,
and a small agenda with a numeric issue for blind bids."""

from __future__ import annotations

from pathlib import Path

from tests.cli.runner import Shuttle

BUNDLED = Path(__file__).resolve().parents[2] / "src" / "shuttle" / "scenarios"
MUSCAT = str(BUNDLED / "muscat.yaml")
MUSCAT_2024 = str(BUNDLED / "muscat_2024.yaml")

US, IRAN, OMAN = "US Envoy", "Iranian FM", "Oman"

PACKAGE = {
    "Enrichment level": "3.67%",
    "Sanctions relief": "full lifting",
    "Inspections": "Additional Protocol plus snap visits",
    "Sequencing": "phased in parallel",
}
"""The Nash package of muscat.yaml."""


def screen(out: str) -> str:
    """What a person reads, as one line: table borders dropped, wrapped lines joined."""
    return " ".join("".join(" " if "\u2500" <= c <= "\u257f" else c for c in out).split())


def terms(package: dict[str, str], flag: str = "--term") -> list[str]:
    """`--term "ISSUE=OPTION"` for every issue of `package`."""
    return [part for issue, option in package.items() for part in (flag, f"{issue}={option}")]


def open_muscat(shuttle: Shuttle, *extra: str) -> str:
    """A talk on muscat.yaml's agenda, with Oman mediating and one delegate a party."""
    opened = shuttle.ok(
        "talk", "open", "--scenario", MUSCAT, "--mediator", OMAN,
        "--delegate", f"United States={US}", "--delegate", f"Iran={IRAN}", "--json", *extra,
    )  # fmt: skip
    talk: str = opened.json["talk"]
    return talk


def open_bids(shuttle: Shuttle, *extra: str) -> str:
    """A talk between A (delegate a) and B (delegate b), mediated by M, with a numeric issue."""
    talk = shuttle.ok(
        "talk", "open", "--title", "Prices", "--party", "A", "--party", "B", "--mediator", "M",
        "--delegate", "A=a", "--delegate", "B=b", *extra,
    ).out.strip()  # fmt: skip
    shuttle.ok("agenda", talk, "--as", "M", "--issue", "Price=100,200,300,400",
               "--issue", "Term=short,long")  # fmt: skip
    return talk


def submit_muscat_profiles(shuttle: Shuttle, talk: str, *, iran_shares: bool) -> None:
    """Both parties' profiles from muscat.yaml; the US shares its own, Iran as told."""
    shuttle.ok("profile", talk, "--as", US, "--file", MUSCAT, "--share")
    share = "--share" if iran_shares else "--no-share"
    shuttle.ok("profile", talk, "--as", IRAN, "--file", MUSCAT, share)
