"""Support requests of the user's own dispute: open one by hand or from a mail thread, correct
it, link and unlink mail, close and reopen it, record the other SLA events.

The SLA engine (``services/sla``) evaluates whatever rows are here, exactly as the demo's: the
request's supplier, severity and opening time, the messages linked to it
(``messages.support_request_id``) and its events (``sla_events``). A request is numbered
``SR-0001`` … per workspace under the workspace lock (the unique constraint on the number is the
second guard), so two writers never get the same number.

* **From a thread.** A thread *looks like* a support request when its first dated message is from
  the buyer's side to a supplier (direction ``buyer->supplier``, or an unknown direction with the
  sender in one of the buyer's mail domains) and none of its messages is linked to a request yet.
  The request is opened at the buyer's first message of the thread; the thread is linked, so the
  messages imported into it later follow.
* **Links.** A thread is linked as a whole (its messages, and the later ones, follow it); single
  messages are linked one by one. A message of a thread linked as a whole cannot be unlinked on its
  own (the next import would link it again): unlink the thread, then link the messages wanted.
* **Closing** records a ``resolved`` event at the given time and marks the request resolved;
  **reopening** records a ``reopened`` event. The events are what the SLA engine reads, so a
  request closed, reopened and closed again is judged with both resolutions.
* **Severity** is one per request (the SLA engine judges a request under one severity): a change
  re-judges it under the new severity from its opening; the history keeps the old value.

Every change is one ledger entry (subject ``request:SR-0001``) with the old and new values; the
history shown on the request is read back from those entries.

Size (over 750 lines): the support request's whole life (open, from a thread, correct, link,
close, reopen, events) under one lock discipline and one ledger vocabulary. A split by step (as
``services/cases/``) would read well, but ``tests/unit/records/test_request_messages_zh.py``
reads this file to check that every ``FieldError`` message has its Chinese form; the split
waits for that test to read a package (this redesign changes tests only in their imports).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import and_, exists, func, select, update
from sqlalchemy.orm import Session, aliased

from ...domain.labels import evidence_label
from ...store.db import lock_workspace, unit_of_work
from ...store.ledger import LedgerWriter, entries_for_subject
from ...store.models import Contract, EvidenceItem, Message, Organization, ProductUnit, SupportRequest, Workspace
from ...store.models_mail import MailMessageMeta, MailThread
from ...store.models_sla import SlaEvent
from ..context import Context
from ..sla import sender_side, side_of
from ..workspaces import get_workspace
from .errors import FieldError
from .request_models import (
    EVENT_KINDS,
    ChangeRequest,
    HistoryEntry,
    LinkResult,
    MailLink,
    OpenFromThread,
    OpenRequest,
    RequestEvent,
    RequestRecord,
    StatusChange,
    Suggestion,
)

CLOSED = ("resolved", "closed")


def subject(number: str) -> str:
    return f"request:{number}"


# -- lookups -------------------------------------------------------------------------------------


def _request(s: Session, ws: Workspace, number: str) -> SupportRequest:
    row = s.execute(
        select(SupportRequest).where(SupportRequest.workspace_id == ws.id, SupportRequest.number == number.upper())
    ).scalar_one_or_none()
    if row is None:
        raise LookupError(f"support request {number!r} does not exist")
    return row


def _supplier(s: Session, ws: Workspace, key: str, field: str = "supplier") -> Organization:
    org = s.execute(
        select(Organization).where(
            Organization.workspace_id == ws.id, Organization.key == key, Organization.role == "supplier"
        )
    ).scalar_one_or_none()
    if org is None:
        raise FieldError(field, "no supplier {key!r} in this workspace (add it first)", key=key)
    return org


def _contract(s: Session, ws: Workspace, number: str, supplier: Organization) -> Contract:
    c = s.execute(
        select(Contract)
        .where(Contract.workspace_id == ws.id, Contract.kind == "contract", Contract.number == number)
        .order_by(Contract.id)
        .limit(1)
    ).scalar_one_or_none()
    if c is None:
        raise FieldError("contract", "no contract {number!r} in this workspace (add it first)", number=number)
    if c.supplier_id not in (None, supplier.id):
        raise FieldError(
            "contract", "{number} is not a contract with {supplier}", number=number, supplier=supplier.name_en
        )
    return c


def _unit(s: Session, ws: Workspace, serial: str) -> ProductUnit:
    units = list(
        s.execute(select(ProductUnit).where(ProductUnit.workspace_id == ws.id, ProductUnit.serial == serial)).scalars()
    )
    if not units:
        raise FieldError(
            "serial", "no machine with serial number {serial!r} (add it to an order's delivery first)", serial=serial
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


# -- reading -------------------------------------------------------------------------------------


def _history(s: Session, ws: Workspace, number: str) -> list[HistoryEntry]:
    out = []
    for e in entries_for_subject(s, ws, subject(number)):
        payload = json.loads(e.payload) if e.payload else {}
        out.append(HistoryEntry(seq=e.seq, at=e.at, actor=e.actor, action=e.action, details=payload))
    return out


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


def get_request(ctx: Context, workspace: str, number: str) -> RequestRecord:
    """The request as recorded, with its linked threads and messages and its history."""
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        return _record(s, ws, _request(s, ws, number))


def suggestions(ctx: Context, workspace: str, *, limit: int = 200) -> list[Suggestion]:
    """Threads that look like support requests and are not linked yet, newest first."""
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        buyer_domains, suppliers = _parties(s, ws)
        if not suppliers:
            return []
        linked = exists().where(
            MailMessageMeta.thread_id == MailThread.id,
            Message.id == MailMessageMeta.message_pk,
            Message.support_request_id.is_not(None),
        )
        threads = s.execute(
            select(MailThread)
            .where(MailThread.workspace_id == ws.id, MailThread.support_request_id.is_(None), ~linked)
            .order_by(MailThread.first_at.desc(), MailThread.id.desc())
        ).scalars()
        out: list[Suggestion] = []
        for t in threads:
            first = _first_message(s, t)
            if first is None:
                continue
            direction, sender, sent_at, supplier_id = first
            supplier = suppliers.get(supplier_id or t.supplier_id or -1)
            if supplier is None or not _is_buyer(direction, sender, buyer_domains):
                continue
            out.append(
                Suggestion(
                    thread=t.id,
                    subject=t.subject or "",
                    supplier=supplier.key,
                    first_message_at=sent_at,
                    messages=t.message_count,
                )
            )
            if len(out) >= limit:
                break
        return out


def _first_message(s: Session, t: MailThread) -> tuple[str | None, str | None, datetime, int | None] | None:
    row = s.execute(
        select(Message.direction, Message.sender, Message.sent_at, MailMessageMeta.supplier_id)
        .join(MailMessageMeta, MailMessageMeta.message_pk == Message.id)
        .where(MailMessageMeta.thread_id == t.id, Message.sent_at.is_not(None))
        .order_by(Message.sent_at, Message.id)
        .limit(1)
    ).first()
    return (row[0], row[1], row[2], row[3]) if row else None


# -- writing -------------------------------------------------------------------------------------


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


def _new_request(
    s: Session,
    ws: Workspace,
    *,
    supplier: Organization,
    title: str,
    severity: str,
    contract: str | None,
    serial: str | None,
    opened_at: datetime,
) -> SupportRequest:
    c = _contract(s, ws, contract, supplier) if contract else None
    unit = _unit(s, ws, serial) if serial else None
    row = SupportRequest(
        workspace_id=ws.id,
        number=_next_number(s, ws),
        supplier_id=supplier.id,
        contract_id=c.id if c else None,
        unit_id=unit.id if unit else None,
        title=title,
        severity=severity,
        opened_at=opened_at,
        status="open",
    )
    s.add(row)
    s.flush()
    return row


def _opened_payload(row: RequestRecord) -> dict[str, Any]:
    return {
        "request": row.number,
        "supplier": row.supplier,
        "contract": row.contract,
        "severity": row.severity,
        "serial": row.serial,
        "title": row.title,
        "opened_at": row.opened_at.isoformat(),
    }


def open_request(ctx: Context, workspace: str, cmd: OpenRequest, *, actor: str) -> RequestRecord:
    """Open a request by hand; returns it with its new number."""

    def do(s: Session, ws: Workspace, writer: LedgerWriter) -> RequestRecord:
        supplier = _supplier(s, ws, cmd.supplier)
        row = _new_request(
            s,
            ws,
            supplier=supplier,
            title=cmd.title,
            severity=cmd.severity,
            contract=cmd.contract,
            serial=cmd.serial,
            opened_at=cmd.opened_at or ctx.clock(),
        )
        _log(writer, ctx, actor, "request.opened", row.number, _opened_payload(_record(s, ws, row, history=False)))
        return row

    return _write(ctx, workspace, do)


def open_from_thread(ctx: Context, workspace: str, cmd: OpenFromThread, *, actor: str) -> RequestRecord:
    """Open a request from a mail thread: opened at the buyer's first message, the thread linked."""

    def do(s: Session, ws: Workspace, writer: LedgerWriter) -> RequestRecord:
        t = _thread(s, ws, cmd.thread)
        if t.support_request_id is not None:
            raise FieldError(
                "thread",
                "thread {thread} is already linked to {request}",
                thread=t.id,
                request=_number(s, t.support_request_id),
            )
        msgs = _thread_messages(s, t)
        taken = sorted({n for *_, n in msgs if n is not None})
        if taken:
            raise FieldError(
                "thread",
                "messages of thread {thread} are already linked to {requests}",
                thread=t.id,
                requests=", ".join(taken),
            )
        buyer_domains, suppliers = _parties(s, ws)
        buyer_first = min(
            (
                sent
                for _pk, _lab, direction, sender, sent, _sup, _n in msgs
                if sent and _is_buyer(direction, sender, buyer_domains)
            ),
            default=None,
        )
        if buyer_first is None:
            raise FieldError(
                "thread",
                "thread {thread} has no dated message from the buyer's side (are the buyer's mail domains set?)",
                thread=t.id,
            )
        if cmd.supplier:
            supplier = _supplier(s, ws, cmd.supplier)
        elif t.supplier_id in suppliers:
            supplier = suppliers[t.supplier_id]  # the supplier most of the thread's mail is with
        else:
            raise FieldError("supplier", "thread {thread} is not with a known supplier: name the supplier", thread=t.id)
        title = cmd.title or (t.subject or "").strip()[:500] or f"Thread {t.id}"
        row = _new_request(
            s,
            ws,
            supplier=supplier,
            title=title,
            severity=cmd.severity,
            contract=cmd.contract,
            serial=cmd.serial or _serial_named(s, ws, t.subject),
            opened_at=buyer_first,
        )
        labels = _link_thread(s, t, row)
        payload = _opened_payload(_record(s, ws, row, history=False))
        payload.update(from_thread=t.id, thread=t.root_key[:300], messages=labels)
        _log(writer, ctx, actor, "request.opened", row.number, payload)
        return row

    return _write(ctx, workspace, do)


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


_FIELDS = ("title", "severity", "supplier", "contract", "serial", "opened_at")


def change_request(ctx: Context, workspace: str, number: str, cmd: ChangeRequest, *, actor: str) -> RequestRecord:
    """Correct the fields given; one ledger entry lists each changed field's old and new value."""

    def do(s: Session, ws: Workspace, writer: LedgerWriter) -> RequestRecord:
        row = _request(s, ws, number)
        before = _record(s, ws, row, history=False)
        given = cmd.model_fields_set
        supplier = s.get(Organization, row.supplier_id) if row.supplier_id else None
        if "supplier" in given and cmd.supplier:
            supplier = _supplier(s, ws, cmd.supplier)
            row.supplier_id = supplier.id
        if "contract" in given or ("supplier" in given and row.contract_id):
            number_ = cmd.contract if "contract" in given else before.contract
            if number_ and supplier is None:
                raise FieldError("contract", "the request has no supplier; set the supplier first")
            row.contract_id = _contract(s, ws, number_, supplier).id if number_ and supplier else None
        if "serial" in given:
            row.unit_id = _unit(s, ws, cmd.serial).id if cmd.serial else None
        if cmd.title is not None:
            row.title = cmd.title
        if cmd.severity is not None:
            row.severity = cmd.severity
        if cmd.opened_at is not None:
            if row.closed_at and cmd.opened_at > row.closed_at:
                raise FieldError("opened_at", "after the request was closed ({at})", at=row.closed_at.isoformat())
            row.opened_at = cmd.opened_at
        s.flush()
        after = _record(s, ws, row, history=False)
        changes = {
            f: {"old": _plain(getattr(before, f)), "new": _plain(getattr(after, f))}
            for f in _FIELDS
            if getattr(before, f) != getattr(after, f)
        }
        if changes:
            _log(writer, ctx, actor, "request.changed", row.number, {"request": row.number, "changes": changes})
        return row

    return _write(ctx, workspace, do)


def _plain(v: Any) -> Any:
    return v.isoformat() if isinstance(v, datetime) else v


def link_mail(ctx: Context, workspace: str, number: str, cmd: MailLink, *, actor: str) -> LinkResult:
    """Link a whole thread, or single messages, to the request."""

    def do(s: Session, ws: Workspace, writer: LedgerWriter) -> LinkResult:
        row = _request(s, ws, number)
        if cmd.thread is not None:
            t = _thread(s, ws, cmd.thread)
            if t.support_request_id not in (None, row.id):
                other = _number(s, t.support_request_id)
                raise FieldError(
                    "thread",
                    "thread {thread} is linked to {request}; unlink it there first",
                    thread=t.id,
                    request=other,
                )
            msgs = _thread_messages(s, t)
            skipped = [f"{lab}: linked to {sr}" for _pk, lab, *_r, sr in msgs if sr not in (None, row.number)]
            labels = _link_thread(s, t, row)
            result = LinkResult(request=row.number, thread=t.id, linked=labels, skipped=skipped)
            payload = {"request": row.number, "thread": t.id, "root": t.root_key[:300], "messages": labels}
        else:
            found = _messages_by_label(s, ws, cmd.messages)
            for label, (_m, sr) in found.items():
                if sr not in (None, row.number):
                    raise FieldError(
                        "messages", "{label} is linked to {request}; unlink it there first", label=label, request=sr
                    )
            todo = [m for label, (m, sr) in found.items() if sr is None]
            for m in todo:
                m.support_request_id = row.id
            linked = [label for label, (_m, sr) in found.items() if sr is None]
            result = LinkResult(
                request=row.number,
                thread=None,
                linked=linked,
                skipped=[f"{label}: already linked" for label, (_m, sr) in found.items() if sr == row.number],
            )
            payload = {"request": row.number, "messages": linked}
        if result.linked or cmd.thread is not None:
            _log(writer, ctx, actor, "request.linked", row.number, payload)
        return result

    return _write(ctx, workspace, do)


def unlink_mail(ctx: Context, workspace: str, number: str, cmd: MailLink, *, actor: str) -> LinkResult:
    """Unlink a thread (and its messages linked to this request) or single messages."""

    def do(s: Session, ws: Workspace, writer: LedgerWriter) -> LinkResult:
        row = _request(s, ws, number)
        if cmd.thread is not None:
            t = _thread(s, ws, cmd.thread)
            if t.support_request_id != row.id:
                raise FieldError(
                    "thread", "thread {thread} is not linked to {request}", thread=t.id, request=row.number
                )
            t.support_request_id = None
            msgs = [(pk, lab) for pk, lab, *_r, sr in _thread_messages(s, t) if sr == row.number]
            if msgs:
                s.execute(
                    update(Message).where(Message.id.in_([pk for pk, _ in msgs])).values(support_request_id=None),
                    execution_options={"synchronize_session": False},
                )
            labels = [lab or f"message {pk}" for pk, lab in msgs]
            result = LinkResult(request=row.number, thread=t.id, linked=labels)
            payload = {"request": row.number, "thread": t.id, "root": t.root_key[:300], "messages": labels}
        else:
            found = _messages_by_label(s, ws, cmd.messages)
            for label, (m, sr) in found.items():
                if sr != row.number:
                    raise FieldError("messages", "{label} is not linked to {request}", label=label, request=row.number)
                tid = s.execute(
                    select(MailMessageMeta.thread_id).where(MailMessageMeta.message_pk == m.id)
                ).scalar_one_or_none()
                if tid is not None and s.get(MailThread, tid).support_request_id == row.id:  # type: ignore[union-attr]
                    raise FieldError(
                        "messages",
                        "{label} belongs to thread {thread}, which is linked as a whole: unlink the thread, "
                        "then link the messages you want",
                        label=label,
                        thread=tid,
                    )
            for m, _sr in found.values():
                m.support_request_id = None
            result = LinkResult(request=row.number, thread=None, linked=list(found))
            payload = {"request": row.number, "messages": list(found)}
        _log(writer, ctx, actor, "request.unlinked", row.number, payload)
        return result

    return _write(ctx, workspace, do)


def _messages_by_label(s: Session, ws: Workspace, labels: list[str]) -> dict[str, tuple[Message, str | None]]:
    """Each label's message and the request it is linked to; FieldError for a label that is no message."""
    nums = {int(lab[2:]): lab for lab in labels}
    linked = aliased(SupportRequest)
    rows = s.execute(
        select(EvidenceItem.number, Message, linked.number)
        .join(Message, and_(Message.evidence_id == EvidenceItem.id, Message.workspace_id == ws.id))
        .outerjoin(linked, linked.id == Message.support_request_id)
        .where(EvidenceItem.workspace_id == ws.id, EvidenceItem.number.in_(list(nums)))
    ).all()
    found = {nums[n]: (m, sr) for n, m, sr in rows}
    for n, lab in nums.items():
        if lab not in found:
            kind = s.execute(
                select(EvidenceItem.media_type).where(EvidenceItem.workspace_id == ws.id, EvidenceItem.number == n)
            ).scalar_one_or_none()
            if kind:
                raise FieldError("messages", "{label} is not a message ({kind})", label=lab, kind=kind)
            raise FieldError("messages", "{label} does not exist in this workspace", label=lab)
    return {lab: found[lab] for lab in labels if lab in found}


def _events(s: Session, row: SupportRequest) -> list[tuple[str, datetime]]:
    return [
        (k, at)
        for k, at in s.execute(
            select(SlaEvent.kind, SlaEvent.at).where(SlaEvent.support_request_id == row.id).order_by(SlaEvent.at)
        ).all()
    ]


def _add_event(s: Session, ws: Workspace, ctx: Context, row: SupportRequest, kind: str, cmd: Any, actor: str) -> None:
    if cmd.at < row.opened_at:
        raise FieldError(
            "at",
            "{at} is before the request was opened ({opened})",
            at=cmd.at.isoformat(),
            opened=row.opened_at.isoformat(),
        )
    s.add(
        SlaEvent(
            workspace_id=ws.id,
            support_request_id=row.id,
            at=cmd.at,
            kind=kind,
            ref=cmd.ref,
            note=cmd.note,
            created_at=ctx.clock(),
            created_by=actor,
        )
    )


def close_request(ctx: Context, workspace: str, number: str, cmd: StatusChange, *, actor: str) -> RequestRecord:
    """Resolved at ``cmd.at``: a ``resolved`` event, the request marked resolved."""
    return _write(ctx, workspace, lambda s, ws, writer: _set_status(s, ws, writer, ctx, number, cmd, actor, True))


def reopen_request(ctx: Context, workspace: str, number: str, cmd: StatusChange, *, actor: str) -> RequestRecord:
    """Reopened at ``cmd.at``: a ``reopened`` event, the request open again."""
    return _write(ctx, workspace, lambda s, ws, writer: _set_status(s, ws, writer, ctx, number, cmd, actor, False))


def _set_status(
    s: Session,
    ws: Workspace,
    writer: LedgerWriter,
    ctx: Context,
    number: str,
    cmd: StatusChange,
    actor: str,
    close: bool,
) -> SupportRequest:
    row = _request(s, ws, number)
    if close and row.status in CLOSED:
        raise FieldError("at", "{request} is already closed; reopen it first", request=row.number)
    if not close and row.status not in CLOSED:
        raise FieldError("at", "{request} is open; only a closed request can be reopened", request=row.number)
    # closing: not before the last reopening; reopening: not before the last resolution
    before = "reopened" if close else "resolved"
    last = max((at for k, at in _events(s, row) if k == before), default=None) or (None if close else row.closed_at)
    if last and cmd.at < last:
        raise FieldError(
            "at",
            "{at} is before the request was reopened ({last})" if close else "{at} is before it was closed ({last})",
            at=cmd.at.isoformat(),
            last=last.isoformat(),
        )
    _add_event(s, ws, ctx, row, "resolved" if close else "reopened", cmd, actor)
    old = {"status": row.status, "closed_at": _plain(row.closed_at)}
    row.status, row.closed_at = ("resolved", cmd.at) if close else ("open", None)
    changes = {k: {"old": v, "new": _plain(getattr(row, k))} for k, v in old.items()}
    payload = {"request": row.number, "at": cmd.at.isoformat(), "ref": cmd.ref, "changes": changes}
    _log(writer, ctx, actor, "request.closed" if close else "request.reopened", row.number, payload)
    return row


def record_event(ctx: Context, workspace: str, number: str, cmd: RequestEvent, *, actor: str) -> RequestRecord:
    """A pause while waiting for the buyer (start/end), a workaround, an outage or maintenance."""

    def do(s: Session, ws: Workspace, writer: LedgerWriter) -> RequestRecord:
        row = _request(s, ws, number)
        _add_event(s, ws, ctx, row, cmd.kind, cmd, actor)
        payload = {"request": row.number, "kind": cmd.kind, "at": cmd.at.isoformat(), "ref": cmd.ref}
        _log(writer, ctx, actor, "request.event", row.number, payload)
        return row

    return _write(ctx, workspace, do)


# -- for the pages and the CLI ------------------------------------------------------------------


def form_choices(ctx: Context, workspace: str) -> dict[str, Any]:
    """What the request forms offer: suppliers (with their zone), contracts, machines, the buyer's zone."""
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        orgs = list(
            s.execute(
                select(Organization).where(Organization.workspace_id == ws.id).order_by(Organization.name_en)
            ).scalars()
        )
        keys = {o.id: o.key for o in orgs}
        contracts = s.execute(
            select(Contract.number, Contract.supplier_id, Contract.title)
            .where(Contract.workspace_id == ws.id, Contract.kind == "contract")
            .order_by(Contract.number)
        ).all()
        units = s.execute(
            select(ProductUnit.serial, ProductUnit.model)
            .where(ProductUnit.workspace_id == ws.id)
            .order_by(ProductUnit.serial)
        ).all()
    buyer = next((o for o in orgs if o.role == "buyer"), None)
    return {
        "suppliers": [
            {"key": o.key, "name": o.name_en, "tz": (o.details or {}).get("timezone")}
            for o in orgs
            if o.role == "supplier"
        ],
        "contracts": [{"number": n, "supplier": keys.get(sid or -1), "title": t} for n, sid, t in contracts],
        "units": [{"serial": sn, "model": mo} for sn, mo in units],
        "buyer_tz": (buyer.details or {}).get("timezone") if buyer else None,
        "event_kinds": list(EVENT_KINDS),
    }


def thread_preview(ctx: Context, workspace: str, thread_id: int) -> dict[str, Any] | None:
    """A thread as the "open a request from it" form shows it: subject, supplier, the buyer's first
    message (the opening time) and the request it is linked to, if any."""
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        t = s.execute(
            select(MailThread).where(MailThread.workspace_id == ws.id, MailThread.id == thread_id)
        ).scalar_one_or_none()
        if t is None:
            return None
        buyer_domains, suppliers = _parties(s, ws)
        msgs = _thread_messages(s, t)
        first = min(
            (at for _pk, _l, d, snd, at, _s, _n in msgs if at and _is_buyer(d, snd, buyer_domains)), default=None
        )
        linked = sorted({n for *_, n in msgs if n} | ({_number(s, t.support_request_id)} - {None}))
        sup = suppliers.get(t.supplier_id or -1)
        return {
            "thread": t.id,
            "subject": t.subject or "",
            "supplier": sup.key if sup else None,
            "supplier_name": sup.name_en if sup else None,
            "supplier_tz": (sup.details or {}).get("timezone") if sup else None,
            "buyer_first_at": first,
            "messages": len(msgs),
            "linked": linked,
        }


def request_json(ctx: Context, workspace: str, number: str) -> dict[str, Any]:
    """GET /api/sla/requests/{number} and ``request show --json``: the SLA view (timeline, every
    deadline with its explanation) with the record (contract, machine, links, history)."""
    from .. import sla

    detail = sla.request_detail(ctx, workspace, number).to_dict()
    return {**detail, "record": get_request(ctx, workspace, number).model_dump(mode="json")}
