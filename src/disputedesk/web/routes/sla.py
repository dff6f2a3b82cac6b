"""SLA results, pages and API: support requests with their SLA status, a request's timeline and
the explanation of every deadline, the per-supplier report with a response-time chart
(server-rendered SVG, no script), evaluation; JSON API under /api/sla. What the results are
measured against (support terms, the supplier's calendar: pages, forms and API) is in
``sla_setup.py``, which shows its errors on the supplier page of this module."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ...domain.bizcal import REASON_TEXT, format_seconds
from ...domain.sla.wording import day_notes
from ...services import sla
from ...services.accounts import Access
from ...services.context import Context
from ...services.records import requests as request_records
from ...services.sla.commands import NewEvent
from ..deps import current_workspace, get_ctx, get_lang, need
from ..i18n import calendar_id, weekday_date, zone_named, zoned
from ..pages import render

router = APIRouter()
NAV = [(50, "Requests", "/requests")]  # the SLA overview is linked from the requests pages


def local(dt: datetime | None, tz: str | None, weekday: bool = True, lang: str = "en") -> str:
    """A time in the given zone as ``Mon 30 Mar 2026, 10:15`` / ``2026年3月30日 周一 10:15`` (the
    locale's one date style, weekday in the interface language)."""
    if dt is None:
        return "—"
    return zoned(dt, tz or "UTC", lang, weekday)


def _helpers(lang: str = "en") -> dict[str, Any]:
    def loc(dt: datetime | None, tz: str | None, weekday: bool = True) -> str:
        return local(dt, tz, weekday, lang)

    def at(dt: datetime | None, tz: str | None, weekday: bool = True) -> str:
        """A moment in the given zone with the zone named (a time shown to a person says where it is)."""
        return "—" if dt is None else zone_named(local(dt, tz, weekday, lang), tz or "UTC", lang)

    def zone(tz: str | None) -> str:
        """A column's zone after its name: " (Asia/Shanghai)" / "（Asia/Shanghai）"; nothing without one."""
        return zone_named("", tz, lang) if tz else ""

    def day(d: date) -> str:
        """A counted or skipped day with its weekday: "Wed 4 Mar 2026" / "2026年3月4日（星期三）"."""
        return weekday_date(d, lang)

    def aside(words: object) -> str:
        """Words in brackets after others, the page's brackets: " (so far)" / "（截至目前）"."""
        return zone_named("", str(words), lang)

    return {
        "local": loc,
        "at": at,
        "zone": zone,
        "aside": aside,
        "day": day,
        "day_notes": day_notes,
        "calendar_id": calendar_id,
        "dur": format_seconds,
        "reason_text": REASON_TEXT,
    }


# --------------------------------------------------------------------------------------------
# Chart
# --------------------------------------------------------------------------------------------

W, H, PAD_L, PAD_R, PAD_T, PAD_B = 760, 280, 64, 16, 16, 40


def chart(points: list[sla.ChartPoint]) -> dict[str, Any] | None:
    """Geometry of the response-time chart: one dot per request (business hours to the first
    response, or so far for an unanswered one), the target of each severity level as its own line
    (a step where that level's target changed), month ticks."""
    pts = [p for p in points if p.seconds is not None or p.target_seconds is not None]
    if not pts:
        return None
    t0 = min(p.opened_at.timestamp() for p in pts)
    t1 = max(p.opened_at.timestamp() for p in pts)
    if t1 - t0 < 86400:
        t0, t1 = t0 - 43200, t1 + 43200
    margin = (t1 - t0) * 0.03
    t0, t1 = t0 - margin, t1 + margin
    # Scale to the answered responses and the target; a still-open one far above is drawn at
    # the top edge (its title gives the real figure), so it does not flatten everything else.
    answered = [p.seconds or 0 for p in pts if not p.open]
    targets = [p.target_seconds or 0 for p in pts]
    ymax = max(answered + [t * 1.5 for t in targets] + [0]) / 3600
    if not ymax:
        ymax = max([p.seconds or 0 for p in pts] + [3600]) / 3600
    ymax = ymax * 1.1

    def x(ts: float) -> float:
        return round(PAD_L + (ts - t0) / (t1 - t0) * (W - PAD_L - PAD_R), 1)

    def y(hours: float) -> float:
        return round(H - PAD_B - hours / ymax * (H - PAD_T - PAD_B), 1)

    dots = []
    for p in pts:
        if p.seconds is None:
            continue
        dots.append(
            {
                "x": x(p.opened_at.timestamp()),
                "y": max(PAD_T, y(p.seconds / 3600)),
                "cls": p.status + (" open" if p.open else ""),
                # its tooltip is written by the template, in the page's language
                "label": p.label,
                "seconds": p.seconds,
                "open": p.open,
                "status": p.status,
                "request": p.request,
                "severity": p.severity,
            }
        )
    targets, legend = _target_lines(pts, x, y)
    step = _nice(ymax)
    yticks = [{"y": y(v), "hours": f"{v:g}"} for v in _range(0, ymax, step)]
    xticks = []
    d = datetime.fromtimestamp(t0, ZoneInfo("Asia/Shanghai")).replace(day=1, hour=0, minute=0, second=0)
    months = []
    while d.timestamp() <= t1:
        if d.timestamp() >= t0:
            months.append(d)
        d = d.replace(year=d.year + (d.month == 12), month=d.month % 12 + 1)
    every = max(1, len(months) // 8)
    for m in months[::every]:
        xticks.append({"x": x(m.timestamp()), "label": m.strftime("%Y-%m")})
    return {
        "w": W,
        "h": H,
        "left": PAD_L,
        "right": W - PAD_R,
        "top": PAD_T,
        "bottom": H - PAD_B,
        "dots": dots,
        "targets": targets,
        "legend": legend,
        "yticks": yticks,
        "xticks": xticks,
    }


SEVERITY_ORDER = ("critical", "high", "normal", "low")


def _target_lines(pts: list[sla.ChartPoint], x: Any, y: Any) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Per severity level, horizontal segments at its target, spanning the dots judged by that target (a
    level's dots with the same target side by side share a segment; a change of target starts a new one), and
    the legend: each level with its targets. A level's target is never drawn across another level's dots."""
    lines: list[dict[str, Any]] = []
    legend: list[dict[str, Any]] = []
    levels = sorted({p.severity for p in pts}, key=lambda s: (SEVERITY_ORDER + (s,)).index(s))
    for sev in levels:
        mine = sorted((p for p in pts if p.severity == sev), key=lambda p: p.opened_at)
        run: list[sla.ChartPoint] = []
        seen: list[int] = []
        for p in [*mine, None]:
            if run and (p is None or p.target_seconds != run[0].target_seconds):
                t = run[0].target_seconds
                if t is not None:
                    x1, x2 = x(run[0].opened_at.timestamp()), x(run[-1].opened_at.timestamp())
                    lines.append(
                        {"x1": round(x1 - 8, 1), "x2": round(x2 + 8, 1), "y": y(t / 3600), "sev": sev, "seconds": t}
                    )
                    if t not in seen:
                        seen.append(t)
                run = []
            if p is not None:
                run.append(p)
        if seen:
            legend.append({"sev": sev, "seconds": seen})
    return lines, legend


def _nice(top: float) -> float:
    for s in (1, 2, 4, 8, 12, 24, 48, 96, 168, 336, 720):
        if top / s <= 6:
            return float(s)
    return float(int(top / 6) + 1)


def _range(a: float, b: float, step: float) -> list[float]:
    out, v = [], a
    while v <= b:
        out.append(v)
        v += step
    return out


# --------------------------------------------------------------------------------------------
# Pages
# --------------------------------------------------------------------------------------------


@router.get("/requests", response_class=HTMLResponse, include_in_schema=False)
def requests_page(
    request: Request,
    status: str | None = Query(None),
    supplier: str | None = Query(None),
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(current_workspace),
    lang: str = Depends(get_lang),
) -> HTMLResponse:
    rows = sla.list_requests(ctx, ws.slug, supplier_key=supplier or None, status=status or None)
    return render(
        request,
        "sla_requests.html",
        lang,
        ws,
        ctx,
        rows=rows,
        run=sla.last_run(ctx, ws.slug),
        status=status,
        **_helpers(lang),
    )


@router.post("/requests/evaluate", include_in_schema=False)
def evaluate_page(
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(need("edit")),
) -> Response:
    sla.evaluate_all(ctx, ws.slug, actor=ws.username)
    return RedirectResponse("/requests", status_code=303)


@router.get("/requests/{number}", response_class=HTMLResponse, include_in_schema=False)
def request_page(
    number: str,
    request: Request,
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(current_workspace),
    lang: str = Depends(get_lang),
) -> HTMLResponse:
    return request_page_response(request, ctx, ws, lang, number)


def request_page_response(
    request: Request,
    ctx: Context,
    ws: Access,
    lang: str,
    number: str,
    *,
    error: str | None = None,
    error_form: str | None = None,
    form: dict[str, str] | None = None,
) -> HTMLResponse:
    """The request page; with ``error``, the message beside the form ``error_form`` that failed
    (its values kept). The record, its links and the forms come from ``routes/requests.py``."""
    detail = sla.request_detail(ctx, ws.slug, number)
    manage = {
        "rec": request_records.get_request(ctx, ws.slug, number),
        "choices": request_records.form_choices(ctx, ws.slug),
        "error": error,
        "error_form": error_form,
        "form": form or {},
    }
    return render(request, "sla_request.html", lang, ws, ctx, r=detail, manage=manage, **_helpers(lang))


@router.get("/sla", response_class=HTMLResponse, include_in_schema=False)
def sla_page(
    request: Request,
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(current_workspace),
    lang: str = Depends(get_lang),
) -> HTMLResponse:
    reports = sla.supplier_report(ctx, ws.slug)
    return render(
        request,
        "sla_overview.html",
        lang,
        ws,
        ctx,
        reports=reports,
        charts={r.key: chart(r.points) for r in reports},
        scopes=sla.list_terms(ctx, ws.slug),
        **_helpers(lang),
    )


@router.get("/sla/suppliers/{key}", response_class=HTMLResponse, include_in_schema=False)
def supplier_page(
    key: str,
    request: Request,
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(current_workspace),
    lang: str = Depends(get_lang),
) -> HTMLResponse:
    return supplier_page_response(request, ctx, ws, lang, key)


def supplier_page_response(
    request: Request,
    ctx: Context,
    ws: Access,
    lang: str,
    key: str,
    error: str | Exception | None = None,
    status_code: int = 200,
    spec_text: str | None = None,
    posted: dict[str, object] | None = None,
) -> HTMLResponse:
    """The supplier's SLA page; with ``error``, the message beside the calendar or closure form
    that failed (``sla_setup.py``), what was typed kept (``spec_text``, ``posted``)."""
    rep = sla.supplier_report(ctx, ws.slug, key)[0]
    cal = sla.get_calendar(ctx, ws.slug, key)
    text = spec_text if spec_text is not None else json.dumps(cal.spec, ensure_ascii=False, indent=2)
    resp = render(
        request,
        "sla_supplier.html",
        lang,
        ws,
        ctx,
        rep=rep,
        c=chart(rep.points),
        cal=cal,
        spec_text=text,
        error=error,
        posted=posted,
        **_helpers(lang),
    )
    resp.status_code = status_code
    return resp


def dashboard_panels(ctx: Context, access: Access) -> list[tuple[str, dict[str, Any]]]:
    summary = sla.dashboard_summary(ctx, access.slug)
    if not summary["total"]:
        return []

    def at(dt: datetime | None, tz: str | None, lang: str) -> str:  # the dashboard's language, its zone named
        return _helpers(lang)["at"](dt, tz, False)  # type: ignore[no-any-return]

    return [("sla_panel.html", {**summary, "at": at})]


# --------------------------------------------------------------------------------------------
# JSON API
# --------------------------------------------------------------------------------------------


@router.get("/api/sla/requests", tags=["sla"])
def api_requests(
    supplier: str | None = None,
    status: str | None = None,
    limit: int = Query(500, ge=1, le=10000),
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(current_workspace),
) -> dict[str, Any]:
    """Support requests with their stored SLA status and next deadline (supplier's zone)."""
    rows = sla.list_requests(ctx, ws.slug, supplier_key=supplier, status=status, limit=limit)
    return {"workspace": ws.slug, "requests": [r.to_dict() for r in rows]}


@router.get("/api/sla/requests/{number}", tags=["sla"])
def api_request(
    number: str, ctx: Context = Depends(get_ctx), ws: Access = Depends(current_workspace)
) -> dict[str, Any]:
    """One request: timeline, every deadline and its explanation (supplier's and buyer's time), and
    its ``record`` (contract, machine, linked threads and messages, history)."""
    return request_records.request_json(ctx, ws.slug, number)


@router.post("/api/sla/requests/{number}/events", tags=["sla"], status_code=201)
def api_add_event(
    number: str,
    body: NewEvent,
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(need("edit")),
) -> dict[str, Any]:
    """Record a dated event: waiting_for_buyer_start/end, workaround, resolved, reopened, outage…"""
    sla.add_event(ctx, ws.slug, number, body.kind, body.at, ref=body.ref, note=body.note, actor=ws.username)
    return {"request": number, "kind": body.kind, "at": body.at.isoformat()}


@router.post("/api/sla/evaluate", tags=["sla"])
def api_evaluate(
    as_of: str | None = None, ctx: Context = Depends(get_ctx), ws: Access = Depends(need("edit"))
) -> dict[str, Any]:
    """Evaluate every request, store the results, and list the results that changed."""
    return sla.evaluate_all(ctx, ws.slug, as_of=sla.parse_time(as_of, "as_of"), actor=ws.username).to_dict()


@router.get("/api/sla/report", tags=["sla"])
def api_report(
    supplier: str | None = None, ctx: Context = Depends(get_ctx), ws: Access = Depends(current_workspace)
) -> dict[str, Any]:
    """Per supplier: compliance, median/p90 first response, breaches by severity, money owed, by month."""
    return {"suppliers": [r.to_dict() for r in sla.supplier_report(ctx, ws.slug, supplier)]}
