"""Request events recorded by hand (escalated, resolved, reopened …)."""

from __future__ import annotations

from datetime import datetime

from ...domain.dates import is_future
from ...domain.text import field_error
from ...store.db import lock_workspace, unit_of_work
from ...store.ledger import LedgerWriter
from ...store.models_sla import SlaEvent
from ..context import Context
from ..records.errors import FieldError
from ..workspaces import get_workspace
from .base import _aware, _request

EVENT_KINDS = (
    "opened",
    "waiting_for_buyer_start",
    "waiting_for_buyer_end",
    "workaround",
    "resolved",
    "reopened",
    "outage_start",
    "outage_end",
    "maintenance_start",
    "maintenance_end",
)


# --------------------------------------------------------------------------------------------
# Request events
# --------------------------------------------------------------------------------------------


def add_event(
    ctx: Context,
    workspace: str,
    request_number: str,
    kind: str,
    at: datetime,
    *,
    ref: str | None = None,
    note: str | None = None,
    actor: str,
) -> None:
    """Record a dated event of a request (pause while waiting for the buyer, resolved, …)."""
    if kind not in EVENT_KINDS:
        raise ValueError(f"kind {kind!r}: expected one of {', '.join(EVENT_KINDS)}")
    _aware(at, "at")
    now = ctx.clock()
    # planned maintenance may be announced ahead; every other event has happened (as for the
    # request events recorded through services/records/requests)
    if not kind.startswith("maintenance_") and is_future(at, now):
        raise ValueError(field_error("at", "%(day)s is in the future", day=at.isoformat()))
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        lock_workspace(s, ws.id)
        req = _request(s, ws, request_number)
        if at < req.opened_at:  # as the request's page refuses it (records/requests/status.py): same field, same words
            raise FieldError("at", "{at} is before the request was opened, on {opened}", at=at, opened=req.opened_at)
        s.add(
            SlaEvent(
                workspace_id=ws.id,
                support_request_id=req.id,
                at=at,
                kind=kind,
                ref=ref,
                note=note,
                created_at=now,
                created_by=actor,
            )
        )
        writer = LedgerWriter(s, ws)
        writer.append(
            actor=actor,
            action="sla.event.added",
            at=now,
            payload={"request": req.number, "kind": kind, "at": at.isoformat(), "ref": ref},
        )
    writer.write_anchor(ctx.blobs)
