"""A contract promising support "7×12" (twelve hours every day of the week) and a repair "within 3 working days"
(quality sweep): the seven-day cover says when hours are counted; a working day stays a working day of the
supplier's calendar. Before, the drafted terms counted the working days in the 7×12 cover itself, so Saturday and
Sunday were working days and a fault reported on Friday evening was due on Monday evening instead of Wednesday.
The target in words says why the weekend is skipped although the service hours cover it, in English and Chinese.
Contract texts written for these tests; 6 March 2026 is a Friday."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from disputedesk.domain.bizcal import BusinessCalendar
from disputedesk.domain.contract_clarity import check_text
from disputedesk.domain.sla import Direction, Message, SupportRequest, SupportTerms, evaluate
from disputedesk.domain.sla.wording import terms_words
from disputedesk.services.contracts import sla_terms_from_draft
from disputedesk.web.i18n import Formatter, say, translations

T = datetime.fromisoformat
SUPPLIER_CAL = BusinessCalendar()  # Mon-Fri 09:00-12:00, 13:00-18:00, Chinese holidays and make-up days

SEVEN_BY_TWELVE = (
    "第七条 服务\n7.1 乙方提供7×12小时技术支持服务。\n"
    "第八条 售后服务\n8.1 乙方应在接到故障通知后4小时内响应，3个工作日内修复。\n"
)
ASIDE_EN = (
    "the service hours also cover the supplier's days off, but only targets in hours count in them: "
    "a working day stays a working day of the supplier's calendar"
)
ASIDE_ZH = "服务时间也涵盖供应商的休息日，但只有以小时计的时限在其中计算：工作日仍按供应商日历的工作日计"


def zh(text: object) -> str:
    return say(text, "zh", translations("zh").gettext, Formatter("zh"))


def terms_of(text: str) -> SupportTerms:
    draft: dict[str, Any] = check_text(text, as_of=date(2026, 12, 5)).as_dict()["support_terms_draft"]  # type: ignore[assignment]
    return SupportTerms.from_dict(sla_terms_from_draft(draft, "E-0042", "HT-1"))


def deadline(terms: SupportTerms, kind: str, answered: str | None = None) -> Any:
    msgs = (Message(T(answered), Direction.SUPPLIER),) if answered else ()
    req = SupportRequest("SR-1", "Acme", "normal", msgs, (), T("2026-03-06T19:00+08:00"))  # Friday 19:00
    ev = evaluate(req, terms, SUPPLIER_CAL, as_of=T("2026-03-31T00:00+08:00"))
    return next(d for d in ev.deadlines if d.kind == kind)


def test_working_days_under_a_seven_day_cover_skip_the_weekend_and_say_why() -> None:
    terms = terms_of(SEVEN_BY_TWELVE)
    # the hours count in the 7×12 cover: one hour on Friday evening, three on Saturday morning from 08:00
    answer = deadline(terms, "first_response", "2026-03-07T10:30+08:00")
    assert answer.deadline == T("2026-03-07T11:00+08:00") and answer.status == "met"
    assert ASIDE_EN not in answer.target_words
    # three working days of the supplier: Monday to Wednesday (24 business hours from Monday 09:00), not
    # Friday evening to Monday evening (36 hours of the 7×12 cover)
    fix = deadline(terms, "resolution", "2026-03-12T09:00+08:00")
    assert fix.deadline == T("2026-03-11T18:00+08:00") and fix.status == "breached"
    assert fix.target_words == (
        "Resolve within 3 working days (business time in the supplier's calendar: Chinese statutory holidays "
        f"skipped, make-up working days counted; {ASIDE_EN})"
    )
    said = zh(fix.target_words)
    assert said == (
        "3个工作日内解决（按供应商日历的工作时间计算：中国法定节假日不计，调休上班日计入；" + ASIDE_ZH + "）"
    )
    assert "7×12" not in said and "service" not in said


def test_the_terms_in_words_say_it_too_and_five_by_twelve_is_unchanged() -> None:
    [(_, said)] = terms_words(terms_of(SEVEN_BY_TWELVE), SUPPLIER_CAL)[:1]
    assert any(ASIDE_EN in s for s in said) and not all(ASIDE_EN in s for s in said)
    # 5×12 works no day the supplier does not: its working days count in its own cover, as before
    five = terms_of(SEVEN_BY_TWELVE.replace("7×12", "5×12"))
    fix = deadline(five, "resolution")
    # 36 hours of 08:00-20:00: one on Friday evening, then Monday and Tuesday, Wednesday to 19:00
    assert fix.deadline == T("2026-03-11T19:00+08:00")
    assert ASIDE_EN not in fix.target_words
