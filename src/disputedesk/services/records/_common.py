"""What the record modules (buyer, contracts, orders, payments) share: one transaction under the
workspace lock with its ledger writer, lookups that name the field on bad input, the evidence
items of a record, and its history read back from the ledger."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...domain.dates import is_future
from ...domain.labels import evidence_label
from ...domain.text import Quoted
from ...store.db import lock_workspace, unit_of_work
from ...store.ledger import LedgerWriter, entries_for_subject
from ...store.models import Contract, EvidenceItem, Organization, RecordEvidence, Workspace
from ..context import Context
from ..workspaces import get_workspace
from .errors import FieldError
from .request_models import HistoryEntry

T = TypeVar("T")


class Writer:
    """The session, workspace and ledger of one change; ``log`` appends one ledger entry."""

    def __init__(self, ctx: Context, s: Session, ws: Workspace, actor: str) -> None:
        self.ctx, self.s, self.ws, self.actor = ctx, s, ws, actor
        self.ledger = LedgerWriter(s, ws)

    def log(self, action: str, subject: str, payload: dict[str, Any]) -> None:
        self.ledger.append(actor=self.actor, action=action, at=self.ctx.clock(), subject=subject, payload=payload)


def write(ctx: Context, workspace: str, actor: str, fn: Callable[[Writer], T]) -> T:
    """Run ``fn`` under the workspace lock in one transaction (all or nothing); anchor the ledger
    after the commit."""
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        lock_workspace(s, ws.id)
        w = Writer(ctx, s, ws, actor)
        result = fn(w)
        s.flush()
    w.ledger.write_anchor(ctx.blobs)
    return result


def read(ctx: Context, workspace: str, fn: Callable[[Session, Workspace], T]) -> T:
    with unit_of_work(ctx.engine) as s:
        return fn(s, get_workspace(s, workspace))


def money(value: Decimal | None) -> Decimal | None:
    """An amount as read back from the database (stored with 6 places) shown with 2 places,
    or with its own places where it has more (nothing is rounded away)."""
    if value is None:
        return None
    cents = value.quantize(Decimal("0.01"))
    return cents if cents == value else value.normalize()


def plain(value: Any) -> Any:
    """A value as it is written into a ledger entry (JSON)."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def apply_changes(row: Any, values: dict[str, Any], columns: dict[str, str]) -> dict[str, dict[str, Any]]:
    """Set the given fields on ``row`` (field → column); returns field → {"old": …, "new": …} of those that
    changed."""
    changes: dict[str, dict[str, Any]] = {}
    for field, value in values.items():
        col = columns.get(field)
        if col is None:
            continue
        old = getattr(row, col)
        if old != value:
            # an amount read back from PostgreSQL has 6 places: keep the history as the user wrote it
            was = money(old) if isinstance(old, Decimal) else old
            changes[field] = {"old": plain(was), "new": plain(value)}
            setattr(row, col, value)
    return changes


def not_future(ctx: Context, field: str, value: date | datetime | None) -> None:
    """Refuse a day or time that has not come yet (a request opened, a contract signed, a payment
    made …); the tolerance for zones ahead and clock skew is explained in ``domain/dates.py``."""
    if value is not None and is_future(value, ctx.clock()):
        raise FieldError(field, "{value} is in the future", value=value)


def history(s: Session, ws: Workspace, subject: str) -> list[HistoryEntry]:
    out = []
    for e in entries_for_subject(s, ws, subject):
        payload = json.loads(e.payload) if e.payload else {}
        out.append(HistoryEntry(seq=e.seq, at=e.at, actor=e.actor, action=e.action, details=payload))
    return out


def supplier(s: Session, ws: Workspace, key: str, field: str = "supplier") -> Organization:
    org = s.execute(
        select(Organization).where(
            Organization.workspace_id == ws.id, Organization.key == key, Organization.role == "supplier"
        )
    ).scalar_one_or_none()
    if org is None:
        raise FieldError(field, "no supplier {key} in this workspace (add it first)", key=Quoted(key))
    return org


def contract(s: Session, ws: Workspace, number: str, field: str = "contract") -> Contract:
    c = s.execute(
        select(Contract)
        .where(Contract.workspace_id == ws.id, Contract.kind == "contract", Contract.number == number)
        .order_by(Contract.id)
        .limit(1)
    ).scalar_one_or_none()
    if c is None:
        raise FieldError(field, "no contract {number} in this workspace (add it first)", number=Quoted(number))
    return c


def evidence_items(s: Session, ws: Workspace, labels: Sequence[str], field: str = "evidence") -> list[EvidenceItem]:
    """The evidence items named ``E-0042`` …, in the order given; an unknown one is a FieldError."""
    numbers = [int(label[2:]) for label in labels]
    rows = {
        e.number: e
        for e in s.execute(
            select(EvidenceItem).where(EvidenceItem.workspace_id == ws.id, EvidenceItem.number.in_(numbers or [-1]))
        ).scalars()
    }
    for label, n in zip(labels, numbers, strict=True):
        if n not in rows:
            raise FieldError(field, "no evidence item {label} in this workspace (import the file first)", label=label)
    return [rows[n] for n in dict.fromkeys(numbers)]


def link_evidence(w: Writer, kind: str, record_id: int, items: Iterable[EvidenceItem], role: str) -> None:
    """Replace the record's evidence of this role with ``items``."""
    s = w.s
    for old in s.execute(
        select(RecordEvidence).where(
            RecordEvidence.record_kind == kind, RecordEvidence.record_id == record_id, RecordEvidence.role == role
        )
    ).scalars():
        s.delete(old)
    s.flush()
    for e in items:
        s.add(RecordEvidence(workspace_id=w.ws.id, record_kind=kind, record_id=record_id, evidence_id=e.id, role=role))


def evidence_labels(s: Session, kind: str, record_id: int, role: str | None = None) -> list[str]:
    q = (
        select(EvidenceItem.number)
        .join(RecordEvidence, RecordEvidence.evidence_id == EvidenceItem.id)
        .where(RecordEvidence.record_kind == kind, RecordEvidence.record_id == record_id)
        .order_by(RecordEvidence.id)
    )
    if role is not None:
        q = q.where(RecordEvidence.role == role)
    return [evidence_label(n) for n in s.execute(q).scalars()]
