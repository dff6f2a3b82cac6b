"""Payment pages and forms."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ....services.accounts import Access
from ....services.context import Context
from ....services.records import buyer as buyer_svc
from ....services.records import contracts as contract_svc
from ....services.records import models as m
from ....services.records import orders as order_svc
from ....services.records import payments as payment_svc
from ...deps import PageCall, page, user_zone
from .forms import METHODS, FormFields, _changed, _fields, _form, _message, _new, _page, documents

router = APIRouter(include_in_schema=False)


PAYMENT_FIELDS = ("amount", "currency", "paid_on", "order", "account", "reference", "evidence")


def _payment_form(
    request: Request,
    ctx: Context,
    ws: Access,
    lang: str,
    form: FormFields,
    rec: Any = None,
    error: str | None = None,
    paid_zone: str | None = None,
) -> HTMLResponse:
    return _page(
        request,
        ctx,
        ws,
        lang,
        "records_payment_form.html",
        form=form,
        rec=rec,
        error=error,
        orders=order_svc.list_orders(ctx, ws.slug),
        methods=METHODS,
        docs=documents(ctx, ws.slug, "payment_proof", "invoice"),
        paid_zone=paid_zone,
    )


@router.get("/records/payments/new", response_class=HTMLResponse)
def new_payment_page(
    supplier: str = "",
    order: str = "",
    contract: str = "",
    call: PageCall = Depends(page("edit")),
) -> HTMLResponse:
    request, ctx, ws, lang = call
    form = {"supplier": supplier, "order": order}
    # the order's currency, else (the link on a contract's page) the contract's, else the supplier's
    # contracts' when they agree on one
    rec = _found(order_svc.get_order, ctx, ws.slug, order) or _found(contract_svc.get_contract, ctx, ws.slug, contract)
    if rec is not None:
        form["supplier"] = rec.supplier or supplier
        form["contract"] = contract if rec.number == contract else ""  # the contract it was opened for
        currencies = [rec.currency]
    else:
        listed = _found(contract_svc.list_contracts, ctx, ws.slug, supplier_key=supplier) if supplier else None
        currencies = sorted({c.currency for c in listed or []})
    if len(currencies) == 1 and currencies[0]:
        form["currency"] = currencies[0]
    # today in the buyer's zone (the company's, else the viewer's): the day a payment just made was paid on
    zone = _buyer_zone(ctx, ws.slug) or user_zone(request)
    form["paid_on"] = ctx.clock().astimezone(zone).date().isoformat()
    return _payment_form(request, ctx, ws, lang, form, paid_zone=zone.key)


def _found(get: Any, *args: Any, **kw: Any) -> Any:
    """A record by its number (None when none was asked for or none is so numbered)."""
    try:
        return get(*args, **kw) if args[-1] or kw else None
    except LookupError:
        return None


def _buyer_zone(ctx: Context, workspace: str) -> ZoneInfo | None:
    buyer = buyer_svc.get_buyer(ctx, workspace)
    try:
        return ZoneInfo(buyer.timezone) if buyer and buyer.timezone else None
    except (ValueError, ZoneInfoNotFoundError):
        return None


@router.post("/records/payments/new", response_class=HTMLResponse)
async def new_payment_submit(
    call: PageCall = Depends(page("edit")),
) -> Response:
    request, ctx, ws, lang = call
    form = await _form(request)
    try:
        rec = payment_svc.add_payment(ctx, ws.slug, _new(m.NewPayment, form), actor=ws.username)
    except ValueError as exc:
        return _payment_form(request, ctx, ws, lang, form, error=_message(exc, lang))
    return RedirectResponse(f"/records/payments/{rec.number}", status_code=303)


@router.get("/records/payments/{number}/edit", response_class=HTMLResponse)
def edit_payment_page(
    number: str,
    call: PageCall = Depends(page("edit")),
) -> HTMLResponse:
    request, ctx, ws, lang = call
    rec = payment_svc.get_payment(ctx, ws.slug, number)
    return _payment_form(request, ctx, ws, lang, _fields(rec, PAYMENT_FIELDS), rec)


@router.post("/records/payments/{number}/edit", response_class=HTMLResponse)
async def edit_payment_submit(
    number: str,
    call: PageCall = Depends(page("edit")),
) -> Response:
    request, ctx, ws, lang = call
    rec = payment_svc.get_payment(ctx, ws.slug, number)
    form = await _form(request)
    try:
        cmd = _changed(m.ChangePayment, form, _fields(rec, PAYMENT_FIELDS))
        payment_svc.change_payment(ctx, ws.slug, rec.number, cmd, actor=ws.username)
    except ValueError as exc:
        return _payment_form(request, ctx, ws, lang, form, rec, _message(exc, lang))
    return RedirectResponse(f"/records/payments/{rec.number}", status_code=303)


@router.get("/records/payments/{number}", response_class=HTMLResponse)
def payment_page(
    number: str,
    call: PageCall = Depends(page()),
) -> HTMLResponse:
    request, ctx, ws, lang = call
    rec = payment_svc.get_payment(ctx, ws.slug, number)
    return _page(request, ctx, ws, lang, "records_payment.html", rec=rec)
