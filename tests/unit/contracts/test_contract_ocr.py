"""Scanned contracts and photos: OCR with the local Tesseract into a searchable copy, with the
text marked as OCR and its confidence, and the clauses, values and findings of the check."""

from __future__ import annotations

import io

import pdfplumber
import pytest
from contract_scans import EN_PAGE, NOTO, ZH_PAGE, scanned_page, skip_without_tesseract
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from disputedesk.domain.contract_clarity import check_contract, split_clauses
from disputedesk.ingest.contract_text import read_contract_bytes

from .conftest import AS_OF


@pytest.fixture(autouse=True)
def _tesseract() -> None:
    skip_without_tesseract()


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


def test_a_scanned_page_number_is_not_a_clause() -> None:
    """The footer "第 1 页" under a full scanned page became a clause of its own, labelled "第 1 页", between the
    page's last clause and the next page; the text layer of a PDF drops it, and so does OCR now."""
    page = Image.new("L", (1654, 2339), 246)
    draw, font = ImageDraw.Draw(page), ImageFont.truetype(NOTO, 30)
    for i in range(1, 33):
        draw.text(
            (150, 90 + 60 * i), f"{i}. 乙方应在接到甲方通知后4小时内响应，并派工程师到达现场。", font=font, fill=25
        )
    draw.text((787, 2110), "第 1 页", font=font, fill=25)  # the footer, centred under the text
    page = page.filter(ImageFilter.GaussianBlur(0.6))
    buf = io.BytesIO()
    page.save(buf, "PNG")
    doc = read_contract_bytes(buf.getvalue(), "contract-photo.png")
    assert doc.paragraphs[-1].text.endswith("到达现场。")
    assert all(c.label is None or "页" not in c.label for c in split_clauses(doc.paragraphs))


def test_a_page_at_a_slant_is_measured_level_and_a_clean_scan_left_alone() -> None:
    from disputedesk.ingest.ocr import prepare_page, skew_angle

    page = scanned_page(ZH_PAGE)
    assert skew_angle(page) == 0.0
    assert prepare_page(page) is page  # a straight, clean scan goes to Tesseract as it is
    for turned in (2.5, -3.5):
        assert abs(skew_angle(page.rotate(turned, fillcolor=246)) + turned) <= 0.2


def test_a_photo_at_a_slant_in_dim_light_is_read_with_its_clause_numbers() -> None:
    """A phone photo 3° askew, grey on grey: Tesseract alone read "] 合同标的", "LIL 乙方…" and lost whole clause
    numbers; the page is now straightened and its contrast stretched before it is read."""
    from contract_scans import ZH_NUMBERED, scanned_page_300

    photo = scanned_page_300(ZH_NUMBERED).point(lambda v: 95 + v * 0.45).rotate(3, fillcolor=205)
    buf = io.BytesIO()
    photo.convert("RGB").save(buf, "JPEG", quality=70)
    doc = read_contract_bytes(buf.getvalue(), "phone-photo.jpg")
    assert [c.label for c in split_clauses(doc.paragraphs)][-8:] == ["1", "1.1", "2", "2.1", "3", "3.1", "4", "4.1"]
    kinds = {c["kind"]: c for c in check_contract(doc.paragraphs, as_of=AS_OF).as_dict()["clauses"]}
    assert [(d["value"], d["unit"]) for d in kinds["response_time"]["values"]["durations"]] == [("2", "hour")]
    assert kinds["response_time"]["excerpts"][0]["location"]["clause"] == "2.1"
    assert kinds["warranty_period"]["values"]["months"] == "18"
    assert kinds["dispute_resolution"]["values"]["seat"] == "Shanghai"
