"""The demo dispute's suppliers (moved here from services/suppliers as it was)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import time
from typing import Any

from sqlalchemy import select

from ...domain.labels import evidence_label
from ...domain.maildomains import address_in
from ...domain.suppliers import (
    AnswerHours,
)
from ...store.db import unit_of_work
from ...store.models import EvidenceItem, Message, Organization
from ...store.models_suppliers import (
    DueDiligenceEntry,
    SupplierBankAccount,
    SupplierCertification,
    SupplierFactEvidence,
    SupplierReview,
)
from ..context import Context
from ..suppliers.due_diligence import record_due_diligence
from ..suppliers.escalation import add_contact, parse_hours
from ..suppliers.payment_safety import list_payment_warnings, review_payment_warning, scan_payment_warnings
from ..suppliers.profile import add_bank_account, add_certification, create_supplier, link_fact_evidence
from ..suppliers.reviews import add_review, set_review_schedule
from ..suppliers.scorecard import record_score_snapshots
from ..workspaces import get_workspace

# --------------------------------------------------------------------------- demo

#: How the buyer reaches the demo's suppliers (their profile's escalation protocol).
PROTOCOL = (
    "Support requests in writing to the service mailbox with the machine serial number; "
    "escalate after the contractual response time: service manager, then sales, then the "
    "general manager / legal representative (formal notices by email and courier)."
)


def load_demo_supplier(ctx: Context, workspace: str, sp: Mapping[str, Any], *, actor: str) -> str:
    """One supplier of dispute.json with its profile and its contacts (each with its channels and
    answering hours), through ``supplier add`` and ``add_contact``: what a user does on the
    supplier pages, the API or the CLI. Returns its key."""
    tz = sp.get("timezone") or "Asia/Shanghai"
    calendar = sp.get("calendar") or "cn"
    cap = sp.get("registered_capital") or {}
    key = create_supplier(
        ctx,
        workspace,
        {
            "key": sp["key"],
            **{
                f: sp.get(f)
                for f in (
                    "name_en",
                    "name_zh",
                    "uscc",
                    "address_en",
                    "address_zh",
                    "legal_representative",
                    "business_scope",
                    "established_on",
                )
            },
            "email_domains": sp.get("email_domains", []),
            "websites": sp.get("websites", []),
            "registered_capital": f"{cap['currency']} {cap['amount']}" if cap else None,
            "kind": sp.get("business_type") or "unknown",
            "timezone": tz,
            "calendar": calendar,
            "protocol": PROTOCOL,
        },
        actor=actor,
    )
    for c in sp.get("contacts", []):
        add_contact(
            ctx,
            workspace,
            key,
            {
                "name": c["name"],
                "name_zh": c.get("name_zh"),
                "level": c.get("level"),
                "role": c.get("role"),
                "hours": c.get("hours"),
                "channels": _channels(c, tz, calendar),
            },
            actor=actor,
        )
    return key


def _channels(c: Mapping[str, Any], tz: str, calendar: str) -> list[dict[str, Any]]:
    """A demo contact's mail, phone and WeChat with the hours its text gives (a contact who also
    answers in the evenings: WeChat and phone 08:00-22:00 every day)."""
    text = c.get("hours")
    hours = parse_hours(text, tz, calendar)
    evenings = bool(text and re.search(r"evening", text, re.IGNORECASE))
    out = []
    for kind in ("email", "phone", "wechat"):
        if not c.get(kind):
            continue
        h = hours
        if h is None and evenings and kind in ("wechat", "phone"):
            h = AnswerHours(tz=tz, start=time(8, 0), end=time(22, 0), every_day=True)
        elif h is None and text:
            h = AnswerHours(tz=tz, calendar=calendar)
        out.append(
            {
                "channel": kind,
                "address": c[kind],
                "tz": h.tz if h else None,
                "start": h.start.strftime("%H:%M") if h else None,
                "end": h.end.strftime("%H:%M") if h else None,
                "calendar": h.calendar if h else "cn",
                "every_day": h.every_day if h else False,
                "preferred": kind == "email",
            }
        )
    return out


def load_demo_suppliers(
    ctx: Context, workspace: str, spec: Mapping[str, Any], *, actor: str = "demo-loader"
) -> list[str]:
    """What a supplier's creation leaves out: evidence for the profile facts, certifications,
    bank accounts (verified), the due-diligence checklist, a review schedule and a review, then a
    payment-safety scan and a score snapshot.

    Idempotent: a supplier that has any of these facts already is left alone (the scan and the
    snapshot run again; the scan adds only new warnings).
    """
    lines: list[str] = []
    by_path: dict[str, str] = {}
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        for n, src in s.execute(
            select(EvidenceItem.number, EvidenceItem.source).where(EvidenceItem.workspace_id == ws.id)
        ):
            if src and src.startswith("demo:"):
                by_path[src.removeprefix("demo:")] = evidence_label(n)
        done: set[str] = set()
        for table in (SupplierFactEvidence, SupplierCertification, SupplierBankAccount, DueDiligenceEntry):
            done |= set(
                s.execute(
                    select(Organization.key)
                    .join(table, table.organization_id == Organization.id)
                    .where(Organization.workspace_id == ws.id)
                ).scalars()
            )
        present = set(s.execute(select(Organization.key).where(Organization.workspace_id == ws.id)).scalars())
    contracts = {c.get("supplier"): c for c in spec.get("contracts", [])}
    payments_by_contract = {}
    for od in spec.get("orders", []):
        for p in spec.get("payments", []):
            if p.get("order") == od.get("key"):
                payments_by_contract.setdefault(od.get("contract"), []).append(p)
    for sp in spec.get("suppliers", []):
        key = sp["key"]
        if key not in present or key in done:
            continue
        reg = sp.get("registry_evidence")
        if reg and reg in by_path:
            for f in ("uscc", "legal_name_zh", "registered_address", "legal_representative", "registered_capital"):
                link_fact_evidence(ctx, workspace, key, f, by_path[reg], actor=actor, note="official registry extract")
        contract = contracts.get(key)
        if contract and contract.get("document") in by_path:
            link_fact_evidence(
                ctx, workspace, key, "legal_name_en", by_path[contract["document"]], actor=actor, note="contract"
            )
        for c in sp.get("certifications", []):
            add_certification(
                ctx,
                workspace,
                key,
                {
                    "name": c["name"],
                    "valid_until": c.get("valid_until"),
                    "evidence": by_path.get(c.get("evidence") or ""),
                },
                actor=actor,
            )
        ba = sp.get("bank_account")
        if ba:
            # Verified when a payment went to it and the supplier confirmed receipt: the first
            # payment's date and proof.
            pays = sorted(payments_by_contract.get((contract or {}).get("key"), []), key=lambda p: p["paid_on"])
            first = pays[0] if pays else None
            add_bank_account(
                ctx,
                workspace,
                key,
                {
                    "beneficiary_name": ba["beneficiary"],
                    "account_number": ba["account"],
                    "bank_name": ba.get("bank"),
                    "swift": ba.get("swift"),
                    "verified_on": first["paid_on"] if first else None,
                    "verified_by": "Lena Hoffmann (accounting)" if first else None,
                    "how_verified": "account in the signed contract; confirmed by phone to the number in the registry"
                    if first
                    else None,
                    "evidence": by_path.get(first.get("document") or "") if first else None,
                },
                actor=actor,
            )
        for d in sp.get("due_diligence", []):
            status = d.get("status")
            if status == "missing":
                continue
            record_due_diligence(
                ctx,
                workspace,
                key,
                {
                    "item": d["item"],
                    "status": status,
                    "on": d.get("date"),
                    "by": d.get("by") or "Jonas Reuter (purchasing)",
                    "evidence": by_path.get(d.get("evidence") or ""),
                },
                actor=actor,
            )
        lines.append(f"supplier {key}: profile, evidence links, bank account, checklist, channels")
    _demo_reviews(ctx, workspace, spec, actor)
    rep = scan_payment_warnings(ctx, workspace, actor=actor)
    _demo_review_warnings(ctx, workspace, spec, actor)
    record_score_snapshots(ctx, workspace, actor=actor)
    lines.append(f"payment safety: {rep.scanned} message(s) scanned, {rep.new_warnings} new warning(s)")
    return lines


#: The demo's periodic reviews (dispute.json has none): ratings as the buyer would give them;
#: support figures are the SLA engine's when it has evaluated the period, else the ones below, which
#: restate the story in docs (README of the demo): Hengtuo answered its two requests within
#: 1.5 business hours and the same day; Ruifeng's three requests missed the 24-hour response.
DEMO_REVIEWS = {
    "ruifeng": {
        "reviewed_on": "2026-10-15",
        "reviewer": "Jonas Reuter (purchasing)",
        "period_start": "2026-01-01",
        "period_end": "2026-09-30",
        "product_quality": 3,
        "support_responsiveness": 1,
        "documentation": 1,
        "figures": {
            "requests": 3,
            "sla_met": 0,
            "median_first_response_s": 5 * 86400,
            "p90_first_response_s": 8 * 86400,
            "first_response_target_s": 86400,
            "breaches_by_severity": {"critical": 1, "high": 1, "normal": 1},
        },
        "actions": [
            "Formal complaint and escalation to the general manager sent; instruct counsel if no cure",
            "No further orders until the English manual and remote support are delivered",
        ],
        "notes": (
            "Support stalled for weeks; paid plan imposed; a bank-change fraud attempt came through a "
            "look-alike domain."
        ),
    },
    "hengtuo": {
        "reviewed_on": "2026-10-15",
        "reviewer": "Jonas Reuter (purchasing)",
        "period_start": "2026-01-01",
        "period_end": "2026-09-30",
        "product_quality": 4,
        "support_responsiveness": 5,
        "documentation": 4,
        "figures": {
            "requests": 2,
            "sla_met": 2,
            "median_first_response_s": 5400,
            "p90_first_response_s": 5400,
            "first_response_target_s": 4 * 3600,
            "breaches_by_severity": {},
        },
        "actions": ["Keep as preferred supplier for press brakes"],
        "notes": "Answers within hours, English manual supplied on request.",
    },
}


def _demo_reviews(ctx: Context, workspace: str, spec: Mapping[str, Any], actor: str) -> None:
    keys = {sp["key"] for sp in spec.get("suppliers", [])}
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        have = {
            o.key
            for o in s.execute(
                select(Organization)
                .join(SupplierReview, SupplierReview.organization_id == Organization.id)
                .where(Organization.workspace_id == ws.id)
            ).scalars()
        }
        present = set(s.execute(select(Organization.key).where(Organization.workspace_id == ws.id)).scalars())
    for key, data in DEMO_REVIEWS.items():
        if key not in keys or key not in present or key in have:
            continue
        set_review_schedule(ctx, workspace, key, "quarterly", "2026-10-15", actor=actor)
        add_review(ctx, workspace, key, {**data, "actions": list(data["actions"])}, actor=actor)


def _demo_review_warnings(ctx: Context, workspace: str, spec: Mapping[str, Any], actor: str) -> None:
    """The demo's bank-change message is a confirmed fraud attempt (the supplier confirmed it
    on 21 May 2026, dispute.json ``expectations``); the supplier's own "we never changed our
    account" reply, which the wording check also flags, is dismissed with that reason."""
    fraud = set((spec.get("expectations") or {}).get("bank_change_requests") or [])
    if not fraud:
        return
    domains = {sp["key"]: tuple(sp.get("email_domains") or ()) for sp in spec.get("suppliers", [])}
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        rows = s.execute(
            select(Message.id, Message.message_id, EvidenceItem.source)
            .join(EvidenceItem, EvidenceItem.id == Message.evidence_id)
            .where(Message.workspace_id == ws.id)
        ).all()
    # The fraud mail itself, and copies of it (forwarded as an attachment: same Message-ID).
    fraud_ids = {mid for _, mid, src in rows if mid and (src or "").removeprefix("demo:") in fraud}
    fraud_msgs = {
        pk for pk, mid, src in rows if (src or "").removeprefix("demo:") in fraud or (mid and mid in fraud_ids)
    }
    done: set[int] = set()
    for w in list_payment_warnings(ctx, workspace, status="open"):
        if w.message_id in done:
            continue
        if w.message_id in fraud_msgs:
            done.add(w.message_id)
            review_payment_warning(
                ctx,
                workspace,
                w.id,
                "confirmed",
                actor=actor,
                note="supplier confirmed by phone and mail: not its account; not paid",
                whole_message=True,
            )
        elif w.kind == "account_change_request" and address_in(w.sender or "", domains.get(w.supplier_key or "", ())):
            done.add(w.message_id)
            review_payment_warning(
                ctx,
                workspace,
                w.id,
                "dismissed",
                actor=actor,
                note="the supplier's own reply confirming that its account did not change",
                whole_message=True,
            )
