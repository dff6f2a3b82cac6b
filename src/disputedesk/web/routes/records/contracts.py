"""Contract pages and forms, with their amendments (a contract number may contain ``/``: the
``:path`` routes come after the fixed ones)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ....services.accounts import Access
from ....services.context import Context
from ....services.records import contracts as contract_svc
from ....services.records import models as m
from ....services.records import orders as order_svc
from ....services.records import payments as payment_svc
from ...deps import PageCall, get_ctx, need, page
from .forms import FormFields, _changed, _fields, _form, _message, _new, _page, documents, path

router = APIRouter(include_in_schema=False)


CONTRACT_FIELDS = (
    "supplier",
    "signed_on",
    "title",
    "currency",
    "value",
    "governing_law",
    "dispute_clause",
    "warranty_months",
    "warranty_start",
    "inspection_days",
    "evidence",
)


def _contract_form(
    request: Request, ctx: Context, ws: Access, lang: str, form: FormFields, rec: Any = None, error: str | None = None
) -> HTMLResponse:
    return _page(
        request,
        ctx,
        ws,
        lang,
        "records_contract_form.html",
        form=form,
        rec=rec,
        error=error,
        starts=m.WARRANTY_STARTS,
        docs=documents(ctx, ws.slug, "contract", "amendment"),
    )


@router.get("/records/contracts/new", response_class=HTMLResponse)
def new_contract_page(
    supplier: str = "",
    evidence: str = "",
    call: PageCall = Depends(page("edit")),
) -> HTMLResponse:
    request, ctx, ws, lang = call
    return _contract_form(request, ctx, ws, lang, {"supplier": supplier, "evidence": evidence})


@router.post("/records/contracts/new", response_class=HTMLResponse)
async def new_contract_submit(
    call: PageCall = Depends(page("edit")),
) -> Response:
    request, ctx, ws, lang = call
    form = await _form(request)
    try:
        rec = contract_svc.add_contract(ctx, ws.slug, _new(m.NewContract, form), actor=ws.username)
    except ValueError as exc:
        return _contract_form(request, ctx, ws, lang, form, error=_message(exc, lang))
    return RedirectResponse(f"/records/contracts/{path(rec.number)}", status_code=303)


AMENDMENT_FIELDS = ("effective_on", "summary", "agreed_by", "unilateral", "evidence")


def _amendment_form(
    request: Request,
    ctx: Context,
    ws: Access,
    lang: str,
    rec: Any,
    amendment: Any,
    form: FormFields,
    error: str | None = None,
) -> HTMLResponse:
    docs = documents(ctx, ws.slug, "amendment", "contract")
    return _page(
        request,
        ctx,
        ws,
        lang,
        "records_amend_form.html",
        rec=rec,
        amendment=amendment,
        form=form,
        error=error,
        docs=docs,
    )


# Before "/records/contracts/{number}/edit": a contract number may contain "/".
@router.get("/records/contracts/{number:path}/amendments/{amendment:path}/edit", response_class=HTMLResponse)
def edit_amendment_page(
    number: str,
    amendment: str,
    call: PageCall = Depends(page("edit")),
) -> HTMLResponse:
    request, ctx, ws, lang = call
    rec = contract_svc.get_contract(ctx, ws.slug, number)
    a = contract_svc.get_amendment(ctx, ws.slug, rec.number, amendment)
    return _amendment_form(request, ctx, ws, lang, rec, a, _fields(a, AMENDMENT_FIELDS))


@router.post("/records/contracts/{number:path}/amendments/{amendment:path}/edit", response_class=HTMLResponse)
async def edit_amendment_submit(
    number: str,
    amendment: str,
    call: PageCall = Depends(page("edit")),
) -> Response:
    request, ctx, ws, lang = call
    rec = contract_svc.get_contract(ctx, ws.slug, number)
    a = contract_svc.get_amendment(ctx, ws.slug, rec.number, amendment)
    form = await _form(request)
    # an unticked box is not sent: the form always says whether the change was unilateral
    filled = {k: form.get(k, "") for k in AMENDMENT_FIELDS}
    try:
        cmd = _changed(m.ChangeAmendment, filled, _fields(a, AMENDMENT_FIELDS))
        contract_svc.change_amendment(ctx, ws.slug, rec.number, a.number, cmd, actor=ws.username)
    except ValueError as exc:
        return _amendment_form(request, ctx, ws, lang, rec, a, form, _message(exc, lang))
    return RedirectResponse(f"/records/contracts/{path(rec.number)}#amendments", status_code=303)


@router.get("/records/contracts/{number:path}/edit", response_class=HTMLResponse)
def edit_contract_page(
    number: str,
    call: PageCall = Depends(page("edit")),
) -> HTMLResponse:
    request, ctx, ws, lang = call
    rec = contract_svc.get_contract(ctx, ws.slug, number)
    return _contract_form(request, ctx, ws, lang, _fields(rec, CONTRACT_FIELDS), rec)


@router.post("/records/contracts/{number:path}/edit", response_class=HTMLResponse)
async def edit_contract_submit(
    number: str,
    call: PageCall = Depends(page("edit")),
) -> Response:
    request, ctx, ws, lang = call
    rec = contract_svc.get_contract(ctx, ws.slug, number)  # 404 before reading the form
    form = await _form(request)
    try:
        cmd = _changed(m.ChangeContract, form, _fields(rec, CONTRACT_FIELDS))
        contract_svc.change_contract(ctx, ws.slug, rec.number, cmd, actor=ws.username)
    except ValueError as exc:
        return _contract_form(request, ctx, ws, lang, form, rec, _message(exc, lang))
    return RedirectResponse(f"/records/contracts/{path(rec.number)}", status_code=303)


@router.get("/records/contracts/{number:path}/amend", response_class=HTMLResponse)
def amend_page(
    number: str,
    call: PageCall = Depends(page("edit")),
) -> HTMLResponse:
    request, ctx, ws, lang = call
    rec = contract_svc.get_contract(ctx, ws.slug, number)
    docs = documents(ctx, ws.slug, "amendment", "contract")
    return _page(request, ctx, ws, lang, "records_amend_form.html", rec=rec, docs=docs)


@router.post("/records/contracts/{number:path}/amend", response_class=HTMLResponse)
async def amend_submit(
    number: str,
    call: PageCall = Depends(page("edit")),
) -> Response:
    request, ctx, ws, lang = call
    rec = contract_svc.get_contract(ctx, ws.slug, number)
    form = await _form(request)
    try:
        contract_svc.add_amendment(ctx, ws.slug, rec.number, _new(m.NewAmendment, form), actor=ws.username)
    except ValueError as exc:
        docs = documents(ctx, ws.slug, "amendment", "contract")
        return _page(
            request, ctx, ws, lang, "records_amend_form.html", rec=rec, form=form, error=_message(exc, lang), docs=docs
        )
    return RedirectResponse(f"/records/contracts/{path(rec.number)}#amendments", status_code=303)


@router.post("/records/contracts/{number:path}/archive")
async def archive_submit(
    number: str,
    request: Request,
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(need("edit")),
) -> Response:
    """Hide a contract from the lists, or show it again (it is never deleted from here)."""
    rec = contract_svc.get_contract(ctx, ws.slug, number)
    form = await _form(request)
    contract_svc.archive_contract(ctx, ws.slug, rec.number, actor=ws.username, archived=form.get("archived") == "1")
    return RedirectResponse(f"/records/contracts/{path(rec.number)}", status_code=303)


@router.get("/records/contracts/{number:path}", response_class=HTMLResponse)
def contract_page(
    number: str,
    call: PageCall = Depends(page()),
) -> HTMLResponse:
    request, ctx, ws, lang = call
    rec = contract_svc.get_contract(ctx, ws.slug, number)
    return _page(
        request,
        ctx,
        ws,
        lang,
        "records_contract.html",
        rec=rec,
        orders=order_svc.list_orders(ctx, ws.slug, contract_number=rec.number),
        payments=[p for p in payment_svc.list_payments(ctx, ws.slug) if p.contract == rec.number],
    )
