"""The supplier scorecard: measures, the risk score and ranking (rules in ``domain/scorecard.py``), snapshots."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...domain import scorecard as sc
from ...domain.suppliers import (
    DDGap,
    dd_gaps,
)
from ...domain.uscc import check_uscc
from ...store.db import unit_of_work
from ...store.models import Case, Organization, SupportRequest, Workspace
from ...store.models_suppliers import (
    DueDiligenceEntry,
    PaymentWarningRow,
    SupplierReview,
    SupplierScoreSnapshot,
)
from ..context import Context
from ..figures import memo
from ..workspaces import get_workspace
from .base import _cases, _labels, _org, _today
from .due_diligence import _dd_entries
from .reviews import _review_record, figures_from_dict, sla_credits, sla_figures


@dataclass
class _Loaded:
    org: Organization
    dd: list[DueDiligenceEntry]
    reviews: list[SupplierReview]
    labels: dict[int, str]


def _load_for_score(s: Session, orgs: Sequence[Organization]) -> dict[int, _Loaded]:
    ids = [o.id for o in orgs] or [-1]
    dd = list(s.execute(select(DueDiligenceEntry).where(DueDiligenceEntry.organization_id.in_(ids))).scalars())
    reviews = list(
        s.execute(
            select(SupplierReview).where(SupplierReview.organization_id.in_(ids)).order_by(SupplierReview.reviewed_on)
        ).scalars()
    )
    labels = _labels(s, [x.evidence_id for x in [*dd, *reviews]])
    out = {o.id: _Loaded(o, [], [], labels) for o in orgs}
    for e in dd:
        out[e.organization_id].dd.append(e)
    for r in reviews:
        out[r.organization_id].reviews.append(r)
    return out


def _measures(
    ctx: Context,
    workspace: str,
    s: Session,
    ws: Workspace,
    ld: _Loaded,
    start: date | None,
    end: date,
    period: str,
    payment_warnings_high: int = 0,
) -> tuple[sc.SupplierMeasures, str]:
    org = ld.org
    figures = sla_figures(ctx, workspace, org.key, start, end)
    source = "SLA engine"
    in_period = [r for r in ld.reviews if (start is None or r.reviewed_on >= start) and r.reviewed_on <= end]
    review = in_period[-1] if in_period else None
    if figures is None:
        # A review's figures describe its own period: they count for "all", and for a quarter
        # only when the review period lies within it.
        with_figs = [
            r for r in ld.reviews if r.figures and r.reviewed_on <= end and (start is None or r.period_start >= start)
        ]
        if with_figs:
            figures = figures_from_dict(with_figs[-1].figures)
            source = f"review of {with_figs[-1].reviewed_on}"
        else:
            source = "none"
    entries = [e for e in ld.dd if (e.done_on or e.recorded_at.date()) <= end]
    gaps: tuple[DDGap, ...] | None = tuple(dd_gaps(_dd_entries(entries, ld.labels), end)) if entries else None
    m = sc.SupplierMeasures(
        supplier_id=org.key,
        name=org.name_en,
        period=period,
        requests=figures.requests if figures else 0,
        sla_met=figures.sla_met if figures else 0,
        median_first_response=figures.median_first_response if figures else None,
        p90_first_response=figures.p90_first_response if figures else None,
        first_response_target=figures.first_response_target if figures else None,
        breaches=dict(figures.breaches_by_severity) if figures else {},
        credits=tuple(sla_credits(ctx, workspace, org.key, start, end)),
        cases=tuple(_cases(s, ws, org, end)),
        dd_gaps=gaps,
        review=_review_record(review, org.key, ld.labels) if review else None,
        identity_verified=bool(org.uscc) and check_uscc(org.uscc).valid,
        payment_warnings_high=payment_warnings_high,
    )
    return m, source


@dataclass
class CardView:
    key: str
    name: str
    name_zh: str | None
    card: sc.Scorecard
    figures_source: str
    open_warnings: int = 0  # open payment warnings (a message often carries several)
    open_messages: int = 0  # messages with an open payment warning: what pages and the CLI count

    @property
    def measured(self) -> bool:
        """Scored on more than "no cases, no credits owed": SLA figures, checklist or a review."""
        return any(c.counted for c in self.card.components if c.key not in ("cases", "credits"))

    def as_dict(self) -> dict[str, Any]:
        d = self.card.as_dict()
        d.update(
            measured=self.measured,
            key=self.key,
            name_zh=self.name_zh,
            figures_source=self.figures_source,
            open_payment_warnings=self.open_warnings,
            open_payment_warning_messages=self.open_messages,
        )
        return d


def scorecards(ctx: Context, workspace: str, today: date | None = None) -> list[CardView]:
    """Every supplier's scorecard (all periods up to ``today``), best first.

    Computed once per change of the workspace and day (``services/figures.py``), not per view."""
    day = today or _today(ctx)
    return list(memo(ctx, workspace, ("scorecards", day), lambda: _scorecards(ctx, workspace, day)))


def _scorecards(ctx: Context, workspace: str, today: date) -> list[CardView]:
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        orgs = list(
            s.execute(
                select(Organization).where(Organization.workspace_id == ws.id, Organization.role == "supplier")
            ).scalars()
        )
        loaded = _load_for_score(s, orgs)
        warn_counts: dict[int, int] = {}
        # messages with an open warning, and with an open high one (red flags), as the warnings list counts them
        messages: dict[int, set[int]] = {}
        high: dict[int, set[int]] = {}
        for oid, severity, message_id in s.execute(
            select(PaymentWarningRow.organization_id, PaymentWarningRow.severity, PaymentWarningRow.message_id).where(
                PaymentWarningRow.workspace_id == ws.id, PaymentWarningRow.status == "open"
            )
        ):
            if oid:
                warn_counts[oid] = warn_counts.get(oid, 0) + 1
                messages.setdefault(oid, set()).add(message_id)
                if severity == "high":
                    high.setdefault(oid, set()).add(message_id)
        views = []
        for o in orgs:
            m, source = _measures(
                ctx, workspace, s, ws, loaded[o.id], None, today, "all", payment_warnings_high=len(high.get(o.id, ()))
            )
            card = sc.score_supplier(m)
            views.append(
                CardView(
                    o.key, o.name_en, o.name_zh, card, source, warn_counts.get(o.id, 0), len(messages.get(o.id, ()))
                )
            )
    # A supplier scored only on "no cases, no credits owed" ranks after every measured one:
    # its 100 says nothing yet.
    order = {c.supplier_id: n for n, c in enumerate(sc.rank_suppliers(v.card for v in views))}
    return sorted(views, key=lambda v: (not v.measured, order[v.key]))


def comparison(cards: Sequence[CardView]) -> list[dict[str, Any]]:
    """Component scores side by side, in the ranking's order (measured suppliers first)."""
    rows = {r["supplier_id"]: r for r in sc.compare_suppliers(c.card for c in cards)}
    out = []
    for n, c in enumerate(cards, 1):
        out.append({**rows[c.key], "rank": n, "measured": c.measured})
    return out


def score_history(
    ctx: Context, workspace: str, key: str, today: date | None = None, quarters: int = 8
) -> list[sc.SeriesPoint]:
    """The supplier's score per quarter (as of each quarter's end), oldest first, for the chart.

    Computed once per change of the workspace and day (``services/figures.py``), not per view."""
    day = today or _today(ctx)
    return list(
        memo(
            ctx,
            workspace,
            ("score_history", key, day, quarters),
            lambda: _score_history(ctx, workspace, key, day, quarters),
        )
    )


def _score_history(ctx: Context, workspace: str, key: str, today: date, quarters: int) -> list[sc.SeriesPoint]:
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        org = _org(s, ws, key)
        ld = _load_for_score(s, [org])[org.id]
        first_dates = [r.reviewed_on for r in ld.reviews] + [e.done_on for e in ld.dd if e.done_on]
        first_dates += [
            d
            for d in s.execute(
                select(Case.opened_on).where(Case.workspace_id == ws.id, Case.supplier_id == org.id)
            ).scalars()
        ]
        first_dates += [
            d.date()
            for d in s.execute(
                select(SupportRequest.opened_at).where(
                    SupportRequest.workspace_id == ws.id, SupportRequest.supplier_id == org.id
                )
            ).scalars()
        ]
        if not first_dates:
            return []
        label = sc.quarter_label(max(min(first_dates), today - timedelta(days=92 * (quarters - 1))))
        measures = []
        while True:
            qs, qe = sc.quarter_bounds(label)
            end = min(qe, today)
            m, _ = _measures(ctx, workspace, s, ws, ld, qs, end, label)
            measures.append(m)
            if qe >= today:
                break
            label = sc.quarter_label(qe + timedelta(days=1))
    return sc.score_series(measures).get(key, [])


def record_score_snapshots(ctx: Context, workspace: str, *, actor: str, today: date | None = None) -> int:
    """Store every supplier's current scorecard (score, risk, breakdown) with the time and who asked."""
    cards = scorecards(ctx, workspace, today)
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        orgs = {
            o.key: o.id for o in s.execute(select(Organization).where(Organization.workspace_id == ws.id)).scalars()
        }
        now = ctx.clock()
        for v in cards:
            s.add(
                SupplierScoreSnapshot(
                    workspace_id=ws.id,
                    organization_id=orgs[v.key],
                    period=v.card.period,
                    computed_at=now,
                    score=v.card.score,
                    risk=v.card.risk,
                    coverage=v.card.coverage,
                    card={**v.as_dict(), "recorded_by": actor},
                )
            )
    return len(cards)


def score_snapshots(ctx: Context, workspace: str, key: str) -> list[SupplierScoreSnapshot]:
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        org = _org(s, ws, key)
        return list(
            s.execute(
                select(SupplierScoreSnapshot)
                .where(SupplierScoreSnapshot.organization_id == org.id)
                .order_by(SupplierScoreSnapshot.computed_at.desc())
                .limit(20)
            ).scalars()
        )
