"""The server's seal: `shuttle serve --seal-cert FILE --seal-key FILE` loads it once at start
and seals every PDF the server makes; a seal that cannot be loaded ends the command with a
sentence (exit 2), never a traceback.

In this process: the command runs up to the point where it would start serving (uvicorn is
stood in for), and the app it made answers through httpx's ASGI transport -- a seal needs no
server process of its own.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from fastapi import FastAPI
from typer.testing import CliRunner

from shuttle.cli.app import app as shuttle
from shuttle.documents import check_document
from tests.web.pages.rooms import US_HEAD
from tests.web.pages.test_check_page import muscat_opening

SEAL_NAME = "Shuttle web test seal"


@dataclass(frozen=True)
class SealFiles:
    cert: Path
    key: Path


def seal_files(folder: Path) -> SealFiles:
    """A self-signed certificate that may sign, and its private key, as PEM files."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, SEAL_NAME)])
    now = datetime.now(UTC)
    usage = x509.KeyUsage(True, True, False, False, False, False, False, False, False)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=30))
        .add_extension(usage, critical=True)
        .sign(key, hashes.SHA256())
    )
    files = SealFiles(folder / "cert.pem", folder / "key.pem")
    files.cert.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    pkcs8, plain = serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    files.key.write_bytes(key.private_bytes(serialization.Encoding.PEM, pkcs8, plain))
    return files


def served(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, *options: str) -> Any:
    """Run `shuttle serve` with `options` up to serving: the app it would serve, or the
    command's result if it ended before."""
    import uvicorn

    apps: list[FastAPI] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **_: apps.append(app))
    db = f"sqlite:///{tmp_path / 'shuttle.db'}"
    result = CliRunner().invoke(shuttle, ["serve", "--db", db, *options])
    return apps[0] if apps else result


def test_a_seal_that_cannot_be_loaded_ends_the_command_in_words(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    files = seal_files(tmp_path)
    for options, says in (
        (
            ("--seal-cert", str(tmp_path / "missing.pem"), "--seal-key", str(files.key)),
            "missing.pem",
        ),
        (("--seal-cert", str(files.cert), "--seal-key", str(files.cert)), "cert.pem"),
        (("--seal-cert", str(files.cert)), "needs both --seal-cert FILE and --seal-key FILE"),
    ):
        result = served(monkeypatch, tmp_path, *options)
        assert not isinstance(result, FastAPI), options
        assert result.exit_code == 2, (options, result.output)
        assert result.output.startswith("shuttle: invalid: the seal cannot be loaded") or (
            "needs both" in says
        ), result.output
        assert says in result.output and "Traceback" not in result.output, result.output


def test_the_server_seals_its_pdfs_and_its_check_page_knows_its_seal(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    files = seal_files(tmp_path)
    app = served(
        monkeypatch, tmp_path, "--seal-cert", str(files.cert), "--seal-key", str(files.key)
    )
    assert isinstance(app, FastAPI), app.output
    talk = app.state.service.open_talk(muscat_opening()).talk
    token = app.state.access.invite(talk, US_HEAD)
    pdf, record = asyncio.run(downloads(app, talk, token))
    checked = check_document(pdf)
    assert checked.seal is not None and SEAL_NAME in checked.seal.signer
    assert check_document(record).seal is None  # JSON carries no seal
    page = asyncio.run(checked_page(app, pdf))
    assert "This document matches this server's record" in page
    assert f"It carries this server's seal: <bdi>CN={SEAL_NAME}</bdi>." in page


# (pyHanko checks a seal with asyncio.run of its own: the checks run outside these loops.)
CLIENT = ("127.0.0.1", 50000)
BASE = "http://127.0.0.1:8000"


async def downloads(app: FastAPI, talk: str, token: str) -> tuple[bytes, bytes]:
    """The delegate's record as PDF and JSON, through its invite's session."""
    transport = httpx.ASGITransport(app=app, client=CLIENT)
    async with httpx.AsyncClient(transport=transport, base_url=BASE) as client:
        assert (await client.post(f"/invite/{token}")).status_code == 303
        pdf = await client.get(f"/talks/{talk}/export.pdf")
        record = await client.get(f"/talks/{talk}/export.json")
    return pdf.content, record.content


async def checked_page(app: FastAPI, pdf: bytes) -> str:
    """The check page's answer to `pdf`, uploaded by a stranger."""
    transport = httpx.ASGITransport(app=app, client=CLIENT)
    async with httpx.AsyncClient(transport=transport, base_url=BASE) as stranger:
        upload = {"document": ("record.pdf", pdf, "application/pdf")}
        return (await stranger.post("/check", files=upload)).text
