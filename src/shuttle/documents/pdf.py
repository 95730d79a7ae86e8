"""Draw a `Document` as an A4 PDF, the same bytes every time, in every script.

The blocks are laid out here, on the pages of `pdf_pages` (fonts, text safety, footer, mark):
the title, headings, paragraphs, fields and tables, entries, then the attachments.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import cast

from fpdf.fonts import FontFace

from shuttle.documents.blocks import Document, Entry, Fields, Heading, Paragraph, Table
from shuttle.documents.pdf_pages import FAINT, GREY, INK, PT, SIZES, SMALL, Pages, start_of
from shuttle.documents.pdf_read import DocumentError, attachments_of, first_difference

# Reading lives in pdf_read; it is offered here too so callers need one import.
__all__ = ["Attachment", "DocumentError", "attachments_of", "first_difference", "render_pdf"]


@dataclass(frozen=True)
class Attachment:
    """A file carried inside the PDF, such as the proof it can be checked against."""

    name: str
    data: bytes
    description: str
    mime: str = "application/json"


def render_pdf(document: Document, attachments: Sequence[Attachment] = ()) -> bytes:
    """The document as an A4 PDF carrying `attachments` as embedded files. The same document
    and attachments always give the same bytes."""
    pdf = Pages(document)
    pdf.add_page()
    _draw_title(pdf, document)
    for block in document.blocks:
        match block:
            case Heading(text=text, level=level):
                pdf.ln(3)
                pdf.keep(SIZES[level] * PT * 1.45 + 15)
                pdf.style(SIZES[level], bold=True)
                pdf.text_block(text, SIZES[level])
                pdf.ln(1)
            case Paragraph(text=text, style=style):
                # Muted: smaller and grey. Quote: indented on a light background.
                size = SIZES["muted" if style == "muted" else "body"]
                pdf.style(size, color=GREY if style == "muted" else INK)
                quote = style == "quote"
                pdf.text_block(text, size, indent=8 if quote else 0, fill=quote)
                pdf.ln(2)
            case Fields(rows=rows):
                _draw_grid(pdf, rows, fields=True)
            case Table(header=header, rows=rows):
                _draw_grid(pdf, (header, *rows), fields=False)
            case Entry(meta=meta, text=text):
                pdf.keep(15)
                pdf.style(SMALL, color=GREY)
                pdf.text_block(meta, SMALL, indent=6)
                pdf.style(SIZES["body"])
                pdf.text_block(text, SIZES["body"], indent=6)
                pdf.ln(2.5)
    for attachment in attachments:
        pdf.embed_file(
            bytes=attachment.data,
            basename=attachment.name,
            desc=attachment.description,
            mime_type=attachment.mime,
            creation_date=pdf.creation_date,
            modification_date=pdf.creation_date,
            compress=True,
        )
    try:
        return bytes(pdf.output())
    finally:
        pdf.close_fonts()


def _draw_title(pdf: Pages, document: Document) -> None:
    """The title large and bold, the subtitle under it in grey, then a thin rule."""
    pdf.style(SIZES["title"], bold=True)
    pdf.text_block(document.title, SIZES["title"])
    if document.subtitle:
        pdf.ln(1)
        pdf.style(SIZES["subtitle"], color=GREY)
        pdf.text_block(document.subtitle, SIZES["subtitle"])
    pdf.ln(2)
    pdf.set_draw_color(180, 180, 180)
    pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
    pdf.ln(4)


def _draw_grid(pdf: Pages, rows: Sequence[Sequence[str]], fields: bool) -> None:
    """Fields (label and value, labels bold, no borders) or a table (bordered, its first row a
    header repeated on every page it spans). Cells wrap and start from their own text's edge;
    a short row is padded rather than refused."""
    width = max((len(row) for row in rows), default=0)
    grid = [[pdf.clean(text) for text in (*row, *("",) * (width - len(row)))] for row in rows]
    if width == 0:
        return
    size = SIZES["body" if fields else "muted"]
    pdf.style(size)
    pdf.set_draw_color(150, 150, 150)
    # fpdf2 draws the table when the `with` block ends, with the shaping set here.
    pdf.shape_for(*(text for row in grid for text in row))
    line = size * PT * 1.4
    widths = (pdf.epw / 3.6, pdf.epw * 2.6 / 3.6) if fields else (pdf.epw / width,) * width
    if min(widths) < 12 or any(_too_tall(pdf, row, widths, line) for row in grid):
        header = grid[0]
        pairs = (
            [[(r[0], r[1])] for r in grid]
            if fields
            else [list(zip(header, r, strict=True)) for r in grid[1:]]
        )
        _draw_stacked(pdf, pairs)
        return
    options: dict[str, object] = (
        {"col_widths": (1, 2.6), "first_row_as_headings": False, "borders_layout": "NONE"}
        if fields
        else {"headings_style": FontFace(emphasis="BOLD", fill_color=FAINT)}
    )
    bold = FontFace(emphasis="BOLD")
    padding = (0.6, 2, 0.6, 0) if fields else (1, 1.5)
    with pdf.table(line_height=line, v_align="TOP", padding=padding, **options) as table:
        for cells in grid:
            row = table.row()
            for column, text in enumerate(cells):
                row.cell(text, align=start_of(text), style=bold if fields and column == 0 else None)
    pdf.ln(3)


def _too_tall(pdf: Pages, row: Sequence[str], widths: Sequence[float], line: float) -> bool:
    """Whether a row could not fit on one page, which fpdf2's tables refuse. Only a long text
    can be that tall, so only long texts are measured."""
    room = (pdf.page_break_trigger - pdf.t_margin) * 0.8
    for text, width in zip(row, widths, strict=True):
        if len(text) > 300:
            lines = pdf.multi_cell(width - 4, line, text, dry_run=True, output="LINES")
            if len(cast(list[str], lines)) * line > room:
                return True
    return False


def _draw_stacked(pdf: Pages, rows: Sequence[Sequence[tuple[str, str]]]) -> None:
    """A grid too tall or too narrow for a table, as paragraphs: each label (a field's, or the
    column's header) in bold above its text, a gap between rows."""
    for row in rows:
        for label, text in row:
            pdf.keep(12)
            pdf.style(SMALL, bold=True)
            pdf.text_block(label, SMALL)
            pdf.style(SIZES["body"])
            pdf.text_block(text, SIZES["body"], indent=4)
        pdf.ln(3)
