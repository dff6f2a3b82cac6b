"""Reading the dispute's structured records: parties, contracts, orders, payments, requests, cases."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select

from ...store.db import unit_of_work
from ...store.models import (
    Case,
    Contract,
    EvidenceItem,
    LedgerEntry,
    Message,
    Organization,
    Payment,
    SupportRequest,
)
from ..context import Context
from ..workspaces import get_workspace


@dataclass
class Dashboard:
    evidence: int
    evidence_bytes: int
    by_kind: dict[str, int]
    suppliers: list[Organization]
    cases: list[Case]
    support_requests: int
    messages: int
    ledger_head: tuple[int, str] | None
    paid: dict[str, Any] = field(default_factory=dict)


def dashboard(ctx: Context, workspace: str) -> Dashboard:
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        n, total = s.execute(
            select(func.count(EvidenceItem.id), func.coalesce(func.sum(EvidenceItem.size), 0)).where(
                EvidenceItem.workspace_id == ws.id
            )
        ).one()
        by_kind = dict(
            s.execute(
                select(EvidenceItem.kind, func.count(EvidenceItem.id))
                .where(EvidenceItem.workspace_id == ws.id)
                .group_by(EvidenceItem.kind)
            ).all()
        )
        suppliers = list(
            s.execute(
                select(Organization)
                .where(Organization.workspace_id == ws.id, Organization.role == "supplier")
                .order_by(Organization.name_en)
            ).scalars()
        )
        cases = list(s.execute(select(Case).where(Case.workspace_id == ws.id).order_by(Case.number)).scalars())
        srs = s.execute(select(func.count(SupportRequest.id)).where(SupportRequest.workspace_id == ws.id)).scalar_one()
        msgs = s.execute(select(func.count(Message.id)).where(Message.workspace_id == ws.id)).scalar_one()
        head = s.execute(
            select(LedgerEntry.seq, LedgerEntry.hash)
            .where(LedgerEntry.workspace_id == ws.id)
            .order_by(LedgerEntry.seq.desc())
            .limit(1)
        ).first()
        paid: dict[str, Any] = {}
        for cur, amount in s.execute(select(Payment.currency, Payment.amount).where(Payment.workspace_id == ws.id)):
            paid[cur] = paid.get(cur, 0) + amount
    return Dashboard(
        int(n), int(total), by_kind, suppliers, cases, int(srs), int(msgs), (head[0], head[1]) if head else None, paid
    )


def contract_number_for_evidence(ctx: Context, workspace: str, evidence_number: int) -> str | None:
    """The contract (or amendment) record whose document is this evidence item."""
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        row = s.execute(
            select(Contract.number, Contract.parent_id)
            .join(EvidenceItem, EvidenceItem.id == Contract.evidence_id)
            .where(Contract.workspace_id == ws.id, EvidenceItem.number == evidence_number)
        ).first()
        if row is None:
            return None
        number, parent_id = row
        if parent_id is not None:  # an amendment's terms belong to its contract
            parent = s.get(Contract, parent_id)
            return parent.number if parent else number
        return str(number)
