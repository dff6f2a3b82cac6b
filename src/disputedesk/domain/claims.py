"""Claim heads, their calculators, totals per currency, and what has been recovered.

Each head has an exact amount (:class:`~disputedesk.domain.money.Money`), a basis (contract clause
and/or statute, with citation), the evidence numbers that support it (``E-0042``), the working
that produced the amount, and warnings for counsel. Citations come from
``shared/legal/LEGAL-NOTES.md`` (rows C1–C17); anything marked UNVERIFIED there is shown as such.

Pure domain code: no I/O, no clock (dates are arguments), no float.

Size (over 600 lines, one module on purpose): each calculator is short; they share the money,
date and evidence checks and the per-currency totals, and counsel reviews the claim arithmetic
in this one file.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from .labels import is_written_label
from .money import DEFAULT_ROUNDING, Money, require_non_negative, to_decimal, totals
from .text import Cite, Seq, T

# Citations (LEGAL-NOTES row in brackets).
ART_577 = "PRC Civil Code Art. 577"  # C1
ART_582 = "PRC Civil Code Art. 582"  # C2
ART_583 = "PRC Civil Code Art. 583"  # C4
ART_584 = "PRC Civil Code Art. 584"  # C5
ART_585 = "PRC Civil Code Art. 585"  # C8
ART_591 = "PRC Civil Code Art. 591"  # C6
ART_592 = "PRC Civil Code Art. 592"  # C7
SALES_INTERP_17 = "SPC Sales Interpretation Art. 17"  # C3
SALES_INTERP_22_23 = "SPC Sales Interpretation Arts. 22–23"  # C5, C17
CONTRACT_INTERP_60_63 = "SPC Contract Interpretation Arts. 60, 62, 63"  # C5
CONTRACT_INTERP_64_65 = "SPC Contract Interpretation Arts. 64–65"  # C8
CISG_50 = "CISG Art. 50 [wording UNVERIFIED]"  # C3 (LEGAL-NOTES: only Arts. 39 and 78 checked)
CISG_74 = "CISG Art. 74 [wording UNVERIFIED]"  # C5
CISG_77 = "CISG Art. 77 [wording UNVERIFIED]"  # C6
CISG_78 = "CISG Art. 78"  # C16 (checked word for word)
LD_EXCESS_FACTOR = Decimal("1.3")  # Contract Interpretation Art. 65: > 30 % over the loss is "excessive"


class HeadKind(StrEnum):
    REFUND_RETURN = "refund_return"
    PRICE_REDUCTION = "price_reduction"
    REPAIR = "repair"
    REPLACEMENT = "replacement"
    SERVICE_CREDIT = "service_credit"
    LIQUIDATED_DAMAGES = "liquidated_damages"
    DAMAGES = "damages"
    MITIGATION = "mitigation_costs"
    INTEREST = "interest"


class DayCount(StrEnum):
    ACT_365 = "ACT/365"
    ACT_360 = "ACT/360"
    THIRTY_360 = "30/360"


def _check_evidence(evidence: Iterable[str], name: str = "evidence") -> tuple[str, ...]:
    items = tuple(evidence)
    for i, e in enumerate(items):
        if not isinstance(e, str) or not is_written_label(e):
            raise ValueError(f"{name}[{i}]: {e!r} is not an evidence number like 'E-0042'")
    return items


def _check_date(value: object, name: str) -> date:
    if isinstance(value, datetime) or not isinstance(value, date):
        raise ValueError(f"{name}: expected a date (datetime.date), got {type(value).__name__}")
    return value


@dataclass(frozen=True)
class ClaimHead:
    id: str  # stable within the case, e.g. "H-1"
    kind: HeadKind
    amount: Money
    basis: tuple[str, ...]  # contract clause and/or statute citations
    evidence: tuple[str, ...]  # evidence numbers, "E-0042"
    description: str = ""
    workings: tuple[str, ...] = ()  # how the amount was computed
    warnings: tuple[str, ...] = ()  # for counsel (e.g. LD adjustment risk, missing evidence)

    def __post_init__(self) -> None:
        if not isinstance(self.id, str) or not self.id.strip():
            raise ValueError("id: a claim head needs an id (e.g. 'H-1')")
        object.__setattr__(self, "kind", HeadKind(self.kind))
        require_non_negative(self.amount, "amount")
        basis = tuple(self.basis)
        if not basis or not all(isinstance(b, str) and b.strip() for b in basis):
            raise ValueError("basis: name the contract clause or statute the head rests on")
        object.__setattr__(self, "basis", basis)
        object.__setattr__(self, "evidence", _check_evidence(self.evidence))
        object.__setattr__(self, "workings", tuple(self.workings))
        object.__setattr__(self, "warnings", tuple(self.warnings))

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "kind": self.kind.value,
            "amount": self.amount.to_json(),
            "basis": list(self.basis),
            "evidence": list(self.evidence),
            "description": self.description,
            "workings": list(self.workings),
            "warnings": list(self.warnings),
        }


def _no_evidence_warning(evidence: Sequence[str]) -> tuple[str, ...]:
    return () if evidence else (T("no supporting evidence item is linked to this head"),)


def _basis(clause: str | None, *statutes: str) -> tuple[str, ...]:
    return ((clause,) if clause else ()) + statutes


# ------------------------------------------------------------------------------ calculators


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


def cost_head(
    head_id: str,
    kind: HeadKind | str,
    amount: Money,
    *,
    evidence: Sequence[str],
    description: str,
    clause: str | None = None,
) -> ClaimHead:
    """Repair or replacement costs (Civil Code Art. 582; damages alongside: Art. 583)."""
    k = HeadKind(kind)
    if k not in (HeadKind.REPAIR, HeadKind.REPLACEMENT):
        raise ValueError(f"kind: cost_head is for repair or replacement, not {k.value}")
    return ClaimHead(
        head_id,
        k,
        require_non_negative(amount),
        _basis(clause, ART_582, ART_583),
        tuple(evidence),
        description,
        workings=(
            T("repair costs: %(amount)s", amount=amount)
            if k is HeadKind.REPAIR
            else T("replacement costs: %(amount)s", amount=amount),
        ),
        warnings=_no_evidence_warning(evidence),
    )


def service_credit_head(
    head_id: str, amount: Money, *, sla_reference: str, clause: str, evidence: Sequence[str]
) -> ClaimHead:
    """Service credits computed by the SLA engine under the contract's remedy clause."""
    if not clause.strip():
        raise ValueError("clause: service credits rest on the contract's remedy clause; name it")
    return ClaimHead(
        head_id,
        HeadKind.SERVICE_CREDIT,
        require_non_negative(amount),
        (clause, ART_577),
        tuple(evidence),
        T("service credits for SLA breaches"),
        workings=(T("from the SLA engine: %(ref)s: %(amount)s", ref=sla_reference, amount=amount),),
        warnings=_no_evidence_warning(evidence),
    )


def liquidated_damages_check(ld: Money, proven_loss: Money | None) -> tuple[str, ...]:
    """Warnings under Civil Code Art. 585(2) and Contract Interpretation Arts. 64–65."""
    if proven_loss is None:
        return (
            T(
                "no proven loss recorded: the tribunal compares liquidated damages with the loss (%(rules)s)",
                rules=Seq((Cite(ART_585), Cite(CONTRACT_INTERP_64_65))),
            ),
        )
    require_non_negative(proven_loss, "proven_loss")
    if ld.currency != proven_loss.currency:
        raise ValueError("proven_loss: must be in the same currency as the liquidated damages")
    if ld.amount > proven_loss.amount * LD_EXCESS_FACTOR:
        return (
            T(
                "reduction risk: %(ld)s exceeds the proven loss %(loss)s by more than 30 %%; the supplier may "
                "ask for a reduction and bears the burden of proof (%(rules)s)",
                ld=ld,
                loss=proven_loss,
                rules=Seq((Cite(ART_585 + "(2)"), Cite(CONTRACT_INTERP_64_65))),
            ),
        )
    if ld < proven_loss:
        return (
            T(
                "below the proven loss %(loss)s: the buyer may ask the tribunal to increase it (%(rules)s)",
                loss=proven_loss,
                rules=Seq((Cite(ART_585 + "(2)"), Cite(CONTRACT_INTERP_64_65))),
            ),
        )
    return ()


def liquidated_damages_head(
    head_id: str,
    ld: Money,
    *,
    clause: str,
    evidence: Sequence[str],
    proven_loss: Money | None = None,
    sla_reference: str = "",
) -> ClaimHead:
    """Liquidated damages (违约金) under the contract clause, e.g. per day of delay × days (SLA engine)."""
    if not clause.strip():
        raise ValueError("clause: liquidated damages rest on a contract clause; name it")
    require_non_negative(ld, "amount")
    workings = [T("per %(clause)s: %(ld)s", clause=Cite(clause), ld=ld)]
    if sla_reference:
        workings.append(T("from the SLA engine: %(ref)s", ref=sla_reference))
    if proven_loss is not None:
        workings.append(T("proven loss: %(loss)s", loss=proven_loss))
    return ClaimHead(
        head_id,
        HeadKind.LIQUIDATED_DAMAGES,
        ld,
        (clause, ART_585),
        tuple(evidence),
        T("liquidated damages"),
        workings=tuple(workings),
        warnings=liquidated_damages_check(ld, proven_loss) + _no_evidence_warning(evidence),
    )


def damages_head(
    head_id: str,
    *,
    direct_loss: Money,
    evidence: Sequence[str],
    lost_profit: Money | None = None,
    costs_saved: Money | None = None,
    mitigable_loss: Money | None = None,
    benefits_gained: Money | None = None,
    foreseeability_evidence: Sequence[str] = (),
    contributory_fault_percent: Decimal | None = None,
    contributory_fault_reason: str = "",
    cisg: bool = False,
    clause: str | None = None,
) -> ClaimHead:
    """Damages worksheet (Civil Code Art. 584; CISG Art. 74):

    direct_loss + lost_profit − costs_saved − mitigable_loss − benefits_gained, less contributory fault
    (Art. 592). Lost profit needs foreseeability evidence (e.g. an email telling the supplier the
    machine feeds a production line).
    """
    cur = require_non_negative(direct_loss, "direct_loss").currency
    parts: dict[str, Money] = {}
    for name, m in (
        ("lost_profit", lost_profit),
        ("costs_saved", costs_saved),
        ("mitigable_loss", mitigable_loss),
        ("benefits_gained", benefits_gained),
    ):
        if m is not None:
            require_non_negative(m, name)
            if m.currency != cur:
                raise ValueError(f"{name}: currency {m.currency} differs from direct_loss ({cur})")
            parts[name] = m
    zero = Money.zero(cur)
    gross = direct_loss + parts.get("lost_profit", zero)
    deductions = parts.get("costs_saved", zero) + parts.get("mitigable_loss", zero) + parts.get("benefits_gained", zero)
    net = gross - deductions
    workings = [
        T(
            "direct loss %(direct)s + lost profit %(profit)s − costs saved %(saved)s − avoidable loss "
            "%(avoidable)s − benefits gained %(gained)s = %(net)s",
            direct=direct_loss,
            profit=parts.get("lost_profit", zero),
            saved=parts.get("costs_saved", zero),
            avoidable=parts.get("mitigable_loss", zero),
            gained=parts.get("benefits_gained", zero),
            net=net,
        )
    ]
    warnings = list(_no_evidence_warning(evidence))
    fore = _check_evidence(foreseeability_evidence, "foreseeability_evidence")
    if "lost_profit" in parts and parts["lost_profit"].amount > 0 and not fore:
        warnings.append(
            T(
                "lost profit without foreseeability evidence: recoverable only as far as the supplier foresaw "
                "or should have foreseen it at contracting (%(rules)s)",
                rules=Seq((Cite(ART_584), Cite(CISG_74 if cisg else CONTRACT_INTERP_60_63))),
            )
        )
    if net.is_negative:
        warnings.append(T("deductions exceed the losses (%(net)s); the head is set to zero", net=net))
        net = zero
    if contributory_fault_percent is not None:
        pct = to_decimal(contributory_fault_percent, "contributory_fault_percent")
        if not 0 <= pct <= 100:
            raise ValueError("contributory_fault_percent: must be between 0 and 100")
        if not contributory_fault_reason.strip():
            raise ValueError("contributory_fault_reason: a reduction for the buyer's own fault needs a reason")
        reduced = net.times((Decimal(100) - pct) / Decimal(100))
        workings.append(
            T(
                "less %(pct)s %% for the buyer's share of fault (%(reason)s; %(rule)s): %(reduced)s",
                pct=pct,
                reason=contributory_fault_reason,
                rule=Cite(ART_592),
                reduced=reduced,
            )
        )
        net = reduced
    basis = _basis(clause, ART_584, CONTRACT_INTERP_60_63, SALES_INTERP_22_23) if not cisg else _basis(clause, CISG_74)
    return ClaimHead(
        head_id,
        HeadKind.DAMAGES,
        net,
        basis,
        tuple(evidence) + fore,
        T("damages including lost profit") if "lost_profit" in parts else T("damages"),
        workings=tuple(workings),
        warnings=tuple(warnings),
    )


def mitigation_head(
    head_id: str,
    amount: Money,
    *,
    steps_taken: str,
    evidence: Sequence[str],
    cisg: bool = False,
) -> ClaimHead:
    """Reasonable costs of mitigation (Civil Code Art. 591; CISG Art. 77), e.g. a local technician."""
    if not steps_taken.strip():
        raise ValueError("steps_taken: describe the mitigation steps (e.g. hired a local technician)")
    return ClaimHead(
        head_id,
        HeadKind.MITIGATION,
        require_non_negative(amount),
        (CISG_77,) if cisg else (ART_591,),
        tuple(evidence),
        T("reasonable mitigation costs"),
        workings=(T("%(steps)s: %(amount)s", steps=steps_taken, amount=amount),),
        warnings=_no_evidence_warning(evidence),
    )


# ---------------------------------------------------------------------------------- interest


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


# --------------------------------------------------------------------------------- totals


def claim_totals(heads: Iterable[ClaimHead]) -> dict[str, Money]:
    """Total claimed per currency (no conversion)."""
    return totals(h.amount for h in heads)


# -------------------------------------------------------------------------------- recovery


class OfferStatus(StrEnum):
    OPEN = "open"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    LAPSED = "lapsed"


@dataclass(frozen=True)
class Offer:
    on: date
    by: str  # "supplier" or "buyer"
    amount: Money
    evidence: tuple[str, ...] = ()
    status: OfferStatus = OfferStatus.OPEN
    terms: str = ""

    def __post_init__(self) -> None:
        _check_date(self.on, "offer.on")
        if self.by not in ("supplier", "buyer"):
            raise ValueError(f"offer.by: {self.by!r} is not 'supplier' or 'buyer'")
        require_non_negative(self.amount, "offer.amount")
        object.__setattr__(self, "evidence", _check_evidence(self.evidence, "offer.evidence"))
        object.__setattr__(self, "status", OfferStatus(self.status))


@dataclass(frozen=True)
class Settlement:
    on: date
    amount: Money
    evidence: tuple[str, ...]
    terms: str = ""

    def __post_init__(self) -> None:
        _check_date(self.on, "settlement.on")
        require_non_negative(self.amount, "settlement.amount")
        object.__setattr__(self, "evidence", _check_evidence(self.evidence, "settlement.evidence"))


@dataclass(frozen=True)
class Receipt:
    """Money actually received from the supplier (or a platform/insurer) on a date, with proof."""

    on: date
    amount: Money
    evidence: tuple[str, ...]
    note: str = ""

    def __post_init__(self) -> None:
        _check_date(self.on, "received.on")
        require_non_negative(self.amount, "received.amount")
        ev = _check_evidence(self.evidence, "received.evidence")
        if not ev:
            raise ValueError("received.evidence: an amount received needs proof (bank statement, receipt)")
        object.__setattr__(self, "evidence", ev)


@dataclass(frozen=True)
class CurrencyPosition:
    currency: str
    claimed: Money
    settled: Money | None  # the settlement amount when the dispute is settled in this currency
    received: Money
    outstanding: Money  # (settled or claimed) − received; never below zero
    overpaid: Money  # received beyond what is due

    def to_json(self) -> dict[str, object]:
        return {
            "currency": self.currency,
            "claimed": str(self.claimed.amount),
            "settled": None if self.settled is None else str(self.settled.amount),
            "received": str(self.received.amount),
            "outstanding": str(self.outstanding.amount),
            "overpaid": str(self.overpaid.amount),
        }


@dataclass(frozen=True)
class RecoverySummary:
    positions: tuple[CurrencyPosition, ...]
    best_open_offer: tuple[Offer, ...] = field(default=())
    receipts: tuple[Receipt, ...] = field(default=())

    def position(self, currency: str) -> CurrencyPosition:
        for p in self.positions:
            if p.currency == currency:
                return p
        raise KeyError(currency)


def recovery_summary(
    heads: Iterable[ClaimHead],
    *,
    offers: Iterable[Offer] = (),
    settlements: Iterable[Settlement] = (),
    receipts: Iterable[Receipt] = (),
) -> RecoverySummary:
    """Per currency: claimed, settled, received, outstanding. No conversion between currencies."""
    claimed = claim_totals(heads)
    settled = totals(s.amount for s in settlements)
    rec_list = tuple(sorted(receipts, key=lambda r: r.on))
    received = totals(r.amount for r in rec_list)
    currencies = sorted(set(claimed) | set(settled) | set(received))
    positions: list[CurrencyPosition] = []
    for c in currencies:
        zero = Money.zero(c)
        due = settled.get(c, claimed.get(c, zero))
        got = received.get(c, zero)
        diff = due - got
        positions.append(
            CurrencyPosition(
                currency=c,
                claimed=claimed.get(c, zero),
                settled=settled.get(c),
                received=got,
                outstanding=diff if not diff.is_negative else zero,
                overpaid=-diff if diff.is_negative else zero,
            )
        )
    open_offers = [o for o in offers if o.by == "supplier" and o.status is OfferStatus.OPEN]
    best: dict[str, Offer] = {}
    for o in open_offers:
        cur = o.amount.currency
        if cur not in best or o.amount > best[cur].amount:
            best[cur] = o
    return RecoverySummary(tuple(positions), tuple(best[c] for c in sorted(best)), rec_list)
