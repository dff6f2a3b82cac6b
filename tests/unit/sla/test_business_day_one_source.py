"""One business day, one source: the working hours of the calendar a deadline counts in (its severity's service
hours, else the supplier's business calendar). Terms no longer carry a day length of their own: a lateness of
27 business hours under service hours of 08:30-17:30 is 3 business days (not "3 business days 3 h" counted in
the supplier's 8-hour days), and liquidated damages per business day count 3 days, not 4."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from disputedesk.domain.bizcal import BusinessCalendar, Duration
from disputedesk.domain.sla import (
    Event,
    EventKind,
    LiquidatedDamages,
    Money,
    SeverityTerms,
    SupportRequest,
    SupportTerms,
    evaluate,
    liquidated_damages,
)

T = datetime.fromisoformat
H = 3600
SUPPLIER = BusinessCalendar()  # Mon-Fri 09:00-12:00, 13:00-18:00: 8-hour days
NINE = BusinessCalendar(windows="08:30-17:30")  # the level's service hours: 9-hour days
LD = LiquidatedDamages(Money(Decimal("100.00"), "USD"), "day", measured_in="business")


def _late(coverage: BusinessCalendar | None, calendar: BusinessCalendar, target: str = "1wd"):  # type: ignore[no-untyped-def]
    terms = SupportTerms({"critical": SeverityTerms(resolution=Duration.parse(target), coverage=coverage)},
                         liquidated_damages=LD)  # fmt: skip
    # opened Monday 08:30, one working day (9 h) to resolve: due Monday 17:30; resolved Thursday 17:30
    resolved = Event(T("2026-03-05T17:30+08:00"), EventKind.RESOLVED)
    request = SupportRequest("SR-1", "Acme", "critical", (), (resolved,), T("2026-03-02T08:30+08:00"))
    ev = evaluate(request, terms, calendar)
    return next(d for d in ev.deadlines if d.kind == "resolution"), liquidated_damages(ev, LD)


def test_a_business_day_is_the_deadlines_calendar_day() -> None:
    d, damages = _late(NINE, SUPPLIER)
    assert d.late_business_seconds == 27 * H
    assert d.business_day_seconds == 9 * H  # shown as "3 business days"
    assert damages.lines[0].units == 3 and damages.amount == Money(Decimal("300.00"), "USD")
    # the supplier's own 9-hour calendar, no service hours of the level: the same
    d, damages = _late(None, NINE)
    assert d.business_day_seconds == 9 * H and damages.lines[0].units == 3
    # an 8-hour calendar: 8-hour business days (26 h late from 09:00 Monday: 3 days 2 h, 4 started days)
    d, damages = _late(None, SUPPLIER)
    assert d.business_day_seconds == 8 * H and damages.lines[0].units == -(-d.late_business_seconds // (8 * H))


def test_round_the_clock_hours_have_no_business_day() -> None:
    every_hour = BusinessCalendar(windows={d: "00:00-24:00" for d in range(7)}, official="none")
    d, _ = _late(every_hour, SUPPLIER, "9h")
    assert d.business_day_seconds is None  # its hours are calendar hours: shown as days of 24 hours
    # a target in working days under that cover counts the supplier's working days, and its 8-hour day
    d, _ = _late(every_hour, SUPPLIER)
    assert d.business_day_seconds == 8 * H


def test_terms_carry_no_day_length_of_their_own() -> None:
    data = {"severities": {"critical": {"resolution": "3wd"}},
            "liquidated_damages": {"rate": {"amount": "100.00", "currency": "USD"}, "measured_in": "business",
                                   "business_day_seconds": 9 * H}}  # fmt: skip
    terms = SupportTerms.from_dict(data)
    assert "business_day_seconds" not in terms.to_dict()["liquidated_damages"]
