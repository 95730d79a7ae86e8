"""What people read: typed words are shown, never interpreted by Rich or the terminal."""

from __future__ import annotations

from tests.cli.runner import Shuttle


def test_markup_and_escape_sequences_are_shown_not_obeyed(shuttle: Shuttle) -> None:
    talk = shuttle.open_muscat()
    shuttle.ok("say", talk, "--as", "US Envoy", "[red]hi[/] \x1b[2J clear \x07 [/oops]")
    out = shuttle.ok("view", talk, "--as", "US Envoy").out
    assert "\x1b" not in out and "\x07" not in out
    assert "[red]hi[/]" in out and "\\x1b[2J" in out and "[/oops]" in out
    # JSON keeps the exact text: programs get what was said.
    said = shuttle.ok("view", talk, "--as", "US Envoy", "--json").json["events"][-1]
    assert said["text"] == "[red]hi[/] \x1b[2J clear \x07 [/oops]"
