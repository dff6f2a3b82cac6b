"""Payments to a supplier: amount (Decimal) and currency, the day paid, the order or contract, the
beneficiary account paid into and the payment proof.

Payments have no number of their own in a buyer's books that all users share, so they are shown
as ``P-1``, ``P-2`` … in the order recorded (rows are never deleted, so the numbers stay). The
payment-fraud check (``services/suppliers/payment_safety``) compares a bank-account change asked
for in the mail with the accounts paid into here: :func:`accounts_paid` lists them.

Each change is one ledger entry (subject ``payment:P-n``) with the old and new values.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ...domain.labels import evidence_label
from ...domain.text import Quoted, T
from ...store.models import Contract, Order, Organization, Payment, Workspace
from ..context import Context
from ._common import (
    Writer,
    apply_changes,
    evidence_items,
    evidence_labels,
    history,
    link_evidence,
    money,
    not_future,
    plain,
    read,
    supplier,
    write,
)
from .errors import FieldError
from .models import ChangePayment, NewPayment, PaymentRecord
from .orders import _find as find_order


def subject(number: str) -> str:
    return f"payment:{number}"


def _numbers(s: Session, ws: Workspace) -> dict[int, str]:
    ids = s.execute(select(Payment.id).where(Payment.workspace_id == ws.id).order_by(Payment.id)).scalars()
    return {pid: f"P-{n}" for n, pid in enumerate(ids, 1)}


def _find(s: Session, ws: Workspace, number: str) -> tuple[Payment, str]:
    wanted = number.strip().upper()
    for pid, n in _numbers(s, ws).items():
        if n == wanted:
            p = s.get(Payment, pid)
            assert p is not None
            return p, n
    raise LookupError(T("payment %(number)s does not exist (payments are numbered P-1, P-2 …)", number=Quoted(number)))


def _supplier_of(s: Session, p: Payment) -> Organization | None:
    if p.supplier_id:
        return s.get(Organization, p.supplier_id)
    c = s.get(Contract, p.contract_id) if p.contract_id else None
    if c is None and p.order_id:
        o = s.get(Order, p.order_id)
        c = s.get(Contract, o.contract_id) if o and o.contract_id else None
    return s.get(Organization, c.supplier_id) if c and c.supplier_id else None


def _record(s: Session, ws: Workspace, p: Payment, number: str, *, with_history: bool = True) -> PaymentRecord:
    org = _supplier_of(s, p)
    o = s.get(Order, p.order_id) if p.order_id else None
    cid = p.contract_id or (o.contract_id if o else None)
    c = s.get(Contract, cid) if cid else None
    labels = evidence_labels(s, "payment", p.id)
    if not labels and p.evidence_id:
        from ...store.models import EvidenceItem

        n = s.execute(select(EvidenceItem.number).where(EvidenceItem.id == p.evidence_id)).scalar_one_or_none()
        labels = [evidence_label(n)] if n is not None else []
    return PaymentRecord(
        number=number,
        supplier=org.key if org else None,
        amount=money(p.amount),
        currency=p.currency,
        paid_on=p.paid_on,
        order=o.number if o else None,
        contract=c.number if c else None,
        account=p.account,
        method=p.method,
        reference=p.reference,
        evidence=labels,
        history=history(s, ws, subject(number)) if with_history else [],
    )


def get_payment(ctx: Context, workspace: str, number: str) -> PaymentRecord:
    def do(s: Session, ws: Workspace) -> PaymentRecord:
        p, n = _find(s, ws, number)
        return _record(s, ws, p, n)

    return read(ctx, workspace, do)


def list_payments(ctx: Context, workspace: str, *, supplier_key: str | None = None) -> list[PaymentRecord]:
    def do(s: Session, ws: Workspace) -> list[PaymentRecord]:
        out = []
        for pid, n in _numbers(s, ws).items():
            p = s.get(Payment, pid)
            assert p is not None
            rec = _record(s, ws, p, n, with_history=False)
            if supplier_key is None or rec.supplier == supplier_key:
                out.append(rec)
        return out

    return read(ctx, workspace, do)


def _links(
    s: Session, ws: Workspace, org: Organization, order: str | None, contract_no: str | None
) -> tuple[Order | None, Contract | None]:
    o = find_order(s, ws, order, "order") if order else None
    c: Contract | None = None
    if contract_no:
        from ._common import contract

        c = contract(s, ws, contract_no)
    elif o is not None and o.contract_id:
        c = s.get(Contract, o.contract_id)
    if o is not None and c is not None and o.contract_id not in (None, c.id):
        raise FieldError(
            "order", "{order} is not an order under contract {contract}", order=o.number, contract=c.number
        )
    if c is not None and c.supplier_id not in (None, org.id):
        raise FieldError(
            "contract", "{number} is not a contract with {supplier}", number=c.number, supplier=org.name_en
        )
    return o, c


def add_payment(ctx: Context, workspace: str, cmd: NewPayment, *, actor: str) -> PaymentRecord:
    not_future(ctx, "paid_on", cmd.paid_on)  # a payment recorded is one made, not one planned

    def do(w: Writer) -> PaymentRecord:
        s, ws = w.s, w.ws
        org = supplier(s, ws, cmd.supplier)
        o, c = _links(s, ws, org, cmd.order, cmd.contract)
        items = evidence_items(s, ws, cmd.evidence)
        p = Payment(
            workspace_id=ws.id,
            supplier_id=org.id,
            order_id=o.id if o else None,
            contract_id=c.id if c else None,
            paid_on=cmd.paid_on,
            amount=cmd.amount,
            currency=cmd.currency,
            method=cmd.method,
            reference=cmd.reference,
            account=cmd.account,
            evidence_id=items[0].id if items else None,
        )
        s.add(p)
        s.flush()
        link_evidence(w, "payment", p.id, items, "proof")
        number = _numbers(s, ws)[p.id]
        w.log("payment.added", subject(number), {f: plain(v) for f, v in cmd.model_dump(mode="json").items()})
        s.flush()
        return _record(s, ws, p, number)

    return write(ctx, workspace, actor, do)


def change_payment(ctx: Context, workspace: str, number: str, cmd: ChangePayment, *, actor: str) -> PaymentRecord:
    values = cmd.model_dump(exclude_unset=True)
    for required in ("amount", "currency", "paid_on"):
        if required in values and values[required] is None:
            raise FieldError(required, "cannot be cleared (give a value or leave it out)")
    not_future(ctx, "paid_on", values.get("paid_on"))

    def do(w: Writer) -> PaymentRecord:
        s, ws = w.s, w.ws
        p, n = _find(s, ws, number)
        before = _record(s, ws, p, n, with_history=False)
        changes: dict[str, Any] = apply_changes(
            p,
            values,
            {
                "amount": "amount",
                "currency": "currency",
                "paid_on": "paid_on",
                "account": "account",
                "reference": "reference",
            },
        )
        if "order" in values and values["order"] != before.order:
            org = _supplier_of(s, p)
            if values["order"] and org is not None:
                o, _ = _links(s, ws, org, values["order"], None)
                p.order_id = o.id if o else None
            else:
                p.order_id = None
            changes["order"] = {"old": before.order, "new": values["order"]}
        if values.get("evidence") is not None and values["evidence"] != before.evidence:
            items = evidence_items(s, ws, values["evidence"])
            link_evidence(w, "payment", p.id, items, "proof")
            p.evidence_id = items[0].id if items else None
            changes["evidence"] = {"old": before.evidence, "new": values["evidence"]}
        if changes:
            w.log("payment.changed", subject(n), {"changes": changes})
        s.flush()
        return _record(s, ws, p, n)

    return write(ctx, workspace, actor, do)


def accounts_paid(s: Session, ws: Workspace, supplier_id: int) -> list[tuple[str, str]]:
    """(account, last paid on) of the accounts this supplier was paid into, most recent first."""
    rows = s.execute(
        select(Payment.account, func.max(Payment.paid_on))
        .where(Payment.workspace_id == ws.id, Payment.supplier_id == supplier_id, Payment.account.is_not(None))
        .group_by(Payment.account)
        .order_by(func.max(Payment.paid_on).desc())
    ).all()
    return [(a, d.isoformat()) for a, d in rows]
