"""What reading every demo letter in Chinese and English turned up: a payment's method written
as the English code (T/T) in a Chinese letter, an answer counted "答复 #2", the arbitration
clause — recorded on the contract — printed as missing in the request for arbitration, and the
buyer's recorded VAT ID shown as "—" in the parties' table."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader

from disputedesk.services import letters as svc

from documents_support import demo_context


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    yield from demo_context(tmp_path_factory, "letters-read-through")


def render(ctx, kind: str, lang: str) -> svc.Rendered:  # type: ignore[no-untyped-def]
    return svc.render_letter(ctx, "demo", None, kind, lang=lang, fmt="pdf", letter_date=date(2026, 11, 2))


def table(rendered: svc.Rendered, lang: str, marker: str) -> list[list[str]]:
    t = next(b.table for b in rendered.letter.blocks[lang] if b.marker == marker)
    assert t is not None, marker
    return t.rows


def test_a_payment_method_is_written_in_the_letters_language(demo) -> None:
    zh = table(render(demo, "arbitration-request", "zh"), "zh", "payments")
    assert zh[0][2] == "电汇 NVB2510210047311"
    assert not any("T/T" in row[2] for row in zh)
    en = table(render(demo, "arbitration-request", "en"), "en", "payments")
    assert en[0][2] == "T/T NVB2510210047311"


def test_a_repeated_answer_is_counted_in_chinese(demo) -> None:
    rows = table(render(demo, "formal-complaint", "zh"), "zh", "breaches")
    whats = [row[1] for row in rows]
    assert "首次响应" in whats and "第2次答复" in whats
    assert not any("#" in w for w in whats)
    en = table(render(demo, "formal-complaint", "en"), "en", "breaches")
    assert "response #2" in [row[1] for row in en]


def test_the_arbitration_clause_recorded_on_the_contract_is_quoted_not_missing(demo) -> None:
    for lang in ("zh", "en"):
        r = render(demo, "arbitration-request", lang)
        assert "arbitration_agreement" not in r.missing
        text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(r.data)).pages).replace("\n", " ")
        assert "arbitration in Shenzhen" in text
        assert "【缺少：所依据的仲裁条款】" not in text and "[missing: arbitration clause relied on]" not in text
    zh = render(demo, "arbitration-request", "zh")
    joined = "\n".join(b.text for b in zh.letter.blocks["zh"])
    # the user's English wording of the clause, quoted as written and marked for translation
    assert "“friendly negotiation, then 'arbitration in Shenzhen' (no institution named)〔英文原文，待译〕”" in joined


def test_the_buyers_vat_id_identifies_the_claimant_in_the_parties_table(demo) -> None:
    # a foreign buyer has no Unified Social Credit Code; its recorded VAT ID is shown, not "—"
    zh = table(render(demo, "arbitration-request", "zh"), "zh", "parties")
    assert zh[2][0] == "统一社会信用代码/注册号" and zh[2][1] == "增值税识别号：DE318442907"
    en = table(render(demo, "arbitration-request", "en"), "en", "parties")
    assert en[2][1] == "VAT ID DE318442907"
