"""Opening a support request: by hand, or from a mail thread (opened at the buyer's first message,
the thread linked so that its later messages follow)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from ....store.ledger import LedgerWriter
from ....store.models import Organization, SupportRequest, Workspace
from ...context import Context
from .._common import not_future
from ..errors import FieldError
from ..request_models import (
    OpenFromThread,
    OpenRequest,
    RequestRecord,
)
from .base import (
    _contract,
    _is_buyer,
    _link_thread,
    _log,
    _next_number,
    _not_before_signing,
    _number,
    _parties,
    _record,
    _serial_named,
    _supplier,
    _thread,
    _thread_messages,
    _unit,
    _write,
)


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
    from_thread: bool = False,
) -> SupportRequest:
    c = _contract(s, ws, contract, supplier) if contract else None
    if c is not None:  # opened by hand: the time is wrong; from a thread: the contract chosen is
        _not_before_signing(c, supplier, opened_at, "contract" if from_thread else "opened_at", from_thread=from_thread)
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

    not_future(ctx, "opened_at", cmd.opened_at)  # a typo such as 2031 for 2021 would skew every SLA figure

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
            from_thread=True,
        )
        labels = _link_thread(s, t, row)
        payload = _opened_payload(_record(s, ws, row, history=False))
        payload.update(from_thread=t.id, thread=t.root_key[:300], messages=labels)
        _log(writer, ctx, actor, "request.opened", row.number, payload)
        return row

    return _write(ctx, workspace, do)
