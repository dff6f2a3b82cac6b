"""The target of a deadline in words, in English and Chinese (quality sweep): business or calendar hours, working or
calendar days, and the calendar that counts them (round the clock, Chinese with make-up working days, US)."""

from __future__ import annotations

from disputedesk.domain.bizcal import BusinessCalendar, Duration
from disputedesk.domain.sla.wording import target_words
from disputedesk.web.i18n import Formatter, say, translations

ROUND_THE_CLOCK = BusinessCalendar(windows={d: "00:00-24:00" for d in range(7)}, official="none")


def zh(text: object) -> str:
    return say(text, "zh", translations("zh").gettext, Formatter("zh"))


def test_round_the_clock_hours_are_calendar_hours_in_both_languages() -> None:
    words = target_words("first_response", Duration.parse("2h"), ROUND_THE_CLOCK)
    assert words == "Answer within 2 calendar hours (round the clock: every hour of every day, holidays included)"
    assert zh(words) == "2小时（自然时间）内答复（全天候：每天每小时均计算，节假日也计算在内）"


def test_working_days_calendar_days_and_a_us_calendar() -> None:
    cn = BusinessCalendar()
    assert zh(target_words("resolution", Duration.parse("3wd"), cn)) == (
        "3个工作日内解决（按供应商日历的工作时间计算：中国法定节假日不计，调休上班日计入）"
    )
    assert target_words("resolution", Duration.parse("30cd"), cn).startswith("Resolve within 30 calendar days (")
    us = BusinessCalendar(tz="America/Chicago", official="us")
    words = target_words("update", Duration.parse("1h30m"), us)
    assert words == (
        "Send the next update within 1 business hour 30 minutes "
        "(business time in the supplier's calendar: public holidays of US skipped)"
    )
    assert zh(words).startswith("1个工作小时30分钟内发送下一次进展")
    assert zh(target_words("first_response", Duration.parse("1h"), us)) == (
        "1个工作小时内答复（按供应商日历的工作时间计算：US公共假日不计）"
    )
