"""What the report quotes for a clause kind (the table shows the first excerpt) and the values read from it."""

from __future__ import annotations

from datetime import date

from disputedesk.domain.contract_clarity.analysis import check_text

ZH = """设备买卖合同
第一条 合同标的
乙方向甲方出售数控加工中心一台。
第二条 质量保证
质保期为设备验收合格之日起十二个月。质保期内乙方免费维修。
第五条 争议解决
本合同适用中华人民共和国法律。因本合同引起的争议，提交中国国际经济贸易仲裁委员会在上海仲裁，仲裁语言为英文。
"""

EN = """SUPPLY AGREEMENT
7. Warranty
The Supplier warrants the Equipment for twelve (12) months from acceptance.
12. Disputes
This Agreement is governed by the laws of England. Any dispute shall be finally resolved by arbitration under
the ICC Rules seated in Singapore, in English.
"""


def _first(text: str, kind: str) -> dict:
    report = check_text(text, as_of=date(2026, 12, 4)).as_dict()
    clause = next(c for c in report["clauses"] if c["kind"] == kind)
    assert clause["present"], kind
    return clause["excerpts"][0]


def test_the_quoted_sentence_states_the_term_not_the_bare_heading_line() -> None:
    first = _first(ZH, "warranty_period")
    assert first["text"] == "质保期为设备验收合格之日起十二个月。"
    assert first["location"]["clause"] == "第二条"
    assert "twelve (12) months" in _first(EN, "warranty_period")["text"]


def test_a_heading_line_is_still_quoted_when_it_is_all_that_was_found() -> None:
    text = "第一条 标的\n买卖数控机床一台。\n第二条 质量保证\n本条另行约定。\n"
    first = _first(text, "warranty_period")
    assert first["text"] == "第二条 质量保证"
    assert first["location"]["clause"] == "第二条"


def test_the_sentence_naming_the_forum_comes_before_the_governing_law_sentence_under_a_disputes_heading() -> None:
    first = _first(ZH, "dispute_resolution")
    assert "仲裁委员会在上海仲裁" in first["text"]
    assert "ICC" in _first(EN, "dispute_resolution")["text"]


def test_a_cap_written_with_a_space_before_the_figure_is_still_the_cap() -> None:
    """OCR and typed Chinese often put a space between 的 and the figure: "累计不超过合同总价的 10%"."""
    text = (
        "第四条 违约责任\n乙方未按约定响应或修复的，每延迟一日按合同总价的 0.5% 支付违约金，\n"
        "累计不超过合同总价的 10%。\n"
    )
    report = check_text(text, as_of=date(2026, 12, 4)).as_dict()
    remedy = next(c for c in report["clauses"] if c["kind"] == "support_remedy")
    rates = {r["percent"]: r for r in remedy["values"]["rates"]}
    assert rates["10"].get("role") == "cap"
    assert rates["0.5"]["per"] == "day" and "role" not in rates["0.5"]


def test_a_sentence_running_over_printed_lines_is_marked_on_each_line() -> None:
    """A scan's OCR gives one paragraph per printed line: the marked contract text shows the whole sentence."""
    from disputedesk.domain.contract_clarity.analysis import check_contract
    from disputedesk.ingest.contract_text import read_text
    from disputedesk.services.contracts import highlighted_paragraphs

    doc = read_text(
        "第三条 技术支持与响应\n乙方接到甲方故障通知后 4 小时内响应，48 小时内派技术人员到达现场，\n"
        "72 小时内排除故障。\n第四条 其他\n本合同一式两份。\n".encode()
    )
    report = check_contract(doc.paragraphs, as_of=date(2026, 12, 4)).as_dict()
    marked = {p["index"]: "".join(t for t, css, _ in p["pieces"] if css == "found") for p in
              highlighted_paragraphs(doc, report)}  # fmt: skip
    lines = {p.index: p.text for p in doc.paragraphs}
    wrapped = next(i for i, t in lines.items() if t.startswith("72 小时"))
    assert marked[wrapped] == "72 小时内排除故障。"
    assert marked[wrapped - 1].startswith("乙方接到甲方故障通知后")
    assert marked[wrapped + 2] == ""  # the next clause's sentence is not marked


def test_an_acceptance_named_only_as_the_warranty_start_is_not_an_inspection_clause() -> None:
    """Otherwise the report says inspection is agreed, with the warranty's twelve months as its period."""
    warranty_only = "设备买卖合同\n第一条 合同标的\n乙方向甲方出售数控加工中心一台。\n第二条 质量保证\n" \
        "质保期为设备验收合格之日起十二个月。质保期内乙方免费维修。\n"  # fmt: skip
    report = check_text(warranty_only, as_of=date(2026, 12, 4)).as_dict()
    kinds = {c["kind"]: c for c in report["clauses"]}
    assert kinds["warranty_period"]["present"]
    assert not kinds["inspection_acceptance"]["present"]

    with_inspection = warranty_only + "第三条 验收\n设备到货后，甲方应在十日内进行验收，并书面提出质量异议。\n"
    report = check_text(with_inspection, as_of=date(2026, 12, 4)).as_dict()
    inspection = next(c for c in report["clauses"] if c["kind"] == "inspection_acceptance")
    assert inspection["present"]
    assert inspection["excerpts"][0]["location"]["clause"] == "第三条"
    assert [(d["value"], d["unit"]) for d in inspection["values"]["durations"]] == [("10", "day")]


def test_a_numbered_sub_clause_whose_first_printed_line_wraps_mid_sentence_is_read_whole() -> None:
    """A scan gives "6.2 乙方未按…按合同总价的 0.3% 支" and "付违约金；…" as two lines: the first is no heading line,
    so the remedy is found (before: "no remedy for support failures") and its excerpt holds both lines."""
    text = (
        "第六条 违约责任\n6.1 乙方逾期交货的，每逾期一日按合同总价的 0.5‰ 向甲方支付违约金。\n"
        "6.2 乙方未按本合同第五条约定时限到场或排除故障的，每超过一日按合同总价的 0.3% 支\n"
        "付违约金；累计不超过合同总价的 8%。\n"
    )
    report = check_text(text, as_of=date(2026, 12, 4)).as_dict()
    remedy = next(c for c in report["clauses"] if c["kind"] == "support_remedy")
    assert remedy["present"]
    assert remedy["excerpts"][0]["text"].endswith("0.3% 支付违约金；")
    assert remedy["excerpts"][0]["location"]["clause"] == "6.2"
    assert not any(f.get("kind") == "support_remedy" and f.get("code") == "missing" for f in report["findings"])
    # a short heading line still stands apart from the sentence under it
    first = _first("第四条 质量保证\n4.1 质保期\n设备质保期为验收合格之日起二十四个月。\n", "warranty_period")
    assert first["text"] == "设备质保期为验收合格之日起二十四个月。"


def test_the_warranty_length_is_the_one_the_warranty_clause_states_not_the_retention_money_release() -> None:
    """Payment terms often release the retention money (质保金) "验收合格满一年后": the report said 12 months for a
    24-month warranty and quoted the payment term as the warranty clause."""
    text = (
        "第三条 付款方式\n3.1 设备到货后支付90%；验收合格满一年后无息支付剩余10%作为质保金。\n"
        "第四条 质量保证\n4.1 乙方保证设备为全新产品。设备质保期为自双方签署验收报告之日起24个月。\n"
        "4.2 质保期内乙方负责免费维修。\n"
    )
    report = check_text(text, as_of=date(2026, 12, 4)).as_dict()
    warranty = next(c for c in report["clauses"] if c["kind"] == "warranty_period")
    assert warranty["values"]["months"] == "24"
    assert warranty["values"]["start_event"] == "双方签署验收报告"
    assert warranty["excerpts"][0]["text"] == "设备质保期为自双方签署验收报告之日起24个月。"
    assert warranty["excerpts"][0]["location"]["clause"] == "4.1"
    en = (
        "5. Warranty\nThe Seller shall repair defects free of charge. The Warranty Period is twenty-four (24) months.\n"
    )
    assert _first(en, "warranty_period")["text"] == "The Warranty Period is twenty-four (24) months."


def test_the_dispute_row_quotes_the_sentence_naming_the_forum_not_the_promise_to_negotiate() -> None:
    """Chinese dispute clauses often open with "双方应友好协商解决；": the table quoted that, not the forum."""
    text = (
        "第七条 争议解决\n7.1 因本合同引起的任何争议，双方应友好协商解决；协商不成的，任何一方均可提交上海国际经济贸易"
        "仲裁委员会在上海仲裁，仲裁语言为中文。\n"
    )
    first = _first(text, "dispute_resolution")
    assert first["text"].startswith("协商不成的，任何一方均可提交上海国际经济贸易仲裁委员会")
    assert first["location"]["clause"] == "7.1"


def test_a_warranty_from_the_signed_acceptance_report_or_certificate_is_no_inspection_clause() -> None:
    """ "自双方签署验收报告之日起24个月" and "from the date of the Acceptance Certificate" start the warranty: the
    report listed them as inspection clauses with 24 months as an inspection period."""
    zh = (
        "第二条 验收\n2.2 设备安装调试完成后，甲方应在30日内组织验收。\n第四条 质量保证\n"
        "4.1 乙方保证设备为全新原厂产品。设备质保期为自双方签署验收报告之日起24个月。\n"
    )
    report = check_text(zh, as_of=date(2026, 12, 4)).as_dict()
    inspection = next(c for c in report["clauses"] if c["kind"] == "inspection_acceptance")
    assert [e["location"]["clause"] for e in inspection["excerpts"]] == ["2.2"]
    assert [d["text"] for d in inspection["values"]["durations"]] == ["30日"]
    en = (
        "7. Warranty\n7.1 The Supplier warrants that the Equipment will be free from defects for a period of "
        "twenty-four (24) months from the date of the Acceptance Certificate.\n"
    )
    report = check_text(en, as_of=date(2026, 12, 4)).as_dict()
    assert not next(c for c in report["clauses"] if c["kind"] == "inspection_acceptance")["present"]
    assert next(c for c in report["clauses"] if c["kind"] == "warranty_period")["values"]["months"] == "24"
    # the sentence stating the warranty is quoted, not a later one using the phrase in passing
    en += "7.3 Travel costs shall be borne by the Supplier during the warranty period.\n"
    assert _first(en, "warranty_period")["location"]["clause"] == "7.1"
