"""A contract's values in words of the reader's language, from their structured form: a finding
about a Chinese contract says "5 days" in English and 5天 in Chinese; the proposed wording reads
right in both languages (no "3 arbitrator(s)", no calendar code)."""

from __future__ import annotations

import re
from datetime import date

from disputedesk.documents.catalogue import written
from disputedesk.domain.contract_clarity import SuggestionParams, check_text
from disputedesk.domain.contract_clarity import wording as W
from disputedesk.domain.contract_clarity.suggestions import suggestion

CJK = re.compile(r"[\u4e00-\u9fff]")


def test_a_duration_in_each_language_from_its_value() -> None:
    cases = [
        ({"value": "7", "unit": "day", "basis": "unspecified"}, "7 days", "7天"),
        ({"value": "1", "unit": "day", "basis": "calendar"}, "1 calendar day", "1个自然日"),
        ({"value": "4", "unit": "hour", "basis": "business"}, "4 business hours", "4个工作小时"),
        ({"value": "3", "unit": "day", "basis": "business"}, "3 working days", "3个工作日"),
        ({"value": "24", "unit": "month", "basis": "unspecified"}, "24 months", "24个月"),
        ({"value": "1.50", "unit": "hour", "basis": "unspecified"}, "1.5 hours", "1.5小时"),
    ]
    for d, en, zh in cases:
        assert (W.duration_en(d), W.duration_zh(d)) == (en, zh)


def test_findings_about_a_chinese_contract_say_its_values_in_english_and_an_english_one_in_chinese() -> None:
    zh_contract = "第三条 检验\n买方应在货物到达后5日内检验，逾期未提出异议的，视为验收合格。"
    en_contract = "3. Inspection\nThe Buyer shall inspect the goods within 7 days after arrival."
    for text, en, zh in ((zh_contract, "5 days", "（5天）"), (en_contract, "7 days", "（7天）")):
        report = check_text(text, as_of=date(2026, 12, 4)).as_dict()
        f = next(f for f in report["findings"] if f["code"] == "short_inspection")
        assert f"Inspection period of {en} is shorter than 30 days" in f["message_en"]
        assert not CJK.search(f["message_en"])
        assert f["message_zh"].startswith(f"检验期限{zh}短于30天") and not re.search(r"[A-Za-z]", f["message_zh"])


def test_the_found_terms_in_words() -> None:
    def both(t: object) -> tuple[str, str]:
        return written(t, "en"), written(t, "zh")

    assert both(W.warranty_start_text("the date of the acceptance certificate signed by both parties")) == (
        "from acceptance",
        "自验收起",
    )
    assert both(W.warranty_start_text("最终验收合格")) == ("from final acceptance", "自最终验收起")
    assert both(W.warranty_start_text("发货")) == ("from shipment", "自发货起")
    # an unusual start: the contract's words, quoted (the page marks them as the contract's)
    unusual = W.warranty_start_text("the first snowfall")
    assert both(unusual) == ("from “the first snowfall”", "自“the first snowfall”起")
    assert both(W.service_hours_text({"days": "Mon-Fri", "start": "08:30", "end": "17:30"})) == (
        "Monday to Friday · 08:30–17:30",
        "周一至周五 · 08:30–17:30",
    )
    assert both(W.calendar_text("cn"))[1] == "中国工作日（法定节假日及调休工作日）"
    assert both(W.calendar_text("de")) == ("public holidays in Germany", "德国公共假日")
    rate = {"percent": "0.5", "per": "day", "base": "合同总价"}
    assert both(W.rate_text(rate)) == ("0.5% of the contract price per day", "每天按合同价格的0.5%")
    cap = {"percent": "10", "base": "contract price", "role": "cap"}
    assert both(W.rate_text(cap)) == ("at most 10% of the contract price", "最高不超过合同价格的10%")
    odd = {"percent": "2", "base": "invoiced amount of the month"}
    assert both(W.rate_text(odd))[1] == "“invoiced amount of the month”的2%"


def test_proposed_wording_reads_right_in_both_languages() -> None:
    for params in (SuggestionParams(), SuggestionParams(arbitrators=1, calendar="de", time_zone="Europe/Berlin")):
        for kind in ("dispute_resolution", "service_hours", "response_time", "support_remedy", "warranty_period"):
            s = suggestion(kind, "missing", params)
            assert s is not None
            en, zh = s["text_en"], s["text_zh"]
            assert "(s)" not in en and not CJK.search(en), en
            # Chinese text: no English words but the institution's and zone's names and codes
            left = re.sub(r"Europe/Berlin|PDF|\d+", "", zh)
            assert not re.search(r"[a-z]{2,}", left), zh
    dr = suggestion("dispute_resolution", "missing", SuggestionParams())
    assert dr is not None
    assert "submitted to the China International Economic and Trade Arbitration Commission (CIETAC)" in dr["text_en"]
    assert "The tribunal consists of three arbitrators." in dr["text_en"] and "仲裁庭由三名仲裁员组成" in dr["text_zh"]
    sole = suggestion("dispute_resolution", "missing", SuggestionParams(arbitrators=1))
    assert sole is not None and "a sole arbitrator" in sole["text_en"] and "一名独任仲裁员" in sole["text_zh"]
    sh = suggestion("service_hours", "missing", SuggestionParams(calendar="de"))
    assert sh is not None
    assert "public holiday in Germany" in sh["text_en"] and "德国" in sh["text_zh"] and "“de”" not in sh["text_zh"]
    assert "(Beijing time, Asia/Shanghai)" in sh["text_en"] and "Asia/Shanghai time" not in sh["text_en"]
