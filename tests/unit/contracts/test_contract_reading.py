"""Reading contracts: text (UTF-8/GB18030), DOCX (paragraphs and tables in order), PDF pages."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from contract_scans import without_ocr
from pypdf import PdfWriter

from disputedesk.ingest.contract_text import ContractReadError, ocr_available, read_contract

from .conftest import make_pdf


def test_plain_text_keeps_paragraph_offsets(tmp_path: Path) -> None:
    p = tmp_path / "c.txt"
    p.write_text("第七条 售后服务\n\n卖方应在24小时内响应。\n", encoding="utf-8")
    doc = read_contract(p)
    assert [x.text for x in doc.paragraphs] == ["第七条 售后服务", "卖方应在24小时内响应。"]
    second = doc.paragraphs[1]
    assert doc.text[second.char_start : second.char_end] == "卖方应在24小时内响应。"
    assert second.index == 1 and second.page is None


def test_gb18030_text_is_decoded(tmp_path: Path) -> None:
    p = tmp_path / "gbk.txt"
    p.write_bytes("第一条 质保期为十二个月。".encode("gb18030"))
    doc = read_contract(p)
    assert doc.encoding == "gb18030"
    assert doc.paragraphs[0].text == "第一条 质保期为十二个月。"


def test_docx_paragraphs_and_tables_in_document_order(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("1. Warranty")
    d.add_paragraph("The warranty period is 24 months from final acceptance.")
    table = d.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "2. Response time: within 4 business hours."
    table.rows[0].cells[1].text = "2. 响应时间：4个工作小时内。"
    d.add_paragraph("3. Governing law")
    buf = io.BytesIO()
    d.save(buf)
    p = tmp_path / "c.docx"
    p.write_bytes(buf.getvalue())
    doc = read_contract(p)
    texts = [x.text for x in doc.paragraphs]
    assert texts[0] == "1. Warranty"
    assert texts[2] == "2. Response time: within 4 business hours. | 2. 响应时间：4个工作小时内。"
    assert texts[3] == "3. Governing law"
    assert doc.format == "docx"


def test_pdf_text_layer_keeps_page_numbers(tmp_path: Path) -> None:
    p = tmp_path / "c.pdf"
    p.write_bytes(make_pdf([["1. Goods", "One laser cutter."], ["5. Warranty", "The warranty period is 12 months."]]))
    doc = read_contract(p)
    assert doc.pages == 2
    warranty = next(x for x in doc.paragraphs if "warranty period" in x.text)
    assert warranty.page == 2
    assert next(x for x in doc.paragraphs if x.text == "1. Goods").page == 1


def test_pdf_without_text_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    w = PdfWriter()
    w.add_blank_page(width=595, height=842)
    buf = io.BytesIO()
    w.write(buf)
    p = tmp_path / "scan.pdf"
    p.write_bytes(buf.getvalue())
    if ocr_available():  # a blank page: OCR runs and finds nothing
        with pytest.raises(
            ContractReadError, match=r"scan\.pdf: OCR found no text in this scan or photo: it may be blank.*300 dpi"
        ):
            read_contract(p)
    # a machine without Tesseract says how to get it
    without_ocr(monkeypatch)
    with pytest.raises(ContractReadError) as exc:
        read_contract(p)
    msg = str(exc.value)
    assert "scan.pdf" in msg and "no text layer" in msg and "tesseract" in msg


def test_unreadable_files_name_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "broken.docx"
    bad.write_bytes(b"PK\x03\x04 not really a zip word/")
    with pytest.raises(ContractReadError, match="broken.docx"):
        read_contract(bad)
    with pytest.raises(ContractReadError, match="missing.txt"):
        read_contract(tmp_path / "missing.txt")
    legacy = tmp_path / "old.doc"
    legacy.write_bytes(b"\xd0\xcf\x11\xe0 binary")
    with pytest.raises(ContractReadError, match="old.doc"):
        read_contract(legacy)
