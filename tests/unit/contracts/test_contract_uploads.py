"""What a user notices uploading a contract: the findings a one-language contract, a bilingual PDF, a schedule, a
photographed page or a remedy with its cap gets, and the clause each finding cites (issue 19: "a person uploading a
scanned Chinese contract gets its clauses, values and findings with clause numbers that match the document").

Every contract text here is our own wording, written for these tests."""

from __future__ import annotations

from typing import Any

from disputedesk.domain.contract_clarity import check_text

from .conftest import AS_OF


def report(text: str) -> dict[str, Any]:
    return check_text(text, as_of=AS_OF).as_dict()


def findings(text: str, kind: str) -> list[dict[str, Any]]:
    return [f for f in report(text)["findings"] if f["kind"] == kind]


def values(text: str, kind: str) -> dict[str, Any]:
    return next(c["values"] for c in report(text)["clauses"] if c["kind"] == kind)


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
