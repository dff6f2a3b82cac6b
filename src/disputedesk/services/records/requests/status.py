"""Closing and reopening a support request, and its other dated SLA events (the events are what the
SLA engine reads)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ....store.ledger import LedgerWriter
from ....store.models import SupportRequest, Workspace
from ....store.models_sla import SlaEvent
from ...context import Context
from .._common import not_future
from ..errors import FieldError
from ..request_models import (
    RequestEvent,
    RequestRecord,
    StatusChange,
)
from .base import CLOSED, _log, _plain, _request, _write


def _events(s: Session, row: SupportRequest) -> list[tuple[str, datetime]]:
    return [
        (k, at)
        for k, at in s.execute(
            select(SlaEvent.kind, SlaEvent.at).where(SlaEvent.support_request_id == row.id).order_by(SlaEvent.at)
        ).all()
    ]


def _add_event(s: Session, ws: Workspace, ctx: Context, row: SupportRequest, kind: str, cmd: Any, actor: str) -> None:
    if not kind.startswith("maintenance_"):  # maintenance may be announced ahead; the rest has happened
        not_future(ctx, "at", cmd.at)
    if cmd.at < row.opened_at:
        raise FieldError(
            "at",
            "{at} is before the request was opened, on {opened}",
            at=cmd.at,
            opened=row.opened_at,
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
            "{at} is before the request was reopened, on {last}"
            if close
            else "{at} is before it was closed, on {last}",
            at=cmd.at,
            last=last,
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
