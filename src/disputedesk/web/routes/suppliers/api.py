"""The supplier JSON API under /api (typed bodies: services/suppliers/commands.py)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from fastapi import APIRouter, Depends, File, Query, UploadFile
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from ....domain import scorecard as sc
from ....domain.text import T
from ....services import suppliers as svc
from ....services.accounts import Access
from ....services.context import Context
from ....services.suppliers.commands import (
    BankAccount,
    Certification,
    Contact,
    DueDiligence,
    FactEvidence,
    NewSupplier,
    Review,
    ReviewSchedule,
    SupplierFields,
    WarningReview,
)
from ...deps import current_workspace, get_ctx, need
from .pages import CSV_LIMIT

api = APIRouter(prefix="/api", tags=["suppliers"])


def _err(exc: svc.SupplierError) -> JSONResponse:
    return JSONResponse({"error": str(exc), "field": exc.field}, status_code=400)


@api.get("/suppliers")
def api_list(ctx: Context = Depends(get_ctx), ws: Access = Depends(current_workspace)) -> list[dict[str, Any]]:
    """Suppliers, best score first, with risk, the main driver and open payment warnings."""
    return [r.as_dict() for r in svc.list_suppliers(ctx, ws.slug)]


@api.post("/suppliers", status_code=201)
def api_create(
    body: NewSupplier,
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(need("edit")),
) -> Any:
    """Create a supplier: a name is enough (USCC validated when given, duplicates refused)."""
    try:
        key = svc.create_supplier(ctx, ws.slug, body.model_dump(exclude_none=True), actor=ws.username)
    except svc.SupplierError as exc:
        return _err(exc)
    return {"key": key}


@api.post("/suppliers/import")
async def api_import(
    file: UploadFile = File(..., description="Supplier CSV (UTF-8, UTF-8 with BOM, or GBK from Excel)"),
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(need("edit")),
) -> Any:
    """Import a CSV: all rows or none; errors name the row and column (400)."""
    data = await file.read(CSV_LIMIT + 1)
    if len(data) > CSV_LIMIT:
        raise svc.SupplierError("file", T("larger than %(mb)s MB", mb=CSV_LIMIT // (1024 * 1024)))
    result = svc.import_csv(ctx, ws.slug, data, source=file.filename or "suppliers.csv", actor=ws.username)
    return JSONResponse(result.as_dict(), status_code=201 if result.ok else 400)


@api.get("/suppliers/scorecard")
def api_scorecard(ctx: Context = Depends(get_ctx), ws: Access = Depends(current_workspace)) -> dict[str, Any]:
    """Every supplier's scorecard with the breakdown, the comparison and the risk ranking."""
    cards = svc.scorecards(ctx, ws.slug)
    return {
        "ranking": [c.as_dict() for c in cards],
        "comparison": svc.comparison(cards),
        "risk_ranking": [c.supplier_id for c in sc.risk_ranking(c.card for c in cards)],
    }


@api.get("/payment-warnings")
def api_warnings(
    status: str | None = None,
    supplier: str | None = None,
    evidence: str | None = None,
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(current_workspace),
) -> list[dict[str, Any]]:
    """Payment-safety warnings on messages (filter by status, supplier key or evidence number)."""
    return [
        w.as_dict()
        for w in svc.list_payment_warnings(ctx, ws.slug, supplier_key=supplier, status=status, evidence=evidence)
    ]


@api.post("/payment-warnings/scan")
def api_scan(ctx: Context = Depends(get_ctx), ws: Access = Depends(need("edit"))) -> dict[str, int]:
    """Assess every message for payment-fraud signs and store new warnings."""
    return svc.scan_payment_warnings(ctx, ws.slug, actor=ws.username).as_dict()


@api.post("/payment-warnings/{warning_id}/review")
def api_warning_review(
    warning_id: int,
    body: WarningReview,
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(need("annotate")),
) -> Any:
    """Mark a warning confirmed, dismissed (with a reason) or open again."""
    try:
        svc.review_payment_warning(ctx, ws.slug, warning_id, body.status, actor=ws.username, note=body.note)
    except svc.SupplierError as exc:
        return _err(exc)
    return {"ok": True}


@api.get("/suppliers/{key}")
def api_detail(key: str, ctx: Context = Depends(get_ctx), ws: Access = Depends(current_workspace)) -> dict[str, Any]:
    """The whole profile: facts with evidence, checklist and gaps, contacts, next contact,
    payment warnings, reviews, scorecard and its history."""
    return svc.supplier_page(ctx, ws.slug, key).as_dict()


@api.patch("/suppliers/{key}")
def api_update(
    key: str, body: SupplierFields, ctx: Context = Depends(get_ctx), ws: Access = Depends(need("edit"))
) -> Any:
    """Change profile fields (only those given; null clears an optional one)."""
    try:
        return {
            "changed": svc.update_supplier(ctx, ws.slug, key, body.model_dump(exclude_unset=True), actor=ws.username)
        }
    except svc.SupplierError as exc:
        return _err(exc)


@api.get("/suppliers/{key}/next-contact")
def api_next_contact(
    key: str,
    level: str | None = Query(None, description="level already contacted, e.g. support_engineer"),
    at: datetime | None = Query(None, description="when (ISO 8601 with offset); default now"),
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(current_workspace),
) -> Any:
    """Whom to contact next, on which channel, and when it answers."""
    when = at or ctx.clock()
    if when.tzinfo is None:
        return JSONResponse({"error": "at: give a UTC offset", "field": "at"}, status_code=400)
    try:
        return svc.proposal_dict(svc.propose_escalation(ctx, ws.slug, key, level, when))
    except svc.SupplierError as exc:
        return _err(exc)


def _added(call: Any) -> Any:
    try:
        result = call()
    except svc.SupplierError as exc:
        return _err(exc)
    return {"ok": True, "result": result if isinstance(result, str | int) else None}


@api.post("/suppliers/{key}/evidence", status_code=201)
def api_add_fact_evidence(
    key: str, body: FactEvidence, ctx: Context = Depends(get_ctx), ws: Access = Depends(need("edit"))
) -> Any:
    """Back one profile fact with an evidence item (field + E-number)."""
    return _added(
        lambda: svc.link_fact_evidence(ctx, ws.slug, key, body.field, body.evidence, actor=ws.username, note=body.note)
    )


@api.post("/suppliers/{key}/certifications", status_code=201)
def api_add_certification(
    key: str, body: Certification, ctx: Context = Depends(get_ctx), ws: Access = Depends(need("edit"))
) -> Any:
    """Add a certification (CE, ISO 9001 …) with its validity and evidence."""
    return _added(lambda: svc.add_certification(ctx, ws.slug, key, _given(body), actor=ws.username))


@api.post("/suppliers/{key}/bank-accounts", status_code=201)
def api_add_bank_account(
    key: str, body: BankAccount, ctx: Context = Depends(get_ctx), ws: Access = Depends(need("edit"))
) -> Any:
    """Record a beneficiary account (verified when ``verified_on`` and ``verified_by`` are given)."""
    return _added(lambda: svc.add_bank_account(ctx, ws.slug, key, _given(body), actor=ws.username))


@api.post("/suppliers/{key}/due-diligence", status_code=201)
def api_add_due_diligence(
    key: str, body: DueDiligence, ctx: Context = Depends(get_ctx), ws: Access = Depends(need("edit"))
) -> Any:
    """Append one due-diligence checklist entry."""
    return _added(lambda: svc.record_due_diligence(ctx, ws.slug, key, _given(body), actor=ws.username))


@api.post("/suppliers/{key}/contacts", status_code=201)
def api_add_contact(
    key: str, body: Contact, ctx: Context = Depends(get_ctx), ws: Access = Depends(need("edit"))
) -> Any:
    """Add a contact person with level, role and channels (each with answering hours)."""
    return _added(lambda: svc.add_contact(ctx, ws.slug, key, _given(body), actor=ws.username))


@api.post("/suppliers/{key}/review-schedule", status_code=201)
def api_set_review_schedule(
    key: str, body: ReviewSchedule, ctx: Context = Depends(get_ctx), ws: Access = Depends(need("edit"))
) -> Any:
    """Set how often the supplier is reviewed and when the first review is due."""
    return _added(
        lambda: svc.set_review_schedule(
            ctx, ws.slug, key, body.frequency, body.first_due, grace_days=body.grace_days, actor=ws.username
        )
    )


@api.post("/suppliers/{key}/reviews", status_code=201)
def api_add_review(key: str, body: Review, ctx: Context = Depends(get_ctx), ws: Access = Depends(need("edit"))) -> Any:
    """Record a periodic review (ratings, period, actions; figures from the SLA engine when it has them)."""
    return _added(lambda: svc.add_review(ctx, ws.slug, key, _given(body), actor=ws.username))


def _given(body: BaseModel) -> dict[str, Any]:
    return body.model_dump(exclude_none=True)


@api.get("/suppliers/{key}/review-prefill")
def api_review_prefill(
    key: str,
    start: date = Query(...),
    end: date = Query(...),
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(current_workspace),
) -> dict[str, Any]:
    """The figures a review form starts with (the SLA engine's for the period, open disputes)."""
    d = svc.review_prefill(ctx, ws.slug, key, start, end)
    return {**d, "period_start": d["period_start"].isoformat(), "period_end": d["period_end"].isoformat()}
