"""What OCR read doubtfully is shown where the reader reads it: a figure Tesseract was unsure of is underlined in the
text with its confidence, a number the check took for another is marked with what OCR read, also when the check
reads the searchable copy made earlier (no Tesseract run: the recognition is given)."""

from __future__ import annotations

from datetime import date

from pypdf import PdfWriter

from disputedesk.domain.contract_clarity import check_contract
from disputedesk.ingest.contract_text import contract_from_ocr, read_contract_bytes
from disputedesk.ingest.ocr import OcrLine, OcrResult, _finish, _parse_tsv
from disputedesk.services.contracts import add_reading, highlighted_paragraphs

HEADER = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"


def _tsv(words: list[tuple[str, float]]) -> str:
    rows = [f"5\t1\t1\t1\t1\t{i}\t{100 * i}\t100\t90\t40\t{conf}\t{w}" for i, (w, conf) in enumerate(words, 1)]
    return "\n".join([HEADER, *rows])


def test_figures_tesseract_was_unsure_of_are_found_in_the_joined_line() -> None:
    # Tesseract puts spaces between Chinese characters; the line drops them, the figure keeps its place
    (line,) = _parse_tsv(_tsv([("验", 96), ("收", 95), ("合", 96), ("格", 94), ("后", 93), ("支付", 91),
                               ("9096。", 0.0), ("48", 92.5), ("小时", 90), ("5", 41)]), 1)  # fmt: skip
    assert line.text == "验收合格后支付 9096。 48 小时 5"
    assert [(line.text[a:b], c) for a, b, c in line.unsure] == [("9096。", 0.0), ("5", 41.0)]
    # a word without a digit is no figure, however unsure
    (line,) = _parse_tsv(_tsv([("乙方", 30), ("响应", 95)]), 1)
    assert line.unsure == []


def _scan() -> OcrResult:
    text = "21 乙方应在接到报修通知后4小时内响应，验收后支付 9096。"
    at = text.index("9096。")
    lines = [OcrLine("2 售后服务", 1, 95, None), OcrLine(text, 1, 80, None, [(at, at + 5, 0.0)])]
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    return OcrResult(lines, _finish(writer, [1], 90.0, lines), 1, [1], 90.0, "tesseract 5")


def test_the_page_marks_both_beside_the_same_clause_number_as_the_findings() -> None:
    result = _scan()
    for doc in (contract_from_ocr(result, "scan.png", "image"), read_contract_bytes(result.pdf, "scan.ocr.pdf")):
        line = doc.paragraphs[1].text
        assert line.startswith("2.1 乙方应在")
        assert [line[a:b] for _, a, b, _ in doc.ocr_unsure] == ["9096。"]  # shifted past the number taken
        out = check_contract(doc.paragraphs, as_of=date(2026, 12, 5)).as_dict()
        add_reading(out, doc)
        assert out["ocr"]["unsure"] == [{"paragraph": 1, "page": 1, "text": "9096。", "confidence": 0.0}]
        assert out["ocr"]["repairs"][0]["read"] == "21"
        response = next(c for c in out["clauses"] if c["kind"] == "response_time")
        assert response["excerpts"][0]["location"]["clause"] == "2.1"
        pieces = highlighted_paragraphs(doc, out)[1]["pieces"]
        marks = {css: (text, note) for text, css, note in pieces if css in ("ocr-fix", "ocr-unsure")}
        assert marks["ocr-fix"][0] == "2.1" and marks["ocr-fix"][1][2] == "21"
        assert marks["ocr-unsure"] == (
            "9096。",
            (
                "OCR was unsure of this figure (confidence 0%): check the original",
                "OCR 对此数字没有把握（置信度 0%）：请核对原件",
            ),
        )
        assert any("figure(s) OCR was unsure of" in n and "“9096。”" in n for n in doc.notes)
