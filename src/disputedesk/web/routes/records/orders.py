"""Order pages and forms, with the delivery and its machines."""

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
from ...deps import PageCall, page
from .forms import FormFields, _changed, _fields, _form, _message, _new, _page, documents, path

router = APIRouter(include_in_schema=False)


ORDER_FIELDS = (
    "contract",
    "currency",
    "amount",
    "ordered_on",
    "delivered_on",
    "accepted_on",
    "items",
    "evidence",
    "acceptance_evidence",
)


def _order_form(
    request: Request, ctx: Context, ws: Access, lang: str, form: FormFields, rec: Any = None, error: str | None = None
) -> HTMLResponse:
    docs = documents(ctx, ws.slug, "delivery_note", "invoice", "other")
    return _page(request, ctx, ws, lang, "records_order_form.html", form=form, rec=rec, error=error, docs=docs)


@router.get("/records/orders/new", response_class=HTMLResponse)
def new_order_page(
    contract: str = "",
    call: PageCall = Depends(page("edit")),
) -> HTMLResponse:
    request, ctx, ws, lang = call
    form = {"contract": contract}
    if contract:
        try:
            form["currency"] = contract_svc.get_contract(ctx, ws.slug, contract).currency or ""
        except LookupError:
            pass
    return _order_form(request, ctx, ws, lang, form)


@router.post("/records/orders/new", response_class=HTMLResponse)
async def new_order_submit(
    call: PageCall = Depends(page("edit")),
) -> Response:
    request, ctx, ws, lang = call
    form = await _form(request)
    try:
        rec = order_svc.add_order(ctx, ws.slug, _new(m.NewOrder, form), actor=ws.username)
    except ValueError as exc:
        return _order_form(request, ctx, ws, lang, form, error=_message(exc, lang))
    return RedirectResponse(f"/records/orders/{path(rec.number)}", status_code=303)


@router.get("/records/orders/{number:path}/edit", response_class=HTMLResponse)
def edit_order_page(
    number: str,
    call: PageCall = Depends(page("edit")),
) -> HTMLResponse:
    request, ctx, ws, lang = call
    rec = order_svc.get_order(ctx, ws.slug, number)
    return _order_form(request, ctx, ws, lang, _fields(rec, ORDER_FIELDS), rec)


@router.post("/records/orders/{number:path}/edit", response_class=HTMLResponse)
async def edit_order_submit(
    number: str,
    call: PageCall = Depends(page("edit")),
) -> Response:
    request, ctx, ws, lang = call
    rec = order_svc.get_order(ctx, ws.slug, number)
    form = await _form(request)
    try:
        cmd = _changed(m.ChangeOrder, form, _fields(rec, ORDER_FIELDS))
        order_svc.change_order(ctx, ws.slug, rec.number, cmd, actor=ws.username)
    except ValueError as exc:
        return _order_form(request, ctx, ws, lang, form, rec, _message(exc, lang))
    return RedirectResponse(f"/records/orders/{path(rec.number)}", status_code=303)


@router.get("/records/orders/{number:path}", response_class=HTMLResponse)
def order_page(
    number: str,
    call: PageCall = Depends(page()),
) -> HTMLResponse:
    request, ctx, ws, lang = call
    rec = order_svc.get_order(ctx, ws.slug, number)
    paid = [p for p in payment_svc.list_payments(ctx, ws.slug) if p.order == rec.number]
    return _page(request, ctx, ws, lang, "records_order.html", rec=rec, payments=paid)
