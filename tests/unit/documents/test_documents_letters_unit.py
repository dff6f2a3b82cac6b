"""Letter wording and rendering without a database: both languages match, missing facts are named."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader

from disputedesk.documents import letter_render as R
from disputedesk.documents import letters as L


def facts(**kw) -> L.LetterFacts:  # type: ignore[no-untyped-def]
    base = dict(
        letter_date=date(2026, 11, 26),
        reference="CASE-1/demand",
        buyer_name="Auerbach Feinblech GmbH",
        supplier_name_en="Shenzhen Ruifeng Laser Intelligent Equipment Co., Ltd.",
        supplier_name_zh="深圳市锐锋激光智能装备有限公司",
        contract_number="RF-EU-2025-1046",
        contract_date=date(2025, 10, 14),
    )
    base.update(kw)
    return L.LetterFacts(**base)


@pytest.mark.parametrize("kind", list(L.KINDS))
def test_english_and_chinese_wording_have_the_same_blocks(kind: str) -> None:
    letter = L.build_letter(kind, facts(), "both")  # raises if the two files do not pair up
    assert L.sequence_ok(letter.blocks["en"], letter.blocks["zh"])
    assert letter.blocks["en"][0].kind == "title"


def test_missing_facts_are_named_in_both_languages_not_left_blank() -> None:
    f = facts(supplier_name_zh=None, contract_date=None)
    letter = L.build_letter("formal-complaint", f, "both")
    assert "supplier_name_zh" in letter.missing and "contract_date" in letter.missing
    en = "\n".join(b.text for b in letter.blocks["en"])
    zh = "\n".join(b.text for b in letter.blocks["zh"])
    assert "[missing: supplier's legal name (Chinese)]" in en
    assert "[missing: contract date]" in en
    assert "【缺少：卖方中文法定名称】" in zh
    assert "【缺少：合同签订日期】" in zh
    assert "None" not in en and "None" not in zh


def test_user_facts_override_and_are_checked() -> None:
    f = facts()
    f.apply(
        {
            "arbitration_institution": "China International Economic and Trade Arbitration Commission",
            "cure_deadline": "2026-12-10",
        }
    )
    assert f.cure_deadline == date(2026, 12, 10)
    with pytest.raises(ValueError, match="cure_deadline"):
        f.apply({"cure_deadline": "10.12.2026"})
    with pytest.raises(ValueError, match="nonsense"):
        f.apply({"nonsense": "x"})


def test_chinese_dates_and_money() -> None:
    assert L.fmt_date(date(2025, 10, 14), "zh") == "2025年10月14日"
    assert L.fmt_date(date(2025, 10, 14), "en") == "14 October 2025"
    assert L.fmt_money("22550", "EUR") == "EUR 22,550.00"


def test_chinese_pdf_text_is_extractable_and_docx_editable() -> None:
    letter = L.build_letter("support-request", facts(), "zh")
    pdf = R.to_pdf(letter)
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "深圳市锐锋激光智能装备有限公司" in text.replace("\n", "")
    assert "草稿——须经律师审阅" in text.replace("\n", "")
    docx = R.docx_text(R.to_docx(letter))
    assert "关于合同 RF-EU-2025-1046 项下技术支持的请求函" in docx
    assert "草稿——须经律师审阅" in docx


def test_bundle_verifier_imports_only_the_standard_library() -> None:
    import subprocess
    import sys

    code = (
        "import sys, disputedesk.documents.bundle_verify as v;"
        "bad = [m for m in ('sqlalchemy', 'fastapi', 'fpdf', 'weasyprint', 'pydantic') if m in sys.modules];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


def test_markup_in_facts_is_text_not_markup() -> None:
    f = facts(buyer_name='Smith & Sons <script>alert(1)</script> "GmbH"')
    letter = L.build_letter("support-request", f, "en")
    assert 'Smith & Sons <script>alert(1)</script> "GmbH"' in R.docx_text(R.to_docx(letter))
    assert "&lt;script&gt;" in R.to_html(letter) and "<script>" not in R.to_html(letter)
