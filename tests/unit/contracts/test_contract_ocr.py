"""Scanned contracts and photos: OCR with the local Tesseract into a searchable copy, with the
text marked as OCR and its confidence, and the clauses, values and findings of the check."""

from __future__ import annotations

import io
import os

import pdfplumber
import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from disputedesk.domain.contract_clarity import check_contract, split_clauses
from disputedesk.ingest.contract_text import read_contract_bytes
from disputedesk.ingest.ocr import ocr_available

from .conftest import AS_OF

NOTO = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"


@pytest.fixture(autouse=True)
def _tesseract() -> None:
    if not ocr_available():
        reason = "tesseract with chi_sim and eng is not installed (scripts/setup installs it)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)


def scanned_page(lines: list[tuple[int, str]]) -> Image.Image:
    """An A4 page at 200 dpi as a scanner makes it: grey paper, slightly soft type."""
    img = Image.new("L", (1654, 2339), 246)
    draw = ImageDraw.Draw(img)
    y = 150
    for size, text in lines:
        draw.text((150, y), text, font=ImageFont.truetype(NOTO, size), fill=25)
        y += int(size * 1.9)
    return img.filter(ImageFilter.GaussianBlur(0.6))


ZH_PAGE = [
    (48, "设备买卖合同"),
    (30, "第一条 质量保证"),
    (30, "质保期为验收合格之日起十二个月。"),
    (30, "第二条 售后服务"),
    (30, "乙方应在接到通知后4小时内响应，24小时内到达现场。"),
    (30, "第三条 争议解决"),
    (30, "提交上海国际仲裁中心在上海仲裁，仲裁语言为中文。"),
]
EN_PAGE = [
    (40, "SUPPLY AGREEMENT"),
    (28, "5. Warranty"),
    (28, "The warranty period is 24 months from final acceptance."),
    (28, "6. Support"),
    (28, "Supplier shall respond within 4 business hours."),
    (28, "7. Governing Law"),
    (28, "This Agreement is governed by the laws of England."),
]


def test_photo_of_a_chinese_contract_is_read_with_its_clause_numbers() -> None:
    buf = io.BytesIO()
    scanned_page(ZH_PAGE).save(buf, "PNG")
    original = buf.getvalue()
    doc = read_contract_bytes(original, "contract-photo.png")
    assert doc.format == "image" and doc.ocr_pages == [1]
    assert doc.ocr_confidence is not None and 60 <= doc.ocr_confidence <= 100
    assert any("text from OCR" in n and "confidence" in n for n in doc.notes)
    clauses = split_clauses(doc.paragraphs)
    assert [c.label for c in clauses][-3:] == ["第一条", "第二条", "第三条"]
    report = check_contract(doc.paragraphs, as_of=AS_OF).as_dict()
    kinds = {c["kind"]: c for c in report["clauses"]}
    assert kinds["warranty_period"]["values"]["months"] == "12"
    rt = kinds["response_time"]
    assert rt["present"] and rt["excerpts"][0]["location"]["clause"] == "第二条"
    assert [(d["value"], d["unit"]) for d in rt["values"]["durations"]] == [("4", "hour")]
    dr = kinds["dispute_resolution"]["values"]
    assert dr["seat"] == "Shanghai" and dr["language"]
    codes = {f["code"] for f in report["findings"] if f["kind"] == "dispute_resolution"}
    assert not codes & {"no_seat", "no_language", "no_institution"}
    # the searchable copy carries the recognised text; the original bytes are not touched
    assert doc.derived_pdf is not None and doc.derived_pdf.startswith(b"%PDF")
    with pdfplumber.open(io.BytesIO(doc.derived_pdf)) as pdf:
        layer = pdf.pages[0].extract_text().replace(" ", "")
    assert "第二条" in layer and "质保期" in layer


def test_scanned_english_pdf_gets_a_text_layer() -> None:
    buf = io.BytesIO()
    scanned_page(EN_PAGE).save(buf, "PDF", resolution=200)
    doc = read_contract_bytes(buf.getvalue(), "signed-scan.pdf")
    assert doc.format == "pdf" and doc.ocr_pages == [1] and doc.pages == 1
    assert [c.label for c in split_clauses(doc.paragraphs)][-3:] == ["5", "6", "7"]
    report = check_contract(doc.paragraphs, as_of=AS_OF).as_dict()
    kinds = {c["kind"]: c for c in report["clauses"]}
    w = kinds["warranty_period"]["values"]
    assert w["months"] == "24" and "acceptance" in w["start_event"]
    rt = kinds["response_time"]["values"]["durations"]
    assert [(d["value"], d["unit"], d["basis"]) for d in rt] == [("4", "hour", "business")]
    assert kinds["governing_law"]["present"]
    assert doc.derived_pdf is not None
    with pdfplumber.open(io.BytesIO(doc.derived_pdf)) as pdf:
        assert "warranty period" in pdf.pages[0].extract_text().lower()
