"""Cost, service-credit, liquidated-damages, damages and mitigation heads (foreseeability and
mitigation limits, the check of liquidated damages against the proven loss)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from ..money import Money, require_non_negative, to_decimal
from ..text import Cite, Seq, T
from .heads import (
    ART_577,
    ART_582,
    ART_583,
    ART_584,
    ART_585,
    ART_591,
    ART_592,
    CISG_74,
    CISG_77,
    CONTRACT_INTERP_60_63,
    CONTRACT_INTERP_64_65,
    LD_EXCESS_FACTOR,
    SALES_INTERP_22_23,
    ClaimHead,
    HeadKind,
    _basis,
    _check_evidence,
    _no_evidence_warning,
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
