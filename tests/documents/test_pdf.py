# ruff: noqa: RUF001 (the phrases are in many scripts on purpose)
"""The PDF drawing: every script readable, the same bytes every time, attachments that come
back out, and differences named in words.

The script test reads the PDF back with Debian's poppler tools (`pdftotext`, `pdffonts`,
`pdftoppm`) and leaves an image of the first page in `test-artifacts/documents/` for a person
to look at: joined Arabic letters and right-to-left order only show on the page.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

from shuttle.documents.blocks import Document, Entry, Fields, Heading, Paragraph, Table
from shuttle.documents.pdf import (
    Attachment,
    DocumentError,
    attachments_of,
    first_difference,
    render_pdf,
)

ROOT = Path(__file__).parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "documents"

# One phrase per script, found nowhere else in the document.
PLANTED = {
    "English": "amber lighthouse",
    "Russian": "янтарный маяк",
    "Greek": "κεχριμπαρένιος φάρος",
    "Persian": "فانوس کهربایی",
    "Arabic": "منارة كهرمانية",
    "Hebrew": "מגדלור ענבר",
    "Chinese": "琥珀灯塔",
    "Japanese": "こはく色の灯台",
    "Korean": "호박색 등대",
    "Hindi": "अम्बर प्रकाशस्तंभ",
}
# Phrases set among words of the other direction, and in a table and fields.
MIXED = {
    "Latin in Persian": "Draft Agreement",
    "number in Persian": "3.67",
    "Hebrew in English": "שלום",
    "Persian in a table": "تحریم‌ها لغو می‌شوند",
    "Arabic in fields": "الأطراف المعنية",
}

SCRIPTS = Document(
    title="Draft agreement — every script",
    subtitle="Round 3 · تهران · ירושלים · 北京",
    footer="Shuttle talks · draft agreement · not signed",
    mark="DRAFT AGREEMENT",
    made_at="2025-03-12T10:00:00Z",
    blocks=(
        Heading("One paragraph per script"),
        Paragraph(f"English: the mediator's note names the {PLANTED['English']} clause."),
        Paragraph(f"Русский: посредник упоминает {PLANTED['Russian']} в записке."),
        Paragraph(f"Ελληνικά: ο μεσολαβητής αναφέρει τον {PLANTED['Greek']} στο σημείωμα."),
        Paragraph(f"فارسی: میانجی در یادداشت خود از {PLANTED['Persian']} نام می‌برد."),
        Paragraph(f"العربية: يذكر الوسيط {PLANTED['Arabic']} في مذكرته."),
        Paragraph(f"עברית: המתווך מזכיר את {PLANTED['Hebrew']} בפתק שלו."),
        Paragraph(f"中文：调解人在备忘录中提到了{PLANTED['Chinese']}。"),
        Paragraph(f"日本語：仲介者はメモで{PLANTED['Japanese']}に触れています。"),
        Paragraph(f"한국어: 중재자는 메모에서 {PLANTED['Korean']}를 언급합니다."),
        Paragraph(f"हिन्दी: मध्यस्थ ने अपने नोट में {PLANTED['Hindi']} का उल्लेख किया।"),
        Heading("Directions mixed", 3),
        Paragraph(
            f"این پیش‌نویس {MIXED['Latin in Persian']} سقف غنی‌سازی را "
            f"{MIXED['number in Persian']} درصد می‌گذارد."
        ),
        Paragraph(f"The word {MIXED['Hebrew in English']} means peace, said the mediator."),
        Fields(
            (
                ("Parties", "Iran, United States"),
                ("الأطراف", MIXED["Arabic in fields"]),
            )
        ),
        Table(
            ("Clause", "Text", "Party"),
            (
                ("1", "Enrichment capped at 3.67 %", "Iran"),
                ("2", MIXED["Persian in a table"], "ایران"),
            ),
        ),
        Paragraph("A quote someone carried: we will not accept less.", "quote"),
        Paragraph("How to check this document: shuttle verify draft.pdf", "muted"),
        Entry("Iran → mediator · room A · 10:02", "We propose 3.67 % as the cap."),
    ),
)

# The fonts the scripts need, as `pdffonts` names their subsets: Droid Sans Fallback twice,
# the Full one for Chinese and Japanese and the other for Korean.
FONTS = [
    "NotoSans",
    "NotoNaskhArabic",
    "NotoSansHebrew",
    "NotoSansDevanagari",
    "DroidSansFallback",
    "DroidSansFallback",
]


def tool(name: str) -> str:
    """The path of a poppler tool; its absence fails in CI and skips only on a developer's
    machine, so a CI image without poppler-utils cannot pass silently."""
    found = shutil.which(name) or (
        f"/usr/bin/{name}" if Path(f"/usr/bin/{name}").exists() else None
    )
    if found:
        return found
    if os.environ.get("CI"):
        pytest.fail(f"{name} is missing: install poppler-utils in the CI image")
    pytest.skip(f"{name} is missing (apt-get install poppler-utils); CI is not set, so skipping")


def normal(text: str) -> str:
    """Text reduced to what must survive drawing and extraction: compatibility forms folded
    (Arabic presentation forms back to letters), bidi controls and combining marks dropped
    (extractors move them), case folded, and no whitespace (extractors split Devanagari
    clusters and RTL runs with spaces)."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return "".join(
        char
        for char in folded
        if not char.isspace() and unicodedata.category(char) not in ("Cf", "Mn")
    )


def found(phrase: str, text: str) -> bool:
    """Whether every word of the phrase is in the text, in logical order or (for an extractor
    that gives right-to-left runs as drawn) reversed."""
    page = normal(text)
    return all(normal(word) in page or normal(word)[::-1] in page for word in phrase.split())


def test_every_script_is_drawn_with_real_glyphs(tmp_path: Path) -> None:
    pdftotext, pdffonts, pdftoppm = tool("pdftotext"), tool("pdffonts"), tool("pdftoppm")
    path = tmp_path / "scripts.pdf"
    path.write_bytes(render_pdf(SCRIPTS))

    text = subprocess.run(
        [pdftotext, "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    missing = [name for name, phrase in {**PLANTED, **MIXED}.items() if not found(phrase, text)]
    assert not missing, f"not found in the PDF's text: {missing}\n{text}"
    assert "\ufffd" not in text  # no character fell back to the replacement glyph

    listed = subprocess.run([pdffonts, str(path)], check=True, capture_output=True, text=True)
    embedded = [line.split()[0].partition("+")[2] for line in listed.stdout.splitlines()[2:]]
    missing_fonts = [font for font in set(FONTS) if embedded.count(font) < FONTS.count(font)]
    assert not missing_fonts, f"not embedded: {missing_fonts}\n{listed.stdout}"

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    image = ARTIFACTS / "scripts-page1"
    subprocess.run(
        [pdftoppm, "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(path), str(image)],
        check=True,
    )
    assert image.with_suffix(".png").stat().st_size > 10_000


def test_the_check_catches_a_missing_phrase() -> None:
    # The comparison above must not be vacuous: a phrase, or a word of it, absent is absent.
    assert found(PLANTED["Persian"], f"... {PLANTED['Persian']} ...")
    assert not found(PLANTED["Persian"], "فانوس ...")
    assert not found(PLANTED["Hindi"], "")
    assert not found(PLANTED["Korean"], "\ufffd\ufffd\ufffd \ufffd\ufffd")


def test_user_text_never_breaks_the_drawing() -> None:
    odd = "\x00\x07\ud800 \U0001f600 \U0010ffff \u0378 tab\tthen\r\nline \u202ereversed\u202c {nb}"
    document = Document(
        title=odd,
        subtitle=odd,
        footer=odd,
        mark=odd,
        blocks=(
            Paragraph(odd),
            Fields(((odd, odd),)),
            Table((odd,), ((odd, odd),)),
            Entry(odd, odd),
        ),
    )
    pdf = render_pdf(document)
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "{nb}" in text  # user text is never taken for the page count
    assert "\ufffd" in text  # what no font can draw shows as a replacement character


DETERMINISM = """
import sys
from tests.documents.test_pdf import SCRIPTS
from shuttle.documents.pdf import Attachment, render_pdf
sys.stdout.buffer.write(render_pdf(SCRIPTS, [Attachment("proof.json", b'{"a": 1}', "The proof")]))
"""


def test_the_same_document_gives_the_same_bytes_in_any_process() -> None:
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", DETERMINISM],
            cwd=ROOT,
            env={**os.environ, "PYTHONHASHSEED": seed, "TZ": zone},
            stdout=subprocess.PIPE,
        )
        for seed, zone in (("1", "UTC"), ("2", "Asia/Tehran"))
    ]
    outputs = [run.communicate(timeout=60)[0] for run in runs]
    assert all(run.returncode == 0 for run in runs)
    assert outputs[0].startswith(b"%PDF-")
    assert outputs[0] == outputs[1]
    assert b"/CreationDate (D:20250312100000Z" in outputs[0]
    assert b"MPDFAA+" in outputs[0]  # fpdf2's fixed subset prefix, not a random tag


PRICE = Document(
    title="Record",
    subtitle="",
    footer="Shuttle talks",
    made_at="2025-03-12T10:00:00+00:00",
    blocks=(Paragraph("First clause."), Paragraph("Price: 3.67 %"), Paragraph("Last clause.")),
)


def test_attachments_come_back_out() -> None:
    proof = Attachment("proof.json", b'{"record": [1, 2, 3]}', "The proof of this document")
    notes = Attachment("یادداشت.txt", "يادداشت".encode(), "یادداشت‌ها", mime="text/plain")
    pdf = render_pdf(PRICE, [proof, notes])
    assert attachments_of(pdf) == {"proof.json": proof.data, "یادداشت.txt": notes.data}
    assert attachments_of(render_pdf(PRICE)) == {}


@pytest.mark.parametrize("junk", [b"not a pdf", b"", b"%PDF-1.7\n garbage \x00\xff"])
def test_what_is_not_a_pdf_is_refused_in_words(junk: bytes) -> None:
    with pytest.raises(DocumentError) as refused:
        attachments_of(junk)
    assert str(refused.value).endswith(".")


def test_first_difference_names_the_page_and_the_line() -> None:
    proof = [Attachment("proof.json", b"{}", "The proof")]
    expected = render_pdf(PRICE, proof)
    changed = Document(
        title=PRICE.title,
        subtitle=PRICE.subtitle,
        footer=PRICE.footer,
        made_at=PRICE.made_at,
        blocks=(PRICE.blocks[0], Paragraph("Price: 3.5 %"), PRICE.blocks[2]),
    )
    assert first_difference(expected, expected) is None
    assert first_difference(render_pdf(changed, proof), expected) == (
        'page 1 says "Price: 3.5 %" where the record gives "Price: 3.67 %"'
    )
    other_proof = render_pdf(PRICE, [Attachment("proof.json", b"{ }", "The proof")])
    said = first_difference(other_proof, expected)
    assert said is not None
    assert said.startswith("the file differs from the document its proof draws at byte ")
    assert said.endswith(
        "(a change outside its text: layout, an image, metadata or the attachment)"
    )


def test_first_difference_quotes_right_to_left_lines_in_reading_order() -> None:
    # pypdf gives them as they stand on the page: words and Persian digits the wrong way round.
    def persian(cap: str) -> Document:
        return Document("Record", "", "", (Paragraph(f"فارسی: سقف {cap} درصد است."),))

    said = first_difference(render_pdf(persian("۳٫۵")), render_pdf(persian("۳٫۶۷")))
    assert said == (
        'page 1 says "فارسی: سقف ۳٫۵ درصد است." where the record gives "فارسی: سقف ۳٫۶۷ درصد است."'
    )


def test_first_difference_shows_added_text_and_refuses_junk() -> None:
    longer = Document(
        title=PRICE.title,
        subtitle=PRICE.subtitle,
        footer=PRICE.footer,
        made_at=PRICE.made_at,
        blocks=(*PRICE.blocks, Paragraph("Last clause.")),
    )
    # The footer closes each page's text, so an added paragraph shows against it.
    said = first_difference(render_pdf(longer), render_pdf(PRICE))
    assert said == 'page 1 says "Last clause." where the record gives "Shuttle talks page 1 of 1"'
    with pytest.raises(DocumentError):
        first_difference(b"not a pdf", render_pdf(PRICE))


def test_a_long_document_breaks_across_pages() -> None:
    long = Document(
        title="A long conversation",
        subtitle="500 entries and a table of 200 rows",
        footer="Shuttle talks · long record",
        mark="DRAFT",
        made_at="2025-03-12T10:00:00Z",
        blocks=(
            *(
                Entry(
                    f"{'Iran' if i % 2 else 'ایران'} → mediator · message {i}",
                    f"Message {i}: "
                    + "we can move on the timeline if sanctions relief comes first. " * (1 + i % 4),
                )
                for i in range(500)
            ),
            Table(
                ("#", "Clause", "Status"),
                tuple(
                    (str(i), f"Clause {i}: " + "terms " * (i % 15), "agreed") for i in range(200)
                ),
            ),
        ),
    )
    started = time.perf_counter()
    pdf = render_pdf(long)
    took = time.perf_counter() - started
    print(f"long document: {len(pdf)} bytes in {took:.2f} s")
    assert len(PdfReader(io.BytesIO(pdf)).pages) > 20
