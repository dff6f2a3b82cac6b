"""Property-based tests: business-time arithmetic with arbitrary windows and zones."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from disputedesk.domain.bizcal import BusinessCalendar, Window

ZONES = [
    "Asia/Shanghai",
    "UTC",
    "Europe/Berlin",
    "America/New_York",
    "America/Sao_Paulo",
    "Australia/Lord_Howe",  # 30-minute DST shift
    "Asia/Kolkata",
    "Pacific/Chatham",
]


@st.composite
def windows(draw: st.DrawFn) -> tuple[Window, ...]:
    # Boundaries on a 15-minute grid (so DST gaps at 02:00-03:00 are hit), 1-3 windows a day.
    marks = sorted(draw(st.sets(st.integers(0, 96), min_size=2, max_size=6)))
    if len(marks) % 2:
        marks = marks[:-1]
    return tuple(Window(marks[i] * 900, marks[i + 1] * 900) for i in range(0, len(marks), 2))


@st.composite
def calendars(draw: st.DrawFn) -> BusinessCalendar:
    tz = draw(st.sampled_from(ZONES))
    days = draw(st.sets(st.integers(0, 6), min_size=1, max_size=7))
    weekly = {d: draw(windows()) for d in days}
    official = draw(st.sampled_from(["cn", "none", "de"]))
    return BusinessCalendar(tz=tz, windows=weekly, official=official)


starts = st.datetimes(min_value=datetime(2015, 1, 1), max_value=datetime(2026, 6, 30), timezones=st.just(UTC)).map(
    lambda d: d.replace(microsecond=0)
)
durations = st.integers(min_value=0, max_value=300 * 3600)
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(calendars(), starts, durations)
def test_elapsed_of_add_is_the_duration(cal: BusinessCalendar, s: datetime, d: int) -> None:
    deadline = cal.add(s, f"{d}s").deadline
    assert cal.elapsed(s, deadline).business_seconds == d
    # ... and it is the earliest such instant.
    if d > 0:
        assert cal.elapsed(s, deadline - timedelta(seconds=1)).business_seconds == d - 1


@FAST
@given(calendars(), starts, durations, durations)
def test_add_is_monotonic_in_duration(cal: BusinessCalendar, s: datetime, d1: int, d2: int) -> None:
    a, b = sorted((d1, d2))
    assert cal.add(s, f"{a}s").deadline <= cal.add(s, f"{b}s").deadline


@FAST
@given(calendars(), starts, st.integers(0, 30 * 86400), durations)
def test_add_is_monotonic_in_start(cal: BusinessCalendar, s: datetime, gap: int, d: int) -> None:
    assert cal.add(s, f"{d}s").deadline <= cal.add(s + timedelta(seconds=gap), f"{d}s").deadline


@FAST
@given(calendars(), starts, st.integers(0, 20 * 86400), st.integers(0, 20 * 86400))
def test_elapsed_is_additive(cal: BusinessCalendar, a: datetime, g1: int, g2: int) -> None:
    b = a + timedelta(seconds=g1)
    c = b + timedelta(seconds=g2)
    assert cal.elapsed(a, b).business_seconds + cal.elapsed(b, c).business_seconds == (
        cal.elapsed(a, c).business_seconds
    )
    assert 0 <= cal.elapsed(a, c).business_seconds <= g1 + g2


@FAST
@given(
    calendars(),
    starts,
    durations,
    st.lists(st.tuples(st.integers(0, 40 * 86400), st.integers(0, 5 * 86400)), max_size=4),
)
def test_pauses_extend_by_exactly_the_paused_time(
    cal: BusinessCalendar, s: datetime, d: int, raw: list[tuple[int, int]]
) -> None:
    pauses = [(s + timedelta(seconds=o), s + timedelta(seconds=o + n)) for o, n in raw]
    deadline = cal.add(s, f"{d}s", pauses=pauses).deadline
    assert cal.elapsed(s, deadline, pauses=pauses).business_seconds == d
    assert deadline >= cal.add(s, f"{d}s").deadline


@FAST
@given(calendars(), starts, durations)
def test_explanation_adds_up(cal: BusinessCalendar, s: datetime, d: int) -> None:
    res = cal.add(s, f"{min(d, 40 * 3600)}s")
    expl = res.explanation
    assert sum(st.seconds for st in expl.steps if st.kind == "counted") == expl.business_seconds
    assert expl.business_seconds == min(d, 40 * 3600)


@FAST
@given(calendars(), starts, st.integers(0, 15), st.sampled_from(["hours", "end-of-day", "same-time"]))
def test_working_days_monotonic_and_hours_mode_is_hours(cal: BusinessCalendar, s: datetime, n: int, mode: str) -> None:
    from disputedesk.domain.bizcal import Duration

    a = cal.add(s, Duration.working_days(n, mode)).deadline
    b = cal.add(s, Duration.working_days(n + 1, mode)).deadline
    assert a <= b
    if mode == "hours":
        assert a == cal.add(s, f"{n * cal.hours_per_day}s").deadline
    elif mode == "end-of-day" and n > 0:
        # the closing time of a working day (the second before it lies in that day)
        plan = cal.day_plan((a - timedelta(seconds=1)).astimezone(cal.tz).date())
        assert plan.working and plan.intervals[-1][1] == int(a.timestamp())
