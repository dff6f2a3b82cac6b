"""Durations as a person reads them: days and hours, business days of the supplier's calendar,
singular and plural right, in English and Chinese."""

from __future__ import annotations

from disputedesk.web.i18n import Formatter

EN, ZH = Formatter("en"), Formatter("zh")


def test_calendar_time_in_days_and_hours() -> None:
    assert EN.duration(4188 * 3600 + 26 * 60 + 39) == "174 d 12 h"
    assert EN.duration(5 * 3600 + 20 * 60) == "5 h 20 min"
    assert EN.duration(3600) == "1 h"
    assert EN.duration(45) == "45 s"
    assert EN.duration(None) == "—"
    assert ZH.duration(4188 * 3600) == "174 天 12 小时"


def test_business_time_in_business_days_of_the_calendar() -> None:
    eight_hours = 8 * 3600
    assert EN.duration(955 * 3600 + 20 * 60, eight_hours, business=True) == "119 business days 3 h"
    assert EN.duration(3600, eight_hours, business=True) == "1 business hour"
    assert EN.duration(2 * 3600 + 600, eight_hours, business=True) == "2 business hours 10 min"
    assert EN.duration(eight_hours, eight_hours, business=True) == "1 business day"
    assert EN.duration(955 * 3600 + 20 * 60, business=True) == "955 business hours 20 min"
    assert ZH.duration(955 * 3600, eight_hours, business=True) == "119 个工作日 3 小时"
