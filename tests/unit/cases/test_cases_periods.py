"""Period arithmetic under PRC Civil Code Arts. 200–203, checked against the articles."""

from __future__ import annotations

import calendar as pycal
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from disputedesk.domain.officialcal import get_calendar
from disputedesk.domain.periods import Unit, add_nominal, compute_period, legal_date, roll_to_working_day

CN = get_calendar("cn")


def months_oracle(start: date, n: int) -> date:
    """Art. 202 written out independently: corresponding day, or the month's last day."""
    y, m = divmod(start.month - 1 + n, 12)
    y += start.year
    m += 1
    return date(y, m, min(start.day, pycal.monthrange(y, m)[1]))


# --- examples straight from the articles -------------------------------------------------


def test_first_day_is_not_counted_art_201():
    r = compute_period(date(2025, 3, 10), 30, Unit.DAY)
    assert r.due == date(2025, 4, 9)  # 2025-03-11 is day 1
    assert "not counted" in r.explanation()


def test_leap_day_plus_one_year_ends_on_feb_28_art_202():
    r = compute_period(date(2024, 2, 29), 1, Unit.YEAR)
    assert r.nominal_end == date(2025, 2, 28)
    assert r.due == date(2025, 2, 28)
    assert "last day of the month" in r.explanation()


def test_leap_day_plus_four_years_has_a_corresponding_day():
    assert add_nominal(date(2024, 2, 29), 4, Unit.YEAR) == date(2028, 2, 29)


def test_jan_31_plus_one_month_is_month_end():
    assert compute_period(date(2025, 1, 31), 1, Unit.MONTH).due == date(2025, 2, 28)
    assert compute_period(date(2024, 1, 31), 1, Unit.MONTH).due == date(2024, 2, 29)


def test_month_end_that_is_a_makeup_saturday_is_not_extended():
    # 2026-02-28 is a Saturday but a make-up working day (调休) after the Spring Festival.
    r = compute_period(date(2026, 1, 31), 1, Unit.MONTH)
    assert r.due == date(2026, 2, 28)
    assert not r.rolled
    assert "make-up working day" in r.explanation()


def test_period_ending_on_a_weekend_moves_to_monday_art_203():
    r = compute_period(date(2025, 2, 28), 7, Unit.DAY)  # Fri 2025-03-07: a working day
    assert r.due == date(2025, 3, 7)
    r = compute_period(date(2025, 3, 1), 7, Unit.DAY)  # Sat 2025-03-08
    assert r.nominal_end == date(2025, 3, 8)
    assert r.due == date(2025, 3, 10)
    assert r.rolled
    assert "Art. 203" in r.explanation()


def test_period_ending_in_spring_festival_2026_moves_past_the_holiday():
    r = compute_period(date(2026, 2, 5), 10, Unit.DAY)
    assert r.nominal_end == date(2026, 2, 15)
    assert r.due == date(2026, 2, 24)  # holiday 15–23 February 2026
    assert "Spring Festival" in r.explanation()
    assert not r.provisional


def test_period_ending_on_spring_festival_makeup_saturday_counts_as_working():
    r = compute_period(date(2026, 2, 4), 10, Unit.DAY)
    assert r.due == date(2026, 2, 14)
    assert not r.rolled


def test_date_beyond_published_calendar_is_provisional():
    r = compute_period(date(2026, 12, 20), 30, Unit.DAY)
    assert r.due == date(2027, 1, 19)
    assert r.provisional
    assert "provisional" in r.explanation()
    assert not compute_period(date(2026, 1, 5), 30, Unit.DAY).provisional


def test_roll_false_shows_what_art_203_would_give():
    r = compute_period(date(2025, 3, 1), 7, Unit.DAY, roll=False)
    assert r.due == date(2025, 3, 8)
    assert any("2025-03-10" in n for n in r.notes)


def test_datetimes_are_refused_and_naive_ones_cannot_be_converted():
    with pytest.raises(ValueError, match="start"):
        compute_period(datetime(2025, 1, 1, tzinfo=UTC), 1, Unit.DAY)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="naive"):
        legal_date(datetime(2025, 1, 1, 12, 0))
    # 20:00 UTC on 31 Dec is already 1 Jan in Shanghai
    assert legal_date(datetime(2025, 12, 31, 20, 0, tzinfo=UTC)) == date(2026, 1, 1)


def test_negative_length_is_refused():
    with pytest.raises(ValueError, match="length"):
        compute_period(date(2025, 1, 1), -1, Unit.DAY)


# --- properties --------------------------------------------------------------------------

starts = st.dates(min_value=date(2005, 1, 1), max_value=date(2030, 12, 31))
units = st.sampled_from([Unit.DAY, Unit.MONTH, Unit.YEAR])


@settings(max_examples=300, deadline=None)
@given(start=starts, n=st.integers(min_value=1, max_value=400))
def test_day_periods_end_n_days_later_before_rolling(start, n):
    r = compute_period(start, n, Unit.DAY)
    assert r.nominal_end - start == timedelta(days=n)


@settings(max_examples=300, deadline=None)
@given(start=starts, n=st.integers(min_value=1, max_value=60))
def test_month_and_year_periods_match_the_article_202_oracle(start, n):
    assert compute_period(start, n, Unit.MONTH).nominal_end == months_oracle(start, n)
    assert compute_period(start, n % 25 + 1, Unit.YEAR).nominal_end == months_oracle(start, 12 * (n % 25 + 1))


@settings(max_examples=300, deadline=None)
@given(start=starts, n=st.integers(min_value=1, max_value=40), unit=units)
def test_due_is_first_working_day_on_or_after_nominal_end(start, n, unit):
    r = compute_period(start, n, unit)
    assert r.due >= r.nominal_end > start
    assert CN.day(r.due).working
    day = r.nominal_end
    while day < r.due:
        assert not CN.day(day).working
        day += timedelta(days=1)
    looked_at = [r.nominal_end + timedelta(days=i) for i in range((r.due - r.nominal_end).days + 1)]
    assert r.provisional == any(not CN.covers(d) for d in looked_at)


@settings(max_examples=200, deadline=None)
@given(a=starts, b=starts, n=st.integers(min_value=1, max_value=40), unit=units)
def test_later_start_never_gives_earlier_end(a, b, n, unit):
    a, b = min(a, b), max(a, b)
    assert compute_period(a, n, unit).due <= compute_period(b, n, unit).due


@settings(max_examples=100, deadline=None)
@given(day=st.dates(min_value=date(2005, 1, 1), max_value=date(2026, 12, 1)))
def test_rolling_a_working_day_changes_nothing(day):
    rolled, _, _ = roll_to_working_day(day)
    assert (rolled == day) == CN.day(day).working
