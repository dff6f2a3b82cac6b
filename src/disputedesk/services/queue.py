"""The PostgreSQL-backed job queue (procrastinate) used in server mode.

The queue only carries job ids; what a job is and how far it got lives in our own ``jobs``
table (``services/jobs.py``), so pages show progress the same way in both modes.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from functools import lru_cache

import procrastinate
from sqlalchemy import inspect
from sqlalchemy.engine import make_url

from .cases import refresh_summaries
from .context import Context
from .timestamps import stamp_due
from .workspaces import list_workspaces

QUEUE = "disputedesk"
log = logging.getLogger("disputedesk.worker")
_WORKER_CTX: Context | None = None
# What a queued job runs: ``services.jobs.run_job``, handed in by ``disputedesk worker`` at start-up
# (``run_worker(ctx, run_job=…)``) so the queue does not import the jobs module that imports it.
_RUN_JOB: Callable[[Context, int], None] | None = None


def _conninfo(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


@lru_cache(maxsize=4)
def make_app(database_url: str) -> procrastinate.App:
    app = procrastinate.App(connector=procrastinate.PsycopgConnector(conninfo=_conninfo(database_url)))

    @app.task(name="disputedesk.run_job", queue=QUEUE, retry=procrastinate.RetryStrategy(max_attempts=5, wait=2))
    def run_job_task(job_id: int) -> None:
        assert _WORKER_CTX is not None and _RUN_JOB is not None, "run_job_task runs only inside `disputedesk worker`"
        _RUN_JOB(_WORKER_CTX, job_id)

    @app.periodic(cron="* * * * *", periodic_id="retry-stalled")
    @app.task(name="disputedesk.retry_stalled", queue=QUEUE, queueing_lock="retry-stalled")
    async def retry_stalled(timestamp: int) -> None:  # noqa: ARG001
        await _retry_stalled_async(app)

    @app.periodic(cron="5 0 * * *", periodic_id="case-summaries")
    @app.task(name="disputedesk.case_summaries", queue=QUEUE, queueing_lock="case-summaries")
    def case_summaries(timestamp: int) -> None:  # noqa: ARG001
        """Each night, every case's list row for the new day (deadline days change at midnight)."""
        assert _WORKER_CTX is not None
        for ws in list_workspaces(_WORKER_CTX):
            refresh_summaries(_WORKER_CTX, ws.slug)

    @app.periodic(cron="17 * * * *", periodic_id="ledger-timestamps")
    @app.task(name="disputedesk.ledger_timestamps", queue=QUEUE, queueing_lock="ledger-timestamps")
    def ledger_timestamps(timestamp: int) -> None:  # noqa: ARG001
        """Hourly: a trusted timestamp (RFC 3161) for every workspace with entries not yet stamped once
        the last token is DISPUTEDESK_TSA_INTERVAL_HOURS old, so the head is stamped at least daily."""
        assert _WORKER_CTX is not None
        stamp_due(_WORKER_CTX)

    return app


async def _retry_stalled_async(app: procrastinate.App) -> int:
    seconds = _WORKER_CTX.settings.worker_stall_seconds if _WORKER_CTX else 30
    n = 0
    for job in await app.job_manager.get_stalled_jobs(seconds_since_heartbeat=seconds):
        await app.job_manager.retry_job(job)
        n += 1
    if n:
        log.warning("retried %d job(s) whose worker stopped sending heartbeats", n)
    return n


def ensure_schema(ctx: Context, app: procrastinate.App) -> None:
    if not inspect(ctx.engine).has_table("procrastinate_jobs"):
        app.schema_manager.apply_schema()


_OPENED: dict[str, procrastinate.App] = {}
_OPEN_LOCK = threading.Lock()


def defer_job(ctx: Context, job_id: int) -> None:
    """Queue a job. The queue's connection pool is opened once per process and kept."""
    url = ctx.settings.resolved_database_url
    with _OPEN_LOCK:
        app = _OPENED.get(url)
        if app is None:
            app = make_app(url)
            app.open()
            ensure_schema(ctx, app)
            _OPENED[url] = app
    app.tasks["disputedesk.run_job"].defer(job_id=job_id)


def run_worker(
    ctx: Context, *, run_job: Callable[[Context, int], None], concurrency: int = 1, burst: bool = False
) -> None:
    """Serve the queue until stopped (or, with ``burst``, until it is empty); each queued job id is
    run by ``run_job`` (``services.jobs.run_job``)."""
    import asyncio

    global _WORKER_CTX, _RUN_JOB
    _WORKER_CTX, _RUN_JOB = ctx, run_job
    app = make_app(ctx.settings.resolved_database_url)
    stall = ctx.settings.worker_stall_seconds

    async def main() -> None:
        async with app.open_async():
            if not inspect(ctx.engine).has_table("procrastinate_jobs"):
                await app.schema_manager.apply_schema_async()
            await _retry_stalled_async(app)  # jobs left by a worker that died
            await app.run_worker_async(
                queues=[QUEUE],
                concurrency=concurrency,
                wait=not burst,
                stalled_worker_timeout=stall,
                update_heartbeat_interval=max(1.0, stall / 3),
                install_signal_handlers=not burst,
            )

    asyncio.run(main())
