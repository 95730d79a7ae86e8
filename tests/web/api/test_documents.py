"""Documents through the API: each caller's own record and the agreement, as PDF or JSON
(`GET /api/talks/{talk}/export`), each checkable offline and against the record; and the
check, open to anyone (`POST /api/check`), which answers yes with the document's own words or
one and the same no."""

from __future__ import annotations

import json
from typing import Any

import httpx

from shuttle.documents import DocumentKind, RecordMatch, check_document, match_record
from tests.web.api.muscat import IRAN_HEAD, MEDIATOR, TERMS, US_HEAD, Muscat, Operator
from tests.web.api.test_cases import ok, signed_in
from tests.web.auth.conftest import address

US_WORDS = "Washington could live with a pause of sixty days"


def assert_attachment(answer: httpx.Response, media_type: str, suffix: str) -> str:
    """A file to save: its media type, an ASCII file name, never cached; the file name."""
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].startswith(media_type)
    assert answer.headers["cache-control"] == "no-store"
    disposition = answer.headers["content-disposition"]
    assert disposition.startswith('attachment; filename="') and disposition.endswith(f'{suffix}"')
    name = disposition.split('"')[1]
    assert name.isascii() and "/" not in name and not name.startswith(".")
    return name


def agree(muscat: Muscat) -> None:
    muscat.act(muscat.mediator, "drafts", {"terms": TERMS, "clauses": ["Review in June"]})
    muscat.act(muscat.us, "answers", {"accept": True})
    muscat.act(muscat.iran, "answers", {"accept": True})


def test_each_caller_exports_its_own_record(muscat: Muscat, operator: Operator) -> None:
    muscat.act(muscat.us, "statements", {"text": US_WORDS, "handling": "mediator-only"})
    for client, name in ((muscat.us, US_HEAD), (muscat.mediator, MEDIATOR)):
        answer = client.get(muscat.path("export"))  # JSON and the record, by default
        assert_attachment(answer, "application/json", ".json")
        checked = check_document(answer.content)
        assert checked.export is not None and checked.export.kind is DocumentKind.RECORD
        assert checked.proof.participant == name
        found = match_record(operator.service, checked)
        assert found == RecordMatch(checked.proof.head, moved_on=False)
    pdf = muscat.us.get(muscat.path("export"), params={"format": "pdf", "document": "record"})
    assert_attachment(pdf, "application/pdf", ".pdf")
    checked = check_document(pdf.content)
    assert (checked.format, checked.seal) == ("pdf", None)  # this server has no seal
    assert match_record(operator.service, checked) is not None
    # Iran's record holds nothing of the US room.
    iran = muscat.iran.get(muscat.path("export"))
    assert check_document(iran.content).proof.participant == IRAN_HEAD
    assert US_WORDS not in iran.text


def test_one_participant_has_its_documents_made_within_a_limit(muscat: Muscat) -> None:
    """A PDF of a long record costs a core a second or two: a participant gets 30 documents
    in five minutes (the server's default), and then a sentence saying to wait."""
    for _ in range(30):
        assert muscat.iran.get(muscat.path("export")).status_code == 200
    refused = muscat.iran.get(muscat.path("export"), params={"format": "pdf"})
    assert refused.status_code == 429 and "wait a few minutes" in refused.text
    assert muscat.us.get(muscat.path("export")).status_code == 200  # the limit is Iran's own


def test_a_document_names_the_server_s_own_check_page_whatever_host_a_caller_claims(
    muscat: Muscat,
) -> None:
    """The check address a document prints (and a seal would sign) comes from the server's
    settings; a caller's Host header would otherwise send the document's readers elsewhere."""
    forged = muscat.us.get(muscat.path("export"), headers={"Host": "check.example.net"})
    export = check_document(forged.content).export
    assert export is not None and export.check_at is not None
    assert "example.net" not in export.check_at and export.check_at.endswith("/check")


def test_the_agreement_is_refused_before_there_is_one_then_made(
    muscat: Muscat, operator: Operator
) -> None:
    early = muscat.us.get(muscat.path("export"), params={"document": "agreement"})
    assert early.status_code == 409
    refusal = early.json()
    assert refusal["error"] == "refused" and "no agreement yet" in refusal["rule"]
    agree(muscat)
    draft = muscat.us.get(muscat.path("export"), params={"document": "agreement"})
    assert_attachment(draft, "application/json", ".json")
    drafted = check_document(draft.content).export
    assert drafted is not None and drafted.kind is DocumentKind.AGREEMENT
    assert drafted.view.signatures == []
    for client in (muscat.us, muscat.iran):
        muscat.act(client, "signatures", {"intent": True})
    params = {"format": "pdf", "document": "agreement"}
    signed = muscat.iran.get(muscat.path("export"), params=params)
    assert_attachment(signed, "application/pdf", ".pdf")
    checked = check_document(signed.content)
    assert checked.export is not None and checked.proof.participant == IRAN_HEAD
    assert [s.by for s in checked.export.view.signatures] == [US_HEAD, IRAN_HEAD]
    assert match_record(operator.service, checked) is not None
    # The mediator takes the agreement too.
    by_mediator = muscat.mediator.get(muscat.path("export"), params={"document": "agreement"})
    assert check_document(by_mediator.content).proof.participant == MEDIATOR


def test_bad_values_are_refused_in_the_apis_usual_shape(muscat: Muscat) -> None:
    for params, where in (
        ({"format": "xml"}, "query.format"),
        ({"document": "memo"}, "query.document"),
    ):
        answer = muscat.us.get(muscat.path("export"), params=params)
        assert answer.status_code == 422, answer.text
        body = answer.json()
        assert body["error"] == "invalid" and where in body["message"]
        assert "xml" not in body["message"] and "memo" not in body["message"]


def check(url: str, body: bytes, **headers: str) -> httpx.Response:
    """POST /api/check as a stranger: no credential at all."""
    return httpx.post(f"{url}/api/check", content=body, headers=address() | headers, timeout=30)


def test_the_check_is_open_to_anyone_and_says_no_in_one_way(
    muscat: Muscat, operator: Operator
) -> None:
    url = muscat.server.url
    record = muscat.us.get(muscat.path("export")).content
    yes = ok(check(url, record), 200)
    assert yes == {
        "matches": True,
        "talk": muscat.talk,
        "title": "Muscat (test)",
        "participant": US_HEAD,
        "head": muscat.head(),
        "made_at": json.loads(record)["made_at"],
        "moved_on": False,
    }
    muscat.act(muscat.mediator, "notes", {"text": "the record moves on"})
    assert ok(check(url, record), 200)["moved_on"] is True
    tampered: dict[str, Any] = json.loads(record)
    tampered["views"][-1]["at"] = "2001-01-01T00:00:00+00:00"
    for body in (json.dumps(tampered).encode(), b"", b"%PDF-1.7 not really", b"\xff\xfe"):
        assert ok(check(url, body), 200) == {"matches": False}
    # Another site's page cannot make a visitor's browser spend its checks.
    assert check(url, record, **{"Sec-Fetch-Site": "cross-site"}).status_code == 403


def test_one_who_left_still_takes_its_record(operator: Operator) -> None:
    talk = operator.open_talk()
    mediator = operator.bearer(talk, MEDIATOR)
    co_name = "Departing Co-Mediator"
    body = {"name": co_name, "role": "mediator"}
    ok(mediator.post(f"/api/talks/{talk}/participants", json=body))
    co = signed_in(operator, co_name)
    ok(mediator.post(f"/api/talks/{talk}/notes", json={"text": "Before the co-mediator left"}))
    ok(mediator.delete(f"/api/talks/{talk}/participants/{co_name}"), 200)
    ok(mediator.post(f"/api/talks/{talk}/notes", json={"text": "After the co-mediator left"}))
    assert co.get(f"/api/talks/{talk}").status_code == 404  # the talk itself is closed to it
    for answer in (co.get(f"/api/talks/{talk}/export"), co.get(f"/talks/{talk}/export.json")):
        assert_attachment(answer, "application/json", ".json")
        assert "Before the co-mediator left" in answer.text
        assert "After the co-mediator left" not in answer.text
        checked = check_document(answer.content)
        assert checked.proof.participant == co_name
        assert match_record(operator.service, checked) is not None
    for client in (mediator, co):
        client.close()
