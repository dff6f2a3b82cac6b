"""Rendering a letter that ``letters.py`` built (its blocks, in one language or side by side) to files:

- HTML (``templates/letter.html``), and the PDF made from it: WeasyPrint (HTML + CSS, Noto CJK
  embedded as a subset, text extractable), PDF/A-3b;
- DOCX: ``templates/letter.docx`` (docxtpl: letterhead, draft marker, reference and date are
  editable in Word); the body is built from the same blocks;
- ``docx_text``: the text of a DOCX read back, for tests and previews.

Split out of letters.py by use case (DESIGN.md: modules of about 600 lines at most): composing a
letter there, rendering it here. WeasyPrint and python-docx are imported inside the functions
that use them.
"""

from __future__ import annotations

from importlib import resources
from io import BytesIO
from typing import Any

from jinja2 import Environment

from .letters import DRAFT_EN, DRAFT_NOTE_EN, DRAFT_NOTE_ZH, DRAFT_ZH, KINDS, Block, Letter, _pairs, fmt_date

# -- HTML and PDF --------------------------------------------------------------------------------


def to_html(letter: Letter) -> str:
    env = Environment(autoescape=True)  # the facts come from outside (supplier names, mail subjects)
    tpl = env.from_string((resources.files("disputedesk.documents") / "templates" / "letter.html").read_text("utf-8"))
    return tpl.render(
        letter=letter,
        pairs=_pairs(letter),
        draft_en=DRAFT_EN,
        draft_zh=DRAFT_ZH,
        note_en=DRAFT_NOTE_EN,
        note_zh=DRAFT_NOTE_ZH,
        missing_en=letter.missing_labels("en"),
        missing_zh=letter.missing_labels("zh"),
        date_en=fmt_date(letter.letter_date, "en"),
        date_zh=fmt_date(letter.letter_date, "zh"),
    )


def to_pdf(letter: Letter) -> bytes:
    from weasyprint import HTML

    html = to_html(letter)
    return HTML(string=html).write_pdf(pdf_variant="pdf/a-3b", uncompressed_pdf=False)  # type: ignore[no-any-return]


# -- DOCX --------------------------------------------------------------------------------------

EAST_ASIAN_FONT = "SimSun"  # Word's standard Chinese font; LibreOffice substitutes a CJK font


def _set_east_asian(run: Any, font: str = EAST_ASIAN_FONT) -> None:
    from docx.oxml.ns import qn

    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    fonts.set(qn("w:eastAsia"), font)


def _add_lines(p: Any, lines: list[str], bold: bool = False) -> None:
    """Lines as runs of one paragraph with line breaks between them (East Asian font on each run)."""
    for i, line in enumerate(lines):
        run = p.add_run(line)
        if bold:
            run.bold = True
        _set_east_asian(run)
        if i < len(lines) - 1:
            run.add_break()


def _add_block(container: Any, block: Block) -> None:
    if block.kind == "title":
        p = container.add_paragraph(style="Title")
        _set_east_asian(p.add_run(block.text))
    elif block.kind == "heading":
        p = container.add_paragraph(style="Heading 2")
        _set_east_asian(p.add_run(block.text))
    elif block.kind == "table" and block.table is not None:
        t = block.table
        table = container.add_table(rows=1, cols=len(t.columns))
        table.style = "Table Grid"
        for i, c in enumerate(t.columns):
            cell = table.rows[0].cells[i]
            cell.text = ""
            r = cell.paragraphs[0].add_run(c)
            r.bold = True
            _set_east_asian(r)
        for row in t.rows:
            cells = table.add_row().cells
            for i, v in enumerate(row):
                cells[i].text = ""
                _set_east_asian(cells[i].paragraphs[0].add_run(v))
        container.add_paragraph()
    else:
        _add_lines(container.add_paragraph(), block.text.split("\n"))


def to_docx(letter: Letter) -> bytes:
    from docxtpl import DocxTemplate

    tpl = DocxTemplate(str(resources.files("disputedesk.documents") / "templates" / "letter.docx"))
    body = tpl.new_subdoc()
    if letter.missing:
        p = body.add_paragraph()
        parts = []
        if letter.lang in ("en", "both"):
            parts.append("Missing facts — fill them in before sending: " + "; ".join(letter.missing_labels("en")))
        if letter.lang in ("zh", "both"):
            parts.append("缺少下列事实，发出前请补充：" + "；".join(letter.missing_labels("zh")))
        _add_lines(p, parts, bold=True)
    if letter.lang == "both":
        for en, zh in _pairs(letter):
            assert zh is not None
            if en.kind == "table":
                _add_block(body, en)
                continue
            table = body.add_table(rows=1, cols=2)
            left, right = table.rows[0].cells
            left.text, right.text = "", ""
            _fill_cell(left, en)
            _fill_cell(right, zh)
    else:
        for b, _ in _pairs(letter):
            _add_block(body, b)
    k = KINDS[letter.kind]
    tpl.render(
        {
            "draft": {"en": DRAFT_EN, "zh": DRAFT_ZH}.get(letter.lang, f"{DRAFT_EN} · {DRAFT_ZH}"),
            "draft_note": {"en": DRAFT_NOTE_EN, "zh": DRAFT_NOTE_ZH}.get(
                letter.lang, f"{DRAFT_NOTE_EN} {DRAFT_NOTE_ZH}"
            ),
            "kind_title": {"en": k.title_en, "zh": k.title_zh}.get(letter.lang, f"{k.title_en} · {k.title_zh}"),
            "reference": letter.reference,
            "date": {"en": fmt_date(letter.letter_date, "en"), "zh": fmt_date(letter.letter_date, "zh")}.get(
                letter.lang, f"{fmt_date(letter.letter_date, 'en')} · {fmt_date(letter.letter_date, 'zh')}"
            ),
            "body": body,
        },
        autoescape=True,
    )
    out = BytesIO()
    tpl.save(out)
    return out.getvalue()


def _fill_cell(cell: Any, block: Block) -> None:
    p = cell.paragraphs[0]
    if block.kind in ("title", "heading"):
        p.style = "Heading 2" if block.kind == "heading" else "Heading 1"
    _add_lines(p, (block.text or "").split("\n"))


def docx_text(data: bytes) -> str:
    """All text of a DOCX (paragraphs and table cells, nested tables included), for tests and previews."""
    from docx import Document

    doc = Document(BytesIO(data))
    parts: list[str] = []

    def walk(container: Any) -> None:
        for p in container.paragraphs:
            parts.append(p.text)
        for t in container.tables:
            for row in t.rows:
                for c in row.cells:
                    walk(c)

    walk(doc)
    for section in doc.sections:
        walk(section.header)
        walk(section.footer)
    return "\n".join(parts)
