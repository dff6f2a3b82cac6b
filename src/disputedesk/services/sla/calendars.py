"""Supplier business calendars (versioned): set, closures, history."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from ...domain.bizcal import STATUTORY_HOLIDAY, BusinessCalendar, Closure
from ...domain.labels import evidence_number
from ...domain.text import T, Text, field_error
from ...store.db import lock_workspace, unit_of_work
from ...store.ledger import LedgerWriter
from ...store.models import EvidenceItem, Organization, Workspace
from ...store.models_sla import SlaCalendar
from ..context import Context
from ..workspaces import get_workspace
from .base import _supplier

# --------------------------------------------------------------------------------------------
# Supplier calendars
# --------------------------------------------------------------------------------------------


@dataclass
class CalendarVersion:
    supplier_key: str
    version: int  # 0: the default (nothing stored yet)
    valid_from: datetime | None
    spec: dict[str, Any]
    calendar_version: str
    description: str
    note: str | None
    created_by: str | None
    # what a person should look at again (a holiday made a working day): accepted, but said on every view
    warnings: list[Text] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "supplier": self.supplier_key,
            "version": self.version,
            "valid_from": self.valid_from.isoformat() if self.valid_from else None,
            "spec": self.spec,
            "calendar_version": self.calendar_version,
            "description": self.description,
            "note": self.note,
            "created_by": self.created_by,
            "warnings": [str(w) for w in self.warnings],
        }


def holiday_overrides(cal: BusinessCalendar) -> list[Text]:
    """A warning for each per-date override that makes a public holiday of the official calendar a working day.

    Such a day is accepted: the official data may lack a make-up working day (调休) announced later, or the
    supplier may really have worked (a factory that ran through the holiday). But it moves every deadline
    across it, in the supplier's favour or not, so it is said wherever the calendar is shown, naming the day
    and the holiday, and asking for the evidence that shows the work. Chinese statutory holidays are those
    of the State Council's Measures on National Holidays and Commemoration Days (全国年节及纪念日放假办法, as
    amended in 2024) and its General Office's yearly notice, as packaged by ``chinese-calendar``
    (docs/sla.md §1; the Measures are not yet in LEGAL-NOTES.md: UNVERIFIED citation)."""
    out: list[Text] = []
    for day, ov in sorted(cal.overrides.items()):
        if not ov.working:
            continue
        info = cal.official.day(day)
        if info.reason != STATUTORY_HOLIDAY:
            continue
        holiday = T(info.name) if info.name else T("public holiday")
        if ov.evidence_ref:
            out.append(
                T(
                    "%(day)s is a public holiday in the supplier's official calendar (%(holiday)s), but an override "
                    "makes it a working day: deadlines count it as working time. Keep it only if the supplier really "
                    "worked that day, as evidence %(evidence)s should show.",
                    day=day,
                    holiday=holiday,
                    evidence=ov.evidence_ref,
                )
            )
        else:
            out.append(
                T(
                    "%(day)s is a public holiday in the supplier's official calendar (%(holiday)s), but an override "
                    "makes it a working day: deadlines count it as working time. Keep it only if the supplier really "
                    "worked that day, and name the evidence that shows it.",
                    day=day,
                    holiday=holiday,
                )
            )
    return out


def default_calendar_spec(org: Organization) -> dict[str, Any]:
    """A supplier without a stored calendar: its recorded zone and official calendar, Mon-Fri
    09:00-12:00, 13:00-18:00."""
    details = org.details or {}
    tz = details.get("timezone") or "Asia/Shanghai"
    official = details.get("calendar") or ((org.country or "cn").lower() if org.country else "cn")
    return BusinessCalendar(tz=tz, official=official).spec()


def _calendar_rows(s: Session, ws: Workspace) -> dict[int, SlaCalendar]:
    """The newest calendar version of every supplier that has one."""
    latest = (
        select(SlaCalendar.supplier_id, func.max(SlaCalendar.version).label("v"))
        .where(SlaCalendar.workspace_id == ws.id)
        .group_by(SlaCalendar.supplier_id)
        .subquery()
    )
    rows = s.execute(
        select(SlaCalendar).join(
            latest, and_(SlaCalendar.supplier_id == latest.c.supplier_id, SlaCalendar.version == latest.c.v)
        )
    ).scalars()
    return {r.supplier_id: r for r in rows if r.workspace_id == ws.id}


def _check_evidence_refs(s: Session, ws: Workspace, spec: Mapping[str, Any]) -> None:
    refs = [c.get("evidence_ref") for c in spec.get("closures", ())] + [
        o.get("evidence_ref") for o in spec.get("overrides", ())
    ]
    for ref in refs:
        if not ref:
            continue
        number = evidence_number(str(ref))
        if number is None:
            raise ValueError(f"evidence_ref {ref!r}: expected an evidence number such as E-0042")
        found = s.execute(
            select(EvidenceItem.id).where(EvidenceItem.workspace_id == ws.id, EvidenceItem.number == number)
        ).first()
        if found is None:
            raise LookupError(f"evidence_ref {ref}: no such evidence item in workspace {ws.slug!r}")


def set_calendar(
    ctx: Context, workspace: str, supplier_key: str, spec: Mapping[str, Any], *, note: str | None = None, actor: str
) -> CalendarVersion:
    """Store a new version of a supplier's calendar (``BusinessCalendar.spec()`` format)."""
    if not isinstance(spec, Mapping):
        raise ValueError("calendar: expected a JSON object")
    cal = BusinessCalendar.from_spec(spec)
    if not any(cal.weekly.values()):  # only make-up working days would count: a deadline could be months away
        raise ValueError(field_error("windows", "no working hours on any day of the week"))
    canonical = cal.spec()
    now = ctx.clock()
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        lock_workspace(s, ws.id)
        org = _supplier(s, ws, supplier_key)
        _check_evidence_refs(s, ws, canonical)
        last = s.execute(
            select(func.max(SlaCalendar.version)).where(
                SlaCalendar.workspace_id == ws.id, SlaCalendar.supplier_id == org.id
            )
        ).scalar_one()
        row = SlaCalendar(
            workspace_id=ws.id,
            supplier_id=org.id,
            version=(last or 0) + 1,
            valid_from=now,
            spec=canonical,
            calendar_version=cal.version,
            note=note,
            created_at=now,
            created_by=actor,
        )
        s.add(row)
        writer = LedgerWriter(s, ws)
        writer.append(
            actor=actor,
            action="sla.calendar.set",
            at=now,
            subject=hashlib.sha256(json.dumps(canonical, sort_keys=True).encode()).hexdigest(),
            payload={"supplier": org.key, "version": row.version, "calendar_version": cal.version, "note": note},
        )
        view = CalendarVersion(
            org.key, row.version, now, canonical, cal.version, cal.describe(), note, actor, holiday_overrides(cal)
        )
    writer.write_anchor(ctx.blobs)
    return view


def add_closure(
    ctx: Context,
    workspace: str,
    supplier_key: str,
    start: date,
    end: date,
    label: str,
    evidence_ref: str | None = None,
    *,
    actor: str,
) -> CalendarVersion:
    """A new calendar version with one more supplier closure (linked to its evidence)."""
    if end < start:  # named as the form and the API name it, in the reader's language
        raise ValueError(
            field_error("end", "%(day)s is before the first day of the closure (%(start)s)", day=end, start=start)
        )
    Closure(start, end, label, evidence_ref)  # validates the dates
    spec = dict(get_calendar(ctx, workspace, supplier_key).spec)
    spec["closures"] = [
        *spec.get("closures", []),
        {"start": start.isoformat(), "end": end.isoformat(), "label": label, "evidence_ref": evidence_ref},
    ]
    return set_calendar(ctx, workspace, supplier_key, spec, note=f"closure {start}..{end}: {label}", actor=actor)


def get_calendar(ctx: Context, workspace: str, supplier_key: str) -> CalendarVersion:
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        org = _supplier(s, ws, supplier_key)
        row = _calendar_rows(s, ws).get(org.id)
        if row is None:
            spec = default_calendar_spec(org)
            cal = BusinessCalendar.from_spec(spec)
            return CalendarVersion(org.key, 0, None, spec, cal.version, cal.describe(), None, None)
        cal = BusinessCalendar.from_spec(row.spec)
        return CalendarVersion(
            org.key,
            row.version,
            row.valid_from,
            row.spec,
            row.calendar_version,
            cal.describe(),
            row.note,
            row.created_by,
            holiday_overrides(cal),
        )


def calendar_history(ctx: Context, workspace: str, supplier_key: str) -> list[CalendarVersion]:
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        org = _supplier(s, ws, supplier_key)
        rows = s.execute(
            select(SlaCalendar)
            .where(SlaCalendar.workspace_id == ws.id, SlaCalendar.supplier_id == org.id)
            .order_by(SlaCalendar.version.desc())
        ).scalars()
        return [
            CalendarVersion(org.key, r.version, r.valid_from, r.spec, r.calendar_version, "", r.note, r.created_by)
            for r in rows
        ]
