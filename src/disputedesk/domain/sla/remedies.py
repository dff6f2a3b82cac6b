"""SLA remedies: availability over a window, service credits and liquidated damages.

Pure domain code: no I/O, no clock.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_EVEN, Decimal
from fractions import Fraction
from typing import Any

from ..bizcal import (
    BusinessCalendar,
    to_epoch,
)
from ..money import Money
from .models import AvailabilityTerms, CreditTier, LiquidatedDamages, ServiceCredits
from .results import Evaluation

# --------------------------------------------------------------------------------------------
# Availability and service credits
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Interval:
    start: datetime
    end: datetime
    label: str = ""
    evidence_ref: str | None = None


@dataclass(frozen=True)
class AvailabilityResult:
    window_start: datetime
    window_end: datetime
    scheduled_seconds: int  # window length (or business time in it) minus excluded maintenance
    maintenance_seconds: int
    downtime_seconds: int  # outage time not covered by excluded maintenance
    ratio: Fraction  # exact availability, 0..1
    target_percent: Decimal | None
    explanation: tuple[str, ...]

    @property
    def percent(self) -> Decimal:
        """Availability in percent, rounded half-even to 3 decimals for display."""
        return (Decimal(self.ratio.numerator) * 100 / Decimal(self.ratio.denominator)).quantize(
            Decimal("0.001"), rounding=ROUND_HALF_EVEN
        )

    @property
    def met(self) -> bool | None:
        if self.target_percent is None:
            return None
        return self.ratio * 100 >= Fraction(self.target_percent)

    def to_dict(self) -> dict[str, Any]:
        return {
            "window_start": self.window_start.isoformat(),
            "window_end": self.window_end.isoformat(),
            "scheduled_seconds": self.scheduled_seconds,
            "maintenance_seconds": self.maintenance_seconds,
            "downtime_seconds": self.downtime_seconds,
            "percent": str(self.percent),
            "target_percent": str(self.target_percent) if self.target_percent is not None else None,
            "met": self.met,
            "explanation": list(self.explanation),
        }


def _merge(iv: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in sorted(iv):
        if b <= a:
            continue
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _clip(iv: list[tuple[int, int]], lo: int, hi: int) -> list[tuple[int, int]]:
    return [(max(a, lo), min(b, hi)) for a, b in iv if min(b, hi) > max(a, lo)]


def _subtract(iv: list[tuple[int, int]], cut: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out = []
    for a, b in iv:
        cur = a
        for c, d in cut:
            if d <= cur or c >= b:
                continue
            if c > cur:
                out.append((cur, c))
            cur = max(cur, d)
        if cur < b:
            out.append((cur, b))
    return out


def availability(
    window_start: datetime,
    window_end: datetime,
    outages: Iterable[Interval],
    maintenance: Iterable[Interval] = (),
    *,
    terms: AvailabilityTerms | None = None,
    calendar: BusinessCalendar | None = None,
) -> AvailabilityResult:
    """Availability over one measurement window.

    availability = (scheduled - downtime) / scheduled, where scheduled = window - excluded
    maintenance and downtime = union of outages minus excluded maintenance, all clipped to the
    window. Overlapping outages count once. With ``calendar``, only its business time counts
    (for "availability during service hours" terms); otherwise all calendar time.
    """
    lo, hi = to_epoch(window_start, "window_start"), to_epoch(window_end, "window_end")
    if hi <= lo:
        raise ValueError("availability window: window_end must be after window_start")
    out_iv = _clip(_merge((to_epoch(o.start, "outage start"), to_epoch(o.end, "outage end")) for o in outages), lo, hi)
    excl = terms.exclude_maintenance if terms is not None else True
    mnt_iv = (
        _clip(
            _merge((to_epoch(m.start, "maintenance start"), to_epoch(m.end, "maintenance end")) for m in maintenance),
            lo,
            hi,
        )
        if excl
        else []
    )
    down_iv = _subtract(out_iv, mnt_iv)

    def measure(iv: list[tuple[int, int]]) -> int:
        if calendar is None:
            return sum(b - a for a, b in iv)
        tz = calendar.tz
        return sum(
            calendar.business_seconds(datetime.fromtimestamp(a, tz), datetime.fromtimestamp(b, tz)) for a, b in iv
        )

    window_len = measure([(lo, hi)])
    mnt = measure(mnt_iv)
    down = measure(down_iv)
    scheduled = window_len - mnt
    ratio = Fraction(scheduled - down, scheduled) if scheduled > 0 else Fraction(1)
    lines = [
        f"window {window_start.isoformat()} to {window_end.isoformat()}: {window_len} s"
        + (" of business time" if calendar is not None else ""),
        f"excluded maintenance: {mnt} s in {len(mnt_iv)} interval(s)",
        f"downtime (outages, merged, minus maintenance): {down} s in {len(down_iv)} interval(s)",
        f"availability = ({scheduled} - {down}) / {scheduled}",
    ]
    return AvailabilityResult(
        window_start,
        window_end,
        scheduled,
        mnt,
        down,
        ratio,
        terms.target_percent if terms is not None else None,
        tuple(lines),
    )


@dataclass(frozen=True)
class CreditResult:
    amount: Money
    tier: CreditTier | None
    capped: bool
    explanation: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "amount": self.amount.to_json(),
            "tier": (
                {"below_percent": str(self.tier.below_percent), "credit_percent": str(self.tier.credit_percent)}
                if self.tier
                else None
            ),
            "capped": self.capped,
            "explanation": self.explanation,
        }


def service_credit(result: AvailabilityResult, credits: ServiceCredits, fee: Money) -> CreditResult:
    """The service credit for one window: the most severe tier whose threshold availability is
    strictly below, as a percentage of the window's fee, then the caps (percentage and amount)."""
    applicable = [t for t in credits.tiers if result.ratio * 100 < Fraction(t.below_percent)]
    if not applicable:
        return CreditResult(
            Money.zero(fee.currency), None, False, f"availability {result.percent}%: no credit tier applies"
        )
    tier = min(applicable, key=lambda t: t.below_percent)
    amount = fee.amount * tier.credit_percent / 100
    text = f"availability {result.percent}% < {tier.below_percent}%: {tier.credit_percent}% of {fee} = {amount}"
    capped = False
    if credits.cap_percent is not None:
        cap = fee.amount * credits.cap_percent / 100
        if amount > cap:
            amount, capped = cap, True
            text += f"; capped at {credits.cap_percent}% of the fee = {cap}"
    if credits.cap_amount is not None:
        if credits.cap_amount.currency != fee.currency:
            raise ValueError("service credits: cap currency differs from the fee currency")
        if amount > credits.cap_amount.amount:
            amount, capped = credits.cap_amount.amount, True
            text += f"; capped at {credits.cap_amount}"
    money = Money.rounded(amount, fee.currency)
    if money.amount != amount:
        text += f"; rounded half-up to {money}"
    return CreditResult(money, tier, capped, text)


# --------------------------------------------------------------------------------------------
# Liquidated damages
# --------------------------------------------------------------------------------------------

LD_CITATION = (
    "Civil Code Art. 585; SPC Contract Interpretation Arts. 64-65: a tribunal may increase "
    "liquidated damages below the loss or reduce them if excessively higher (generally more than "
    "30% over the loss); the party seeking reduction bears the burden of proof."
)


@dataclass(frozen=True)
class DamagesLine:
    request_id: str
    deadline: str
    late_seconds: int
    units: int
    amount: Money


@dataclass(frozen=True)
class DamagesResult:
    amount: Money
    lines: tuple[DamagesLine, ...]
    capped: bool
    citation: str = LD_CITATION

    def to_dict(self) -> dict[str, Any]:
        return {
            "amount": self.amount.to_json(),
            "capped": self.capped,
            "lines": [
                {
                    "request_id": ln.request_id,
                    "deadline": ln.deadline,
                    "late_seconds": ln.late_seconds,
                    "units": ln.units,
                    "amount": ln.amount.to_json(),
                }
                for ln in self.lines
            ],
            "citation": self.citation,
        }


def liquidated_damages(evaluation: Evaluation, ld: LiquidatedDamages) -> DamagesResult:
    """LDs for one request: per breached deadline of the listed kinds, rate x units of delay,
    the total capped per request. Delay up to the reply (or up to as_of while unanswered)."""
    lines = []
    for d in evaluation.breaches:
        if d.kind not in ld.applies_to:
            continue
        unit = 86_400 if ld.per == "day" else 3600
        if ld.measured_in == "business" and ld.per == "day":  # the deadline's calendar's working day
            unit = d.business_day_seconds or 86_400
        late = d.late_business_seconds if ld.measured_in == "business" else d.late_calendar_seconds
        units = math.ceil(late / unit) if ld.partial_units == "started" else late // unit
        lines.append(DamagesLine(evaluation.request_id, d.label, late, units, ld.rate.times(units)))
    total = sum((ln.amount.amount for ln in lines), Decimal("0"))
    capped = False
    if ld.cap is not None and total > ld.cap.amount:
        total, capped = ld.cap.amount, True
    return DamagesResult(Money(total, ld.rate.currency), tuple(lines), capped)
