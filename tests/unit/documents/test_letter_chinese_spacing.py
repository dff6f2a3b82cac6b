"""A Chinese letter has no space inside Chinese text: where a fact's value is Chinese (the
mediation's language, an institution, a 【缺少：…】 marker) the template's spaces around it go
(由【缺少：调解机构】主持调解；调解语言为英文及中文), while a value in Latin letters or digits keeps
them as every Chinese page of the project writes them (编号为 RF-EU-2025-1046 的合同, 于 2025年10月14日
签订). The overdue time in the SLA table is written as the promised time beside it (1.3个工作小时
like 24个工作小时, not 1.3 个工作小时)."""

from __future__ import annotations

from datetime import date

from disputedesk.documents import letters as L
from disputedesk.services.letters.subject import _hours


def _zh(kind: str, **kw: object) -> str:
    f = L.LetterFacts(
        letter_date=date(2026, 11, 26),
        buyer_name="Auerbach Feinblech GmbH",
        supplier_name_en="Shenzhen Ruifeng Laser Intelligent Equipment Co., Ltd.",
        supplier_name_zh="深圳市锐锋激光智能装备有限公司",
        contract_number="RF-EU-2025-1046",
        contract_date=date(2025, 10, 14),
        **kw,  # type: ignore[arg-type]
    )
    return "\n".join(b.text for b in L.build_letter(kind, f, "zh").blocks["zh"])


def test_no_space_between_chinese_text_and_a_chinese_value() -> None:
    text = _zh("mediation", mediation_language="English and Chinese", mediation_language_zh="英文及中文")
    assert "由【缺少：调解机构】主持调解；调解语言为英文及中文；" in text, text
    assert "双方就 2025年10月14日 签订的编号为 RF-EU-2025-1046 的合同" in text, text


def test_an_english_letter_keeps_its_spaces() -> None:
    f = L.LetterFacts(letter_date=date(2026, 11, 26), mediation_language="English and Chinese")
    en = "\n".join(b.text for b in L.build_letter("mediation", f, "en").blocks["en"])
    assert "mediation by [missing: mediation institution]; in English and Chinese;" in en, en


def test_overdue_hours_are_written_like_the_promised_time() -> None:
    assert _hours(4680) == ("1.3 business hours", "1.3个工作小时")
    assert _hours(3600) == ("1 business hour", "1个工作小时")
    assert _hours(4043520)[1] == "1,123.2个工作小时"
    assert _hours(7200, business=False) == ("2 hours", "2小时")
