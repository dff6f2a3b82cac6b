"""Server-rendered pages (Jinja2 + htmx). Thin: each route calls a service and renders."""

from __future__ import annotations

import inspect
from importlib import resources
from urllib.parse import urlencode, urlsplit, urlunsplit

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from ..domain.contract_clarity import wording as contract_wording
from ..ingest.files import KINDS
from ..services.accounts import Access, record
from ..services.context import Context
from ..services.contracts import contract_coverage
from ..services.evidence import EvidenceFilter, EvidenceView, get_evidence, list_evidence, open_original, recent_ledger
from ..services.records import dashboard
from ..services.verify import verify
from .auth import client_address
from .deps import current_workspace, get_ctx, get_lang, nearest_page, need, page_env, user_today, user_workspaces
from .downloads import attachment_response
from .i18n import ZONES
from .refill import refill
from .uploads import import_uploads

templates = Jinja2Templates(directory=str(resources.files("disputedesk.web") / "templates"))
# The values a contract check found, in words (say(terms_words.rate_text(r)) …): _terms_found.html
templates.env.globals["terms_words"] = contract_wording
templates.env.globals["contract_coverage"] = contract_coverage
router = APIRouter(include_in_schema=False)

PREVIEW_INLINE = ("image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf")
PAGE_SIZE = 100


def render(request: Request, name: str, lang: str, ws: Access | None, ctx: Context, **kw: object) -> HTMLResponse:
    env = page_env(request, lang)
    env.update(ws=ws, access=ws, workspaces=user_workspaces(ctx, ws), kinds=KINDS, **kw)
    resp = templates.TemplateResponse(request, name, env)
    posted = kw.get("posted")
    if isinstance(posted, dict):  # a refused form: what was typed is back in it, with or without JavaScript
        resp.body = refill(bytes(resp.body).decode("utf-8"), posted).encode("utf-8")
        resp.headers["content-length"] = str(len(resp.body))
    if request.query_params.get("lang") in ("en", "zh"):
        resp.set_cookie("lang", request.query_params["lang"], max_age=365 * 86400, samesite="lax", httponly=True)
    return resp


@router.get("/", response_class=HTMLResponse)
def home(
    request: Request,
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(current_workspace),
    lang: str = Depends(get_lang),
) -> HTMLResponse:
    today = user_today(request, ctx)
    panels = [
        p
        for fn in request.app.state.dashboard_panels
        for p in (fn(ctx, ws, today=today) if "today" in inspect.signature(fn).parameters else fn(ctx, ws))
    ]
    return render(
        request,
        "dashboard.html",
        lang,
        ws,
        ctx,
        d=dashboard(ctx, ws.slug),
        ledger=recent_ledger(ctx, ws.slug, 8),
        panels=panels,
    )


@router.post("/verify", response_class=HTMLResponse)
def verify_page(
    request: Request,
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(need("export")),
    lang: str = Depends(get_lang),
) -> HTMLResponse:
    return render(request, "_verify.html", lang, ws, ctx, report=verify(ctx, ws.slug))


@router.get("/evidence", response_class=HTMLResponse)
def evidence(
    request: Request,
    kind: str | None = None,
    q: str | None = None,
    media: str | None = None,
    page: int = 1,
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(current_workspace),
    lang: str = Depends(get_lang),
) -> HTMLResponse:
    page = max(page, 1)
    flt = EvidenceFilter(kind=kind or None, q=q or None, media=media or None)
    result = list_evidence(ctx, ws.slug, flt, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    base = {k: v for k, v in {"kind": kind, "q": q, "media": media}.items() if v}
    pages = max(1, -(-result.total // PAGE_SIZE))
    return render(
        request,
        "evidence_list.html",
        lang,
        ws,
        ctx,
        result=result,
        flt=flt,
        page=page,
        pages=pages,
        qs=lambda p: urlencode({**base, "page": p}),
        zones=ZONES,
        company_zone=_company_zone(ctx, ws.slug),
    )


def _company_zone(ctx: Context, workspace: str) -> str | None:
    """The buyer's zone, assumed for chat exports in local time when the importer states none."""
    from ..services.records.buyer import get_buyer

    buyer = get_buyer(ctx, workspace)
    return buyer.timezone if buyer else None


@router.post("/evidence/upload", response_class=HTMLResponse)
async def evidence_upload(
    request: Request,
    files: list[UploadFile] = File(...),
    kind: str = Form(""),
    description: str = Form(""),
    chat_time_zone: str = Form(""),
    chat_date_order: str = Form(""),
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(need("edit")),
    lang: str = Depends(get_lang),
) -> HTMLResponse:
    report = await import_uploads(
        ctx,
        ws.slug,
        files,
        kind=kind or None,
        description=description or None,
        actor=ws.username,
        chat_time_zone=chat_time_zone,
        date_order=chat_date_order,
    )
    from ..services.jobs import JobView

    if isinstance(report, JobView):
        return render(request, "jobs_progress.html", lang, ws, ctx, job=report)
    return render(request, "_import_report.html", lang, ws, ctx, report=report)


@router.post("/evidence/imap", response_class=HTMLResponse)
async def evidence_imap(
    request: Request,
    url: str = Form(...),
    password: str = Form(...),
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(need("edit")),
    lang: str = Depends(get_lang),
) -> HTMLResponse:
    """One folder of the buyer's mail server, incrementally; the password is not stored."""
    from starlette.concurrency import run_in_threadpool

    from ..services.imports import import_imap

    report = await run_in_threadpool(import_imap, ctx, ws.slug, url, actor=ws.username, password=password)
    return render(request, "_import_report.html", lang, ws, ctx, report=report)


@router.get("/evidence/{label}", response_class=HTMLResponse)
def evidence_detail(
    label: str,
    request: Request,
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(current_workspace),
    lang: str = Depends(get_lang),
) -> HTMLResponse:
    v = get_evidence(ctx, ws.slug, label)
    has_html = v.media_type == "text/html"
    if v.media_type == "message/rfc822":
        from .htmlpreview import safe_html_of

        _, stream = open_original(ctx, ws.slug, label)
        with stream:
            has_html = bool(safe_html_of(stream, v.media_type))
    head, body = message_head(v.text)
    return render(
        request,
        "evidence_detail.html",
        lang,
        ws,
        ctx,
        v=v,
        inline_ok=v.media_type in PREVIEW_INLINE,
        has_html=has_html,
        head=head,
        body=body,
    )


# The header lines the import keeps before a message's text (services/imports/mail.py message_text).
_HEAD = ("Subject", "From", "To", "Date")


def message_head(text: str | None) -> tuple[list[tuple[str, str]], str]:
    """A message's kept text split into its header lines (name, value; empty ones left out) and its
    body; ([], text) for any other text."""
    if not text or not text.startswith("Subject: ") or "\n\n" not in text:
        return [], text or ""
    top, body = text.split("\n\n", 1)
    head = []
    for line in top.split("\n"):
        name, _, value = line.partition(": ")
        if name not in _HEAD:
            return [], text
        if value.strip():
            head.append((name, value.strip()))
    return head, body


@router.get("/evidence/{label}/original")
def evidence_original(
    label: str, request: Request, ctx: Context = Depends(get_ctx), ws: Access = Depends(current_workspace)
) -> Response:
    view, stream = open_original(ctx, ws.slug, label)
    return attachment_response(view, stream, on_sent=lambda: record_download(ctx, ws, view, request))


def record_download(ctx: Context, ws: Access, view: EvidenceView, request: Request, how: str = "download") -> None:
    """Downloads of originals are part of the chain of custody: audit trail and ledger."""
    record(
        ctx,
        ws.workspace_id,
        "evidence.downloaded",
        ws.username,
        client_address(request),
        {"evidence": view.label, "via": ws.via, **({"as": how} if how != "download" else {})},
        subject=view.sha256,
    )


@router.get("/evidence/{label}/html")
def evidence_html(label: str, ctx: Context = Depends(get_ctx), ws: Access = Depends(current_workspace)) -> Response:
    """A sanitised rendering of an HTML mail or page, for the preview frame."""
    from .htmlpreview import PREVIEW_CSP, preview_document, safe_html_of

    view, stream = open_original(ctx, ws.slug, label)
    with stream:
        html = safe_html_of(stream, view.media_type)
    if not html:
        raise LookupError(f"{label} has no HTML to preview")
    return HTMLResponse(
        preview_document(html), headers={"Content-Security-Policy": PREVIEW_CSP, "X-Content-Type-Options": "nosniff"}
    )


@router.get("/evidence/{label}/inline")
def evidence_inline(
    label: str, request: Request, ctx: Context = Depends(get_ctx), ws: Access = Depends(current_workspace)
) -> Response:
    """Images and PDFs for the preview pane, under a sandboxing CSP; anything else downloads.

    The original's bytes leave the vault here too: recorded like any download."""
    view, stream = open_original(ctx, ws.slug, label)
    return attachment_response(
        view,
        stream,
        inline=view.media_type in PREVIEW_INLINE,
        on_sent=lambda: record_download(ctx, ws, view, request, "inline"),
    )


@router.get("/lang/{code}")
def set_language(code: str, request: Request) -> RedirectResponse:
    target = request.headers.get("referer") or "/"
    if not target.startswith(str(request.base_url)):
        target = "/"
    parts = urlsplit(target)
    page = nearest_page(request.app, parts.path or "/")
    if page != parts.path:  # a refused form's address (POST only): back to its page
        target = urlunsplit((parts.scheme, parts.netloc, page, "", ""))
    resp = RedirectResponse(target, status_code=303)
    if code in ("en", "zh"):
        resp.set_cookie("lang", code, max_age=365 * 86400, samesite="lax", httponly=True)
    return resp
