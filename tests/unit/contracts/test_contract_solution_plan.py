"""A time to offer a solution plan is not a time to repair (issue 19, contract24): "48 小时内提供解决方案" is the time
the supplier has to say how it will fix the fault, not the time by which the fault is fixed. The check shows it as what
it is (a solution-plan time), keeps it out of the resolution time the SLA engine is given, and says so when the contract
gives no repair time. Our own wording."""

from __future__ import annotations

from datetime import date
from typing import Any

from disputedesk.domain.contract_clarity import check_text

AS_OF = date(2026, 12, 5)


def _report(text: str) -> dict[str, Any]:
    return check_text(text, as_of=AS_OF).as_dict()


def _kind(report: dict[str, Any], kind: str) -> dict[str, Any]:
    return next(c for c in report["clauses"] if c["kind"] == kind)


def _hours(entry: dict[str, Any], key: str = "durations") -> list[tuple[str, str]]:
    return [(d["value"], d["unit"]) for d in entry["values"].get(key, [])]


def test_a_plan_time_beside_a_repair_time_is_not_the_repair_time() -> None:
    report = _report("第五条 售后服务\n5.1 乙方接到报修后2小时内响应，48 小时内提供解决方案，7日内修复故障。")
    assert _hours(_kind(report, "resolution_time")) == [("7", "day")]
    assert _hours(_kind(report, "response_time")) == [("2", "hour")]
    assert _hours(_kind(report, "resolution_time"), "solution_plan") == [("48", "hour")]
    # the SLA engine's draft: 7 days to repair, not the 48 hours of the plan
    level = report["support_terms_draft"]["severity_levels"][0]
    assert (level["resolution"]["value"], level["resolution"]["unit"]) == ("7", "day")


def test_a_plan_time_alone_is_no_repair_time_and_the_finding_says_what_it_is() -> None:
    report = _report("第五条 售后服务\n5.1 故障解决时间：乙方应在48小时内提供解决方案。")
    resolution = _kind(report, "resolution_time")
    assert _hours(resolution) == []
    assert _hours(resolution, "solution_plan") == [("48", "hour")]
    finding = next(f for f in report["findings"] if f.get("kind") == "resolution_time")
    assert finding["severity"] == "high"
    assert "solution plan" in finding["message_en"] and "not" in finding["message_en"]
    assert "解决方案" in finding["message_zh"] and "不是修复" in finding["message_zh"]
    assert "business or calendar" not in finding["message_en"]


def test_in_english_too() -> None:
    report = _report(
        "5. Support\n5.1 The Supplier shall respond within 2 hours, propose a solution plan within 48 hours and "
        "repair the fault within 5 days."
    )
    assert _hours(_kind(report, "resolution_time")) == [("5", "day")]
    assert _hours(_kind(report, "response_time")) == [("2", "hour")]


def test_a_plan_and_the_fix_within_the_same_time_keep_it_as_the_repair_time() -> None:
    """ "48小时内提供解决方案并排除故障": the 48 hours are for the fix too."""
    report = _report("第五条 售后服务\n5.1 乙方接到报修后2小时内响应，48小时内提供解决方案并排除故障。")
    assert _hours(_kind(report, "resolution_time")) == [("48", "hour")]


def test_a_repair_time_alone_is_unchanged() -> None:
    report = _report("第五条 售后服务\n5.1 乙方接到报修后2小时内响应，48小时内修复故障。")
    assert _hours(_kind(report, "resolution_time")) == [("48", "hour")]
    assert "solution_plan" not in _kind(report, "resolution_time")["values"]
