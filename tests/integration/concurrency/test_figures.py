"""Supplier scorecards are computed once per change, never shown from before a change."""

from __future__ import annotations

from datetime import UTC, datetime

from disputedesk.services import figures, sla, suppliers
from disputedesk.services.context import Context

from .conftest import NOW, open_case


def _fresh(ctx: Context) -> tuple[list[dict], list]:  # type: ignore[type-arg]
    """The figures as a process that has never computed them sees them (a new engine)."""
    other = Context.open(ctx.settings, upgrade=False)
    other.clock = ctx.clock
    try:
        return [c.as_dict() for c in suppliers.scorecards(other, "default")], suppliers.score_history(
            other, "default", "acme"
        )
    finally:
        other.close()


def _shown(ctx: Context) -> tuple[list[dict], list]:  # type: ignore[type-arg]
    return [c.as_dict() for c in suppliers.scorecards(ctx, "default")], suppliers.score_history(ctx, "default", "acme")


def test_scorecards_follow_every_change(dispute: Context) -> None:
    ctx = dispute
    first = _shown(ctx)
    assert _shown(ctx) == first == _fresh(ctx)
    open_case(ctx, 9)  # a change with a ledger entry
    assert _shown(ctx) == _fresh(ctx)
    # An SLA evaluation stores results (read by the scorecard) without a ledger entry: it changes
    # the version the figures are kept under all the same.
    before = figures.workspace_version(ctx, "default")
    run = sla.evaluate_all(ctx, "default", as_of=datetime(2025, 6, 20, tzinfo=UTC), actor="t")
    assert run.new + run.changed > 0
    assert figures.workspace_version(ctx, "default") > before
    assert _shown(ctx) == _fresh(ctx)
    ctx.clock = lambda: NOW.replace(year=NOW.year + 1)  # a new day
    assert _shown(ctx) == _fresh(ctx)
