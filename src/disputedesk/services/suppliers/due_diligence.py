"""The due-diligence checklist (registry checked, site visit …) and its evidence."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ...domain.suppliers import (
    DDEntry,
    DDItem,
    DDStatus,
)
from ...store.db import lock_workspace, unit_of_work
from ...store.models_suppliers import (
    DueDiligenceEntry,
)
from ..context import Context
from ..workspaces import get_workspace
from .base import SupplierError, _date, _evidence, _Ledger, _org, _past, _text, one_of

# --------------------------------------------------------------------------- due diligence

DD_ALIASES = {
    # dispute.json spellings → the domain's item codes
    "registry_entry_checked": DDItem.REGISTRY_CHECKED,
    "sanctions_export_control_screening": DDItem.SANCTIONS_SCREENING,
}


def dd_item(value: str) -> DDItem:
    v = (value or "").strip()
    if v in DD_ALIASES:
        return DD_ALIASES[v]
    try:
        return DDItem(v)
    except ValueError as exc:
        raise SupplierError("item", one_of(value, (i.value for i in DDItem))) from exc


def record_due_diligence(ctx: Context, workspace: str, key: str, data: Mapping[str, Any], *, actor: str) -> None:
    """Append one checklist entry: item, status, date, who, evidence, note."""
    item = dd_item(str(data.get("item") or ""))
    try:
        status = DDStatus(str(data.get("status") or ""))
    except ValueError as exc:
        raise SupplierError("status", one_of(data.get("status"), (x.value for x in DDStatus))) from exc
    on = _past(ctx, _date(data.get("on"), "on"), "on")
    by = _text(data.get("by"))
    if status in (DDStatus.DONE, DDStatus.FAILED) and not by:
        raise SupplierError("by", "say who did the check")
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        lock_workspace(s, ws.id)
        org = _org(s, ws, key)
        ev = _evidence(s, ws, data.get("evidence"), "evidence")
        s.add(
            DueDiligenceEntry(
                workspace_id=ws.id,
                organization_id=org.id,
                item=item.value,
                status=status.value,
                done_on=on,
                done_by=by,
                evidence_id=ev.id if ev else None,
                note=_text(data.get("note")),
                recorded_by=actor,
                recorded_at=ctx.clock(),
            )
        )
        led = _Ledger(s, ws, ctx, actor)
        led.append(
            "supplier.due_diligence",
            {
                "supplier": key,
                "item": item.value,
                "status": status.value,
                "on": on.isoformat() if on else None,
                "evidence": ev.label if ev else None,
            },
            subject=ev.sha256 if ev else "",
        )
    led.anchor()


def _dd_entries(rows: Iterable[DueDiligenceEntry], labels: Mapping[int, str]) -> list[DDEntry]:
    out = []
    for r in rows:
        out.append(
            DDEntry(
                DDItem(r.item),
                DDStatus(r.status),
                r.done_on,
                r.done_by,
                (labels[r.evidence_id],) if r.evidence_id and r.evidence_id in labels else (),
                r.note,
            )
        )
    return out
