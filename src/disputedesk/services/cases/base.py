"""What every case use case shares: finding a case, its evidence labels, the ledger entry, today's date."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...domain.dates import is_future
from ...domain.labels import evidence_label
from ...domain.ladder import (
    Step,
)
from ...domain.periods import legal_date
from ...domain.text import Named, Quoted, Seq, T, Text
from ...store.ledger import LedgerWriter
from ...store.models import Case, Contract, EvidenceItem, Workspace
from ...store.models_cases import (
    CaseFacts,
)
from ..context import Context
from .inputs import _CASE_NO

# Ladder steps that demand performance and, delivered with proof, restart limitation (Civil Code
# Art. 195: a demand by the right-holder; filing suit or applying for arbitration).
DEMAND_STEPS = frozenset({Step.FORMAL_COMPLAINT, Step.SENIOR_MANAGEMENT, Step.LAWYER_DEMAND})


FILING_STEPS = frozenset({Step.ARBITRATION, Step.LITIGATION})


RESTART_STEPS = DEMAND_STEPS | FILING_STEPS


CASE_STATUSES = ("open", "settled", "closed")


MONEY_KINDS = ("offer", "settlement", "receipt")


# Stored codes a refusal names (the allowed values of a field), with their names as the case page
# shows them (templates/cases_labels.html): the API and the CLI say the name, not the code.
CODE_NAMES: dict[str, Text] = {
    "refund_return": T("refund against return"),
    "price_reduction": T("price reduction"),
    "repair": T("repair costs"),
    "replacement": T("replacement costs"),
    "service_credit": T("service credits"),
    "liquidated_damages": T("liquidated damages"),
    "damages": T("damages"),
    "mitigation_costs": T("mitigation costs"),
    "interest": T("interest"),
    "offer": T("offer"),
    "settlement": T("settlement"),
    "receipt": T("receipt"),
    "open": T("open"),
    "accepted": T("accepted"),
    "rejected": T("rejected"),
    "lapsed": T("lapsed"),
    "prc": T("difference in value (PRC law, Sales Interpretation Art. 17)"),
    "cisg": T("proportional reduction (CISG Art. 50)"),
}


def named(code: str) -> Named:
    """A stored code in a refusal: its name (the code itself where it has none)."""
    return Named(code, CODE_NAMES.get(code) or T(code.replace("_", " ")))


def named_list(codes: Iterable[str]) -> Seq:
    """Allowed values by their names, ", "-joined (、 in Chinese)."""
    return Seq((named(c) for c in codes), ", ")


LINK_KINDS = ("support_request", "evidence", "order", "breach")


# Exchange rates are stored as NUMERIC(20, 6) on PostgreSQL: more decimals would be cut.
RATE_DECIMALS = 6


UPCOMING_DAYS = 120


class CaseNotFound(LookupError):
    pass


# ---------------------------------------------------------------------------------- helpers


def today_for(ctx: Context) -> date:
    """Today in China (legal dates of the supplier's side; Civil Code Arts. 200–203)."""
    return legal_date(ctx.clock())


def ahead(ctx: Context, day: date | None) -> bool:
    """``day`` has not come yet anywhere on Earth: something that happened (a step sent, a reply,
    money received, a rate fixed) cannot be dated so. The tolerance for the user's or the sender's
    zone being ahead of China's and the server's is explained in ``domain/dates.py``."""
    return day is not None and is_future(day, ctx.clock())


def _label(number: int | None) -> str | None:
    return None if number is None else evidence_label(number)


def _labels_by_id(s: Session, ids: Iterable[int | None]) -> dict[int, str]:
    wanted = {i for i in ids if i}
    if not wanted:
        return {}
    return {
        i: evidence_label(n)
        for i, n in s.execute(select(EvidenceItem.id, EvidenceItem.number).where(EvidenceItem.id.in_(wanted)))
    }


def _find_case(s: Session, ws: Workspace, ref: int | str) -> Case:
    q = select(Case).where(Case.workspace_id == ws.id)
    text = str(ref).strip()
    if text.isdigit() and len(text) <= 9:
        q = q.where(Case.id == int(text))
    elif _CASE_NO.match(text.upper()):
        q = q.where(Case.number == text.upper())
    else:
        raise CaseNotFound(
            T(
                "case %(case)s does not exist (give its id or a number like CASE-2026-001)",
                case=Quoted(text),
            )
        )
    case = s.execute(q).scalar_one_or_none()
    if case is None:
        raise CaseNotFound(T("case %(case)s does not exist in this workspace", case=Quoted(text)))
    return case


def _ledger(
    s: Session, ws: Workspace, ctx: Context, actor: str, action: str, case: Case, payload: dict[str, Any]
) -> LedgerWriter:
    writer = LedgerWriter(s, ws)
    writer.append(
        actor=actor, action=action, at=ctx.clock(), subject=case.number, payload={"case": case.number, **payload}
    )
    return writer


def _jsonable(value: Any) -> Any:
    if isinstance(value, (date, Decimal)):
        return value.isoformat() if isinstance(value, date) else str(value)
    if isinstance(value, Mapping):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value


def _contract_of(s: Session, case: Case) -> Contract | None:
    return s.get(Contract, case.contract_id) if case.contract_id else None


def _facts_row(s: Session, case: Case) -> CaseFacts:
    cf = s.execute(select(CaseFacts).where(CaseFacts.case_id == case.id)).scalar_one_or_none()
    if cf is None:
        cf = CaseFacts(
            workspace_id=case.workspace_id,
            case_id=case.id,
            issues=[case.issue_type] if case.issue_type else [],
            platform_order=False,
            notes=[],
        )
        s.add(cf)
        s.flush()
    return cf
