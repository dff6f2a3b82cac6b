"""Background jobs: imports (and later exports, re-indexing, SLA re-evaluation).

Two ways to run them, one code path for the work itself (``run_job``):
- **embedded** (SQLite, or ``DISPUTEDESK_JOBS=inline``): a thread in the same process;
- **server** (PostgreSQL and ``DISPUTEDESK_JOBS=queue``): a PostgreSQL-backed queue
  (procrastinate) served by ``disputedesk worker`` processes. Workers send heartbeats; a job
  whose worker died (``kill -9``) is retried by the next worker that starts and by a periodic
  sweep, after ``DISPUTEDESK_WORKER_STALL_SECONDS``.

Jobs are idempotent: an import that is run again records only what is not yet in the vault
(duplicates by hash), and each batch commits whole, so a job killed at any point leaves
nothing half-written and finishes on the next attempt without duplicates.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select

from ..domain.text import loads as text_loads
from ..store.db import unit_of_work
from ..store.models_jobs import Job
from .context import Context
from .workspaces import get_workspace

Handler = Callable[[Context, Job, Callable[[int, int | None, str | None], None]], dict[str, Any]]
HANDLERS: dict[str, Handler] = {}
_EXECUTOR: ThreadPoolExecutor | None = None
_EXECUTOR_LOCK = threading.Lock()


def handler(kind: str) -> Callable[[Handler], Handler]:
    def deco(fn: Handler) -> Handler:
        HANDLERS[kind] = fn
        return fn

    return deco


@dataclass
class JobView:
    id: int
    kind: str
    status: str
    progress_done: int
    progress_total: int | None
    message: str | None
    result: dict[str, Any] | None
    error: str | None
    attempts: int
    created_by: str

    @property
    def percent(self) -> int | None:
        if not self.progress_total:
            return None
        return min(100, int(100 * self.progress_done / self.progress_total))

    def as_dict(self) -> dict[str, Any]:
        return {**self.__dict__, "percent": self.percent}


def _view(j: Job) -> JobView:
    return JobView(
        j.id,
        j.kind,
        j.status,
        j.progress_done,
        j.progress_total,
        j.message,
        j.result,
        text_loads(j.error) or None,  # a sentence with its message id (a bundle export's) or plain text
        j.attempts,
        j.created_by,
    )


def mode(ctx: Context) -> str:
    wanted = ctx.settings.jobs
    if wanted == "queue" and ctx.engine.dialect.name != "postgresql":
        raise ValueError("DISPUTEDESK_JOBS=queue needs PostgreSQL (DISPUTEDESK_DATABASE_URL=postgresql://…)")
    return wanted


def submit(ctx: Context, workspace: str, kind: str, payload: dict[str, Any], *, actor: str) -> JobView:
    if kind not in HANDLERS:
        raise ValueError(f"kind: no job kind {kind!r} (known: {', '.join(sorted(HANDLERS))})")
    if kind in ("import", "import_blobs"):  # refused now, not when a worker runs the job
        from .imports import check_description

        check_description(payload.get("description"))
    how = mode(ctx)
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        job = Job(
            workspace_id=ws.id,
            kind=kind,
            status="queued",
            payload=payload,
            progress_done=0,
            attempts=0,
            created_by=actor,
            created_at=ctx.clock(),
        )
        s.add(job)
        s.flush()
        view = _view(job)
    if how == "queue":
        from .queue import defer_job

        defer_job(ctx, view.id)
    else:
        global _EXECUTOR
        with _EXECUTOR_LOCK:
            if _EXECUTOR is None:
                _EXECUTOR = ThreadPoolExecutor(max_workers=2, thread_name_prefix="disputedesk-job")
        _EXECUTOR.submit(run_job, ctx, view.id)
    return view


def track(ctx: Context, workspace: str, kind: str, payload: dict[str, Any], *, actor: str) -> int:
    """A job row for work this process runs itself (a bundle export writes its file here, in a
    thread): listed on /jobs with its progress like the queued jobs. Update it with
    :func:`tracked_progress` and :func:`finish_tracked`."""
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        job = Job(
            workspace_id=ws.id,
            kind=kind,
            status="running",
            payload=payload,
            progress_done=0,
            attempts=1,
            created_by=actor,
            created_at=ctx.clock(),
            started_at=ctx.clock(),
        )
        s.add(job)
        s.flush()
        return int(job.id)


def tracked_progress(ctx: Context, job_id: int, done: int, total: int | None, message: str | None) -> None:
    with unit_of_work(ctx.engine) as s:
        j = s.get(Job, job_id)
        if j is not None:
            j.progress_done, j.progress_total, j.message = done, total, message


def finish_tracked(
    ctx: Context, job_id: int, *, result: dict[str, Any] | None = None, error: str | None = None
) -> None:
    with unit_of_work(ctx.engine) as s:
        j = s.get(Job, job_id)
        if j is not None:
            j.status = "failed" if error else "done"
            j.result, j.error, j.finished_at = result, error, ctx.clock()


def get_job(ctx: Context, workspace_id: int, job_id: int) -> JobView:
    with unit_of_work(ctx.engine) as s:
        j = s.execute(select(Job).where(Job.id == job_id, Job.workspace_id == workspace_id)).scalar_one_or_none()
        if j is None:
            raise LookupError(f"job #{job_id} does not exist")
        return _view(j)


def list_jobs(ctx: Context, workspace_id: int, limit: int = 50) -> list[JobView]:
    with unit_of_work(ctx.engine) as s:
        rows = s.execute(
            select(Job).where(Job.workspace_id == workspace_id).order_by(Job.id.desc()).limit(limit)
        ).scalars()
        return [_view(j) for j in rows]


def run_job(ctx: Context, job_id: int) -> JobView:
    """Do (or finish) one job. Safe to call again for the same job after a crash."""
    with unit_of_work(ctx.engine) as s:
        job = s.get(Job, job_id)
        if job is None:
            raise LookupError(f"job #{job_id} does not exist")
        if job.status == "done":
            return _view(job)
        job.status = "running"
        job.attempts += 1
        job.started_at = ctx.clock()
        job.error = None
        s.flush()
        s.expunge(job)

    def progress(done: int, total: int | None, message: str | None) -> None:
        with unit_of_work(ctx.engine) as s:
            j = s.get(Job, job_id)
            if j is not None:
                j.progress_done, j.progress_total, j.message = done, total, message

    try:
        result = HANDLERS[job.kind](ctx, job, progress)
    except Exception as exc:  # noqa: BLE001 - recorded for the user, then re-raised for the queue's retry
        with unit_of_work(ctx.engine) as s:
            j = s.get(Job, job_id)
            assert j is not None
            j.status, j.error, j.finished_at = "failed", f"{exc}\n{traceback.format_exc(limit=3)}", ctx.clock()
        raise
    with unit_of_work(ctx.engine) as s:
        j = s.get(Job, job_id)
        assert j is not None
        j.status, j.result, j.finished_at = "done", result, ctx.clock()
        return _view(j)


@handler("import")
def _import(ctx: Context, job: Job, progress: Callable[[int, int | None, str | None], None]) -> dict[str, Any]:
    """payload: {"paths": [...], "kind": str|None, "description": str|None}"""
    from .imports import ImportReport, collect_paths, import_candidates

    p = job.payload
    report = ImportReport()
    cands = list(collect_paths([Path(x) for x in p.get("paths", [])], report))
    for c in cands:
        c.kind = p.get("kind")
        c.description = p.get("description")
    total = len(cands) + len(report.outcomes)
    done = len(report.outcomes)
    last = [0]

    def tick(outcome) -> None:  # type: ignore[no-untyped-def]
        nonlocal done
        done += 1
        if done - last[0] >= 20 or done == total:
            last[0] = done
            progress(done, total, outcome.name)

    with unit_of_work(ctx.engine) as s:
        from ..store.models import Workspace

        ws = s.get(Workspace, job.workspace_id)
        assert ws is not None
        slug = ws.slug
    progress(done, total, None)
    report = import_candidates(ctx, slug, cands, actor=job.created_by, progress=tick, report=report)
    return {"imported": report.imported, "duplicates": report.duplicates, "failed": report.failed}


@handler("import_blobs")
def _import_blobs(ctx: Context, job: Job, progress: Callable[[int, int | None, str | None], None]) -> dict[str, Any]:
    """Uploads already in the blob store (server mode): record them as evidence.

    payload: {"blobs": [{"sha256", "name"}], "kind", "description", "chat_time_zone", "chat_date_order"}
    """
    from .imports import Candidate, chat_date_order, chat_zone, import_candidates

    p = job.payload
    tz = chat_zone(p.get("chat_time_zone"))
    order = chat_date_order(p.get("chat_date_order"))
    cands = [
        Candidate(
            name=b["name"],
            source=f"upload:{b['name']}",
            open=(lambda h=b["sha256"]: ctx.blobs.open(h)),  # type: ignore[misc]
            kind=p.get("kind"),
            description=p.get("description"),
            tz=tz,
            date_order=order,
        )
        for b in p.get("blobs", [])
    ]
    with unit_of_work(ctx.engine) as s:
        from ..store.models import Workspace

        ws = s.get(Workspace, job.workspace_id)
        assert ws is not None
        slug = ws.slug
    done = 0

    def tick(outcome) -> None:  # type: ignore[no-untyped-def]
        nonlocal done
        done += 1
        progress(done, len(cands), outcome.name)

    report = import_candidates(ctx, slug, cands, actor=job.created_by, progress=tick)
    return {
        "imported": report.imported,
        "duplicates": report.duplicates,
        "failed": report.failed,
        "items": [o.__dict__ for o in report.outcomes],
    }
