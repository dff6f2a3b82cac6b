"""The case list and the dashboard, with list rows cached per case and day."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ...domain.money import Money
from ...domain.text import from_json, to_json
from ...store.db import insert_or_update, lock_workspace, unit_of_work
from ...store.models import Case, LedgerEntry, Workspace
from ...store.models_cases import (
    CaseSummaryCache,
)
from ..context import Context
from ..workspaces import get_workspace
from .base import UPCOMING_DAYS, today_for
from .views import CaseView, DeadlineView, _build_view

# Key of the dashboard items in a cached list row (kept with the row, not part of the list's JSON).
PANEL = "_dashboard"


@dataclass
class CaseSummary:
    id: int
    number: str
    title: str
    status: str
    opened_on: date
    supplier: str
    issues: list[str]
    amount_at_stake: Money | None
    steps: int
    last_step: str | None
    overdue: int
    next_deadline: DeadlineView | None
    totals: dict[str, Money]
    panel: dict[str, Any] = field(default_factory=dict)  # the case's dashboard items (_panel_items)
    supplier_zh: str | None = None  # the registered Chinese name, for Chinese pages

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "number": self.number,
            "title": self.title,
            "status": self.status,
            "opened_on": self.opened_on.isoformat(),
            "supplier": self.supplier,
            "issues": self.issues,
            "amount_at_stake": self.amount_at_stake.to_json() if self.amount_at_stake else None,
            "steps": self.steps,
            "last_step": self.last_step,
            "overdue_steps": self.overdue,
            "next_deadline": self.next_deadline.to_json() if self.next_deadline else None,
            "claimed": {c: str(m.amount) for c, m in self.totals.items()},
            PANEL: self.panel,
        }


def _case_ids(
    s: Session, ws: Workspace, only_case_id: int | None, limit: int | None = None, offset: int = 0
) -> list[int]:
    q = select(Case.id).where(Case.workspace_id == ws.id).order_by(Case.number)
    if only_case_id is not None:
        q = q.where(Case.id == only_case_id)
    if limit is not None:
        q = q.limit(limit).offset(offset)
    return list(s.execute(q).scalars())


def list_cases(
    ctx: Context,
    workspace: str,
    *,
    today: date | None = None,
    only_case_id: int | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[CaseSummary]:
    today = today or today_for(ctx)
    out = []
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        for cid in _case_ids(s, ws, only_case_id, limit, offset):
            case = s.get(Case, cid)
            assert case is not None
            v = _build_view(s, ws, case, today)
            upcoming = [d for d in v.deadlines if d.days_left is not None and d.days_left >= 0]
            out.append(
                CaseSummary(
                    id=v.id,
                    number=v.number,
                    title=v.title,
                    status=v.status,
                    opened_on=v.opened_on,
                    supplier=v.supplier.get("name_en", ""),
                    issues=[i.id for i in v.issues],
                    amount_at_stake=v.amount_at_stake,
                    steps=len(v.steps),
                    last_step=v.steps[-1].step.value if v.steps else None,
                    overdue=len(v.overdue),
                    next_deadline=min(upcoming, key=lambda d: d.days_left or 0) if upcoming else None,
                    totals=v.totals,
                    panel=_panel_items(v, today),
                    supplier_zh=v.supplier.get("name_zh"),
                )
            )
    return out


def _panel_items(v: CaseView, today: date) -> dict[str, Any]:
    """What the dashboard shows of one case on ``today`` (JSON, dates as ISO text): its overdue
    ladder steps, its coming deadlines (the ladder's suggested date among them) and, for an open
    case, the next step and the next legal deadline."""
    overdue = []
    for st in v.overdue:
        assert st.overdue is not None
        overdue.append(
            {
                "step": st.step.value,
                "title": st.title,
                "sent_on": st.sent_on.isoformat(),
                "due": st.overdue.due.isoformat(),
                "days": st.overdue.days_overdue,
            }
        )
    coming = [
        {
            "kind": d.deadline.kind,
            "label": to_json(d.deadline.label),  # a sentence: kept as such through the day's cache
            "due": d.deadline.due.isoformat(),
            "days": d.days_left,
            "rule": d.deadline.rule,
            "needs_counsel": d.deadline.needs_counsel,
            "provisional": d.deadline.provisional,
        }
        for d in v.deadlines
        if d.days_left is not None and d.days_left >= 0
    ]
    sug = v.suggestion
    if sug.by and (sug.by - today).days >= 0:
        coming.append(
            {
                "kind": "ladder",
                "label": to_json(sug.reason),
                "due": sug.by.isoformat(),
                "days": (sug.by - today).days,
                "rule": sug.citation,
                "needs_counsel": False,
                "provisional": False,
            }
        )
    nxt = None
    if v.status == "open":
        later = [d for d in v.deadlines if d.days_left is not None and d.days_left >= 0]
        nd = min(later, key=lambda d: d.days_left or 0) if later else None
        nxt = {
            "title": v.title,
            "suggestion": {
                "step": sug.step.value if sug.step else None,
                "action": sug.action,
                "reason": sug.reason,
                "citation": sug.citation,
                "by": sug.by.isoformat() if sug.by else None,
            },
            "deadline": {"kind": nd.deadline.kind, "label": nd.deadline.label, "due": nd.deadline.due.isoformat()}
            if nd
            else None,
            "days": nd.days_left if nd else None,
        }
    return {"overdue": overdue, "coming": coming, "next": nxt}


def dashboard_data(
    ctx: Context,
    workspace: str,
    *,
    today: date | None = None,
    only_case_id: int | None = None,
    days: int = UPCOMING_DAYS,
) -> dict[str, Any]:
    """Overdue ladder steps and deadlines in the next ``days`` days, across the workspace's cases.

    Read from the day's cached case rows (``list_cases_json``): a case's view is built only when
    its row is not cached yet, so the dashboard does not rebuild every case on every view."""
    today = today or today_for(ctx)
    overdue: list[dict[str, Any]] = []
    coming: list[dict[str, Any]] = []
    nxt: list[dict[str, Any]] = []
    for row in _cached_rows(ctx, workspace, today=today, only_case_id=only_case_id, limit=None):
        case = {"case_id": row["id"], "case": row["number"]}
        panel = row.get(PANEL) or {}
        for o in panel.get("overdue", []):
            overdue.append({**case, **o, "sent_on": _day(o["sent_on"]), "due": _day(o["due"])})
        for c in panel.get("coming", []):
            if c["days"] <= days:
                coming.append({**case, **c, "label": from_json(c["label"]), "due": _day(c["due"])})
        n = panel.get("next")
        if n is not None:
            sug = {**n["suggestion"], "by": _day(n["suggestion"]["by"]) if n["suggestion"]["by"] else None}
            dl = {**n["deadline"], "due": _day(n["deadline"]["due"])} if n["deadline"] else None
            nxt.append({**case, "title": n["title"], "suggestion": sug, "deadline": dl, "days": n["days"]})
    coming.sort(key=lambda x: x["due"])
    overdue.sort(key=lambda x: -x["days"])
    return {"today": today, "overdue": overdue, "coming": coming, "days": days, "cases": nxt}


def _day(iso: str) -> date:
    return date.fromisoformat(iso)


# -- the list, cached per case and day -------------------------------------------------------
# A case's list row needs its whole view (deadlines, ladder, claims: about a dozen queries), so
# a page of a big workspace is slow to build. The row is kept per day in case_summary_cache and
# dropped by any change to the case's records (the flush hook in store/summary_cache.py, registered
# when the engine is made), so it is never stale.


def list_cases_json(
    ctx: Context,
    workspace: str,
    *,
    today: date | None = None,
    only_case_id: int | None = None,
    limit: int = 100,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """The list rows of a page of cases (as ``CaseSummary.to_json``), from the day's cache."""
    rows = _cached_rows(ctx, workspace, today=today, only_case_id=only_case_id, limit=limit, offset=offset)
    return [{k: v for k, v in row.items() if k != PANEL} for row in rows]


def _cached_rows(
    ctx: Context,
    workspace: str,
    *,
    today: date | None = None,
    only_case_id: int | None = None,
    limit: int | None = 100,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """The cached rows (with the dashboard items) of a page of cases; missing ones computed and stored."""
    today = today or today_for(ctx)
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        ids = _case_ids(s, ws, only_case_id, limit, offset)
        cached = {
            c.case_id: c.data
            for c in s.execute(
                select(CaseSummaryCache).where(
                    CaseSummaryCache.case_id.in_(ids or [-1]), CaseSummaryCache.computed_on == today
                )
            ).scalars()
            if PANEL in c.data  # a row cached by an older release has no dashboard items
        }
        missing = [i for i in ids if i not in cached]
        seen = _ledger_head(s, ws.id) if missing else 0
    if missing:
        fresh = {c.id: c.to_json() for c in _summaries(ctx, workspace, missing, today)}
        with unit_of_work(ctx.engine) as s:
            # Rows computed while a writer changed the workspace may be stale: store them only if
            # no write committed since they were read. The lock waits for a writer still running
            # (its flush dropped cached rows before these were stored; its commit would not).
            lock_workspace(s, ws.id)
            if _ledger_head(s, ws.id) != seen:
                return [{**cached, **fresh}[i] for i in ids]  # as read; the next view computes again
            # Another reader may be storing the same rows right now: insert-or-update, never fail.
            insert_or_update(
                s,
                CaseSummaryCache,
                [
                    {"case_id": cid, "workspace_id": ws.id, "computed_on": today, "data": data}
                    for cid, data in fresh.items()
                ],
                key=["case_id"],
                update=["computed_on", "data"],
            )
        cached.update(fresh)
    return [cached[i] for i in ids]


def _ledger_head(s: Session, workspace_id: int) -> int:
    """The workspace's last ledger entry: every change to a case appends one."""
    return int(
        s.execute(select(func.max(LedgerEntry.seq)).where(LedgerEntry.workspace_id == workspace_id)).scalar() or 0
    )


def _summaries(ctx: Context, workspace: str, ids: list[int], today: date) -> list[CaseSummary]:
    out = []
    for cid in ids:
        out.extend(list_cases(ctx, workspace, today=today, only_case_id=cid))
    return out


def refresh_summaries(ctx: Context, workspace: str, *, today: date | None = None, batch: int = 200) -> int:
    """Compute every case's list row for ``today`` (run daily by the worker, or after a bulk load)."""
    today = today or today_for(ctx)
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        total = s.execute(select(func.count(Case.id)).where(Case.workspace_id == ws.id)).scalar_one()
    for offset in range(0, int(total), batch):
        _cached_rows(ctx, workspace, today=today, limit=batch, offset=offset)
    return int(total)
