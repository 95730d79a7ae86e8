"""Every participant's record and the agreement, as PDF and JSON: each holds exactly what its
participant may see, checks offline, and fails the check when one byte or one term changes."""

from __future__ import annotations

import io
import json
import random
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader

from shuttle.documents import DocumentKind, check_document, drawing, export_document, match_record
from shuttle.documents.blocks import Table
from shuttle.documents.export import ATTACHMENT_NAME
from shuttle.documents.pdf import Attachment, render_pdf
from shuttle.documents.pdf_read import attachments_of
from shuttle.documents.seal import Seal, seal_pdf, unseal
from shuttle.service import ProofError, TalkService
from shuttle.store import open_store
from shuttle.talks import Say
from tests.documents.story import EVERYONE, IRAN_FM, US_ENVOY, Story, tell
from tests.documents.test_seal import write_pair

MADE_AT = "2026-12-06T12:00:00.000000Z"
KINDS = (DocumentKind.RECORD, DocumentKind.AGREEMENT)


@pytest.fixture(scope="module")
def told(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TalkService, Story]]:
    store = open_store(f"sqlite:///{tmp_path_factory.mktemp('db') / 'shuttle.db'}")
    service = TalkService(store)
    yield service, tell(service)
    store.dispose()


def made(told: tuple[TalkService, Story], name: str, kind: DocumentKind, form: str) -> bytes:
    service, story = told
    return export_document(service, story.talk, name, kind, form, made_at=MADE_AT).data  # type: ignore[arg-type]


def pdf_text(data: bytes, tmp_path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext (Debian's poppler-utils) is needed: make test installs it")
    path = tmp_path / "document.pdf"
    path.write_bytes(data)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


@pytest.mark.parametrize("name", sorted(EVERYONE))
def test_no_export_holds_a_byte_its_participant_may_not_see(
    told: tuple[TalkService, Story], name: str, tmp_path: Path
) -> None:
    _, story = told
    for kind in KINDS:
        as_json = made(told, name, kind, "json").decode("utf-8")
        pdf = made(told, name, kind, "pdf")
        attached = attachments_of(pdf)[ATTACHMENT_NAME].decode("utf-8")
        shown = pdf_text(pdf, tmp_path)
        for phrase, readers in story.readers.items():
            if name in readers:
                continue
            for where, text in (("JSON", as_json), ("PDF text", shown), ("attachment", attached)):
                assert phrase not in text, f"{name}'s {kind} {where} holds {phrase!r}"
            assert phrase.encode() not in pdf, f"{name}'s {kind} PDF bytes hold {phrase!r}"
    record = made(told, name, DocumentKind.RECORD, "json").decode("utf-8")
    for phrase, readers in story.readers.items():
        if name in readers:  # the search is real: what it may see is there
            assert phrase in json.loads(json.dumps(record)), f"{name} lacks {phrase!r}"


@pytest.mark.parametrize("name", sorted(EVERYONE))
def test_every_document_checks_offline_and_matches_the_record(
    told: tuple[TalkService, Story], name: str
) -> None:
    service, story = told
    for kind in KINDS:
        for form in ("json", "pdf"):
            checked = check_document(made(told, name, kind, form))
            assert checked.export is not None and checked.export.kind is kind
            assert checked.proof.participant == name and checked.proof.talk == story.talk
            assert checked.proof.readable and checked.proof.head.seq == len(
                checked.proof.readable
            ) + len(checked.proof.placed)
            match = match_record(service, checked)
            assert match is not None and match.head == checked.proof.head


def test_a_changed_term_in_the_json_fails_and_is_named(told: tuple[TalkService, Story]) -> None:
    document = json.loads(made(told, US_ENVOY, DocumentKind.AGREEMENT, "json"))
    for view in document["views"]:
        if view["view"] == "AgreementView":
            view["terms"][0][1] = "20"
    with pytest.raises(ProofError, match=r"'terms' in the document is .*'20'.* in the record"):
        check_document(json.dumps(document).encode())


def test_a_changed_name_in_the_json_fails(told: tuple[TalkService, Story]) -> None:
    document = json.loads(made(told, IRAN_FM, DocumentKind.AGREEMENT, "json"))
    for view in document["views"]:
        if view["view"] == "SignatureView" and view["by"] == US_ENVOY:
            view["by"] = "Someone Else"
    with pytest.raises(ProofError, match="'by' in the document is 'Someone Else'"):
        check_document(json.dumps(document).encode())


def test_a_dropped_view_fails(told: tuple[TalkService, Story]) -> None:
    document = json.loads(made(told, IRAN_FM, DocumentKind.RECORD, "json"))
    del document["views"][-1]
    with pytest.raises(ProofError, match="the document leaves it out"):
        check_document(json.dumps(document).encode())


def test_one_byte_of_the_pdf_or_its_attachment_changed_fails(
    told: tuple[TalkService, Story],
) -> None:
    pdf = made(told, US_ENVOY, DocumentKind.AGREEMENT, "pdf")
    attached = attachments_of(pdf)[ATTACHMENT_NAME]
    # A byte inside the file's own metadata, away from any page.
    at = pdf.index(b"/CreationDate") + 20
    flipped = pdf[:at] + bytes([pdf[at] ^ 1]) + pdf[at + 1 :]
    with pytest.raises(ProofError):
        check_document(flipped)
    # The attachment with one changed byte, in a PDF otherwise drawn right.
    service, story = told
    view, _ = service.proven_view(story.talk, US_ENVOY)
    drawn = drawing(view, DocumentKind.AGREEMENT, MADE_AT, None)
    changed = attached.replace(b'"3.67"', b'"3.68"', 1)
    assert changed != attached
    forged = render_pdf(drawn, [Attachment(ATTACHMENT_NAME, changed, "forged")])
    with pytest.raises(ProofError):
        check_document(forged)


def test_pages_that_say_another_term_fail_and_name_the_page(
    told: tuple[TalkService, Story],
) -> None:
    """A forger redraws the pages with a different term but keeps the genuine attachment."""
    pdf = made(told, US_ENVOY, DocumentKind.AGREEMENT, "pdf")
    attached = attachments_of(pdf)[ATTACHMENT_NAME]
    service, story = told
    view, _ = service.proven_view(story.talk, US_ENVOY)
    drawn = drawing(view, DocumentKind.AGREEMENT, MADE_AT, None)
    blocks = tuple(
        replace(b, rows=(("Enrichment", "20"), *b.rows[1:])) if isinstance(b, Table) else b
        for b in drawn.blocks
    )
    forged = render_pdf(replace(drawn, blocks=blocks), [Attachment(ATTACHMENT_NAME, attached, "")])
    with pytest.raises(ProofError, match=r"page 1 says .*20"):
        check_document(forged)


def test_the_check_against_the_record_sees_it_move_on(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'shuttle.db'}")
    service = TalkService(store)
    story = tell(service)
    document = export_document(
        service, story.talk, IRAN_FM, DocumentKind.RECORD, "json", made_at=MADE_AT
    ).data
    checked = check_document(document)
    match = match_record(service, checked)
    assert match is not None and not match.moved_on
    service.execute(story.talk, Say(IRAN_FM, "one more word"))
    match = match_record(service, checked)
    assert match is not None and match.moved_on
    other = tell(service)
    forged = json.loads(document)
    forged["talk"] = other.talk  # the same views and proof, claimed for another talk
    with pytest.raises(ProofError):
        check_document(json.dumps(forged).encode())
    store.dispose()


def test_the_agreement_s_first_page_as_a_picture(
    told: tuple[TalkService, Story], tmp_path: Path
) -> None:
    """The picture the README shows: the signed agreement's first page, as a delegate has it."""
    if shutil.which("pdftoppm") is None:
        pytest.fail("pdftoppm (Debian's poppler-utils) is needed: make test installs it")
    pdf = tmp_path / "agreement.pdf"
    pdf.write_bytes(made(told, US_ENVOY, DocumentKind.AGREEMENT, "pdf"))
    artifacts = Path(__file__).parents[2] / "test-artifacts" / "documents"
    artifacts.mkdir(parents=True, exist_ok=True)
    stem = artifacts / "agreement-page1"
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(stem)],
        check=True,
    )
    assert stem.with_suffix(".png").stat().st_size > 10_000
    shown = pdf_text(pdf.read_bytes(), tmp_path)
    for words in ("Agreement", "Enrichment", "3.67", "signed by US Envoy", "signed by Iranian FM"):
        assert words in shown, words
    assert "DRAFT" not in shown  # signed by every party: not a draft


def test_an_agreement_not_every_party_signed_is_marked_a_draft(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'shuttle.db'}")
    service = TalkService(store)
    story = tell(service, signers=(US_ENVOY,))
    pdf = export_document(
        service, story.talk, IRAN_FM, DocumentKind.AGREEMENT, "pdf", made_at=MADE_AT
    ).data
    shown = pdf_text(pdf, tmp_path)
    assert "Draft agreement" in shown and "not signed yet" in shown
    # The mark across every page is drawn turned, which pdftotext leaves out; pypdf reads it.
    pages = PdfReader(io.BytesIO(pdf)).pages
    assert all("DRAFT AGREEMENT" in page.extract_text() for page in pages)
    assert check_document(pdf).export is not None
    store.dispose()


def test_a_sealed_document_says_so_and_loses_nothing_unnoticed(
    told: tuple[TalkService, Story], tmp_path: Path
) -> None:
    service, story = told
    files = write_pair(tmp_path / "seal")
    seal = Seal.load(files.cert, files.key)
    pdf = export_document(
        service, story.talk, IRAN_FM, DocumentKind.AGREEMENT, "pdf", made_at=MADE_AT, seal=seal
    ).data
    checked = check_document(pdf, trust=[files.cert.read_bytes()])
    assert checked.seal is not None and checked.seal.trusted
    assert f"Sealed by {seal.subject}" in pdf_text(pdf, tmp_path).replace("\n", " ")
    unsealed = unseal(pdf)
    assert unsealed is not None
    with pytest.raises(ProofError, match=r"says it is sealed by .*, but carries no seal"):
        check_document(unsealed[0])  # the seal taken off: the pages still name it
    plain = made(told, IRAN_FM, DocumentKind.AGREEMENT, "pdf")
    assert "Not sealed" in pdf_text(plain, tmp_path)
    resealed = seal_pdf(plain, seal)  # a seal put on a document that says it has none
    with pytest.raises(ProofError, match="says it is not sealed, but carries a seal by"):
        check_document(resealed)


def test_pages_another_version_drew_differently_are_named_as_such(
    told: tuple[TalkService, Story],
) -> None:
    pdf = made(told, US_ENVOY, DocumentKind.AGREEMENT, "pdf")
    attached = attachments_of(pdf)[ATTACHMENT_NAME]
    older = attached.replace(b'"software": "shuttle ', b'"software": "shuttle 0.0.1-', 1)
    assert older != attached
    service, story = told
    view, _ = service.proven_view(story.talk, US_ENVOY)
    drawn = drawing(view, DocumentKind.AGREEMENT, MADE_AT, None)
    # Pages drawn otherwise (here: another subtitle), as an older drawing might.
    other = render_pdf(
        replace(drawn, subtitle="Agreement"), [Attachment(ATTACHMENT_NAME, older, "")]
    )
    with pytest.raises(ProofError, match=r"made by shuttle 0\.0\.1-.* may draw the same"):
        check_document(other)


def test_a_damaged_pdf_is_refused_in_a_sentence_never_with_an_error_of_a_library(
    told: tuple[TalkService, Story],
) -> None:
    """Bytes flipped anywhere (seeded): a ProofError each time, whatever pypdf makes of it."""
    pdf = made(told, IRAN_FM, DocumentKind.AGREEMENT, "pdf")
    rng = random.Random(2026)
    for _ in range(20):
        damaged = bytearray(pdf)
        # Distinct places, each surely changed: a byte drawn at random is its old value one
        # time in 256, and then nothing was damaged at all.
        for place in rng.sample(range(len(damaged)), rng.randint(1, 3)):
            damaged[place] ^= rng.randrange(1, 256)
        assert bytes(damaged) != pdf
        with pytest.raises(ProofError):
            check_document(bytes(damaged))


@pytest.mark.parametrize("name", sorted(EVERYONE))
def test_one_term_or_one_byte_changed_in_any_document_fails(
    told: tuple[TalkService, Story], name: str
) -> None:
    for kind in KINDS:
        as_json = made(told, name, kind, "json")
        assert b'"3.67"' in as_json  # the agreed term, in every participant's documents
        with pytest.raises(ProofError):
            check_document(as_json.replace(b'"3.67"', b'"3.68"'))
        pdf = made(told, name, kind, "pdf")
        middle = len(pdf) // 2
        with pytest.raises(ProofError):
            check_document(pdf[:middle] + bytes([pdf[middle] ^ 0x20]) + pdf[middle + 1 :])
