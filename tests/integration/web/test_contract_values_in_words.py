"""A contract's values on its clarity page, in the page's language: an English contract read on a
Chinese page says 检验期限（7天）, 24 个月 · 自发货起, 周一至周五, never "7 days" inside a Chinese
sentence; a Chinese contract read on an English page says "5 days", "from shipment". The
contract's own sentences stay as written, marked as the contract's words; the JSON report keeps
the machine values."""

from __future__ import annotations

import re

from pages_support import InterfaceText, foreign_sentences, foreign_words, upload_contract, visible

ENGLISH = """SALES CONTRACT No. T-EN-1
1. Warranty
The warranty period is 24 months from the date of shipment.
2. Support
2.1 First response within 4 business hours.
2.2 Support hours: Monday to Friday, 09:00-18:00 Beijing time (Asia/Shanghai), excluding PRC statutory holidays.
{credits}
3. Inspection
The Buyer shall inspect the goods within 7 days after arrival, otherwise the goods are deemed accepted.
4. Disputes
Any dispute shall be submitted to arbitration in Shanghai.
""".format(
    credits="2.3 If the Seller misses a response time, it shall pay service credits of 0.5% of the contract price "
    "per day of delay, up to a maximum of 10% of the contract price."
)

CHINESE = """销售合同 编号 T-ZH-1
第一条 质量保证
质保期为自发货之日起12个月。
第二条 技术支持
2.1 卖方应在收到请求后4个工作小时内响应，严重故障应在3个工作日内修复。
2.2 服务时间：周一至周五 8:30-17:30（北京时间），法定节假日除外。
2.4 卖方应及时提供软件升级。
2.3 超过3个工作日的，每迟延一个工作日，卖方按合同总价的0.5%给予服务补偿，累计不超过合同总价的10%。
第三条 检验
买方应在货物到达后5日内检验，逾期未提出异议的，视为验收合格。
第四条 争议解决
因本合同引起的争议，提交仲裁解决。
"""


def _interface(html: str, lang: str) -> str:
    p = InterfaceText(lang)
    p.feed(html)
    return " ".join(p.parts)


def test_values_of_an_english_and_a_chinese_contract_in_each_pages_language(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("empty")
    en_label = upload_contract(c, "supply-en.txt", ENGLISH)
    zh_label = upload_contract(c, "supply-zh.txt", CHINESE)

    # The English contract on a Chinese page: its values in Chinese words.
    zh = c.get(f"/contracts/{en_label}?lang=zh").text
    said = _interface(zh, "zh")
    assert "检验期限（7天）短于30天" in said
    assert "24 个月 · 自发货起" in said
    assert "周一至周五 · 09:00–18:00" in said
    assert "中国工作日（法定节假日及调休工作日）" in said
    assert "每天按合同价格的0.5%" in said
    assert "4 个工作小时" in said
    # Chinese punctuation around the values: full-width colons, a location named once
    assert "清晰度评分：" in said and "语言：" in said and "清晰度评分:" not in said
    assert "缺失（" in said and "已约定（" in said
    # no English value words inside Chinese sentences, no single English word or code either
    assert not re.search(r"\b(?:days?|months?|hours?|business|working|shipment|per|Mon-Fri)\b", said), said
    assert foreign_sentences(zh) == [] and foreign_words(zh) == []
    # the contract's own sentence stays exactly as written, marked as English words
    assert '<span class="own" lang="en">The warranty period is 24 months from the date of shipment.</span>' in zh

    # …and on an English page, in English.
    en = c.get(f"/contracts/{en_label}?lang=en").text
    said = _interface(en, "en")
    assert "Inspection period of 7 days is shorter than 30 days" in said
    assert "24 months · from shipment" in said and "Monday to Friday · 09:00–18:00" in said
    assert "0.5% of the contract price per day" in said and "PRC working days" in said

    # The Chinese contract on an English page: values in English, no Chinese written by the code.
    en = c.get(f"/contracts/{zh_label}?lang=en").text
    said = _interface(en, "en")
    assert "Inspection period of 5 days is shorter than 30 days" in said
    assert "12 months · from shipment" in said
    assert "Monday to Friday · 08:30–17:30" in said
    assert "0.5% of the contract price" in said and "4 business hours" in said and "3 working days" in said
    assert not re.search(r"[\u4e00-\u9fff]", said), [p for p in said.split(" ") if re.search(r"[\u4e00-\u9fff]", p)]
    assert "质保期为自发货之日起12个月。" in " ".join(visible(en))  # the contract's words, as written
    # a vague Chinese term is quoted in the English reason and marked as the contract's word
    assert '“<span class="own" lang="zh-Hans">及时</span>” (timely) sets no deadline' in en

    # …and on a Chinese page, in Chinese.
    zh = c.get(f"/contracts/{zh_label}?lang=zh").text
    said = _interface(zh, "zh")
    assert "检验期限（5天）短于30天" in said and "12 个月 · 自发货起" in said
    assert "合同价格的0.5%" in said and "3 个工作日" in said
    assert foreign_sentences(zh) == [] and foreign_words(zh) == []

    # The JSON report keeps the machine values.
    api = c.get(f"/api/evidence/{zh_label}/clarity").json()
    assert api["support_terms_draft"]["warranty"] == {"months": "12", "start_event": "发货"}
    insp = next(x for x in api["clauses"] if x["kind"] == "inspection_acceptance")["values"]["durations"][0]
    assert (insp["value"], insp["unit"], insp["text"]) == ("5", "day", "5日")
    finding = next(f for f in api["findings"] if f["code"] == "short_inspection")
    assert finding["message_zh"].startswith("检验期限（5天）") and "5 days" in finding["message_en"]


def test_a_warranty_counted_in_days_is_shown_with_its_length(client_for) -> None:  # type: ignore[no-untyped-def]
    """A warranty promised "自验收合格之日起九十（90）天内" runs 90 days: the terms found say so, in the
    page's language, instead of "not stated"."""
    c = client_for("empty")
    label = upload_contract(
        c,
        "software-zh.txt",
        "软件许可合同\n第六条 质量保证\n卖方保证，自验收合格之日起九十（90）天内，软件符合其文档所述。\n",
    )
    zh = _interface(c.get(f"/contracts/{label}?lang=zh").text, "zh")
    en = _interface(c.get(f"/contracts/{label}?lang=en").text, "en")
    assert "质保期 90 日 · 自验收起" in zh, zh
    assert "90 days · from acceptance" in en, en
