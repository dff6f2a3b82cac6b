"""Pages of the dispute's own records: the buyer (own company), contracts with their amendments,
orders with their delivery and machines, payments; and the first steps of an empty workspace on
the dashboard.

The forms build the same typed commands as the JSON API (``services/records/models.py``); bad
input is the form again with what was typed and the message in the page's language (422). An
edit form sends only the fields that differ from the record, so the history shows real changes.

Routes live under ``/records`` (``/contracts/E-…`` are the contract-clarity pages of evidence
items); a contract number may contain ``/`` (``RF/2025/118``), hence the ``:path`` parameters,
registered after the fixed ones.

Size (over 700 lines): the forms of every own-dispute record (buyer, contracts, amendments,
orders, payments); the route functions are thin (the work is in ``services/records/``), the
length is their number.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any
from urllib.parse import quote
from zoneinfo import available_timezones

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, ValidationError

from ...services.accounts import Access
from ...services.context import Context
from ...services.evidence import EvidenceFilter, list_evidence
from ...services.records import buyer as buyer_svc
from ...services.records import contracts as contract_svc
from ...services.records import models as m
from ...services.records import orders as order_svc
from ...services.records import payments as payment_svc
from ...services.records.errors import FieldError, from_validation
from ...services.records.requests import form_choices
from ...services.records.steps import first_steps
from ..deps import current_workspace, get_ctx, get_lang, need
from ..i18n import translations
from ..pages import render

router = APIRouter(include_in_schema=False)
NAV = [(50, "Records", "/records")]
FormFields = dict[str, str]
ZONES = sorted(z for z in available_timezones() if "/" in z and not z.startswith(("Etc/", "SystemV/", "posix/")))
METHODS = ("T/T", "L/C", "D/P", "card", "platform", "other")


async def _form(request: Request) -> FormFields:
    form = await request.form()
    return {k: v.strip() for k, v in form.items() if isinstance(v, str) and k not in ("csrf_token", "csrftoken")}


def _message(exc: ValueError, lang: str) -> str:
    return exc.localised(translations(lang).gettext) if isinstance(exc, FieldError) else str(exc)


def _labels(text: str) -> list[str]:
    """``E-0001, E-0002`` or ``E-0001 E-0002`` as a list (the model checks each)."""
    return [p for p in re.split(r"[,;\s]+", text) if p]


def _lines(text: str) -> list[str]:
    return [ln.strip() for ln in text.splitlines() if ln.strip()]


_CONTACT = re.compile(
    r"^(?P<name>[^<(]+?)\s*(?:<(?P<email>[^>]*)>)?\s*(?P<phone>\+?\d[\d\s()/.-]*\d)?\s*(?:\((?P<role>[^)]*)\))?$"
)


def _contacts(text: str) -> list[Any]:
    """``Anna Brandt <anna@brandt.de> +49 30 1234 (purchasing)``, one per line; a line that does
    not read this way is passed on whole as the name (the model then judges it)."""
    out: list[Any] = []
    for line in _lines(text):
        m_ = _CONTACT.match(line)
        parts = {k: v.strip() for k, v in m_.groupdict().items() if v and v.strip()} if m_ else {"name": line}
        out.append(parts)
    return out


def _contact_line(c: Any) -> str:
    text = str(c.name)
    if c.email:
        text += f" <{c.email}>"
    if c.phone:
        text += f" {c.phone}"
    if c.role:
        text += f" ({c.role})"
    return text


LISTS = {"evidence": _labels, "acceptance_evidence": _labels, "items": _lines, "contacts": _contacts}


def _value(name: str, text: str) -> Any:
    if name in LISTS:
        return LISTS[name](text)
    if name == "unilateral":
        return text in ("on", "1", "true", "yes")
    return text


def _build(cls: type[BaseModel], values: dict[str, Any]) -> Any:
    try:
        return cls(**values)
    except ValidationError as exc:
        raise from_validation(exc) from None


def _new(cls: type[BaseModel], form: FormFields) -> Any:
    """A create command from the filled fields of a form (empty ones left out)."""
    return _build(cls, {k: _value(k, v) for k, v in form.items() if k in cls.model_fields and v})


def _changed(cls: type[BaseModel], form: FormFields, current: FormFields) -> Any:
    """An edit command with the fields whose text differs from the record's (emptied → null)."""
    values: dict[str, Any] = {}
    for k, text in form.items():
        if k not in cls.model_fields or text == current.get(k, ""):
            continue
        values[k] = _value(k, text) if (text or k in LISTS or k == "unilateral") else None
    return _build(cls, values)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "on" if value else ""
    if isinstance(value, list):
        if value and hasattr(value[0], "serial"):
            return "\n".join(f"{i.model} {i.serial}" for i in value)
        if value and hasattr(value[0], "email"):
            return "\n".join(_contact_line(c) for c in value)
        return ", ".join(value)
    return str(value)


def _fields(rec: BaseModel, names: tuple[str, ...]) -> FormFields:
    return {n: _text(getattr(rec, n)) for n in names}


def documents(ctx: Context, workspace: str, *kinds: str) -> list[Any]:
    """Imported evidence items of these kinds (newest first), offered beside an evidence field."""
    out: list[Any] = []
    for kind in kinds:
        out += list_evidence(ctx, workspace, EvidenceFilter(kind=kind), limit=30).items
    return sorted(out, key=lambda v: v.label, reverse=True)[:30]


def path(number: str) -> str:
    return quote(number, safe="/")


def parse_time(value: str) -> datetime | None:
    """A ledger time (ISO 8601 text) for ``fmt.datetime`` (shown in the viewer's zone)."""
    try:
        return datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return None


def _page(
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
    choices = form_choices(ctx, ws.slug)
    names = {s["key"]: s["name"] for s in choices["suppliers"]}
    resp = render(
        request,
        template,
        lang,
        ws,
        ctx,
        choices=choices,
        supplier_name=lambda key: names.get(key, key),
        form=form or {},
        error=error,
        rpath=path,
        parse_time=parse_time,
        **kw,
    )
    if error:
        resp.status_code = 422
    return resp


# ------------------------------------------------------------------------------- the buyer

BUYER_FIELDS = ("name", "name_zh", "address", "country", "timezone", "email_domains", "contacts", "vat_id")
BANK_FIELDS = ("bank", "iban", "bic")


def _buyer_fields(rec: Any) -> FormFields:
    form = _fields(rec, BUYER_FIELDS)
    form.update({f: getattr(rec.bank_account, f) or "" if rec.bank_account else "" for f in BANK_FIELDS})
    return form


def _buyer_command(form: FormFields, rec: Any) -> Any:
    """The form's fields as a SetBuyer: all filled ones for a new buyer, the changed ones for an
    edit; the bank account's three fields as one value (changed when any of them is)."""
    bank = {f: form.get(f, "") for f in BANK_FIELDS}
    if rec is None:
        cmd = _new(m.SetBuyer, form)
        if any(bank.values()):
            cmd = _build(m.SetBuyer, {**cmd.model_dump(exclude_unset=True), "bank_account": _bank_value(bank)})
        return cmd
    current = _buyer_fields(rec)
    values = _changed(m.SetBuyer, {k: form.get(k, "") for k in BUYER_FIELDS}, current).model_dump(exclude_unset=True)
    if any(bank[f] != current.get(f, "") for f in BANK_FIELDS):
        values["bank_account"] = _bank_value(bank) if any(bank.values()) else None
    return _build(m.SetBuyer, values)


def _bank_value(bank: FormFields) -> dict[str, str]:
    return {k: v for k, v in bank.items() if v}


@router.get("/buyer", response_class=HTMLResponse)
def buyer_page(
    request: Request,
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(current_workspace),
    lang: str = Depends(get_lang),
) -> HTMLResponse:
    rec = buyer_svc.get_buyer(ctx, ws.slug)
    return _page(request, ctx, ws, lang, "records_buyer.html", rec=rec, zones=ZONES)


@router.get("/buyer/edit", response_class=HTMLResponse)
def buyer_form(
    request: Request,
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(need("edit")),
    lang: str = Depends(get_lang),
) -> HTMLResponse:
    rec = buyer_svc.get_buyer(ctx, ws.slug)
    form = _buyer_fields(rec) if rec else {}
    return _page(request, ctx, ws, lang, "records_buyer_form.html", rec=rec, form=form, zones=ZONES)


@router.post("/buyer/edit", response_class=HTMLResponse)
async def buyer_submit(
    request: Request,
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(need("edit")),
    lang: str = Depends(get_lang),
) -> Response:
    form = await _form(request)
    rec = buyer_svc.get_buyer(ctx, ws.slug)
    try:
        buyer_svc.set_buyer(ctx, ws.slug, _buyer_command(form, rec), actor=ws.username)
    except ValueError as exc:
        return _page(
            request,
            ctx,
            ws,
            lang,
            "records_buyer_form.html",
            rec=rec,
            form=form,
            error=_message(exc, lang),
            zones=ZONES,
        )
    return RedirectResponse("/buyer", status_code=303)


# -------------------------------------------------------------------------- the records list


@router.get("/records", response_class=HTMLResponse)
@router.get("/records/contracts", response_class=HTMLResponse)
def records_page(
    request: Request,
    archived: bool = False,
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(current_workspace),
    lang: str = Depends(get_lang),
) -> HTMLResponse:
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


# -------------------------------------------------------------------------------- contracts

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
    request: Request,
    supplier: str = "",
    evidence: str = "",
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(need("edit")),
    lang: str = Depends(get_lang),
) -> HTMLResponse:
    return _contract_form(request, ctx, ws, lang, {"supplier": supplier, "evidence": evidence})


@router.post("/records/contracts/new", response_class=HTMLResponse)
async def new_contract_submit(
    request: Request,
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(need("edit")),
    lang: str = Depends(get_lang),
) -> Response:
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
    request: Request,
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(need("edit")),
    lang: str = Depends(get_lang),
) -> HTMLResponse:
    rec = contract_svc.get_contract(ctx, ws.slug, number)
    a = contract_svc.get_amendment(ctx, ws.slug, rec.number, amendment)
    return _amendment_form(request, ctx, ws, lang, rec, a, _fields(a, AMENDMENT_FIELDS))


@router.post("/records/contracts/{number:path}/amendments/{amendment:path}/edit", response_class=HTMLResponse)
async def edit_amendment_submit(
    number: str,
    amendment: str,
    request: Request,
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(need("edit")),
    lang: str = Depends(get_lang),
) -> Response:
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
    request: Request,
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(need("edit")),
    lang: str = Depends(get_lang),
) -> HTMLResponse:
    rec = contract_svc.get_contract(ctx, ws.slug, number)
    return _contract_form(request, ctx, ws, lang, _fields(rec, CONTRACT_FIELDS), rec)


@router.post("/records/contracts/{number:path}/edit", response_class=HTMLResponse)
async def edit_contract_submit(
    number: str,
    request: Request,
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(need("edit")),
    lang: str = Depends(get_lang),
) -> Response:
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
    request: Request,
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(need("edit")),
    lang: str = Depends(get_lang),
) -> HTMLResponse:
    rec = contract_svc.get_contract(ctx, ws.slug, number)
    docs = documents(ctx, ws.slug, "amendment", "contract")
    return _page(request, ctx, ws, lang, "records_amend_form.html", rec=rec, docs=docs)


@router.post("/records/contracts/{number:path}/amend", response_class=HTMLResponse)
async def amend_submit(
    number: str,
    request: Request,
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(need("edit")),
    lang: str = Depends(get_lang),
) -> Response:
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
    request: Request,
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(current_workspace),
    lang: str = Depends(get_lang),
) -> HTMLResponse:
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


# ----------------------------------------------------------------------------------- orders

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
    request: Request,
    contract: str = "",
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(need("edit")),
    lang: str = Depends(get_lang),
) -> HTMLResponse:
    form = {"contract": contract}
    if contract:
        try:
            form["currency"] = contract_svc.get_contract(ctx, ws.slug, contract).currency or ""
        except LookupError:
            pass
    return _order_form(request, ctx, ws, lang, form)


@router.post("/records/orders/new", response_class=HTMLResponse)
async def new_order_submit(
    request: Request,
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(need("edit")),
    lang: str = Depends(get_lang),
) -> Response:
    form = await _form(request)
    try:
        rec = order_svc.add_order(ctx, ws.slug, _new(m.NewOrder, form), actor=ws.username)
    except ValueError as exc:
        return _order_form(request, ctx, ws, lang, form, error=_message(exc, lang))
    return RedirectResponse(f"/records/orders/{path(rec.number)}", status_code=303)


@router.get("/records/orders/{number:path}/edit", response_class=HTMLResponse)
def edit_order_page(
    number: str,
    request: Request,
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(need("edit")),
    lang: str = Depends(get_lang),
) -> HTMLResponse:
    rec = order_svc.get_order(ctx, ws.slug, number)
    return _order_form(request, ctx, ws, lang, _fields(rec, ORDER_FIELDS), rec)


@router.post("/records/orders/{number:path}/edit", response_class=HTMLResponse)
async def edit_order_submit(
    number: str,
    request: Request,
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(need("edit")),
    lang: str = Depends(get_lang),
) -> Response:
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
    request: Request,
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(current_workspace),
    lang: str = Depends(get_lang),
) -> HTMLResponse:
    rec = order_svc.get_order(ctx, ws.slug, number)
    paid = [p for p in payment_svc.list_payments(ctx, ws.slug) if p.order == rec.number]
    return _page(request, ctx, ws, lang, "records_order.html", rec=rec, payments=paid)


# --------------------------------------------------------------------------------- payments

PAYMENT_FIELDS = ("amount", "currency", "paid_on", "order", "account", "reference", "evidence")


def _payment_form(
    request: Request, ctx: Context, ws: Access, lang: str, form: FormFields, rec: Any = None, error: str | None = None
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
    )


@router.get("/records/payments/new", response_class=HTMLResponse)
def new_payment_page(
    request: Request,
    supplier: str = "",
    order: str = "",
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(need("edit")),
    lang: str = Depends(get_lang),
) -> HTMLResponse:
    form = {"supplier": supplier, "order": order}
    if order:
        try:
            o = order_svc.get_order(ctx, ws.slug, order)
            form.update(supplier=o.supplier or supplier, currency=o.currency)
        except LookupError:
            pass
    return _payment_form(request, ctx, ws, lang, form)


@router.post("/records/payments/new", response_class=HTMLResponse)
async def new_payment_submit(
    request: Request,
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(need("edit")),
    lang: str = Depends(get_lang),
) -> Response:
    form = await _form(request)
    try:
        rec = payment_svc.add_payment(ctx, ws.slug, _new(m.NewPayment, form), actor=ws.username)
    except ValueError as exc:
        return _payment_form(request, ctx, ws, lang, form, error=_message(exc, lang))
    return RedirectResponse(f"/records/payments/{rec.number}", status_code=303)


@router.get("/records/payments/{number}/edit", response_class=HTMLResponse)
def edit_payment_page(
    number: str,
    request: Request,
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(need("edit")),
    lang: str = Depends(get_lang),
) -> HTMLResponse:
    rec = payment_svc.get_payment(ctx, ws.slug, number)
    return _payment_form(request, ctx, ws, lang, _fields(rec, PAYMENT_FIELDS), rec)


@router.post("/records/payments/{number}/edit", response_class=HTMLResponse)
async def edit_payment_submit(
    number: str,
    request: Request,
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(need("edit")),
    lang: str = Depends(get_lang),
) -> Response:
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
    request: Request,
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(current_workspace),
    lang: str = Depends(get_lang),
) -> HTMLResponse:
    rec = payment_svc.get_payment(ctx, ws.slug, number)
    return _page(request, ctx, ws, lang, "records_payment.html", rec=rec)


# -------------------------------------------------------------------------------- dashboard


def dashboard_panels(ctx: Context, access: Access) -> list[tuple[str, dict[str, Any]]]:
    """The first steps of a workspace, shown until each is done."""
    steps = first_steps(ctx, access.slug)
    if all(s.done for s in steps):
        return []
    return [("records_steps.html", {"steps": steps, "can_edit": access.can("edit")})]
