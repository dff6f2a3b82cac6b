"""The list of the dispute's own records: buyer, contracts, orders, payments."""

from __future__ import annotations

from fastapi import APIRouter, Depends
from fastapi.responses import HTMLResponse

from ....services.records import buyer as buyer_svc
from ....services.records import contracts as contract_svc
from ....services.records import orders as order_svc
from ....services.records import payments as payment_svc
from ...deps import PageCall, page
from .forms import _page

router = APIRouter(include_in_schema=False)


@router.get("/records", response_class=HTMLResponse)
@router.get("/records/contracts", response_class=HTMLResponse)
def records_page(
    archived: bool = False,
    call: PageCall = Depends(page()),
) -> HTMLResponse:
    request, ctx, ws, lang = call
    return _page(
        request,
        ctx,
        ws,
        lang,
        "records_list.html",
        buyer=buyer_svc.get_buyer(ctx, ws.slug),
        contracts=contract_svc.list_contracts(ctx, ws.slug, archived=archived),
        orders=order_svc.list_orders(ctx, ws.slug),
        payments=payment_svc.list_payments(ctx, ws.slug),
        archived=archived,
    )
