"""Bundle PDFs share the fonts parsed once per process (documents/pdf.py); each document still
embeds its own subset, and the bytes are those fpdf2 writes when it parses the font files itself."""

from __future__ import annotations

import datetime
import io

import pytest
from pypdf import PdfReader

from disputedesk.documents import pdf as pdfs

FIXED = datetime.datetime(2026, 12, 5, tzinfo=datetime.UTC)


def _printout(text: str) -> bytes:
    fonts = pdfs.Fonts.find()
    volume = pdfs.PrintoutVolume(fonts, "Printouts 打印件")
    volume.pdf.set_creation_date(FIXED)
    volume.add(label="E-0001", sha256="ab" * 32, headers=[("From 发件人", "wang@jinhua-cnc.com")], body=text)
    out = io.BytesIO()
    volume.output(out)
    return out.getvalue()


def _text(data: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_each_pdf_made_after_another_carries_its_own_chinese_text() -> None:
    first = _printout("主轴在交货后第七十五天出现故障。")
    second = _printout("供应商拒绝派遣工程师到现场。")
    assert "主轴在交货后第七十五天出现故障" in _text(first)
    assert "供应商拒绝派遣工程师到现场" in _text(second)
    assert "主轴" not in _text(second)
    assert _printout("主轴在交货后第七十五天出现故障。") == first  # the first's glyphs did not stay behind


def test_the_parsed_once_fonts_write_the_bytes_fpdf2_writes_itself(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "The spindle failed on day 75. 主轴在交货后第七十五天出现故障。«»✓"
    cached = _printout(text)
    monkeypatch.setattr(pdfs, "_add_font", lambda pdf, family, path, style="": pdf.add_font(family, style, path))
    assert _printout(text) == cached
