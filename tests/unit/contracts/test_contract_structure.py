"""Structure first: each form of contract splits into the clauses a reader sees, with the
numbers the document shows (Word's automatic numbers, PDF headings, Markdown, Chinese items)."""

from __future__ import annotations

import io
from collections.abc import Sequence

import docx
from docx.oxml import parse_xml
from fpdf import FPDF

from disputedesk.domain.contract_clarity import check_contract, paragraphs_from_text, split_clauses
from disputedesk.ingest.contract_text import read_contract_bytes

from .conftest import AS_OF

DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
DROID = "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"  # Chinese that pdfminer can extract
W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def labels(paragraphs: Sequence[object]) -> list[str | None]:
    return [c.label for c in split_clauses(paragraphs)]  # type: ignore[arg-type]


# ------------------------------------------------------------------ DOCX
def _numbering(document: docx.document.Document, abstract_id: int, num_id: int, levels: list[tuple[str, str]]) -> None:
    """Add a Word list definition: one (numFmt, lvlText) per level, and a num pointing to it."""
    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>'
        for i, (fmt, text) in enumerate(levels)
    )
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(f'<w:abstractNum {W_NS} w:abstractNumId="{abstract_id}">{lvls}</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {W_NS} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/></w:num>'))


def _numbered(document: docx.document.Document, text: str, num_id: int, level: int = 0, bold: bool = False) -> None:
    p = document.add_paragraph()
    run = p.add_run(text)
    run.bold = bold
    p._p.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {W_NS}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>')
    )


def _docx_bytes(document: docx.document.Document) -> bytes:
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def test_docx_automatic_numbers_are_rendered_and_cited() -> None:
    d = docx.Document()
    d.add_paragraph("设备买卖合同")
    _numbering(d, 90, 90, [("chineseCounting", "第%1条"), ("decimal", "%2．"), ("chineseCounting", "（%3）")])
    _numbered(d, "标的", 90, bold=True)
    d.add_paragraph("卖方出售数控机床一台。")
    _numbered(d, "付款方式", 90, bold=True)
    _numbered(d, "合同签订后支付30%。", 90, level=1)
    _numbered(d, "验收合格后支付余款。", 90, level=1)
    _numbered(d, "质量保证", 90, bold=True)
    _numbered(d, "质保期为验收合格之日起十二个月。", 90, level=1)
    _numbered(d, "质保期内免费维修，包括：", 90, level=1)
    _numbered(d, "更换零部件；", 90, level=2)
    _numbered(d, "派工程师到现场。", 90, level=2)
    doc = read_contract_bytes(_docx_bytes(d), "c.docx")
    texts = [p.text for p in doc.paragraphs]
    assert texts[1] == "第一条 标的"
    assert texts[3] == "第二条 付款方式"
    assert texts[4] == "1．合同签订后支付30%。"
    assert texts[6] == "第三条 质量保证"
    assert texts[7] == "1．质保期为验收合格之日起十二个月。"  # the item count restarts under a new article
    assert texts[9] == "（一）更换零部件；"
    assert labels(doc.paragraphs) == [
        None, "第一条", "第二条", "第二条第1款", "第二条第2款", "第三条", "第三条第1款", "第三条第2款",
        "第三条第2款（一）", "第三条第2款（二）",
    ]  # fmt: skip
    report = check_contract(doc.paragraphs, as_of=AS_OF).as_dict()
    warranty = next(c for c in report["clauses"] if c["kind"] == "warranty_period")
    twelve = next(e for e in warranty["excerpts"] if "十二个月" in e["text"])
    assert twelve["location"]["clause"] == "第三条第1款"
    assert warranty["values"]["months"] == "12"


def test_docx_heading_styles_and_short_bold_lines_are_headings() -> None:
    d = docx.Document()
    d.add_paragraph("Supply Agreement", style="Title")
    d.add_heading("Warranty", level=1)
    d.add_paragraph("The Supplier warrants the goods for 24 months from acceptance.")
    p = d.add_paragraph()
    p.add_run("付款方式").bold = True
    d.add_paragraph("验收合格后三十日内付款。")
    p = d.add_paragraph()
    p.add_run("质量").bold = True
    d.add_paragraph("质保期十二个月。")
    d.add_paragraph("This line is not bold and is a sentence.")
    doc = read_contract_bytes(_docx_bytes(d), "c.docx")
    assert [p.heading for p in doc.paragraphs] == [1, 1, None, 1, None, 1, None, None]
    clauses = split_clauses(doc.paragraphs)
    assert [c.heading for c in clauses] == ["Supply Agreement", "Warranty", "付款方式", "质量"]
    assert "质保期十二个月" in clauses[3].text and "付款" not in clauses[3].text


def test_docx_heading_style_linked_to_a_list_is_numbered() -> None:
    d = docx.Document()
    _numbering(d, 91, 91, [("decimal", "%1."), ("decimal", "%1.%2")])
    for style_name, level in (("Heading 1", 0), ("Heading 2", 1)):
        ppr = d.styles[style_name].element.get_or_add_pPr()
        ppr.append(parse_xml(f'<w:numPr {W_NS}><w:ilvl w:val="{level}"/><w:numId w:val="91"/></w:numPr>'))
    d.add_heading("Goods", level=1)
    d.add_paragraph("One lathe.")
    d.add_heading("Warranty", level=1)
    d.add_heading("Period", level=2)
    d.add_paragraph("Twelve months.")
    d.add_heading("Remedies", level=2)
    doc = read_contract_bytes(_docx_bytes(d), "c.docx")
    assert [p.text for p in doc.paragraphs if p.heading] == ["1. Goods", "2. Warranty", "2.1 Period", "2.2 Remedies"]
    assert labels(doc.paragraphs) == ["1", "2", "2.1", "2.2"]


# ------------------------------------------------------------------ PDF
def test_pdf_headings_by_font_and_page_numbers_dropped() -> None:
    pdf = FPDF(format="A4")
    pdf.add_font("latin", "", DEJAVU)
    pdf.add_font("cjk", "", DROID)
    pdf.set_fallback_fonts(["cjk"], exact_match=False)
    pdf.set_auto_page_break(False)
    body = ["乙方应在接到通知后4小时内响应。", "质保期为验收合格之日起十二个月。"]
    for page in (1, 2):
        pdf.add_page()
        pdf.set_font("latin", size=18)
        pdf.set_xy(20, 25)
        pdf.cell(0, 10, "售后服务" if page == 1 else "质量保证")  # a heading with no number: bigger type
        pdf.set_font("latin", size=11)
        pdf.set_xy(20, 40)
        pdf.cell(0, 8, body[page - 1])
        pdf.set_xy(20, 48)
        pdf.cell(0, 8, "本条款的其他约定见附件。")
        pdf.set_xy(100, 285)
        pdf.cell(0, 8, f"- {page} -")  # page number in the footer
    doc = read_contract_bytes(bytes(pdf.output()), "c.pdf")
    assert doc.ocr_pages == []  # read from the text layer
    texts = [p.text for p in doc.paragraphs]
    assert "- 1 -" not in texts and "- 2 -" not in texts
    assert [(p.text, p.page) for p in doc.paragraphs if p.heading] == [("售后服务", 1), ("质量保证", 2)]
    clauses = split_clauses(doc.paragraphs)
    assert [c.label for c in clauses] == ["售后服务", "质量保证"]
    assert "4小时内响应" in clauses[0].text and "十二个月" in clauses[1].text


def test_pdf_numbered_headings_split_on_their_numbers() -> None:
    pdf = FPDF(format="A4")
    pdf.add_page()
    y = 20
    for size, line in ((16, "Article 7 Warranty"), (11, "7.1 The warranty period is 18 months from acceptance."),
                       (11, "7.2 Defects shall be repaired within 48 hours."), (16, "Article 8 Governing Law"),
                       (11, "This Contract is governed by the laws of the PRC.")):  # fmt: skip
        pdf.set_font("helvetica", size=size)
        pdf.set_xy(20, y)
        pdf.cell(0, 8, line)
        y += 12
    doc = read_contract_bytes(bytes(pdf.output()), "c.pdf")
    assert doc.ocr_pages == [] and [p.heading for p in doc.paragraphs] == [1, None, None, 1, None]
    clauses = split_clauses(doc.paragraphs)
    assert [c.label for c in clauses] == ["Article 7", "7.1", "7.2", "Article 8"]
    assert clauses[2].context == "Warranty"


# ------------------------------------------------------------------ text and Markdown
def test_markdown_headings_split_with_their_numbers() -> None:
    text = (
        "# 设备采购合同\n甲方：某医院\n## 1. 采购的合同产品\n### 1.1 产品名称\n彩色超声诊断仪一台。\n"
        "### 1.2 数量\n一台。\n## 2. 售后服务\n乙方应在2小时内响应。\n## 服务等级\n可用性99.9%。"
    )
    paragraphs = paragraphs_from_text(text)
    clauses = split_clauses(paragraphs)
    assert [c.label for c in clauses] == ["设备采购合同", "1", "1.1", "1.2", "2", "服务等级"]
    two = clauses[4]
    assert two.heading == "售后服务" and "2小时内响应" in two.text
    # offsets still point into the original text (the "## " marks are not part of the paragraph)
    p = next(p for p in paragraphs if p.text.startswith("2. 售后服务"))
    assert text[p.char_start : p.char_end] == "2. 售后服务"
    doc = read_contract_bytes(text.encode(), "c.md")
    assert [c.label for c in split_clauses(doc.paragraphs)] == [c.label for c in clauses]


def test_chinese_items_nest_under_their_article() -> None:
    text = (
        "第五条 售后服务\n1．乙方提供七天二十四小时热线。\n（1）一般故障4小时内响应；\n（2）重大故障1小时内响应。\n"
        "2．乙方应在48小时内修复。\n第六条 争议解决\n一、协商不成的，提交仲裁。"
    )
    assert labels(paragraphs_from_text(text)) == [
        "第五条", "第五条第1款", "第五条第1款（1）", "第五条第1款（2）", "第五条第2款", "第六条", "第六条第一款",
    ]  # fmt: skip
    clauses = split_clauses(paragraphs_from_text(text))
    assert clauses[2].context.startswith("售后服务")  # a sub-item knows its article
    # a line wrapped in a scan ("24小时内…") is no item 24
    wrapped = "第三条 售后服务\n1．乙方应在接到通知后4小时内响应，\n24小时内到达现场。\n2．乙方应尽快排除故障。"
    clauses = split_clauses(paragraphs_from_text(wrapped))
    assert [c.label for c in clauses] == ["第三条", "第三条第1款", "第三条第2款"]
    assert "4小时内响应，24小时内到达现场" in clauses[1].text.replace(" ", "")
    # a document numbered "一、" at the top: "（一）" items are cited under it, "1." items too
    text = "一、质量保证\n（一）质保期十二个月。\n（二）免费维修。\n二、其他\n1. 本合同一式两份。"
    assert labels(paragraphs_from_text(text)) == ["一", "一、（一）", "一、（二）", "二", "二、1"]


def test_english_numbering_annexes_and_bilingual_clauses() -> None:
    text = (
        "1. Definitions\n1.1 Goods means the machine.\n1.1.1 Including its software.\n"
        "2. Warranty\n2. 质量保证\nThe warranty period is 12 months.\n质保期为十二个月。\n"
        "Article 7 Support\n7.2 Response within 4 hours.\nAnnex A Technical specification\n附件二 售后服务承诺"
    )
    clauses = split_clauses(paragraphs_from_text(text))
    assert [c.label for c in clauses] == ["1", "1.1", "1.1.1", "2", "Article 7", "7.2", "Annex A", "附件二"]
    warranty = clauses[3]
    assert "12 months" in warranty.text and "十二个月" in warranty.text
    assert warranty.heading == "Warranty / 质量保证"


def test_a_sub_clause_number_on_a_line_of_its_own_is_that_clause() -> None:
    """ "### 4.1" with no title (or a PDF line "4.1" above its sentence) is clause 4.1: it was read as "4." titled "1"
    and merged into clause 4 as if it were the other language's version of it."""
    md = (
        "## 4. 违约责任\n### 4.1\n乙方未按约定到场维修的，每逾期一日按合同总价的千分之五支付违约金。\n"
        "## 5. 争议解决\n### 5.1\n协商不成的，向甲方所在地人民法院起诉。\n"
    )
    clauses = split_clauses(paragraphs_from_text(md))
    assert [c.label for c in clauses] == ["4", "4.1", "5", "5.1"]
    assert clauses[1].text.endswith("支付违约金。") and clauses[0].heading == "违约责任"
    plain = "7. Warranty\n7.1\nThe Seller warrants the Equipment for 12 months.\n7.2\nDefects are repaired free.\n"
    assert labels(paragraphs_from_text(plain)) == ["7", "7.1", "7.2"]
    # a figure on a line of its own elsewhere stays text
    assert labels(paragraphs_from_text("7. Price\nThe unit price in EUR is\n25.50\nper piece.\n")) == ["7"]
