"""A claim head: its kinds, the citations of its basis (LEGAL-NOTES rows), and the money, date and
evidence checks every calculator shares."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from ..labels import is_written_label
from ..money import Money, require_non_negative
from ..text import T

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
