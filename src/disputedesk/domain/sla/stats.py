"""Per-supplier SLA statistics (:func:`supplier_stats`, :func:`first_response_figures`) and
month windows for reports.

Pure domain code: no I/O, no clock.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction
from typing import Any

from ..money import Money, totals
from .models import SupportTerms
from .remedies import AvailabilityResult, CreditResult, liquidated_damages
from .results import Evaluation, Status

# --------------------------------------------------------------------------------------------
# Per-supplier statistics
# --------------------------------------------------------------------------------------------


def _nearest_rank(sorted_vals: Sequence[int], q: Fraction) -> int:
    """Nearest-rank percentile: an actually observed value (no interpolation)."""
    k = max(1, math.ceil(q * len(sorted_vals)))
    return sorted_vals[k - 1]


def first_response_figures(seconds: Iterable[int]) -> tuple[int | None, int | None]:
    """Median and p90 of first-response times (business seconds): the lower median and the
    nearest-rank 90th percentile, both an observed value. The one place these are computed (the
    SLA report and the supplier reviews and scorecard both use it)."""
    frs = sorted(seconds)
    if not frs:
        return None, None
    return frs[(len(frs) - 1) // 2], _nearest_rank(frs, Fraction(9, 10))


@dataclass(frozen=True)
class SupplierStats:
    supplier: str
    period: str | None  # e.g. "2026-02" when grouped by month, else None (all time)
    requests: int
    deadlines: int
    met: int
    breached: int
    pending: int
    compliance_rate: Decimal | None  # met / (met + breached), 4 decimals; None if nothing settled
    first_responses: int
    median_first_response_seconds: int | None  # business seconds, lower median
    p90_first_response_seconds: int | None  # business seconds, nearest rank
    breaches_by_severity: Mapping[str, int]
    damages_owed: Mapping[str, Money]  # currency -> liquidated damages owed
    credits_owed: Mapping[str, Money]  # currency -> service credits owed
    availability: tuple[AvailabilityResult, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "supplier": self.supplier,
            "period": self.period,
            "requests": self.requests,
            "deadlines": self.deadlines,
            "met": self.met,
            "breached": self.breached,
            "pending": self.pending,
            "compliance_rate": str(self.compliance_rate) if self.compliance_rate is not None else None,
            "first_responses": self.first_responses,
            "median_first_response_seconds": self.median_first_response_seconds,
            "p90_first_response_seconds": self.p90_first_response_seconds,
            "breaches_by_severity": dict(self.breaches_by_severity),
            "damages_owed": {k: v.to_json() for k, v in self.damages_owed.items()},
            "credits_owed": {k: v.to_json() for k, v in self.credits_owed.items()},
            "availability": [a.to_dict() for a in self.availability],
        }


def supplier_stats(
    evaluations: Iterable[Evaluation],
    *,
    terms_by_supplier: Mapping[str, SupportTerms] | None = None,
    credits: Mapping[str, Iterable[CreditResult]] | None = None,
    availability_results: Mapping[str, Iterable[AvailabilityResult]] | None = None,
    period: str | None = None,
    tz: str = "Asia/Shanghai",
) -> list[SupplierStats]:
    """Compliance, first-response median/p90, breaches by severity and money owed per supplier.

    ``period="month"`` groups by the month the request was opened (in `tz`, the supplier's zone)
    for charts over time. Liquidated damages are computed from ``terms_by_supplier`` when given.
    """
    from zoneinfo import ZoneInfo

    zone = ZoneInfo(tz)
    groups: dict[tuple[str, str | None], list[Evaluation]] = defaultdict(list)
    for ev in evaluations:
        key = ev.opened_at.astimezone(zone).strftime("%Y-%m") if period == "month" else None
        if period not in (None, "month"):
            raise ValueError(f"period {period!r}: expected None or 'month'")
        groups[(ev.supplier, key)].append(ev)
    out = []
    for (supplier, per), evs in sorted(groups.items(), key=lambda kv: (kv[0][0], kv[0][1] or "")):
        met = breached = pending = total = 0
        by_sev: dict[str, int] = defaultdict(int)
        frs: list[int] = []
        damages: list[Money] = []
        terms = (terms_by_supplier or {}).get(supplier)
        for ev in evs:
            for d in ev.deadlines:
                total += 1
                if d.status == Status.MET:
                    met += 1
                elif d.status == Status.BREACHED:
                    breached += 1
                    by_sev[ev.severity] += 1
                else:
                    pending += 1
            if ev.first_response_business_seconds is not None:
                frs.append(ev.first_response_business_seconds)
            if terms is not None and terms.liquidated_damages is not None:
                r = liquidated_damages(ev, terms.liquidated_damages)
                if r.amount.amount:
                    damages.append(r.amount)
        frs.sort()
        settled = met + breached
        rate = (Decimal(met) / Decimal(settled)).quantize(Decimal("0.0001")) if settled else None
        cred: list[Money] = []
        avail: tuple[AvailabilityResult, ...] = ()
        if per is None:
            for c in (credits or {}).get(supplier, ()):
                cred.append(c.amount)
            avail = tuple((availability_results or {}).get(supplier, ()))
        out.append(
            SupplierStats(
                supplier,
                per,
                len(evs),
                total,
                met,
                breached,
                pending,
                rate,
                len(frs),
                *first_response_figures(frs),
                dict(sorted(by_sev.items())),
                totals(damages),
                totals(cred),
                avail,
            )
        )
    return out


def month_windows(first: date, last: date, tz: str = "Asia/Shanghai") -> list[tuple[datetime, datetime]]:
    """Calendar-month measurement windows covering first..last, in the given zone."""
    from zoneinfo import ZoneInfo

    zone = ZoneInfo(tz)
    out = []
    y, m = first.year, first.month
    while (y, m) <= (last.year, last.month):
        ny, nm = (y + 1, 1) if m == 12 else (y, m + 1)
        out.append((datetime(y, m, 1, tzinfo=zone), datetime(ny, nm, 1, tzinfo=zone)))
        y, m = ny, nm
    return out
