"""The supplier list and a supplier's page, creating suppliers (one, or a CSV), the payment-warning
scan and review, score snapshots."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, File, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ....domain import scorecard as sc
from ....domain.suppliers import DD_LABELS, LEVEL_LABELS, Channel, DDItem, DDStatus, ReviewFrequency
from ....domain.text import T
from ....services import suppliers as svc
from ....services.accounts import Access
from ....services.commands import check
from ....services.context import Context
from ....services.records import contracts as record_contracts
from ....services.records import payments as record_payments
from ....services.suppliers.commands import (
    NewSupplier,
)
from ...deps import PageCall, get_ctx, need, page
from ...pages import render
from .charts import bar_chart, chart_env, line_chart
from .flagged import _group, flagged_messages

router = APIRouter()


CSV_LIMIT = 5 * 1024 * 1024


def _page_env() -> dict[str, Any]:
    return {
        "dd_items": [(i.value, DD_LABELS[i]) for i in DDItem],
        "dd_statuses": [s.value for s in DDStatus],
        "levels": [(k, LEVEL_LABELS[v]) for k, v in svc.LEVELS.items()] + [("finance", "finance"), ("other", "other")],
        "channels": [c.value for c in Channel],
        "frequencies": [f.value for f in ReviewFrequency],
        "supplier_kinds": svc.KINDS,
        "fact_fields": list(svc.FACT_LABELS.items())
        + [("bank_accounts", "Bank accounts"), ("certifications", "Certifications")],
        **chart_env(),
    }


async def _form(request: Request) -> dict[str, Any]:
    form = await request.form()
    return {k: v for k, v in form.items() if k not in ("csrf_token", "csrftoken") and isinstance(v, str)}


def _list_page(
    request: Request,
    ctx: Context,
    ws: Access,
    lang: str,
    *,
    error: str | Exception | None = None,
    status: int = 200,
    values: dict[str, Any] | None = None,
) -> HTMLResponse:
    rows = svc.list_suppliers(ctx, ws.slug)
    cards = svc.scorecards(ctx, ws.slug)
    resp = render(
        request,
        "suppliers_list.html",
        lang,
        ws,
        ctx,
        rows=rows,
        comparison=svc.comparison(cards),
        component_labels=sc.LABELS,
        bars=bar_chart(rows),
        risky=sc.risk_ranking(c.card for c in cards),
        flagged=flagged_messages(svc.list_payment_warnings(ctx, ws.slug)),
        reminders=svc.review_reminders(ctx, ws.slug),
        error=error,
        values=values or {},
        **_page_env(),
    )
    resp.status_code = status
    return resp


@router.get("/suppliers", response_class=HTMLResponse)
def suppliers_page(
    call: PageCall = Depends(page()),
) -> HTMLResponse:
    request, ctx, ws, lang = call
    return _list_page(request, ctx, ws, lang)


@router.post("/suppliers", response_class=HTMLResponse)
async def suppliers_create(
    call: PageCall = Depends(page("edit")),
) -> Response:
    request, ctx, ws, lang = call
    data = await _form(request)
    try:
        body = check(NewSupplier, {k: v for k, v in data.items() if v.strip()})
        key = svc.create_supplier(ctx, ws.slug, body.model_dump(exclude_none=True), actor=ws.username)
    except ValueError as exc:  # SupplierError is one; the page says it in its language
        return _list_page(request, ctx, ws, lang, error=exc, status=400, values=data)
    return RedirectResponse(f"/suppliers/{key}", status_code=303)


@router.post("/suppliers/import", response_class=HTMLResponse)
async def suppliers_import(
    file: UploadFile = File(...),
    call: PageCall = Depends(page("edit")),
) -> HTMLResponse:
    request, ctx, ws, lang = call
    data = await file.read(CSV_LIMIT + 1)
    if len(data) > CSV_LIMIT:
        raise svc.SupplierError(
            "file", T("%(file)s is larger than %(mb)s MB", file=file.filename or "", mb=CSV_LIMIT // (1024 * 1024))
        )
    result = svc.import_csv(ctx, ws.slug, data, source=file.filename or "suppliers.csv", actor=ws.username)
    resp = render(request, "suppliers_import.html", lang, ws, ctx, result=result, filename=file.filename)
    resp.status_code = 200 if result.ok else 400
    return resp


@router.post("/suppliers/scan-payments")
def suppliers_scan(ctx: Context = Depends(get_ctx), ws: Access = Depends(need("edit"))) -> RedirectResponse:
    svc.scan_payment_warnings(ctx, ws.slug, actor=ws.username)
    return RedirectResponse("/suppliers#warnings", status_code=303)


@router.post("/suppliers/snapshot")
def suppliers_snapshot(ctx: Context = Depends(get_ctx), ws: Access = Depends(need("edit"))) -> RedirectResponse:
    svc.record_score_snapshots(ctx, ws.slug, actor=ws.username)
    return RedirectResponse("/suppliers#ranking", status_code=303)


@router.post("/payment-warnings/{warning_id}/review")
async def warning_review(
    warning_id: int,
    request: Request,
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(need("annotate")),
) -> RedirectResponse:
    data = await _form(request)
    svc.review_payment_warning(
        ctx,
        ws.slug,
        warning_id,
        data.get("status", ""),
        actor=ws.username,
        note=data.get("note"),
        whole_message=bool(data.get("whole_message")),
    )
    back = data.get("back") or "/suppliers"
    if not back.startswith("/suppliers"):
        back = "/suppliers"
    return RedirectResponse(back + "#warnings", status_code=303)


@router.get("/payment-warnings/evidence/{label}", response_class=HTMLResponse)
def evidence_warnings(
    label: str,
    call: PageCall = Depends(page()),
) -> HTMLResponse:
    """The payment warnings on one evidence item's message, as a fragment for its page."""
    request, ctx, ws, lang = call
    warnings = svc.list_payment_warnings(ctx, ws.slug, evidence=label)
    return render(
        request,
        "suppliers_evidence_warnings_list.html",
        lang,
        ws,
        ctx,
        flagged=flagged_messages(warnings),
        warnings=warnings,
    )


def _supplier_page(
    request: Request,
    ctx: Context,
    ws: Access,
    lang: str,
    key: str,
    *,
    error: str | Exception | None = None,
    status: int = 200,
    section: str | None = None,
    posted: dict[str, Any] | None = None,
) -> HTMLResponse:
    v = svc.supplier_page(ctx, ws.slug, key)
    resp = render(
        request,
        "suppliers_detail.html",
        lang,
        ws,
        ctx,
        v=v,
        points=line_chart(v.history),
        flagged=flagged_messages(v.warnings),
        warnings_by_message=_group(v.warnings),
        component_labels=sc.LABELS,
        error=error,
        error_section=section,
        posted=posted,
        today=v.proposal_at.date(),
        own_contracts=record_contracts.list_contracts(ctx, ws.slug, supplier_key=key),
        own_payments=record_payments.list_payments(ctx, ws.slug, supplier_key=key),
        **_page_env(),
    )
    resp.status_code = status
    return resp


@router.get("/suppliers/{key}", response_class=HTMLResponse)
def supplier_page(
    key: str,
    call: PageCall = Depends(page()),
) -> HTMLResponse:
    request, ctx, ws, lang = call
    return _supplier_page(request, ctx, ws, lang, key)
