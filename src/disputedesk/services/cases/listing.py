"""The case list and the dashboard, with list rows cached per case and day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ...domain.money import Money
from ...store.db import insert_or_update, lock_workspace, unit_of_work
from ...store.models import Case, LedgerEntry, Workspace
from ...store.models_cases import (
    CaseSummaryCache,
)
from ..context import Context
from ..workspaces import get_workspace
from .base import UPCOMING_DAYS, today_for
from .views import DeadlineView, _build_view


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
                )
            )
    return out


def dashboard_data(
    ctx: Context,
    workspace: str,
    *,
    today: date | None = None,
    only_case_id: int | None = None,
    days: int = UPCOMING_DAYS,
) -> dict[str, Any]:
    """Overdue ladder steps and deadlines in the next ``days`` days, across the workspace's cases."""
    today = today or today_for(ctx)
    overdue: list[dict[str, Any]] = []
    coming: list[dict[str, Any]] = []
    nxt: list[dict[str, Any]] = []
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        for cid in _case_ids(s, ws, only_case_id):
            case = s.get(Case, cid)
            assert case is not None
            v = _build_view(s, ws, case, today)
            for st in v.overdue:
                assert st.overdue is not None
                overdue.append(
                    {
                        "case_id": v.id,
                        "case": v.number,
                        "step": st.step.value,
                        "title": st.title,
                        "sent_on": st.sent_on,
                        "due": st.overdue.due,
                        "days": st.overdue.days_overdue,
                    }
                )
            for d in v.deadlines:
                if d.days_left is not None and 0 <= d.days_left <= days:
                    coming.append(
                        {
                            "case_id": v.id,
                            "case": v.number,
                            "kind": d.deadline.kind,
                            "label": d.deadline.label,
                            "due": d.deadline.due,
                            "days": d.days_left,
                            "rule": d.deadline.rule,
                            "needs_counsel": d.deadline.needs_counsel,
                            "provisional": d.deadline.provisional,
                        }
                    )
            if v.suggestion.by and 0 <= (v.suggestion.by - today).days <= days:
                coming.append(
                    {
                        "case_id": v.id,
                        "case": v.number,
                        "kind": "ladder",
                        "label": v.suggestion.reason,
                        "due": v.suggestion.by,
                        "days": (v.suggestion.by - today).days,
                        "rule": v.suggestion.citation,
                        "needs_counsel": False,
                        "provisional": False,
                    }
                )
            later = [d for d in v.deadlines if d.days_left is not None and d.days_left >= 0]
            if v.status == "open":
                nd = min(later, key=lambda d: d.days_left or 0) if later else None
                nxt.append(
                    {
                        "case_id": v.id,
                        "case": v.number,
                        "title": v.title,
                        "suggestion": v.suggestion,
                        "deadline": nd.deadline if nd else None,
                        "days": nd.days_left if nd else None,
                    }
                )
    coming.sort(key=lambda x: x["due"])
    overdue.sort(key=lambda x: -x["days"])
    return {"today": today, "overdue": overdue, "coming": coming, "days": days, "cases": nxt}


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
        list_cases_json(ctx, workspace, today=today, limit=batch, offset=offset)
    return int(total)
