"""Contracts of the user's own dispute and their amendments.

A contract is numbered by the user (its own number, unique in the workspace) and linked to its
evidence items: the signed contract first (``contracts.evidence_id``, which the contract-clarity
page uses to find the record), then annexes. An amendment (the guide's "any modifications to the
original sales agreement") is a ``contracts`` row of kind ``amendment`` under its contract:
dated, with its evidence, a summary and who agreed, or marked unilateral when the supplier
changed the terms alone (recorded as such, never as agreed).

Each change is one ledger entry (subject ``contract:NUMBER``) with the old and new values. A
contract that orders, payments or requests point to is never deleted: it can be archived.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ...domain.labels import evidence_label
from ...domain.text import Quoted, T
from ...store.models import Contract, Order, Organization, Payment, SupportRequest, Workspace
from ...store.models_sla import SlaTerms
from ..context import Context
from ._common import (
    Writer,
    apply_changes,
    contract,
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
from .models import (
    AmendmentRecord,
    ChangeAmendment,
    ChangeContract,
    ContractRecord,
    NewAmendment,
    NewContract,
)

_COLUMNS = {
    "signed_on": "signed_on",
    "title": "title",
    "currency": "currency",
    "value": "total",
    "governing_law": "governing_law",
    "dispute_clause": "dispute_clause",
    "warranty_months": "warranty_months",
    "warranty_start": "warranty_start",
    "inspection_days": "inspection_days",
}


def subject(number: str) -> str:
    return f"contract:{number}"


def _amendments(s: Session, c: Contract) -> list[AmendmentRecord]:
    rows = s.execute(
        select(Contract).where(Contract.parent_id == c.id, Contract.kind == "amendment").order_by(Contract.id)
    ).scalars()
    return [_amendment(s, a) for a in rows]


def _amendment(s: Session, a: Contract) -> AmendmentRecord:
    labels = evidence_labels(s, "contract", a.id)
    if not labels and a.evidence_id:  # an amendment recorded with one document
        labels = _label_of(s, a.evidence_id)
    return AmendmentRecord(
        number=a.number,
        effective_on=a.effective_on or a.signed_on,
        summary=a.summary,
        agreed_by=a.agreed_by,
        unilateral=bool(a.unilateral),
        evidence=labels,
    )


def _label_of(s: Session, evidence_id: int) -> list[str]:
    from ...store.models import EvidenceItem

    n = s.execute(select(EvidenceItem.number).where(EvidenceItem.id == evidence_id)).scalar_one_or_none()
    return [evidence_label(n)] if n is not None else []


def _record(s: Session, ws: Workspace, c: Contract, *, with_history: bool = True) -> ContractRecord:
    org = s.get(Organization, c.supplier_id) if c.supplier_id else None
    labels = evidence_labels(s, "contract", c.id)
    if not labels and c.evidence_id:
        labels = _label_of(s, c.evidence_id)
    orders = list(s.execute(select(Order.number).where(Order.contract_id == c.id).order_by(Order.id)).scalars())
    return ContractRecord(
        number=c.number,
        supplier=org.key if org else None,
        supplier_name=org.name_en if org else None,
        supplier_name_zh=org.name_zh if org else None,
        title=c.title,
        signed_on=c.signed_on,
        currency=c.currency,
        value=money(c.total),
        governing_law=c.governing_law,
        dispute_clause=c.dispute_clause,
        warranty_months=c.warranty_months,
        warranty_start=c.warranty_start,
        inspection_days=c.inspection_days,
        evidence=labels,
        amendments=_amendments(s, c),
        orders=orders,
        archived=bool(c.archived),
        history=history(s, ws, subject(c.number)) if with_history else [],
    )


def get_contract(ctx: Context, workspace: str, number: str) -> ContractRecord:
    def do(s: Session, ws: Workspace) -> ContractRecord:
        return _record(s, ws, _find(s, ws, number))

    return read(ctx, workspace, do)


def _find(s: Session, ws: Workspace, number: str) -> Contract:
    try:
        return contract(s, ws, number)
    except FieldError:
        raise LookupError(T("contract '%(number)s' does not exist in this workspace", number=number)) from None


def list_contracts(
    ctx: Context, workspace: str, *, supplier_key: str | None = None, archived: bool = False
) -> list[ContractRecord]:
    def do(s: Session, ws: Workspace) -> list[ContractRecord]:
        q = select(Contract).where(Contract.workspace_id == ws.id, Contract.kind == "contract")
        if supplier_key:
            q = q.where(Contract.supplier_id == supplier(s, ws, supplier_key).id)
        rows = [
            c for c in s.execute(q.order_by(Contract.signed_on, Contract.id)).scalars() if archived or not c.archived
        ]
        return [_record(s, ws, c, with_history=False) for c in rows]

    return read(ctx, workspace, do)


def _set_documents(w: Writer, c: Contract, labels: list[str]) -> None:
    items = evidence_items(w.s, w.ws, labels)
    link_evidence(w, "contract", c.id, items, "document")
    c.evidence_id = items[0].id if items else None


def add_contract(ctx: Context, workspace: str, cmd: NewContract, *, actor: str) -> ContractRecord:
    not_future(ctx, "signed_on", cmd.signed_on)

    def do(w: Writer) -> ContractRecord:
        s, ws = w.s, w.ws
        org = supplier(s, ws, cmd.supplier)
        dup = s.execute(
            select(Contract.id).where(Contract.workspace_id == ws.id, Contract.number == cmd.number)
        ).first()
        if dup:
            raise FieldError("number", "{number} is already a contract in this workspace", number=cmd.number)
        buyer = s.execute(
            select(Organization.id).where(Organization.workspace_id == ws.id, Organization.role == "buyer").limit(1)
        ).scalar_one_or_none()
        c = Contract(workspace_id=ws.id, kind="contract", number=cmd.number, supplier_id=org.id, buyer_id=buyer)
        for field, col in _COLUMNS.items():
            setattr(c, col, getattr(cmd, field))
        s.add(c)
        s.flush()
        _set_documents(w, c, cmd.evidence)
        payload = {"supplier": org.key, **{f: plain(v) for f, v in cmd.model_dump(exclude={"supplier"}).items()}}
        w.log("contract.added", subject(c.number), payload)
        s.flush()
        return _record(s, ws, c)

    return write(ctx, workspace, actor, do)


def change_contract(ctx: Context, workspace: str, number: str, cmd: ChangeContract, *, actor: str) -> ContractRecord:
    values = cmd.model_dump(exclude_unset=True)
    if values.get("signed_on", 0) is None:
        raise FieldError("signed_on", "cannot be cleared (give a value or leave it out)")
    not_future(ctx, "signed_on", values.get("signed_on"))

    def do(w: Writer) -> ContractRecord:
        s, ws = w.s, w.ws
        c = _find(s, ws, number)
        changes: dict[str, Any] = {}
        if values.get("supplier"):
            org = supplier(s, ws, values["supplier"])
            if org.id != c.supplier_id:
                old = s.get(Organization, c.supplier_id) if c.supplier_id else None
                changes["supplier"] = {"old": old.key if old else None, "new": org.key}
                c.supplier_id = org.id
        changes.update(apply_changes(c, values, _COLUMNS))
        if c.total is not None and not c.currency:
            raise FieldError("currency", "give the currency of the value, e.g. EUR")
        if "evidence" in values and values["evidence"] is not None:
            old_labels = evidence_labels(s, "contract", c.id, "document")
            if old_labels != values["evidence"]:
                _set_documents(w, c, values["evidence"])
                changes["evidence"] = {"old": old_labels, "new": values["evidence"]}
        if changes:
            w.log("contract.changed", subject(c.number), {"changes": changes})
        s.flush()
        return _record(s, ws, c)

    return write(ctx, workspace, actor, do)


def add_amendment(ctx: Context, workspace: str, number: str, cmd: NewAmendment, *, actor: str) -> ContractRecord:
    def do(w: Writer) -> ContractRecord:
        s, ws = w.s, w.ws
        c = _find(s, ws, number)
        if c.signed_on and cmd.effective_on < c.signed_on:
            raise FieldError(
                "effective_on",
                "{day} is before the contract was signed ({signed})",
                day=cmd.effective_on,
                signed=c.signed_on,
            )
        count = s.execute(
            select(func.count(Contract.id)).where(Contract.parent_id == c.id, Contract.kind == "amendment")
        ).scalar_one()
        amend_no = cmd.number or f"{c.number}-A{count + 1}"
        if s.execute(select(Contract.id).where(Contract.workspace_id == ws.id, Contract.number == amend_no)).first():
            raise FieldError("number", "{number} is already recorded in this workspace", number=amend_no)
        a = Contract(
            workspace_id=ws.id,
            kind="amendment",
            parent_id=c.id,
            supplier_id=c.supplier_id,
            buyer_id=c.buyer_id,
            number=amend_no,
            summary=cmd.summary,
            effective_on=cmd.effective_on,
            signed_on=None if cmd.unilateral else cmd.effective_on,
            agreed_by=cmd.agreed_by,
            unilateral=cmd.unilateral,
        )
        s.add(a)
        s.flush()
        items = evidence_items(s, ws, cmd.evidence)
        link_evidence(w, "contract", a.id, items, "document")
        a.evidence_id = items[0].id if items else None
        w.log(
            "contract.amended",
            subject(c.number),
            {
                "amendment": amend_no,
                "effective_on": cmd.effective_on.isoformat(),
                "summary": cmd.summary,
                "agreed_by": cmd.agreed_by,
                "unilateral": cmd.unilateral,
                "evidence": cmd.evidence,
            },
        )
        s.flush()
        return _record(s, ws, c)

    return write(ctx, workspace, actor, do)


def get_amendment(ctx: Context, workspace: str, number: str, amendment: str) -> AmendmentRecord:
    def do(s: Session, ws: Workspace) -> AmendmentRecord:
        return _amendment(s, _find_amendment(s, _find(s, ws, number), amendment))

    return read(ctx, workspace, do)


def _find_amendment(s: Session, c: Contract, amendment: str) -> Contract:
    a = s.execute(
        select(Contract).where(Contract.parent_id == c.id, Contract.kind == "amendment", Contract.number == amendment)
    ).scalar_one_or_none()
    if a is None:
        raise LookupError(
            T("contract %(contract)s has no amendment %(amendment)s", contract=c.number, amendment=Quoted(amendment))
        )
    return a


def change_amendment(
    ctx: Context, workspace: str, number: str, amendment: str, cmd: ChangeAmendment, *, actor: str
) -> ContractRecord:
    """Correct an amendment (date, summary, evidence, who agreed, unilateral): one ledger entry on
    the contract with each changed field's old and new value. Marking it unilateral clears who
    agreed (a change the supplier made alone has no agreement)."""
    values = cmd.model_dump(exclude_unset=True)
    for field in ("effective_on", "summary", "unilateral"):
        if field in values and values[field] is None:
            raise FieldError(field, "cannot be cleared (give a value or leave it out)")

    def do(w: Writer) -> ContractRecord:
        s, ws = w.s, w.ws
        c = _find(s, ws, number)
        a = _find_amendment(s, c, amendment)
        before = _amendment(s, a)
        day = values.get("effective_on", before.effective_on)
        if "effective_on" in values and c.signed_on and day < c.signed_on:
            raise FieldError(
                "effective_on",
                "{day} is before the contract was signed ({signed})",
                day=day,
                signed=c.signed_on,
            )
        unilateral = values.get("unilateral", before.unilateral)
        agreed_by = values["agreed_by"] if "agreed_by" in values else before.agreed_by
        if unilateral and agreed_by:
            if "agreed_by" in values:
                raise FieldError("agreed_by", "a unilateral change has no agreement; leave agreed_by out")
            agreed_by = None
        a.effective_on = day
        a.signed_on = None if unilateral else day
        a.summary = values.get("summary", before.summary)
        a.agreed_by = agreed_by
        a.unilateral = unilateral
        if values.get("evidence") is not None and values["evidence"] != before.evidence:
            items = evidence_items(s, ws, values["evidence"])
            link_evidence(w, "contract", a.id, items, "document")
            a.evidence_id = items[0].id if items else None
        s.flush()
        after = _amendment(s, a)
        changes = {
            f: {"old": plain(getattr(before, f)), "new": plain(getattr(after, f))}
            for f in ("effective_on", "summary", "agreed_by", "unilateral", "evidence")
            if getattr(before, f) != getattr(after, f)
        }
        if changes:
            w.log(
                "contract.amendment_changed",
                subject(c.number),
                {"amendment": a.number, "summary": a.summary, "changes": changes},
            )
        return _record(s, ws, c)

    return write(ctx, workspace, actor, do)


def archive_contract(ctx: Context, workspace: str, number: str, *, actor: str, archived: bool = True) -> ContractRecord:
    """Hide a contract from the lists (it stays, with everything that points to it)."""

    def do(w: Writer) -> ContractRecord:
        c = _find(w.s, w.ws, number)
        if bool(c.archived) != archived:
            c.archived = archived
            w.log("contract.archived" if archived else "contract.restored", subject(c.number), {})
        return _record(w.s, w.ws, c)

    return write(ctx, workspace, actor, do)


def delete_contract(ctx: Context, workspace: str, number: str, *, actor: str) -> None:
    """Delete a contract recorded by mistake; refused with the reason while anything points to it."""

    def do(w: Writer) -> None:
        s = w.s
        c = _find(s, w.ws, number)
        users = {
            "orders": s.execute(select(func.count(Order.id)).where(Order.contract_id == c.id)).scalar_one(),
            "payments": s.execute(select(func.count(Payment.id)).where(Payment.contract_id == c.id)).scalar_one(),
            "support requests": s.execute(
                select(func.count(SupportRequest.id)).where(SupportRequest.contract_id == c.id)
            ).scalar_one(),
            "amendments": s.execute(select(func.count(Contract.id)).where(Contract.parent_id == c.id)).scalar_one(),
            "support-terms versions": s.execute(
                select(func.count(SlaTerms.id)).where(SlaTerms.contract_id == c.id)
            ).scalar_one(),
        }
        used = {k: v for k, v in users.items() if v}
        if used:
            what = ", ".join(f"{v} {k}" for k, v in used.items())
            raise FieldError("contract", "{number} is used by {what}: archive it instead", number=number, what=what)
        from ...store.models import RecordEvidence

        for r in s.execute(
            select(RecordEvidence).where(RecordEvidence.record_kind == "contract", RecordEvidence.record_id == c.id)
        ).scalars():
            s.delete(r)
        w.log(
            "contract.deleted",
            subject(c.number),
            {"record": _record(s, w.ws, c, with_history=False).model_dump(mode="json")},
        )
        s.delete(c)

    write(ctx, workspace, actor, do)
