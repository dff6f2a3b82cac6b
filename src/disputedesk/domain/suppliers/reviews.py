"""Periodic supplier reviews: schedules, ratings, support figures and which are due."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from enum import IntEnum, StrEnum

from ..text import T
from .checks import _check_evidence


class ReviewFrequency(StrEnum):
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    SEMIANNUAL = "semiannual"
    ANNUAL = "annual"


_MONTHS = {
    ReviewFrequency.MONTHLY: 1,
    ReviewFrequency.QUARTERLY: 3,
    ReviewFrequency.SEMIANNUAL: 6,
    ReviewFrequency.ANNUAL: 12,
}


def add_months(d: date, months: int) -> date:
    """Same day ``months`` later, clamped to the month's last day (31 Jan + 1 → 28/29 Feb)."""
    from dateutil.relativedelta import relativedelta

    result: date = d + relativedelta(months=months)
    return result


@dataclass(frozen=True)
class ReviewSchedule:
    supplier_id: str
    frequency: ReviewFrequency
    first_due: date
    grace_days: int = 14  # shown as "due" this long before the date, "overdue" after it

    def due_dates(self, until: date) -> list[date]:
        out: list[date] = []
        n = 0
        while True:
            d = add_months(self.first_due, _MONTHS[self.frequency] * n)
            if d > until:
                return out
            out.append(d)
            n += 1


class Rating(IntEnum):
    """1 (very poor) to 5 (very good)."""

    VERY_POOR = 1
    POOR = 2
    ADEQUATE = 3
    GOOD = 4
    VERY_GOOD = 5


@dataclass(frozen=True)
class SupportFigures:
    """Support responsiveness as measured by the SLA engine for the review period."""

    requests: int
    sla_met: int
    median_first_response: timedelta | None = None
    p90_first_response: timedelta | None = None
    first_response_target: timedelta | None = None
    breaches_by_severity: Mapping[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # said as the review form names the figures ("Requests", "Met every target"), not as code
        if self.requests < 0:
            raise ValueError(T("the number of requests (%(requests)s) cannot be negative", requests=self.requests))
        if not 0 <= self.sla_met <= self.requests:
            raise ValueError(
                T(
                    "“Met every target” (%(met)s) must be between 0 and the number of requests (%(requests)s)",
                    met=self.sla_met,
                    requests=self.requests,
                )
            )

    @property
    def compliance_rate(self) -> Decimal | None:
        if self.requests == 0:
            return None
        return (Decimal(self.sla_met) / Decimal(self.requests)).quantize(Decimal("0.0001"))


@dataclass(frozen=True)
class ReviewAction:
    text: str
    owner: str | None = None
    due: date | None = None
    done: bool = False


@dataclass(frozen=True)
class ReviewRecord:
    supplier_id: str
    reviewed_on: date
    reviewer: str
    period_start: date
    period_end: date
    product_quality: Rating
    support_responsiveness: Rating
    documentation: Rating
    support_figures: SupportFigures | None = None
    open_disputes: int = 0
    actions: tuple[ReviewAction, ...] = ()
    notes: str | None = None
    evidence: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        _check_evidence(self.evidence, f"review of {self.supplier_id} on {self.reviewed_on}")
        if self.period_end < self.period_start:
            raise ValueError("review period ends before it starts")
        for name in ("product_quality", "support_responsiveness", "documentation"):
            Rating(getattr(self, name))  # raises ValueError outside 1..5

    @property
    def average_rating(self) -> Decimal:
        total = int(self.product_quality) + int(self.support_responsiveness) + int(self.documentation)
        return (Decimal(total) / 3).quantize(Decimal("0.01"))


@dataclass(frozen=True)
class DueReview:
    supplier_id: str
    due_on: date
    status: str  # "due" (within grace days before the date) | "overdue"
    days_overdue: int
    last_review: date | None
    missed_before: int  # earlier scheduled reviews that were never done


def due_reviews(schedules: Iterable[ReviewSchedule], reviews: Iterable[ReviewRecord], today: date) -> list[DueReview]:
    """Reviews to remind about on ``today``, earliest first.

    Scheduled date D(k) is fulfilled by a review in ``[D(k) - grace, D(k+1) - grace)``: up to
    ``grace_days`` early, or late until the next one comes into view. The latest scheduled
    date already in view (``D - grace <= today``) is reported when unfulfilled: "due" up to
    its date, "overdue" after it; older misses are counted in ``missed_before``.
    """
    by_supplier: dict[str, list[date]] = {}
    for r in reviews:
        by_supplier.setdefault(r.supplier_id, []).append(r.reviewed_on)
    out: list[DueReview] = []
    for s in schedules:
        grace = timedelta(days=s.grace_days)
        done = sorted(d for d in by_supplier.get(s.supplier_id, []) if d <= today)
        in_view = s.due_dates(today + grace)
        if not in_view:
            continue
        step = _MONTHS[s.frequency]

        def fulfilled(k: int, *, dates: list[date] = in_view, sched: ReviewSchedule = s) -> bool:
            lo = dates[k] - grace  # noqa: B023 - bound through the defaults
            hi = add_months(sched.first_due, step * (k + 1)) - grace  # noqa: B023
            return any(lo <= d < hi for d in done)  # noqa: B023

        k = len(in_view) - 1
        if fulfilled(k):
            continue
        missed = sum(1 for j in range(k) if not fulfilled(j))
        due = in_view[k]
        overdue = (today - due).days
        out.append(
            DueReview(
                s.supplier_id,
                due,
                "overdue" if overdue > 0 else "due",
                max(overdue, 0),
                done[-1] if done else None,
                missed,
            )
        )
    return sorted(out, key=lambda d: (d.due_on, d.supplier_id))


def review_history(reviews: Iterable[ReviewRecord], supplier_id: str) -> list[ReviewRecord]:
    return sorted((r for r in reviews if r.supplier_id == supplier_id), key=lambda r: r.reviewed_on)
