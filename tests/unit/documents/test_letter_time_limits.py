"""The time limit a letter cites for a breached deadline reads as the SLA pages write it: a
24-hour answer in the supplier's business calendar is "24 business hours / 24个工作小时" (not the
engine's "24h"), and under a 7×24 cover the same hours are calendar hours — the letter never
tells the supplier that a round-the-clock promise was counted in working time."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from disputedesk.domain.bizcal import BusinessCalendar
from disputedesk.domain.contract_clarity import check_text
from disputedesk.domain.sla import Direction, Message, SupportRequest, SupportTerms, evaluate
from disputedesk.services.contracts import sla_terms_from_draft
from disputedesk.services.letters.facts import span
from disputedesk.services.letters.subject import _hours

T = datetime.fromisoformat


def first_response(contract: str) -> Any:
    draft: dict[str, Any] = check_text(contract, as_of=date(2026, 12, 5)).as_dict()["support_terms_draft"]  # type: ignore[assignment]
    terms = SupportTerms.from_dict(sla_terms_from_draft(draft, "E-0042", "HT-1"))
    req = SupportRequest(
        "SR-1",
        "Acme",
        "normal",
        (Message(T("2026-02-20T10:00+08:00"), Direction.SUPPLIER),),
        (),
        T("2026-02-16T10:00+08:00"),
    )
    ev = evaluate(req, terms, BusinessCalendar(), as_of=T("2026-03-31T00:00+08:00"))
    return next(d for d in ev.deadlines if d.kind == "first_response")


def test_a_round_the_clock_promise_is_cited_in_calendar_hours() -> None:
    d = first_response("第七条 服务\n7.1 乙方提供7×24小时技术支持服务。乙方应在接到故障通知后2小时内响应。")
    assert span(d) == ("2 calendar hours", "2小时（自然时间）")
    assert _hours(3 * 3600, business=False) == ("3 hours", "3小时")  # as the promised time beside it


def test_an_office_hours_promise_is_cited_in_business_hours() -> None:
    d = first_response("7. Support\n7.1 The Supplier shall respond to a fault report within 4 business hours.")
    assert span(d) == ("4 business hours", "4个工作小时")
    assert _hours(3600) == ("1 business hour", "1个工作小时")
