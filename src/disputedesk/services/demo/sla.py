"""The demo dispute's SLA terms, calendars and messages (moved here from services/sla as it was)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from ...domain.bizcal import BusinessCalendar
from ...store.db import unit_of_work
from ...store.models_sla import SlaTerms
from ..context import Context
from ..sla.calendars import set_calendar
from ..sla.evaluate import evaluate_all
from ..sla.terms import set_terms
from ..workspaces import get_workspace

# --------------------------------------------------------------------------------------------
# Demo
# --------------------------------------------------------------------------------------------


def _demo_terms(contract: Mapping[str, Any]) -> dict[str, Any] | None:
    """The demo contract's support terms (dispute.json) as a SupportTerms object."""
    st = contract.get("support_terms") or {}
    fr = st.get("first_response")
    if not fr:
        return None
    unit = fr.get("unit")
    value = int(fr["value"])
    if unit in ("hours", "business_hours"):
        first = f"{value}h"
    else:
        raise ValueError(f"dispute.json: contracts.{contract['key']}.support_terms.first_response.unit {unit!r}")
    sev: dict[str, Any] = {}
    res = st.get("resolution")
    for name in ("critical", "high", "normal", "low"):
        entry: dict[str, Any] = {"first_response": first}
        if res and (name == "critical" or "critical" not in (res.get("applies_to") or "")):
            if res.get("unit") == "business_days":
                entry["resolution"] = {"amount": int(res["value"]), "unit": "wd", "days_mode": "end-of-day"}
        sev[name] = entry
    basis = fr.get("basis")
    label = f"{contract['number']} {st.get('source', '')}".strip()
    label_zh = f"{contract['number']} {st['source_zh']}" if st.get("source_zh") else None
    if basis and unit == "hours":
        label += f" (24 h read as business hours; contract: {basis})"
        if label_zh:
            label_zh += f"（24小时按工作小时计；合同：{fr.get('basis_zh') or basis}）"
    out: dict[str, Any] = {
        "label": label,
        "label_zh": label_zh,
        "severities": sev,
        "acknowledgement_counts": False,
        "respond_to_every_buyer_message": unit == "hours",
    }
    sc = st.get("service_credit")
    if sc and sc.get("percent_per_business_day") and sc.get("base"):
        base = Decimal(sc["base"]["amount"])
        rate = (base * Decimal(sc["percent_per_business_day"]) / 100).quantize(Decimal("0.01"))
        cap = (base * Decimal(sc.get("cap_percent", "100")) / 100).quantize(Decimal("0.01"))
        out["liquidated_damages"] = {
            "rate": {"amount": str(rate), "currency": sc["base"]["currency"]},
            "per": "day",
            "cap": {"amount": str(cap), "currency": sc["base"]["currency"]},
            "applies_to": ["resolution"],
            "measured_in": "business",  # per business day: Hengtuo's 9-hour day (08:30-17:30), its calendar's
        }
    return out


def _demo_calendar(supplier: Mapping[str, Any], contracts: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    windows = "09:00-12:00,13:00-18:00"
    for c in contracts:
        w = (c.get("support_terms") or {}).get("windows")
        if c.get("supplier") == supplier["key"] and w:
            windows = w.split(" ", 1)[-1] if " " in w else w
    return BusinessCalendar(
        tz=supplier.get("timezone", "Asia/Shanghai"), windows=windows, official=supplier.get("calendar", "cn")
    ).spec()


def load_demo_sla(ctx: Context, workspace: str, spec: Mapping[str, Any], *, actor: str = "demo-loader") -> list[str]:
    """The demo's support terms and calendars (once), then an evaluation.

    The requests, their closing (the ``resolved`` events) and their mail links are the records
    loader's (``request open``, ``close`` and ``link``); requests without messages are judged
    from their opening time alone.
    """
    lines = []
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        have_terms = s.execute(select(SlaTerms.id).where(SlaTerms.workspace_id == ws.id).limit(1)).first()
    if not have_terms:
        contracts = spec.get("contracts", [])
        for sp in spec.get("suppliers", []):
            set_calendar(ctx, workspace, sp["key"], _demo_calendar(sp, contracts), note="demo", actor=actor)
        for c in contracts:
            t = _demo_terms(c)
            if t is not None:
                set_terms(
                    ctx,
                    workspace,
                    t,
                    contract_number=c["number"],
                    valid_from=datetime.fromisoformat(c["signed_on"] + "T00:00:00+08:00"),
                    source=f"demo: dispute.json {c['key']}",
                    actor=actor,
                )
        lines.append("SLA terms and calendars loaded")
    report = evaluate_all(ctx, workspace, actor=actor)
    lines.append(
        f"SLA: {report.requests} request(s) evaluated, "
        + ", ".join(f"{v} {k}" for k, v in sorted(report.by_status.items()))
    )
    return lines
