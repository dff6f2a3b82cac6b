"""Open a dispute case from the user's own support requests, with the deadline facts taken from
the records where they are recorded, each with its source.

* ``received_on``: the earliest delivery of the contract's orders (the goods handed over).
* ``warranty_starts_on``: the contract's warranty start event (delivery, acceptance or signing)
  resolved to its date; installation is not recorded, so it is left to counsel (None: the rule
  then runs the warranty from delivery and says so).
* ``inspection_period_days`` and ``warranty_months``: from the contract.
* ``knowledge_on``: when the buyer first asked for support on these requests (the buyer knew of
  the defect then), in the buyer's time zone, unless given.
* ``governing_law``: given (ISO code), else ``CN`` when the contract's governing-law text names
  the PRC, else ``unknown`` (the deadline rules then assume PRC law and say counsel must confirm).
* ``contract_type``: ``international_sale`` unless given (DisputeDesk's buyer is outside China
  buying equipment; a technology import/export contract has its own limitation period: PRC Civil
  Code Art. 594; see docs/deadlines.md).

The case is opened by ``services.cases.open_case`` (the same as the API's and the page's); the
sources are written as the case's notes so the case page and the bundle show where each date came
from.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select

from ...store.db import unit_of_work
from ...store.models import Case, Contract, Order, Organization, SupportRequest
from ...store.models_cases import CaseFacts
from ..context import Context
from ..workspaces import get_workspace
from .errors import FieldError
from .orders import delivery_facts

_PRC = re.compile(r"\bPRC\b|People'?s Republic of China|中华人民共和国|中国法律|\bChin(a|ese) law\b", re.I)


def _law(text: str | None) -> str:
    return "CN" if text and _PRC.search(text) else "unknown"


def case_from_requests(
    ctx: Context,
    workspace: str,
    requests: list[str],
    *,
    actor: str,
    title: str | None = None,
    issues: list[str] | None = None,
    governing_law: str | None = None,
    contract_type: str | None = None,
    cisg_applies: bool = False,
    knowledge_on: date | None = None,
    amount_at_stake: str | None = None,
    currency: str | None = None,
) -> str:
    """Open a case from support requests (all with one supplier); returns the case number."""
    if not requests:
        raise FieldError("request", "name at least one support request (SR-…)")
    notes: list[dict[str, Any]] = []
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        rows = []
        for number in requests:
            row = s.execute(
                select(SupportRequest).where(
                    SupportRequest.workspace_id == ws.id, SupportRequest.number == number.upper()
                )
            ).scalar_one_or_none()
            if row is None:
                raise FieldError("request", "no support request {number} in this workspace", number=number)
            rows.append(row)
        suppliers = {r.supplier_id for r in rows}
        if len(suppliers) != 1 or None in suppliers:
            raise FieldError("request", "the requests of one case must be with one supplier")
        org = s.get(Organization, rows[0].supplier_id)
        assert org is not None
        contract_ids = {r.contract_id for r in rows if r.contract_id}
        if len(contract_ids) > 1:
            raise FieldError("request", "the requests name different contracts: open one case per contract")
        contract = s.get(Contract, next(iter(contract_ids))) if contract_ids else None
        buyer = s.execute(
            select(Organization).where(Organization.workspace_id == ws.id, Organization.role == "buyer").limit(1)
        ).scalar_one_or_none()
        zone = ZoneInfo((buyer.details or {}).get("timezone") or "UTC") if buyer else ZoneInfo("UTC")
        first_row = min(rows, key=lambda r: r.opened_at)
        first_asked = first_row.opened_at
        known = knowledge_on or first_asked.astimezone(zone).date()
        if knowledge_on is None:
            notes.append(
                {
                    "date": known.isoformat(),
                    "text": f"knowledge_on {known}: first support request {first_row.number} opened",
                    "evidence": [],
                }
            )
        facts: dict[str, Any] | None = None
        if contract is not None:
            found = {f.name: f for f in delivery_facts(s, ws, contract.id)}
            law = (
                (governing_law or _law(contract.governing_law)).upper()
                if (governing_law or contract.governing_law)
                else "unknown"
            )
            if law.lower() == "unknown":
                law = "unknown"
            if not governing_law:
                notes.append(
                    {
                        "date": known.isoformat(),
                        "text": f"governing_law {law}: from contract {contract.number} "
                        f"({contract.governing_law or 'not stated'})"
                        + ("; PRC law assumed by the deadline rules, counsel to confirm" if law == "unknown" else ""),
                        "evidence": [],
                    }
                )
            if "received_on" in found:
                received = found["received_on"]
                notes.append(
                    {
                        "date": received.on.isoformat(),
                        "text": f"received_on {received.on}: {received.source}",
                        "evidence": [],
                    }
                )
                start = None
                if contract.warranty_start == "delivery":
                    start = received.on
                elif contract.warranty_start == "acceptance" and "accepted_on" in found:
                    start = found["accepted_on"].on
                    notes.append(
                        {
                            "date": start.isoformat(),
                            "text": f"warranty_starts_on {start}: {found['accepted_on'].source}",
                            "evidence": [],
                        }
                    )
                elif contract.warranty_start == "signing" and contract.signed_on:
                    start = contract.signed_on
                facts = {
                    "governing_law": law,
                    "contract_type": contract_type or "international_sale",
                    "cisg_applies": cisg_applies,
                    "received_on": received.on.isoformat(),
                    "inspection_period_days": contract.inspection_days or None,
                    "warranty_months": contract.warranty_months or None,
                    "warranty_starts_on": start.isoformat() if start else None,
                    "knowledge_on": known.isoformat(),
                }
            else:
                notes.append(
                    {
                        "date": known.isoformat(),
                        "text": f"no delivery recorded for contract {contract.number}: "
                        "record the order's delivery, then set the deadline facts",
                        "evidence": [],
                    }
                )
        data: dict[str, Any] = {
            "title": title or (rows[0].title if len(rows) == 1 else f"Support failures by {org.name_en}"),
            "supplier": org.key,
            "issues": issues or ["no_or_slow_support"],
            "support_requests": [r.number for r in rows],
        }
        if contract is not None:
            data["contract"] = contract.number
            # the contract's orders: what was bought and delivered under it
            data["orders"] = list(
                s.execute(select(Order.number).where(Order.contract_id == contract.id).order_by(Order.id)).scalars()
            )
        if amount_at_stake:
            data["amount_at_stake"] = amount_at_stake
            data["currency"] = currency or (contract.currency if contract else None)
        if facts:
            data["facts"] = facts
    from ..cases import open_case

    case_id = open_case(ctx, workspace, data, actor=actor)
    with unit_of_work(ctx.engine) as s:
        case = s.get(Case, case_id)
        assert case is not None
        cf = s.execute(select(CaseFacts).where(CaseFacts.case_id == case_id)).scalar_one()
        cf.notes = [*(cf.notes or []), *notes]
        return case.number
