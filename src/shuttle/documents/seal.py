"""An optional seal on PDFs: a PAdES signature by the organisation that runs the server, and
the offline check that takes it off again. pyHanko signs in an incremental update, so the PDF as
drawn is a byte prefix of the sealed one; `unseal` returns that prefix once it has checked that
the signature holds, covers the whole file, and that its revision adds the seal and nothing else.
pyHanko is imported only when a seal is made or checked: it takes a third of a second to load."""

from __future__ import annotations

import hashlib
import io
import logging
import re
import warnings
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from cryptography.hazmat.primitives.serialization import load_der_private_key as _der
from cryptography.hazmat.primitives.serialization import load_pem_private_key as _pem
from cryptography.utils import CryptographyDeprecationWarning

if TYPE_CHECKING:
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import EmbeddedPdfSignature

FIELD_NAME = "ShuttleSeal"
REASON = "Sealed by the Shuttle server that made it"
# What a broken or hostile file can raise from deep inside pyHanko (its own PdfError aside).
_BROKEN = (
    ValueError, LookupError, TypeError, AttributeError, AssertionError, RecursionError, zlib.error
)  # fmt: skip
_CHANGED = "the PDF was changed after it was sealed"
_FREE_IN_CATALOG = {"/AcroForm", "/Extensions", "/Version", "/Metadata"}  # what sealing adds
# pyHanko imports DSA, which cryptography deprecates, and logs a traceback for each certificate
# no trust root vouches for, which the report says in a word.
warnings.filterwarnings("ignore", "DSA is deprecated", CryptographyDeprecationWarning)
logging.getLogger("pyhanko.sign.validation.generic_cms").addFilter(
    lambda record: not str(record.msg).startswith("Validation error [cert context:")
)


class SealError(ValueError):
    """A seal that cannot be loaded or made, or that does not hold: a sentence for a person."""


@dataclass(frozen=True)
class Seal:
    """A certificate and its private key, loaded once when the server starts."""

    certificate: x509.Certificate
    key: PrivateKeyTypes = field(repr=False)
    chain: tuple[x509.Certificate, ...] = ()  # the certificates that issued it, if given

    @classmethod
    def load(cls, cert: Path, key: Path, passphrase: bytes | None = None) -> Seal:
        """The certificate (PEM, maybe followed by its chain, or DER) and its private key (PEM
        or DER); SealError naming the file if one is missing, unreadable, or they differ."""
        data = _read(cert, "certificate")
        try:
            certs = x509.load_pem_x509_certificates(data) if b"-----BEGIN" in data else []
            certs = certs or [x509.load_der_x509_certificate(data)]
        except ValueError:
            raise SealError(f"{cert}: not a PEM or DER certificate") from None
        data = _read(key, "private key")
        try:
            private = (_pem if b"-----BEGIN" in data else _der)(data, password=passphrase)
        except TypeError:  # encrypted and no passphrase, or a passphrase for a plain key
            raise SealError(f"{key}: the passphrase does not fit the private key") from None
        except ValueError:
            raise SealError(f"{key}: not a PEM or DER private key, or a wrong passphrase") from None
        spki = (Encoding.DER, PublicFormat.SubjectPublicKeyInfo)
        if private.public_key().public_bytes(*spki) != certs[0].public_key().public_bytes(*spki):
            raise SealError(f"{key}: this private key does not match the certificate in {cert}")
        start, end = certs[0].not_valid_before_utc, certs[0].not_valid_after_utc
        if not start <= datetime.now(UTC) <= end:
            raise SealError(f"{cert}: the certificate is valid only from {start:%F} to {end:%F}")
        usage = next(
            (e.value for e in certs[0].extensions if isinstance(e.value, x509.KeyUsage)), None
        )
        if usage is not None and not (usage.digital_signature or usage.content_commitment):
            raise SealError(f"{cert}: the certificate's key usage does not allow signing")
        return cls(certs[0], private, tuple(certs[1:]))

    @property
    def subject(self) -> str:
        """The certificate's subject, e.g. "CN=Shuttle test seal,O=Shuttle"."""
        return self.certificate.subject.rfc4514_string()

    @property
    def fingerprint(self) -> str:
        """The certificate's SHA-256, hex, as `SealReport.fingerprint` gives a checked seal's."""
        return hashlib.sha256(self.certificate.public_bytes(Encoding.DER)).hexdigest()


def _read(path: Path, what: str) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:  # "No such file or directory", "Permission denied"...
        raise SealError(f"{path}: the {what} file cannot be read ({error.strerror})") from None


def seal_pdf(pdf: bytes, seal: Seal, reason: str = REASON) -> bytes:
    """The PDF signed as PAdES baseline B-B, in an incremental update, field "ShuttleSeal"."""
    from pyhanko.keys.internal import translate_pyca_cryptography_cert_to_asn1 as cert
    from pyhanko.keys.internal import translate_pyca_cryptography_key_to_asn1 as key
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.sign import signers
    from pyhanko.sign.fields import SigSeedSubFilter as Sub
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    chain = SimpleCertificateStore.from_certs([cert(c) for c in seal.chain])  # type: ignore[no-untyped-call]
    signer = signers.SimpleSigner(cert(seal.certificate), key(seal.key), chain)
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME, reason=reason, subfilter=Sub.PADES, md_algorithm="sha256"
    )
    try:
        sealed = signers.sign_pdf(IncrementalPdfFileWriter(io.BytesIO(pdf)), meta, signer=signer)
    except (PdfError, *_BROKEN) as error:
        raise SealError(f"the PDF could not be sealed: {error}") from None
    return bytes(sealed.getvalue())


@dataclass(frozen=True)
class SealReport:
    """What a seal that holds says."""

    signer: str  # the certificate's subject
    trusted: bool  # whether one of the trust roots given to `unseal` vouches for it
    signed_at: str | None  # the signing time claimed, ISO 8601, if any
    fingerprint: str  # the certificate's SHA-256, hex: unlike a subject, it cannot be copied


def unseal(pdf: bytes, *, trust_roots: Sequence[bytes] = ()) -> tuple[bytes, SealReport] | None:
    """None if the PDF carries no signature; else the PDF as it was before sealing and what the
    seal says; SealError if the seal does not hold. Only `trust_roots` (PEM or DER certificates)
    are trusted: none by default, so then `trusted` is False."""
    from pyhanko.keys import load_certs_from_pemder_data
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import SignatureCoverageLevel, validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    try:
        reader = PdfFileReader(io.BytesIO(pdf))
        sigs = reader.embedded_signatures
    except (PdfError, *_BROKEN):
        sigs = []  # what else is wrong with it is for its reader to say, if it is not sealed
    if not sigs:
        if b"/ByteRange" in pdf or f"/T ({FIELD_NAME})".encode() in pdf:
            raise SealError(f"{_CHANGED}: its seal can no longer be read")
        return None
    if len(sigs) > 1:
        raise SealError(f"the PDF carries {len(sigs)} signatures where a seal is the only one")
    try:
        roots = [root for data in trust_roots for root in load_certs_from_pemder_data(data)]
        context = ValidationContext(trust_roots=roots, allow_fetching=False)
        status = validate_pdf_signature(sigs[0], context, skip_diff=True)
        if not status.intact:
            raise SealError(f"{_CHANGED}: its bytes no longer match the seal")
        if not status.valid:
            raise SealError("the seal's signature is not valid")
        if status.coverage != SignatureCoverageLevel.ENTIRE_FILE:
            raise SealError(f"{_CHANGED}: the seal does not cover it all")
        prefix = _prefix(pdf, reader, sigs[0])
    except SealError:
        raise
    except (PdfError, *_BROKEN) as error:
        raise SealError(f"the seal cannot be checked: {error}") from None
    when, cert = status.signer_reported_dt, status.signing_cert.dump()
    return prefix, SealReport(
        signer=x509.load_der_x509_certificate(cert).subject.rfc4514_string(),
        trusted=bool(status.trusted),
        signed_at=None if when is None else when.isoformat(),
        fingerprint=hashlib.sha256(cert).hexdigest(),
    )


def _prefix(pdf: bytes, reader: PdfFileReader, sig: EmbeddedPdfSignature) -> bytes:
    """The bytes before the signing revision, once that is checked to be the last revision, to
    start right after the previous one's %%EOF and run to the end of the file, whole."""
    xrefs = reader.xrefs
    last = xrefs.total_revisions - 1
    if sig.signed_revision != last:
        raise SealError(f"{_CHANGED}: a revision follows the seal")
    if last == 0:
        raise SealError("the signature was not added to a finished PDF, as a seal is")
    _, start1, start2, length2 = (int(n) for n in sig.byte_range)
    if start2 != start1 + 2 * len(sig.pkcs7_content) + 2 or start2 + length2 != len(pdf):
        raise SealError(f"{_CHANGED}: the seal does not cover it all")
    # The signing revision starts at its first object (or its xref section, if that is first).
    offsets = [offset for _, offset in xrefs.get_xref_data(last).standard_xrefs.values()]
    start = min([xrefs.get_xref_container_info(last).start_location, *offsets])
    head, tail = pdf[:start], pdf[start:]
    ended = re.search(rb"startxref\s+(\d+)\s+%%EOF\s*\Z", head[-1024:])  # the revision before
    if (
        ended is None
        or int(ended[1]) != xrefs.get_startxref_for_revision(last - 1)
        or len(head) <= xrefs.get_xref_container_info(last - 1).end_location
        or tail.count(b"%%EOF") != 1
        or not tail.rstrip().endswith(b"%%EOF")
    ):
        raise SealError("the seal's revision is not one update right after the sealed PDF")
    _check_adds_only_the_seal(reader, last)
    return head


def _check_adds_only_the_seal(reader: PdfFileReader, last: int) -> None:
    """The signing revision may rewrite the catalog (to add the form), the metadata, and pages
    (to add a widget with no area), and change nothing they show; new objects show only there."""
    from pyhanko.pdf_utils.generic import DictionaryObject as Dict

    def rest(x: object, free: set[str]) -> object:  # raw: references compare as references
        return {k: v for k, v in dict.items(x) if k not in free} if isinstance(x, Dict) else None

    def annots(page: object) -> list[Any]:
        return list(page["/Annots"]) if isinstance(page, Dict) and "/Annots" in page else []

    def hidden_seal_widget(x: object) -> bool:  # as pyHanko makes for a seal no one is to see
        if not isinstance(x, Dict) or x.get("/Subtype") != "/Widget" or x.get("/FT") != "/Sig":
            return False
        x1, y1, x2, y2 = (float(n) for n in x["/Rect"])
        return x1 == x2 or y1 == y2

    old, xrefs = reader.get_historical_resolver(last - 1), reader.xrefs
    root = old.trailer_view.raw_get("/Root")
    info, catalog = old.trailer_view.get("/Info"), root.get_object()
    meta = {getattr(info, "reference", 0), getattr(catalog.get("/Metadata"), "reference", 0)}
    if xrefs.refs_freed_in_revision(last) or reader.trailer_view.raw_get("/Root") != root:
        raise SealError("the seal's revision removes or replaces objects of the sealed PDF")
    form = reader.root.get("/AcroForm")  # as written: maybe a reference
    if form is not None and "/XFA" in form.get_object():
        raise SealError("the seal's revision adds an XFA form, which shows instead of the pages")
    for ref in xrefs.explicit_refs_in_revision(last):
        if xrefs.get_introducing_revision(ref) == last or ref in meta:
            continue
        before, after = old.get_object(ref), ref.get_object()
        page = isinstance(before, Dict) and before.get("/Type") == "/Page"
        free = _FREE_IN_CATALOG if ref == root.reference else {"/Annots"}
        added = [a.get_object() for a in annots(after) if a not in annots(before)]
        if (
            not (page or ref == root.reference)
            or rest(before, free) != rest(after, free)
            or not all(map(hidden_seal_widget, added))
        ):
            raise SealError(f"the seal's revision changes object {ref.idnum} of the sealed PDF")
