"""The console's agenda editor: lines as a mediator types them."""

from __future__ import annotations

import pytest

from shuttle.talks import Invalid
from shuttle.web.pages.agenda_text import agenda_text, parse_agenda


def test_lines_become_issues_with_their_options() -> None:
    typed = " Harbour fees : none, halved ,full\n\n Berths: 2, 4, 6,\n"
    issues = parse_agenda(typed)
    assert issues == (("Harbour fees", ("none", "halved", "full")), ("Berths", ("2", "4", "6")))
    assert parse_agenda(agenda_text(issues)) == issues


def test_a_line_without_a_colon_is_named_with_an_example() -> None:
    with pytest.raises(Invalid) as refused:
        parse_agenda("Fees: a, b\nBerths 2 4")
    assert "line 2 ('Berths 2 4')" in refused.value.message
    assert "Sanctions relief: none, phased, full" in refused.value.message


def test_nothing_typed_is_left_to_the_domain_to_refuse() -> None:
    assert parse_agenda("\n  \n") == ()
