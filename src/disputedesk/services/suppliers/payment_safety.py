"""Payment safety: warnings raised on messages that change bank details or look like fraud, and their review."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...domain.maildomains import host_in, mail_host
from ...domain.mailtext import own_words
from ...domain.payment_safety import assess_payment_message, lookalike_of, stored_reason
from ...domain.suppliers import (
    BankAccount,
)
from ...domain.text import dumps as text_dumps
from ...domain.text import loads as text_loads
from ...store.db import lock_workspace, unit_of_work
from ...store.models import EvidenceItem, Message, Organization, Workspace
from ...store.models_suppliers import (
    PaymentWarningRow,
    SupplierBankAccount,
)
from ..context import Context
from ..records.payments import accounts_paid
from ..workspaces import get_workspace
from .base import OWN_DIRECTIONS, WARNING_STATUSES, SupplierError, _evidence, _Ledger, _org, _text, one_of

# --------------------------------------------------------------------------- payment safety


@dataclass
class ScanReport:
    scanned: int = 0
    skipped_own: int = 0
    flagged_messages: int = 0
    new_warnings: int = 0

    def as_dict(self) -> dict[str, int]:
        return dict(self.__dict__)


@dataclass
class _SupplierFacts:
    org_id: int
    key: str
    name_zh: str | None
    name_en: str | None
    domains: tuple[str, ...]
    verified: BankAccount | None


def _supplier_facts(s: Session, ws: Workspace) -> list[_SupplierFacts]:
    orgs = list(
        s.execute(
            select(Organization).where(Organization.workspace_id == ws.id, Organization.role == "supplier")
        ).scalars()
    )
    accounts = list(
        s.execute(
            select(SupplierBankAccount)
            .where(SupplierBankAccount.workspace_id == ws.id, SupplierBankAccount.verified_on.is_not(None))
            .order_by(SupplierBankAccount.verified_on)
        ).scalars()
    )
    latest: dict[int, SupplierBankAccount] = {}
    for a in accounts:
        latest[a.organization_id] = a
    out = []
    for o in orgs:
        a = latest.get(o.id)
        out.append(
            _SupplierFacts(
                o.id,
                o.key,
                o.name_zh,
                o.name_en,
                tuple(o.email_domains or ()),
                BankAccount(
                    a.beneficiary_name,
                    a.account_number,
                    a.bank_name,
                    a.swift,
                    a.iban,
                    a.currency,
                    a.verified_on,
                    a.verified_by,
                )
                if a
                else None,
            )
        )
    return out


def scan_payment_warnings(
    ctx: Context, workspace: str, *, message_ids: Iterable[int] | None = None, actor: str = "payment-safety"
) -> ScanReport:
    """Assess messages for payment-fraud signs and store the warnings (idempotent).

    Our own mail (buyer→supplier, internal, or sent from the buyer's domains) is not assessed.
    A message is attributed to the supplier whose domain sent it, or whose domain the sender
    imitates; each warning keeps the excerpt and reason. A ledger entry per flagged message.
    """
    report = ScanReport()
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        lock_workspace(s, ws.id)
        suppliers = _supplier_facts(s, ws)
        all_domains = tuple(d for f in suppliers for d in f.domains)
        own_domains = [
            d
            for ds in s.execute(
                select(Organization.email_domains).where(
                    Organization.workspace_id == ws.id, Organization.role == "buyer"
                )
            ).scalars()
            for d in (ds or [])
        ]
        q = select(Message).where(Message.workspace_id == ws.id, Message.text.is_not(None)).order_by(Message.id)
        if message_ids is not None:
            ids = list(message_ids) or [-1]
            q = q.where(Message.id.in_(ids))
        existing = {
            (m, k, st)
            for m, k, st in s.execute(
                select(PaymentWarningRow.message_id, PaymentWarningRow.kind, PaymentWarningRow.start).where(
                    PaymentWarningRow.workspace_id == ws.id
                )
            )
        }
        paid = {f.org_id: accounts_paid(s, ws, f.org_id) for f in suppliers}
        led = _Ledger(s, ws, ctx, actor)
        for msg in s.execute(q).scalars():
            host = mail_host(msg.sender)
            if msg.direction in OWN_DIRECTIONS or (host and host_in(host, own_domains)):
                report.skipped_own += 1
                continue
            report.scanned += 1
            facts = None
            if host:
                facts = next((f for f in suppliers if host_in(host, f.domains)), None)
                if facts is None:
                    facts = next((f for f in suppliers if f.domains and lookalike_of(host, f.domains)), None)
            text = own_words(f"{msg.subject or ''}\n{msg.text or ''}")
            warnings = assess_payment_message(
                text,
                legal_name_zh=facts.name_zh if facts else None,
                legal_name_en=facts.name_en if facts else None,
                verified_account=facts.verified if facts else None,
                sender=msg.sender,
                supplier_domains=facts.domains if facts else all_domains,
                paid_accounts=paid.get(facts.org_id, []) if facts else [],
            )
            new = 0
            for w in warnings:
                if (msg.id, w.kind, w.start) in existing:
                    continue
                existing.add((msg.id, w.kind, w.start))
                s.add(
                    PaymentWarningRow(
                        workspace_id=ws.id,
                        message_id=msg.id,
                        organization_id=facts.org_id if facts else None,
                        kind=w.kind,
                        severity=w.severity,
                        excerpt=w.excerpt,
                        reason=text_dumps(w.reason),  # with its message id: shown in the reader's language
                        start=w.start,
                        end=w.end,
                        status="open",
                        created_at=ctx.clock(),
                    )
                )
                new += 1
            if new:
                report.flagged_messages += 1
                report.new_warnings += new
                ev = s.get(EvidenceItem, msg.evidence_id) if msg.evidence_id else None
                led.append(
                    "payment_warning.raised",
                    {
                        "message": msg.id,
                        "evidence": ev.label if ev else None,
                        "supplier": facts.key if facts else None,
                        "kinds": sorted({w.kind for w in warnings}),
                    },
                    subject=ev.sha256 if ev else "",
                )
    led.anchor()
    return report


@dataclass
class WarningView:
    id: int
    message_id: int
    evidence: str | None
    supplier_key: str | None
    supplier_name: str | None
    sender: str | None
    subject: str | None
    sent_at: datetime | None
    kind: str
    severity: str
    excerpt: str
    reason: str
    status: str
    reviewed_by: str | None
    review_note: str | None
    supplier_name_zh: str | None = None  # the registered Chinese name, for Chinese pages

    def as_dict(self) -> dict[str, Any]:
        d = dict(self.__dict__)
        d["sent_at"] = self.sent_at.isoformat() if self.sent_at else None
        return d


_SEV = {"high": 0, "medium": 1, "low": 2}


def list_payment_warnings(
    ctx: Context,
    workspace: str,
    *,
    supplier_key: str | None = None,
    status: str | None = None,
    evidence: str | None = None,
) -> list[WarningView]:
    """Warnings, most severe first; filter by supplier, status or the message's evidence number."""
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        q = (
            select(PaymentWarningRow, Message, Organization, EvidenceItem)
            .join(Message, Message.id == PaymentWarningRow.message_id)
            .outerjoin(Organization, Organization.id == PaymentWarningRow.organization_id)
            .outerjoin(EvidenceItem, EvidenceItem.id == Message.evidence_id)
            .where(PaymentWarningRow.workspace_id == ws.id)
        )
        if supplier_key:
            q = q.where(PaymentWarningRow.organization_id == _org(s, ws, supplier_key).id)
        if status:
            if status not in WARNING_STATUSES:
                raise SupplierError("status", one_of(None, WARNING_STATUSES))
            q = q.where(PaymentWarningRow.status == status)
        if evidence:
            item = _evidence(s, ws, evidence, "evidence")
            if item is None:  # blank
                raise SupplierError("evidence", "give an evidence number such as E-0042")
            q = q.where(Message.evidence_id == item.id)
        rows = s.execute(q).all()
        out = [
            WarningView(
                w.id,
                m.id,
                ev.label if ev else None,
                o.key if o else None,
                o.name_en if o else None,
                m.sender,
                m.subject,
                m.sent_at,
                w.kind,
                w.severity,
                w.excerpt,
                stored_reason(text_loads(w.reason)),
                w.status,
                w.reviewed_by,
                w.review_note,
                o.name_zh if o else None,
            )
            for w, m, o, ev in rows
        ]
    out.sort(
        key=lambda v: (
            WARNING_STATUSES.index(v.status) if v.status in WARNING_STATUSES else 3,
            _SEV.get(v.severity, 3),
            -(v.sent_at.timestamp() if v.sent_at else 0),
            v.id,
        )
    )
    return out


def review_payment_warning(
    ctx: Context,
    workspace: str,
    warning_id: int,
    status: str,
    *,
    actor: str,
    note: str | None = None,
    whole_message: bool = False,
) -> int:
    """Mark a warning confirmed (a real fraud attempt) or dismissed (a false alarm), with a note;
    with ``whole_message`` every warning on the same message. Returns how many were marked."""
    if status not in ("confirmed", "dismissed", "open"):
        raise SupplierError("status", "use confirmed, dismissed or open")
    if status == "dismissed" and not _text(note):
        raise SupplierError("note", "say why this is not a payment risk")
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        lock_workspace(s, ws.id)
        w = s.get(PaymentWarningRow, warning_id)
        if w is None or w.workspace_id != ws.id:
            raise LookupError(f"payment warning #{warning_id} does not exist in this workspace")
        rows = [w]
        if whole_message:
            rows = list(
                s.execute(
                    select(PaymentWarningRow).where(
                        PaymentWarningRow.workspace_id == ws.id, PaymentWarningRow.message_id == w.message_id
                    )
                ).scalars()
            )
        for r in rows:
            r.status, r.reviewed_by, r.reviewed_at, r.review_note = status, actor, ctx.clock(), _text(note)
        msg = s.get(Message, w.message_id)
        ev = s.get(EvidenceItem, msg.evidence_id) if msg and msg.evidence_id else None
        led = _Ledger(s, ws, ctx, actor)
        led.append(
            "payment_warning.reviewed",
            {
                "warnings": sorted(r.id for r in rows),
                "kinds": sorted({r.kind for r in rows}),
                "status": status,
                "note": _text(note),
                "evidence": ev.label if ev else None,
            },
            subject=ev.sha256 if ev else "",
        )
        n = len(rows)
    led.anchor()
    return n
