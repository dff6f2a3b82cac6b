"""Opening a case and recording its facts (received on, knowledge on, governing law …)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ...domain import claims as dc
from ...domain.deadlines import (
    CONTRACT_TYPES,
    FACT_FIELDS,
    Facts,
)
from ...domain.ladder import (
    ISSUE_TYPES,
    STEP_SPECS,
    TRADE_ASSURANCE,
    Step,
)
from ...domain.money import Money, check_currency
from ...domain.text import Field, Quoted, field_error
from ...store.db import lock_workspace, unit_of_work
from ...store.models import Case, Contract, Order, Organization, SupportRequest, Workspace
from ...store.models_cases import (
    CaseFacts,
    CaseLink,
)
from ..context import Context
from ..workspaces import get_workspace
from .base import MONEY_KINDS, _contract_of, _facts_row, _find_case, _jsonable, _ledger, today_for
from .inputs import (
    _blank,
    _check_keys,
    _resolve_evidence,
    issue_types,
    normalise_issue,
    parse_bool,
    parse_date,
    parse_int,
    parse_list,
    parse_money,
    parse_text,
)
from .ladder import _restart_events

# ------------------------------------------------------------------------------ open a case

OPEN_FIELDS = (
    "title",
    "supplier",
    "contract",
    "issues",
    "opened_on",
    "amount_at_stake",
    "currency",
    "support_requests",
    "evidence",
    "orders",
    "breaches",
    "platform_order",
    "receipt_confirmed_on",
    "facts",
)


def contract_by_ref(s: Session, ws: Workspace, ref: str) -> Contract | None:
    """The workspace's contract (not an amendment) with this number or key."""
    return s.execute(
        select(Contract).where(
            Contract.workspace_id == ws.id,
            Contract.kind == "contract",
            (Contract.number == ref) | (Contract.key == ref),
        )
    ).scalar_one_or_none()


def open_case(ctx: Context, workspace: str, data: Mapping[str, Any], *, actor: str) -> int:
    """Open a case from support requests, SLA breaches (by reference) or evidence items.

    ``data``: ``title``; ``supplier`` (key); ``contract`` (number or key, optional); ``issues``
    (issue type ids, see ``domain.ladder.ISSUE_TYPES``); ``opened_on`` (default today);
    ``amount_at_stake`` + ``currency``; ``support_requests`` (SR-0001 …); ``evidence``
    (E-0001 …); ``orders`` (order numbers); ``breaches`` (SLA breach references);
    ``platform_order`` + ``receipt_confirmed_on``; ``facts`` (the deadline facts, optional).
    Returns the case id.
    """
    _check_keys(data, OPEN_FIELDS, "case")
    title = parse_text(data.get("title"), "title", required=True, limit=500)
    issues = [normalise_issue(i, f"issues[{n}]") for n, i in enumerate(parse_list(data.get("issues"), "issues"))]
    if not issues:
        raise ValueError(
            field_error(
                "issues",
                "name at least one issue type (%(types)s)",
                types=issue_types(),
            )
        )
    opened_on = parse_date(data.get("opened_on"), "opened_on", required=False) or today_for(ctx)
    stake: Money | None = None
    if not _blank(data.get("amount_at_stake")):
        stake = parse_money(data.get("amount_at_stake"), data.get("currency"), "amount_at_stake")
    elif not _blank(data.get("currency")):
        check_currency(str(data.get("currency")).strip().upper(), "currency")
    srs = parse_list(data.get("support_requests"), "support_requests")
    evidence = parse_list(data.get("evidence"), "evidence")
    orders = parse_list(data.get("orders"), "orders")
    raw_breaches = data.get("breaches")
    if isinstance(raw_breaches, str):  # references may contain spaces: one per line or separated by ";"
        breaches = [b.strip() for b in re.split(r"[;\n]", raw_breaches) if b.strip()]
    else:
        breaches = parse_list(raw_breaches, "breaches")
    if not (srs or evidence or breaches):
        raise ValueError(
            field_error(
                "support_requests", "a case is opened from at least one support request, SLA breach or evidence item"
            )
        )
    platform = parse_bool(data.get("platform_order"), "platform_order")
    receipt_confirmed = parse_date(data.get("receipt_confirmed_on"), "receipt_confirmed_on", required=False)
    if receipt_confirmed and not platform:
        raise ValueError(
            field_error(
                "receipt_confirmed_on",
                "only for an order paid through a platform (%(fact)s)",
                fact=Field("platform_order"),
            )
        )
    facts_in = data.get("facts")

    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        lock_workspace(s, ws.id)
        supplier_key = parse_text(data.get("supplier"), "supplier", required=True, limit=80)
        supplier = s.execute(
            select(Organization).where(
                Organization.workspace_id == ws.id, Organization.key == supplier_key, Organization.role == "supplier"
            )
        ).scalar_one_or_none()
        if supplier is None:
            raise ValueError(
                field_error("supplier", "%(value)s is not a supplier in this workspace", value=Quoted(supplier_key))
            )
        contract = None
        if not _blank(data.get("contract")):
            ref = str(data.get("contract")).strip()
            contract = contract_by_ref(s, ws, ref)
            if contract is None:
                raise ValueError(
                    field_error("contract", "%(value)s is not a contract in this workspace", value=Quoted(ref))
                )
            if contract.supplier_id not in (None, supplier.id):
                raise ValueError(
                    field_error(
                        "contract",
                        "%(number)s is not a contract with %(supplier)s",
                        number=contract.number,
                        supplier=supplier.name_en,
                    )
                )
            if contract.signed_on and opened_on < contract.signed_on:
                raise ValueError(
                    field_error(
                        "opened_on",
                        "%(day)s is before the contract was signed (%(signed)s)",
                        day=opened_on,
                        signed=contract.signed_on,
                    )
                )
        sr_rows = []
        for i, number in enumerate(srs):
            row = s.execute(
                select(SupportRequest).where(
                    SupportRequest.workspace_id == ws.id, SupportRequest.number == number.upper()
                )
            ).scalar_one_or_none()
            if row is None:
                item = f"support_requests[{i}]"
                raise ValueError(field_error(item, "%(value)s does not exist in this workspace", value=Quoted(number)))
            sr_rows.append(row)
        ev_ids = _resolve_evidence(s, ws, evidence, "evidence")
        order_rows = []
        for i, number in enumerate(orders):
            row = s.execute(
                select(Order).where(Order.workspace_id == ws.id, (Order.number == number) | (Order.key == number))
            ).scalar_one_or_none()
            if row is None:
                item = f"orders[{i}]"
                raise ValueError(field_error(item, "%(value)s is not an order in this workspace", value=Quoted(number)))
            order_rows.append(row)
        year = opened_on.year
        prefix = f"CASE-{year}-"
        count = s.execute(
            select(func.count(Case.id)).where(Case.workspace_id == ws.id, Case.number.like(f"{prefix}%"))
        ).scalar_one()
        case = Case(
            workspace_id=ws.id,
            number=f"{prefix}{count + 1:03d}",
            title=title,
            supplier_id=supplier.id,
            contract_id=contract.id if contract else None,
            issue_type=issues[0],
            status="open",
            opened_on=opened_on,
            amount_at_stake=stake.amount if stake else None,
            currency=stake.currency
            if stake
            else (
                str(data.get("currency")).strip().upper()
                if not _blank(data.get("currency"))
                else (contract.currency if contract else None)
            ),
        )
        s.add(case)
        s.flush()
        cf = CaseFacts(
            workspace_id=ws.id,
            case_id=case.id,
            issues=issues,
            platform_order=platform,
            receipt_confirmed_on=receipt_confirmed,
            notes=[],
        )
        s.add(cf)
        for row in sr_rows:
            s.add(CaseLink(workspace_id=ws.id, case_id=case.id, kind="support_request", support_request_id=row.id))
        for item_id in ev_ids.values():
            s.add(CaseLink(workspace_id=ws.id, case_id=case.id, kind="evidence", evidence_id=item_id))
        for row in order_rows:
            s.add(CaseLink(workspace_id=ws.id, case_id=case.id, kind="order", order_id=row.id))
        for ref in breaches:
            s.add(CaseLink(workspace_id=ws.id, case_id=case.id, kind="breach", reference=ref[:300]))
        if facts_in is not None:
            _apply_facts(s, case, cf, facts_in, contract)
        s.flush()
        writer = _ledger(
            s,
            ws,
            ctx,
            actor,
            "case.opened",
            case,
            {
                "title": title,
                "supplier": supplier.key,
                "issues": issues,
                "support_requests": [r.number for r in sr_rows],
                "evidence": sorted(ev_ids),
                "breaches": breaches,
            },
        )
        case_id = case.id
    writer.write_anchor(ctx.blobs)
    return case_id


# ------------------------------------------------------------------------------------ facts

FACT_INPUT_FIELDS = tuple(f for f in FACT_FIELDS if f not in ("demands", "acknowledgements"))


def _apply_facts(s: Session, case: Case, cf: CaseFacts, data: Any, contract: Contract | None) -> None:
    """Validate and store the deadline facts; demands/acknowledgements come from the case."""
    if not isinstance(data, Mapping):
        raise ValueError(field_error("facts", "expected an object with the deadline facts"))
    _check_keys(data, FACT_INPUT_FIELDS, "facts")
    missing = [f for f in ("governing_law", "contract_type", "received_on", "knowledge_on") if _blank(data.get(f))]
    if missing:
        raise ValueError(field_error(missing[0], "required for the deadlines (see docs/deadlines.md)"))
    law = str(data["governing_law"]).strip()
    law = law if law == "unknown" else law.upper()
    contract_type = str(data["contract_type"]).strip()
    if contract_type not in CONTRACT_TYPES:
        raise ValueError(
            field_error(
                "contract_type",
                "%(value)s is not one of %(choices)s",
                value=Quoted(contract_type),
                choices=", ".join(CONTRACT_TYPES),
            )
        )
    received = parse_date(data.get("received_on"), "received_on")
    knowledge = parse_date(data.get("knowledge_on"), "knowledge_on")
    assert received and knowledge
    if contract and contract.signed_on:
        if received < contract.signed_on:
            raise ValueError(
                field_error(
                    "received_on",
                    "%(day)s is before the contract was signed (%(signed)s)",
                    day=received,
                    signed=contract.signed_on,
                )
            )
    values = {
        "governing_law": law,
        "contract_type": contract_type,
        "cisg_applies": parse_bool(data.get("cisg_applies"), "cisg_applies"),
        "received_on": received,
        "inspection_period_days": parse_int(data.get("inspection_period_days"), "inspection_period_days"),
        "warranty_months": parse_int(data.get("warranty_months"), "warranty_months", maximum=1200),
        "warranty_starts_on": parse_date(data.get("warranty_starts_on"), "warranty_starts_on", required=False),
        "knowledge_on": knowledge,
        "award_performance_deadline": parse_date(
            data.get("award_performance_deadline"), "award_performance_deadline", required=False
        ),
    }
    demands, acks = _restart_events(s, case)
    Facts(**values, demands=tuple(demands), acknowledgements=tuple(acks))  # the domain's checks, fields named
    for k, v in values.items():
        setattr(cf, k, v)


def set_facts(ctx: Context, workspace: str, ref: int | str, data: Mapping[str, Any], *, actor: str) -> None:
    """Enter or replace the facts the deadline rules use (docs/deadlines.md, without demands)."""
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        lock_workspace(s, ws.id)
        case = _find_case(s, ws, ref)
        cf = _facts_row(s, case)
        _apply_facts(s, case, cf, data, _contract_of(s, case))
        writer = _ledger(s, ws, ctx, actor, "case.facts_set", case, {"facts": _jsonable(dict(data))})
    writer.write_anchor(ctx.blobs)


# ------------------------------------------------------------------------------ form choices


def open_form_choices(ctx: Context, workspace: str) -> dict[str, Any]:
    """What the "open a case" form offers: suppliers, contracts, orders, support requests, issues."""
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        suppliers = s.execute(
            select(Organization.key, Organization.name_en, Organization.name_zh)
            .where(Organization.workspace_id == ws.id, Organization.role == "supplier")
            .order_by(Organization.name_en)
        ).all()
        contracts = s.execute(
            select(Contract.number, Contract.title)
            .where(Contract.workspace_id == ws.id, Contract.kind == "contract")
            .order_by(Contract.number)
        ).all()
        orders = s.execute(select(Order.number).where(Order.workspace_id == ws.id).order_by(Order.number)).all()
        srs = s.execute(
            select(SupportRequest.number, SupportRequest.title)
            .where(SupportRequest.workspace_id == ws.id)
            .order_by(SupportRequest.number)
        ).all()
    return {
        "suppliers": [{"key": k, "name_en": en, "name_zh": zh} for k, en, zh in suppliers],
        "contracts": [{"number": n, "title": t} for n, t in contracts],
        "orders": [n for (n,) in orders],
        "support_requests": [{"number": n, "title": t} for n, t in srs],
        "issues": list(ISSUE_TYPES.values()),
        "steps": [STEP_SPECS[s] for s in Step],
        "head_kinds": [k.value for k in dc.HeadKind],
        "contract_types": list(CONTRACT_TYPES),
        "money_kinds": list(MONEY_KINDS),
        "platform_rule": TRADE_ASSURANCE,
    }
