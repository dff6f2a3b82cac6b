"""Clause numbers and figures OCR misread: taken as the numbering around them calls for, each change recorded with
what OCR read, so the page can show both (our own wording)."""

from __future__ import annotations

import pytest

from disputedesk.domain.contract_clarity.ocr_numbers import repair_lines

HEAD = ["设备维护合同", "1 合同标的", "1.1 乙方提供数控机床一台。", "2 售后服务"]


def _taken(line: str, before: list[str] | None = None, after: list[str] | None = None) -> tuple[str, list[str]]:
    lines = [*(HEAD if before is None else before), line, *(after or [])]
    out, repairs = repair_lines(lines)
    i = len(lines) - 1 - len(after or [])
    return out[i], [f"{r.read}->{r.taken}" for r in repairs if r.line == i]


@pytest.mark.parametrize(
    ("read", "taken"),
    [
        ("21 乙方应在接到通知后2小时内响应。", "2.1 乙方应在接到通知后2小时内响应。"),  # the dot lost
        ("2 1 乙方应在接到通知后2小时内响应。", "2.1 乙方应在接到通知后2小时内响应。"),  # the dot read as a space
        ("2,1 乙方应在接到通知后2小时内响应。", "2.1 乙方应在接到通知后2小时内响应。"),
        ("2·1 乙方应在接到通知后2小时内响应。", "2.1 乙方应在接到通知后2小时内响应。"),
        ("2 ] 乙方应在接到通知后2小时内响应。", "2.1 乙方应在接到通知后2小时内响应。"),  # "1" read as "]"
        ("2.l 乙方应在接到通知后2小时内响应。", "2.1 乙方应在接到通知后2小时内响应。"),
    ],
)
def test_a_sub_clause_number_misread_is_taken_as_the_next_sub_clause(read: str, taken: str) -> None:
    line, repairs = _taken(read)
    assert line == taken
    assert repairs == [f"{read.split(' 乙')[0]}->2.1"]


def test_the_repair_is_recorded_with_the_span_of_the_number_taken() -> None:
    out, repairs = repair_lines([*HEAD, "21 乙方应在接到通知后2小时内响应。"])
    (r,) = repairs
    assert (r.line, r.read, r.taken, r.kind) == (4, "21", "2.1", "clause")
    assert out[4][r.start : r.end] == "2.1"


def test_english_lines_too() -> None:
    before = ["SERVICE AGREEMENT", "6 Support"]
    assert _taken("6 1 The Supplier shall respond within 2 hours.", before)[0].startswith("6.1 The Supplier")
    assert _taken("61 The Supplier shall respond within 2 hours.", before)[0].startswith("6.1 The Supplier")
    # a word after the number is no digit: "1 I" is not 1.1
    assert _taken("1 I confirm receipt.", ["X", "1 Subject"])[1] == []


@pytest.mark.parametrize(
    "line",
    [
        "21日内乙方应完成安装。",  # a quantity on a wrapped line
        "2 1台备用主轴由乙方提供。",
        "25 乙方应提供备件。",  # not the next sub-clause (2.1 is)
        "3 1 乙方应提供备件。",  # 3.1 cannot follow clause 2 before clause 3
    ],
)
def test_numbers_that_do_not_fit_the_numbering_are_kept(line: str) -> None:
    out, repairs = _taken(line)
    assert out == line and repairs == []


def test_a_21_after_clause_20_stays_21() -> None:
    before = [f"{n} 条款{n}" for n in range(1, 21)]
    assert _taken("21 争议解决", before) == ("21 争议解决", [])


def test_the_numbering_goes_on_from_a_repaired_number() -> None:
    lines = [*HEAD, "21 乙方应在2小时内响应。", "2 2 乙方应在24小时内到场。", "3 验收", "3 1 双方共同验收。"]
    out, repairs = repair_lines(lines)
    assert out[4:] == ["2.1 乙方应在2小时内响应。", "2.2 乙方应在24小时内到场。", "3 验收", "3.1 双方共同验收。"]
    assert [r.taken for r in repairs] == ["2.1", "2.2", "3.1"]


def test_a_sub_clause_whose_dot_and_digit_were_lost_is_taken_only_when_the_numbering_after_it_agrees() -> None:
    lines = ["3 验收", "3 设备安装调试完毕后7日内，双方共同验收。", "4 价款", "4.1 合同总价为人民币98万元。"]
    out, repairs = repair_lines(lines)
    assert out[1] == "3.1 设备安装调试完毕后7日内，双方共同验收。"
    assert [(r.read, r.taken) for r in repairs] == [("3", "3.1")]
    # the last clause of the contract: nothing after it says otherwise
    out, repairs = repair_lines(lines[:2])
    assert out[1] == "3.1 设备安装调试完毕后7日内，双方共同验收。"
    # the numbering after it goes on with 3.1: this was no lost sub-clause (a title line repeated), kept as read
    out, repairs = repair_lines([*lines[:2], "3.1 甲方应派员参加验收。"])
    assert out[1] == lines[1] and repairs == []


def test_a_top_clause_with_a_look_alike_letter() -> None:
    before = [f"{n} 条款{n}" for n in range(1, 10)]
    assert _taken("1O 合同变更", before) == ("10 合同变更", ["1O->10"])


@pytest.mark.parametrize(
    ("read", "taken"),
    [
        ("5.1 质保期为验收合格之日起l8个月。", "5.1 质保期为验收合格之日起18个月。"),
        ("5.1 乙方应在4O小时内修复。", "5.1 乙方应在40小时内修复。"),
        ("5.1 The Supplier shall repair within 4O hours.", "5.1 The Supplier shall repair within 40 hours."),
        ("5.1 A warranty of l2 months applies.", "5.1 A warranty of 12 months applies."),
        ("5.1 每逾期一日支付合同总价的O.5%。", "5.1 每逾期一日支付合同总价的0.5%。"),
    ],
)
def test_figures_with_look_alike_letters(read: str, taken: str) -> None:
    out, repairs = repair_lines([read])
    assert out == [taken]
    assert [r.kind for r in repairs] == ["figure"]
    assert out[0][repairs[0].start : repairs[0].end] == repairs[0].taken


def test_words_and_clean_figures_are_not_figures() -> None:
    lines = ["5.1 Model IO days? No: 10 days, Il hours.", "5.2 乙方应在24小时内到场。"]
    assert repair_lines(lines) == (lines, [])


def test_only_lines_from_ocr_are_repaired() -> None:
    lines = [*HEAD, "21 乙方应在接到通知后2小时内响应。"]
    out, repairs = repair_lines(lines, [True] * 4 + [False])
    assert out == lines and repairs == []


def test_a_chinese_article_starts_its_own_numbering() -> None:
    lines = ["1 总则", "第二条 售后服务", "21 乙方应在2小时内响应。"]
    assert repair_lines(lines) == (lines, [])


def test_a_mark_ocr_put_after_the_next_sub_clause_number_keeps_it_a_sub_clause() -> None:
    """ "6.1 > 方应在…" (OCR read 乙 as ">") was no heading: the pane said 6.1 while the findings cited clause 6."""
    from disputedesk.domain.contract_clarity import split_clauses
    from disputedesk.domain.contract_clarity.records import paragraphs_from_text

    text = "6 售后服务\n6.1 > 方应在接到通知后2小时内响应。\n6.2 《维修规程》由乙方提供。\n7 维修\n7.2 × 3台\n7.1 kW"
    assert [c.label for c in split_clauses(paragraphs_from_text(text))] == ["6", "6.1", "6.2", "7"]


def test_the_report_and_the_command_line_say_what_ocr_read_beside_the_clause_they_cite() -> None:
    from datetime import date

    from disputedesk.commands.contract import _human, _report
    from disputedesk.domain.contract_clarity.ocr_numbers import NumberRepair
    from disputedesk.ingest.contract_text import read_contract_bytes

    # the lines as the reader left them after taking "21" as 2.1 (no OCR run needed to see how it is reported)
    doc = read_contract_bytes("2 售后服务\n2.1 乙方应在接到报修通知后2小时内响应。\n".encode(), "scan.png")
    doc.ocr_confidence, doc.ocr_pages, doc.ocr_engine = 88.0, [1], "tesseract"
    doc.number_repairs = [NumberRepair(1, 0, 3, "21", "2.1", "clause")]
    rep = _report(doc, date(2026, 12, 5), None)
    assert rep["ocr"]["repairs"] == [{"paragraph": 1, "page": None, "read": "21", "taken": "2.1", "kind": "clause"}]
    response = next(c for c in rep["clauses"] if c["kind"] == "response_time")
    assert response["excerpts"][0]["location"]["clause"] == "2.1"
    assert response["excerpts"][0]["location"]["number_read"] == "21"
    finding = next(f for f in rep["findings"] if f["kind"] == "response_time")
    assert finding["location"]["number_read"] == "21"
    assert "cl. 2.1 (OCR read “21”)" in _human(rep)
