"""Rebuild ``templates/letter.docx``, the docxtpl letterhead that counsel may edit in Word.

    python -m disputedesk.documents.build_templates

The shipped file is committed; run this only to start over from the default layout. Word
placeholders (Jinja2 through docxtpl): ``{{ draft }}``, ``{{ draft_note }}``, ``{{ kind_title }}``,
``{{ reference }}``, ``{{ date }}`` and ``{{p body }}`` (the letter's text and tables).
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def build(path: Path) -> None:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt, RGBColor

    doc = Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.left_margin = sec.right_margin = Mm(20)
    sec.top_margin, sec.bottom_margin = Mm(20), Mm(20)
    for name, size in (("Normal", 10.5), ("Title", 15), ("Heading 1", 12), ("Heading 2", 11)):
        st = doc.styles[name]
        st.font.name = "Calibri" if name == "Normal" else st.font.name
        st.font.size = Pt(size)
        rpr = st.element.get_or_add_rPr()
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = rpr.makeelement(qn("w:rFonts"), {})
            rpr.append(fonts)
        fonts.set(qn("w:eastAsia"), "SimSun")
    header = sec.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run = header.add_run("{{ draft }}")
    run.font.size = Pt(8)
    run.font.color.rgb = RGBColor(0xAA, 0, 0)
    footer = sec.footer.paragraphs[0]
    run = footer.add_run("{{ reference }} · {{ kind_title }}")
    run.font.size = Pt(8)
    note = doc.add_paragraph()
    r = note.add_run("{{ draft_note }}")
    r.italic = True
    r.font.size = Pt(8.5)
    r.font.color.rgb = RGBColor(0xAA, 0, 0)
    meta = doc.add_paragraph()
    meta.add_run("{{ reference }} · {{ date }}").font.size = Pt(9)
    doc.add_paragraph("{{p body }}")
    doc.save(str(path))


if __name__ == "__main__":
    target = Path(str(resources.files("disputedesk.documents") / "templates" / "letter.docx"))
    build(target)
    print(f"wrote {target}")
