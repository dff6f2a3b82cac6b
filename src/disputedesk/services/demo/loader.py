"""Load the demo dispute (``src/disputedesk/demo/data``) through the real code paths.

Every file goes through the same import pipeline as ``disputedesk import``; the structured
facts (parties, contract, order, payments, delivery, machines, support requests) are read from
``dispute.json`` and linked to the evidence items by their file path. Loading twice changes
nothing: the files are duplicates and the records exist already.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

from sqlalchemy import select

from ...store.db import lock_workspace, unit_of_work
from ...store.ledger import LedgerWriter
from ...store.models import Organization
from ..context import Context
from ..imports import Candidate, import_candidates
from ..workspaces import ensure_workspace, get_workspace
from .cases import load_demo_case
from .mail import after_demo_load
from .sla import load_demo_sla
from .suppliers import load_demo_supplier, load_demo_suppliers


def demo_dir() -> Path:
    return Path(str(resources.files("disputedesk.demo") / "data"))


def _money(value: Any, field: str) -> Decimal:
    if isinstance(value, float):
        raise ValueError(f"dispute.json: {field} must be a string or integer amount, not a float")
    return Decimal(str(value))


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _label(by_path: dict[str, str | None], path: str | None) -> list[str]:
    if not path:
        return []
    label = by_path.get(path)
    if label is None:
        raise ValueError(f"dispute.json: {path} is referenced but not listed under 'evidence'")
    return [label]


def _load_contracts_orders_payments(
    ctx: Context, workspace: str, spec: dict[str, Any], by_path: dict[str, str | None], actor: str
) -> None:
    from ..records import contracts as contract_svc
    from ..records import orders as order_svc
    from ..records import payments as payment_svc
    from ..records.models import NewAmendment, NewContract, NewOrder, NewPayment

    number_of = {c["key"]: c["number"] for c in spec.get("contracts", [])}
    supplier_of = {c["key"]: c["supplier"] for c in spec.get("contracts", [])}
    for cs in spec.get("contracts", []):
        contract_svc.add_contract(
            ctx,
            workspace,
            NewContract(
                number=cs["number"],
                supplier=cs["supplier"],
                signed_on=cs["signed_on"],
                title=cs.get("title"),
                currency=cs.get("currency"),
                value=_money(cs["total"], f"contracts.{cs['key']}.total") if cs.get("total") is not None else None,
                governing_law=cs.get("governing_law"),
                dispute_clause=cs.get("dispute_resolution"),
                warranty_months=cs.get("warranty_months"),
                evidence=_label(by_path, cs.get("document")),
            ),
            actor=actor,
        )
        for am in cs.get("amendments", []):
            contract_svc.add_amendment(
                ctx,
                workspace,
                cs["number"],
                NewAmendment(
                    number=am["number"],
                    effective_on=am["signed_on"],
                    summary=am.get("summary") or am.get("title") or am["number"],
                    evidence=_label(by_path, am.get("document")),
                    agreed_by=am.get("agreed_by"),
                    unilateral=bool(am.get("unilateral")),
                ),
                actor=actor,
            )
    deliveries = {d["order"]: d for d in spec.get("deliveries", [])}
    order_number = {}
    for od in spec.get("orders", []):
        d = deliveries.get(od["key"], {})
        note = _label(by_path, d.get("document"))
        order_svc.add_order(
            ctx,
            workspace,
            NewOrder(
                number=od["number"],
                contract=number_of[od["contract"]],
                currency=od["currency"],
                amount=_money(od["amount"], f"orders.{od['key']}.amount"),
                ordered_on=od.get("ordered_on"),
                delivered_on=d.get("delivered_on"),
                accepted_on=d.get("accepted_on"),
                items=[{"model": u["model"], "serial": u["serial"]} for u in d.get("units", [])],
                delivery_note=note[0] if note else None,
            ),
            actor=actor,
        )
        order_number[od["key"]] = (od["number"], supplier_of[od["contract"]])
    for p in spec.get("payments", []):
        number, supplier = order_number[p["order"]]
        payment_svc.add_payment(
            ctx,
            workspace,
            NewPayment(
                supplier=supplier,
                order=number,
                paid_on=p["paid_on"],
                amount=_money(p["amount"], "payments.amount"),
                currency=p["currency"],
                method=p.get("method", "T/T"),
                reference=p.get("reference"),
                account=p.get("account"),
                evidence=_label(by_path, p.get("document")),
            ),
            actor=actor,
        )


def load_demo(ctx: Context, workspace: str = "demo", *, actor: str = "demo-loader") -> list[str]:
    root = demo_dir()
    spec = json.loads((root / "dispute.json").read_text(encoding="utf-8"))
    ws_spec = spec.get("workspace", {})
    ensure_workspace(ctx, workspace, ws_spec.get("name") or "Demo dispute")

    # 1. Evidence files through the real import pipeline.
    cands = []
    for ev in spec["evidence"]:
        path = root / ev["path"]
        if not path.is_file():
            raise ValueError(f"dispute.json: evidence file {ev['path']} does not exist")
        cands.append(
            Candidate(
                name=path.name,
                source=f"demo:{ev['path']}",
                open=lambda p=path: open(p, "rb"),  # type: ignore[misc]
                kind=ev.get("kind"),
                description=ev.get("description"),
            )
        )
    report = import_candidates(ctx, workspace, cands, actor=actor)
    if report.failed:
        reasons = "; ".join(f"{o.source}: {o.reason}" for o in report.outcomes if o.status == "failed")
        raise ValueError(f"demo files failed to import: {reasons}")
    by_path = {o.source.removeprefix("demo:"): o.evidence for o in report.outcomes}

    # 2. Structured records, once.
    created = _load_records(ctx, workspace, spec, by_path, actor)
    # Now that the parties exist: message directions, chat times, request links (idempotent).
    after_demo_load(ctx, workspace, spec, by_path, actor=actor)
    lines = [
        f"demo workspace '{workspace}': {report.imported} file(s) imported, {report.duplicates} already there",
        "records created" if created else "records already loaded",
    ]
    lines.append(load_demo_case(ctx, workspace, spec, actor=actor) or "case already loaded")
    # Links the demo's mails to their requests, stores terms and calendars, evaluates.
    lines += load_demo_sla(ctx, workspace, spec, actor=actor)
    # Needs the messages (payment warnings) and SLA results (scorecard): keep it last.
    lines += load_demo_suppliers(ctx, workspace, spec, actor=actor)
    return lines


def _load_records(
    ctx: Context, workspace: str, spec: dict[str, Any], by_path: dict[str, str | None], actor: str
) -> bool:
    """The buyer, the suppliers with their contacts, contracts, orders, payments and support
    requests, each through the service the API, the pages and the CLI call (what the demo can
    do, a user can do). Once: a workspace with any party is left alone."""
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        if s.execute(select(Organization.id).where(Organization.workspace_id == ws.id).limit(1)).first():
            return False
    _load_buyer(ctx, workspace, spec["buyer"], actor)
    for sp in spec["suppliers"]:
        load_demo_supplier(ctx, workspace, sp, actor=actor)
    # Contracts, amendments, orders with their delivery, and payments.
    _load_contracts_orders_payments(ctx, workspace, spec, by_path, actor)
    _load_requests(ctx, workspace, spec, actor)

    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        lock_workspace(s, ws.id)
        writer = LedgerWriter(s, ws)
        writer.append(
            actor=actor,
            action="records.loaded",
            at=ctx.clock(),
            payload={
                "source": "demo/dispute.json",
                "suppliers": sorted(sp["key"] for sp in spec["suppliers"]),
                "contracts": sorted(c["key"] for c in spec.get("contracts", [])),
            },
        )
    writer.write_anchor(ctx.blobs)
    return True


def _load_buyer(ctx: Context, workspace: str, b: dict[str, Any], actor: str) -> None:
    from ..records.buyer import set_buyer
    from ..records.models import SetBuyer

    bank = b.get("bank_account")
    set_buyer(
        ctx,
        workspace,
        SetBuyer(
            name=b["name"],
            address=b.get("address"),
            country=b.get("country"),
            timezone=b.get("timezone"),
            email_domains=b.get("email_domains", []),
            contacts=[{k: c[k] for k in ("name", "email", "phone", "role") if c.get(k)} for c in b.get("contacts", [])],
            vat_id=b.get("vat_id"),
            bank_account={k: bank[k] for k in ("bank", "iban", "bic") if bank.get(k)} if bank else None,
        ),
        actor=actor,
    )


def _load_requests(ctx: Context, workspace: str, spec: dict[str, Any], actor: str) -> None:
    """Each support request opened (numbered SR-0001 … in the file's order) and, when the file
    says it was resolved, closed at that time: the ``resolved`` event the SLA engine reads."""
    from ..records import requests as request_svc
    from ..records.request_models import OpenRequest, StatusChange

    for n, sr in enumerate(spec.get("support_requests", []), 1):
        opened = datetime.fromisoformat(sr["opened_at"])
        if opened.tzinfo is None:
            raise ValueError(f"dispute.json: support_requests[{n}].opened_at needs a UTC offset")
        rec = request_svc.open_request(
            ctx,
            workspace,
            OpenRequest(
                supplier=sr["supplier"],
                title=sr["title"],
                severity=sr.get("severity", "normal"),
                serial=sr.get("unit_serial"),
                opened_at=opened,
            ),
            actor=actor,
        )
        if rec.number != f"SR-{n:04d}":
            raise ValueError(f"dispute.json: support_requests[{n}] got {rec.number}: the workspace has requests")
        if sr.get("resolved_at"):
            request_svc.close_request(
                ctx,
                workspace,
                rec.number,
                StatusChange(at=datetime.fromisoformat(sr["resolved_at"]), ref="dispute.json"),
                actor=actor,
            )


DEMO_USER = "demo"


def ensure_demo_user(ctx: Context, workspace: str = "demo") -> tuple[str, str | None]:
    """The demo's owner account. Returns (user, password) — the password only when created now."""
    import secrets

    from .. import accounts

    try:
        accounts.get_user(ctx, DEMO_USER)
        return DEMO_USER, None
    except accounts.AccountError:
        pass
    password = secrets.token_urlsafe(9)
    accounts.create_user(ctx, DEMO_USER, password, display_name="Demo buyer", is_admin=True)
    accounts.grant(ctx, DEMO_USER, workspace, "owner", actor="demo-loader")
    return DEMO_USER, password
