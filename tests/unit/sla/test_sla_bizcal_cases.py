"""Business-calendar cases from real complaints about existing helpdesks (issue 4)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from disputedesk.domain.bizcal import (
    CLOSURE,
    MAKEUP_WORKDAY,
    OVERRIDE,
    BusinessCalendar,
    Closure,
    DayOverride,
    DaysMode,
    Duration,
    Window,
)
from disputedesk.domain.officialcal import STATUTORY_HOLIDAY, WEEKEND

T = datetime.fromisoformat


@pytest.fixture(scope="module")
def cal() -> BusinessCalendar:
    return BusinessCalendar()  # Mon-Fri 09:00-12:00, 13:00-18:00 Asia/Shanghai, official cn


def test_makeup_saturday_counts(cal: BusinessCalendar) -> None:
    # Sat 14 Feb 2026 is a make-up working day; common libraries answer 2026-02-24.
    res = cal.add(T("2026-02-13T16:00+08:00"), "8h")
    assert res.deadline == T("2026-02-14T16:00+08:00")
    assert res.deadline.isoformat() == "2026-02-14T16:00:00+08:00"
    assert not res.provisional
    counted = [s for s in res.explanation.steps if s.kind == "counted"]
    assert any(s.day == date(2026, 2, 14) and s.reason == MAKEUP_WORKDAY for s in counted)
    assert "make-up working day" in res.explanation.render()


def test_golden_week_deadline_at_lunch_boundary(cal: BusinessCalendar) -> None:
    res = cal.add(T("2025-09-30T17:00+08:00"), "4h")
    assert res.deadline == T("2025-10-09T12:00+08:00")  # 12:00, not 13:00
    skipped = [s for s in res.explanation.steps if s.kind == "skipped"]
    assert [s.day for s in skipped] == [date(2025, 10, d) for d in range(1, 9)]
    assert all(s.reason == STATUTORY_HOLIDAY for s in skipped)
    assert any(s.name == "National Day" for s in skipped)
    assert "National Day" in res.explanation.render()


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        ("2026-03-02T22:00+08:00", "2026-03-03T10:00+08:00"),  # Monday night -> Tuesday opening
        ("2026-03-03T07:15+08:00", "2026-03-03T10:00+08:00"),  # early morning
        ("2026-03-03T12:20+08:00", "2026-03-03T14:00+08:00"),  # lunch break
        ("2026-03-07T10:00+08:00", "2026-03-09T10:00+08:00"),  # Saturday
        ("2025-10-03T10:00+08:00", "2025-10-09T10:00+08:00"),  # National Day holiday
    ],
)
def test_clock_starts_at_next_opening(cal: BusinessCalendar, start: str, expected: str) -> None:
    res = cal.add(T(start), "1h")
    assert res.deadline == T(expected)
    assert any("next opening" in n for n in res.explanation.notes)


def test_nothing_elapses_overnight_or_over_a_holiday(cal: BusinessCalendar) -> None:
    assert cal.elapsed(T("2026-03-02T18:00+08:00"), T("2026-03-03T09:00+08:00")).business_seconds == 0
    assert cal.elapsed(T("2025-10-01T00:00+08:00"), T("2025-10-08T23:59+08:00")).business_seconds == 0


def test_encouraged_rest_day_is_working(cal: BusinessCalendar) -> None:
    # 2024-02-09 (Spring Festival eve) was an official working day on which rest was encouraged.
    assert cal.elapsed(T("2024-02-09T00:00+08:00"), T("2024-02-10T00:00+08:00")).business_seconds == 8 * 3600
    assert cal.add(T("2024-02-08T17:00+08:00"), "2h").deadline == T("2024-02-09T10:00+08:00")


def test_berlin_message_classified_by_shanghai_date(cal: BusinessCalendar) -> None:
    # Friday 27 Mar 2026 18:30 in Berlin (CET) is already Saturday 01:30 in Shanghai: no Friday time.
    res = cal.add(T("2026-03-27T18:30+01:00"), "1h")
    assert res.deadline == T("2026-03-30T10:00+08:00")
    # Sunday 29 Mar 2026 (Berlin's DST change day) 20:00 CEST is Monday 02:00 in Shanghai.
    res = cal.add(T("2026-03-29T20:00+02:00"), "1h")
    assert res.deadline == T("2026-03-30T10:00+08:00")
    # A message at 23:30 UTC on Sunday is Monday 07:30 in Shanghai, not a Sunday message.
    assert cal.add(T("2026-03-29T23:30+00:00"), "30m").deadline == T("2026-03-30T09:30+08:00")
    # The deadline is reported in the supplier's zone whatever the input offset.
    assert res.deadline.utcoffset().total_seconds() == 8 * 3600  # type: ignore[union-attr]


def test_explanation_in_buyer_zone(cal: BusinessCalendar) -> None:
    res = cal.add(T("2026-03-27T16:00+08:00"), "4h", buyer_tz="Europe/Berlin")
    text = res.explanation.render()
    assert "Europe/Berlin" in text
    counted = [s for s in res.explanation.steps if s.kind == "counted"]
    # Monday 30 March 09:00 in Shanghai is 03:00 CEST in Berlin (after the DST change).
    monday = next(s for s in counted if s.day == date(2026, 3, 30))
    assert monday.buyer_start == T("2026-03-30T03:00+02:00")
    assert any(s.reason == WEEKEND for s in res.explanation.steps)


def test_second_precision_and_naive_rejected(cal: BusinessCalendar) -> None:
    assert cal.add(T("2026-03-02T09:00:00+08:00"), "1s").deadline == T("2026-03-02T09:00:01+08:00")
    with pytest.raises(ValueError, match="no UTC offset"):
        cal.add(datetime(2026, 3, 2, 9, 0), "1h")
    with pytest.raises(ValueError, match="no UTC offset"):
        cal.elapsed(T("2026-03-02T09:00+08:00"), datetime(2026, 3, 2, 10, 0))


def test_working_day_meanings(cal: BusinessCalendar) -> None:
    start = T("2026-03-02T10:30+08:00")  # Monday
    assert cal.add(start, Duration.working_days(2, DaysMode.HOURS)).deadline == T("2026-03-04T10:30+08:00")
    assert cal.add(start, Duration.working_days(2, DaysMode.END_OF_DAY)).deadline == T("2026-03-04T18:00+08:00")
    assert cal.add(start, Duration.working_days(2, DaysMode.SAME_TIME)).deadline == T("2026-03-04T10:30+08:00")
    # Across the Spring Festival 2026 (make-up days Sat 14 Feb and Sat 28 Feb are working days).
    fri = T("2026-02-13T15:00+08:00")
    assert cal.add(fri, Duration.working_days(2, DaysMode.END_OF_DAY)).deadline == T("2026-02-24T18:00+08:00")
    assert cal.add(fri, Duration.working_days(1, DaysMode.SAME_TIME)).deadline == T("2026-02-14T15:00+08:00")
    # Received on a Saturday: day 1 is the Monday.
    sat = T("2026-03-07T11:00+08:00")
    assert cal.add(sat, Duration.working_days(1, DaysMode.END_OF_DAY)).deadline == T("2026-03-09T18:00+08:00")
    # Same time after closing is kept within the day's hours.
    late = T("2026-03-02T20:00+08:00")
    assert cal.add(late, Duration.working_days(1, DaysMode.SAME_TIME)).deadline == T("2026-03-03T18:00+08:00")
    assert "end-of-day" in str(Duration.parse("3wd", "end-of-day"))


def test_provisional_beyond_published_data(cal: BusinessCalendar) -> None:
    res = cal.add(T("2026-12-31T17:00+08:00"), "2h")
    assert res.provisional
    assert "PROVISIONAL" in res.explanation.render()
    assert not cal.add(T("2026-12-30T09:00+08:00"), "2h").provisional
    assert cal.elapsed(T("2026-12-31T09:00+08:00"), T("2027-01-05T09:00+08:00")).provisional


def test_closure_and_override_with_evidence() -> None:
    cal = BusinessCalendar(
        closures=[Closure(date(2026, 2, 24), date(2026, 2, 27), "factory shutdown", "E-0042")],
        overrides=[
            DayOverride(date(2026, 3, 7), True, (Window.parse("09:00-12:00"),), "Saturday shift", "E-0043"),
            DayOverride(date(2026, 3, 2), False, label="stocktaking"),
        ],
    )
    res = cal.add(T("2026-02-13T16:00+08:00"), "10h")
    # Fri 2h + Sat 14 Feb 8h = 10h: the deadline is before the closure.
    assert res.deadline == T("2026-02-14T18:00+08:00")
    res = cal.add(T("2026-02-14T16:00+08:00"), "4h")
    # Sat 2h, holidays to 23 Feb, closure 24-27 Feb, Sat 28 Feb is a make-up day: 09:00 + 2h.
    assert res.deadline == T("2026-02-28T11:00+08:00")
    closure_steps = [s for s in res.explanation.steps if s.reason == CLOSURE]
    assert len(closure_steps) == 4
    assert closure_steps[0].evidence_ref == "E-0042"
    assert "factory shutdown" in res.explanation.render()
    res = cal.add(T("2026-03-06T17:00+08:00"), "5h")  # Fri 1h, Sat 7 Mar override 09-12 3h, Mon 1h
    assert res.deadline == T("2026-03-09T10:00+08:00")
    assert any(s.reason == OVERRIDE and s.evidence_ref == "E-0043" for s in res.explanation.steps)
    assert cal.elapsed(T("2026-03-02T00:00+08:00"), T("2026-03-03T00:00+08:00")).business_seconds == 0


def test_pauses_outside_hours_and_overlapping() -> None:
    cal = BusinessCalendar()
    start = T("2026-03-02T16:00+08:00")  # Monday
    # Pause from Monday 20:00 to Wednesday 08:00 covers all of Tuesday's business time.
    p = [(T("2026-03-02T20:00+08:00"), T("2026-03-04T08:00+08:00"))]
    assert cal.add(start, "4h", pauses=p).deadline == T("2026-03-04T11:00+08:00")
    # Overlapping pauses are counted once.
    p2 = p + [(T("2026-03-03T10:00+08:00"), T("2026-03-03T15:00+08:00"))]
    assert cal.add(start, "4h", pauses=p2).deadline == T("2026-03-04T11:00+08:00")
    res = cal.elapsed(start, T("2026-03-04T11:00+08:00"), pauses=p2)
    assert res.business_seconds == 4 * 3600
    assert any(s.kind == "paused" for s in res.explanation.steps)


def test_other_calendars() -> None:
    de = BusinessCalendar(tz="Europe/Berlin", windows="08:00-16:00", official="de")
    # 3 Oct 2025 (German Unity Day) is a holiday in Germany, not in China.
    assert de.add(T("2025-10-02T15:00+02:00"), "2h").deadline == T("2025-10-06T09:00+02:00")
    none = BusinessCalendar(official="none")
    assert none.add(T("2025-09-30T17:00+08:00"), "4h").deadline == T("2025-10-01T12:00+08:00")
    always = BusinessCalendar(windows={k: "00:00-24:00" for k in range(7)}, official="none")
    assert always.add(T("2026-03-07T23:00+08:00"), "2h").deadline == T("2026-03-08T01:00+08:00")


def test_duration_parsing() -> None:
    assert Duration.parse("4h30m").seconds == 4 * 3600 + 1800
    assert Duration.parse("90m").seconds == 5400
    assert Duration.parse("3wd").unit == "wd"
    for bad in ("", "8", "8x", "h", "3wd2h", "1h1h", "-1h"):
        with pytest.raises(ValueError):
            Duration.parse(bad)
    for bad in ("9-12", "12:00-09:00", "25:00-26:00"):
        with pytest.raises(ValueError):
            BusinessCalendar(windows=bad)
    with pytest.raises(ValueError, match="overlap"):
        BusinessCalendar(windows="09:00-12:00,11:00-13:00")


def test_deterministic_and_versioned() -> None:
    a, b = BusinessCalendar(), BusinessCalendar()
    assert a.version == b.version
    assert a.add(T("2026-02-13T16:00+08:00"), "8h") == b.add(T("2026-02-13T16:00+08:00"), "8h")
    c = BusinessCalendar(closures=[Closure(date(2026, 2, 14), date(2026, 2, 14), "closed")])
    assert c.version != a.version


def test_results_do_not_depend_on_query_order() -> None:
    # The calendar caches days lazily; asking about 2026 first and 2010 later must not change anything.
    warm = BusinessCalendar()
    warm.add(T("2026-02-13T16:00+08:00"), "8h")
    s, e = T("2010-02-10T10:00+08:00"), T("2026-02-14T16:00+08:00")
    fresh = BusinessCalendar()
    assert warm.elapsed(s, e).business_seconds == fresh.elapsed(s, e).business_seconds
    assert warm.add(s, "1000h").deadline == fresh.add(s, "1000h").deadline
    assert warm.add(T("2026-02-13T16:00+08:00"), "8h").deadline == T("2026-02-14T16:00+08:00")


def test_calendar_days_are_not_business_time(cal: BusinessCalendar) -> None:
    res = cal.add(T("2025-09-30T17:00+08:00"), Duration.parse("10cd"))
    assert res.deadline == T("2025-10-10T17:00+08:00")
