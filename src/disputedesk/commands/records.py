"""``disputedesk buyer|contract|order|payment``: the dispute's own records, created and corrected
from the command line with the same typed commands as the API and the pages.

disputedesk buyer set --name "Acme GmbH" --email-domains acme.de --tz Europe/Berlin --country DE
disputedesk contract add RF-2025-118 --supplier ruifeng --signed-on 2025-03-10 --currency EUR --value 120000 \\
    --warranty-months 12 --warranty-start acceptance --inspection-days 30 --evidence E-0001
disputedesk contract amend RF-2025-118 --effective-on 2025-09-01 --evidence E-0009 --summary "…" [--unilateral]
disputedesk contract list|show NUMBER|edit NUMBER --title …
disputedesk order add PO-1 --contract RF-2025-118 --currency EUR --amount 120000 --ordered-on … \\
    --delivered-on … --accepted-on … --item "LX-3000 SN-2041" --evidence E-0004
disputedesk payment add --supplier ruifeng --amount 36000 --currency EUR --paid-on 2025-03-15 --order PO-1 \\
    --account DE89370400440532013000 --evidence E-0005

Each prints one line (``--json``: what the API returns); bad input exits 2 with one line naming
the field.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, TypeVar

import typer
from pydantic import BaseModel, ValidationError

from ..services.context import default_actor
from ..store.db import DatabaseError
from .contract import contract_app
from .core import WorkspaceOpt, fail, open_context, out, refused, ws_or_default

buyer_app = typer.Typer(help="The buyer: your own company (name, mail domains, time zone).", no_args_is_help=True)
order_app = typer.Typer(help="Orders under a contract, with delivery, acceptance and machines.", no_args_is_help=True)
payment_app = typer.Typer(help="Payments to suppliers (amount, account paid into, proof).", no_args_is_help=True)
JsonOpt = typer.Option(False, "--json", help="Print what the API returns.")
EvidenceOpt = typer.Option(None, "--evidence", help="Evidence number (E-0001); repeat for several.")
M = TypeVar("M", bound=BaseModel)


def _model(cls: type[M], _exact: dict[str, Any] | None = None, **values: Any) -> M:
    """The command from the options given (None: not given); ``_exact`` as it is (a None there
    clears the field)."""
    from ..services.records.errors import FieldError, from_validation

    try:
        return cls(**(_exact if _exact is not None else {k: v for k, v in values.items() if v is not None}))
    except ValidationError as exc:
        raise refused(from_validation(exc), labels=True) from None
    except FieldError as exc:
        raise refused(exc, labels=True) from None


def _run(fn: Callable[..., Any], *args: Any, **kw: Any) -> Any:
    try:
        return fn(*args, **kw)
    except (ValueError, LookupError) as exc:
        # in the chosen language(s), the field by its label, dates as the pages write them
        raise refused(exc, labels=True) from None
    except DatabaseError as exc:
        raise fail(str(exc)) from None


def _ctx(workspace: str | None) -> tuple[Any, str]:
    ctx = open_context()
    return ctx, ws_or_default(ctx, workspace)


def _emit(rec: Any, as_json: bool, line: str) -> None:
    if as_json:
        typer.echo(json.dumps(rec.model_dump(mode="json") if rec is not None else None, ensure_ascii=False, indent=2))
    else:
        out.print(line, highlight=False)


def _split(value: str | None) -> list[str] | None:
    return None if value is None else [x.strip() for x in value.split(",") if x.strip()]


# -- buyer ---------------------------------------------------------------------------------------


@buyer_app.command("set")
def buyer_set(
    name: str = typer.Option(None, "--name", help="Legal name (required the first time)."),
    name_zh: str = typer.Option(None, "--name-zh"),
    email_domains: str = typer.Option(None, "--email-domains", help="Your mail domains, e.g. acme.de,acme.com"),
    tz: str = typer.Option(None, "--tz", help="Your office's time zone, e.g. Europe/Berlin"),
    country: str = typer.Option(None, "--country", help="Two-letter country code, e.g. DE"),
    address: str = typer.Option(None, "--address"),
    vat_id: str = typer.Option(None, "--vat-id", help="VAT identification number"),
    bank: str = typer.Option(None, "--bank", help="Your bank's name (shown on your letters)"),
    iban: str = typer.Option(None, "--iban", help="Your IBAN or account number"),
    bic: str = typer.Option(None, "--bic", help="Your bank's BIC / SWIFT code"),
    workspace: str = WorkspaceOpt,
    as_json: bool = JsonOpt,
) -> None:
    """Set your company (one per workspace) or change the fields given."""
    from ..services.records import buyer
    from ..services.records.models import SetBuyer

    cmd = _model(
        SetBuyer,
        name=name,
        name_zh=name_zh,
        email_domains=_split(email_domains),
        timezone=tz,
        country=country,
        address=address,
        vat_id=vat_id,
        bank_account=_bank_account(buyer, workspace, bank, iban, bic),
    )
    ctx, ws = _ctx(workspace)
    rec = _run(buyer.set_buyer, ctx, ws, cmd, actor=default_actor())
    _emit(
        rec,
        as_json,
        f"buyer: {rec.name} · {', '.join(rec.email_domains) or 'no mail domains'} · {rec.timezone or 'no time zone'}",
    )


def _bank_account(buyer: Any, workspace: str | None, bank: str | None, iban: str | None, bic: str | None) -> Any:
    """The bank account with the parts given changed (the others kept as recorded); None when no
    part is given."""
    if bank is None and iban is None and bic is None:
        return None
    ctx, ws = _ctx(workspace)
    rec = _run(buyer.get_buyer, ctx, ws)
    old = rec.bank_account.model_dump() if rec and rec.bank_account else {}
    given = {"bank": bank, "iban": iban, "bic": bic}
    return {k: v for k, v in {**old, **{k: v for k, v in given.items() if v is not None}}.items() if v}


@buyer_app.command("show")
def buyer_show(workspace: str = WorkspaceOpt, as_json: bool = JsonOpt) -> None:
    """Show your company as recorded."""
    from ..services.records import buyer

    ctx, ws = _ctx(workspace)
    rec = _run(buyer.get_buyer, ctx, ws)
    if rec is None and not as_json:
        raise fail("no buyer yet: disputedesk buyer set --name NAME …", code=1)
    _emit(rec, as_json, f"{rec.name if rec else ''} · {', '.join(rec.email_domains) if rec else ''}")


# -- contracts -----------------------------------------------------------------------------------


def _contract_line(rec: Any) -> str:
    value = f" · {rec.currency} {rec.value:,}" if rec.value is not None else ""
    ev = f" · {', '.join(rec.evidence)}" if rec.evidence else ""
    return f"{rec.number} · {rec.supplier} · signed {rec.signed_on}{value}{ev}"


@contract_app.command("add")
def contract_add(
    number: str = typer.Argument(..., help="The contract's number."),
    supplier: str = typer.Option(..., "--supplier", help="Supplier key."),
    signed_on: str = typer.Option(..., "--signed-on", help="YYYY-MM-DD"),
    title: str = typer.Option(None, "--title"),
    currency: str = typer.Option(None, "--currency"),
    value: str = typer.Option(None, "--value", help="Total value, e.g. 120000.00"),
    warranty_months: int = typer.Option(None, "--warranty-months"),
    warranty_start: str = typer.Option(None, "--warranty-start", help="delivery, acceptance, installation or signing"),
    inspection_days: int = typer.Option(None, "--inspection-days"),
    governing_law: str = typer.Option(None, "--governing-law"),
    dispute_clause: str = typer.Option(None, "--dispute-clause"),
    evidence: list[str] = EvidenceOpt,
    workspace: str = WorkspaceOpt,
    as_json: bool = JsonOpt,
) -> None:
    """Add a contract record (the signed contract's evidence item first, then annexes)."""
    from ..services.records import contracts
    from ..services.records.models import NewContract

    cmd = _model(
        NewContract,
        number=number,
        supplier=supplier,
        signed_on=signed_on,
        title=title,
        currency=currency,
        value=value,
        warranty_months=warranty_months,
        warranty_start=warranty_start,
        inspection_days=inspection_days,
        governing_law=governing_law,
        dispute_clause=dispute_clause,
        evidence=evidence or None,
    )
    ctx, ws = _ctx(workspace)
    rec = _run(contracts.add_contract, ctx, ws, cmd, actor=default_actor())
    _emit(rec, as_json, "added: " + _contract_line(rec))


@contract_app.command("edit")
def contract_edit(
    number: str = typer.Argument(...),
    supplier: str = typer.Option(None, "--supplier"),
    signed_on: str = typer.Option(None, "--signed-on"),
    title: str = typer.Option(None, "--title"),
    currency: str = typer.Option(None, "--currency"),
    value: str = typer.Option(None, "--value"),
    warranty_months: int = typer.Option(None, "--warranty-months"),
    warranty_start: str = typer.Option(None, "--warranty-start"),
    inspection_days: int = typer.Option(None, "--inspection-days"),
    governing_law: str = typer.Option(None, "--governing-law"),
    dispute_clause: str = typer.Option(None, "--dispute-clause"),
    evidence: list[str] = EvidenceOpt,
    workspace: str = WorkspaceOpt,
    as_json: bool = JsonOpt,
) -> None:
    """Correct a contract: the options given change, each change kept with the old value."""
    from ..services.records import contracts
    from ..services.records.models import ChangeContract

    cmd = _model(
        ChangeContract,
        supplier=supplier,
        signed_on=signed_on,
        title=title,
        currency=currency,
        value=value,
        warranty_months=warranty_months,
        warranty_start=warranty_start,
        inspection_days=inspection_days,
        governing_law=governing_law,
        dispute_clause=dispute_clause,
        evidence=evidence or None,
    )
    ctx, ws = _ctx(workspace)
    rec = _run(contracts.change_contract, ctx, ws, number, cmd, actor=default_actor())
    _emit(rec, as_json, "changed: " + _contract_line(rec))


@contract_app.command("amend")
def contract_amend(
    number: str = typer.Argument(..., help="The contract amended."),
    effective_on: str = typer.Option(..., "--effective-on", help="YYYY-MM-DD"),
    summary: str = typer.Option(..., "--summary", help="What changed."),
    evidence: list[str] = EvidenceOpt,
    agreed_by: str = typer.Option(None, "--agreed-by", help="Who agreed (signatories)."),
    unilateral: bool = typer.Option(False, "--unilateral", help="Changed by the supplier alone, not agreed."),
    amendment_number: str = typer.Option(None, "--number", help="Default: NUMBER-A1, -A2 …"),
    workspace: str = WorkspaceOpt,
    as_json: bool = JsonOpt,
) -> None:
    """Record an amendment to a contract (agreed, or unilateral by the supplier)."""
    from ..services.records import contracts
    from ..services.records.models import NewAmendment

    cmd = _model(
        NewAmendment,
        effective_on=effective_on,
        summary=summary,
        evidence=evidence or None,
        agreed_by=agreed_by,
        unilateral=unilateral,
        number=amendment_number,
    )
    ctx, ws = _ctx(workspace)
    rec = _run(contracts.add_amendment, ctx, ws, number, cmd, actor=default_actor())
    a = rec.amendments[-1]
    how = "unilateral change by the supplier (not agreed)" if a.unilateral else f"agreed by {a.agreed_by or '—'}"
    _emit(rec, as_json, f"{a.number}: effective {a.effective_on} · {how} · {', '.join(a.evidence) or 'no evidence'}")


@contract_app.command("amend-edit")
def contract_amend_edit(
    number: str = typer.Argument(..., help="The contract amended."),
    amendment: str = typer.Argument(..., help="The amendment's number, e.g. RF-2025-118-A1."),
    effective_on: str = typer.Option(None, "--effective-on", help="YYYY-MM-DD"),
    summary: str = typer.Option(None, "--summary"),
    evidence: list[str] = EvidenceOpt,
    agreed_by: str = typer.Option(None, "--agreed-by", help="Who agreed ('' clears it)."),
    unilateral: bool = typer.Option(
        None, "--unilateral/--agreed", help="Made by the supplier alone (clears who agreed), or agreed."
    ),
    workspace: str = WorkspaceOpt,
    as_json: bool = JsonOpt,
) -> None:
    """Correct an amendment: the options given change, each change kept with the old value
    (amendments are never deleted)."""
    from ..services.records import contracts
    from ..services.records.models import ChangeAmendment

    given = {"effective_on": effective_on, "summary": summary, "evidence": evidence or None, "unilateral": unilateral}
    values: dict[str, Any] = {k: v for k, v in given.items() if v is not None}
    if agreed_by is not None:
        values["agreed_by"] = agreed_by or None  # '' clears it
    cmd = _model(ChangeAmendment, _exact=values)
    ctx, ws = _ctx(workspace)
    rec = _run(contracts.change_amendment, ctx, ws, number, amendment, cmd, actor=default_actor())
    a = next(x for x in rec.amendments if x.number == amendment)
    how = "unilateral change by the supplier (not agreed)" if a.unilateral else f"agreed by {a.agreed_by or '—'}"
    _emit(rec, as_json, f"{a.number}: effective {a.effective_on} · {how} · {', '.join(a.evidence) or 'no evidence'}")


@contract_app.command("list")
def contract_list(
    supplier: str = typer.Option(None, "--supplier"),
    archived: bool = typer.Option(False, "--archived", help="Include archived contracts."),
    workspace: str = WorkspaceOpt,
    as_json: bool = JsonOpt,
) -> None:
    """Contracts recorded in the workspace."""
    from ..services.records import contracts

    ctx, ws = _ctx(workspace)
    rows = _run(contracts.list_contracts, ctx, ws, supplier_key=supplier, archived=archived)
    if as_json:
        typer.echo(json.dumps([r.model_dump(mode="json") for r in rows], ensure_ascii=False, indent=2))
        return
    if not rows:
        out.print("no contracts yet: disputedesk contract add NUMBER --supplier KEY --signed-on DATE", highlight=False)
    for r in rows:
        out.print(_contract_line(r), highlight=False)


@contract_app.command("show")
def contract_show(number: str = typer.Argument(...), workspace: str = WorkspaceOpt, as_json: bool = JsonOpt) -> None:
    """A contract with its amendments, orders and history."""
    from ..services.records import contracts

    ctx, ws = _ctx(workspace)
    rec = _run(contracts.get_contract, ctx, ws, number)
    if as_json:
        _emit(rec, True, "")
        return
    out.print(_contract_line(rec), highlight=False)
    for label, v in (
        ("title", rec.title),
        ("governing law", rec.governing_law),
        ("dispute clause", rec.dispute_clause),
        (
            "warranty",
            f"{rec.warranty_months} months from {rec.warranty_start or '?'}"
            if rec.warranty_months is not None
            else None,
        ),
        ("inspection", f"{rec.inspection_days} days" if rec.inspection_days is not None else None),
        ("orders", ", ".join(rec.orders) or None),
    ):
        if v:
            out.print(f"  {label}: {v}", highlight=False)
    for a in rec.amendments:
        how = "UNILATERAL (not agreed)" if a.unilateral else f"agreed by {a.agreed_by or '—'}"
        out.print(f"  amendment {a.number}, effective {a.effective_on}: {a.summary} · {how}", highlight=False)


# -- orders --------------------------------------------------------------------------------------


def _order_line(rec: Any) -> str:
    parts = [f"{rec.number} · contract {rec.contract} · {rec.currency} {rec.amount:,}"]
    if rec.ordered_on:
        parts.append(f"ordered {rec.ordered_on}")
    if rec.delivered_on:
        parts.append(f"delivered {rec.delivered_on}")
    if rec.accepted_on:
        parts.append(f"accepted {rec.accepted_on}")
    if rec.items:
        parts.append(", ".join(f"{i.model} {i.serial}" for i in rec.items))
    return " · ".join(parts)


@order_app.command("add")
def order_add(
    number: str = typer.Argument(...),
    contract: str = typer.Option(..., "--contract", help="Contract number."),
    currency: str = typer.Option(..., "--currency"),
    amount: str = typer.Option(..., "--amount", help="Order value, e.g. 120000.00"),
    ordered_on: str = typer.Option(None, "--ordered-on"),
    delivered_on: str = typer.Option(None, "--delivered-on"),
    accepted_on: str = typer.Option(None, "--accepted-on"),
    item: list[str] = typer.Option(None, "--item", help='"MODEL SERIAL" of a machine delivered; repeat.'),
    evidence: list[str] = EvidenceOpt,
    delivery_note: str = typer.Option(None, "--delivery-note", help="The delivery note (E-…)."),
    acceptance_evidence: list[str] = typer.Option(None, "--acceptance-evidence", help="The acceptance report (E-…)."),
    workspace: str = WorkspaceOpt,
    as_json: bool = JsonOpt,
) -> None:
    """Add an order with its delivery and acceptance (the dates the legal deadlines run from)."""
    from ..services.records import orders
    from ..services.records.models import NewOrder

    cmd = _model(
        NewOrder,
        number=number,
        contract=contract,
        currency=currency,
        amount=amount,
        ordered_on=ordered_on,
        delivered_on=delivered_on,
        accepted_on=accepted_on,
        items=item or None,
        evidence=evidence or None,
        delivery_note=delivery_note,
        acceptance_evidence=acceptance_evidence or None,
    )
    ctx, ws = _ctx(workspace)
    rec = _run(orders.add_order, ctx, ws, cmd, actor=default_actor())
    _emit(rec, as_json, "added: " + _order_line(rec))


@order_app.command("edit")
def order_edit(
    number: str = typer.Argument(...),
    contract: str = typer.Option(None, "--contract"),
    currency: str = typer.Option(None, "--currency"),
    amount: str = typer.Option(None, "--amount"),
    ordered_on: str = typer.Option(None, "--ordered-on"),
    delivered_on: str = typer.Option(None, "--delivered-on"),
    accepted_on: str = typer.Option(None, "--accepted-on"),
    item: list[str] = typer.Option(None, "--item"),
    evidence: list[str] = EvidenceOpt,
    delivery_note: str = typer.Option(None, "--delivery-note"),
    acceptance_evidence: list[str] = typer.Option(None, "--acceptance-evidence"),
    workspace: str = WorkspaceOpt,
    as_json: bool = JsonOpt,
) -> None:
    """Correct an order or record its delivery and acceptance later."""
    from ..services.records import orders
    from ..services.records.models import ChangeOrder

    cmd = _model(
        ChangeOrder,
        contract=contract,
        currency=currency,
        amount=amount,
        ordered_on=ordered_on,
        delivered_on=delivered_on,
        accepted_on=accepted_on,
        items=item or None,
        evidence=evidence or None,
        delivery_note=delivery_note,
        acceptance_evidence=acceptance_evidence or None,
    )
    ctx, ws = _ctx(workspace)
    rec = _run(orders.change_order, ctx, ws, number, cmd, actor=default_actor())
    _emit(rec, as_json, "changed: " + _order_line(rec))


@order_app.command("list")
def order_list(
    contract: str = typer.Option(None, "--contract"), workspace: str = WorkspaceOpt, as_json: bool = JsonOpt
) -> None:
    """Orders with their delivery and machines."""
    from ..services.records import orders

    ctx, ws = _ctx(workspace)
    rows = _run(orders.list_orders, ctx, ws, contract_number=contract)
    if as_json:
        typer.echo(json.dumps([r.model_dump(mode="json") for r in rows], ensure_ascii=False, indent=2))
        return
    for r in rows:
        out.print(_order_line(r), highlight=False)


@order_app.command("show")
def order_show(number: str = typer.Argument(...), workspace: str = WorkspaceOpt, as_json: bool = JsonOpt) -> None:
    from ..services.records import orders

    ctx, ws = _ctx(workspace)
    rec = _run(orders.get_order, ctx, ws, number)
    _emit(rec, as_json, _order_line(rec))


# -- payments ------------------------------------------------------------------------------------


def _payment_line(rec: Any) -> str:
    parts = [f"{rec.number} · {rec.supplier} · {rec.currency} {rec.amount:,} · paid {rec.paid_on}"]
    if rec.order:
        parts.append(f"order {rec.order}")
    if rec.account:
        parts.append(f"into {rec.account}")
    if rec.evidence:
        parts.append(", ".join(rec.evidence))
    return " · ".join(parts)


@payment_app.command("add")
def payment_add(
    supplier: str = typer.Option(..., "--supplier"),
    amount: str = typer.Option(..., "--amount", help="e.g. 36000.00"),
    currency: str = typer.Option(..., "--currency"),
    paid_on: str = typer.Option(..., "--paid-on", help="YYYY-MM-DD"),
    order: str = typer.Option(None, "--order"),
    contract: str = typer.Option(None, "--contract"),
    account: str = typer.Option(None, "--account", help="Beneficiary account paid into (IBAN / account number)."),
    method: str = typer.Option(None, "--method", help="T/T (default), L/C, D/P, card, platform, other"),
    reference: str = typer.Option(None, "--reference"),
    evidence: list[str] = EvidenceOpt,
    workspace: str = WorkspaceOpt,
    as_json: bool = JsonOpt,
) -> None:
    """Record a payment to a supplier."""
    from ..services.records import payments
    from ..services.records.models import NewPayment

    cmd = _model(
        NewPayment,
        supplier=supplier,
        amount=amount,
        currency=currency,
        paid_on=paid_on,
        order=order,
        contract=contract,
        account=account,
        method=method,
        reference=reference,
        evidence=evidence or None,
    )
    ctx, ws = _ctx(workspace)
    rec = _run(payments.add_payment, ctx, ws, cmd, actor=default_actor())
    _emit(rec, as_json, "recorded: " + _payment_line(rec))


@payment_app.command("list")
def payment_list(
    supplier: str = typer.Option(None, "--supplier"), workspace: str = WorkspaceOpt, as_json: bool = JsonOpt
) -> None:
    """Payments in the order recorded."""
    from ..services.records import payments

    ctx, ws = _ctx(workspace)
    rows = _run(payments.list_payments, ctx, ws, supplier_key=supplier)
    if as_json:
        typer.echo(json.dumps([r.model_dump(mode="json") for r in rows], ensure_ascii=False, indent=2))
        return
    for r in rows:
        out.print(_payment_line(r), highlight=False)


@payment_app.command("show")
def payment_show(number: str = typer.Argument(...), workspace: str = WorkspaceOpt, as_json: bool = JsonOpt) -> None:
    from ..services.records import payments

    ctx, ws = _ctx(workspace)
    rec = _run(payments.get_payment, ctx, ws, number)
    _emit(rec, as_json, _payment_line(rec))


def register(app: typer.Typer) -> None:
    app.add_typer(buyer_app, name="buyer")
    app.add_typer(order_app, name="order")
    app.add_typer(payment_app, name="payment")
