"""Supplier pages and API: profile, evidence per fact, due diligence, escalation matrix,
payment warnings, periodic reviews, scorecard and ranking (with server-rendered SVG charts).

Pages are forms that POST and redirect (no script needed, except the CSV upload which goes
through htmx like the evidence upload); every route depends on ``current_workspace`` or
``need(...)`` and passes ``access.slug`` to the service.

Size (over 700 lines): the supplier pages and the supplier JSON API of one area; the route
functions are thin (the work is in ``services/suppliers/``), the length is their number.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from fastapi import APIRouter, Depends, File, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from pydantic import BaseModel

from ...domain import scorecard as sc
from ...domain.suppliers import DD_LABELS, LEVEL_LABELS, Channel, DDItem, DDStatus, ReviewFrequency
from ...services import suppliers as svc
from ...services.accounts import Access
from ...services.commands import check, filled
from ...services.context import Context
from ...services.records import contracts as record_contracts
from ...services.records import payments as record_payments
from ...services.suppliers.commands import (
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
from ..deps import current_workspace, get_ctx, get_lang, need
from ..pages import render

router = APIRouter()
api = APIRouter(prefix="/api", tags=["suppliers"])

CSV_LIMIT = 5 * 1024 * 1024


# --------------------------------------------------------------------------- charts


@dataclass
class Bar:
    label: str
    href: str
    score: Decimal | None
    risk: str
    x: float
    y: float
    w: float
    h: float


@dataclass
class Point:
    period: str
    score: Decimal | None
    risk: str
    x: float
    y: float


CHART_W, CHART_H, PAD_L, PAD_B, PAD_T = 560, 210, 36, 28, 22


def _y(score: Decimal | None) -> float:
    v = float(score or 0)
    return PAD_T + (CHART_H - PAD_T - PAD_B) * (1 - v / 100)


def bar_chart(rows: list[svc.SupplierListRow]) -> list[Bar]:
    rows = [r for r in rows if r.measured]  # a supplier without data has no score to draw
    if not rows:
        return []
    inner = CHART_W - PAD_L - 10
    step = inner / len(rows)
    w = min(60.0, step * 0.6)
    out = []
    for n, r in enumerate(rows):
        y = _y(r.score)
        out.append(
            Bar(
                r.name_en,
                f"/suppliers/{r.key}",
                r.score,
                r.risk,
                PAD_L + n * step + (step - w) / 2,
                y,
                w,
                CHART_H - PAD_B - y,
            )
        )
    return out


def line_chart(points: list[sc.SeriesPoint]) -> list[Point]:
    if not points:
        return []
    inner = CHART_W - PAD_L - 60
    step = inner / max(1, len(points) - 1) if len(points) > 1 else 0
    return [
        Point(p.period, p.score, p.risk, PAD_L + 25 + n * step if len(points) > 1 else PAD_L + inner / 2, _y(p.score))
        for n, p in enumerate(points)
    ]


def chart_env() -> dict[str, Any]:
    return {
        "chart_w": CHART_W,
        "chart_h": CHART_H,
        "pad_l": PAD_L,
        "pad_b": PAD_B,
        "gridlines": [(v, _y(Decimal(v))) for v in (0, 50, 65, 80, 100)],
    }


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


# --------------------------------------------------------------------------- pages


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
    request: Request,
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(current_workspace),
    lang: str = Depends(get_lang),
) -> HTMLResponse:
    return _list_page(request, ctx, ws, lang)


@router.post("/suppliers", response_class=HTMLResponse)
async def suppliers_create(
    request: Request,
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(need("edit")),
    lang: str = Depends(get_lang),
) -> Response:
    data = await _form(request)
    try:
        body = check(NewSupplier, {k: v for k, v in data.items() if v.strip()})
        key = svc.create_supplier(ctx, ws.slug, body.model_dump(exclude_none=True), actor=ws.username)
    except ValueError as exc:  # SupplierError is one; the page says it in its language
        return _list_page(request, ctx, ws, lang, error=exc, status=400, values=data)
    return RedirectResponse(f"/suppliers/{key}", status_code=303)


@router.post("/suppliers/import", response_class=HTMLResponse)
async def suppliers_import(
    request: Request,
    file: UploadFile = File(...),
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(need("edit")),
    lang: str = Depends(get_lang),
) -> HTMLResponse:
    data = await file.read(CSV_LIMIT + 1)
    if len(data) > CSV_LIMIT:
        raise ValueError(f"file: {file.filename} is larger than {CSV_LIMIT // (1024 * 1024)} MB")
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
    request: Request,
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(current_workspace),
    lang: str = Depends(get_lang),
) -> HTMLResponse:
    """The payment warnings on one evidence item's message, as a fragment for its page."""
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
    request: Request,
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(current_workspace),
    lang: str = Depends(get_lang),
) -> HTMLResponse:
    return _supplier_page(request, ctx, ws, lang, key)


Fields = dict[str, Any]
Action = Callable[[Context, Access, str, Fields], object]


def _adding(add: Callable[..., object], model: type[BaseModel], read: Callable[[Fields], Fields] = filled) -> Action:
    """An addition to the profile from its form, read as the API's command ``model``."""
    return lambda ctx, ws, key, d: add(ctx, ws.slug, key, _given(check(model, read(d))), actor=ws.username)


def _edit(ctx: Context, ws: Access, key: str, d: dict[str, Any]) -> object:
    """The profile form as the API's PATCH: an emptied box is null ("clear this field")."""
    cleared = {k: (v if not isinstance(v, str) or v.strip() else None) for k, v in d.items()}
    body = check(SupplierFields, cleared)
    return svc.update_supplier(ctx, ws.slug, key, body.model_dump(exclude_unset=True), actor=ws.username)


def _fact_evidence(ctx: Context, ws: Access, key: str, body: FactEvidence) -> object:
    return svc.link_fact_evidence(ctx, ws.slug, key, body.field, body.evidence, actor=ws.username, note=body.note)


def _schedule(ctx: Context, ws: Access, key: str, body: ReviewSchedule) -> object:
    return svc.set_review_schedule(
        ctx, ws.slug, key, body.frequency, body.first_due, grace_days=body.grace_days, actor=ws.username
    )


def _contact_form(d: dict[str, Any]) -> dict[str, Any]:
    """The contact form (up to three channels, numbered) as the API's ``Contact``."""
    channels = []
    for n in (1, 2, 3):
        if d.get(f"channel{n}") and d.get(f"address{n}"):
            channel = {
                "channel": d.get(f"channel{n}"),
                "address": d.get(f"address{n}"),
                "start": d.get(f"start{n}"),
                "end": d.get(f"end{n}"),
                "tz": d.get("tz"),
                "every_day": bool(d.get(f"every_day{n}")),
                "preferred": n == 1,
            }
            channels.append(filled({k: v for k, v in channel.items() if v is not None}))
    return filled({k: d[k] for k in ("name", "name_zh", "level", "role", "hours") if k in d}) | {"channels": channels}


def _review_form(d: dict[str, Any]) -> dict[str, Any]:
    """The review form as the API's ``Review``: the figures typed in hours become ``figures``."""
    out: dict[str, Any] = filled({k: v for k, v in d.items() if not k.startswith("fig_")})
    if d.get("fig_requests"):

        def secs(hours: str | None) -> int | None:
            if not hours:
                return None
            try:
                return int(Decimal(hours) * 3600)
            except ArithmeticError as exc:
                raise svc.SupplierError("figures", f"{hours!r} is not a number of hours") from exc

        try:
            out["figures"] = {
                "requests": int(d["fig_requests"]),
                "sla_met": int(d.get("fig_met") or 0),
                "median_first_response_s": secs(d.get("fig_median_h")),
                "p90_first_response_s": secs(d.get("fig_p90_h")),
                "first_response_target_s": secs(d.get("fig_target_h")),
                "breaches_by_severity": {
                    s: int(d.get(f"fig_{s}") or 0) for s in ("critical", "major", "minor") if d.get(f"fig_{s}")
                },
            }
        except ValueError as exc:
            raise svc.SupplierError("figures", "requests, met and breaches are whole numbers") from exc
    return out


# The page's forms read as the API's commands (services/suppliers/commands.py): an empty box is a
# field not given, a bad or unknown one is named in the page's language.
ACTIONS: dict[str, tuple[str, Action]] = {
    "edit": ("profile", _edit),
    "evidence": ("profile", lambda ctx, ws, key, d: _fact_evidence(ctx, ws, key, check(FactEvidence, filled(d)))),
    "certifications": ("profile", _adding(svc.add_certification, Certification)),
    "bank-accounts": ("payment", _adding(svc.add_bank_account, BankAccount)),
    "due-diligence": ("checklist", _adding(svc.record_due_diligence, DueDiligence)),
    "contacts": ("contacts", _adding(svc.add_contact, Contact, _contact_form)),
    "schedule": ("reviews", lambda ctx, ws, key, d: _schedule(ctx, ws, key, check(ReviewSchedule, filled(d)))),
    "reviews": ("reviews", _adding(svc.add_review, Review, _review_form)),
}


@router.post("/suppliers/{key}/{action}", response_class=HTMLResponse)
async def supplier_action(
    key: str,
    action: str,
    request: Request,
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(need("edit")),
    lang: str = Depends(get_lang),
) -> Response:
    if action not in ACTIONS:
        raise LookupError(f"no such supplier action {action!r}")
    section, fn = ACTIONS[action]
    data = await _form(request)
    typed = dict(data)  # as sent: the action may take values out of ``data``
    try:
        fn(ctx, ws, key, data)
    except ValueError as exc:  # a SupplierError, or a field the command refuses
        posted = {"action": request.url.path, "values": typed}
        return _supplier_page(request, ctx, ws, lang, key, error=exc, status=400, section=section, posted=posted)
    return RedirectResponse(f"/suppliers/{key}#{section}", status_code=303)


# --------------------------------------------------------------------------- dashboard


@dataclass
class FlaggedMessage:
    message_id: int
    evidence: str | None
    sender: str | None
    subject: str | None
    sent_at: datetime | None
    supplier_key: str | None
    supplier_name: str | None
    status: str  # open (any warning still open) | confirmed | dismissed
    severity: str
    kinds: list[str]


def flagged_messages(warnings: list[svc.WarningView]) -> list[FlaggedMessage]:
    """One line per message: its warnings' kinds, the worst severity, open before reviewed."""
    by: dict[int, FlaggedMessage] = {}
    rank = {"high": 0, "medium": 1, "low": 2}
    for w in warnings:
        f = by.get(w.message_id)
        if f is None:
            f = by[w.message_id] = FlaggedMessage(
                w.message_id,
                w.evidence,
                w.sender,
                w.subject,
                w.sent_at,
                w.supplier_key,
                w.supplier_name,
                w.status,
                w.severity,
                [],
            )
        if w.kind not in f.kinds:
            f.kinds.append(w.kind)
        if rank.get(w.severity, 3) < rank.get(f.severity, 3):
            f.severity = w.severity
        if w.status == "open":
            f.status = "open"
        elif f.status != "open" and w.status == "confirmed":
            f.status = "confirmed"
    order = {"open": 0, "confirmed": 1, "dismissed": 2}
    return sorted(
        by.values(),
        key=lambda f: (order.get(f.status, 3), rank.get(f.severity, 3), -(f.sent_at.timestamp() if f.sent_at else 0)),
    )


def _group(warnings: list[svc.WarningView]) -> dict[int, list[svc.WarningView]]:
    out: dict[int, list[svc.WarningView]] = {}
    for w in warnings:
        out.setdefault(w.message_id, []).append(w)
    return out


def dashboard_panels(ctx: Context, access: Access) -> list[tuple[str, dict[str, Any]]]:
    """Payment warnings (open ones and confirmed fraud attempts), reviews due, riskiest suppliers."""
    flagged = [
        f
        for f in flagged_messages(svc.list_payment_warnings(ctx, access.slug))
        if f.status == "confirmed" or (f.status == "open" and f.severity in ("high", "medium"))
    ]
    reminders = svc.review_reminders(ctx, access.slug)
    risky = [
        c for c in sc.risk_ranking(v.card for v in svc.scorecards(ctx, access.slug)) if c.risk in ("critical", "high")
    ]
    return [
        (
            "suppliers_panel.html",
            {
                "flagged": flagged[:6],
                "n_open": sum(1 for f in flagged if f.status == "open"),
                "reminders": reminders,
                "risky": risky[:3],
            },
        )
    ]


# --------------------------------------------------------------------------- API


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
        raise ValueError(f"file: larger than {CSV_LIMIT // (1024 * 1024)} MB")
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


router.include_router(api)
