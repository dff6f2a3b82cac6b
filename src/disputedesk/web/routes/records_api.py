"""JSON API for the dispute's own records: the buyer, contracts and amendments, orders with their
delivery, payments. Typed bodies and answers (the OpenAPI document shows every field); bad input
is a 422 naming the field, an unknown record a 404, a viewer's write a 403.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends
from fastapi.responses import Response

from ...services.accounts import Access
from ...services.context import Context
from ...services.records import buyer, contracts, orders, payments
from ...services.records import models as m
from ...services.records.errors import FieldError
from ..deps import current_workspace, get_ctx, need

router = APIRouter(tags=["records"])


@router.get("/api/buyer")
def api_buyer(ctx: Context = Depends(get_ctx), ws: Access = Depends(current_workspace)) -> m.BuyerRecord | None:
    """The buyer (own company), or null while it is not set."""
    return buyer.get_buyer(ctx, ws.slug)


@router.put("/api/buyer")
def api_set_buyer(
    body: m.SetBuyer, ctx: Context = Depends(get_ctx), ws: Access = Depends(need("edit"))
) -> m.BuyerRecord:
    """Set the buyer, or change the fields given (each change kept with the old value)."""
    return buyer.set_buyer(ctx, ws.slug, body, actor=ws.username)


@router.patch("/api/buyer", include_in_schema=False)
def api_patch_buyer(
    body: m.SetBuyer, ctx: Context = Depends(get_ctx), ws: Access = Depends(need("edit"))
) -> m.BuyerRecord:
    return buyer.set_buyer(ctx, ws.slug, body, actor=ws.username)


@router.get("/api/contracts")
def api_contracts(
    supplier: str | None = None,
    archived: bool = False,
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(current_workspace),
) -> list[m.ContractRecord]:
    """Contracts (without the archived ones unless asked), oldest first."""
    return contracts.list_contracts(ctx, ws.slug, supplier_key=supplier, archived=archived)


@router.post("/api/contracts", status_code=201)
def api_add_contract(
    body: m.NewContract, ctx: Context = Depends(get_ctx), ws: Access = Depends(need("edit"))
) -> m.ContractRecord:
    """Add a contract with a supplier, linked to its evidence items."""
    return contracts.add_contract(ctx, ws.slug, body, actor=ws.username)


# A contract number may contain "/" (HT-2025/07, common on Chinese contracts): the routes take the
# rest of the path, and the ones with a suffix are registered first.
@router.get("/api/contracts/{number:path}/amendments/{amendment:path}")
def api_amendment(
    number: str, amendment: str, ctx: Context = Depends(get_ctx), ws: Access = Depends(current_workspace)
) -> m.AmendmentRecord:
    """One amendment of a contract."""
    return contracts.get_amendment(ctx, ws.slug, number, amendment)


@router.patch("/api/contracts/{number:path}/amendments/{amendment:path}")
def api_change_amendment(
    number: str,
    amendment: str,
    body: m.ChangeAmendment,
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(need("edit")),
) -> m.ContractRecord:
    """Correct an amendment (date, summary, evidence, who agreed, unilateral); each change is kept
    with the old value. Amendments are not deleted."""
    return contracts.change_amendment(ctx, ws.slug, number, amendment, body, actor=ws.username)


@router.delete("/api/contracts/{number:path}/amendments/{amendment:path}", include_in_schema=False)
def api_delete_amendment(
    number: str, amendment: str, ctx: Context = Depends(get_ctx), ws: Access = Depends(need("edit"))
) -> None:
    """Refused with the reason (an unknown amendment: 404)."""
    a = contracts.get_amendment(ctx, ws.slug, number, amendment)
    raise FieldError(
        "amendment",
        "{amendment} is not deleted: correct it, or record a later amendment that reverses it",
        amendment=a.number,
    )


@router.post("/api/contracts/{number:path}/amendments", status_code=201)
def api_amend(
    number: str, body: m.NewAmendment, ctx: Context = Depends(get_ctx), ws: Access = Depends(need("edit"))
) -> m.ContractRecord:
    """Record an amendment: agreed (who agreed) or made by the supplier alone (unilateral)."""
    return contracts.add_amendment(ctx, ws.slug, number, body, actor=ws.username)


@router.get("/api/contracts/{number:path}")
def api_contract(
    number: str, ctx: Context = Depends(get_ctx), ws: Access = Depends(current_workspace)
) -> m.ContractRecord:
    """A contract with its amendments, orders and history."""
    return contracts.get_contract(ctx, ws.slug, number)


@router.patch("/api/contracts/{number:path}")
def api_change_contract(
    number: str, body: m.ChangeContract, ctx: Context = Depends(get_ctx), ws: Access = Depends(need("edit"))
) -> m.ContractRecord:
    """Correct a contract (only the fields given change; each change kept with the old value)."""
    return contracts.change_contract(ctx, ws.slug, number, body, actor=ws.username)


@router.delete("/api/contracts/{number:path}", status_code=204)
def api_delete_contract(number: str, ctx: Context = Depends(get_ctx), ws: Access = Depends(need("edit"))) -> Response:
    """Delete a contract recorded by mistake; refused (422, with the reason) while anything points to it."""
    contracts.delete_contract(ctx, ws.slug, number, actor=ws.username)
    return Response(status_code=204)


@router.get("/api/orders")
def api_orders(
    contract: str | None = None, ctx: Context = Depends(get_ctx), ws: Access = Depends(current_workspace)
) -> list[m.OrderRecord]:
    """Orders with their delivery, acceptance and machines."""
    return orders.list_orders(ctx, ws.slug, contract_number=contract)


@router.post("/api/orders", status_code=201)
def api_add_order(
    body: m.NewOrder, ctx: Context = Depends(get_ctx), ws: Access = Depends(need("edit"))
) -> m.OrderRecord:
    """Add an order under a contract, with its delivery and acceptance if known."""
    return orders.add_order(ctx, ws.slug, body, actor=ws.username)


@router.get("/api/orders/{number:path}")
def api_order(number: str, ctx: Context = Depends(get_ctx), ws: Access = Depends(current_workspace)) -> m.OrderRecord:
    return orders.get_order(ctx, ws.slug, number)


@router.patch("/api/orders/{number:path}")
def api_change_order(
    number: str, body: m.ChangeOrder, ctx: Context = Depends(get_ctx), ws: Access = Depends(need("edit"))
) -> m.OrderRecord:
    """Correct an order or record its delivery and acceptance later."""
    return orders.change_order(ctx, ws.slug, number, body, actor=ws.username)


@router.get("/api/payments")
def api_payments(
    supplier: str | None = None, ctx: Context = Depends(get_ctx), ws: Access = Depends(current_workspace)
) -> list[m.PaymentRecord]:
    """Payments, in the order recorded (P-1, P-2 …)."""
    return payments.list_payments(ctx, ws.slug, supplier_key=supplier)


@router.post("/api/payments", status_code=201)
def api_add_payment(
    body: m.NewPayment, ctx: Context = Depends(get_ctx), ws: Access = Depends(need("edit"))
) -> m.PaymentRecord:
    """Record a payment to a supplier (the account paid into feeds the payment-fraud check)."""
    return payments.add_payment(ctx, ws.slug, body, actor=ws.username)


@router.get("/api/payments/{number}")
def api_payment(
    number: str, ctx: Context = Depends(get_ctx), ws: Access = Depends(current_workspace)
) -> m.PaymentRecord:
    return payments.get_payment(ctx, ws.slug, number)


@router.patch("/api/payments/{number}")
def api_change_payment(
    number: str, body: m.ChangePayment, ctx: Context = Depends(get_ctx), ws: Access = Depends(need("edit"))
) -> m.PaymentRecord:
    """Correct a payment (each change kept with the old value)."""
    return payments.change_payment(ctx, ws.slug, number, body, actor=ws.username)
