"""Interest heads: the day-count fraction and interest on an amount over a period."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from ..money import DEFAULT_ROUNDING, Money, require_non_negative, to_decimal
from ..text import T
from .heads import CISG_78, ClaimHead, DayCount, HeadKind, _check_date


def day_count_fraction(start: date, end: date, basis: DayCount | str) -> tuple[int, int]:
    """(days, year_days) for the period from ``start`` (excluded) to ``end`` (included).

    Hand-written: the three conventions are a line each, and the libraries that implement them
    (QuantLib and the like) are far heavier than the arithmetic. 30/360 is the bond basis
    (ISDA 2006 §4.16(f)): D1 = 31 → 30; D2 = 31 → 30 when D1 is (now) 30.
    """
    _check_date(start, "start")
    _check_date(end, "end")
    if end < start:
        raise ValueError(f"end: {end} is before start ({start})")
    b = DayCount(basis)
    if b is DayCount.THIRTY_360:
        d1 = min(start.day, 30)
        d2 = 30 if (end.day == 31 and d1 == 30) else end.day
        days = 360 * (end.year - start.year) + 30 * (end.month - start.month) + (d2 - d1)
        return days, 360
    days = (end - start).days
    return days, 365 if b is DayCount.ACT_365 else 360


def interest_head(
    head_id: str,
    principal: Money,
    *,
    annual_rate_percent: Decimal | str,
    start: date,
    end: date,
    basis: DayCount | str,
    rate_basis: str,
    rate_source: str,
    evidence: Sequence[str] = (),
    cisg: bool = False,
) -> ClaimHead:
    """Simple interest on ``principal`` from ``start`` to ``end`` at a stated rate and day count.

    ``rate_basis``: ``contract_rate``, ``LPR``, ``LPR+30-50%`` or ``other_law``. CISG Art. 78 gives
    interest on sums in arrears but sets no rate: the user chooses it and the basis is printed.
    """
    require_non_negative(principal, "principal")
    rate = to_decimal(annual_rate_percent, "annual_rate_percent")
    if rate < 0:
        raise ValueError("annual_rate_percent: must not be negative")
    if not rate_source.strip():
        raise ValueError("rate_source: say where the rate comes from (contract clause, LPR of date …)")
    allowed = ("contract_rate", "LPR", "LPR+30-50%", "other_law")
    if rate_basis not in allowed:
        raise ValueError(f"rate_basis: {rate_basis!r} is not one of {', '.join(allowed)}")
    days, year = day_count_fraction(start, end, basis)
    raw = principal.amount * rate / Decimal(100) * Decimal(days) / Decimal(year)
    amount = Money.rounded(raw, principal.currency, DEFAULT_ROUNDING)
    b = DayCount(basis)
    workings = (
        T(
            "%(principal)s × %(rate)s %% × %(days)s/%(year)s (%(basis)s, %(start)s to %(end)s, first day excluded) "
            "= %(raw)s → %(amount)s (rounded half up)",
            principal=principal,
            rate=rate,
            days=days,
            year=year,
            basis=b.value,
            start=start,
            end=end,
            raw=raw,
            amount=amount,
        ),
        T("rate: %(basis)s, %(source)s", basis=rate_basis, source=rate_source),
    )
    basis_list: list[str] = []
    warnings: list[str] = []
    if cisg:
        basis_list.append(CISG_78)
        warnings.append(T("CISG Art. 78 sets no rate: the rate is the user's choice (see CISG-AC Opinion 14)"))
    else:
        basis_list.append("SPC Sales Interpretation Art. 18(4); SPC Contract Interpretation Art. 25")
    if rate_basis.startswith("LPR"):
        warnings.append(
            T(
                "UNVERIFIED: applying the LPR to a refund after termination for breach is an analogy, not a "
                "binding rule; counsel to confirm"
            )
        )
    if rate_basis == "contract_rate":
        basis_list.insert(0, rate_source)
    return ClaimHead(
        head_id,
        HeadKind.INTEREST,
        amount,
        tuple(basis_list),
        tuple(evidence),
        T("interest at %(rate)s %% a year (%(basis)s)", rate=rate, basis=b.value),
        workings=workings,
        warnings=tuple(warnings),
    )
