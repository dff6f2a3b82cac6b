"""SLA setup, pages and API: what a supplier's support is measured against: the support terms of
a contract (versions, drafts from the contract check, confirmation) and the supplier's business
calendar (its JSON spec, closures). The results measured against them are in ``sla.py``; a
refused calendar or closure is shown again on its supplier page there."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ...domain.text import T, Text, field_error
from ...services import sla
from ...services.accounts import Access
from ...services.commands import check, filled
from ...services.context import Context
from ...services.records.errors import FieldError
from ...services.sla.commands import Closure, NewCalendar, NewTerms
from ..deps import current_workspace, get_ctx, get_lang, need
from ..pages import render
from .sla import _helpers, supplier_page_response

router = APIRouter()


@router.post("/sla/suppliers/{key}/closures", response_class=HTMLResponse, include_in_schema=False)
def closure_submit(
    key: str,
    request: Request,
    start: str = Form(...),
    end: str = Form(...),
    label: str = Form(""),
    evidence_ref: str = Form(""),
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(need("edit")),
    lang: str = Depends(get_lang),
) -> Response:
    # a mistake shows the page again with the message and what was typed
    values = {"start": start, "end": end, "label": label, "evidence_ref": evidence_ref}
    typed: dict[str, object] = {"action": request.url.path, "values": values}
    try:
        body = check(Closure, filled(values))  # the API's calendar closure
        sla.add_closure(ctx, ws.slug, key, body.start, body.end, body.label, body.evidence_ref, actor=ws.username)
    except (ValueError, LookupError) as exc:
        if isinstance(exc, LookupError) and "supplier" in str(exc) and "does not exist" in str(exc):
            raise
        return supplier_page_response(request, ctx, ws, lang, key, _shown(exc), 400, posted=typed)
    return RedirectResponse(f"/sla/suppliers/{key}", status_code=303)


def _shown(exc: Exception) -> Exception | str:
    """A bad input as the page says it: a ValueError in the page's language (its sentence), a
    LookupError's text without the quotes ``KeyError`` puts around it."""
    return exc if isinstance(exc, ValueError) else str(exc).strip("'\"")


#: the field named in its errors: working hours, holidays and make-up days, not only a holiday calendar (the supplier's
#: official holiday calendar, a code such as cn, is the suppliers' field "calendar")
BUSINESS_CALENDAR = "business calendar"


def _json_field(text: str, field: str) -> tuple[Any, Text | None]:
    """A form field holding JSON: its value, or the refusal naming the field and where the text stops parsing (or
    that it is empty: the page and its form come back, not a dead end)."""
    if not text.strip():
        return None, field_error(field, "required")
    try:
        return json.loads(text), None
    except json.JSONDecodeError as exc:
        bad = field_error(field, "not valid JSON (line %(line)s, column %(column)s)", line=exc.lineno, column=exc.colno)
        return None, bad


@router.post("/sla/suppliers/{key}/calendar", response_class=HTMLResponse, include_in_schema=False)
def calendar_submit(
    key: str,
    request: Request,
    spec: str = Form(""),
    note: str = Form(""),
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(need("edit")),
    lang: str = Depends(get_lang),
) -> Response:
    # a refused calendar comes back with its note too, not only the JSON
    typed: dict[str, object] = {"action": request.url.path, "values": {"note": note}}
    data, bad = _json_field(spec, BUSINESS_CALENDAR)
    if bad is not None:
        return supplier_page_response(request, ctx, ws, lang, key, bad, 400, spec, posted=typed)
    try:
        if not isinstance(data, dict):
            raise ValueError(field_error(BUSINESS_CALENDAR, "expected an object with named fields"))
        body = check(NewCalendar, {**data, **filled({"note": note})})  # the API's calendar version
        sla.set_calendar(ctx, ws.slug, key, body.spec(), note=body.note, actor=ws.username)
    except (ValueError, LookupError) as exc:
        if isinstance(exc, LookupError) and "supplier" in str(exc) and "does not exist" in str(exc):
            raise
        return supplier_page_response(request, ctx, ws, lang, key, _shown(exc), 400, spec, posted=typed)
    return RedirectResponse(f"/sla/suppliers/{key}", status_code=303)


# A contract number may contain "/" (HT-2025/07): the routes take the rest of the path, and the
# ones with a suffix come first.
@router.post("/sla/terms/{contract:path}/confirm", include_in_schema=False)
def terms_confirm_page(
    contract: str,
    version: int = Form(...),
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(need("edit")),
) -> Response:
    sla.confirm_terms(ctx, ws.slug, contract_number=contract, version=version, actor=ws.username)
    return RedirectResponse(f"/sla/terms/{quote(contract)}", status_code=303)


@router.get("/sla/terms/{contract:path}", response_class=HTMLResponse, include_in_schema=False)
def terms_page(
    contract: str,
    request: Request,
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(current_workspace),
    lang: str = Depends(get_lang),
) -> HTMLResponse:
    source = request.query_params.get("from")
    if source:
        # From "Use as draft support terms" on a contract that states no measurable time: the
        # form pre-filled with what the contract check found, the times left for the user.
        from ...services import contracts

        chk = contracts.check_item(ctx, ws.slug, source)
        draft = chk.report["support_terms_draft"]
        prefill = contracts.sla_terms_from_draft(draft, source, contract)
        if not prefill["severities"]:
            prefill["severities"] = {
                "critical": {"first_response": "", "resolution": ""},
                "normal": {"first_response": "", "resolution": ""},
            }
        text = json.dumps(prefill, ensure_ascii=False, indent=2)
        return _terms_form(request, ctx, ws, lang, contract, text=text, found=draft, found_in=source)
    drafted = request.query_params.get("drafted")
    return _terms_form(request, ctx, ws, lang, contract, drafted=drafted)


def _terms_form(
    request: Request,
    ctx: Context,
    ws: Access,
    lang: str,
    contract: str,
    error: str | Exception | None = None,
    text: str | None = None,
    ok: str | None = None,
    status_code: int = 200,
    found: dict[str, Any] | None = None,
    found_in: str | None = None,
    drafted: str | None = None,
    form: dict[str, str] | None = None,
    levels: dict[str, str] | None = None,
    json_open: bool = False,
) -> HTMLResponse:
    versions = sla.terms_history(ctx, ws.slug, contract_number=contract)
    if text is None:
        current = sla.friendly_terms(versions[0].terms) if versions else sla.TERMS_TEMPLATE
        text = json.dumps(current, ensure_ascii=False, indent=2)
    if levels is None:  # the per-level form shows the newest version (or what the contract check found)
        try:
            levels = sla.form_from_terms(
                json.loads(text) if found is not None else (versions[0].terms if versions else None)
            )
        except (ValueError, TypeError, AttributeError):
            levels = {}
    start = sla.default_start(ctx, ws.slug, contract)  # the first version's default day, the zones read in
    supplier = start[3]
    cal = sla.get_calendar(ctx, ws.slug, supplier) if supplier else None
    resp = render(
        request,
        "sla_terms.html",
        lang,
        ws,
        ctx,
        contract=contract,
        versions=versions,
        text=text,
        error=error,
        ok=ok,
        found=found,
        found_in=found_in,
        drafted=drafted,
        form=form or {},  # a refused entry comes back as typed, not only the JSON
        start=start,
        levels=levels,
        level_names=sla.LEVELS,
        json_open=json_open,
        calendar_line=cal.description if cal else None,
        standard_day=(cal.spec.get("makeup_windows") if cal else None) or "09:00-12:00,13:00-18:00",
        in_words=sla.terms_in_words(ctx, ws.slug, versions[0]) if versions else None,
        **_helpers(lang),
    )
    resp.status_code = status_code
    return resp


@router.post("/sla/terms/{contract:path}/levels", response_class=HTMLResponse, include_in_schema=False)
async def terms_levels_submit(
    contract: str,
    request: Request,
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(need("edit")),
    lang: str = Depends(get_lang),
) -> HTMLResponse:
    """The per-severity form: its levels read into terms (the newest version's other settings kept), saved as the JSON
    form's are; a refusal names the box and comes back with everything as typed."""
    form = {k: str(v) for k, v in (await request.form()).items() if k != "csrftoken"}
    typed = {k: form.get(k, "") for k in ("valid_from", "status", "source")}
    try:
        versions = sla.terms_history(ctx, ws.slug, contract_number=contract)
        supplier = versions[0].supplier_key if versions else sla.default_start(ctx, ws.slug, contract)[3]
        spec = sla.get_calendar(ctx, ws.slug, supplier).spec if supplier else {}
        v = _save(ctx, ws, contract, sla.terms_from_form(form, versions[0].terms if versions else None, spec), typed)
    except ValueError as exc:
        return _terms_form(request, ctx, ws, lang, contract, _named(exc), status_code=400, form=typed, levels=form)
    return _terms_form(request, ctx, ws, lang, contract, ok=T("version %(n)s", n=v.version))


@router.post("/sla/terms/{contract:path}", response_class=HTMLResponse, include_in_schema=False)
def terms_submit(
    contract: str,
    request: Request,
    terms: str = Form(""),
    valid_from: str = Form(""),
    status: str = Form("confirmed"),
    source: str = Form(""),
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(need("edit")),
    lang: str = Depends(get_lang),
) -> HTMLResponse:
    typed = {"valid_from": valid_from, "status": status, "source": source}
    data, bad = _json_field(terms, "terms")
    if bad is not None:
        return _terms_form(request, ctx, ws, lang, contract, bad, terms, status_code=400, form=typed, json_open=True)
    try:
        v = _save(ctx, ws, contract, data, typed)
    except ValueError as exc:
        return _terms_form(
            request, ctx, ws, lang, contract, _named(exc), terms, status_code=400, form=typed, json_open=True
        )
    return _terms_form(request, ctx, ws, lang, contract, ok=T("version %(n)s", n=v.version))


#: the terms form's label of ``valid_from`` (生效时间), which its refusals name too
VALID_FROM = "Valid from"


def _save(ctx: Context, ws: Access, contract: str, data: Any, typed: dict[str, str]) -> Any:
    """A terms version from either form, checked as the API's body is (``NewTerms``)."""
    return _store(ctx, ws, contract, check(NewTerms, {"terms": data, **filled(typed)}), "entered on the terms page")


def _store(ctx: Context, ws: Access, contract: str, body: NewTerms, default_source: str | None = None) -> Any:
    """Store a checked terms version (the page's forms and the API alike)."""
    return sla.set_terms(
        ctx,
        ws.slug,
        body.terms,
        contract_number=contract,
        valid_from=body.valid_from,
        status=body.status,
        source=body.source or default_source,
        actor=ws.username,
    )


def _named(exc: ValueError) -> ValueError:
    """A refusal of ``valid_from`` named as the form's label names it (生效时间, not the API's field)."""
    if isinstance(exc, FieldError) and exc.field == "valid_from":
        return FieldError(VALID_FROM, exc.template, **exc.values)
    return exc


# --------------------------------------------------------------------------------------------
# JSON API
# --------------------------------------------------------------------------------------------


@router.get("/api/sla/terms/{contract:path}", tags=["sla"])
def api_terms(
    contract: str, ctx: Context = Depends(get_ctx), ws: Access = Depends(current_workspace)
) -> dict[str, Any]:
    """Every version of a contract's support terms, newest first."""
    return {
        "contract": contract,
        "versions": [v.to_dict() for v in sla.terms_history(ctx, ws.slug, contract_number=contract)],
    }


@router.put("/api/sla/terms/{contract:path}", tags=["sla"], status_code=201)
def api_set_terms(
    contract: str,
    body: NewTerms,
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(need("edit")),
) -> dict[str, Any]:
    """Add a version of the contract's support terms (draft or confirmed)."""
    return _store(ctx, ws, contract, body).to_dict()


@router.post("/api/sla/terms/{contract:path}/confirm", tags=["sla"])
def api_confirm_terms(
    contract: str,
    version: int | None = None,
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(need("edit")),
) -> dict[str, Any]:
    """Confirm a draft version (the newest draft unless ``version`` is given)."""
    return sla.confirm_terms(ctx, ws.slug, contract_number=contract, version=version, actor=ws.username).to_dict()


@router.get("/api/sla/calendars/{supplier}", tags=["sla"])
def api_calendar(
    supplier: str, ctx: Context = Depends(get_ctx), ws: Access = Depends(current_workspace)
) -> dict[str, Any]:
    """The supplier's current business calendar and its versions."""
    cur = sla.get_calendar(ctx, ws.slug, supplier)
    return {**cur.to_dict(), "history": [v.to_dict() for v in sla.calendar_history(ctx, ws.slug, supplier)]}


@router.put("/api/sla/calendars/{supplier}", tags=["sla"], status_code=201)
def api_set_calendar(
    supplier: str,
    body: NewCalendar,
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(need("edit")),
) -> dict[str, Any]:
    """Store a new calendar version (tz, windows, official, closures with evidence_ref, overrides)."""
    return sla.set_calendar(ctx, ws.slug, supplier, body.spec(), note=body.note, actor=ws.username).to_dict()
