"""Background jobs: list and progress (htmx polls while a job runs)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from ...services import jobs
from ...services.accounts import Access
from ...services.context import Context
from ..deps import current_workspace, get_ctx, get_lang
from ..pages import render

router = APIRouter()
NAV = [(80, "Jobs", "/jobs")]


@router.get("/jobs", response_class=HTMLResponse, include_in_schema=False)
def jobs_page(
    request: Request,
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(current_workspace),
    lang: str = Depends(get_lang),
) -> HTMLResponse:
    return render(request, "jobs_list.html", lang, ws, ctx, jobs=jobs.list_jobs(ctx, ws.workspace_id))


@router.get("/jobs/{job_id}", response_class=HTMLResponse, include_in_schema=False)
def job_page(
    job_id: int,
    request: Request,
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(current_workspace),
    lang: str = Depends(get_lang),
) -> HTMLResponse:
    view = jobs.get_job(ctx, ws.workspace_id, job_id)
    partial = bool(request.headers.get("hx-request"))
    return render(request, "jobs_progress.html" if partial else "jobs_detail.html", lang, ws, ctx, job=view)


@router.get("/api/jobs", tags=["jobs"])
def api_jobs(ctx: Context = Depends(get_ctx), ws: Access = Depends(current_workspace)) -> list[dict[str, object]]:
    """Recent background jobs of the workspace with their progress."""
    return [v.as_dict() for v in jobs.list_jobs(ctx, ws.workspace_id)]


@router.get("/api/jobs/{job_id}", tags=["jobs"])
def api_job(job_id: int, ctx: Context = Depends(get_ctx), ws: Access = Depends(current_workspace)) -> dict[str, object]:
    """One job: status, progress, result or error."""
    return jobs.get_job(ctx, ws.workspace_id, job_id).as_dict()
