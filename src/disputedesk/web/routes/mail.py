"""Correspondence pages and API: search, threads, a thread's messages, the chronology.

Pages: ``/search``, ``/threads``, ``/threads/{id}``, ``/chronology?supplier=…|request=…``.
API: ``/api/mail/search``, ``/api/mail/threads``, ``/api/mail/threads/{id}``,
``/api/mail/threads/{id}/link``. Importing mail is the evidence upload (``/evidence/upload``,
``/api/evidence``), whose report lists every message, attachment, duplicate and failure.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, Depends, Form, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse

from ...services import mail
from ...services.accounts import Access
from ...services.context import Context
from ...services.mail.commands import ThreadLink
from ..deps import current_workspace, get_ctx, get_lang, need
from ..pages import render

router = APIRouter()
NAV = [(40, "Correspondence", "/search")]  # Threads and Chronology are linked from its pages


def _date(value: str | None, field: str, end: bool = False) -> datetime | None:
    if not value:
        return None
    try:
        d = datetime.fromisoformat(value)
    except ValueError as exc:
        raise ValueError(f"{field}: {value!r} is not a date (YYYY-MM-DD)") from exc
    if d.tzinfo is None:
        d = d.replace(tzinfo=UTC)
    if end and len(value) <= 10:  # a date "to" includes that whole day
        from datetime import timedelta

        d = d + timedelta(days=1)
    return d


def _filter(
    supplier: str | None,
    direction: str | None,
    date_from: str | None,
    date_to: str | None,
    attachments: str | None,
    thread: str | None,
) -> mail.SearchFilter:
    if thread and not thread.isdigit():
        raise ValueError(f"thread: {thread!r} is not a thread number")
    return mail.SearchFilter(
        supplier=supplier or None,
        direction=direction or None,
        date_from=_date(date_from, "from"),
        date_to=_date(date_to, "to", end=True),
        has_attachment={"yes": True, "no": False}.get(attachments or ""),
        thread=int(thread) if thread else None,
    )


@router.get("/search", response_class=HTMLResponse, include_in_schema=False)
def search_page(
    request: Request,
    q: str = "",
    supplier: str = "",
    direction: str = "",
    date_from: str = "",
    date_to: str = "",
    attachments: str = "",
    thread: str = "",
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(current_workspace),
    lang: str = Depends(get_lang),
) -> HTMLResponse:
    flt = _filter(supplier, direction, date_from, date_to, attachments, thread)
    found = mail.search_counted(ctx, ws.slug, q, flt, limit=100) if q.strip() else None
    hits = found.hits if found else []
    form = {
        "q": q,
        "supplier": supplier,
        "direction": direction,
        "date_from": date_from,
        "date_to": date_to,
        "attachments": attachments,
        "thread": thread,
    }
    return render(
        request,
        "mail_search.html",
        lang,
        ws,
        ctx,
        hits=hits,
        found=found,
        form=form,
        choices=mail.filter_choices(ctx, ws.slug),
        directions=mail.DIRECTIONS,
    )


@router.get("/threads", response_class=HTMLResponse, include_in_schema=False)
def threads_page(
    request: Request,
    supplier: str = "",
    req: str = "",
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(current_workspace),
    lang: str = Depends(get_lang),
) -> HTMLResponse:
    threads = mail.list_threads(ctx, ws.slug, supplier=supplier or None, request=req or None)
    return render(
        request,
        "mail_threads.html",
        lang,
        ws,
        ctx,
        threads=threads,
        choices=mail.filter_choices(ctx, ws.slug),
        form={"supplier": supplier, "req": req},
    )


@router.get("/threads/{thread_id}", response_class=HTMLResponse, include_in_schema=False)
def thread_page(
    thread_id: int,
    request: Request,
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(current_workspace),
    lang: str = Depends(get_lang),
) -> HTMLResponse:
    detail = mail.thread_detail(ctx, ws.slug, thread_id)
    return render(request, "mail_thread.html", lang, ws, ctx, d=detail, choices=mail.filter_choices(ctx, ws.slug))


@router.post("/threads/{thread_id}/link", include_in_schema=False)
def thread_link_page(
    thread_id: int,
    request_number: str = Form(...),
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(need("edit")),
) -> RedirectResponse:
    mail.link_thread(ctx, ws.slug, thread_id, request_number, actor=ws.username)
    return RedirectResponse(f"/threads/{thread_id}", status_code=303)


@router.get("/chronology", response_class=HTMLResponse, include_in_schema=False)
def chronology_page(
    request: Request,
    supplier: str = "",
    req: str = "",
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(current_workspace),
    lang: str = Depends(get_lang),
) -> HTMLResponse:
    items = mail.chronology(ctx, ws.slug, supplier=supplier or None, request=req or None)
    months: list[tuple[str, list[mail.MessageView]]] = []
    for v in items:
        key = v.sent_at.strftime("%Y-%m") if v.sent_at else "—"
        if not months or months[-1][0] != key:
            months.append((key, []))
        months[-1][1].append(v)
    counts = {d: sum(1 for v in items if v.direction == d) for d in mail.DIRECTIONS}
    return render(
        request,
        "mail_chronology.html",
        lang,
        ws,
        ctx,
        months=months,
        total=len(items),
        counts=counts,
        auto_replies=sum(1 for v in items if v.auto_reply),
        choices=mail.filter_choices(ctx, ws.slug),
        form={"supplier": supplier, "req": req},
    )


# -- JSON API ------------------------------------------------------------------------------------


@router.get("/api/mail/search", tags=["mail"])
def api_search(
    response: Response,
    q: str,
    supplier: str | None = None,
    direction: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    attachments: str | None = None,
    thread: str | None = None,
    limit: int = 50,
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(current_workspace),
) -> list[dict[str, Any]]:
    """Ranked hits: evidence, subject, sent_at, direction, snippet (hits in «»), thread.

    How many hits there are in all (more than ``limit`` when the header says so) is in the
    response headers: ``X-Total-Count`` (exact up to 5,000) and ``X-Total-Count-Capped: true``
    when there are more than 5,000 (shown as "5,000+")."""
    flt = _filter(supplier, direction, date_from, date_to, attachments, thread)
    found = mail.search_counted(ctx, ws.slug, q, flt, limit=max(1, min(limit, 500)))
    response.headers["X-Total-Count"] = str(found.total)
    response.headers["X-Total-Count-Capped"] = "true" if found.capped else "false"
    return [h.as_json() for h in found.hits]


@router.get("/api/mail/threads", tags=["mail"])
def api_threads(
    supplier: str | None = None,
    request: str | None = None,
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(current_workspace),
) -> list[dict[str, Any]]:
    return [
        {
            "thread": t.id,
            "subject": t.subject,
            "messages": t.message_count,
            "first_at": t.first_at.isoformat() if t.first_at else None,
            "last_at": t.last_at.isoformat() if t.last_at else None,
            "supplier": t.supplier,
            "request": t.request,
            "by_subject": t.by_subject,
            "missing": t.missing,
        }
        for t in mail.list_threads(ctx, ws.slug, supplier=supplier, request=request)
    ]


@router.get("/api/mail/threads/{thread_id}", tags=["mail"])
def api_thread(
    thread_id: int, ctx: Context = Depends(get_ctx), ws: Access = Depends(current_workspace)
) -> dict[str, Any]:
    d = mail.thread_detail(ctx, ws.slug, thread_id)
    return {
        "thread": d.thread.id,
        "subject": d.thread.subject,
        "request": d.thread.request,
        "notes": d.thread.notes,
        "messages": [
            {
                "evidence": v.evidence,
                "subject": v.subject,
                "sender": v.sender,
                "sent_at": v.sent_at.isoformat() if v.sent_at else None,
                "direction": v.direction,
                "depth": v.depth,
                "auto_reply": v.auto_reply,
                "by_subject": v.by_subject,
                "attachments": [a for a, _ in v.attachments],
            }
            for v in d.messages
        ],
    }


@router.post("/api/mail/threads/{thread_id}/link", tags=["mail"])
def api_thread_link(
    thread_id: int,
    body: ThreadLink,
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(need("edit")),
) -> dict[str, Any]:
    """Attach a thread to a support request: ``{"request": "SR-0001"}``."""
    number = body.request
    n = mail.link_thread(ctx, ws.slug, thread_id, number, actor=ws.username)
    return {"thread": thread_id, "request": number, "messages": n}
