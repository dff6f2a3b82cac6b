"""Figures computed once per change of a workspace, not on every view (issue 18).

The supplier scorecards (the supplier list, each supplier's page and chart, a dashboard panel) read
contracts, cases, SLA results, reviews and payment warnings: tens of milliseconds for a few
suppliers, recomputed on every view. :func:`memo` keeps the last result per workspace, name and
day, together with the workspace's *version* it was computed from:

- the head of the workspace's ledger (every change to its records appends an entry), and
- its SLA evaluation runs (their number, last id and the results they added or changed: a run
  stores results without a ledger entry, and finishes by recording its counts).

A view first reads the version (two indexed queries) and reuses the figures only when it is
unchanged, so it never shows figures from before a committed change. A version read before a
concurrent writer commits is older than the one after: figures computed meanwhile are stored
under the old version and not reused once the writer has committed. The cache is per process
and per engine (several web processes each compute once per change) and holds one entry per
workspace, name, day and arguments.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from sqlalchemy import Engine, func, select

from ..store.db import unit_of_work
from ..store.models import LedgerEntry, Workspace
from ..store.models_sla import SlaRun
from .context import Context

T = TypeVar("T")

_LOCK = threading.Lock()
_CACHES: weakref.WeakKeyDictionary[Engine, dict[Hashable, tuple[Hashable, Any]]] = weakref.WeakKeyDictionary()


def workspace_version(ctx: Context, workspace: str) -> tuple[int, ...]:
    with unit_of_work(ctx.engine) as s:
        ws_id = s.execute(select(Workspace.id).where(Workspace.slug == workspace)).scalar_one_or_none()
        if ws_id is None:
            return (-1,)
        head = s.execute(select(func.max(LedgerEntry.seq)).where(LedgerEntry.workspace_id == ws_id)).scalar()
        runs, last, moved = s.execute(
            select(func.count(SlaRun.id), func.max(SlaRun.id), func.sum(SlaRun.new + SlaRun.changed)).where(
                SlaRun.workspace_id == ws_id
            )
        ).one()
    return (int(head or 0), int(runs or 0), int(last or 0), int(moved or 0))


def memo(ctx: Context, workspace: str, key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()``, or its result from an earlier call with the same key and workspace version.

    ``key`` names the figures and everything they depend on besides the workspace's records
    (e.g. ``("scorecards", today)``)."""
    version = workspace_version(ctx, workspace)
    full = (workspace, key)
    with _LOCK:
        cache = _CACHES.setdefault(ctx.engine, {})
        hit = cache.get(full)
    if hit is not None and hit[0] == version:
        return hit[1]  # type: ignore[no-any-return]
    value = compute()
    with _LOCK:
        cache = _CACHES.setdefault(ctx.engine, {})
        current = cache.get(full)
        # Keep the newest: a slower reader must not replace figures of a later version.
        if current is None or current[0] <= version:
            if len(cache) > 1024:  # other days' and workspaces' entries: drop them all now and then
                cache.clear()
            cache[full] = (version, value)
    return value
