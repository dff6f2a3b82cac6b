"""The service hours a contract states are the hours the SLA engine counts (quality sweep). Handed to the SLA
engine, "Monday to Friday 08:30–17:30" becomes each severity's coverage in the draft terms, so a 4-hour
response runs in the contract's hours (in its zone and holiday calendar, or the suggested ones). "5×8" names
eight hours a day but not which: no clock times are invented and the whole day is never counted; the draft
keeps the supplier's business calendar, and the words found say the clock times are not stated. Contract
texts written for these tests."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from disputedesk.domain.contract_clarity import check_text
from disputedesk.domain.contract_clarity.wording import service_hours_text
from disputedesk.domain.sla import SupportTerms
from disputedesk.domain.text import render
from disputedesk.services.contracts import sla_terms_from_draft

from .conftest import AS_OF

SHANGHAI = ZoneInfo("Asia/Shanghai")
TIMES_ZH = "\n第八条 售后服务\n8.1 乙方应在接到故障通知后4个工作小时内响应，3个工作日内修复。\n"
TIMES_EN = "\n8. Repairs\n8.1 The Supplier shall respond within 4 business hours and repair within 3 business days.\n"


def draft(text: str) -> dict[str, Any]:
    return check_text(text, as_of=AS_OF).as_dict()["support_terms_draft"]  # type: ignore[return-value]


def words(sh: dict[str, Any]) -> str:
    said = service_hours_text(sh)
    assert said is not None
    return render_all(said)


def render_all(value: object) -> str:
    from disputedesk.domain.text import Seq, Text

    if isinstance(value, Text):
        return render(value.msgid, value.params, render_all, lambda s: s)
    if isinstance(value, Seq):
        return value.sep.join(render_all(v) for v in value)
    return str(value)


def test_stated_support_hours_become_the_coverage_the_engine_counts_in() -> None:
    for text in (
        "第七条 服务时间\n7.1 乙方技术支持服务时间为周一至周五8:30-17:30。" + TIMES_ZH,
        "7. Support hours\n7.1 Support hours are Monday to Friday 8:30-17:30." + TIMES_EN,
    ):
        found = draft(text)
        terms = sla_terms_from_draft(found, "E-0042", "HT-1")
        for level in ("critical", "high", "normal", "low"):
            cover = terms["severities"][level]["coverage"]
            assert cover["tz"] == "Asia/Shanghai" and cover["official"] == "cn"  # suggested: none stated
            assert cover["windows"] == {str(d): "08:30-17:30" for d in range(5)}
        # A 4-hour response to a fault reported Monday 08:45 Beijing time is due at 12:45 the same day: the
        # contract's 08:30–17:30, not the default business calendar's 09:00–12:00 and 13:00–18:00 (14:00).
        cover_cal = SupportTerms.from_dict(terms).severity("normal").coverage
        assert cover_cal is not None
        due = cover_cal.add(datetime(2026, 3, 2, 8, 45, tzinfo=SHANGHAI), "4h")
        assert due.deadline.astimezone(SHANGHAI) == datetime(2026, 3, 2, 12, 45, tzinfo=SHANGHAI)


def test_stated_time_zone_and_saturday_service_are_kept() -> None:
    text = "7. Support hours\n7.1 Support hours: Monday to Saturday 09:00-18:00 Beijing time (Asia/Shanghai)."
    text += TIMES_EN
    cover = sla_terms_from_draft(draft(text), "E-0042", "HT-1")["severities"]["normal"]["coverage"]
    assert cover["windows"] == {str(d): "09:00-18:00" for d in range(6)} and cover["tz"] == "Asia/Shanghai"


def test_five_by_eight_without_clock_times_keeps_the_suppliers_calendar_and_says_the_hours_are_not_stated() -> None:
    for text in (
        "第七条 服务\n7.1 乙方提供5×8小时技术支持服务。" + TIMES_ZH,
        "7. Support\n7.1 The Supplier provides 5x8 support." + TIMES_EN,
    ):
        found = draft(text)
        assert found["service_hours"]["days"] == "Mon-Fri" and found["service_hours"]["hours_per_day"] == "8"
        assert "start" not in found["service_hours"]
        terms = sla_terms_from_draft(found, "E-0042", "HT-1")
        assert all("coverage" not in level for level in terms["severities"].values())
        said = words(found["service_hours"])
        assert "Monday to Friday" in said and "8 hours a day, clock times not stated" in said


def test_days_without_hours_invent_no_coverage() -> None:
    only_days = "7. Support\n7.1 Support is available Monday to Friday." + TIMES_EN
    terms = sla_terms_from_draft(draft(only_days), "E-0042", "HT-1")
    assert all("coverage" not in level for level in terms["severities"].values())
