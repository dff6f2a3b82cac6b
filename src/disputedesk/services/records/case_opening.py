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

Every way a user opens a case goes through :func:`open_own_case` (the ``/cases`` page's form,
``POST /api/cases``, ``disputedesk case open`` and the request page's "open a case", the last two
through :func:`case_from_requests`): ``services.cases.open_case`` with what the user gave, and what
the records say for what was not given. The sources are written as the case's notes so the case
page and the bundle show where each date came from. (The demo loader calls ``open_case`` itself:
its ladder and facts are its own data.)

The ladder's first rung (``support_request``) is recorded from the requests' mail, when there is
any: the buyer's first message (its evidence item is the proof, its date the step's date, its
first recipient the recipient) and the supplier's first reply after it. Without such a message the
rung is the first request itself, on the day it was opened (the SLA engine's clock starts there
too), without proof; before, the ladder stayed empty and the case's first formal complaint was
refused as skipping the support request the case was opened from.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...domain.labels import evidence_label
from ...domain.ladder import LadderError, Step
from ...domain.text import T, Text, to_json
from ...store.db import unit_of_work
from ...store.models import Case, Contract, EvidenceItem, Message, Order, Organization, SupportRequest, Workspace
from ...store.models_cases import CaseFacts, CaseStep
from ..context import Context
from ..sla import sender_side
from ..sla.messages import classify_message
from ..workspaces import get_workspace
from .errors import FieldError
from .orders import delivery_facts

_PRC = re.compile(r"\bPRC\b|People'?s Republic of China|中华人民共和国|中国法律|\bChin(a|ese) law\b", re.I)


def _law(text: str | None) -> str:
    return "CN" if text and _PRC.search(text) else "unknown"


@dataclass
class _Derived:
    """What the records say for a case: deadline facts, their sources (notes), the first rung."""

    facts: dict[str, Any] | None = None
    notes: list[dict[str, Any]] = field(default_factory=list)
    first_step: dict[str, Any] | None = None


def _zone(s: Session, ws: Workspace) -> tuple[ZoneInfo, Organization | None]:
    buyer = s.execute(
        select(Organization).where(Organization.workspace_id == ws.id, Organization.role == "buyer").limit(1)
    ).scalar_one_or_none()
    return (ZoneInfo((buyer.details or {}).get("timezone") or "UTC") if buyer else ZoneInfo("UTC")), buyer


def _derive(
    s: Session,
    ws: Workspace,
    rows: list[SupportRequest],
    contract: Contract | None,
    org: Organization,
    *,
    knowledge_on: date | None = None,
    governing_law: str | None = None,
    contract_type: str | None = None,
    cisg_applies: bool = False,
    facts_given: bool = False,
) -> _Derived:
    """What the records say; with ``facts_given`` (the user entered the deadline facts) only the
    first rung."""
    out = _Derived()
    notes = out.notes
    zone, buyer = _zone(s, ws)
    first_row = min(rows, key=lambda r: r.opened_at) if rows else None
    if facts_given:
        pass
    elif knowledge_on is not None:
        known = knowledge_on
    elif first_row is not None:
        known = first_row.opened_at.astimezone(zone).date()
        notes.append(
            {
                "date": known.isoformat(),
                "text": to_json(
                    T(
                        "knowledge_on %(day)s: first support request %(number)s opened",
                        day=known,
                        number=first_row.number,
                    )
                ),
                "evidence": [],
            }
        )
    else:
        return out  # no request: nothing says when the buyer knew of the defect
    if contract is not None and not facts_given:
        found = {f.name: f for f in delivery_facts(s, ws, contract.id)}
        law = (
            (governing_law or _law(contract.governing_law)).upper()
            if (governing_law or contract.governing_law)
            else "unknown"
        )
        if law.lower() == "unknown":
            law = "unknown"
        if not governing_law:
            stated = contract.governing_law or T("not stated")
            said = (
                T(
                    "governing_law unknown: from contract %(contract)s (%(stated)s); PRC law assumed by the "
                    "deadline rules, counsel to confirm",
                    contract=contract.number,
                    stated=stated,
                )
                if law == "unknown"
                else T(
                    "governing_law %(law)s: from contract %(contract)s (%(stated)s)",
                    law=law,
                    contract=contract.number,
                    stated=stated,
                )
            )
            notes.append({"date": known.isoformat(), "text": to_json(said), "evidence": []})
        if "received_on" in found:
            received = found["received_on"]
            if knowledge_on is None and first_row is not None and known < received.on:
                # the deadline rules refuse knowledge before receipt; say it with the user's own records
                raise FieldError(
                    "request",
                    "{number} was opened on {day}, before the first delivery under contract {contract} "
                    "({received}): correct the request's opening time or the order's delivery date, then open "
                    "the case",
                    number=first_row.number,
                    day=known,
                    contract=contract.number,
                    received=received.on,
                )
            notes.append(
                {
                    "date": received.on.isoformat(),
                    "text": to_json(T("received_on %(day)s: %(source)s", day=received.on, source=received.source)),
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
                        "text": to_json(
                            T(
                                "warranty_starts_on %(day)s: %(source)s",
                                day=start,
                                source=found["accepted_on"].source,
                            )
                        ),
                        "evidence": [],
                    }
                )
            elif contract.warranty_start == "signing" and contract.signed_on:
                start = contract.signed_on
            out.facts = {
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
                    "text": to_json(
                        T(
                            "no delivery recorded for contract %(contract)s: record the order's delivery, then set "
                            "the deadline facts",
                            contract=contract.number,
                        )
                    ),
                    "evidence": [],
                }
            )
    out.first_step = _first_step(s, ws, rows, org, buyer, zone)
    if out.first_step is None and first_row is not None:
        out.first_step = _request_step(first_row, org, zone)
        notes.append(
            {
                "date": out.first_step["sent_on"],
                "text": to_json(
                    T(
                        "support_request step %(day)s: support request %(number)s as opened; no message from the "
                        "buyer is recorded for it, so the step has no proof of delivery",
                        day=date.fromisoformat(out.first_step["sent_on"]),
                        number=first_row.number,
                    )
                ),
                "evidence": [],
            }
        )
    return out


def _request_step(row: SupportRequest, org: Organization, zone: ZoneInfo) -> dict[str, Any]:
    """The ``support_request`` rung when no message of the buyer is recorded: the request itself,
    on the day it was opened (where the SLA engine starts its clock, services/sla/inputs.py), sent
    to the supplier through the request; no proof and no reply until they are recorded."""
    opened = row.opened_at if row.opened_at.tzinfo else row.opened_at.replace(tzinfo=UTC)
    return {
        "step": Step.SUPPORT_REQUEST.value,
        "sent_on": opened.astimezone(zone).date().isoformat(),
        "channel": f"support request {row.number}",
        "recipient": org.name_en[:300],
    }


def _first_step(
    s: Session,
    ws: Workspace,
    rows: list[SupportRequest],
    org: Organization,
    buyer: Organization | None,
    zone: ZoneInfo,
) -> dict[str, Any] | None:
    """The ladder's ``support_request`` rung from the requests' mail: the buyer's first message
    (proof, date, recipient) and the supplier's first reply after it; None without such a message."""
    if not rows:
        return None
    msgs = s.execute(
        select(
            Message.direction,
            Message.sender,
            Message.recipients,
            Message.sent_at,
            Message.channel,
            Message.flags,
            Message.text,
            EvidenceItem.number,
        )
        .join(EvidenceItem, Message.evidence_id == EvidenceItem.id)
        .where(
            Message.workspace_id == ws.id,
            Message.support_request_id.in_([r.id for r in rows]),
            Message.sent_at.is_not(None),
        )
        .order_by(Message.sent_at, Message.id)
    ).all()
    buyer_domains = list((buyer.email_domains or []) if buyer else [])
    supplier_domains = list(org.email_domains or [])

    def seen(m: Any) -> dict[str, Any]:
        return classify_message(m.direction, m.flags, m.text, sender_side(m.sender, buyer_domains, supplier_domains))

    first = next((m for m in msgs if seen(m)["side"] == "buyer"), None)
    if first is None:
        return None
    # the reply is the supplier's first answer: not an auto-reply, not a bare acknowledgement (the
    # SLA engine's rule, services/sla/messages.py)
    reply = next(
        (
            m
            for m in msgs
            if m.sent_at >= first.sent_at
            and (c := seen(m))["side"] == "supplier"
            and not c["auto_reply"]
            and not c["acknowledgement"]
        ),
        None,
    )
    sent_at = first.sent_at if first.sent_at.tzinfo else first.sent_at.replace(tzinfo=UTC)
    step: dict[str, Any] = {
        "step": Step.SUPPORT_REQUEST.value,
        "sent_on": sent_at.astimezone(zone).date().isoformat(),
        "channel": first.channel or "email",
        "recipient": ((first.recipients or [None])[0] or org.name_en)[:300],
        "proof": evidence_label(first.number),
        # resolved only by a reply (domain.ladder.LadderStep): a request closed without one is not
        "resolved": reply is not None and all(r.status in ("resolved", "closed") for r in rows),
    }
    if reply is not None:
        reply_at = reply.sent_at if reply.sent_at.tzinfo else reply.sent_at.replace(tzinfo=UTC)
        step["reply_on"] = reply_at.astimezone(zone).date().isoformat()
        step["reply_evidence"] = evidence_label(reply.number)
    return step


def _reason(exc: Exception) -> object:
    """Why a derived fact or rung was not recorded: the refusal's sentence, else its text."""
    return exc.args[0] if exc.args and isinstance(exc.args[0], Text) else str(exc)


def _finish(ctx: Context, workspace: str, case_id: int, derived: _Derived, *, actor: str) -> None:
    """Write the sources as the case's notes and record the first rung (a rung the ladder refuses is
    a note saying why, never a failed case opening)."""
    notes = list(derived.notes)
    if derived.first_step is not None:
        from ..cases.ladder import add_step

        with unit_of_work(ctx.engine) as s:
            has_steps = s.execute(select(CaseStep.id).where(CaseStep.case_id == case_id).limit(1)).first()
        if not has_steps:
            try:
                add_step(ctx, workspace, case_id, derived.first_step, actor=actor)
            except (ValueError, LadderError) as exc:
                notes.append(
                    {
                        "date": derived.first_step["sent_on"],
                        "text": to_json(
                            T(
                                "support request step not recorded from %(proof)s: %(reason)s",
                                # the buyer's first message, else the request itself (SR-0001)
                                proof=derived.first_step.get("proof")
                                or derived.first_step["channel"].removeprefix("support request "),
                                reason=_reason(exc),
                            )
                        ),
                        "evidence": [],
                    }
                )
    if notes:
        with unit_of_work(ctx.engine) as s:
            cf = s.execute(select(CaseFacts).where(CaseFacts.case_id == case_id)).scalar_one()
            cf.notes = [*(cf.notes or []), *notes]


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
        data: dict[str, Any] = {
            "title": title or (rows[0].title if len(rows) == 1 else f"Support failures by {org.name_en}"),
            "supplier": org.key,
            "issues": issues or ["no_or_slow_support"],
            "support_requests": [r.number for r in rows],
        }
        if amount_at_stake:
            data["amount_at_stake"] = amount_at_stake
            contract = s.get(Contract, next(iter(contract_ids))) if contract_ids else None
            data["currency"] = currency or (contract.currency if contract else None)
    case_id = open_own_case(
        ctx,
        workspace,
        data,
        actor=actor,
        knowledge_on=knowledge_on,
        governing_law=governing_law,
        contract_type=contract_type,
        cisg_applies=cisg_applies,
    )
    with unit_of_work(ctx.engine) as s:
        case = s.get(Case, case_id)
        assert case is not None
        return case.number


def _named_requests(s: Session, ws: Workspace, value: Any) -> list[SupportRequest]:
    """The support requests ``value`` names that exist (an unknown one is refused by ``open_case``)."""
    from ..cases.inputs import parse_list

    numbers = [n.upper() for n in parse_list(value, "support_requests")]
    if not numbers:
        return []
    return list(
        s.execute(
            select(SupportRequest)
            .where(SupportRequest.workspace_id == ws.id, SupportRequest.number.in_(numbers))
            .order_by(SupportRequest.opened_at)
        ).scalars()
    )


def open_own_case(
    ctx: Context,
    workspace: str,
    data: Mapping[str, Any],
    *,
    actor: str,
    knowledge_on: date | None = None,
    governing_law: str | None = None,
    contract_type: str | None = None,
    cisg_applies: bool = False,
) -> int:
    """Open a case as a user does, the same through the ``/cases`` page, ``POST /api/cases`` and
    ``disputedesk case open``: ``services.cases.open_case`` with ``data`` (its fields), and from the
    named support requests, what the user did not give: the contract (when the requests name one)
    and its orders, the deadline facts from the records (each with its source as a note; facts the
    rules refuse are a note, left for the user to enter) and the ladder's first rung. A request
    opened before the contract's first delivery is refused before anything is written. Returns the
    case id."""
    from ..cases import open_case, set_facts
    from ..cases.inputs import _blank
    from ..cases.opening import contract_by_ref

    data = dict(data)
    derived = _Derived()
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        rows = _named_requests(s, ws, data.get("support_requests"))
        org = None
        if not _blank(data.get("supplier")):
            org = s.execute(
                select(Organization).where(
                    Organization.workspace_id == ws.id,
                    Organization.key == str(data["supplier"]).strip(),
                    Organization.role == "supplier",
                )
            ).scalar_one_or_none()
        contract = None
        if _blank(data.get("contract")):
            ids = {r.contract_id for r in rows if r.contract_id}
            contract = s.get(Contract, next(iter(ids))) if len(ids) == 1 else None
            if contract is not None and (org is None or contract.supplier_id in (None, org.id)):
                data["contract"] = contract.number
                if _blank(data.get("orders")):  # what was bought and delivered under it
                    data["orders"] = list(
                        s.execute(
                            select(Order.number).where(Order.contract_id == contract.id).order_by(Order.id)
                        ).scalars()
                    )
        else:
            contract = contract_by_ref(s, ws, str(data["contract"]).strip())
        if rows and org is not None:
            derived = _derive(
                s,
                ws,
                rows,
                contract,
                org,
                knowledge_on=knowledge_on,
                governing_law=governing_law,
                contract_type=contract_type,
                cisg_applies=cisg_applies,
                facts_given=not _blank(data.get("facts")),
            )
    case_id = open_case(ctx, workspace, data, actor=actor)
    if derived.facts:
        try:
            set_facts(ctx, workspace, case_id, derived.facts, actor=actor)
        except ValueError as exc:
            derived.notes.append(
                {
                    "date": derived.facts["knowledge_on"],
                    "text": to_json(T("deadline facts not set: %(reason)s", reason=_reason(exc))),
                    "evidence": [],
                }
            )
    _finish(ctx, workspace, case_id, derived, actor=actor)
    return case_id
