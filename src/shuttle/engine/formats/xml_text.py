"""Reading the XML of real Genius files, which are not always well-formed.

The originals have three known defects, each repaired here and nowhere else:

- an XML declaration after a comment (``<!-- profile 1 -->`` then ``<?xml ...?>``, ANAC 2014):
  the misplaced declaration is dropped (the text is decoded already, so it has no work left);
- a bare ``&`` in a value (``AT & T Mobility``, ANAC2013_SmartPhone): when the file does not
  parse, every ``&`` that starts no entity is escaped and parsing is tried once more;
- Windows-1252 text with no encoding declaration (ANAC2015_NewSporthal): a file that is not
  in its declared encoding (UTF-8 when it declares none) is read as Windows-1252.

Document type declarations are refused outright: Genius files never have one, and refusing them
closes off entity-expansion attacks ("billion laughs", external entities) from a scenario file
someone sent (no defusedxml needed): without a DTD, expat knows only the five predefined
entities. A file with more than `MAX_XML_TAGS` tags is refused before it is parsed, counted as
its ``<`` characters (XML allows them nowhere else), so its element tree stays small.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from shuttle.engine.formats.errors import ScenarioError, clipped, shown, source_label
from shuttle.engine.formats.files import read_limited
from shuttle.engine.formats.limits import MAX_XML_TAGS

# Comments before the declaration. Each ends at its first "-->" and is never matched again
# (an atomic group, repeated possessively): with plain backtracking, a file opening with forty
# comments and no declaration took the regex 2^40 steps to give up.
_COMMENTS = r"(?>\s*<!--.*?-->)*+\s*"
_DECLARATION = re.compile(rf"\A({_COMMENTS})<\?xml(?:\s[^>]*)?\?>", re.DOTALL)
_DECLARED_ENCODING = re.compile(
    rb"\A" + _COMMENTS.encode() + rb"<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._-]+)[\"']",
    re.DOTALL,
)
_BARE_AMPERSAND = re.compile(r"&(?!(?:#[0-9]+|#x[0-9A-Fa-f]+|[A-Za-z_][\w.-]*);)")
_DOCTYPE = re.compile(r"<!DOCTYPE", re.IGNORECASE)


def read_xml(path: Path) -> ET.Element:
    """The root element of the XML file at `path`, repairing the defects above."""
    return parse_xml(read_limited(path), source_label(path))


def parse_xml(data: bytes, source: str) -> ET.Element:
    """The root element of `data`, read from the file `source` names."""
    if data.count(b"<") > MAX_XML_TAGS:
        raise ScenarioError(source, f"more than {MAX_XML_TAGS:,} XML tags")
    text = _decode(data, source)
    if _DOCTYPE.search(text):
        raise ScenarioError(source, "document type declarations (<!DOCTYPE>) are not allowed")
    text = _DECLARATION.sub(r"\1", text, count=1)
    try:
        return ET.fromstring(text)
    except ET.ParseError as first:
        repaired = _BARE_AMPERSAND.sub("&amp;", text)
        if repaired != text:
            try:
                return ET.fromstring(repaired)
            except ET.ParseError:
                pass
        raise ScenarioError(source, f"not well-formed XML: {clipped(str(first), 120)}") from None


def _decode(data: bytes, source: str) -> str:
    declared = _DECLARED_ENCODING.match(data)
    encoding = declared.group(1).decode("ascii") if declared else "utf-8"
    try:
        return data.decode(encoding).removeprefix("\ufeff")
    except LookupError:
        raise ScenarioError(
            source, f"unknown encoding {shown(encoding)} in the declaration"
        ) from None
    except UnicodeDecodeError:
        pass  # Genius itself ignores declarations; Windows-1252 is the usual culprit.
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as error:
        raise ScenarioError(
            source, f"neither {encoding} nor Windows-1252 at byte offset {error.start}"
        ) from None
