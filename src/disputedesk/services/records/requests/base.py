"""What every use case of a support request shares: the lookups that name a bad field, the record
as shown (with its history from the ledger), the one write path (workspace lock, one transaction,
one ledger entry) and the messages of a thread."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, aliased

from ....domain.labels import evidence_label
from ....domain.text import Quoted, T
from ....store.db import lock_workspace, unit_of_work
from ....store.ledger import LedgerWriter
from ....store.models import Contract, EvidenceItem, Message, Organization, ProductUnit, SupportRequest, Workspace
from ....store.models_mail import MailMessageMeta, MailThread
from ...context import Context
from ...sla import sender_side, side_of
from ...workspaces import get_workspace
from .._common import history as ledger_history
from .._common import supplier as _supplier  # noqa: F401 - the one supplier lookup, used by opening/changing
from ..errors import FieldError
from ..request_models import (
    HistoryEntry,
    RequestRecord,
)

CLOSED = ("resolved", "closed")


def subject(number: str) -> str:
    return f"request:{number}"


def _request(s: Session, ws: Workspace, number: str) -> SupportRequest:
    row = s.execute(
        select(SupportRequest).where(SupportRequest.workspace_id == ws.id, SupportRequest.number == number.upper())
    ).scalar_one_or_none()
    if row is None:
        raise LookupError(T("support request %(number)s does not exist", number=Quoted(number)))
    return row


def _contract(s: Session, ws: Workspace, number: str, supplier: Organization) -> Contract:
    c = s.execute(
        select(Contract)
        .where(Contract.workspace_id == ws.id, Contract.kind == "contract", Contract.number == number)
        .order_by(Contract.id)
        .limit(1)
    ).scalar_one_or_none()
    if c is None:
        raise FieldError("contract", "no contract {number} in this workspace (add it first)", number=Quoted(number))
    if c.supplier_id not in (None, supplier.id):
        raise FieldError(
            "contract", "{number} is not a contract with {supplier}", number=number, supplier=supplier.name_en
        )
    return c


def _not_before_signing(
    c: Contract, supplier: Organization | None, opened_at: datetime, field: str, *, from_thread: bool = False
) -> None:
    """Refuse a request under contract ``c`` opened before the day ``c`` was signed.

    A contract in written form is formed when both parties have signed or sealed it, and a contract
    lawfully formed takes effect on formation unless the parties agreed otherwise (Civil Code
    Arts. 490(1) and 502(1); not yet in LEGAL-NOTES.md, wording checked against secondary copies only:
    UNVERIFIED against the official text). Before that day its support terms bound no one, so a
    question asked then cannot be measured against them: the user corrects the time, or opens the
    request without the contract (it is then measured against the terms in force at the time, if any).
    The day is the opening's date in the supplier's zone, the zone the SLA is counted in."""
    if c.signed_on is None:
        return
    tz = ((supplier.details or {}).get("timezone") if supplier else None) or "Asia/Shanghai"
    try:
        zone = ZoneInfo(tz)
    except (KeyError, ValueError):
        zone = ZoneInfo("Asia/Shanghai")
    if opened_at.astimezone(zone).date() < c.signed_on:
        if from_thread:
            raise FieldError(
                "contract",
                "the buyer's first message, on {at}, is before contract {contract} was signed, on {signed}: "
                "choose the contract in force then, or none",
                at=opened_at,
                contract=c.number,
                signed=c.signed_on,
            )
        raise FieldError(
            field,
            "{at} is before contract {contract} was signed, on {signed}: its support terms did not bind the "
            "supplier yet; correct the time, or leave the contract out",
            at=opened_at,
            contract=c.number,
            signed=c.signed_on,
        )


def _unit(s: Session, ws: Workspace, serial: str) -> ProductUnit:
    units = list(
        s.execute(select(ProductUnit).where(ProductUnit.workspace_id == ws.id, ProductUnit.serial == serial)).scalars()
    )
    if not units:
        raise FieldError(
            "serial",
            "no machine with serial number {serial} (add it to an order's delivery first)",
            serial=Quoted(serial),
        )
    return units[0]


def _thread(s: Session, ws: Workspace, thread_id: int) -> MailThread:
    t = s.execute(
        select(MailThread).where(MailThread.workspace_id == ws.id, MailThread.id == thread_id)
    ).scalar_one_or_none()
    if t is None:
        raise FieldError("thread", "no thread {thread} in this workspace (see /threads)", thread=thread_id)
    return t


def _serial_named(s: Session, ws: Workspace, subject: str | None) -> str | None:
    """The serial number of the one recorded machine that a subject names ("VMC-850 JH850-2507-0113:
    spindle alarm"), or None (none, or several: the user chooses)."""
    if not subject:
        return None
    found = {
        serial
        for serial in s.execute(select(ProductUnit.serial).where(ProductUnit.workspace_id == ws.id)).scalars()
        if re.search(rf"(?<![\w-]){re.escape(serial)}(?![\w-])", subject)
    }
    return found.pop() if len(found) == 1 else None


def _number(s: Session, request_id: int | None) -> str | None:
    if request_id is None:
        return None
    return s.execute(select(SupportRequest.number).where(SupportRequest.id == request_id)).scalar_one_or_none()


def _next_number(s: Session, ws: Workspace) -> str:
    """The next SR-NNNN of the workspace; the caller holds the workspace lock."""
    numbers = s.execute(
        select(SupportRequest.number)
        .where(SupportRequest.workspace_id == ws.id, SupportRequest.number.like("SR-%"))
        .order_by(func.length(SupportRequest.number).desc(), SupportRequest.number.desc())
        .limit(1)
    ).scalar_one_or_none()
    last = int(numbers[3:]) if numbers and numbers[3:].isdigit() else 0
    return f"SR-{last + 1:04d}"


def _parties(s: Session, ws: Workspace) -> tuple[list[str], dict[int, Organization]]:
    orgs = list(s.execute(select(Organization).where(Organization.workspace_id == ws.id)).scalars())
    buyer_domains = [d for o in orgs if o.role == "buyer" for d in (o.email_domains or [])]
    return buyer_domains, {o.id: o for o in orgs if o.role == "supplier"}


def _is_buyer(direction: str | None, sender: str | None, buyer_domains: Iterable[str]) -> bool:
    side = side_of(direction)
    if side is None and (direction or "other") == "other":
        side = sender_side(sender, buyer_domains, ())
    return side == "buyer"


def _history(s: Session, ws: Workspace, number: str) -> list[HistoryEntry]:
    return ledger_history(s, ws, subject(number))


def _record(s: Session, ws: Workspace, r: SupportRequest, *, history: bool = True) -> RequestRecord:
    org = s.get(Organization, r.supplier_id) if r.supplier_id else None
    contract = s.get(Contract, r.contract_id) if r.contract_id else None
    unit = s.get(ProductUnit, r.unit_id) if r.unit_id else None
    threads = list(
        s.execute(
            select(MailThread.id)
            .where(MailThread.workspace_id == ws.id, MailThread.support_request_id == r.id)
            .order_by(MailThread.id)
        ).scalars()
    )
    labels = [
        evidence_label(n)
        for n in s.execute(
            select(EvidenceItem.number)
            .join(Message, Message.evidence_id == EvidenceItem.id)
            .where(Message.workspace_id == ws.id, Message.support_request_id == r.id)
            .order_by(EvidenceItem.number)
        ).scalars()
    ]
    return RequestRecord(
        number=r.number,
        title=r.title,
        supplier=org.key if org else None,
        supplier_name=org.name_en if org else None,
        contract=contract.number if contract else None,
        severity=r.severity,
        serial=unit.serial if unit else None,
        model=unit.model if unit else None,
        opened_at=r.opened_at,
        status=r.status,
        closed_at=r.closed_at,
        threads=threads,
        messages=labels,
        history=_history(s, ws, r.number) if history else [],
    )


def _write(ctx: Context, workspace: str, fn: Any) -> Any:
    """Run ``fn(session, workspace, writer)`` under the workspace lock in one transaction (a request
    it returns is answered as recorded, history included); anchor the ledger after the commit."""
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        lock_workspace(s, ws.id)
        writer = LedgerWriter(s, ws)
        result = fn(s, ws, writer)
        if isinstance(result, SupportRequest):
            s.flush()
            result = _record(s, ws, result)
    writer.write_anchor(ctx.blobs)
    return result


def _log(writer: LedgerWriter, ctx: Context, actor: str, action: str, number: str, payload: dict[str, Any]) -> None:
    writer.append(actor=actor, action=action, at=ctx.clock(), subject=subject(number), payload=payload)


def _thread_messages(s: Session, t: MailThread) -> list[tuple[int, str | None, str | None, str | None, Any, Any, Any]]:
    """(message pk, evidence label, direction, sender, sent_at, supplier id, linked request number)."""
    linked = aliased(SupportRequest)
    rows = s.execute(
        select(
            Message.id,
            EvidenceItem.number,
            Message.direction,
            Message.sender,
            Message.sent_at,
            MailMessageMeta.supplier_id,
            linked.number,
        )
        .join(MailMessageMeta, MailMessageMeta.message_pk == Message.id)
        .outerjoin(EvidenceItem, EvidenceItem.id == Message.evidence_id)
        .outerjoin(linked, linked.id == Message.support_request_id)
        .where(MailMessageMeta.thread_id == t.id)
        .order_by(Message.sent_at, Message.id)
    ).all()
    return [
        (pk, evidence_label(n) if n is not None else None, d, snd, at, sup, sr) for pk, n, d, snd, at, sup, sr in rows
    ]


def _link_thread(s: Session, t: MailThread, row: SupportRequest) -> list[str]:
    t.support_request_id = row.id
    msgs = _thread_messages(s, t)
    todo = [pk for pk, _lab, *_rest, sr in msgs if sr is None]
    if todo:
        s.execute(
            update(Message).where(Message.id.in_(todo)).values(support_request_id=row.id),
            execution_options={"synchronize_session": False},
        )
    return [lab or f"message {pk}" for pk, lab, *_rest, sr in msgs if sr is None]


def _plain(v: Any) -> Any:
    return v.isoformat() if isinstance(v, datetime) else v
