"""Pages point at their own forms and choices for a refusal's hint."""

from __future__ import annotations

from shuttle.talks import Hint, Refused
from shuttle.web.pages.forms import says
from shuttle.web.pages.page_hints import page_hint


def test_a_choice_on_the_form_is_named_in_the_pages_words() -> None:
    assert page_hint(Hint(field="mode", value="verbatim")) == "choose “verbatim” on the form"
    assert page_hint(Hint(field="room", value="joint")) == "choose the room on the form"
    assert page_hint(Hint(field="text")) is None and page_hint(None) is None


def test_a_refusal_on_a_page_carries_no_option_of_the_command_line() -> None:
    refusal = Refused(
        "statement 2 is verbatim-only", "carry it word for word", Hint("mode", "verbatim")
    )
    message = says(refusal)
    assert message == (
        "Refused: statement 2 is verbatim-only. Allowed: carry it word for word "
        "(choose “verbatim” on the form)."
    )
    assert "--" not in message
