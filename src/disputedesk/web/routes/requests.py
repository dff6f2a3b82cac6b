"""Support requests of one's own dispute: pages (open by hand, suggestions from mail threads,
open from a thread, edit, and the close/reopen/event/link controls on the request page) and the
JSON API beside ``/api/sla/requests`` (typed bodies and answers).

Every route depends on ``current_workspace`` (read) or ``need("edit")`` and passes ``ws.slug``;
bad input is a 422 naming the field (API) or the form again with the message (pages).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, ValidationError

from ...services.accounts import Access
from ...services.context import Context
from ...services.records import request_models as m
from ...services.records import requests as svc
from ...services.records.errors import FieldError, from_validation
from ..deps import PageCall, current_workspace, get_ctx, get_lang, need, page
from ..i18n import translations, weekday_date, zone_named, zoned
from ..pages import render
from . import sla as sla_routes

router = APIRouter()
FormFields = dict[str, str]


async def _form(request: Request) -> FormFields:
    form = await request.form()
    return {k: v.strip() for k, v in form.items() if isinstance(v, str) and k not in ("csrf_token", "csrftoken")}


def _time(value: str, tz: str) -> str:
    """A ``datetime-local`` value with the zone chosen beside it, as ISO 8601 with its offset; a
    value that already has an offset (or is not a time) is left for the model to judge."""
    if not value or not tz:
        return value
    try:
        naive = datetime.fromisoformat(value)
        zone = ZoneInfo(tz)
    except (ValueError, ZoneInfoNotFoundError):
        return value
    return naive.isoformat() if naive.tzinfo else naive.replace(tzinfo=zone).isoformat()


def _message(exc: ValueError, lang: str, request: Request, form: FormFields | None = None) -> str:
    """A bad input's message in the page's language (the field's name and the sentence), its
    moments in the zone the user typed the time in (else the viewer's, else UTC), zone named."""
    if not isinstance(exc, FieldError):
        return str(exc)
    zone = "UTC"
    for cand in ((form or {}).get("tz"), request.cookies.get("tz")):
        try:
            if cand:
                ZoneInfo(cand)
                zone = cand
                break
        except (ValueError, ZoneInfoNotFoundError):
            continue
    return exc.localised(
        translations(lang).gettext,
        lambda at: zone_named(zoned(at, zone, lang, weekday=False), zone, lang),
        lambda day: weekday_date(day, lang),
        lang=lang,
    )


def _command(cls: type[BaseModel], form: FormFields, *names: str) -> Any:
    values = {n: form[n] for n in names if form.get(n)}
    try:
        return cls(**values)
    except ValidationError as exc:
        raise from_validation(exc) from None


# ------------------------------------------------------------------------------------ pages


def _form_page(
    request: Request,
    ctx: Context,
    ws: Access,
    lang: str,
    template: str,
    *,
    form: FormFields | None = None,
    error: str | None = None,
    **kw: Any,
) -> HTMLResponse:
    resp = render(
        request,
        template,
        lang,
        ws,
        ctx,
        choices=svc.form_choices(ctx, ws.slug),
        severities=m.SEVERITIES,
        form=form or {},
        error=error,
        **kw,
    )
    if error:
        resp.status_code = 422
    return resp


@router.get("/requests/new", response_class=HTMLResponse, include_in_schema=False)
def new_request_page(
    supplier: str = "",
    contract: str = "",
    serial: str = "",
    call: PageCall = Depends(page("edit")),
) -> HTMLResponse:
    """The form, with the supplier, contract and machine chosen when the link gives them (from a
    contract's or an order's page)."""
    request, ctx, ws, lang = call
    form = {"supplier": supplier, "contract": contract, "serial": serial}
    return _form_page(request, ctx, ws, lang, "requests_form.html", form=form)


@router.post("/requests/new", response_class=HTMLResponse, include_in_schema=False)
async def new_request_submit(
    call: PageCall = Depends(page("edit")),
) -> Response:
    request, ctx, ws, lang = call
    form = await _form(request)
    try:
        form_at = {**form, "opened_at": _time(form.get("opened_at", ""), form.get("tz", ""))}
        cmd = _command(m.OpenRequest, form_at, "supplier", "title", "severity", "contract", "serial", "opened_at")
        rec = svc.open_request(ctx, ws.slug, cmd, actor=ws.username)
    except ValueError as exc:
        return _form_page(
            request, ctx, ws, lang, "requests_form.html", form=form, error=_message(exc, lang, request, form)
        )
    return RedirectResponse(f"/requests/{rec.number}", status_code=303)


@router.get("/requests/suggestions", response_class=HTMLResponse, include_in_schema=False)
def suggestions_page(
    call: PageCall = Depends(page()),
) -> HTMLResponse:
    request, ctx, ws, lang = call
    return _form_page(
        request, ctx, ws, lang, "requests_suggestions.html", rows=svc.suggestions(ctx, ws.slug), **_zone(lang)
    )


def _zone(lang: str) -> dict[str, Any]:
    """The SLA pages' time helpers: ``local`` (a moment in a zone) and ``at`` (with the zone named)."""
    helpers = sla_routes._helpers(lang)
    return {"local": helpers["local"], "at": helpers["at"]}


@router.get("/requests/from-thread", response_class=HTMLResponse, include_in_schema=False)
def from_thread_page(
    thread: int,
    call: PageCall = Depends(page("edit")),
) -> HTMLResponse:
    request, ctx, ws, lang = call
    return _from_thread(request, ctx, ws, lang, {"thread": str(thread)})


def _from_thread(
    request: Request, ctx: Context, ws: Access, lang: str, form: FormFields, error: str | None = None
) -> HTMLResponse:
    preview = svc.thread_preview(ctx, ws.slug, int(form["thread"])) if form.get("thread", "").isdigit() else None
    return _form_page(
        request, ctx, ws, lang, "requests_from_thread.html", form=form, error=error, t=preview, **_zone(lang)
    )


@router.post("/requests/from-thread", response_class=HTMLResponse, include_in_schema=False)
async def from_thread_submit(
    call: PageCall = Depends(page("edit")),
) -> Response:
    request, ctx, ws, lang = call
    form = await _form(request)
    try:
        cmd = _command(m.OpenFromThread, form, "thread", "severity", "contract", "supplier", "title", "serial")
        rec = svc.open_from_thread(ctx, ws.slug, cmd, actor=ws.username)
    except ValueError as exc:
        return _from_thread(request, ctx, ws, lang, form, _message(exc, lang, request, form))
    return RedirectResponse(f"/requests/{rec.number}", status_code=303)


@router.get("/requests/{number}/edit", response_class=HTMLResponse, include_in_schema=False)
def edit_page(
    number: str,
    call: PageCall = Depends(page("edit")),
) -> HTMLResponse:
    request, ctx, ws, lang = call
    rec = svc.get_request(ctx, ws.slug, number)
    zone = svc.form_choices(ctx, ws.slug)["buyer_tz"] or "UTC"
    form = {
        "title": rec.title,
        "severity": rec.severity,
        "supplier": rec.supplier or "",
        "contract": rec.contract or "",
        "serial": rec.serial or "",
        "opened_at": rec.opened_at.astimezone(ZoneInfo(zone)).strftime("%Y-%m-%dT%H:%M:%S"),
        "tz": zone,
    }
    return _form_page(request, ctx, ws, lang, "requests_form.html", form=form, rec=rec)


@router.post("/requests/{number}/edit", response_class=HTMLResponse, include_in_schema=False)
async def edit_submit(
    number: str,
    call: PageCall = Depends(page("edit")),
) -> Response:
    request, ctx, ws, lang = call
    rec = svc.get_request(ctx, ws.slug, number)  # 404 before reading the form
    form = await _form(request)
    try:
        values: dict[str, Any] = {k: form[k] for k in ("title", "severity", "supplier") if form.get(k)}
        for k in ("contract", "serial"):
            if k in form:
                values[k] = form[k] or None
        if form.get("opened_at"):
            values["opened_at"] = _time(form["opened_at"], form.get("tz", ""))
        try:
            cmd = m.ChangeRequest(**values)
        except ValidationError as exc:
            raise from_validation(exc) from None
        svc.change_request(ctx, ws.slug, number, cmd, actor=ws.username)
    except ValueError as exc:
        return _form_page(
            request, ctx, ws, lang, "requests_form.html", form=form, error=_message(exc, lang, request, form), rec=rec
        )
    return RedirectResponse(f"/requests/{rec.number}", status_code=303)


def _on_request_page(name: str, build: Callable[[FormFields], Any], act: Callable[..., Any]) -> None:
    """A form on the request page (close, reopen, event, link, unlink): on success back to the
    page, on bad input the page again with the message beside that form."""

    async def handler(
        number: str,
        request: Request,
        ctx: Context = Depends(get_ctx),
        ws: Access = Depends(need("edit")),
        lang: str = Depends(get_lang),
    ) -> Response:
        svc.get_request(ctx, ws.slug, number)  # 404 before reading the form
        form = await _form(request)
        try:
            act(ctx, ws.slug, number, build(form), actor=ws.username)
        except ValueError as exc:
            resp = sla_routes.request_page_response(
                request, ctx, ws, lang, number, error=_message(exc, lang, request, form), error_form=name, form=form
            )
            resp.status_code = 422
            return resp
        return RedirectResponse(f"/requests/{number.upper()}#manage", status_code=303)

    handler.__name__ = f"request_{name}_form"
    router.post(f"/requests/{{number}}/{name}", response_class=HTMLResponse, include_in_schema=False)(handler)


def _status_form(form: FormFields) -> m.StatusChange:
    return _command(m.StatusChange, {**form, "at": _time(form.get("at", ""), form.get("tz", ""))}, "at", "ref", "note")


def _event_form(form: FormFields) -> m.RequestEvent:
    return _command(
        m.RequestEvent, {**form, "at": _time(form.get("at", ""), form.get("tz", ""))}, "kind", "at", "ref", "note"
    )


def _link_form(form: FormFields) -> m.MailLink:
    # "E-0013, E-0014" or, typed on a Chinese keyboard, "E-0013，E-0014" / "E-0013、E-0014"
    messages = [p for p in re.split(r"[,;\s，；、]+", form.get("messages", "")) if p]
    try:
        return m.MailLink(thread=form.get("thread") or None, messages=messages)
    except ValidationError as exc:
        raise from_validation(exc) from None


@router.post("/requests/{number}/case", include_in_schema=False)
def request_case_form(
    number: str,
    call: PageCall = Depends(page("edit")),
) -> Response:
    """Open a case from this request (``case open --request``): the deadline facts from its
    contract and the contract's deliveries, each with its source in the case's notes."""
    request, ctx, ws, lang = call
    from ...services.records.case_opening import case_from_requests

    rec = svc.get_request(ctx, ws.slug, number)  # 404 first
    try:
        case = case_from_requests(ctx, ws.slug, [rec.number], actor=ws.username)
    except ValueError as exc:
        resp = sla_routes.request_page_response(
            request, ctx, ws, lang, rec.number, error=_message(exc, lang, request), error_form="case", form={}
        )
        resp.status_code = 422
        return resp
    return RedirectResponse(f"/cases/{case}", status_code=303)


_on_request_page("close", _status_form, svc.close_request)
_on_request_page("reopen", _status_form, svc.reopen_request)
_on_request_page("event", _event_form, svc.record_event)
_on_request_page("link", _link_form, svc.link_mail)
_on_request_page("unlink", _link_form, svc.unlink_mail)


# -------------------------------------------------------------------------------------- API


@router.get("/api/sla/suggested-requests", tags=["requests"])
def api_suggestions(ctx: Context = Depends(get_ctx), ws: Access = Depends(current_workspace)) -> list[m.Suggestion]:
    """Threads that look like support requests: started by the buyer's side to a supplier, not linked yet."""
    return svc.suggestions(ctx, ws.slug)


@router.post("/api/sla/requests", tags=["requests"], status_code=201)
def api_open(
    body: m.OpenRequest, ctx: Context = Depends(get_ctx), ws: Access = Depends(need("edit"))
) -> m.RequestRecord:
    """Open a support request by hand (numbered SR-0001 …)."""
    return svc.open_request(ctx, ws.slug, body, actor=ws.username)


@router.post("/api/sla/requests/from-thread", tags=["requests"], status_code=201)
def api_open_from_thread(
    body: m.OpenFromThread, ctx: Context = Depends(get_ctx), ws: Access = Depends(need("edit"))
) -> m.RequestRecord:
    """Open a request from a mail thread: opened at the buyer's first message, the thread linked."""
    return svc.open_from_thread(ctx, ws.slug, body, actor=ws.username)


@router.get("/api/sla/requests/{number}/record", tags=["requests"])
def api_record(
    number: str, ctx: Context = Depends(get_ctx), ws: Access = Depends(current_workspace)
) -> m.RequestRecord:
    """The request as recorded: contract, machine, linked threads and messages, and its history."""
    return svc.get_request(ctx, ws.slug, number)


def _api_change(method: str, path: str, name: str, body: type[BaseModel], answer: type[BaseModel], act: Any) -> None:
    """A route that changes one request: ``number`` in the path, a typed body, a typed answer
    (unknown request 404, bad field 422, viewer 403)."""

    def handler(number: str, body: Any, ctx: Context = Depends(get_ctx), ws: Access = Depends(need("edit"))) -> Any:
        return act(ctx, ws.slug, number, body, actor=ws.username)

    handler.__annotations__ = {"number": str, "body": body, "ctx": Context, "ws": Access, "return": answer}
    handler.__name__ = f"api_{name}"
    handler.__doc__ = act.__doc__
    router.api_route(f"/api/sla/requests/{{number}}{path}", methods=[method], tags=["requests"])(handler)


_api_change("PATCH", "", "change", m.ChangeRequest, m.RequestRecord, svc.change_request)
_api_change("POST", "/links", "link", m.MailLink, m.LinkResult, svc.link_mail)
_api_change("POST", "/unlink", "unlink", m.MailLink, m.LinkResult, svc.unlink_mail)
_api_change("POST", "/close", "close", m.StatusChange, m.RequestRecord, svc.close_request)
_api_change("POST", "/reopen", "reopen", m.StatusChange, m.RequestRecord, svc.reopen_request)
