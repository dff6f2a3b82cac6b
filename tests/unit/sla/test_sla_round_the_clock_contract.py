"""A contract promising 7×24 support is measured round the clock (quality sweep): contract text → support terms
drafted from the contract check → the SLA engine's deadlines and the explanation a user reads. Before, a "2小时内响应"
in a 7×24 clause (calendar hours) gave the engine no response time at all, and a "4小时" elsewhere was counted in
the supplier's office hours, skipping nights, weekends and the Spring Festival. Working days stay the supplier's
working days (a 7×24 cover has no day off, so "3个工作日" keeps its meaning). The other covers are checked too:
clock times stated (工作日9:00-17:00, Monday to Friday 08:30-17:30) are the hours counted; 5×8 without clock times
keeps the supplier's business calendar. Contract texts written for these tests; 2026 Spring Festival holiday
15–23 February (State Council notice)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from disputedesk.domain.bizcal import BusinessCalendar
from disputedesk.domain.contract_clarity import check_text
from disputedesk.domain.sla import Direction, Message, Status, SupportRequest, SupportTerms, evaluate
from disputedesk.services.contracts import sla_terms_from_draft

T = datetime.fromisoformat
AS_OF = date(2026, 12, 5)
SUPPLIER_CAL = BusinessCalendar()  # the supplier's calendar: Mon-Fri 09:00-12:00, 13:00-18:00, CN holidays


def terms_of(text: str) -> SupportTerms:
    draft: dict[str, Any] = check_text(text, as_of=AS_OF).as_dict()["support_terms_draft"]  # type: ignore[assignment]
    return SupportTerms.from_dict(sla_terms_from_draft(draft, "E-0042", "HT-1"))


def judged(terms: SupportTerms, opened: str, answered: str | None, kind: str = "first_response") -> Any:
    msgs = (Message(T(answered), Direction.SUPPLIER),) if answered else ()
    req = SupportRequest("SR-1", "Acme", "normal", msgs, (), T(opened))
    ev = evaluate(req, terms, SUPPLIER_CAL, as_of=T("2026-03-31T00:00+08:00"))
    return next(d for d in ev.deadlines if d.kind == kind)


def test_seven_by_24_response_in_the_same_clause_is_measured_round_the_clock_over_the_spring_festival() -> None:
    for text in (
        "第七条 服务\n7.1 乙方提供7×24小时技术支持服务。乙方应在接到故障通知后2小时内响应。",
        "7. Support\n7.1 The Supplier shall provide 24x7 technical support and respond within 2 hours.",
    ):
        terms = terms_of(text)
        # A fault reported on Tuesday 17 February 2026 at 22:00, a Spring Festival holiday: due at midnight.
        fr = judged(terms, "2026-02-17T22:00+08:00", "2026-02-18T01:30+08:00")
        assert fr.deadline == T("2026-02-18T00:00+08:00")
        assert fr.status == Status.BREACHED
        assert fr.late_business_seconds == fr.late_calendar_seconds == 90 * 60
        text_read = fr.explanation.render()
        assert "skipped" not in text_read and "statutory holiday" not in text_read
        assert "2026-02-17 Tue  counted  22:00:00-00:00:00  2h00m00s" in text_read


def test_seven_by_24_cover_elsewhere_counts_hours_round_the_clock_and_working_days_in_the_suppliers_calendar() -> None:
    text = (
        "第七条 服务时间\n7.1 乙方提供7×24小时技术支持服务。\n"
        "第八条 售后服务\n8.1 乙方应在接到故障通知后4小时内响应，3个工作日内修复。\n"
    )
    terms = terms_of(text)
    # Saturday 7 March 2026 at 23:00: four hours later is Sunday 03:00, not Monday 13:00.
    fr = judged(terms, "2026-03-07T23:00+08:00", "2026-03-08T02:00+08:00")
    assert fr.deadline == T("2026-03-08T03:00+08:00") and fr.status == Status.MET
    # Three working days are the supplier's working days (24 business hours from Monday 09:00), not 72 hours.
    res = judged(terms, "2026-03-07T23:00+08:00", None, kind="resolution")
    assert res.deadline == T("2026-03-11T18:00+08:00")
    assert "skipped" in res.explanation.render()  # the weekend is skipped for the working days


def test_stated_clock_times_are_counted_and_five_by_eight_keeps_the_suppliers_calendar() -> None:
    after = "\n第八条 售后服务\n8.1 乙方应在接到故障通知后4个工作小时内响应。\n"
    workdays = terms_of("第七条 服务时间\n7.1 乙方技术支持服务时间为工作日9:00-17:00。" + after)
    # Friday 6 March 2026 at 15:00: two hours on Friday (to 17:00), two on Monday from 09:00.
    assert judged(workdays, "2026-03-06T15:00+08:00", None).deadline == T("2026-03-09T11:00+08:00")
    en = terms_of(
        "7. Support hours\n7.1 Support hours are Monday to Friday 8:30-17:30 Beijing time.\n"
        "8. Repairs\n8.1 The Supplier shall respond within 4 business hours."
    )
    # two and a half hours on Friday (to 17:30), one and a half on Monday from 08:30
    assert judged(en, "2026-03-06T15:00+08:00", None).deadline == T("2026-03-09T10:00+08:00")
    five_by_eight = terms_of("第七条 服务\n7.1 乙方提供5×8小时技术支持服务。" + after)
    # the supplier's calendar (09:00-12:00, 13:00-18:00): three hours on Friday, one on Monday
    assert judged(five_by_eight, "2026-03-06T15:00+08:00", None).deadline == T("2026-03-09T10:00+08:00")


def test_a_round_the_clock_calendar_is_described_in_the_readers_language() -> None:
    from disputedesk.web.i18n import Formatter, say, translations

    cover = terms_of("第七条 服务\n7.1 乙方提供7×24小时技术支持服务。乙方应在接到故障通知后2小时内响应。")
    cal = cover.severity("normal").coverage
    assert cal is not None
    zh = say(cal.describe(), "zh", translations("zh").gettext, Formatter("zh"))
    assert "法定日历：无（不扣除公共假日）" in zh and "none" not in zh and "weekdays-only" not in zh
