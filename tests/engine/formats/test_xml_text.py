"""The XML repairs: a misplaced declaration, bare ampersands, Windows-1252, and no DTDs."""

from __future__ import annotations

from pathlib import Path

import pytest

from shuttle.engine.formats.errors import ScenarioError
from shuttle.engine.formats.xml_text import parse_xml, read_xml


def test_a_declaration_after_a_comment_is_dropped() -> None:
    root = parse_xml(
        b'<!-- profile 1 -->\n<?xml version="1.0" encoding="utf-8" ?>\n<a x="1"/>', "f"
    )
    assert root.tag == "a" and root.get("x") == "1"


def test_bare_ampersands_are_escaped_and_entities_kept() -> None:
    root = parse_xml(b'<a><b v="AT & T"/><b v="&amp;&#233;&lt;"/></a>', "f")
    assert [b.get("v") for b in root] == ["AT & T", "&\u00e9<"]


def test_windows_1252_is_the_fallback_without_a_declaration() -> None:
    root = parse_xml('<a v="\u20ac10,000"/>'.encode("cp1252"), "f")
    assert root.get("v") == "\u20ac10,000"


def test_a_declared_encoding_is_honoured() -> None:
    data = '<?xml version="1.0" encoding="ISO-8859-1"?><a v="caf\u00e9"/>'.encode("latin-1")
    assert parse_xml(data, "f").get("v") == "caf\u00e9"


def test_a_byte_order_mark_is_ignored() -> None:
    assert parse_xml(b"\xef\xbb\xbf<a/>", "f").tag == "a"


def test_document_type_declarations_are_refused() -> None:
    bomb = b'<!DOCTYPE a [<!ENTITY x "xxxxxxxx">]><a>&x;&x;</a>'
    with pytest.raises(ScenarioError, match=r"^F/p.xml: document type declarations"):
        parse_xml(bomb, "F/p.xml")


def test_malformed_xml_names_the_file_and_position() -> None:
    with pytest.raises(ScenarioError, match=r"^F/p.xml: not well-formed XML: .*line 2"):
        parse_xml(b"<a>\n<b></a>", "F/p.xml")


def test_undecodable_bytes_are_refused() -> None:
    with pytest.raises(ScenarioError, match=r"neither utf-8 nor Windows-1252 at byte offset 3"):
        parse_xml(b"<a>\x81</a>", "f")


def test_an_unknown_declared_encoding_is_refused() -> None:
    with pytest.raises(ScenarioError, match=r"unknown encoding 'klingon'"):
        parse_xml(b'<?xml version="1.0" encoding="klingon"?><a/>', "f")


def test_an_unreadable_file_is_a_scenario_error(tmp_path: Path) -> None:
    with pytest.raises(ScenarioError, match=r"missing.xml: cannot read the file"):
        read_xml(tmp_path / "missing.xml")


def test_many_comments_before_the_root_are_read_in_linear_time() -> None:
    # Matched with backtracking, each comment before a missing declaration doubled the work:
    # forty would have taken some 38 hours. Fifty thousand now take milliseconds.
    root = parse_xml(b"<!-- c -->\n" * 50_000 + b"<utility_space/>", "F/a.xml")
    assert root.tag == "utility_space"
    declared = (
        b"<!-- c -->" * 50_000 + b'<?xml version="1.0" encoding="windows-1252"?><a v="\xe9"/>'
    )
    assert parse_xml(declared, "F/a.xml").get("v") == "\u00e9"
