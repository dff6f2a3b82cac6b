"""Payment warnings grouped by message (one line per message: its kinds, the worst severity, open
before reviewed), and the dashboard panel (warnings, reviews due, riskiest suppliers)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ....domain import scorecard as sc
from ....services import suppliers as svc
from ....services.accounts import Access
from ....services.context import Context


@dataclass
class FlaggedMessage:
    message_id: int
    evidence: str | None
    sender: str | None
    subject: str | None
    sent_at: datetime | None
    supplier_key: str | None
    supplier_name: str | None
    status: str  # open (any warning still open) | confirmed | dismissed
    severity: str
    kinds: list[str]
    supplier_name_zh: str | None = None


def flagged_messages(warnings: list[svc.WarningView]) -> list[FlaggedMessage]:
    """One line per message: its warnings' kinds, the worst severity, open before reviewed."""
    by: dict[int, FlaggedMessage] = {}
    rank = {"high": 0, "medium": 1, "low": 2}
    for w in warnings:
        f = by.get(w.message_id)
        if f is None:
            f = by[w.message_id] = FlaggedMessage(
                w.message_id,
                w.evidence,
                w.sender,
                w.subject,
                w.sent_at,
                w.supplier_key,
                w.supplier_name,
                w.status,
                w.severity,
                [],
                w.supplier_name_zh,
            )
        if w.kind not in f.kinds:
            f.kinds.append(w.kind)
        if rank.get(w.severity, 3) < rank.get(f.severity, 3):
            f.severity = w.severity
        if w.status == "open":
            f.status = "open"
        elif f.status != "open" and w.status == "confirmed":
            f.status = "confirmed"
    order = {"open": 0, "confirmed": 1, "dismissed": 2}
    return sorted(
        by.values(),
        key=lambda f: (order.get(f.status, 3), rank.get(f.severity, 3), -(f.sent_at.timestamp() if f.sent_at else 0)),
    )


def _group(warnings: list[svc.WarningView]) -> dict[int, list[svc.WarningView]]:
    out: dict[int, list[svc.WarningView]] = {}
    for w in warnings:
        out.setdefault(w.message_id, []).append(w)
    return out


def dashboard_panels(ctx: Context, access: Access) -> list[tuple[str, dict[str, Any]]]:
    """Payment warnings (open ones and confirmed fraud attempts), reviews due, riskiest suppliers."""
    every = flagged_messages(svc.list_payment_warnings(ctx, access.slug))
    flagged = [f for f in every if f.status == "confirmed" or (f.status == "open" and f.severity in ("high", "medium"))]
    reminders = svc.review_reminders(ctx, access.slug)
    cards = svc.scorecards(ctx, access.slug)
    risky = [c for c in sc.risk_ranking(v.card for v in cards) if c.risk in ("critical", "high")]
    return [
        (
            "suppliers_panel.html",
            {
                "flagged": flagged[:6],
                "n_open": sum(1 for f in every if f.status == "open"),  # messages, as the warnings list counts
                "reminders": reminders,
                "risky": risky[:3],
                "names_zh": {v.key: v.name_zh for v in cards},
            },
        )
    ]
