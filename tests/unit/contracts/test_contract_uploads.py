"""What a user notices uploading a contract: the findings a one-language contract, a bilingual PDF, a schedule, a
photographed page or a remedy with its cap gets, and the clause each finding cites (issue 19: "a person uploading a
scanned Chinese contract gets its clauses, values and findings with clause numbers that match the document").

Every contract text here is our own wording, written for these tests."""

from __future__ import annotations

import io
from typing import Any

from contract_scans import scanned_page, skip_without_tesseract
from fpdf import FPDF

from disputedesk.domain.contract_clarity import check_contract, check_text, paragraphs_from_text, split_clauses
from disputedesk.ingest.contract_text import read_contract_bytes

from .conftest import AS_OF

DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
DROID = "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"  # Chinese that pdfminer can extract


def report(text: str) -> dict[str, Any]:
    return check_text(text, as_of=AS_OF).as_dict()


def findings(text: str, kind: str) -> list[dict[str, Any]]:
    return [f for f in report(text)["findings"] if f["kind"] == kind]


def values(text: str, kind: str) -> dict[str, Any]:
    return next(c["values"] for c in report(text)["clauses"] if c["kind"] == kind)


def basis_unclear(text: str, kind: str) -> dict[str, Any]:
    """The one "business or calendar time" finding on the kind."""
    [said] = [f for f in findings(text, kind) if f["code"] == "basis_unclear"]
    return said


def covered(text: str, kind: str, clause: str) -> dict[str, Any]:
    """The low "business or calendar time" finding of a time beside working-hours cover, cited at the time's clause."""
    said = basis_unclear(text, kind)
    assert said["severity"] == "low" and said["location"]["clause"] == clause, said
    return said


# ------------------------------------------------------------------ 1. prevailing language only for two languages
ZH_ONLY = "第一条 设备\n乙方向甲方交付数控车床一台。\n第二条 质量保证\n质保期为十二个月，自验收合格之日起计算。"
BILINGUAL = (
    "1. Equipment 设备\nThe Seller delivers one CNC lathe. 乙方向甲方交付数控车床一台。\n"
    "2. Warranty 质量保证\nThe warranty period is twelve months from acceptance. "
    "质保期为十二个月，自验收合格之日起计算。"
)


def test_a_contract_in_one_language_is_not_told_it_lacks_a_prevailing_language() -> None:
    assert report(ZH_ONLY)["language"] == "zh"
    assert findings(ZH_ONLY, "prevailing_language") == []
    english = "1. Equipment\nThe Seller delivers one CNC lathe.\n2. Warranty\nThe warranty period is twelve months."
    assert findings(english, "prevailing_language") == []
    # the finding stays where it matters: a contract written in two languages
    assert report(BILINGUAL)["language"] == "bilingual"
    [missing] = findings(BILINGUAL, "prevailing_language")
    assert missing["code"] == "missing" and missing["severity"] == "high"
    # nor is it listed among the missing clauses of a one-language contract (the page lists those that apply)
    applies = {c["kind"]: c["applies"] for c in report(ZH_ONLY)["clauses"]}
    assert applies["prevailing_language"] is False and applies["warranty_period"] is True
    assert next(c for c in report(BILINGUAL)["clauses"] if c["kind"] == "prevailing_language")["applies"] is True


# ------------------------------------------------------------------ 2. the sub-clause that states it
def bilingual_pdf(lines: list[tuple[int, str]]) -> bytes:
    """A text-layer PDF, one line per (font size, text); headings set larger, as a word processor prints them."""
    pdf = FPDF(format="A4")
    pdf.add_font("latin", "", DEJAVU)
    pdf.add_font("cjk", "", DROID)
    pdf.set_fallback_fonts(["cjk"], exact_match=False)
    pdf.add_page()
    y = 20
    for size, line in lines:
        pdf.set_font("latin", size=size)
        pdf.set_xy(15, y)
        pdf.cell(0, 8, line)
        y += 11
    return bytes(pdf.output())


def test_a_bilingual_pdfs_warranty_finding_cites_the_sub_clause_that_states_the_warranty() -> None:
    pdf = bilingual_pdf([
        (15, "2. Support 售后服务"),
        (10, "2.1 The Seller shall answer a fault report within 4 hours. 卖方应在4小时内答复故障报告。"),
        (15, "3. Warranty 质量保证"),
        (10, "3.1 The warranty period is twelve months. 质保期为十二个月。"),
        (10, "3.2 The Seller repairs defects free of charge. 卖方免费修理缺陷。"),
    ])  # fmt: skip
    doc = read_contract_bytes(pdf, "bilingual.pdf")
    rep = check_contract(doc.paragraphs, as_of=AS_OF).as_dict()
    assert rep["language"] == "bilingual"
    [no_start] = [f for f in rep["findings"] if f["kind"] == "warranty_period" and f["code"] == "no_start"]
    assert no_start["location"]["clause"] == "3.1"
    warranty = next(c for c in rep["clauses"] if c["kind"] == "warranty_period")
    assert warranty["excerpts"][0]["location"]["clause"] == "3.1"


def test_a_sub_clause_of_one_sentence_is_not_taken_for_a_heading_line() -> None:
    # alternating paragraphs: the English and the Chinese heading form clause 3; each sub-clause is one sentence
    text = (
        "3. Warranty\n三、质量保证\n3.1 The warranty period is twelve months from acceptance.\n"
        "3.1 质保期为自验收合格之日起十二个月。"
    )
    warranty = next(c for c in report(text)["clauses"] if c["kind"] == "warranty_period")
    assert {e["location"]["clause"] for e in warranty["excerpts"]} == {"3.1"}


# ------------------------------------------------------------------ 3. a schedule's items are the schedule's
def test_the_items_of_a_schedule_are_cited_as_the_schedules_items() -> None:
    text = (
        "第一条 设备\n乙方向甲方交付数控车床一台。\n第二条 备件\n乙方按附件一提供备件。\n"
        "附件一 备件清单\n1. 主轴轴承两套。\n2. 乙方应在接到甲方通知后48小时内提供备件，保修期内免费。\n"
        "（1）备件质保期为十二个月。"
    )
    clauses = split_clauses(paragraphs_from_text(text))
    assert [c.label for c in clauses] == [
        "第一条", "第二条", "附件一", "附件一第1项", "附件一第2项", "附件一第2项（1）",
    ]  # fmt: skip
    spare = next(c for c in report(text)["clauses"] if c["kind"] == "spare_parts")
    cited = {e["location"]["clause"]: e["location"] for e in spare["excerpts"]}
    assert "附件一第2项" in cited and "2" not in cited
    # the page cites it in its reader's language from the schedule's label and the item's number
    assert (cited["附件一第2项"]["schedule"], cited["附件一第2项"]["item"]) == ("附件一", "2")
    english = (
        "1. Goods\nThe Seller delivers one lathe.\n2. Spare parts\nSpare parts are listed in Schedule 1.\n"
        "SCHEDULE 1 SPARE PARTS\n1. Two spindle bearings.\n"
        "2. The Seller shall deliver spare parts within 48 hours of the Buyer's request, free of charge."
    )
    labels = [c.label for c in split_clauses(paragraphs_from_text(english))]
    assert labels[-3:] == ["SCHEDULE 1", "Schedule 1, item 1", "Schedule 1, item 2"]
    # clauses of the body keep their numbers; a list of the schedules before the body's next article ends it
    listed = "第九条 附件\n本合同附件如下：\n附件一 技术协议\n附件二 报价单\n第十条 其他\n本合同自双方签字之日起生效。"
    assert [c.label for c in split_clauses(paragraphs_from_text(listed))][-1] == "第十条"
    # a sentence about the schedules is no schedule heading: the article's items keep their article
    about = "第十条 其他\n附件与本合同具有同等效力，双方应遵守。\n1．本合同一式两份。"
    assert [c.label for c in split_clauses(paragraphs_from_text(about))] == ["第十条", "第十条第1款"]


# ------------------------------------------------------------------ 4. a dot the scan lost
# a phone photo of a contract page: the OCR reads "2.1" as "21" (the page is rendered with the number as it comes out)
PHOTO = [
    (44, "设备维护合同"),
    (30, "1 服务范围"),
    (30, "1.1 乙方负责设备的日常维护。"),
    (30, "2 售后服务"),
    (30, "21 乙方应在接到甲方通知后4小时内响应。"),
    (30, "2.2 乙方应在24小时内修复故障。"),
    (30, "3 质量保证"),
    (30, "31 质保期为验收合格之日起十二个月。"),
    (30, "3.2 质保期内乙方免费维修。"),
]


def test_a_number_whose_dot_the_photo_lost_is_read_as_the_sub_clause() -> None:
    skip_without_tesseract()
    buf = io.BytesIO()
    scanned_page(PHOTO).save(buf, "PNG")
    doc = read_contract_bytes(buf.getvalue(), "maintenance-photo.png")
    # the text shows the number the clauses and findings cite; what OCR read is recorded beside it
    assert not any(p.text.startswith("21 ") for p in doc.paragraphs)
    fixed = [(r.read, r.taken) for r in doc.number_repairs if r.kind == "clause"]
    assert ("21", "2.1") in fixed and ("31", "3.1") in fixed
    assert any("“21” as 2.1" in n and "check them against the original" in n for n in doc.notes)
    labels = [c.label for c in split_clauses(doc.paragraphs)]
    assert labels[-7:] == ["1.1", "2", "2.1", "2.2", "3", "3.1", "3.2"]
    rep = check_contract(doc.paragraphs, as_of=AS_OF).as_dict()
    response = next(c for c in rep["clauses"] if c["kind"] == "response_time")
    assert response["excerpts"][0]["location"]["clause"] == "2.1"
    assert [d["location"]["clause"] for d in response["values"]["durations"]] == ["2.1"]
    warranty = next(c for c in rep["clauses"] if c["kind"] == "warranty_period")
    assert warranty["excerpts"][0]["location"]["clause"] == "3.1"


def test_a_lost_dot_in_plain_text_and_numbers_that_are_meant() -> None:
    text = "1 总则\n本合同约定设备维护。\n2 售后服务\n21 乙方应在4小时内响应。\n2.2 乙方24小时内修复。\n23 乙方巡检。"
    assert [c.label for c in split_clauses(paragraphs_from_text(text))] == ["1", "2", "2.1", "2.2", "2.3"]
    after_twenty = "19. 其他\n本条约定其他事项。\n20. 通知\n通知以书面形式发出。\n21. 生效\n本合同自签字之日起生效。"
    assert [c.label for c in split_clauses(paragraphs_from_text(after_twenty))] == ["19", "20", "21"]
    # not the next sub-clause (2.1 is there already, 25 is no 2.2), and a quantity on a wrapped line: as before
    skipping = "2 售后服务\n2.1 乙方应在4小时内响应。\n25 乙方每季度巡检。"
    assert [c.label for c in split_clauses(paragraphs_from_text(skipping))] == ["2", "2.1"]
    wrapped = "2 售后服务\n乙方应在接到通知后\n21日内完成维修。"
    assert [c.label for c in split_clauses(paragraphs_from_text(wrapped))] == ["2"]


def test_a_lost_dot_under_a_two_digit_clause() -> None:
    """Only clauses 1–9 were mended: "121" read between "12" and "12.2" stayed part of clause 12, so its response time
    was cited as cl. 12."""
    text = (
        "11 验收\n11.1 甲方应在到货后15日内验收。\n12 维修服务\n121 乙方应在接到报修后6小时内响应。\n"
        "12.2 乙方应在48小时内修复。\n123 乙方每月巡检一次。\n"
    )
    assert [c.label for c in split_clauses(paragraphs_from_text(text))] == ["11", "11.1", "12", "12.1", "12.2", "12.3"]
    response = next(c for c in report(text)["clauses"] if c["kind"] == "response_time")
    assert response["excerpts"][0]["location"]["clause"] == "12.1"
    assert [d["location"]["clause"] for d in response["values"]["durations"]] == ["12.1"]
    ten = "10 Support\n101 Seller shall answer a fault report within 6 hours.\n10.2 It shall repair it within 2 days."
    assert [c.label for c in split_clauses(paragraphs_from_text(ten))] == ["10", "10.1", "10.2"]
    # the same safeguards: a quantity on a wrapped line, a number that is not the next sub-clause, a clause after 20
    wrapped = "12 维修服务\n乙方应在接到报修后\n121日内完成大修。"
    assert [c.label for c in split_clauses(paragraphs_from_text(wrapped))] == ["12"]
    skipping = "12 维修服务\n12.1 乙方应在6小时内响应。\n125 乙方每月巡检一次。"
    assert [c.label for c in split_clauses(paragraphs_from_text(skipping))] == ["12", "12.1"]
    after_twenty = "20. 通知\n通知以书面形式发出。\n21. 生效\n本合同自签字之日起生效。"
    assert [c.label for c in split_clauses(paragraphs_from_text(after_twenty))] == ["20", "21"]


# ------------------------------------------------------------------ 5. the cap after "；" belongs to the remedy
def caps(rates: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [(r["percent"], r.get("base", "")) for r in rates if r.get("role") == "cap"]


def test_a_cap_stated_after_a_semicolon_is_the_support_remedys_cap() -> None:
    text = (
        "第五条 违约责任\n乙方未按约定时间到场维修的，每延迟一日按年度服务费的1%向甲方支付违约金；"
        "但违约金累计不超过年度服务费的20%。"
    )
    remedy = values(text, "support_remedy")["rates"]
    assert caps(remedy) == [("20", "年度服务费")]
    [daily] = [r for r in remedy if r.get("per") == "day"]
    assert daily["percent"] == "1" and "role" not in daily
    english = (
        "7. Service credits\nIf the Supplier fails to restore service within 24 hours, it shall credit 1% of the "
        "monthly fee per day; the total credits shall not exceed 30% of the monthly fee."
    )
    assert caps(values(english, "support_remedy")["rates"]) == [("30", "monthly fee")]
    # a liability cap "以…为限" in the same place is read as a cap, on the remedy and as the liability cap
    limit = (
        "第五条 违约责任\n乙方未在48小时内修复故障的，每日按合同总价的0.5%支付违约金；"
        "乙方的赔偿责任总额以合同总价的10%为限。"
    )
    assert caps(values(limit, "support_remedy")["rates"]) == [("10", "合同总价")]
    assert caps(values(limit, "liability_cap")["rates"]) == [("10", "合同总价")]
    assert "cap_covers_support" in {f["code"] for f in findings(limit, "liability_cap")}
    amount = "第五条 违约责任\n乙方未及时修复故障的，每日支付违约金人民币500元；违约金累计不超过人民币5万元。"
    assert [(a["amount"], a.get("role")) for a in values(amount, "support_remedy")["amounts"]] == [
        ("500", None),
        ("50000", "cap"),
    ]
    # seen uploading a scan: the OCR read "每逾期一日" as "每谴期一日"; the rate still runs per day
    scanned = "第四条 违约责任\n乙方未在约定时间内修复故障的，每谴期一日按合同总价的 0.5% 向甲方支付违约金。"
    [daily] = values(scanned, "support_remedy")["rates"]
    assert (daily["percent"], daily["per"]) == ("0.5", "day")
    # what follows a full stop is another sentence: its percentage is not the remedy's cap
    apart = "第五条 违约\n乙方未及时修复故障的，每日按总价的0.5%支付违约金。\n第六条 付款\n预付款不超过总价的30%。"
    assert caps(values(apart, "support_remedy")["rates"]) == []


# ------------------------------------------------------------------ 6. 7×24 in the clause settles the basis
def test_round_the_clock_service_hours_in_the_clause_settle_the_response_times_basis() -> None:
    text = "第四条 售后服务\n乙方提供7×24小时技术支持服务。乙方应在接到故障通知后2小时内响应。"
    assert "basis_unclear" not in {f["code"] for f in findings(text, "response_time")}
    [d] = values(text, "response_time")["durations"]
    assert (d["value"], d["unit"], d["basis"]) == ("2", "hour", "calendar")
    # also when the cover is stated in another item of the same article
    items = "第四条 售后服务\n1．乙方设立7×24小时服务热线。\n2．乙方应在接到故障通知后2小时内响应。"
    assert "basis_unclear" not in {f["code"] for f in findings(items, "response_time")}
    # without the cover, or with it only in another article, the basis stays unclear
    alone = "第四条 售后服务\n乙方应在接到故障通知后2小时内响应。"
    elsewhere = "第三条 监控\n乙方提供7×24小时设备监控。\n" + alone
    assert "basis_unclear" in {f["code"] for f in findings(alone, "response_time")}
    assert "basis_unclear" in {f["code"] for f in findings(elsewhere, "response_time")}


# ------------------------------------------------------------------ 7. a replacement deadline is a number
def test_a_replacement_deadline_is_a_resolution_time_with_its_number() -> None:
    text = "# 设备采购合同\n\n## 3. 质量保证\n\n3.1 设备出现质量问题的，乙方应在15日内更换。\n"
    codes = {f["code"] for f in findings(text, "resolution_time")}
    assert "no_number" not in codes and "missing" not in codes
    assert [(d["value"], d["unit"]) for d in values(text, "resolution_time")["durations"]] == [("15", "day")]
    english = "3. Quality\n3.1 The Seller shall replace a defective part within 10 days of the Buyer's notice."
    assert "no_number" not in {f["code"] for f in findings(english, "resolution_time")}
    # a response time in the same sentence keeps its own number
    both = "第五条 售后服务\n乙方应在2小时内响应，并在3日内维修或更换故障部件。"
    assert [d["value"] for d in values(both, "response_time")["durations"]] == ["2"]
    assert [d["value"] for d in values(both, "resolution_time")["durations"]] == ["3"]


# ------------------------------------------------------------------ 8. a unilateral fee change is flagged
UNILATERAL_FEES = [
    "第九条 费用\n供方有权调整服务费，并提前三十日通知需方。",
    "第十二条 资费\n乙方调整资费的，应提前三十日以公告方式告知甲方。",
    "9. Fees\nSupplier may change the fees on thirty days' notice.",
    "9. Fees\nThe Supplier may increase its support fees once a year by written notice to the Buyer.",
]
AGREED_FEES = [
    "第九条 费用\n服务费的调整须经双方协商一致并签订书面补充协议。",
    "第九条 费用\n经双方协商一致，可以调整服务费。",
    "9. Fees\nThe parties may change the fees only by a written amendment signed by both parties.",
]


def test_a_suppliers_right_to_change_its_fees_alone_is_flagged_as_a_unilateral_change() -> None:
    for text in UNILATERAL_FEES:
        [flag] = [f for f in findings(text, "change_procedure") if f["code"] == "unilateral_change"]
        assert flag["severity"] == "high" and "Art. 543" in flag["citation"]["citation"], text
        assert "fees or prices" in flag["message_en"] and "费用或价格" in flag["message_zh"]
        assert flag["location"]["clause"] in ("第九条", "第十二条", "9")
    for text in AGREED_FEES:
        assert "unilateral_change" not in {f["code"] for f in findings(text, "change_procedure")}, text
    # a right to change the terms keeps its own message
    terms = "16. Amendments\nSeller may at any time change these terms by publishing them on its website."
    [flag] = [f for f in findings(terms, "change_procedure") if f["code"] == "unilateral_change"]
    assert "change the terms alone" in flag["message_en"]


def present(text: str, kind: str) -> bool:
    return bool(next(c["present"] for c in report(text)["clauses"] if c["kind"] == kind))


def test_a_fee_or_service_level_change_agreed_by_both_parties_is_a_change_procedure() -> None:
    """Seen by the lead: "经双方协商一致，可以调整服务费" got a low "Nothing on changes only in writing" finding."""
    agreed = [
        "第五条 费用\n5.1 维护费为每年八万元。双方协商一致后，可以调整维护费。",
        "第五条 费用\n5.1 维护费每年八万元，维护费的调整应经甲乙双方书面确认。",
        "第五条 费用\n5.1 维护费如需调整，由双方协商调整。",
        "5. Charges\n5.1 The maintenance charges may be increased only by written agreement of both parties.",
        "5. Charges\n5.1 The maintenance charges may be revised only by mutual agreement of the parties.",
        "5. Service Levels\n5.1 The response times may not be changed except by a written amendment signed by both "
        "parties.",
    ]
    for text in agreed:
        assert present(text, "change_procedure"), text
        assert findings(text, "change_procedure") == [], text
    # one side's right to change the fees stays flagged, also beside a change both agree
    for text in (
        "第五条 费用\n5.1 甲方有权调整维护费。",
        "第五条 费用\n5.1 双方协商一致后，可以调整维护费。乙方有权根据成本变化调整维护费。",
        "5. Charges\n5.1 The charges may be revised only by mutual agreement. The Supplier may increase its charges "
        "on notice.",
    ):
        [flag] = findings(text, "change_procedure")
        assert flag["code"] == "unilateral_change" and "Art. 543" in flag["citation"]["citation"], text
    # no agreement reached is no procedure agreed by both ("未能协商一致", "协商不成")
    for text in (
        "第五条 费用\n5.1 维护费为每年八万元。\n5.2 双方未能协商一致的，维护费不作调整。",
        "第五条 费用\n5.1 维护费为每年八万元。双方协商不成可调整维护费。",
    ):
        assert [f["code"] for f in findings(text, "change_procedure")] == ["missing"], text


# ------------------------------------------------------------------ seen uploading a phone photo of a service contract
def test_a_sentence_wrapped_after_a_sub_clauses_first_sentence_stays_one_sentence() -> None:
    # the photo's first line of 2.1 holds a whole sentence and the start of the next, wrapped onto the second line
    text = "2 响应\n2.1 乙方提供7×24小时技术支持。乙方应在接到故障通知后\n30分钟内响应。\n2.2 乙方应在8小时内到达现场。"
    response = next(c for c in report(text)["clauses"] if c["kind"] == "response_time")
    assert response["excerpts"][0]["text"].replace(" ", "") == "乙方应在接到故障通知后30分钟内响应。"
    # a heading line stays a heading line
    headed = "第四条 质量保证\n质保期为十二个月。"
    warranty = next(c for c in report(headed)["clauses"] if c["kind"] == "warranty_period")
    assert warranty["excerpts"][0]["text"] == "质保期为十二个月。"


def test_a_right_to_adjust_the_fees_by_the_market_is_a_unilateral_change() -> None:
    text = "第四条 费用\n4.2 乙方有权根据市场情况调整服务费，调整前应书面通知甲方。"
    [flag] = [f for f in findings(text, "change_procedure") if f["code"] == "unilateral_change"]
    assert flag["location"]["clause"] == "4.2"
    agreed = "第四条 费用\n4.2 双方有权根据市场情况协商调整服务费。"
    assert "unilateral_change" not in {f["code"] for f in findings(agreed, "change_procedure")}


def test_a_repaired_parts_warranty_starts_at_the_repair() -> None:
    text = "第三条 质量保证\n3.1 乙方维修的部位保修期为六个月，自维修完成之日起计算。"
    assert "no_start" not in {f["code"] for f in findings(text, "warranty_period")}
    assert values(text, "warranty_period")["start_event"] == "维修完成"


def test_the_basis_finding_cites_the_clause_of_the_time_that_leaves_it_open() -> None:
    text = (
        "2 响应与修复\n2.1 乙方提供7×24小时技术支持。\n2.2 乙方应在接到故障通知后24小时内排除故障。\n"
        "2.3 需要更换配件的，乙方应在3日内更换。"
    )
    [unclear] = [f for f in findings(text, "resolution_time") if f["code"] == "basis_unclear"]
    assert unclear["location"]["clause"] == "2.3"  # 2.2's 24 hours run round the clock (2.1)


def test_working_hours_cover_beside_a_time_suggests_working_hours_but_leaves_the_basis_open() -> None:
    """Seen by the lead: "乙方提供5×8小时技术支持" beside "4小时内响应" got the medium "does not say whether business or
    calendar time" finding, as if the contract said nothing about its hours; only 7×24 was read (as calendar time)."""
    zh = "第二条 售后服务\n2.1 乙方应在接到报修后3小时内响应。乙方提供5x8小时电话支持。\n"
    said = covered(zh, "response_time", "2.1")
    assert "working-hours cover (5×8, cl. 2.1)" in said["message_en"] and "the 3 hours" in said["message_en"]
    assert "（5×8，第2.1条）" in said["message_zh"] and "3小时仅在该服务时间内计算" in said["message_zh"]
    assert "这提示可能按工作时间计算" in said["message_zh"]  # suggests, not "可推知" (can be inferred)
    # the basis itself stays unstated (the contract does not say it)
    assert [d["basis"] for d in values(zh, "response_time")["durations"]] == ["unspecified"]
    en = (
        "4. Support\n4.1 Support is available Monday to Friday, 8:30-17:30.\n"
        "4.2 The Supplier shall answer each fault report within 2 hours.\n"
    )
    said = covered(en, "response_time", "4.2")
    assert "(Monday to Friday 08:30–17:30, cl. 4.1)" in said["message_en"] and "the 2 hours" in said["message_en"]
    # the Chinese page reads Chinese throughout, also for an English contract
    assert "周一至周五08:30–17:30，第4.1条" in said["message_zh"]
    assert not any("a" <= ch.lower() <= "z" for ch in said["message_zh"]), said["message_zh"]
    eight_by_five = "4. Support\n4.1 Seller gives 8x5 hotline support.\n4.2 It will answer a call within 1 hour.\n"
    said = basis_unclear(eight_by_five, "response_time")
    assert "(8×5, cl. 4.1)" in said["message_en"] and "the 1 hour count" in said["message_en"]
    assert values(eight_by_five, "service_hours")["days"] == "Mon-Fri"
    # no cover: the finding stays as it was (cover in another article: test_contract_cover_elsewhere.py, fix22b)
    said = basis_unclear("第二条 售后服务\n2.1 乙方应在接到报修后3小时内响应。\n", "response_time")
    assert said["severity"] == "medium" and "cover" not in said["message_en"]
    # round-the-clock cover still settles the hours as calendar time
    assert not [f for f in findings(zh.replace("5x8", "7×24"), "response_time") if f["code"] == "basis_unclear"]


def test_working_hours_cover_beside_a_count_of_days_suggests_working_days_but_leaves_the_basis_open() -> None:
    """Noticed by fix21: a day count beside 5×8 ("应在3日内修复…提供5×8小时技术支持") kept the medium finding, while the
    hours beside it got the low one; the five days of 5×8 (Monday to Friday) suggest working days just as its eight
    hours suggest working hours."""
    zh = "第四条 维保\n4.1 水泵故障应在2日内修复。维保单位提供5×8小时电话支持。\n"
    said = covered(zh, "resolution_time", "4.1")
    assert said["message_en"].startswith(
        "The resolution time does not say whether its days are working or calendar days: the contract gives "
        "working-hours cover (5×8, cl. 4.1), which suggests working days, but does not say the 2 days are working days."
    )
    assert said["message_zh"].startswith(
        "修复时间未说明按工作日还是自然日计算：合同约定了工作时间内的服务（5×8，第4.1条），这提示可能按工作日计算，但未写明2日为工作日。"
    )
    # the basis itself stays unstated
    assert [d["basis"] for d in values(zh, "resolution_time")["durations"]] == ["unspecified"]
    en = (
        "4. Maintenance\n4.1 The helpdesk is staffed Monday to Friday, 9:00-17:00.\n"
        "4.2 The Contractor shall repair a failed pump within 1 day.\n"
    )
    said = covered(en, "resolution_time", "4.2")
    assert "(Monday to Friday 09:00–17:00, cl. 4.1)" in said["message_en"]
    assert "does not say the 1 day is a working day." in said["message_en"]
    assert "（周一至周五09:00–17:00，第4.1条）" in said["message_zh"] and "未写明1日为工作日" in said["message_zh"]
    assert not any("a" <= ch.lower() <= "z" for ch in said["message_zh"]), said["message_zh"]
    # days said to be working days need no finding; without cover the finding stays medium
    assert not [f for f in findings(zh.replace("2日", "2个工作日"), "resolution_time") if f["code"] == "basis_unclear"]
    uncovered = zh.replace("维保单位提供5×8小时电话支持。", "")
    said = basis_unclear(uncovered, "resolution_time")
    assert said["severity"] == "medium" and "cover" not in said["message_en"]


# ------------------------------------------------------------------ a bilingual remedy's rates are listed once
def test_a_bilingual_remedy_lists_its_daily_rate_and_cap_once_not_once_per_language() -> None:
    """Seen on the page of a scanned bilingual contract: "0.5% per day · at most 10% · 0.5% per day · at most 10%"."""
    text = (
        "4. Remedies 违约责任\n"
        "4.1 If the Seller misses the repair time, it shall pay 0.5% of the Contract Price per day; "
        "the total shall not exceed 10% of the Contract Price.\n"
        "4.1 卖方未按时修复的，每日按合同总价的0.5%支付违约金；违约金总额不超过合同总价的10%。\n"
    )
    rates = report(text)["support_terms_draft"]["remedies"]["rates"]
    said = sorted((r["percent"], r.get("per"), r.get("role")) for r in rates)
    assert said == [("0.5", "day", None), ("10", None, "cap")]
    # a different base is a different rate, in any language
    other = text + "4.2 If the Seller misses the response time, it credits 0.5% of the monthly service fees per day.\n"
    assert len(report(other)["support_terms_draft"]["remedies"]["rates"]) == 3


def test_a_day_count_left_open_says_what_prc_law_counts_where_it_may_govern() -> None:
    """The days finding beside working-hours cover now says what applies when the contract is silent and PRC law
    governs or none is chosen: the first day is not counted (Civil Code Art. 201), a last day on a statutory holiday
    moves to the day after it (Art. 203), with counsel to confirm; a contract under another law is not told so."""
    days = "第六条 维修\n6.1 锅炉故障应在3日内修复。维保单位提供5×8小时技术支持。\n"
    for law in ("", "第十条 适用法律\n10.1 本合同的订立、履行及争议解决均适用中华人民共和国法律。\n"):
        said = covered(days + law, "resolution_time", "6.1")
        assert "未写明3日为工作日。" in said["message_zh"], law
        assert said["message_en"].endswith(
            " If PRC law governs and the contract says nothing more, a period in days starts on the day after the day "
            "it is counted from (Civil Code Art. 201), and a period whose last day is a statutory holiday ends on the "
            "day after the holiday (Art. 203); counsel should confirm."
        ), law
        assert "开始的当日不计入，自下一日开始计算（《民法典》第二百零一条）" in said["message_zh"], law
        assert "以法定休假日结束的次日为期间的最后一日（第二百零三条）。请律师确认。" in said["message_zh"], law
    english = (
        "6. Repairs\n6.1 The helpdesk is open Monday to Friday, 8:00-16:00.\n"
        "6.2 The Contractor shall repair a failed boiler within 3 days.\n"
    )
    said = covered(english, "resolution_time", "6.2")
    assert "(Civil Code Art. 201)" in said["message_en"] and "（第二百零三条）" in said["message_zh"]
    # another law governs: the finding keeps to what the contract says
    other = english + "10. Law\n10.1 This Agreement is governed by the laws of Singapore.\n"
    said = covered(other, "resolution_time", "6.2")
    assert said["message_en"].endswith("does not say the 3 days are working days.")
    assert "民法典" not in said["message_zh"] and said["message_zh"].endswith("未写明3日为工作日。")
    # hours beside the cover are not told about days
    hours = "第六条 维修\n6.1 锅炉故障应在8小时内修复。维保单位提供5×8小时技术支持。\n"
    assert "Art. 201" not in covered(hours, "resolution_time", "6.1")["message_en"]


def test_the_medium_day_count_finding_also_says_what_prc_law_counts() -> None:
    """fix22: the sentence on Civil Code Arts. 201/203 was only on the low finding beside working-hours cover; the
    medium "working or calendar days not stated" finding (no cover) says the same under the same condition (PRC law
    governs or no law is chosen), and names days, not "hours/days"."""
    zh = "第五条 维修\n5.1 空压机故障应在2日内修复。\n"
    for law in ("", "第九条 法律适用\n9.1 本合同适用中华人民共和国法律。\n"):
        said = basis_unclear(zh + law, "resolution_time")
        assert said["severity"] == "medium" and said["location"]["clause"] == "5.1", law
        assert said["message_zh"].startswith("修复时间未说明按工作日还是自然日计算。"), law
        assert "开始的当日不计入，自下一日开始计算（《民法典》第二百零一条）" in said["message_zh"], law
        assert said["message_zh"].endswith("（第二百零三条）。请律师确认。"), law
        assert "Civil Code" not in said["message_zh"] and "工作时间" not in said["message_zh"], law
    english = "5. Repairs\n5.1 The Vendor shall repair a failed compressor within 2 days.\n"
    said = basis_unclear(english, "resolution_time")
    assert said["severity"] == "medium"
    assert said["message_en"] == (
        "The resolution time does not say whether its days are working or calendar days. If PRC law governs and the "
        "contract says nothing more, a period in days starts on the day after the day it is counted from (Civil Code "
        "Art. 201), and a period whose last day is a statutory holiday ends on the day after the holiday (Art. 203); "
        "counsel should confirm."
    )
    # another law chosen: what the contract says, and nothing of PRC law
    other = basis_unclear(
        english + "9. Law\n9.1 This Agreement is governed by the laws of England.\n", "resolution_time"
    )
    assert other["message_en"] == "The resolution time does not say whether its days are working or calendar days."
    assert other["message_zh"] == "修复时间未说明按工作日还是自然日计算。"
    # hours left open keep the hours wording, with nothing of day counts
    said = basis_unclear("第五条 维修\n5.1 空压机故障应在8小时内修复。\n", "resolution_time")
    assert "二百零一" not in said["message_zh"] and "Art. 201" not in said["message_en"]
    # a day count left open beside an hour count left open still gets the sentence (the day count is the one meant)
    both = "第五条 维修\n5.1 乙方应在4小时内响应，并在3日内修复。\n"
    said = basis_unclear(both, "resolution_time")
    assert "（《民法典》第二百零一条）" in said["message_zh"]
