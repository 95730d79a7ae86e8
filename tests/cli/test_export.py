"""`shuttle export` and `shuttle verify-proof` on documents: a participant takes its record and
the agreement away, and checks them with no database."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from shuttle.documents.export import ATTACHMENT_NAME
from shuttle.documents.pdf_read import attachments_of
from shuttle.service import TalkService
from shuttle.store import open_store
from tests.cli.runner import Shuttle
from tests.cli.test_proof import verify_proof
from tests.documents.story import IRAN_FM, MEDIATOR, US_ENVOY, tell
from tests.documents.test_seal import write_pair


@pytest.fixture
def talk(shuttle: Shuttle) -> str:
    store = open_store(shuttle.db)
    try:
        return tell(TalkService(store)).talk
    finally:
        store.dispose()


def test_every_participant_exports_and_checks_its_documents(
    shuttle: Shuttle, talk: str, tmp_path: Path
) -> None:
    head = shuttle.ok("view", talk, "--as", IRAN_FM, "--json").json["head"]
    for name in (MEDIATOR, US_ENVOY, IRAN_FM):
        for document in ("record", "agreement"):
            for form in ("pdf", "json"):
                out = tmp_path / f"{name}-{document}.{form}"
                shuttle.ok(
                    "export", talk, "--as", name, "--document", document, "--format", form,
                    "--out", str(out),
                )  # fmt: skip
                checked = verify_proof(str(out), "--expect", head)
                assert checked.code == 0, checked.err
                lines = checked.out.splitlines()
                assert lines[0].startswith(f"valid up to head {head} of talk {talk}, as {name}")
                assert f"the {document} as {name} saw it" in checked.out
                if form == "pdf":
                    assert "its pages say exactly what its proof says" in checked.out
                    assert "not sealed" in checked.out
                as_json = verify_proof(str(out), "--json").json
                assert as_json["ok"] and as_json["document"] == document


def test_a_changed_document_fails_in_one_line_naming_what_differs(
    shuttle: Shuttle, talk: str, tmp_path: Path
) -> None:
    out = tmp_path / "agreement.json"
    shuttle.ok("export", talk, "--as", US_ENVOY, "--document", "agreement", "--format", "json",
               "--out", str(out))  # fmt: skip
    document = json.loads(out.read_text(encoding="utf-8"))
    for view in document["views"]:
        if view["view"] == "AgreementView":
            view["clauses"] = ["Inspectors return within 90 days"]
    forged = tmp_path / "forged.json"
    forged.write_text(json.dumps(document), encoding="utf-8")
    result = verify_proof(str(forged))
    assert result.code == 1 and result.err.count("\n") == 1
    assert f"document {forged} does not hold" in result.err and "'clauses'" in result.err
    pdf = tmp_path / "record.pdf"
    shuttle.ok("export", talk, "--as", IRAN_FM, "--out", str(pdf))
    data = pdf.read_bytes()
    attached = attachments_of(data)[ATTACHMENT_NAME]
    assert attached in data or b"/FlateDecode" in data  # stored whole or compressed, not absent
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(data[: len(data) // 2])
    result = verify_proof(str(cut))
    assert result.code in (1, 2) and result.err.count("\n") == 1 and "Traceback" not in result.err


def test_an_agreement_before_there_is_one_is_refused(shuttle: Shuttle, tmp_path: Path) -> None:
    talk = shuttle.open_muscat()
    result = shuttle("export", talk, "--as", "Oman", "--document", "agreement",
                     "--out", str(tmp_path / "a.pdf"))  # fmt: skip
    assert result.code == 1 and "no agreement yet" in result.err
    assert not (tmp_path / "a.pdf").exists()
    stranger = shuttle("export", talk, "--as", "Nobody", "--out", str(tmp_path / "b.pdf"))
    assert stranger.code == 3 and not (tmp_path / "b.pdf").exists()


def test_a_sealed_export_names_its_sealer_and_whether_it_is_trusted(
    shuttle: Shuttle, talk: str, tmp_path: Path
) -> None:
    files = write_pair(tmp_path / "seal", "Ministry seal")
    out = tmp_path / "sealed.pdf"
    shuttle.ok("export", talk, "--as", IRAN_FM, "--out", str(out),
               "--seal-cert", str(files.cert), "--seal-key", str(files.key))  # fmt: skip
    untrusted = verify_proof(str(out))
    assert untrusted.code == 0, untrusted.err
    assert "sealed by CN=Ministry seal" in untrusted.out and "not trusted here" in untrusted.out
    trusted = verify_proof(str(out), "--trust", str(files.cert))
    assert "its certificate trusted here); the seal holds" in trusted.out
    half = shuttle("export", talk, "--as", IRAN_FM, "--seal-cert", str(files.cert))
    assert half.code == 2 and "needs both --seal-cert FILE and --seal-key FILE" in half.err
