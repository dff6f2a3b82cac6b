"""Two users open the case list at the same moment on a new day: both find the day's rows
missing, both compute them, both store them. The second store must not fail (it did:
``UNIQUE constraint failed: case_summary_cache.case_id``, an HTTP 500 on /api/cases)."""

from __future__ import annotations

import threading
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from disputedesk.services.cases import listing
from disputedesk.services.context import Context
from disputedesk.store.db import unit_of_work
from disputedesk.store.models_cases import CaseSummaryCache

from .conftest import NOW, together


def _rows(ctx: Context) -> list[tuple[int, date]]:
    with unit_of_work(ctx.engine) as s:
        return [tuple(r) for r in s.execute(select(CaseSummaryCache.case_id, CaseSummaryCache.computed_on))]  # type: ignore[misc]


def test_two_first_views_of_the_day_both_succeed(dispute: Context, monkeypatch: pytest.MonkeyPatch) -> None:
    ctx = dispute
    today = NOW.date()
    # Force the interleaving of the bug: both readers have found the rows missing and computed them
    # before either stores them.
    both_computed = threading.Barrier(2, timeout=30)
    compute = listing._summaries

    def slow_summaries(*args, **kwargs):  # type: ignore[no-untyped-def]
        out = compute(*args, **kwargs)
        both_computed.wait()
        return out

    monkeypatch.setattr(listing, "_summaries", slow_summaries)
    pages = together(2, lambda _i: listing.list_cases_json(ctx, "default", today=today))
    assert pages[0] == pages[1]
    assert len(pages[0]) == 3
    assert sorted(d for _, d in _rows(ctx)) == [today] * 3


def test_yesterdays_rows_are_replaced_by_two_readers(dispute: Context, monkeypatch: pytest.MonkeyPatch) -> None:
    ctx = dispute
    today = NOW.date()
    listing.list_cases_json(ctx, "default", today=today - timedelta(days=1))
    both_computed = threading.Barrier(2, timeout=30)
    compute = listing._summaries

    def slow_summaries(*args, **kwargs):  # type: ignore[no-untyped-def]
        out = compute(*args, **kwargs)
        both_computed.wait()
        return out

    monkeypatch.setattr(listing, "_summaries", slow_summaries)
    together(2, lambda _i: listing.list_cases_json(ctx, "default", today=today))
    assert sorted(d for _, d in _rows(ctx)) == [today] * 3
    with unit_of_work(ctx.engine) as s:
        assert s.execute(select(func.count()).select_from(CaseSummaryCache)).scalar_one() == 3


def test_many_concurrent_first_views(dispute: Context) -> None:
    """Eight readers without any forced interleaving: no error, one row per case."""
    ctx = dispute
    today = NOW.date() + timedelta(days=3)
    pages = together(8, lambda _i: listing.list_cases_json(ctx, "default", today=today))
    assert all(p == pages[0] for p in pages)
    assert sorted(d for _, d in _rows(ctx)) == [today] * 3


def test_a_row_computed_while_a_writer_commits_is_not_kept(dispute: Context, monkeypatch: pytest.MonkeyPatch) -> None:
    """A reader computes case 1's row, a colleague adds a claim to case 1 and commits, then the
    reader stores its row: the list must show the claim all day, not the row from before it."""
    from disputedesk.services import cases

    ctx = dispute
    today = NOW.date()
    compute = listing._summaries
    wrote: list[str] = []

    def colleague_writes_meanwhile(*args, **kwargs):  # type: ignore[no-untyped-def]
        out = compute(*args, **kwargs)
        if not wrote:
            claim = {"kind": "repair", "amount": "250.00", "currency": "EUR"}
            wrote.append(cases.add_claim(ctx, "default", 1, claim, actor="colleague"))
        return out

    monkeypatch.setattr(listing, "_summaries", colleague_writes_meanwhile)
    listing.list_cases_json(ctx, "default", today=today)
    assert wrote == ["H-1"]
    monkeypatch.setattr(listing, "_summaries", compute)
    row = next(r for r in listing.list_cases_json(ctx, "default", today=today) if r["id"] == 1)
    assert row["claimed"] == {"EUR": "250.00"}, row
    # and once nobody writes, the rows are kept for the day
    listing.list_cases_json(ctx, "default", today=today)
    assert sorted(d for _, d in _rows(ctx)) == [today] * 3
