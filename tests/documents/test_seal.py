"""The seal: a PDF sealed with a certificate comes back out of `unseal` byte for byte, with who
sealed it; and a seal stops holding when one byte of the file changes, when anything follows it,
or when its own revision changes what the pages show."""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from fpdf import FPDF
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pypdf import PdfWriter
from pypdf.annotations import FreeText

from shuttle.documents.seal import FIELD_NAME, Seal, SealError, seal_pdf, unseal

SUBJECT = "CN=Shuttle test seal,O=Shuttle tests"


@dataclass(frozen=True)
class Files:
    cert: Path
    key: Path
    der: bytes  # the certificate


def _make_cert(
    key: ec.EllipticCurvePrivateKey, common_name: str, start: int = -1, end: int = 30
) -> x509.Certificate:
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Shuttle tests"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )
    now = datetime.now(UTC)
    usage = x509.KeyUsage(True, True, False, False, False, False, False, False, False)
    return (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now + timedelta(days=start))
        .not_valid_after(now + timedelta(days=end))
        .add_extension(usage, critical=True)
        .sign(key, hashes.SHA256())
    )


def write_pair(folder: Path, common_name: str = "Shuttle test seal") -> Files:
    folder.mkdir(parents=True, exist_ok=True)
    key = ec.generate_private_key(ec.SECP256R1())
    cert = _make_cert(key, common_name)
    (folder / "seal.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    pkcs8 = serialization.PrivateFormat.PKCS8
    plain = serialization.NoEncryption()
    (folder / "seal.key").write_bytes(key.private_bytes(serialization.Encoding.PEM, pkcs8, plain))
    return Files(
        folder / "seal.pem", folder / "seal.key", cert.public_bytes(serialization.Encoding.DER)
    )


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> Files:
    return write_pair(tmp_path_factory.mktemp("seal"))


@pytest.fixture(scope="module")
def seal(files: Files) -> Seal:
    return Seal.load(files.cert, files.key)


@pytest.fixture(scope="module")
def original() -> bytes:
    pdf = FPDF()
    pdf.set_compression(False)  # so that the test can find the words in the file
    pdf.add_page()
    pdf.set_font("helvetica", size=14)
    pdf.cell(text="The parties agree on the amber lighthouse.")
    return bytes(pdf.output())


@pytest.fixture(scope="module")
def sealed(original: bytes, seal: Seal) -> bytes:
    return seal_pdf(original, seal)


def test_unseal_gives_back_the_exact_pdf_and_who_sealed_it(
    original: bytes, sealed: bytes, seal: Seal, files: Files
) -> None:
    assert seal.subject == SUBJECT
    assert sealed.startswith(original) and len(sealed) > len(original)
    result = unseal(sealed)
    assert result is not None
    unsealed, report = result
    assert unsealed == original
    assert report.signer == SUBJECT
    assert report.trusted is False  # self-signed, and no trust root was given
    assert report.fingerprint == hashlib.sha256(files.der).hexdigest()
    assert report.signed_at is not None
    signed_at = datetime.fromisoformat(report.signed_at)
    assert abs(signed_at - datetime.now(UTC)) < timedelta(minutes=5)


def test_the_seal_is_a_pades_signature_in_its_own_field(sealed: bytes) -> None:
    assert f"/T ({FIELD_NAME})".encode() in sealed
    assert b"/SubFilter /ETSI.CAdES.detached" in sealed


def test_a_trust_root_given_makes_the_seal_trusted(sealed: bytes, files: Files) -> None:
    result = unseal(sealed, trust_roots=[files.cert.read_bytes()])
    assert result is not None and result[1].trusted
    other = write_pair(files.cert.parent / "other", "Someone else")
    result = unseal(sealed, trust_roots=[other.der])
    assert result is not None and not result[1].trusted


def test_an_unsealed_pdf_gives_none(original: bytes) -> None:
    assert unseal(original) is None
    assert unseal(b"%PDF-1.7 not really a PDF") is None  # its reader says what is wrong


def test_one_byte_changed_in_the_sealed_part_breaks_the_seal(sealed: bytes) -> None:
    at = sealed.index(b"amber lighthouse")
    changed = sealed[:at] + b"A" + sealed[at + 1 :]
    with pytest.raises(SealError, match="changed after it was sealed"):
        unseal(changed)


def test_one_byte_changed_in_the_seals_revision_breaks_it(sealed: bytes) -> None:
    at = sealed.index(b"Sealed by the Shuttle server")
    changed = sealed[:at] + b"Z" + sealed[at + 1 :]
    with pytest.raises(SealError):
        unseal(changed)


def test_bytes_appended_after_the_seal_break_it(sealed: bytes) -> None:
    for tail in (b"garbage", b"\n", b"%%EOF\n", b"1 0 obj\n<< >>\nendobj\n"):
        with pytest.raises(SealError):
            unseal(sealed + tail)


def test_an_annotation_added_with_pyhanko_breaks_the_seal(sealed: bytes) -> None:
    writer = IncrementalPdfFileWriter(io.BytesIO(sealed))
    page_ref, _ = writer.find_page_for_modification(0)  # type: ignore[no-untyped-call]
    note = generic.DictionaryObject(  # type: ignore[no-untyped-call]
        {
            generic.NameObject("/Type"): generic.NameObject("/Annot"),
            generic.NameObject("/Subtype"): generic.NameObject("/Text"),
            generic.NameObject("/Rect"): generic.ArrayObject(
                [generic.NumberObject(n) for n in (50, 50, 80, 80)]  # type: ignore[no-untyped-call]
            ),
            generic.NameObject("/Contents"): generic.TextStringObject("Not what was agreed"),
        }
    )
    writer.register_annotation(page_ref, writer.add_object(note))  # type: ignore[no-untyped-call]
    out = io.BytesIO()
    writer.write(out)  # type: ignore[no-untyped-call]
    assert out.getvalue().startswith(sealed)
    with pytest.raises(SealError, match="changed after it was sealed"):
        unseal(out.getvalue())


def test_an_annotation_added_with_pypdf_breaks_the_seal(sealed: bytes) -> None:
    writer = PdfWriter(io.BytesIO(sealed), incremental=True)
    writer.add_annotation(0, FreeText(text="Not what was agreed", rect=(50, 50, 200, 100)))
    out = io.BytesIO()
    writer.write(out)
    assert out.getvalue().startswith(sealed)
    with pytest.raises(SealError, match="changed after it was sealed"):
        unseal(out.getvalue())


def _signer(files: Files) -> signers.SimpleSigner:
    signer = signers.SimpleSigner.load(str(files.key), str(files.cert))  # type: ignore[no-untyped-call]
    assert isinstance(signer, signers.SimpleSigner)
    return signer


def _meta(name: str = FIELD_NAME) -> signers.PdfSignatureMetadata:
    return signers.PdfSignatureMetadata(field_name=name, subfilter=fields.SigSeedSubFilter.PADES)


def test_a_second_signature_breaks_the_seal(sealed: bytes, files: Files) -> None:
    writer = IncrementalPdfFileWriter(io.BytesIO(sealed))
    twice = signers.sign_pdf(writer, _meta("Another"), signer=_signer(files)).getvalue()
    with pytest.raises(SealError, match="2 signatures"):
        unseal(twice)


def test_a_seal_whose_revision_rewrites_the_page_does_not_hold(
    original: bytes, tmp_path: Path
) -> None:
    """Someone with a key of their own takes the unsealed PDF, changes the page's words in the
    revision that carries their signature: the prefix is untouched, but the pages shown lie."""
    writer = IncrementalPdfFileWriter(io.BytesIO(original))
    page = writer.root["/Pages"]["/Kids"][0]
    content_ref = page.raw_get("/Contents")
    content = content_ref.get_object()
    content._data = content.data.replace(b"amber", b"green")  # sets the decoded data
    writer.update_container(content)
    forged = signers.sign_pdf(writer, _meta(), signer=_signer(write_pair(tmp_path))).getvalue()
    assert forged.startswith(original)
    with pytest.raises(SealError, match=f"changes object {content_ref.idnum}"):
        unseal(forged)


def test_a_visible_signature_box_does_not_hold_as_a_seal(original: bytes, files: Files) -> None:
    box = fields.SigFieldSpec(FIELD_NAME, box=(50, 50, 250, 120))
    signer = signers.PdfSigner(_meta(), signer=_signer(files), new_field_spec=box)
    stamped = signer.sign_pdf(IncrementalPdfFileWriter(io.BytesIO(original))).getvalue()
    with pytest.raises(SealError, match="changes object"):
        unseal(stamped)


def test_a_seal_whose_revision_adds_an_xfa_form_does_not_hold(
    original: bytes, files: Files
) -> None:
    """Acrobat shows an XFA form instead of the pages: a way to show other words."""
    writer = IncrementalPdfFileWriter(io.BytesIO(original))
    form = generic.DictionaryObject(  # type: ignore[no-untyped-call]
        {
            generic.NameObject("/Fields"): generic.ArrayObject(),
            generic.NameObject("/XFA"): writer.add_object(
                generic.StreamObject(stream_data=b"<x/>")
            ),
        }
    )
    writer.root[generic.NameObject("/AcroForm")] = writer.add_object(form)
    writer.update_root()  # type: ignore[no-untyped-call]
    forged = signers.sign_pdf(writer, _meta(), signer=_signer(files)).getvalue()
    with pytest.raises(SealError, match="XFA"):
        unseal(forged)


def test_a_cut_or_damaged_seal_fails_in_words(sealed: bytes) -> None:
    with pytest.raises(SealError) as caught:
        unseal(sealed[: len(sealed) - 300])
    assert "Traceback" not in str(caught.value)
    # A seal damaged so that it no longer reads as a signature is not taken for no seal at all.
    with pytest.raises(SealError, match="can no longer be read"):
        unseal(sealed.replace(b"/ByteRange", b"/ByteRangx"))


def test_a_key_that_does_not_match_the_certificate_is_refused_at_load(
    files: Files, tmp_path: Path
) -> None:
    other = write_pair(tmp_path)
    with pytest.raises(SealError, match="does not match") as caught:
        Seal.load(files.cert, other.key)
    assert str(other.key) in str(caught.value)


def test_a_missing_or_unreadable_file_is_named(files: Files, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.pem"
    with pytest.raises(
        SealError, match=r"certificate file cannot be read \(No such file"
    ) as caught:
        Seal.load(missing, files.key)
    assert str(missing) in str(caught.value)
    with pytest.raises(
        SealError, match=r"private key file cannot be read \(No such file"
    ) as caught:
        Seal.load(files.cert, missing)
    assert str(missing) in str(caught.value)
    junk = tmp_path / "junk.pem"
    junk.write_bytes(b"not a certificate")
    with pytest.raises(SealError, match="not a PEM or DER certificate"):
        Seal.load(junk, files.key)
    with pytest.raises(SealError, match="not a PEM or DER private key"):
        Seal.load(files.cert, junk)


def test_a_der_certificate_and_an_encrypted_key_load(files: Files, tmp_path: Path) -> None:
    der = tmp_path / "seal.der"
    der.write_bytes(files.der)
    key = serialization.load_pem_private_key(files.key.read_bytes(), password=None)
    locked = tmp_path / "locked.key"
    locked.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.BestAvailableEncryption(b"open sesame"),
        )
    )
    assert Seal.load(der, locked, b"open sesame").subject == SUBJECT
    with pytest.raises(SealError, match="passphrase"):
        Seal.load(der, locked)
    with pytest.raises(SealError, match="passphrase"):
        Seal.load(der, locked, b"wrong")


def test_an_expired_certificate_is_refused_at_load(files: Files, tmp_path: Path) -> None:
    key = serialization.load_pem_private_key(files.key.read_bytes(), password=None)
    assert isinstance(key, ec.EllipticCurvePrivateKey)
    expired = tmp_path / "expired.pem"
    expired.write_bytes(
        _make_cert(key, "Old seal", -60, -30).public_bytes(serialization.Encoding.PEM)
    )
    with pytest.raises(SealError, match="valid only from") as caught:
        Seal.load(expired, files.key)
    assert str(expired) in str(caught.value)
