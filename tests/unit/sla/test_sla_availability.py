"""Availability and service credits, from worked contract examples.

Contract example (written for these tests; no existing system to compare with):
  "Monthly availability of the remote-monitoring service shall be at least 99.5 %. Announced
  maintenance is excluded. If availability in a calendar month falls below 99.5 %, the Supplier
  credits 5 % of the monthly fee; below 99.0 %, 10 %; below 95.0 %, 25 %. Credits are capped at
  20 % of the monthly fee." Monthly fee: 12,000.00 EUR. Month: June 2026 (30 days, 2,592,000 s).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from disputedesk.domain.bizcal import BusinessCalendar
from disputedesk.domain.sla import (
    AvailabilityTerms,
    CreditTier,
    Interval,
    Money,
    ServiceCredits,
    availability,
    month_windows,
    service_credit,
)

T = datetime.fromisoformat
TERMS = AvailabilityTerms(Decimal("99.5"))
CREDITS = ServiceCredits(
    (
        CreditTier(Decimal("99.5"), Decimal("5")),
        CreditTier(Decimal("99.0"), Decimal("10")),
        CreditTier(Decimal("95.0"), Decimal("25")),
    ),
    cap_percent=Decimal("20"),
)
FEE = Money(Decimal("12000.00"), "EUR")
JUNE = month_windows(date(2026, 6, 1), date(2026, 6, 30))[0]


def test_month_window() -> None:
    assert JUNE == (T("2026-06-01T00:00+08:00"), T("2026-07-01T00:00+08:00"))


def test_worked_example_overlapping_outages_and_maintenance() -> None:
    # Maintenance 01:00-03:00 (2 h, excluded). Outage A 02:00-08:00, outage B 07:30-09:30.
    # Downtime = union 02:00-09:30 (7.5 h) minus maintenance overlap 02:00-03:00 = 6.5 h = 23,400 s.
    # Scheduled = 2,592,000 - 7,200 = 2,584,800 s. Availability = 2,561,400 / 2,584,800 = 99.095 %.
    res = availability(
        *JUNE,
        outages=[
            Interval(T("2026-06-10T02:00+08:00"), T("2026-06-10T08:00+08:00"), "outage A"),
            Interval(T("2026-06-10T07:30+08:00"), T("2026-06-10T09:30+08:00"), "outage B"),
        ],
        maintenance=[Interval(T("2026-06-10T01:00+08:00"), T("2026-06-10T03:00+08:00"), "announced")],
        terms=TERMS,
    )
    assert (res.scheduled_seconds, res.downtime_seconds, res.maintenance_seconds) == (2_584_800, 23_400, 7_200)
    assert res.ratio == Fraction(2_561_400, 2_584_800)
    assert res.percent == Decimal("99.095")
    assert res.met is False
    credit = service_credit(res, CREDITS, FEE)  # below 99.5 but not below 99.0: 5 %
    assert credit.amount == Money(Decimal("600.00"), "EUR")
    assert credit.tier == CREDITS.tiers[0] and not credit.capped


def test_worked_example_long_outage_is_capped() -> None:
    # 40 h outage: (2,592,000 - 144,000) / 2,592,000 = 94.444 %: below 95 % -> 25 %, capped at 20 %.
    res = availability(*JUNE, outages=[Interval(T("2026-06-03T08:00+08:00"), T("2026-06-05T00:00+08:00"))], terms=TERMS)
    assert res.percent == Decimal("94.444")
    credit = service_credit(res, CREDITS, FEE)
    assert credit.tier == CREDITS.tiers[2]
    assert credit.amount == Money(Decimal("2400.00"), "EUR") and credit.capped
    assert "capped" in credit.explanation


def test_exactly_at_target_earns_no_credit() -> None:
    # 0.5 % of 2,592,000 s = 12,960 s (3 h 36 min): availability exactly 99.5 % meets the target.
    res = availability(*JUNE, outages=[Interval(T("2026-06-10T10:00+08:00"), T("2026-06-10T13:36+08:00"))], terms=TERMS)
    assert res.ratio == Fraction(995, 1000) and res.met is True
    assert service_credit(res, CREDITS, FEE).amount == Money(Decimal("0"), "EUR")
    one_more = availability(
        *JUNE, outages=[Interval(T("2026-06-10T10:00+08:00"), T("2026-06-10T13:36:01+08:00"))], terms=TERMS
    )
    assert one_more.met is False
    assert service_credit(one_more, CREDITS, FEE).amount == Money(Decimal("600.00"), "EUR")


def test_outage_outside_window_and_business_hours_measurement() -> None:
    res = availability(*JUNE, outages=[Interval(T("2026-05-31T10:00+08:00"), T("2026-06-01T01:00+08:00"))])
    assert res.downtime_seconds == 3600
    # "Availability during service hours": only business time counts.
    cal = BusinessCalendar()
    res = availability(
        *JUNE,
        outages=[Interval(T("2026-06-10T17:00+08:00"), T("2026-06-11T10:00+08:00"))],  # 1 h + 1 h business
        calendar=cal,
    )
    assert res.downtime_seconds == 2 * 3600
    # June 2026: 21 working days (Dragon Boat Festival, Fri 19 June, is a holiday) x 8 h.
    assert res.scheduled_seconds == 21 * 8 * 3600


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 2_592_000), st.integers(0, 400_000)), max_size=6))
def test_availability_is_between_0_and_1_and_credit_is_monotonic(raw: list[tuple[int, int]]) -> None:
    start = JUNE[0]
    from datetime import timedelta

    outs = [Interval(start + timedelta(seconds=a), start + timedelta(seconds=a + n)) for a, n in raw]
    res = availability(*JUNE, outages=outs, terms=TERMS)
    assert 0 <= res.ratio <= 1
    fewer = availability(*JUNE, outages=outs[:-1], terms=TERMS)
    assert fewer.ratio >= res.ratio
    assert service_credit(fewer, CREDITS, FEE).amount.amount <= service_credit(res, CREDITS, FEE).amount.amount
