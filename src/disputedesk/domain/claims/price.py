"""Refund and price reduction heads (PRC Civil Code Art. 582 with the SPC Sales Interpretation; CISG
Art. 50)."""

from __future__ import annotations

from collections.abc import Sequence

from ..money import Money, require_non_negative
from ..text import Cite, T
from .heads import ART_582, CISG_50, SALES_INTERP_17, ClaimHead, HeadKind, _basis, _no_evidence_warning


def refund_head(
    head_id: str, amount: Money, *, evidence: Sequence[str], clause: str | None = None, description: str = ""
) -> ClaimHead:
    """Refund on return of the goods (Civil Code Art. 582: return as a remedy for non-conformity)."""
    return ClaimHead(
        head_id,
        HeadKind.REFUND_RETURN,
        require_non_negative(amount),
        _basis(clause, ART_582),
        tuple(evidence),
        description or T("refund of the price against return of the goods"),
        workings=(T("price to be refunded: %(amount)s", amount=amount),),
        warnings=_no_evidence_warning(evidence),
    )


def price_reduction_prc(
    head_id: str,
    *,
    value_conforming: Money,
    value_delivered: Money,
    evidence: Sequence[str],
    valuation_source: str,
    price_paid: Money | None = None,
    clause: str | None = None,
) -> ClaimHead:
    """PRC difference method (SPC Sales Interpretation Art. 17; Civil Code Art. 582).

    Reduction = market value at delivery of conforming goods − of the goods actually delivered.
    """
    require_non_negative(value_conforming, "value_conforming")
    require_non_negative(value_delivered, "value_delivered")
    if not valuation_source.strip():
        raise ValueError("valuation_source: say where the market values come from (appraisal, quotes…)")
    if value_delivered > value_conforming:
        raise ValueError("value_delivered: exceeds value_conforming; there is nothing to reduce")
    reduction = value_conforming - value_delivered
    warnings = list(_no_evidence_warning(evidence))
    if price_paid is not None and reduction > price_paid:
        warnings.append(
            T("the reduction (%(reduction)s) exceeds the price paid (%(paid)s)", reduction=reduction, paid=price_paid)
        )
    return ClaimHead(
        head_id,
        HeadKind.PRICE_REDUCTION,
        reduction,
        _basis(clause, ART_582, SALES_INTERP_17),
        tuple(evidence),
        T("price reduction, PRC difference method"),
        workings=(
            T(
                "market value at delivery of conforming goods %(conforming)s − of goods delivered "
                "%(delivered)s = %(reduction)s (%(rule)s); valuations: %(source)s",
                conforming=value_conforming,
                delivered=value_delivered,
                reduction=reduction,
                rule=Cite(SALES_INTERP_17),
                source=valuation_source,
            ),
            T("where the price has been paid, the excess is refunded"),
        ),
        warnings=tuple(warnings),
    )


def price_reduction_cisg(
    head_id: str,
    *,
    price: Money,
    value_conforming: Money,
    value_delivered: Money,
    evidence: Sequence[str],
    valuation_source: str,
    clause: str | None = None,
) -> ClaimHead:
    """CISG Art. 50 proportional method: reduction = price × (1 − value_delivered / value_conforming)."""
    require_non_negative(price, "price")
    require_non_negative(value_delivered, "value_delivered")
    if value_conforming.currency != value_delivered.currency:
        raise ValueError("value_delivered: must be in the same currency as value_conforming")
    if value_conforming.amount <= 0:
        raise ValueError("value_conforming: must be greater than zero")
    if value_delivered > value_conforming:
        raise ValueError("value_delivered: exceeds value_conforming; there is nothing to reduce")
    if not valuation_source.strip():
        raise ValueError("valuation_source: say where the values come from")
    reduced_price = price.times(value_delivered.amount / value_conforming.amount)
    reduction = price - reduced_price
    return ClaimHead(
        head_id,
        HeadKind.PRICE_REDUCTION,
        reduction,
        _basis(clause, CISG_50),
        tuple(evidence),
        T("price reduction, CISG proportional method"),
        workings=(
            T(
                "reduced price = %(price)s × %(delivered)s / %(conforming)s = %(reduced)s "
                "(rounded half up); reduction = %(price)s − %(reduced)s = %(reduction)s (%(rule)s); values at "
                "the time of delivery: %(source)s",
                price=price,
                delivered=value_delivered.amount,
                conforming=value_conforming.amount,
                reduced=reduced_price,
                reduction=reduction,
                rule=Cite(CISG_50),
                source=valuation_source,
            ),
        ),
        warnings=_no_evidence_warning(evidence),
    )
