"""The command line names its own options for a refusal's hint; the domain never does."""

from __future__ import annotations

from shuttle.cli.hints import cli_hint
from shuttle.talks import Hint


def test_a_field_becomes_the_option_that_sets_it() -> None:
    assert cli_hint(Hint(field="mode", value="verbatim")) == " (--mode verbatim)"
    assert cli_hint(Hint(field="room")) == " (--room)"
    assert cli_hint(Hint(field="parties")) == " (--party, once for each)"


def test_an_action_becomes_the_command_to_run() -> None:
    assert cli_hint(Hint(action="consent")) == " (shuttle consent)"
    assert cli_hint(Hint(field="role", value="mediator")) == " (--mediator alone)"


def test_no_hint_adds_nothing() -> None:
    assert cli_hint(None) == "" and cli_hint(Hint()) == ""
