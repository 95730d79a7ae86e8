"""Read a PDF someone hands back: its attachments, and where its pages part from the document
its proof draws. Every failure is a `DocumentError` with a sentence a person can act on."""

from __future__ import annotations

import io
import logging
import re
import unicodedata
import zlib

from pypdf import PdfReader
from pypdf.errors import PyPdfError

# pypdf raises its own errors for most damage, but a malformed file can also surface as one of
# these from deep inside the parser; all of them mean "this file cannot be read".
# pypdf logs every oddity of a damaged file as it reads on; a file we cannot read whole is one
# DocumentError sentence to the person checking it, not a page of the library's warnings.
logging.getLogger("pypdf").setLevel(logging.CRITICAL)

_UNREADABLE = (
    PyPdfError,
    ValueError,
    KeyError,
    IndexError,
    TypeError,
    AttributeError,
    AssertionError,
    NotImplementedError,  # a stream filter pypdf does not know, such as a misspelt one
    RecursionError,
    zlib.error,
)

_QUOTE_AT = 80


class DocumentError(ValueError):
    """The file is not a PDF, or not one that can be read."""


def _reader(pdf: bytes) -> PdfReader:
    """A reader over the bytes, refusing what is not a readable, unencrypted PDF."""
    # Readers accept the header anywhere in the first kilobyte; so does this.
    if b"%PDF-" not in pdf[:1024]:
        raise DocumentError("The file is not a PDF.")
    try:
        reader = PdfReader(io.BytesIO(pdf))
        encrypted = reader.is_encrypted
    except _UNREADABLE as error:
        raise DocumentError("The file looks like a PDF but cannot be read.") from error
    if encrypted:
        raise DocumentError("The file is an encrypted PDF, which cannot be checked.")
    return reader


def attachments_of(pdf: bytes) -> dict[str, bytes]:
    """The files embedded in a PDF, by name. A name that occurs twice is refused: which of the
    two is the proof would be the reader's guess."""
    reader = _reader(pdf)
    try:
        found = {name: list(contents) for name, contents in reader.attachments.items()}
    except _UNREADABLE as error:
        raise DocumentError("The attachments of the PDF cannot be read.") from error
    attachments: dict[str, bytes] = {}
    for name, contents in found.items():
        if len(contents) != 1:
            raise DocumentError(f'The PDF holds {len(contents)} attachments named "{name}".')
        attachments[name] = contents[0]
    return attachments


def _pages(pdf: bytes) -> list[list[str]]:
    """Each page's text as lines, as pypdf extracts it."""
    reader = _reader(pdf)
    try:
        return [page.extract_text().splitlines() for page in reader.pages]
    except _UNREADABLE as error:
        raise DocumentError("The text of the PDF cannot be read.") from error


_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
_MARKS = ".,:;!?؟،؛"
_EASTERN_NUMBER = re.compile(
    "[\u0660-\u0669\u06f0-\u06f9](?:[\u0660-\u0669\u06f0-\u06f9\u066b\u066c.,]*"
    "[\u0660-\u0669\u06f0-\u06f9])?"
)


def _strong(token: str) -> str | None:
    """ "R" or "L" for a word with letters of that direction (right to left wins), else None."""
    if _RTL.search(token):
        return "R"
    return "L" if any(unicodedata.bidirectional(char) == "L" for char in token) else None


def _reading_order(line: str) -> str:
    """A line in the order a person reads it, roughly. pypdf gives right-to-left words in the
    order they stand on the page, each word's letters in order but Persian and Arabic digits
    reversed and punctuation on the wrong word. Only for quoting: the comparison itself uses
    pypdf's text as it is."""
    if not _RTL.search(line):
        return line
    words = _EASTERN_NUMBER.sub(lambda number: number.group()[::-1], line).split(" ")
    # A line reads right to left when its first strong word in reading order does: the
    # rightmost, which pypdf gives last.
    rtl = next((d for d in map(_strong, reversed(words)) if d), None) == "R"
    # From the end, so that a mark moved onto the next word is not moved again.
    for i in reversed(range(len(words) if rtl else 0)):
        word = words[i]
        if _strong(word) != "R":
            continue
        # "است." comes as ".است"; "فارسی: سقف" as "سقف: فارسی", the colon on the word before.
        lead = len(word) - len(word.lstrip(_MARKS))
        tail = len(word) - len(word.rstrip(_MARKS))
        if lead:
            words[i] = word[lead:] + word[:lead]
        elif tail and i + 1 < len(words) and _strong(words[i + 1]) == "R":
            words[i], words[i + 1] = word[:-tail], words[i + 1] + word[-tail:]
    # Turn round each run of right-to-left words (in a right-to-left line, each run of words
    # that are not left to right), then, in a right-to-left line, the order of the runs.
    runs: list[tuple[bool, list[str]]] = []
    for word in words:
        turn = _strong(word) != "L" if rtl else _strong(word) == "R"
        if runs and runs[-1][0] == turn:
            runs[-1][1].append(word)
        else:
            runs.append((turn, [word]))
    parts = [run[::-1] if turn else run for turn, run in runs]
    return " ".join(word for part in (parts[::-1] if rtl else parts) for word in part)


def _quote(line: str) -> str:
    """A line in quotes, in reading order, cut short enough to read in a sentence."""
    line = _reading_order(line.strip())
    return f'"{line[: _QUOTE_AT - 1]}…"' if len(line) > _QUOTE_AT else f'"{line}"'


def first_difference(given: bytes, expected: bytes) -> str | None:
    """None when the two files are the same bytes; otherwise one sentence saying where the
    given file first departs from the expected one: a line of text if any differs, else the
    page count, else the byte."""
    if given == expected:
        return None
    given_pages, expected_pages = _pages(given), _pages(expected)
    for number, (said, drawn) in enumerate(zip(given_pages, expected_pages, strict=False), 1):
        if said == drawn:
            continue
        for say, draw in zip(said, drawn, strict=False):
            if say != draw:
                return f"page {number} says {_quote(say)} where the record gives {_quote(draw)}"
        # One page's lines begin the other's: the first line only one of them has.
        if len(said) < len(drawn):
            return f"page {number} ends where the record goes on with {_quote(drawn[len(said)])}"
        return f"page {number} goes on with {_quote(said[len(drawn)])} where the record ends"
    if len(given_pages) != len(expected_pages):
        return f"the file has {len(given_pages)} pages where the record gives {len(expected_pages)}"
    offset = next(
        (i for i, (a, b) in enumerate(zip(given, expected, strict=False)) if a != b),
        min(len(given), len(expected)),
    )
    return (
        f"the file differs from the document its proof draws at byte {offset} "
        "(a change outside its text: layout, an image, metadata or the attachment)"
    )
