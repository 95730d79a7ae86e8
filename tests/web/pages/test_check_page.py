"""The check page, open to anyone: a document that is this server's record gets a yes in the
document's own words -- and whether the record has moved on since -- and everything else gets
one and the same page: a forged or tampered file, a document of a talk this server never held,
random bytes, no file at all. The page never says which part failed.

Checks are counted per address, a file larger than the check accepts is answered in words, and
another site's page cannot post the form."""

from __future__ import annotations

import json
import re
from pathlib import Path

import httpx

from shuttle.cli.opening import Typed, open_command
from shuttle.documents import DocumentKind, export_document
from shuttle.engine import load_scenario
from shuttle.service import TalkService, utc_now
from shuttle.store import open_store
from shuttle.talks import BidRule, Handling, OpenTalk
from shuttle.web.settings import Settings
from tests.web.auth.conftest import address
from tests.web.pages.rooms import US_HEAD, Rooms, open_rooms
from tests.web.pages.test_documents import agree
from tests.web.running import MUSCAT, Server
from tests.web.uploads import upload

YES = "This document matches this server's record of talk"
NO = "This document does not match this server's record."
CHECK_LIMIT = Settings().check_limit
MAX_UPLOAD = Settings().max_upload


def checked(server: Server, data: bytes, where: dict[str, str], name: str = "doc") -> str:
    """Upload `data` on the check page as a stranger from `where`; the answer page."""
    files = {"document": (name, data, "application/octet-stream")}
    answer = httpx.post(f"{server.url}/check", files=files, headers=where, timeout=60)
    assert answer.status_code == 200, answer.text
    return answer.text


def verdict(page: str) -> str:
    found = re.findall(r'<div id="verdict".*?</div>', page, re.S)
    assert len(found) == 1, page
    return " ".join(found[0].split())


def agreed_talk(server: Server) -> tuple[Rooms, bytes, bytes]:
    rooms = open_rooms(server)
    agree(rooms)
    pdf = rooms.us.get(f"/talks/{rooms.talk}/agreement.pdf").content
    document = rooms.us.get(f"/talks/{rooms.talk}/agreement.json").content
    return rooms, pdf, document


def test_anyone_opens_the_check_page(server: Server) -> None:
    answer = httpx.get(f"{server.url}/check")  # no session
    assert answer.status_code == 200
    page = answer.text
    assert (
        '<form id="check-form" method="post" action="/check" enctype="multipart/form-data">' in page
    )
    assert (
        '<input type="file" id="check-document" name="document" '
        'accept=".pdf,.json,application/pdf,application/json" required>'
    ) in page
    assert "at most 20 MiB" in page and "<code>shuttle verify-proof FILE</code>" in page
    assert 'id="verdict"' not in page


def test_a_document_of_the_record_matches_until_the_record_moves_on(server: Server) -> None:
    rooms, pdf, document = agreed_talk(server)
    where = address()
    for data in (pdf, document):
        said = verdict(checked(server, data, where))
        assert YES in said and "“<bdi>Muscat" in said
        assert f"as <bdi>{US_HEAD}</bdi> saw it, at head" in said
        assert re.search(
            r"\(made <time datetime=[^>]+>\d{4}-\d\d-\d\d \d\d:\d\d UTC</time>\)", said
        )
        assert "The record has not moved on since." in said
    assert rooms.post(rooms.iran, "/say", {"text": "One more thing."}).status_code == 303
    for data in (pdf, document):
        said = verdict(checked(server, data, where))
        assert YES in said and "The record has moved on since" in said


def test_everything_else_gets_one_and_the_same_answer(server: Server, tmp_path: Path) -> None:
    _, pdf, document = agreed_talk(server)
    # One byte of the PDF's attachment changed (inside its compressed stream).
    stream = re.search(rb"/Type /EmbeddedFile\s*>>\s*stream\r?\n", pdf)
    assert stream is not None
    at = stream.end() + 40
    one_byte = pdf[:at] + bytes([pdf[at] ^ 0x20]) + pdf[at + 1 :]
    # One term changed in the JSON.
    changed = json.loads(document)
    agreement = next(v for v in changed["views"] if v["kind"] == "agreed")
    agreement["terms"][0][1] = "halted, with Iran restraining aligned groups"
    one_term = json.dumps(changed).encode()
    # A genuine document of a talk this server never held.
    elsewhere = TalkService(open_store(f"sqlite:///{tmp_path / 'elsewhere.db'}"))
    talk = elsewhere.open_talk(muscat_opening()).talk
    foreign = export_document(
        elsewhere, talk, US_HEAD, DocumentKind.RECORD, "json", made_at=utc_now()
    ).data
    elsewhere.store.dispose()
    where = address()
    answers = {
        name: checked(server, data, where)
        for name, data in {
            "one byte of the attachment": one_byte,
            "one term": one_term,
            "another talk": foreign,
            "random bytes": bytes(range(256)) * 8,
            "empty": b"",
        }.items()
    }
    first = answers["one byte of the attachment"]
    assert NO in verdict(first) and YES not in first
    for name, page in answers.items():
        assert page == first, f"{name} is told apart from the others"
    # No file at all (a form without its field): the same page.
    none = httpx.post(f"{server.url}/check", data={"other": "x"}, headers=where)
    assert (none.status_code, none.text) == (200, first)


def muscat_opening() -> OpenTalk:
    """The Muscat talk's opening, as `shuttle talk open --scenario` makes it."""
    typed = Typed(None, (), (), (), Handling.MEDIATOR_ONLY, False, BidRule.MIDPOINT)
    return open_command(typed, load_scenario(MUSCAT))


def test_checks_are_counted_limited_in_size_and_posted_from_this_site_only(
    server: Server,
) -> None:
    where = address()
    for n in range(CHECK_LIMIT):
        assert NO in checked(server, b"not a document", where), f"check {n + 1}"
    files = {"document": ("doc", b"not a document", "application/pdf")}
    blocked = httpx.post(f"{server.url}/check", files=files, headers=where)
    assert blocked.status_code == 429
    assert "Too many documents were checked from here" in blocked.text
    assert httpx.post(f"{server.url}/api/check", content=b"x", headers=where).status_code == 429
    # Larger than any other request may be, the check still takes it...
    big = bytes(2 * Settings().max_body)
    assert NO in checked(server, big, address())
    # ... up to its own limit, past which it says so in words, reading none of the rest.
    too_large = upload(
        server.url, "/check", iter([b"x" * 65536]), length=MAX_UPLOAD + 1, headers=address()
    )
    assert too_large.status == 413
    text = too_large.body.decode()
    assert "This file is too large to check here" in text and "at most 20 MiB" in text
    # Another site's page cannot make a visitor's browser post the form.
    crossing = httpx.post(
        f"{server.url}/check",
        files=files,
        headers=address() | {"Sec-Fetch-Site": "cross-site"},
    )
    assert crossing.status_code == 303 and crossing.headers["location"] == "/check"
