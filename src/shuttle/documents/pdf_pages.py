"""The pages a `Document` is drawn on: fonts for every script, text made safe to draw, and
the footer and mark every page carries.

Noto Sans carries Latin, Cyrillic and Greek; the other fonts in `fonts/` are fallbacks for
Arabic and Persian, Hebrew, Devanagari, CJK and symbols. HarfBuzz shapes the text (joined
Arabic, Indic conjuncts) and fpdf2 orders it by the Unicode bidi algorithm, so a Persian
paragraph reads right to left even inside an English document.
"""

from __future__ import annotations

import functools
import logging
import math
import re
import unicodedata
from datetime import UTC, datetime
from pathlib import Path

from fpdf import FPDF
from fpdf.bidi import auto_detect_base_direction
from fpdf.enums import Align, TextDirection
from fpdf.fonts import TTFFont

from shuttle.documents.blocks import Document, Entry, Fields, Heading, Paragraph, Table

FONTS = Path(__file__).parent / "fonts"

# Family name -> (regular file, bold file). The first is the main font; the others are tried
# in this order for a character it lacks. Droid Sans Fallback Full has the CJK ideographs
# (with Extension A) and kana but no precomposed Hangul, which the smaller Droid Sans
# Fallback has; neither has a bold face, so bold CJK text falls back to the regular one.
_FAMILIES: dict[str, tuple[str, str | None]] = {
    "noto": ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf"),
    "naskh": ("NotoNaskhArabic-Regular.ttf", "NotoNaskhArabic-Bold.ttf"),
    "hebrew": ("NotoSansHebrew-Regular.ttf", "NotoSansHebrew-Bold.ttf"),
    "devanagari": ("NotoSansDevanagari-Regular.ttf", "NotoSansDevanagari-Bold.ttf"),
    "cjk": ("DroidSansFallbackFull.ttf", None),
    "hangul": ("DroidSansFallback.ttf", None),
    # Arrows and mathematical operators ("→", "≤", the minus sign), which none of the above has.
    "math": ("NotoSansMath-Regular.ttf", None),
}

# Drawing the same document must give the same bytes, so the PDF's dates come from the
# document, and from this fixed instant when the document has no (readable) date.
_FIXED_DATE = datetime(2000, 1, 1, tzinfo=UTC)

# Stands for the number of pages until the file is closed. It is made of control characters,
# which `Pages.clean` replaces in every text a user gave, so no user text can turn into it
# (the default "{nb}" could be typed in a message). Its two characters reserve two digits.
_PAGES_ALIAS = "\x00\x01"

PT = 25.4 / 72  # millimetres per point
_MARGIN = 20.0
INK, GREY, FAINT = (20, 20, 20), (110, 110, 110), (235, 235, 235)
# Font sizes in points; `SMALL` is for meta lines and the footer.
SIZES = {"title": 20.0, "subtitle": 11.0, 2: 14.0, 3: 12.0, "body": 10.5, "muted": 9.0}
SMALL = 8.0


class _MissingGlyphs(logging.Filter):
    """Drops fpdf2's notice that a font lacks a glyph: `Pages.clean` already shows a visible
    character no font has as U+FFFD, so the notice can only be about an invisible one (a
    joiner, a bidi control), which is no loss. Every other message passes."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("Font %s is missing the following glyphs")


logging.getLogger("fpdf.output").addFilter(_MissingGlyphs())

# Text made only of these draws the same with or without HarfBuzz: Latin, Greek, Cyrillic and
# Armenian without combining marks, punctuation and symbols without bidi controls, CJK and
# Hangul syllables. Shaping measures a line by shaping it again for every character it adds,
# which made a 500-entry conversation take five seconds; such text skips it (and loses only
# kerning). Everything else (Arabic, Hebrew, Indic scripts, combining marks, bidi controls)
# is shaped and ordered by the bidi algorithm.
_PLAIN = re.compile(
    "[\n\x20-\x7e\xa0-\u02ff\u0370-\u0482\u048a-\u058f\u1e00-\u1fff\u2000-\u200d"
    "\u2010-\u2029\u202f-\u2065\u206a-\u20cf\u2100-\u2bff\u3000-\u3029\u3030-\u3098"
    "\u309b-\u9fff\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]*"
)
_NEWLINES = re.compile("\r\n|[\r\x85\u2028\u2029]")


def _invisible(char: str) -> bool:
    """Whether a character has no glyph of its own anyway (a joiner, a bidi control, a
    variation selector), so a font lacking it loses nothing."""
    code = ord(char)
    return (
        unicodedata.category(char) == "Cf" or 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF
    )


def _rtl(text: str) -> bool:
    """Whether a paragraph reads right to left: its first strong character decides (P2, P3)."""
    return auto_detect_base_direction(text) == TextDirection.RTL


def start_of(text: str) -> Align:
    """Where a paragraph's lines start: the right edge for Persian, Arabic or Hebrew."""
    return Align.R if _rtl(text) else Align.L


@functools.cache
def _coverage() -> dict[str, frozenset[int]]:
    """The characters each family has, read once per process from a throwaway FPDF."""
    pdf = FPDF()
    for family, (regular, _) in _FAMILIES.items():
        pdf.add_font(family, "", FONTS / regular)
    covered = {
        family: frozenset(font.cmap)
        for family, font in zip(_FAMILIES, pdf.fonts.values(), strict=True)
        if isinstance(font, TTFFont)
    }
    _close(pdf)
    return covered


def _close(pdf: FPDF) -> None:
    """Closes the font files: fontTools reads them lazily and fpdf2 never closes them."""
    for font in pdf.fonts.values():
        if isinstance(font, TTFFont):
            font.ttfont.close()


def _texts(document: Document) -> list[str]:
    """Every text the document holds."""
    texts = [document.title, document.subtitle, document.footer, document.mark or ""]
    for block in document.blocks:
        match block:
            case Heading(text=text) | Paragraph(text=text):
                texts.append(text)
            case Fields(rows=rows):
                texts += [text for row in rows for text in row]
            case Table(header=header, rows=rows):
                texts += [*header, *(text for row in rows for text in row)]
            case Entry(meta=meta, text=text):
                texts += [meta, text]
    return texts


def _families_for(document: Document) -> list[str]:
    """The main font, and each fallback that has a character the ones before it lack. Loading
    a font costs a tenth of a second, so an English document loads Noto Sans alone; the
    choice follows from the text, so the bytes stay the same for the same document."""
    coverage = _coverage()
    needed = {ord(char) for text in _texts(document) for char in text}
    families = []
    for family, covered in coverage.items():
        if family == "noto" or needed & covered:
            families.append(family)
            needed -= covered
    return families


def _made_at(made_at: str) -> datetime:
    """The document's instant as an aware datetime; the fixed date when empty or unreadable."""
    try:
        when = datetime.fromisoformat(made_at)
    except ValueError:
        return _FIXED_DATE
    return when if when.tzinfo else when.replace(tzinfo=UTC)


class Pages(FPDF):
    """FPDF with this document's footer and mark on every page."""

    def __init__(self, document: Document) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        families = _families_for(document)
        for family in families:
            regular, bold = _FAMILIES[family]
            self.add_font(family, "", FONTS / regular)
            if bold:
                self.add_font(family, "B", FONTS / bold)
        self.drawable = frozenset[int]().union(*(_coverage()[family] for family in families))
        self.footer_text = self.clean(document.footer)
        self.mark = self.clean(document.mark or "")
        # Not an exact match: bold CJK text takes the regular face rather than a box.
        self.set_fallback_fonts(families[1:], exact_match=False)
        self.set_text_shaping(True)
        self.alias_nb_pages(_PAGES_ALIAS, align=Align.L)
        self.set_margins(_MARGIN, _MARGIN, _MARGIN)
        self.set_auto_page_break(True, margin=_MARGIN + 2)
        self.c_margin = 0
        # The file id is fpdf2's default: an MD5 of the finished file's bytes and its
        # creation date, so it depends on the content alone and is never random.
        self.set_creation_date(_made_at(document.made_at))
        self.set_title(self.clean(document.title))
        self.set_creator("shuttle")

    def clean(self, text: str) -> str:
        """Text as given, made safe to draw: one kind of newline, tabs as spaces, and U+FFFD
        for a character no font has, which fpdf2 would otherwise leave out without a trace,
        and for control characters and lone surrogates, which would break the encoder."""
        text = _NEWLINES.sub("\n", text).replace("\t", "    ")
        return "".join(
            char
            if char == "\n"
            or (unicodedata.category(char) not in ("Cc", "Cs") and ord(char) in self.drawable)
            or _invisible(char)
            else "\ufffd"
            for char in text
        )

    def close_fonts(self) -> None:
        """Closes the font files once the PDF is written."""
        _close(self)

    def shape_for(self, *texts: str) -> None:
        """Turns text shaping on for what follows if any of the texts needs it, off if not."""
        self.set_text_shaping(not all(_PLAIN.fullmatch(text) for text in texts))

    def keep(self, height: float) -> None:
        """Starts a new page unless `height` more millimetres fit on this one: a heading or an
        entry's meta line is never left alone at the foot of a page."""
        if self.get_y() + height > self.page_break_trigger:
            self.add_page()

    def style(self, size: float, bold: bool = False, color: tuple[int, int, int] = INK) -> None:
        """Sets the font for the next text."""
        self.set_font("noto", "B" if bold else "", size)
        self.set_text_color(*color)

    def text_block(self, text: str, size: float, indent: float = 0.0, fill: bool = False) -> None:
        """Draws a paragraph across the page in the current style, wrapped, from its start edge."""
        text = self.clean(text)
        rtl = _rtl(text)
        self.shape_for(text)
        self.set_x(self.l_margin + (0 if rtl else indent))
        self.set_fill_color(*FAINT)
        self.multi_cell(
            self.epw - indent,
            size * PT * 1.45,
            text,
            align=Align.R if rtl else Align.L,
            fill=fill,
            padding=(2, 3) if fill else 0,
            new_x="LMARGIN",
            new_y="NEXT",
        )
        # Back to fpdf2's default: a table takes the fill colour in force as its cells' own.
        self.set_fill_color(0)

    def footer(self) -> None:
        """The mark across the page, then the footer line and "page N of M" at the bottom."""
        # A page can end inside a paragraph: leave its shaping as it was.
        shaping = self.text_shaping
        if self.mark:
            self._draw_mark()
        self.style(SMALL, color=GREY)
        self.set_y(-_MARGIN + 4)
        width = self.epw - 32
        self.shape_for(self.footer_text)
        self.multi_cell(width, SMALL * PT * 1.4, self.footer_text, align=start_of(self.footer_text))
        self.set_xy(self.l_margin + width, -_MARGIN + 4)
        self.cell(32, SMALL * PT * 1.4, f"page {self.page_no()} of {_PAGES_ALIAS}", align="R")
        self.text_shaping = shaping

    def _draw_mark(self) -> None:
        """The mark large and diagonal, drawn over the content but translucent: a fill in the
        content cannot hide it, and the words under it stay readable."""
        diagonal = math.hypot(self.w, self.h)
        self.shape_for(self.mark)
        size = 72.0
        self.style(size, bold=True, color=(150, 150, 150))
        # Shrink a long mark until it spans at most three quarters of the diagonal.
        size *= min(1.0, 0.75 * diagonal / max(self.get_string_width(self.mark), 1.0))
        self.set_font_size(size)
        width, height = self.get_string_width(self.mark) + 2, size * PT
        angle = math.degrees(math.atan2(self.h, self.w))
        with self.local_context(fill_opacity=0.25), self.rotation(angle, self.w / 2, self.h / 2):
            # Not set_xy: a mark wider than the page would give a negative x, which fpdf2
            # reads as a distance from the right edge.
            self.x, self.y = (self.w - width) / 2, (self.h - height) / 2
            self.cell(width, height, self.mark, align="C")
