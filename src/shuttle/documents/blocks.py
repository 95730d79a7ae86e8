"""A document as plain blocks: what the agreement and the record say, before any page layout.

The PDF and the printable HTML page draw the same blocks, so the two never say different
things; and a PDF can be drawn again from its own attachment to check that its pages say what
its proof says (`verify`). Every text here is the participant's view, already decided by
`view_of`; nothing in this module reads a record.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class Heading:
    """A section's title (level 2) or a subsection's (level 3); the document's own title is
    `Document.title`."""

    text: str
    level: Literal[2, 3] = 2


@dataclass(frozen=True)
class Paragraph:
    """Running text. `muted` for notes about the document itself (how to check it, what it
    leaves out); `quote` for words someone said or carried, set apart from the document's own."""

    text: str
    style: Literal["body", "muted", "quote"] = "body"


@dataclass(frozen=True)
class Fields:
    """Labelled values, one per row: "Parties: Iran, United States"."""

    rows: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Table:
    """A table with a header row; every row has as many cells as the header."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Entry:
    """One item of a conversation: a line saying who, where and when (`meta`), then the words."""

    meta: str
    text: str


Block = Heading | Paragraph | Fields | Table | Entry


@dataclass(frozen=True)
class Document:
    """A whole document: its title, a line under it, a mark across every page when it is not
    final (a draft agreement), a footer line on every page, and its blocks in order."""

    title: str
    subtitle: str
    footer: str
    blocks: tuple[Block, ...]
    mark: str | None = None
    made_at: str = ""
    """When it was made (ISO 8601, UTC): the PDF's own dates, so that drawing the same
    document twice gives the same bytes."""
