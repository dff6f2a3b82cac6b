"""Periodic supplier reviews: the schedule, the SLA figures and credits they start from, reminders."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select

from ...domain import scorecard as sc
from ...domain.money import Money
from ...domain.sla import first_response_figures
from ...domain.suppliers import (
    Rating,
    ReviewFrequency,
    ReviewRecord,
    SupportFigures,
    due_reviews,
)
from ...domain.suppliers import (
    ReviewSchedule as DSchedule,
)
from ...domain.text import T, Text
from ...store.db import lock_workspace, unit_of_work
from ...store.models import Organization
from ...store.models_suppliers import (
    SupplierReview,
    SupplierReviewSchedule,
)
from ..context import Context
from ..sla import list_requests, supplier_report
from ..workspaces import get_workspace
from .base import SupplierError, _cases, _date, _evidence, _Ledger, _list, _org, _past, _text, _today, one_of

# --------------------------------------------------------------------------- reviews


def set_review_schedule(
    ctx: Context, workspace: str, key: str, frequency: str, first_due: date | str, *, grace_days: int = 14, actor: str
) -> None:
    try:
        freq = ReviewFrequency(frequency)
    except ValueError as exc:
        raise SupplierError("frequency", one_of(None, (f.value for f in ReviewFrequency))) from exc
    due = _date(first_due, "first_due")
    if due is None:
        raise SupplierError("first_due", "the first due date is required")
    if not 0 <= int(grace_days) <= 60:
        raise SupplierError("grace_days", "between 0 and 60 days")
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        lock_workspace(s, ws.id)
        org = _org(s, ws, key)
        row = s.execute(
            select(SupplierReviewSchedule).where(SupplierReviewSchedule.organization_id == org.id)
        ).scalar_one_or_none()
        if row is None:
            row = SupplierReviewSchedule(
                workspace_id=ws.id, organization_id=org.id, frequency=freq.value, first_due=due
            )
            s.add(row)
        row.frequency, row.first_due, row.grace_days = freq.value, due, int(grace_days)
        led = _Ledger(s, ws, ctx, actor)
        led.append("supplier.review_schedule", {"supplier": key, "frequency": freq.value, "first_due": due.isoformat()})
    led.anchor()


def _td(seconds: Any) -> timedelta | None:
    if seconds is None or seconds == "":
        return None
    return timedelta(seconds=int(seconds))


def figures_to_dict(f: SupportFigures | None) -> dict[str, Any] | None:
    if f is None:
        return None

    def sec(td: timedelta | None) -> int | None:
        return None if td is None else int(td.total_seconds())

    return {
        "requests": f.requests,
        "sla_met": f.sla_met,
        "median_first_response_s": sec(f.median_first_response),
        "p90_first_response_s": sec(f.p90_first_response),
        "first_response_target_s": sec(f.first_response_target),
        "breaches_by_severity": dict(f.breaches_by_severity),
    }


def figures_from_dict(d: Mapping[str, Any] | None) -> SupportFigures | None:
    if not d:
        return None
    return SupportFigures(
        int(d.get("requests") or 0),
        int(d.get("sla_met") or 0),
        _td(d.get("median_first_response_s")),
        _td(d.get("p90_first_response_s")),
        _td(d.get("first_response_target_s")),
        {k: int(v) for k, v in (d.get("breaches_by_severity") or {}).items() if int(v)},
    )


#: Request severities (support_requests.severity) → the scorecard's breach severities.
BREACH_SEVERITY = {"critical": "critical", "high": "major", "major": "major"}


def sla_figures(ctx: Context, workspace: str, key: str, start: date | None, end: date) -> SupportFigures | None:
    """The SLA engine's figures for one supplier and the requests opened in ``[start, end]``.

    Read from the SLA engine's stored results (``services/sla/``) (``list_requests``: per request its SLA status,
    breached deadlines and first response in business seconds; ``supplier_report``: the
    first-response targets). A request counts when settled (met or breached); "met" means every
    deadline met. Median (lower) and p90 (nearest rank) as the SLA engine computes them.
    ``None`` when the SLA engine has evaluated nothing in the period.
    """
    try:
        rows = list_requests(ctx, workspace, supplier_key=key, limit=100_000)
        reports = supplier_report(ctx, workspace, key)
    except LookupError:
        return None
    rows = [
        r
        for r in rows
        if r.sla_status in ("met", "breached")
        and (start is None or r.opened_at.date() >= start)
        and r.opened_at.date() <= end
    ]
    if not rows:
        return None
    targets: dict[str, int] = {}
    for rep in reports:
        for pt in rep.points:
            if pt.target_seconds:
                targets[pt.request] = int(pt.target_seconds)
    median, p90 = first_response_figures(
        int(r.first_response_seconds) for r in rows if r.first_response_seconds is not None
    )
    tvals = [targets[r.number] for r in rows if r.number in targets]
    target = min(set(tvals), key=lambda t: (-tvals.count(t), t)) if tvals else None
    breaches: dict[str, int] = {}
    for r in rows:
        if r.breaches:
            sev = BREACH_SEVERITY.get(r.severity, "minor")
            breaches[sev] = breaches.get(sev, 0) + int(r.breaches)
    return SupportFigures(
        requests=len(rows),
        sla_met=sum(1 for r in rows if r.sla_status == "met"),
        median_first_response=None if median is None else timedelta(seconds=median),
        p90_first_response=None if p90 is None else timedelta(seconds=p90),
        first_response_target=timedelta(seconds=target) if target else None,
        breaches_by_severity=breaches,
    )


def sla_credits(ctx: Context, workspace: str, key: str, start: date | None, end: date) -> list[sc.CreditOwed]:
    """Service credits the SLA engine computed for the supplier (unpaid: DisputeDesk does not
    know of a payment until the cases area records one)."""
    try:
        reports = supplier_report(ctx, workspace, key)
    except LookupError:
        return []

    out = []
    for rep in reports:
        for c in rep.credits:
            when = _date(str(c.get("window_start", ""))[:10], "window_start") if c.get("window_start") else None
            amount = c.get("amount") or {}
            if when and ((start and when < start) or when > end):
                continue
            try:
                money = Money.of(amount["amount"], amount["currency"])
            except (KeyError, ValueError, TypeError):
                continue
            if money.amount > 0:
                out.append(sc.CreditOwed(money, False, c.get("explanation")))
    return out


def review_prefill(ctx: Context, workspace: str, key: str, start: date, end: date) -> dict[str, Any]:
    """What the review form starts with: the SLA engine's figures for the period (when the SLA
    service exists) and the number of open disputes."""
    figures = sla_figures(ctx, workspace, key, start, end)
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        org = _org(s, ws, key)
        open_cases = sum(1 for c in _cases(s, ws, org, end) if c.status == "open")
    return {
        "period_start": start,
        "period_end": end,
        "figures": figures_to_dict(figures),
        "figures_source": "sla_engine" if figures else None,
        "open_disputes": open_cases,
    }


def add_review(ctx: Context, workspace: str, key: str, data: Mapping[str, Any], *, actor: str) -> int:
    """Record a periodic review. Support figures: the SLA engine's for the period when it can
    give them, else those entered (``figures``), else none."""
    reviewed_on = _past(ctx, _date(data.get("reviewed_on"), "reviewed_on"), "reviewed_on") or _today(ctx)
    start = _date(data.get("period_start"), "period_start")
    end = _date(data.get("period_end"), "period_end")
    if start is None or end is None:
        raise SupplierError("period_start" if start is None else "period_end", "the review period is required")
    if end < start:
        raise SupplierError("period_end", "is before period_start")
    ratings = {}
    for f in ("product_quality", "support_responsiveness", "documentation"):
        try:
            ratings[f] = int(Rating(int(data.get(f) or 0)))
        except (ValueError, TypeError) as exc:
            raise SupplierError(f, T("a rating from 1 (very poor) to 5 (very good)")) from exc
    reviewer = _text(data.get("reviewer")) or actor
    figures = sla_figures(ctx, workspace, key, start, end)
    source = "sla_engine" if figures else None
    if figures is None and data.get("figures"):
        try:
            figures = figures_from_dict(data["figures"])
        except (ValueError, TypeError) as exc:
            said = exc.args[0] if exc.args and isinstance(exc.args[0], Text) else str(exc)
            raise SupplierError("figures", said) from exc
        source = "entered"
    actions = []
    for a in _list(data.get("actions")) if isinstance(data.get("actions"), str) else list(data.get("actions") or []):
        actions.append(
            {"text": a}
            if isinstance(a, str)
            else {"text": str(a.get("text")), **{k: v for k, v in a.items() if k != "text"}}
        )
    try:
        open_disputes = int(data.get("open_disputes") or 0)
    except ValueError as exc:
        raise SupplierError("open_disputes", "a whole number") from exc
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        lock_workspace(s, ws.id)
        org = _org(s, ws, key)
        ev = _evidence(s, ws, data.get("evidence"), "evidence")
        row = SupplierReview(
            workspace_id=ws.id,
            organization_id=org.id,
            reviewed_on=reviewed_on,
            reviewer=reviewer,
            period_start=start,
            period_end=end,
            figures=figures_to_dict(figures),
            figures_source=source,
            open_disputes=open_disputes,
            actions=actions,
            notes=_text(data.get("notes")),
            evidence_id=ev.id if ev else None,
            created_at=ctx.clock(),
            **ratings,
        )
        s.add(row)
        s.flush()
        led = _Ledger(s, ws, ctx, actor)
        led.append(
            "supplier.reviewed",
            {"supplier": key, "reviewed_on": reviewed_on.isoformat(), **ratings, "evidence": ev.label if ev else None},
            subject=ev.sha256 if ev else "",
        )
        rid = row.id
    led.anchor()
    return rid


def _review_record(r: SupplierReview, key: str, labels: Mapping[int, str]) -> ReviewRecord:
    return ReviewRecord(
        key,
        r.reviewed_on,
        r.reviewer,
        r.period_start,
        r.period_end,
        Rating(r.product_quality),
        Rating(r.support_responsiveness),
        Rating(r.documentation),
        figures_from_dict(r.figures),
        r.open_disputes,
        (),
        r.notes,
        (labels[r.evidence_id],) if r.evidence_id in labels else (),
    )


@dataclass
class Reminder:
    supplier_key: str
    supplier_name: str
    due_on: date
    status: str
    days_overdue: int
    last_review: date | None
    missed_before: int
    supplier_name_zh: str | None = None  # the registered Chinese name, for Chinese pages


def review_reminders(ctx: Context, workspace: str, today: date | None = None) -> list[Reminder]:
    today = today or _today(ctx)
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        orgs = {o.id: o for o in s.execute(select(Organization).where(Organization.workspace_id == ws.id)).scalars()}
        schedules = [
            DSchedule(orgs[r.organization_id].key, ReviewFrequency(r.frequency), r.first_due, r.grace_days)
            for r in s.execute(
                select(SupplierReviewSchedule).where(SupplierReviewSchedule.workspace_id == ws.id)
            ).scalars()
        ]
        reviews = [
            _review_record(r, orgs[r.organization_id].key, {})
            for r in s.execute(select(SupplierReview).where(SupplierReview.workspace_id == ws.id)).scalars()
        ]
    names = {o.key: o.name_en for o in orgs.values()}
    names_zh = {o.key: o.name_zh for o in orgs.values()}
    return [
        Reminder(
            d.supplier_id,
            names.get(d.supplier_id, d.supplier_id),
            d.due_on,
            d.status,
            d.days_overdue,
            d.last_review,
            d.missed_before,
            names_zh.get(d.supplier_id),
        )
        for d in due_reviews(schedules, reviews, today)
    ]
