"""Background jobs from the command line: `worker`, `jobs`, `job`, and `submit-import`."""

from __future__ import annotations

import json
import time
from pathlib import Path

import typer

from ..services import jobs
from ..services.context import default_actor
from ..services.workspaces import get_workspace_by_slug
from .core import WorkspaceOpt, fail, open_context, out, refused, ws_or_default


def register(app: typer.Typer) -> None:
    @app.command("worker")
    def worker(
        concurrency: int = typer.Option(1, help="Jobs run at once by this process."),
        burst: bool = typer.Option(False, "--burst", help="Stop when the queue is empty."),
    ) -> None:
        """Serve the PostgreSQL job queue (server mode: DISPUTEDESK_JOBS=queue)."""
        from ..services.jobs import run_job
        from ..services.queue import run_worker

        ctx = open_context()
        if ctx.engine.dialect.name != "postgresql":
            raise fail(
                "the worker needs PostgreSQL (DISPUTEDESK_DATABASE_URL=postgresql://…); "
                "in embedded mode jobs run inside `disputedesk serve`"
            )
        out.print(f"worker serving the queue of {ctx.engine.url.render_as_string(hide_password=True)}")
        run_worker(ctx, run_job=run_job, concurrency=concurrency, burst=burst)

    @app.command("submit-import")
    def submit_import(
        paths: list[Path] = typer.Argument(..., help="Files or folders (as the worker sees them)."),
        workspace: str = WorkspaceOpt,
        kind: str = typer.Option(None),
        description: str = typer.Option(None),
        wait: bool = typer.Option(False, "--wait", help="Wait until the job has finished."),
    ) -> None:
        """Queue an import as a background job and print its number."""
        from ..services.imports import check_description

        try:
            check_description(description)  # as `import` and the upload form: refused before anything is queued
        except ValueError as exc:
            raise refused(exc) from None
        ctx = open_context()
        slug = ws_or_default(ctx, workspace)
        try:
            view = jobs.submit(
                ctx,
                slug,
                "import",
                {"paths": [str(p.resolve()) for p in paths], "kind": kind, "description": description},
                actor=default_actor(),
            )
        except (ValueError, LookupError) as exc:
            raise fail(str(exc)) from exc
        out.print(f"job #{view.id} queued")
        if wait:
            ws_id = get_workspace_by_slug(ctx, slug).id
            while (v := jobs.get_job(ctx, ws_id, view.id)).status not in ("done", "failed"):
                time.sleep(0.5)
            out.print(f"job #{v.id} {v.status}: {v.result or v.error}", highlight=False)
            if v.status != "done":
                raise typer.Exit(1)

    @app.command("jobs")
    def jobs_list(workspace: str = WorkspaceOpt, as_json: bool = typer.Option(False, "--json")) -> None:
        """Recent background jobs of a workspace with their progress."""
        ctx = open_context()
        ws_id = get_workspace_by_slug(ctx, ws_or_default(ctx, workspace)).id
        views = jobs.list_jobs(ctx, ws_id)
        if as_json:
            typer.echo(json.dumps([v.as_dict() for v in views], ensure_ascii=False, indent=2))
            return
        for v in views:
            pct = f"{v.percent}%" if v.percent is not None else ""
            out.print(
                f"#{v.id} {v.kind:<8} {v.status:<8} {v.progress_done}/{v.progress_total or '?'} {pct} "
                f"attempts {v.attempts} {v.result or v.error or ''}",
                highlight=False,
            )
