"""Claim heads and their amounts (the claim total itself is computed by ``domain/claims/total.py``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from sqlalchemy import func, select

from ...domain import claims as dc
from ...domain.money import Money, to_decimal
from ...domain.text import Quoted, T, field_error
from ...domain.text import dumps as text_dumps
from ...domain.text import to_json as text_json
from ...store.db import lock_workspace, unit_of_work
from ...store.models import SupportRequest
from ...store.models_cases import (
    CaseClaim,
    CaseFacts,
    CaseLink,
)
from ..context import Context
from ..sla import list_requests
from ..workspaces import get_workspace
from .base import _find_case, _jsonable, _ledger, named_list
from .inputs import (
    MAX_AMOUNT,
    _blank,
    _check_keys,
    _required,
    _resolve_evidence,
    parse_date,
    parse_list,
    parse_money,
    parse_text,
)

# ------------------------------------------------------------------------------------ claims

CLAIM_FIELDS = (
    "kind",
    "amount",
    "currency",
    "basis",
    "evidence",
    "description",
    "reference",
    "proven_loss",
    "lost_profit",
    "foreseeability_evidence",
    "method",
    "price",
    "value_conforming",
    "value_delivered",
    "valuation_source",
    "annual_rate_percent",
    "start",
    "end",
    "day_count",
    "rate_basis",
    "rate_source",
)


def build_head(head_id: str, data: Mapping[str, Any], evidence: Sequence[str], *, cisg: bool) -> dc.ClaimHead:
    """A domain claim head from entered fields (the calculator depends on ``kind``)."""
    raw_kind = parse_text(data.get("kind"), "kind", required=True)
    try:
        kind = dc.HeadKind(raw_kind)
    except ValueError:
        raise ValueError(
            field_error(
                "kind",
                "%(value)s is not a claim head kind (%(kinds)s)",
                value=Quoted(raw_kind),
                kinds=named_list(k.value for k in dc.HeadKind),
            )
        ) from None
    clause = parse_text(data.get("basis"), "basis", limit=500) or None
    description = parse_text(data.get("description"), "description", limit=1000)
    reference = parse_text(data.get("reference"), "reference", limit=300)
    currency = data.get("currency")
    fore = parse_list(data.get("foreseeability_evidence"), "foreseeability_evidence")

    def money(name: str, *, required: bool = True) -> Money | None:
        if _blank(data.get(name)) and not required:
            return None
        return parse_money(data.get(name), currency, name)

    ev = list(evidence)
    if kind is dc.HeadKind.PRICE_REDUCTION:
        method = parse_text(data.get("method"), "method") or ("cisg" if cisg else "prc")
        source = parse_text(data.get("valuation_source"), "valuation_source", required=True)
        vc, vd = money("value_conforming"), money("value_delivered")
        assert vc and vd
        if method == "prc":
            head = dc.price_reduction_prc(
                head_id,
                value_conforming=vc,
                value_delivered=vd,
                evidence=ev,
                valuation_source=source,
                price_paid=money("price", required=False),
                clause=clause,
            )
        elif method == "cisg":
            price = money("price")
            assert price
            head = dc.price_reduction_cisg(
                head_id,
                price=price,
                value_conforming=vc,
                value_delivered=vd,
                evidence=ev,
                valuation_source=source,
                clause=clause,
            )
        else:
            raise ValueError(
                field_error(
                    "method",
                    "%(value)s is not a price reduction method (%(methods)s)",
                    value=Quoted(method),
                    methods=named_list(("prc", "cisg")),
                )
            )
    elif kind is dc.HeadKind.INTEREST:
        principal = money("amount")
        assert principal
        start = parse_date(data.get("start"), "start")
        end = parse_date(data.get("end"), "end")
        assert start and end
        head = dc.interest_head(
            head_id,
            principal,
            annual_rate_percent=(
                _required("annual_rate_percent")
                if _blank(data.get("annual_rate_percent"))
                else to_decimal(data.get("annual_rate_percent"), "annual_rate_percent")
            ),
            start=start,
            end=end,
            basis=parse_text(data.get("day_count"), "day_count") or "ACT/365",
            rate_basis=parse_text(data.get("rate_basis"), "rate_basis", required=True),
            rate_source=parse_text(data.get("rate_source"), "rate_source", required=True),
            evidence=ev,
            cisg=cisg,
        )
    else:
        amount = money("amount")
        assert amount
        if kind is dc.HeadKind.REFUND_RETURN:
            head = dc.refund_head(head_id, amount, evidence=ev, clause=clause, description=description)
        elif kind in (dc.HeadKind.REPAIR, dc.HeadKind.REPLACEMENT):
            head = dc.cost_head(
                head_id,
                kind,
                amount,
                evidence=ev,
                description=description
                or (T("repair costs") if kind is dc.HeadKind.REPAIR else T("replacement costs")),
                clause=clause,
            )
        elif kind is dc.HeadKind.SERVICE_CREDIT:
            if not reference:
                raise ValueError(
                    field_error("reference", "service credits need the SLA engine's reference (breach or credit)")
                )
            head = dc.service_credit_head(head_id, amount, sla_reference=reference, clause=clause or "", evidence=ev)
        elif kind is dc.HeadKind.LIQUIDATED_DAMAGES:
            head = dc.liquidated_damages_head(
                head_id,
                amount,
                clause=clause or "",
                evidence=ev,
                proven_loss=money("proven_loss", required=False),
                sla_reference=reference,
            )
        elif kind is dc.HeadKind.DAMAGES:
            head = dc.damages_head(
                head_id,
                direct_loss=amount,
                evidence=ev,
                lost_profit=money("lost_profit", required=False),
                foreseeability_evidence=fore,
                clause=clause,
                cisg=False,
            )
            if cisg:
                head = replace(head, basis=head.basis + (dc.CISG_74 + " where the CISG applies",))
        elif kind is dc.HeadKind.MITIGATION:
            head = dc.mitigation_head(
                head_id, amount, steps_taken=description or _required("description"), evidence=ev, cisg=cisg
            )
        else:  # pragma: no cover - every HeadKind is handled above
            raise ValueError(f"kind: {kind.value} is not supported")
    if description and kind not in (dc.HeadKind.MITIGATION,):
        head = replace(head, description=description)
    return head


def add_claim(ctx: Context, workspace: str, ref: int | str, data: Mapping[str, Any], *, actor: str) -> str:
    """Add a claim head (``domain.claims`` calculators); returns its id ``H-n``."""
    _check_keys(data, CLAIM_FIELDS, "claim")
    evidence = parse_list(data.get("evidence"), "evidence")
    fore = parse_list(data.get("foreseeability_evidence"), "foreseeability_evidence")
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        lock_workspace(s, ws.id)
        case = _find_case(s, ws, ref)
        labels = list(_resolve_evidence(s, ws, evidence, "evidence"))
        _resolve_evidence(s, ws, fore, "foreseeability_evidence")
        cf = s.execute(select(CaseFacts).where(CaseFacts.case_id == case.id)).scalar_one_or_none()
        n = (s.execute(select(func.max(CaseClaim.head_no)).where(CaseClaim.case_id == case.id)).scalar_one() or 0) + 1
        head = build_head(f"H-{n}", data, labels, cisg=bool(cf and cf.cisg_applies))
        if head.amount.amount >= MAX_AMOUNT:
            raise ValueError(
                field_error(
                    "amount",
                    "the computed %(amount)s is too large (at most %(most)s)",
                    amount=head.amount,
                    most=str(MAX_AMOUNT - 1),
                )
            )
        s.add(
            CaseClaim(
                workspace_id=ws.id,
                case_id=case.id,
                head_no=n,
                kind=head.kind.value,
                amount=head.amount.amount,
                currency=head.amount.currency,
                basis=list(head.basis),
                evidence=list(head.evidence),
                description=text_dumps(head.description),  # a code-written one keeps its message id
                reference=parse_text(data.get("reference"), "reference", limit=300) or None,
                # stored with message ids, so a page shows them in the reader's language
                workings=[text_json(w) for w in head.workings],
                warnings=[text_json(w) for w in head.warnings],
                inputs=_jsonable({k: v for k, v in data.items() if not _blank(v)}),
                created_at=ctx.clock(),
                created_by=actor,
            )
        )
        writer = _ledger(
            s,
            ws,
            ctx,
            actor,
            "case.claim_added",
            case,
            {
                "head": head.id,
                "kind": head.kind.value,
                "amount": head.amount.to_json(),
                "evidence": list(head.evidence),
            },
        )
    writer.write_anchor(ctx.blobs)
    return head.id


# ------------------------------------------------------------------------- SLA engine hook


def sla_claim_suggestions(ctx: Context, workspace: str, case_id: int) -> list[dict[str, Any]]:
    """HOOK to the SLA engine (``services/sla/``): what it measured for the case's support requests.

    Today it reads ``sla.list_requests`` and lists each linked request the engine found breached
    (status and number of breaches), so the user can enter the service credits or liquidated
    damages as claim heads with that reference (kind ``service_credit`` / ``liquidated_damages``,
    ``reference`` = the breach). When the SLA engine offers amounts per request (e.g. a
    ``credits_for_support_requests(ctx, workspace, numbers)`` returning ``kind``, ``amount``,
    ``currency``, ``reference``, ``clause``), read them here and the page shows them. The SLA
    area being optional, any failure there leaves the case page working (an empty list).
    """
    with unit_of_work(ctx.engine) as s:
        numbers = {
            n
            for (n,) in s.execute(
                select(SupportRequest.number)
                .join(CaseLink, CaseLink.support_request_id == SupportRequest.id)
                .where(CaseLink.case_id == case_id)
            )
        }
    if not numbers:
        return []
    try:
        rows = list_requests(ctx, workspace)
    except Exception:  # noqa: BLE001 - the SLA area is optional here; the case page must not break
        return []
    out = []
    for r in rows:
        number = getattr(r, "number", None)
        breaches = getattr(r, "breaches", 0) or 0
        if number in numbers and breaches:
            out.append(
                {
                    "support_request": number,
                    "sla_status": getattr(r, "sla_status", None),
                    "breaches": int(breaches),
                    "reference": f"{number}: {breaches} SLA breach(es)",
                }
            )
    return sorted(out, key=lambda x: x["support_request"])
