"""The buyer (own company) page and its form."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ....services.records import buyer as buyer_svc
from ....services.records import models as m
from ...deps import PageCall, page
from .forms import ZONES, FormFields, _build, _changed, _fields, _form, _message, _new, _page

router = APIRouter(include_in_schema=False)


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
    call: PageCall = Depends(page()),
) -> HTMLResponse:
    request, ctx, ws, lang = call
    rec = buyer_svc.get_buyer(ctx, ws.slug)
    return _page(request, ctx, ws, lang, "records_buyer.html", rec=rec, zones=ZONES)


@router.get("/buyer/edit", response_class=HTMLResponse)
def buyer_form(
    call: PageCall = Depends(page("edit")),
) -> HTMLResponse:
    request, ctx, ws, lang = call
    rec = buyer_svc.get_buyer(ctx, ws.slug)
    form = _buyer_fields(rec) if rec else {}
    return _page(request, ctx, ws, lang, "records_buyer_form.html", rec=rec, form=form, zones=ZONES)


@router.post("/buyer/edit", response_class=HTMLResponse)
async def buyer_submit(
    call: PageCall = Depends(page("edit")),
) -> Response:
    request, ctx, ws, lang = call
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
