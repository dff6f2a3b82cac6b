"""Claim heads, their calculators, totals per currency, and what has been recovered.

Each head has an exact amount (:class:`~disputedesk.domain.money.Money`), a basis (contract clause
and/or statute, with citation), the evidence numbers that support it (``E-0042``), the working
that produced the amount, and warnings for counsel. Citations come from
``shared/legal/LEGAL-NOTES.md`` (rows C1–C17); anything marked UNVERIFIED there is shown as such.

Pure domain code: no I/O, no clock (dates are arguments), no float.

One module per use case: ``heads`` (the claim head, its kinds, the citations and the checks every
calculator shares), ``price`` (refund, price reduction under PRC law and the CISG), ``damages``
(costs, service credits, liquidated damages, damages, mitigation), ``interest`` (day counts and
interest), ``total`` (a case's claim total per currency), ``recovery`` (offers, settlements,
receipts and what is still outstanding).
"""

from .damages import (
    cost_head,
    damages_head,
    liquidated_damages_check,
    liquidated_damages_head,
    mitigation_head,
    service_credit_head,
)
from .heads import (
    ART_577,
    ART_582,
    ART_583,
    ART_584,
    ART_585,
    ART_591,
    ART_592,
    CISG_50,
    CISG_74,
    CISG_77,
    CISG_78,
    CONTRACT_INTERP_60_63,
    CONTRACT_INTERP_64_65,
    LD_EXCESS_FACTOR,
    SALES_INTERP_17,
    SALES_INTERP_22_23,
    ClaimHead,
    DayCount,
    HeadKind,
)
from .interest import day_count_fraction, interest_head
from .price import price_reduction_cisg, price_reduction_prc, refund_head
from .recovery import CurrencyPosition, Offer, OfferStatus, Receipt, RecoverySummary, Settlement, recovery_summary
from .total import claim_totals

__all__ = [
    "ART_577",
    "ART_582",
    "ART_583",
    "ART_584",
    "ART_585",
    "ART_591",
    "ART_592",
    "CISG_50",
    "CISG_74",
    "CISG_77",
    "CISG_78",
    "CONTRACT_INTERP_60_63",
    "CONTRACT_INTERP_64_65",
    "ClaimHead",
    "CurrencyPosition",
    "DayCount",
    "HeadKind",
    "LD_EXCESS_FACTOR",
    "Offer",
    "OfferStatus",
    "Receipt",
    "RecoverySummary",
    "SALES_INTERP_17",
    "SALES_INTERP_22_23",
    "Settlement",
    "claim_totals",
    "cost_head",
    "damages_head",
    "day_count_fraction",
    "interest_head",
    "liquidated_damages_check",
    "liquidated_damages_head",
    "mitigation_head",
    "price_reduction_cisg",
    "price_reduction_prc",
    "recovery_summary",
    "refund_head",
    "service_credit_head",
]
