"""Documents from the pages: the agreement card reads as a document, and a delegate signs it by
confirming, in the domain's own words, that it means to; each participant downloads its own
record and the agreement; the printable agreement draws what the PDF draws."""

from __future__ import annotations

import html
import re

import httpx

from shuttle.documents import DocumentKind, check_document, drawing, match_record
from shuttle.documents.blocks import Entry, Fields, Heading, Paragraph, Table
from shuttle.service import utc_now
from shuttle.talks.single_text.events import intent_to_sign
from tests.web.pages.page_forms import PageForm, forms_of
from tests.web.pages.rooms import (
    IRAN,
    IRAN_HEAD,
    MEDIATOR,
    US,
    US_HEAD,
    Rooms,
    open_rooms,
)
from tests.web.pages.test_forms import FIRST_OPTIONS
from tests.web.running import Server

CLAUSES = ("Reviewed in June.", "تبادل الأسرى خلال شهر")  # the second right to left
US_WORDS = "Only for Oman: Washington could pause for sixty days."


def agree(rooms: Rooms) -> str:
    """Version 1, with clauses, accepted by both parties; the agreed text's hash."""
    terms = {f"term-{i}": option for i, option in enumerate(FIRST_OPTIONS)}
    drafted = rooms.post(rooms.mediator, "/draft", {**terms, "clauses": "\n".join(CLAUSES)})
    assert drafted.status_code == 303
    for who in (rooms.us, rooms.iran):
        assert rooms.post(who, "/answer", {"version": "1", "accept": "yes"}).status_code == 303
    events = rooms.us.get(f"/api/talks/{rooms.talk}").json()["events"]
    text_hash: str = next(e["text_hash"] for e in events if e["kind"] == "agreed")
    return text_hash


def region(page: str) -> str:
    """The agreement card of a page."""
    start = page.index('id="agreement-region"')
    return page[start : page.index("</section>", start)]


def text_of(fragment: str) -> str:
    """What a person reads of an HTML fragment: no tags, entities decoded, spaces collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", fragment)).split())


def sign_form(rooms: Rooms, who: httpx.Client) -> PageForm:
    return next(f for f in forms_of(rooms.page(who)) if f.id == "sign")


def test_the_agreement_reads_as_a_document_and_is_signed_with_intent(server: Server) -> None:
    rooms = open_rooms(server)
    text_hash = agree(rooms)
    card = region(rooms.page(rooms.us))
    read = text_of(card)
    # The whole agreed text: every term as "Issue: option", the clauses numbered.
    assert '<ul class="terms">' in card and read.count(":") >= len(FIRST_OPTIONS)
    for option in FIRST_OPTIONS:
        assert f"<bdi>{option}</bdi></li>" in card
    clauses = re.findall(r'<ol class="clauses">(.*?)</ol>', card, re.S)[0]
    assert re.findall(r'<li dir="auto">(.*?)</li>', clauses) == list(CLAUSES)
    assert f"{US}: not signed yet" in read and f"{IRAN}: not signed yet" in read
    assert "Draft agreement (PDF)" in read and "Printable draft agreement" in read
    assert f'href="/talks/{rooms.talk}/agreement.pdf"' in card
    # The form: the statement of intent, word for word, to tick; the text's hash with it.
    form = sign_form(rooms, rooms.us)
    box = next(f for f in form.fields if f.name == "intent")
    assert (box.kind, box.value, box.required, box.checked) == ("checkbox", "yes", True, False)
    assert form.filled()["text_hash"] == text_hash
    label = re.findall(r'<label for="sign-intent"[^>]*>(.*?)</label>', card, re.S)[0]
    assert text_of(label) == intent_to_sign(US_HEAD, US, text_hash)
    assert f"<bdi>{US_HEAD}</bdi>" in label  # the name isolated for direction
    assert f"Your name will be shown to every party as the one who signed for {US}." in read

    # Without the box ticked (no JavaScript to stop it): refused, the reason beside the form.
    unticked = {k: v for k, v in form.filled().items() if k != "intent"}
    refused = rooms.us.post(form.action, data=unticked)
    assert refused.status_code == 409
    beside = text_of(region(refused.text))
    assert "a signature needs your confirmation that you intend to sign electronically" in beside
    htmx = rooms.us.post(form.action, data=unticked, headers={"HX-Request": "true"})
    assert htmx.status_code == 409 and 'role="alert" id="sign-error"' in htmx.text
    assert 'aria-describedby="sign-error"' in htmx.text
    # With the hash of another text than the agreed one: refused.
    stale = form.filled() | {"text_hash": "0" * 64}
    refused = rooms.us.post(form.action, data=stale)
    assert refused.status_code == 409
    assert "the text you read is not the agreed text" in text_of(region(refused.text))
    assert "signed" not in [
        e["kind"] for e in rooms.us.get(f"/api/talks/{rooms.talk}").json()["events"]
    ]

    # Ticked: signed, and every party reads who signed, when, at which head.
    assert form.submit(rooms.us).status_code == 303
    for who in (rooms.iran, rooms.mediator):
        card = region(rooms.page(who))
        line = re.findall(rf"<li><bdi>{US}</bdi>: signed by .*?</li>", card)[0]
        assert re.fullmatch(
            rf"{US}: signed by {US_HEAD} on \d{{4}}-\d\d-\d\d \d\d:\d\d UTC, at head \d+:\w{{12}}…",
            text_of(line),
        ), text_of(line)
        assert re.search(r'title="\d+:[0-9a-f]{64}"', line)
        assert f"{IRAN}: not signed yet" in text_of(card)
    assert sign_form(rooms, rooms.iran).submit(rooms.iran).status_code == 303
    read = text_of(region(rooms.page(rooms.mediator)))
    assert "not signed yet" not in read
    assert "Agreement (PDF)" in read and "Printable agreement" in read and "draft" not in read


def test_each_participant_downloads_its_own_record(server: Server) -> None:
    rooms = open_rooms(server)
    assert rooms.post(rooms.us, "/say", {"text": US_WORDS}).status_code == 303
    service = server.operator[0]
    people = ((rooms.us, US_HEAD), (rooms.iran, IRAN_HEAD), (rooms.mediator, MEDIATOR))
    for who, name in people:
        page = rooms.page(who)
        for form in ("pdf", "json"):
            assert f'href="/talks/{rooms.talk}/export.{form}"' in page
            assert f"Download my record ({form.upper()})" in page
            # Whoever the query string names, the record is the visitor's own.
            answer = who.get(f"/talks/{rooms.talk}/export.{form}", params={"as": US_HEAD})
            assert answer.status_code == 200
            assert answer.headers["content-disposition"].startswith("attachment; filename=")
            assert answer.headers["cache-control"] == "no-store"
            checked = check_document(answer.content)
            assert checked.proof.participant == name
            assert checked.export is not None and checked.export.kind is DocumentKind.RECORD
            assert match_record(service, checked) is not None
            if form == "json":
                assert (US_WORDS in answer.text) == (name != IRAN_HEAD)
    # A stranger is sent to sign in; a participant of another talk finds nothing.
    stranger = httpx.Client(base_url=server.url, timeout=30)
    assert stranger.get(f"/talks/{rooms.talk}/export.json").status_code == 303
    elsewhere = server.browser_session(server.open_talk(), IRAN_HEAD)
    for path in ("export.json", "agreement.pdf", "agreement"):
        assert elsewhere.get(f"/talks/{rooms.talk}/{path}").status_code == 404
    # No agreement yet: refused in words, with the way back.
    early = rooms.us.get(f"/talks/{rooms.talk}/agreement.pdf")
    assert early.status_code == 409 and "no agreement yet" in early.text
    assert f'href="/talks/{rooms.talk}"' in early.text


def block_texts(block: object) -> list[str]:
    match block:
        case Heading(text=text) | Paragraph(text=text):
            return [text]
        case Fields(rows=rows):
            return [cell for row in rows for cell in row]
        case Table(header=header, rows=rows):
            return [*header, *(cell for row in rows for cell in row)]
        case Entry(meta=meta, text=text):
            return [meta, text]
    raise AssertionError(block)


def test_the_printable_agreement_draws_what_the_pdf_draws(server: Server) -> None:
    rooms = open_rooms(server)
    agree(rooms)
    service = server.operator[0]
    for signing in (None, rooms.us, rooms.iran):
        if signing is not None:
            assert sign_form(rooms, signing).submit(signing).status_code == 303
        answer = rooms.iran.get(f"/talks/{rooms.talk}/agreement")
        assert answer.status_code == 200
        page = answer.text
        drawn = drawing(
            service.view(rooms.talk, IRAN_HEAD), DocumentKind.AGREEMENT, utc_now(), None
        )
        assert f'<h1 id="document-title" dir="auto">{html.escape(drawn.title)}</h1>' in page
        shown = text_of(page)
        for block in drawn.blocks:
            for text in block_texts(block):
                if "To check this document" not in text:  # it names the check page here
                    assert " ".join(text.split()) in shown, text
        final = signing is rooms.iran
        assert ('class="document-mark"' in page) == (not final)
        assert ("DRAFT AGREEMENT" in page) == (not final)
    # Printed: the page's navigation is left off.
    css = rooms.iran.get("/static/shuttle.css").text
    printed = css[css.index("@media print") :]
    assert "header.top" in printed and ".no-print" in printed
    assert 'class="no-print print-help card"' in page
