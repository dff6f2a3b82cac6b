"""JSON API under /api (OpenAPI document at /api/openapi.json).

Errors are JSON bodies ``{"error": "...", "field": "..."}`` with a 4xx (bad input, not found)
or 5xx (storage failure) status.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.responses import StreamingResponse

from ..services.accounts import Access
from ..services.context import Context
from ..services.evidence import EvidenceFilter, get_evidence, list_evidence, open_original, recent_ledger
from ..services.jobs import JobView
from ..services.verify import verify
from .deps import current_workspace, get_ctx, need, user_workspaces
from .uploads import import_uploads

router = APIRouter(prefix="/api")
public = APIRouter(prefix="/api")


@public.get("/health", tags=["system"])
def health(ctx: Context = Depends(get_ctx)) -> dict[str, Any]:
    """Liveness and the configured stores."""
    from sqlalchemy import text

    with ctx.engine.connect() as c:
        c.execute(text("SELECT 1"))
    return {"status": "ok", "database": ctx.engine.dialect.name, "blobs": ctx.blobs.url.split(":", 1)[0]}


@router.get("/workspaces", tags=["workspaces"])
def workspaces(ctx: Context = Depends(get_ctx), ws: Access = Depends(current_workspace)) -> list[dict[str, Any]]:
    """The workspaces the caller has a role in (a token: its own workspace)."""
    return [{"slug": w.slug, "name": w.name} for w in user_workspaces(ctx, ws)]


@router.get("/evidence", tags=["evidence"])
def evidence_list(
    kind: str | None = None,
    q: str | None = None,
    media: str | None = None,
    limit: int = Query(100, ge=1, le=1000),
    offset: int = Query(0, ge=0, le=1_000_000_000),
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(current_workspace),
) -> dict[str, Any]:
    """Evidence items of the workspace, filtered by kind, media type prefix or text."""
    page = list_evidence(ctx, ws.slug, EvidenceFilter(kind=kind, q=q, media=media), limit=limit, offset=offset)
    return {"workspace": ws.slug, "total": page.total, "items": [i.as_dict() for i in page.items]}


@router.post("/evidence", tags=["evidence"], status_code=201)
async def evidence_upload(
    files: list[UploadFile] = File(..., description="One or more files"),
    kind: str | None = Form(None),
    description: str | None = Form(None),
    chat_time_zone: str | None = Form(
        None,
        description="Zone of the phone that exported a chat in local time (WhatsApp), e.g. Asia/Shanghai; "
        "left out: the company's zone is assumed (UTC if none is recorded), and the messages say so",
    ),
    chat_date_order: str | None = Form(
        None,
        description="dmy (day first) or mdy (month first): how to read a chat export's dates that read two ways "
        "(03/04/2024); left out: the file's own order, else day first, and the messages say so. The same export "
        "sent again with the other order has its dates read again (it is not stored twice)",
    ),
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(need("edit")),
) -> dict[str, Any]:
    """Upload files into the vault: same pipeline as `disputedesk import`."""
    report = await import_uploads(
        ctx,
        ws.slug,
        files,
        kind=kind,
        description=description,
        actor=ws.username,
        chat_time_zone=chat_time_zone,
        date_order=chat_date_order,
    )
    if isinstance(report, JobView):  # server mode: recorded by a worker; follow /api/jobs/{id}
        return {"job": report.id, "status": report.status, "progress": f"/api/jobs/{report.id}"}
    return report.as_dict()


@router.get("/evidence/{label}", tags=["evidence"])
def evidence_detail(
    label: str, ctx: Context = Depends(get_ctx), ws: Access = Depends(current_workspace)
) -> dict[str, Any]:
    """One item with its ledger entries."""
    v = get_evidence(ctx, ws.slug, label)
    d = v.as_dict()
    d["ledger"] = v.ledger
    return d


@router.get("/evidence/{label}/original", tags=["evidence"], response_class=StreamingResponse)
def evidence_original(  # type: ignore[no-untyped-def]
    label: str, request: Request, ctx: Context = Depends(get_ctx), ws: Access = Depends(current_workspace)
):
    """The original bytes, as a download (never rendered inline); recorded in the ledger."""
    from .downloads import attachment_response
    from .pages import record_download

    view, stream = open_original(ctx, ws.slug, label)
    return attachment_response(view, stream, on_sent=lambda: record_download(ctx, ws, view, request))


@router.get("/ledger", tags=["ledger"])
def ledger(
    limit: int = Query(50, ge=1, le=1000),
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(current_workspace),
) -> list[dict[str, Any]]:
    """The newest ledger entries of the workspace."""
    return recent_ledger(ctx, ws.slug, limit)


@router.post("/verify", tags=["ledger"])
def verify_now(
    rehash: bool = True, ctx: Context = Depends(get_ctx), ws: Access = Depends(need("export"))
) -> dict[str, Any]:
    """Re-hash the workspace's blobs and replay its ledger chain."""
    return verify(ctx, ws.slug, rehash=rehash).as_dict()


@router.post("/evidence/imap", tags=["evidence"])
async def evidence_imap(
    url: str = Form(..., description="imap://user@host:port/FOLDER or imaps://…"),
    password: str = Form(..., description="used for this request only, never stored"),
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(need("edit")),
) -> dict[str, Any]:
    """Import one folder of a mail server; only messages not imported before (incremental by UID)."""
    from starlette.concurrency import run_in_threadpool

    from ..services.imports import import_imap

    report = await run_in_threadpool(import_imap, ctx, ws.slug, url, actor=ws.username, password=password)
    return report.as_dict()
