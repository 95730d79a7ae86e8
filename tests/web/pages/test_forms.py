"""The pages' forms: each executes its command as the sender, needs the session's CSRF token,
and shows a refusal beside the form in words."""

from __future__ import annotations

from tests.web.pages.rooms import (
    IRAN,
    MEDIATOR,
    US,
    Rooms,
    cookie_only,
    open_rooms,
    said_seq,
    unisolated,
)
from tests.web.running import Server


def test_a_form_post_executes_and_the_next_view_shows_it(rooms: Rooms) -> None:
    words = "We could pause the attacks if shipping is spared."
    answer = rooms.post(rooms.us, "/say", {"text": words, "handling": "may-convey"})
    assert answer.status_code == 303 and answer.headers["location"].startswith(
        f"/talks/{rooms.talk}"
    )
    assert words in rooms.page(rooms.us)
    assert words in rooms.page(rooms.mediator)
    assert words not in rooms.page(rooms.iran)


def test_htmx_gets_the_form_back_with_a_word_of_success(rooms: Rooms) -> None:
    answer = rooms.post(rooms.iran, "/say", {"text": "Sanctions first."}, htmx=True)
    assert answer.status_code == 200
    assert 'id="say"' in answer.text and "Done: event #" in answer.text
    assert "<html" not in answer.text  # a fragment, not a page


def test_forms_without_the_csrf_token_are_refused(server: Server, rooms: Rooms) -> None:
    forged = cookie_only(server, rooms.us)
    answer = forged.post(f"/talks/{rooms.talk}/say", data={"text": "forged words"})
    assert answer.status_code == 403
    assert "CSRF" in answer.text
    wrong = forged.post(f"/talks/{rooms.talk}/say", data={"text": "forged", "csrf": "guess"})
    assert wrong.status_code == 403
    assert "forged" not in rooms.page(rooms.us)


def test_a_refusal_is_shown_beside_its_form_in_words(server: Server) -> None:
    rooms = open_rooms(server)  # a talk without a draft yet
    rooms.post(rooms.us, "/say", {"text": "Only for Oman.", "handling": "mediator-only"})
    seq = said_seq(rooms, rooms.us, "Only for Oman.")
    carry = {"to": IRAN, "mode": "verbatim"}
    answer = rooms.post(rooms.mediator, f"/statements/{seq}/carry", carry, htmx=True)
    assert answer.status_code == 409
    assert "Refused:" in answer.text and "mediator-only" in answer.text
    assert 'role="alert"' in answer.text and f'id="carry-{seq}"' in answer.text
    # Without JavaScript: the whole page again, the refusal beside the form.
    page = rooms.post(rooms.mediator, f"/statements/{seq}/carry", carry)
    assert page.status_code == 409 and "<html" in page.text and "Refused:" in page.text
    # A delegate answering before any draft: the rule, and what to do instead.
    early = rooms.post(rooms.us, "/answer", {"accept": "yes"}, htmx=True)
    assert early.status_code == 409 and "no draft has been circulated yet" in early.text
    # Bad input keeps what was typed and says what is expected.
    bad = rooms.post(rooms.mediator, "/incident", {"text": "a storm", "drop": "lots"}, htmx=True)
    assert bad.status_code == 422 and "must be a number" in bad.text and "a storm" in bad.text


def test_words_are_escaped_everywhere(rooms: Rooms) -> None:
    rooms.post(rooms.us, "/say", {"text": "<script>alert(1)</script>", "handling": "may-convey"})
    for who in (rooms.us, rooms.mediator):
        page = rooms.page(who)
        assert "<script>alert(1)</script>" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_a_paraphrase_reaches_the_other_room_and_the_source_sees_how(rooms: Rooms) -> None:
    words = "We will stop if they stop."
    rooms.post(rooms.us, "/say", {"text": words, "handling": "may-convey"})
    seq = said_seq(rooms, rooms.us, words)
    paraphrase = "The Americans link their restraint to yours."
    carry = {"to": IRAN, "mode": "paraphrase", "text": paraphrase}
    assert rooms.post(rooms.mediator, f"/statements/{seq}/carry", carry).status_code == 303
    iran = rooms.page(rooms.iran)
    assert paraphrase in iran and words not in iran and "paraphrased by the mediator" in iran
    us = unisolated(rooms.page(rooms.us))
    assert f"Your statement #{seq} went to the {IRAN} room as a paraphrase" in us


def test_a_draft_circulates_and_the_answers_fill_the_matrix(rooms: Rooms) -> None:
    terms = {f"term-{i}": option for i, option in enumerate(FIRST_OPTIONS)}
    drafted = rooms.post(rooms.mediator, "/draft", {**terms, "clauses": "Reviewed in June."})
    assert drafted.status_code == 303
    us_page = rooms.page(rooms.us)
    assert "Version 1 of the single text" in us_page and "Reviewed in June." in us_page
    assert "Only the mediator sees your answer" in us_page
    answer = {"version": "1", "accept": "yes", "comment": "Workable."}
    assert rooms.post(rooms.us, "/answer", answer).status_code == 303
    assert rooms.post(rooms.iran, "/answer", {"version": "1", "accept": "no"}).status_code == 303
    matrix = rooms.mediator.get(f"/talks/{rooms.talk}/parts/matrix").text
    assert "accepts" in matrix and "rejects" in matrix and "Workable." in matrix
    assert "Workable." not in rooms.page(rooms.iran)
    assert MEDIATOR in rooms.page(rooms.us) and US in rooms.page(rooms.us)


def test_profiles_feed_the_advice_chart_and_unshared_numbers_are_withheld(
    rooms: Rooms,
) -> None:
    shared = {**profile_fields(), "share": "yes"}
    assert rooms.post(rooms.us, "/profile", shared).status_code == 303
    assert rooms.post(rooms.iran, "/profile", profile_fields(reverse=True)).status_code == 303
    console = rooms.page(rooms.mediator)
    assert "withheld: profile not shared" in console
    assert "<svg" not in console  # no plot without both parties' numbers
    iran_page = rooms.page(rooms.iran)
    assert 'id="profile-reservation"' in iran_page and 'value="0.4"' in iran_page  # kept
    rooms.post(rooms.iran, "/profile", {**profile_fields(reverse=True), "share": "yes"})
    console = rooms.page(rooms.mediator)
    assert "<svg" in console and "Nash point" in console
    assert "withheld: profile not shared" not in console


FIRST_OPTIONS = [
    "paused",
    "commercial shipping spared",
    "tacit mutual restraint",
    "current levels",
    "humanitarian funds released",
    "as needed",
]
OPTION_COUNTS = [4, 4, 3, 4, 4, 3]


def profile_fields(reverse: bool = False) -> dict[str, str]:
    """A profile for the Muscat agenda: later options better (or worse, reversed)."""
    fields = {"reservation": "0.4"}
    for i, count in enumerate(OPTION_COUNTS):
        fields[f"weight-{i}"] = str(i + 1)
        for j in range(count):
            value = j / (count - 1)
            fields[f"value-{i}-{j}"] = f"{1 - value if reverse else value:.2f}"
    return fields
