"""The forms on a supplier's page (profile, evidence per fact, certifications, bank accounts, due
diligence, contacts, review schedule, reviews), each read as the API's typed command."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from fastapi import APIRouter, Depends
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel

from ....domain.text import T
from ....services import suppliers as svc
from ....services.accounts import Access
from ....services.commands import check, filled
from ....services.context import Context
from ....services.suppliers.commands import (
    BankAccount,
    Certification,
    Contact,
    DueDiligence,
    FactEvidence,
    Review,
    ReviewSchedule,
    SupplierFields,
)
from ...deps import PageCall, page
from .api import _given
from .pages import _form, _supplier_page

router = APIRouter()


Fields = dict[str, Any]
Action = Callable[[Context, Access, str, Fields], object]


def _adding(add: Callable[..., object], model: type[BaseModel], read: Callable[[Fields], Fields] = filled) -> Action:
    """An addition to the profile from its form, read as the API's command ``model``."""
    return lambda ctx, ws, key, d: add(ctx, ws.slug, key, _given(check(model, read(d))), actor=ws.username)


def _edit(ctx: Context, ws: Access, key: str, d: dict[str, Any]) -> object:
    """The profile form as the API's PATCH: an emptied box is null ("clear this field")."""
    cleared = {k: (v if not isinstance(v, str) or v.strip() else None) for k, v in d.items()}
    body = check(SupplierFields, cleared)
    return svc.update_supplier(ctx, ws.slug, key, body.model_dump(exclude_unset=True), actor=ws.username)


def _fact_evidence(ctx: Context, ws: Access, key: str, body: FactEvidence) -> object:
    return svc.link_fact_evidence(ctx, ws.slug, key, body.field, body.evidence, actor=ws.username, note=body.note)


def _schedule(ctx: Context, ws: Access, key: str, body: ReviewSchedule) -> object:
    return svc.set_review_schedule(
        ctx, ws.slug, key, body.frequency, body.first_due, grace_days=body.grace_days, actor=ws.username
    )


def _contact_form(d: dict[str, Any]) -> dict[str, Any]:
    """The contact form (up to three channels, numbered) as the API's ``Contact``."""
    channels = []
    for n in (1, 2, 3):
        if d.get(f"channel{n}") and d.get(f"address{n}"):
            channel = {
                "channel": d.get(f"channel{n}"),
                "address": d.get(f"address{n}"),
                "start": d.get(f"start{n}"),
                "end": d.get(f"end{n}"),
                "tz": d.get("tz"),
                "every_day": bool(d.get(f"every_day{n}")),
                "preferred": n == 1,
            }
            channels.append(filled({k: v for k, v in channel.items() if v is not None}))
    return filled({k: d[k] for k in ("name", "name_zh", "level", "role", "hours") if k in d}) | {"channels": channels}


def _review_form(d: dict[str, Any]) -> dict[str, Any]:
    """The review form as the API's ``Review``: the figures typed in hours become ``figures``."""
    out: dict[str, Any] = filled({k: v for k, v in d.items() if not k.startswith("fig_")})
    typed = [k for k, v in d.items() if k.startswith("fig_") and isinstance(v, str) and v.strip()]
    if typed and not d.get("fig_requests", "").strip():  # figures without their count were dropped unsaid
        raise svc.SupplierError("figures", T("the number of requests in the period is needed with the other figures"))
    if d.get("fig_requests"):

        def secs(hours: str | None) -> int | None:
            if not hours:
                return None
            try:
                return int(Decimal(hours) * 3600)
            except ArithmeticError as exc:
                raise svc.SupplierError("figures", T("'%(value)s' is not a number of hours", value=hours)) from exc

        try:
            out["figures"] = {
                "requests": int(d["fig_requests"]),
                "sla_met": int(d.get("fig_met") or 0),
                "median_first_response_s": secs(d.get("fig_median_h")),
                "p90_first_response_s": secs(d.get("fig_p90_h")),
                "first_response_target_s": secs(d.get("fig_target_h")),
                "breaches_by_severity": {
                    s: int(d.get(f"fig_{s}") or 0) for s in ("critical", "major", "minor") if d.get(f"fig_{s}")
                },
            }
        except svc.SupplierError:  # a time that is not a number of hours: named as such
            raise
        except ValueError as exc:
            raise svc.SupplierError(
                "figures", T("The review's numbers of requests, requests met and breaches are whole numbers")
            ) from exc
    return out


# The page's forms read as the API's commands (services/suppliers/commands.py): an empty box is a
# field not given, a bad or unknown one is named in the page's language.
ACTIONS: dict[str, tuple[str, Action]] = {
    "edit": ("profile", _edit),
    "evidence": ("profile", lambda ctx, ws, key, d: _fact_evidence(ctx, ws, key, check(FactEvidence, filled(d)))),
    "certifications": ("profile", _adding(svc.add_certification, Certification)),
    "bank-accounts": ("payment", _adding(svc.add_bank_account, BankAccount)),
    "due-diligence": ("checklist", _adding(svc.record_due_diligence, DueDiligence)),
    "contacts": ("contacts", _adding(svc.add_contact, Contact, _contact_form)),
    "schedule": ("reviews", lambda ctx, ws, key, d: _schedule(ctx, ws, key, check(ReviewSchedule, filled(d)))),
    "reviews": ("reviews", _adding(svc.add_review, Review, _review_form)),
}


@router.post("/suppliers/{key}/{action}", response_class=HTMLResponse)
async def supplier_action(
    key: str,
    action: str,
    call: PageCall = Depends(page("edit")),
) -> Response:
    request, ctx, ws, lang = call
    if action not in ACTIONS:
        raise LookupError(f"no such supplier action {action!r}")
    section, fn = ACTIONS[action]
    data = await _form(request)
    typed = dict(data)  # as sent: the action may take values out of ``data``
    try:
        fn(ctx, ws, key, data)
    except ValueError as exc:  # a SupplierError, or a field the command refuses
        posted = {"action": request.url.path, "values": typed}
        return _supplier_page(request, ctx, ws, lang, key, error=exc, status=400, section=section, posted=posted)
    return RedirectResponse(f"/suppliers/{key}#{section}", status_code=303)
