"""Dispute cases: pages (list, detail with ladder, deadlines, claims, recovery; forms), JSON API,
iCalendar export and the dashboard panel (overdue steps, coming deadlines).

Every route depends on ``current_workspace`` or ``need("edit")`` and passes ``ws.slug`` to the
services; a counsel share link for one case (``share_case_id``) sees only that case.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.datastructures import FormData

from ...documents.channels import stored as stored_channel
from ...services import cases as svc
from ...services.accounts import Access
from ...services.cases.commands import (
    Acknowledgement,
    DeadlineFacts,
    ExchangeRate,
    MoneyEvent,
    NewClaim,
    NewStep,
    OpenCase,
    Reply,
    check,
)
from ...services.context import Context
from ...services.records.case_opening import open_own_case
from ..deps import PageCall, current_workspace, get_ctx, get_lang, need, page, user_today
from ..pages import render
from ..typed_money import read_money

router = APIRouter()

# Multi-valued form fields (check boxes, multiple selects).
_LISTS = ("issues", "support_requests", "orders")


def _form_dict(form: FormData) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for key in form:
        if key in ("csrf_token", "csrftoken"):
            continue
        values = [v for v in form.getlist(key) if isinstance(v, str)]
        data[key] = values if key in _LISTS else (values[-1] if values else None)
    return {k: v for k, v in data.items() if v not in (None, "", [])}


def _field(message: str) -> str | None:
    head = message.split(":", 1)[0]
    return head if ":" in message and " " not in head else None


def _bad(exc: Exception, request: Request) -> JSONResponse:
    """A refused change: ``{"error", "field"}``, the sentence in the caller's language (its field by
    its label, dates as the pages write them), ``field`` the key as the body names it."""
    from ..i18n import refusal

    body: dict[str, Any] = {"error": refusal(exc, get_lang(request), request.cookies.get("tz") or "UTC")}
    if field := _field(str(exc)):
        body["field"] = field
    return JSONResponse(body, status_code=400)


# ------------------------------------------------------------------------------------ pages


@router.get("/cases", response_class=HTMLResponse, include_in_schema=False)
def cases_page(
    call: PageCall = Depends(page()),
) -> HTMLResponse:
    request, ctx, ws, lang = call
    return _list_page(request, ctx, ws, lang)


def _list_page(
    request: Request,
    ctx: Context,
    ws: Access,
    lang: str,
    *,
    error: str | Exception | None = None,
    form: dict | None = None,
) -> HTMLResponse:
    resp = render(
        request,
        "cases_list.html",
        lang,
        ws,
        ctx,
        cases=svc.list_cases(ctx, ws.slug, only_case_id=ws.share_case_id, limit=500, today=user_today(request, ctx)),
        choices=svc.open_form_choices(ctx, ws.slug) if ws.can("edit") else None,
        error=error,
        form=form or {},
    )
    if error:
        resp.status_code = 400
    return resp


@router.post("/cases", response_class=HTMLResponse, include_in_schema=False)
async def open_case_form(
    call: PageCall = Depends(page("edit")),
) -> Response:
    request, ctx, ws, lang = call
    data = read_money(_form_dict(await request.form()), lang)  # 欧元, ¥ on a Chinese page, "€36000"
    try:
        # the form has no deadline facts or ladder: they come from the records, each with its source
        case_id = open_own_case(ctx, ws.slug, check(OpenCase, data).given(), actor=ws.username)
    except ValueError as exc:
        return _list_page(request, ctx, ws, lang, error=exc, form=data)
    return RedirectResponse(f"/cases/{case_id}", status_code=303)


def _detail_page(
    request: Request,
    ctx: Context,
    ws: Access,
    lang: str,
    case_id: str,
    *,
    error: str | Exception | None = None,
    form_name: str | None = None,
    form: dict | None = None,
) -> HTMLResponse:
    view = svc.get_case(ctx, ws.slug, case_id, only_case_id=ws.share_case_id, today=user_today(request, ctx))
    resp = render(
        request,
        "cases_detail.html",
        lang,
        ws,
        ctx,
        v=view,
        choices=svc.open_form_choices(ctx, ws.slug) if ws.can("edit") else None,
        rates=svc.list_rates(ctx, ws.slug),
        error=error,
        form_name=form_name,
        form=form or {},
        # the fields the page does not fill from ``form`` get what was typed back (app.js)
        posted={"action": request.url.path, "values": {k: v for k, v in (form or {}).items() if isinstance(v, str)}}
        if error and form
        else None,
    )
    if error:
        resp.status_code = 400
    return resp


@router.get("/cases/{case_id}", response_class=HTMLResponse, include_in_schema=False)
def case_page(
    case_id: str,
    call: PageCall = Depends(page()),
) -> HTMLResponse:
    request, ctx, ws, lang = call
    return _detail_page(request, ctx, ws, lang, case_id)


async def _post(request: Request, ctx: Context, ws: Access, lang: str, case_id: str, name: str, call: Any) -> Response:
    """Run a form's service call; on a bad field re-render the page with the message, nothing stored."""
    data = read_money(_form_dict(await request.form()), lang)  # 欧元, ¥ on a Chinese page, "€36000"
    try:
        call(data)
    except ValueError as exc:
        return _detail_page(request, ctx, ws, lang, case_id, error=exc, form_name=name, form=data)
    view = svc.get_case(ctx, ws.slug, case_id, only_case_id=ws.share_case_id)
    return RedirectResponse(f"/cases/{view.id}#{name}", status_code=303)


@router.post("/cases/{case_id}/steps", response_class=HTMLResponse, include_in_schema=False)
async def add_step_form(
    case_id: str,
    call: PageCall = Depends(page("edit")),
) -> Response:
    request, ctx, ws, lang = call
    svc.get_case(ctx, ws.slug, case_id)  # 404 before reading the form
    return await _post(
        request,
        ctx,
        ws,
        lang,
        case_id,
        "ladder",
        # a way of sending typed in Chinese (电子邮件, 快递（EMS）) is kept by its key word, as the API takes it
        lambda d: svc.add_step(
            ctx,
            ws.slug,
            case_id,
            check(NewStep, {**d, "channel": stored_channel(d.get("channel") or "")}).given(),
            actor=ws.username,
        ),
    )


@router.post("/cases/{case_id}/reply", response_class=HTMLResponse, include_in_schema=False)
async def reply_form(
    case_id: str,
    call: PageCall = Depends(page("edit")),
) -> Response:
    request, ctx, ws, lang = call
    svc.get_case(ctx, ws.slug, case_id)

    def call(d: dict[str, Any]) -> None:
        # read, not popped: a refused reply comes back with the step that was chosen
        position = svc.parse_int(d.get("position"), "position")
        if position is None:
            raise ValueError("position: choose the step that was answered")
        reply = {k: v for k, v in d.items() if k != "position"}
        svc.record_reply(ctx, ws.slug, case_id, position, check(Reply, reply).given(), actor=ws.username)

    return await _post(request, ctx, ws, lang, case_id, "ladder", call)


def _case_form(path: str, section: str, action: Callable[[Context, Access, str, dict[str, Any]], object]) -> None:
    """A form that changes one part of a case and re-renders that part (facts, claims, …)."""

    async def handler(
        case_id: str,
        request: Request,
        ctx: Context = Depends(get_ctx),
        ws: Access = Depends(need("edit")),
        lang: str = Depends(get_lang),
    ) -> Response:
        svc.get_case(ctx, ws.slug, case_id)
        return await _post(request, ctx, ws, lang, case_id, section, lambda d: action(ctx, ws, case_id, d))

    handler.__name__ = f"case_{path}_form"
    router.post(f"/cases/{{case_id}}/{path}", response_class=HTMLResponse, include_in_schema=False)(handler)


_case_form(
    "facts",
    "deadlines",
    lambda ctx, ws, cid, d: svc.set_facts(ctx, ws.slug, cid, check(DeadlineFacts, d).given(), actor=ws.username),
)
_case_form(
    "acknowledgements",
    "deadlines",
    lambda ctx, ws, cid, d: svc.add_acknowledgement(
        ctx, ws.slug, cid, check(Acknowledgement, d).given(), actor=ws.username
    ),
)
_case_form(
    "claims",
    "claims",
    lambda ctx, ws, cid, d: svc.add_claim(ctx, ws.slug, cid, check(NewClaim, d).given(), actor=ws.username),
)
_case_form(
    "recovery",
    "recovery",
    lambda ctx, ws, cid, d: svc.add_money(ctx, ws.slug, cid, check(MoneyEvent, d).given(), actor=ws.username),
)
_case_form(
    "rates",
    "claims",
    lambda ctx, ws, _cid, d: svc.record_rate(ctx, ws.slug, check(ExchangeRate, d).given(), actor=ws.username),
)


def _ics_response(ctx: Context, ws: Access, case_id: str, lang: str = "en") -> Response:
    view = svc.get_case(ctx, ws.slug, case_id, only_case_id=ws.share_case_id)
    data = svc.case_ics(ctx, ws.slug, view.id, only_case_id=ws.share_case_id, lang=lang)
    return Response(
        data,
        media_type="text/calendar; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{view.number}-deadlines.ics"'},
    )


@router.get("/cases/{case_id}/deadlines.ics", include_in_schema=False)
def case_ics_page(
    case_id: str,
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(current_workspace),
    lang: str = Depends(get_lang),
) -> Response:
    """The calendar in the page's language (a Chinese page downloads a Chinese calendar)."""
    return _ics_response(ctx, ws, case_id, lang)


# -------------------------------------------------------------------------------------- API


@router.get("/api/cases", tags=["cases"])
def api_cases(
    limit: int = Query(100, ge=1, le=1000),
    offset: int = Query(0, ge=0, le=1_000_000_000),
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(current_workspace),
) -> list[dict[str, Any]]:
    """The workspace's cases (by number, a page at a time), each with its id, next deadline and overdue steps."""
    return svc.list_cases_json(ctx, ws.slug, only_case_id=ws.share_case_id, limit=limit, offset=offset)


@router.post("/api/cases", tags=["cases"], status_code=201, response_model=None)
def api_open_case(
    body: OpenCase,
    request: Request,
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(need("edit")),
) -> dict[str, Any] | JSONResponse:
    """Open a case from support requests, SLA breaches or evidence items (amounts as strings); what
    the body does not give (contract and orders, deadline facts, the first ladder step) comes from
    the support requests' records, as on the page and in the CLI."""
    try:
        case_id = open_own_case(ctx, ws.slug, body.given(), actor=ws.username)
    except ValueError as exc:
        return _bad(exc, request)
    return svc.get_case(ctx, ws.slug, case_id).to_json()


@router.get("/api/cases/{case_id}", tags=["cases"])
def api_case(case_id: str, ctx: Context = Depends(get_ctx), ws: Access = Depends(current_workspace)) -> dict[str, Any]:
    """One case: ladder with suggested next step, legal deadlines with rules and facts, claims, recovery."""
    return svc.get_case(ctx, ws.slug, case_id, only_case_id=ws.share_case_id).to_json()


def _api_change(ctx: Context, ws: Access, case_id: str, call: Any, request: Request) -> dict[str, Any] | JSONResponse:
    svc.get_case(ctx, ws.slug, case_id)  # 404 first
    try:
        call()
    except ValueError as exc:
        return _bad(exc, request)
    return svc.get_case(ctx, ws.slug, case_id).to_json()


@router.post("/api/cases/{case_id}/steps", tags=["cases"], status_code=201, response_model=None)
def api_add_step(
    case_id: str,
    body: NewStep,
    request: Request,
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(need("edit")),
) -> dict[str, Any] | JSONResponse:
    """Add a ladder step (step, sent_on, channel, recipient, proof, response window, reply)."""
    return _api_change(
        ctx, ws, case_id, lambda: svc.add_step(ctx, ws.slug, case_id, body.given(), actor=ws.username), request
    )


@router.post("/api/cases/{case_id}/steps/{position}/reply", tags=["cases"], response_model=None)
def api_reply(
    case_id: str,
    position: int,
    body: Reply,
    request: Request,
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(need("edit")),
) -> dict[str, Any] | JSONResponse:
    """Record the reply to a ladder step (reply_on, reply_evidence, resolved)."""
    return _api_change(
        ctx,
        ws,
        case_id,
        lambda: svc.record_reply(ctx, ws.slug, case_id, position, body.given(), actor=ws.username),
        request,
    )


@router.put("/api/cases/{case_id}/facts", tags=["cases"], response_model=None)
def api_facts(
    case_id: str,
    body: DeadlineFacts,
    request: Request,
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(need("edit")),
) -> dict[str, Any] | JSONResponse:
    """Set the deadline facts (docs/deadlines.md; demands come from ladder steps with proof)."""
    return _api_change(
        ctx, ws, case_id, lambda: svc.set_facts(ctx, ws.slug, case_id, body.given(), actor=ws.username), request
    )


@router.post("/api/cases/{case_id}/acknowledgements", tags=["cases"], status_code=201, response_model=None)
def api_ack(
    case_id: str,
    body: Acknowledgement,
    request: Request,
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(need("edit")),
) -> dict[str, Any] | JSONResponse:
    """Record the supplier's acknowledgement or promise to perform (restarts limitation)."""
    return _api_change(
        ctx,
        ws,
        case_id,
        lambda: svc.add_acknowledgement(ctx, ws.slug, case_id, body.given(), actor=ws.username),
        request,
    )


@router.post("/api/cases/{case_id}/claims", tags=["cases"], status_code=201, response_model=None)
def api_claim(
    case_id: str,
    body: NewClaim,
    request: Request,
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(need("edit")),
) -> dict[str, Any] | JSONResponse:
    """Add a claim head (kind, amount as a string, currency, basis, evidence …)."""
    return _api_change(
        ctx, ws, case_id, lambda: svc.add_claim(ctx, ws.slug, case_id, body.given(), actor=ws.username), request
    )


@router.post("/api/cases/{case_id}/recovery", tags=["cases"], status_code=201, response_model=None)
def api_recovery(
    case_id: str,
    body: MoneyEvent,
    request: Request,
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(need("edit")),
) -> dict[str, Any] | JSONResponse:
    """Record an offer, a settlement or an amount received."""
    return _api_change(
        ctx, ws, case_id, lambda: svc.add_money(ctx, ws.slug, case_id, body.given(), actor=ws.username), request
    )


@router.get("/api/cases/{case_id}/deadlines.ics", tags=["cases"], response_class=Response)
def api_case_ics(
    case_id: str,
    lang: Literal["en", "zh"] = "en",
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(current_workspace),
) -> Response:
    """The case's deadlines as an iCalendar file, in English or (``lang=zh``) Chinese."""
    return _ics_response(ctx, ws, case_id, lang)


@router.get("/api/exchange-rates", tags=["cases"])
def api_rates(ctx: Context = Depends(get_ctx), ws: Access = Depends(current_workspace)) -> list[dict[str, Any]]:
    """Exchange rates recorded in the workspace (rate, date, source)."""
    return [
        {"base": r.base, "quote": r.quote, "rate": str(r.rate), "on": r.on.isoformat(), "source": r.source}
        for r in svc.list_rates(ctx, ws.slug)
    ]


@router.post("/api/exchange-rates", tags=["cases"], status_code=201, response_model=None)
def api_record_rate(
    body: ExchangeRate, request: Request, ctx: Context = Depends(get_ctx), ws: Access = Depends(need("edit"))
) -> list[dict[str, Any]] | JSONResponse:
    """Record an exchange rate (base, quote, rate as a string, on, source)."""
    try:
        svc.record_rate(ctx, ws.slug, body.given(), actor=ws.username)
    except ValueError as exc:
        return _bad(exc, request)
    return api_rates(ctx, ws)


# ---------------------------------------------------------------------------------- dashboard


def dashboard_panels(ctx: Context, access: Access, today: date | None = None) -> list[tuple[str, dict[str, Any]]]:
    """Overdue ladder steps and coming deadlines of every case, for the dashboard, counted from
    the viewer's date."""
    data = svc.dashboard_data(ctx, access.slug, only_case_id=access.share_case_id, today=today)
    if not data["overdue"] and not data["coming"] and not data["cases"]:
        return []
    return [("cases_panel.html", data)]
