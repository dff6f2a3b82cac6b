"""Dispute cases: open a case, walk the escalation ladder, compute its legal deadlines, claim
and recover money. Plain functions over a :class:`Context` and a workspace slug.

The legal and arithmetic work is done by the domain (``domain.ladder``, ``domain.deadlines``,
``domain.claims``, ``domain.money``); this module stores what the user entered, checks it
*before* anything is written (a bad field raises ``ValueError("<field>: …")`` and nothing is
stored), and builds a :class:`CaseView` with everything computed for a given ``today``.

How the case feeds the deadline rules (docs/deadlines.md):

* the facts (``received_on``, ``knowledge_on`` …) are stored per case (``case_facts``);
* the *demands* that restart limitation (Civil Code Art. 195) are the ladder steps that
  demand performance — formal complaint, escalation to senior management, lawyer's demand
  letter, and the filing of arbitration or litigation — **with proof of delivery** (an
  evidence item). A step without proof is shown, but restarts nothing;
* the supplier's acknowledgements (a written promise to perform) are stored separately.

Every change is a ledger entry (action ``case.*``, subject = the case number), so the case's
history is part of the same hash chain as the evidence it relies on.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import delete, event, func, select
from sqlalchemy.orm import Session

from ..domain import claims as dc
from ..domain.deadlines import (
    CONTRACT_TYPES,
    FACT_FIELDS,
    Deadline,
    Facts,
    compute_deadlines,
    facts_to_json,
)
from ..domain.ladder import (
    ISSUE_TYPES,
    STEP_SPECS,
    TRADE_ASSURANCE,
    IssueType,
    Ladder,
    LadderStep,
    Overdue,
    Step,
    Suggestion,
    allowed_next,
    overdue_steps,
    suggest_next,
)
from ..domain.ladder import (
    add_step as ladder_add_step,
)
from ..domain.money import ExchangeRate, Money, check_currency, convert, to_decimal, totals
from ..domain.periods import PeriodResult, legal_date
from ..store.db import lock_workspace, unit_of_work
from ..store.ledger import LedgerWriter
from ..store.models import Case, Contract, EvidenceItem, Order, Organization, SupportRequest, Workspace
from ..store.models_cases import (
    CaseAcknowledgement,
    CaseClaim,
    CaseFacts,
    CaseLink,
    CaseMoney,
    CaseStep,
    CaseSummaryCache,
    ExchangeRateRecord,
)
from .context import Context
from .workspaces import get_workspace

# Ladder steps that demand performance and, delivered with proof, restart limitation (Civil Code
# Art. 195: a demand by the right-holder; filing suit or applying for arbitration).
DEMAND_STEPS = frozenset({Step.FORMAL_COMPLAINT, Step.SENIOR_MANAGEMENT, Step.LAWYER_DEMAND})
FILING_STEPS = frozenset({Step.ARBITRATION, Step.LITIGATION})
RESTART_STEPS = DEMAND_STEPS | FILING_STEPS

# Other spellings of the issue types (e.g. in demo/data/dispute.json) → domain ids.
ISSUE_ALIASES = {
    "missing_or_untranslated_manual": "missing_manual",
    "unilateral_change_of_terms": "unilateral_term_change",
    "refusal_of_warranty_service": "warranty_refused",
    "non_conformity": "product_defect",
}
CASE_STATUSES = ("open", "settled", "closed")
MONEY_KINDS = ("offer", "settlement", "receipt")
LINK_KINDS = ("support_request", "evidence", "order", "breach")
# Exchange rates are stored as NUMERIC(20, 6) on PostgreSQL: more decimals would be cut.
RATE_DECIMALS = 6
UPCOMING_DAYS = 120
# Amounts are stored as NUMERIC(20, 6) on PostgreSQL: 14 digits before the point at most.
MAX_AMOUNT = Decimal(10) ** 12  # the dashboard shows deadlines this many days ahead
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_EVIDENCE = re.compile(r"^E-(\d{1,9})$")
_CASE_NO = re.compile(r"^CASE-\d{4}-\d{3,}$")


class CaseNotFound(LookupError):
    pass


# ----------------------------------------------------------------------------- input parsing


def _check_keys(data: Mapping[str, Any], allowed: Iterable[str], where: str) -> None:
    if not isinstance(data, Mapping):
        raise ValueError(f"{where}: expected an object with named fields")
    extra = sorted(set(data) - set(allowed), key=str)
    if extra:
        raise ValueError(f"{extra[0]}: unknown field (allowed: {', '.join(sorted(allowed))})")
    for key, value in data.items():
        _no_nul(value, str(key))


def _no_nul(value: Any, name: str) -> None:
    """Text with NUL characters cannot be stored (PostgreSQL refuses it): name the field."""
    if isinstance(value, str) and "\x00" in value:
        raise ValueError(f"{name}: contains a NUL character")
    if isinstance(value, Mapping):
        for k, v in value.items():
            _no_nul(v, f"{name}.{k}")
    elif isinstance(value, (list, tuple)):
        for i, v in enumerate(value):
            _no_nul(v, f"{name}[{i}]")


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def parse_date(value: Any, name: str, *, required: bool = True) -> date | None:
    """A calendar date from a ``date`` or ``YYYY-MM-DD``; impossible dates name the field."""
    if _blank(value):
        if required:
            raise ValueError(f"{name}: required (a date, YYYY-MM-DD)")
        return None
    if isinstance(value, date):
        d = value
    else:
        text = str(value).strip()
        if not _ISO.match(text):
            raise ValueError(f"{name}: {value!r} is not a date in the form YYYY-MM-DD")
        try:
            d = date.fromisoformat(text)
        except ValueError:
            raise ValueError(f"{name}: {value!r} is not a real calendar date") from None
    if not 1950 <= d.year <= 2200:
        raise ValueError(f"{name}: {d} is outside the years 1950–2200")
    return d


def parse_int(value: Any, name: str, *, minimum: int = 1, maximum: int = 3650) -> int | None:
    if _blank(value):
        return None
    if isinstance(value, bool) or isinstance(value, float):
        raise ValueError(f"{name}: expected a whole number, got {value!r}")
    try:
        n = int(str(value).strip())
    except ValueError:
        raise ValueError(f"{name}: {value!r} is not a whole number") from None
    if n < minimum:
        raise ValueError(f"{name}: must be at least {minimum}")
    if n > maximum:
        raise ValueError(f"{name}: {n} is more than {maximum}")
    return n


def parse_bool(value: Any, name: str) -> bool:
    if isinstance(value, bool):
        return value
    if _blank(value):
        return False
    text = str(value).strip().lower()
    if text in ("1", "true", "yes", "on"):
        return True
    if text in ("0", "false", "no", "off"):
        return False
    raise ValueError(f"{name}: {value!r} is not true or false")


def parse_text(value: Any, name: str, *, required: bool = False, limit: int = 2000) -> str:
    if _blank(value):
        if required:
            raise ValueError(f"{name}: required")
        return ""
    if not isinstance(value, str):
        raise ValueError(f"{name}: expected text")
    text = value.strip()
    if len(text) > limit:
        raise ValueError(f"{name}: longer than {limit} characters")
    return text


def parse_money(amount: Any, currency: Any, name: str = "amount", *, currency_name: str = "currency") -> Money:
    """Money from an amount (Decimal, int or decimal string; never float) and an ISO 4217 code."""
    if _blank(amount):
        raise ValueError(f"{name}: required")
    cur = check_currency(currency.strip().upper() if isinstance(currency, str) else currency, currency_name)
    value = to_decimal(amount, name)
    if value < 0:
        raise ValueError(f"{name}: {value} is negative; amounts must be zero or more")
    if value >= MAX_AMOUNT:
        raise ValueError(f"{name}: {value} is too large (at most {MAX_AMOUNT - 1})")
    try:
        return Money(value, cur)
    except ValueError as exc:
        raise ValueError(f"{name}: {str(exc).split(': ', 1)[-1]}") from None


def parse_list(value: Any, name: str) -> list[str]:
    """A list from a JSON list or a comma/space separated string."""
    if _blank(value):
        return []
    if isinstance(value, str):
        return [v for v in re.split(r"[,\s;]+", value.strip()) if v]
    if isinstance(value, (list, tuple)):
        out = []
        for i, v in enumerate(value):
            if not isinstance(v, str) or not v.strip():
                raise ValueError(f"{name}[{i}]: expected text")
            out.append(v.strip())
        return out
    raise ValueError(f"{name}: expected a list")


def _evidence_numbers(labels: Sequence[str], name: str) -> list[tuple[str, int]]:
    out = []
    for i, raw in enumerate(labels):
        m = _EVIDENCE.match(raw.strip().upper())
        if not m:
            raise ValueError(f"{name}[{i}]: {raw!r} is not an evidence number like E-0042")
        n = int(m.group(1))
        out.append((f"E-{n:04d}", n))
    return out


def _resolve_evidence(s: Session, ws: Workspace, labels: Sequence[str], name: str) -> dict[str, int]:
    """Evidence labels → item ids; a label that is not in this workspace names the field."""
    pairs = _evidence_numbers(labels, name)
    if not pairs:
        return {}
    rows = dict(
        s.execute(
            select(EvidenceItem.number, EvidenceItem.id).where(
                EvidenceItem.workspace_id == ws.id, EvidenceItem.number.in_([n for _, n in pairs])
            )
        ).all()
    )
    out: dict[str, int] = {}
    for i, (label, n) in enumerate(pairs):
        if n not in rows:
            raise ValueError(f"{name}[{i}]: {label} does not exist in this workspace")
        out[label] = rows[n]
    return out


def _one_evidence(s: Session, ws: Workspace, label: Any, name: str) -> tuple[str, int] | None:
    if _blank(label):
        return None
    if not isinstance(label, str):
        raise ValueError(f"{name}: expected an evidence number like E-0042")
    m = _EVIDENCE.match(label.strip().upper())
    if not m:
        raise ValueError(f"{name}: {label!r} is not an evidence number like E-0042")
    n = int(m.group(1))
    item_id = s.execute(
        select(EvidenceItem.id).where(EvidenceItem.workspace_id == ws.id, EvidenceItem.number == n)
    ).scalar_one_or_none()
    if item_id is None:
        raise ValueError(f"{name}: E-{n:04d} does not exist in this workspace")
    return f"E-{n:04d}", item_id


def normalise_issue(issue: str, name: str = "issues") -> str:
    key = ISSUE_ALIASES.get(issue.strip(), issue.strip())
    if key not in ISSUE_TYPES:
        raise ValueError(f"{name}: {issue!r} is not an issue type ({', '.join(ISSUE_TYPES)})")
    return key


# ---------------------------------------------------------------------------------- helpers


def today_for(ctx: Context) -> date:
    """Today in China (legal dates of the supplier's side; Civil Code Arts. 200–203)."""
    return legal_date(ctx.clock())


def _label(number: int | None) -> str | None:
    return None if number is None else f"E-{number:04d}"


def _labels_by_id(s: Session, ids: Iterable[int | None]) -> dict[int, str]:
    wanted = {i for i in ids if i}
    if not wanted:
        return {}
    return {
        i: f"E-{n:04d}"
        for i, n in s.execute(select(EvidenceItem.id, EvidenceItem.number).where(EvidenceItem.id.in_(wanted)))
    }


def _find_case(s: Session, ws: Workspace, ref: int | str) -> Case:
    q = select(Case).where(Case.workspace_id == ws.id)
    text = str(ref).strip()
    if text.isdigit() and len(text) <= 9:
        q = q.where(Case.id == int(text))
    elif _CASE_NO.match(text.upper()):
        q = q.where(Case.number == text.upper())
    else:
        raise CaseNotFound(f"case {text!r} does not exist (give its id or a number like CASE-2026-001)")
    case = s.execute(q).scalar_one_or_none()
    if case is None:
        raise CaseNotFound(f"case {text!r} does not exist in this workspace")
    return case


def _ledger(
    s: Session, ws: Workspace, ctx: Context, actor: str, action: str, case: Case, payload: dict[str, Any]
) -> LedgerWriter:
    writer = LedgerWriter(s, ws)
    writer.append(
        actor=actor, action=action, at=ctx.clock(), subject=case.number, payload={"case": case.number, **payload}
    )
    return writer


def _jsonable(value: Any) -> Any:
    if isinstance(value, (date, Decimal)):
        return value.isoformat() if isinstance(value, date) else str(value)
    if isinstance(value, Mapping):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value


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
        raise ValueError("issues: name at least one issue type (" + ", ".join(ISSUE_TYPES) + ")")
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
            "support_requests: a case is opened from at least one support request, SLA breach or evidence item"
        )
    platform = parse_bool(data.get("platform_order"), "platform_order")
    receipt_confirmed = parse_date(data.get("receipt_confirmed_on"), "receipt_confirmed_on", required=False)
    if receipt_confirmed and not platform:
        raise ValueError("receipt_confirmed_on: only for an order paid through a platform (platform_order)")
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
            raise ValueError(f"supplier: {supplier_key!r} is not a supplier in this workspace")
        contract = None
        if not _blank(data.get("contract")):
            ref = str(data.get("contract")).strip()
            contract = s.execute(
                select(Contract).where(
                    Contract.workspace_id == ws.id,
                    Contract.kind == "contract",
                    (Contract.number == ref) | (Contract.key == ref),
                )
            ).scalar_one_or_none()
            if contract is None:
                raise ValueError(f"contract: {ref!r} is not a contract in this workspace")
            if contract.supplier_id not in (None, supplier.id):
                raise ValueError(f"contract: {contract.number} is not a contract with {supplier.name_en}")
            if contract.signed_on and opened_on < contract.signed_on:
                raise ValueError(f"opened_on: {opened_on} is before the contract was signed ({contract.signed_on})")
        sr_rows = []
        for i, number in enumerate(srs):
            row = s.execute(
                select(SupportRequest).where(
                    SupportRequest.workspace_id == ws.id, SupportRequest.number == number.upper()
                )
            ).scalar_one_or_none()
            if row is None:
                raise ValueError(f"support_requests[{i}]: {number!r} does not exist in this workspace")
            sr_rows.append(row)
        ev_ids = _resolve_evidence(s, ws, evidence, "evidence")
        order_rows = []
        for i, number in enumerate(orders):
            row = s.execute(
                select(Order).where(Order.workspace_id == ws.id, (Order.number == number) | (Order.key == number))
            ).scalar_one_or_none()
            if row is None:
                raise ValueError(f"orders[{i}]: {number!r} is not an order in this workspace")
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


def _contract_of(s: Session, case: Case) -> Contract | None:
    return s.get(Contract, case.contract_id) if case.contract_id else None


def _apply_facts(s: Session, case: Case, cf: CaseFacts, data: Any, contract: Contract | None) -> None:
    """Validate and store the deadline facts; demands/acknowledgements come from the case."""
    if not isinstance(data, Mapping):
        raise ValueError("facts: expected an object with the deadline facts")
    _check_keys(data, FACT_INPUT_FIELDS, "facts")
    missing = [f for f in ("governing_law", "contract_type", "received_on", "knowledge_on") if _blank(data.get(f))]
    if missing:
        raise ValueError(f"{missing[0]}: required for the deadlines (see docs/deadlines.md)")
    law = str(data["governing_law"]).strip()
    law = law if law == "unknown" else law.upper()
    contract_type = str(data["contract_type"]).strip()
    if contract_type not in CONTRACT_TYPES:
        raise ValueError(f"contract_type: {contract_type!r} is not one of {', '.join(CONTRACT_TYPES)}")
    received = parse_date(data.get("received_on"), "received_on")
    knowledge = parse_date(data.get("knowledge_on"), "knowledge_on")
    assert received and knowledge
    if contract and contract.signed_on:
        if received < contract.signed_on:
            raise ValueError(f"received_on: {received} is before the contract was signed ({contract.signed_on})")
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


def _facts_row(s: Session, case: Case) -> CaseFacts:
    cf = s.execute(select(CaseFacts).where(CaseFacts.case_id == case.id)).scalar_one_or_none()
    if cf is None:
        cf = CaseFacts(
            workspace_id=case.workspace_id,
            case_id=case.id,
            issues=[case.issue_type] if case.issue_type else [],
            platform_order=False,
            notes=[],
        )
        s.add(cf)
        s.flush()
    return cf


def _restart_events(s: Session, case: Case, extra_step: CaseStep | None = None) -> tuple[list[date], list[date]]:
    steps = list(s.execute(select(CaseStep).where(CaseStep.case_id == case.id)).scalars())
    if extra_step is not None:
        steps.append(extra_step)
    demands = sorted(st.sent_on for st in steps if st.step in RESTART_STEPS and st.proof_evidence_id)
    acks = sorted(
        a.on_date
        for a in s.execute(select(CaseAcknowledgement).where(CaseAcknowledgement.case_id == case.id)).scalars()
    )
    return demands, acks


def _facts_of(cf: CaseFacts | None, demands: Sequence[date], acks: Sequence[date]) -> Facts | None:
    if cf is None or cf.knowledge_on is None or cf.received_on is None or cf.governing_law is None:
        return None
    return Facts(
        governing_law=cf.governing_law,
        contract_type=cf.contract_type or "other",
        cisg_applies=bool(cf.cisg_applies),
        received_on=cf.received_on,
        inspection_period_days=cf.inspection_period_days,
        warranty_months=cf.warranty_months,
        warranty_starts_on=cf.warranty_starts_on,
        knowledge_on=cf.knowledge_on,
        demands=tuple(demands),
        acknowledgements=tuple(acks),
        award_performance_deadline=cf.award_performance_deadline,
    )


# ------------------------------------------------------------------------------------ ladder

STEP_FIELDS = (
    "step",
    "sent_on",
    "channel",
    "recipient",
    "proof",
    "response_window_days",
    "cure_deadline",
    "reply_on",
    "reply_evidence",
    "resolved",
    "override_reason",
    "note",
)


def _domain_step(row: CaseStep, labels: Mapping[int, str]) -> LadderStep:
    return LadderStep(
        step=Step(row.step),
        sent_on=row.sent_on,
        channel=row.channel,
        recipient=row.recipient,
        proof=labels.get(row.proof_evidence_id) if row.proof_evidence_id else None,
        response_window_days=row.response_window_days,
        cure_deadline=row.cure_deadline,
        reply_on=row.reply_on,
        resolved=row.resolved,
        override_reason=row.override_reason,
    )


def _ladder(s: Session, case: Case, cf: CaseFacts | None) -> tuple[Ladder, list[CaseStep], dict[int, str]]:
    rows = list(s.execute(select(CaseStep).where(CaseStep.case_id == case.id).order_by(CaseStep.position)).scalars())
    labels = _labels_by_id(s, [r.proof_evidence_id for r in rows] + [r.reply_evidence_id for r in rows])
    ladder = Ladder(
        steps=tuple(_domain_step(r, labels) for r in rows),
        platform_order=bool(cf and cf.platform_order),
        receipt_confirmed_on=cf.receipt_confirmed_on if cf else None,
        platform_rule=TRADE_ASSURANCE,
    )
    return ladder, rows, labels


def add_step(ctx: Context, workspace: str, ref: int | str, data: Mapping[str, Any], *, actor: str) -> int:
    """Append a ladder step (checked by ``domain.ladder``); returns its position (1, 2, …)."""
    _check_keys(data, STEP_FIELDS, "step")
    raw_step = parse_text(data.get("step"), "step", required=True, limit=40)
    try:
        step = Step(raw_step)
    except ValueError:
        raise ValueError(f"step: {raw_step!r} is not a ladder step ({', '.join(s.value for s in Step)})") from None
    sent_on = parse_date(data.get("sent_on"), "sent_on")
    assert sent_on is not None
    channel = parse_text(data.get("channel"), "channel", required=True, limit=100)
    recipient = parse_text(data.get("recipient"), "recipient", required=True, limit=300)
    window = parse_int(data.get("response_window_days"), "response_window_days")
    cure = parse_date(data.get("cure_deadline"), "cure_deadline", required=False)
    reply_on = parse_date(data.get("reply_on"), "reply_on", required=False)
    resolved = parse_bool(data.get("resolved"), "resolved")
    override = parse_text(data.get("override_reason"), "override_reason") or None
    note = parse_text(data.get("note"), "note") or None
    today = today_for(ctx)
    if sent_on > today:
        raise ValueError(f"sent_on: {sent_on} is in the future; record a step once it has been taken")
    if reply_on and reply_on > today:
        raise ValueError(f"reply_on: {reply_on} is in the future")
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        lock_workspace(s, ws.id)
        case = _find_case(s, ws, ref)
        contract = _contract_of(s, case)
        if contract and contract.signed_on and sent_on < contract.signed_on:
            raise ValueError(f"sent_on: {sent_on} is before the contract was signed ({contract.signed_on})")
        proof = _one_evidence(s, ws, data.get("proof"), "proof")
        reply_ev = _one_evidence(s, ws, data.get("reply_evidence"), "reply_evidence")
        if reply_ev and not reply_on:
            raise ValueError("reply_on: give the date of the reply whose evidence is attached")
        cf = s.execute(select(CaseFacts).where(CaseFacts.case_id == case.id)).scalar_one_or_none()
        if step in RESTART_STEPS and proof and cf is not None and cf.knowledge_on and sent_on < cf.knowledge_on:
            raise ValueError(
                f"sent_on: {sent_on} is before the buyer knew of the breach ({cf.knowledge_on}); a demand "
                "presupposes knowledge (change knowledge_on in the facts if it is wrong)"
            )
        ladder, rows, _ = _ladder(s, case, cf)
        new = LadderStep(
            step=step,
            sent_on=sent_on,
            channel=channel,
            recipient=recipient,
            proof=proof[0] if proof else None,
            response_window_days=window,
            cure_deadline=cure,
            reply_on=reply_on,
            resolved=resolved,
            override_reason=override,
        )
        ladder_add_step(ladder, new)  # transition and date checks; LadderError names the field
        row = CaseStep(
            workspace_id=ws.id,
            case_id=case.id,
            position=len(rows) + 1,
            step=step.value,
            sent_on=sent_on,
            channel=channel,
            recipient=recipient,
            proof_evidence_id=proof[1] if proof else None,
            response_window_days=window,
            cure_deadline=cure,
            reply_on=reply_on,
            reply_evidence_id=reply_ev[1] if reply_ev else None,
            resolved=resolved,
            override_reason=override,
            note=note,
            created_at=ctx.clock(),
            created_by=actor,
        )
        s.add(row)
        s.flush()
        writer = _ledger(
            s,
            ws,
            ctx,
            actor,
            "case.step_added",
            case,
            {
                "position": row.position,
                "step": step.value,
                "sent_on": sent_on.isoformat(),
                "channel": channel,
                "recipient": recipient,
                "proof": proof[0] if proof else None,
                "restarts_limitation": bool(step in RESTART_STEPS and proof),
            },
        )
        position = row.position
    writer.write_anchor(ctx.blobs)
    return position


REPLY_FIELDS = ("reply_on", "reply_evidence", "resolved")


def record_reply(
    ctx: Context, workspace: str, ref: int | str, position: int, data: Mapping[str, Any], *, actor: str
) -> None:
    """Record the supplier's reply to a step (or that it resolved the issue)."""
    _check_keys(data, REPLY_FIELDS, "reply")
    reply_on = parse_date(data.get("reply_on"), "reply_on")
    assert reply_on is not None
    resolved = parse_bool(data.get("resolved"), "resolved")
    if reply_on > today_for(ctx):
        raise ValueError(f"reply_on: {reply_on} is in the future")
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        lock_workspace(s, ws.id)
        case = _find_case(s, ws, ref)
        row = None
        if 1 <= int(position) <= 100_000:
            row = s.execute(
                select(CaseStep).where(CaseStep.case_id == case.id, CaseStep.position == int(position))
            ).scalar_one_or_none()
        if row is None:
            raise CaseNotFound(f"step {position} does not exist in {case.number}")
        if reply_on < row.sent_on:
            raise ValueError(f"reply_on: {reply_on} is before the step was sent ({row.sent_on})")
        ev = _one_evidence(s, ws, data.get("reply_evidence"), "reply_evidence")
        row.reply_on = reply_on
        row.resolved = resolved
        if ev:
            row.reply_evidence_id = ev[1]
        writer = _ledger(
            s,
            ws,
            ctx,
            actor,
            "case.reply_recorded",
            case,
            {
                "position": row.position,
                "reply_on": reply_on.isoformat(),
                "resolved": resolved,
                "evidence": ev[0] if ev else None,
            },
        )
    writer.write_anchor(ctx.blobs)


ACK_FIELDS = ("on", "evidence", "summary")


def add_acknowledgement(ctx: Context, workspace: str, ref: int | str, data: Mapping[str, Any], *, actor: str) -> None:
    """The supplier acknowledged the claim or promised to perform: restarts limitation (Art. 195)."""
    _check_keys(data, ACK_FIELDS, "acknowledgement")
    on = parse_date(data.get("on"), "on")
    assert on is not None
    summary = parse_text(data.get("summary"), "summary", required=True)
    if on > today_for(ctx):
        raise ValueError(f"on: {on} is in the future")
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        lock_workspace(s, ws.id)
        case = _find_case(s, ws, ref)
        ev = _one_evidence(s, ws, data.get("evidence"), "evidence")
        cf = s.execute(select(CaseFacts).where(CaseFacts.case_id == case.id)).scalar_one_or_none()
        if cf is not None and cf.knowledge_on and on < cf.knowledge_on:
            raise ValueError(f"on: {on} is before the buyer knew of the breach ({cf.knowledge_on})")
        s.add(
            CaseAcknowledgement(
                workspace_id=ws.id, case_id=case.id, on_date=on, evidence_id=ev[1] if ev else None, summary=summary
            )
        )
        writer = _ledger(
            s,
            ws,
            ctx,
            actor,
            "case.acknowledgement_added",
            case,
            {"on": on.isoformat(), "evidence": ev[0] if ev else None},
        )
    writer.write_anchor(ctx.blobs)


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
            f"kind: {raw_kind!r} is not a claim head kind ({', '.join(k.value for k in dc.HeadKind)})"
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
                f"method: {method!r} is not 'prc' (difference, Sales Interpretation Art. 17) "
                "or 'cisg' (proportional, Art. 50)"
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
                head_id, kind, amount, evidence=ev, description=description or f"{kind.value} costs", clause=clause
            )
        elif kind is dc.HeadKind.SERVICE_CREDIT:
            if not reference:
                raise ValueError("reference: service credits need the SLA engine's reference (breach or credit)")
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


def _required(name: str) -> Any:
    raise ValueError(f"{name}: required")


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
            raise ValueError(f"amount: the computed {head.amount} is too large (at most {MAX_AMOUNT - 1})")
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
                description=head.description,
                reference=parse_text(data.get("reference"), "reference", limit=300) or None,
                workings=list(head.workings),
                warnings=list(head.warnings),
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


# ---------------------------------------------------------------------------------- recovery

MONEY_FIELDS = ("kind", "on", "amount", "currency", "party", "status", "evidence", "note")


def add_money(ctx: Context, workspace: str, ref: int | str, data: Mapping[str, Any], *, actor: str) -> None:
    """Record an offer, a settlement or an amount received (with its evidence)."""
    _check_keys(data, MONEY_FIELDS, "recovery")
    kind = parse_text(data.get("kind"), "kind", required=True)
    if kind not in MONEY_KINDS:
        raise ValueError(f"kind: {kind!r} is not one of {', '.join(MONEY_KINDS)}")
    on = parse_date(data.get("on"), "on")
    assert on is not None
    if on > today_for(ctx):
        raise ValueError(f"on: {on} is in the future")
    amount = parse_money(data.get("amount"), data.get("currency"))
    evidence = parse_list(data.get("evidence"), "evidence")
    note = parse_text(data.get("note"), "note")
    party = parse_text(data.get("party"), "party") or ("supplier" if kind == "offer" else None)
    status = parse_text(data.get("status"), "status") or ("open" if kind == "offer" else None)
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        lock_workspace(s, ws.id)
        case = _find_case(s, ws, ref)
        labels = tuple(_resolve_evidence(s, ws, evidence, "evidence"))
        # The domain objects check the rest (party, status, evidence required for receipts).
        try:
            if kind == "offer":
                dc.Offer(on, party or "supplier", amount, labels, dc.OfferStatus(status), note)
            elif kind == "settlement":
                dc.Settlement(on, amount, labels, note)
            else:
                dc.Receipt(on, amount, labels, note)
        except ValueError as exc:
            msg = str(exc)
            for prefix in ("offer.", "settlement.", "received."):
                msg = msg.replace(prefix, "", 1) if msg.startswith(prefix) else msg
            if msg.startswith("by:"):
                msg = "party:" + msg[3:]
            if "is not a valid OfferStatus" in msg:
                msg = f"status: {status!r} is not one of open, accepted, rejected, lapsed"
            raise ValueError(msg) from None
        if case.opened_on and kind != "offer" and on < case.opened_on - timedelta(days=3650):
            raise ValueError(f"on: {on} is implausibly early")
        s.add(
            CaseMoney(
                workspace_id=ws.id,
                case_id=case.id,
                kind=kind,
                on_date=on,
                amount=amount.amount,
                currency=amount.currency,
                party=party if kind == "offer" else None,
                status=status if kind == "offer" else None,
                evidence=list(labels),
                note=note,
                created_at=ctx.clock(),
                created_by=actor,
            )
        )
        if kind == "settlement":
            case.status = "settled"
        writer = _ledger(
            s,
            ws,
            ctx,
            actor,
            f"case.{kind}_recorded",
            case,
            {"on": on.isoformat(), "amount": amount.to_json(), "evidence": list(labels)},
        )
    writer.write_anchor(ctx.blobs)


RATE_FIELDS = ("base", "quote", "rate", "on", "source")


def record_rate(ctx: Context, workspace: str, data: Mapping[str, Any], *, actor: str) -> None:
    """Record an exchange rate with its date and source (the only way amounts get converted)."""
    _check_keys(data, RATE_FIELDS, "rate")
    base = check_currency(str(data.get("base") or "").strip().upper(), "base")
    quote = check_currency(str(data.get("quote") or "").strip().upper(), "quote")
    on = parse_date(data.get("on"), "on")
    assert on is not None
    if _blank(data.get("rate")):
        raise ValueError("rate: required")
    rate = to_decimal(data.get("rate"), "rate")
    if rate.as_tuple().exponent < -RATE_DECIMALS:  # type: ignore[operator]
        raise ValueError(f"rate: {rate} has more than {RATE_DECIMALS} decimals")
    if rate.adjusted() >= 13:
        raise ValueError(f"rate: {rate} is too large")
    source = parse_text(data.get("source"), "source", required=True, limit=300)
    ExchangeRate(base, quote, rate, on, source)  # the domain's checks (rate > 0, distinct currencies)
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        lock_workspace(s, ws.id)
        s.add(
            ExchangeRateRecord(
                workspace_id=ws.id,
                base=base,
                quote=quote,
                rate=rate,
                on_date=on,
                source=source,
                created_at=ctx.clock(),
                created_by=actor,
            )
        )
        writer = LedgerWriter(s, ws)
        writer.append(
            actor=actor,
            action="case.rate_recorded",
            at=ctx.clock(),
            payload={"base": base, "quote": quote, "rate": str(rate), "on": on.isoformat(), "source": source},
        )
    writer.write_anchor(ctx.blobs)


def list_rates(ctx: Context, workspace: str) -> list[ExchangeRate]:
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        rows = s.execute(
            select(ExchangeRateRecord)
            .where(ExchangeRateRecord.workspace_id == ws.id)
            .order_by(ExchangeRateRecord.on_date, ExchangeRateRecord.id)
        ).scalars()
        return [ExchangeRate(r.base, r.quote, r.rate, r.on_date, r.source) for r in rows]


# ------------------------------------------------------------------------- SLA engine hook


def sla_claim_suggestions(ctx: Context, workspace: str, case_id: int) -> list[dict[str, Any]]:
    """HOOK to the SLA engine (``services/sla.py``): what it measured for the case's support requests.

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
        from . import sla

        rows = sla.list_requests(ctx, workspace)
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


# -------------------------------------------------------------------------------------- view


@dataclass
class StepView:
    position: int
    step: Step
    title: str
    citation: str
    unverified: bool
    sent_on: date
    channel: str
    recipient: str
    proof: str | None
    window_days: int | None
    cure_deadline: date | None
    response_due: PeriodResult | None
    reply_on: date | None
    reply_evidence: str | None
    resolved: bool
    overdue: Overdue | None
    restarts_limitation: bool
    override_reason: str | None
    note: str | None

    @property
    def outcome(self) -> str:
        if self.resolved:
            return "resolved"
        if self.reply_on is not None:
            return "replied"
        if self.overdue is not None:
            return "silence"
        return "waiting"

    def to_json(self) -> dict[str, Any]:
        return {
            "position": self.position,
            "step": self.step.value,
            "title": self.title,
            "citation": self.citation,
            "unverified": self.unverified,
            "sent_on": self.sent_on.isoformat(),
            "channel": self.channel,
            "recipient": self.recipient,
            "proof": self.proof,
            "response_window_days": self.window_days,
            "cure_deadline": _iso(self.cure_deadline),
            "response_due": _iso(self.response_due.due) if self.response_due else None,
            "response_due_explanation": self.response_due.explanation() if self.response_due else None,
            "response_due_provisional": self.response_due.provisional if self.response_due else False,
            "reply_on": _iso(self.reply_on),
            "reply_evidence": self.reply_evidence,
            "resolved": self.resolved,
            "outcome": self.outcome,
            "days_overdue": self.overdue.days_overdue if self.overdue else 0,
            "restarts_limitation": self.restarts_limitation,
            "override_reason": self.override_reason,
            "note": self.note,
        }


@dataclass
class DeadlineView:
    deadline: Deadline
    days_left: int | None  # negative: passed

    def to_json(self) -> dict[str, Any]:
        return {**self.deadline.to_json(), "days_left": self.days_left}


@dataclass
class HeadView:
    head: dc.ClaimHead
    reference: str | None

    def to_json(self) -> dict[str, Any]:
        return {**self.head.to_json(), "reference": self.reference}


@dataclass
class MoneyRow:
    kind: str
    on: date
    amount: Money
    party: str | None
    status: str | None
    evidence: list[str]
    note: str

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "on": self.on.isoformat(),
            "amount": self.amount.to_json(),
            "party": self.party,
            "status": self.status,
            "evidence": self.evidence,
            "note": self.note,
        }


@dataclass
class CaseView:
    id: int
    number: str
    title: str
    status: str
    opened_on: date
    amount_at_stake: Money | None
    currency: str | None
    supplier: dict[str, Any]
    buyer: dict[str, Any] | None
    contract: dict[str, Any] | None
    orders: list[dict[str, Any]]
    issues: list[IssueType]
    support_requests: list[dict[str, Any]]
    evidence: list[dict[str, Any]]
    breaches: list[str]
    platform_order: bool
    platform: dict[str, Any] | None
    facts: Facts | None
    facts_missing: list[str]
    steps: list[StepView]
    suggestion: Suggestion
    allowed_next: list[Step]
    acknowledgements: list[dict[str, Any]]
    deadlines: list[DeadlineView]
    deadline_error: str | None
    heads: list[HeadView]
    totals: dict[str, Money]
    conversions: list[dict[str, Any]]
    converted_total: Money | None
    unconverted: list[str]
    recovery: dc.RecoverySummary
    money: list[MoneyRow]
    notes: list[dict[str, Any]]
    sla_suggestions: list[dict[str, Any]]
    today: date
    ledger: list[dict[str, Any]] = field(default_factory=list)

    @property
    def overdue(self) -> list[StepView]:
        return [st for st in self.steps if st.overdue is not None]

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "number": self.number,
            "title": self.title,
            "status": self.status,
            "opened_on": self.opened_on.isoformat(),
            "amount_at_stake": self.amount_at_stake.to_json() if self.amount_at_stake else None,
            "supplier": self.supplier,
            "buyer": self.buyer,
            "contract": self.contract,
            "orders": self.orders,
            "issues": [
                {
                    "id": i.id,
                    "title": i.title,
                    "citations": list(i.citations),
                    "needs_counsel": i.needs_counsel,
                    "text": i.text,
                }
                for i in self.issues
            ],
            "support_requests": self.support_requests,
            "evidence": self.evidence,
            "breaches": self.breaches,
            "platform": self.platform,
            "facts": facts_to_json(self.facts) if self.facts else None,
            "facts_missing": self.facts_missing,
            "ladder": [st.to_json() for st in self.steps],
            "suggested_next": {
                "step": self.suggestion.step.value if self.suggestion.step else None,
                "action": self.suggestion.action,
                "reason": self.suggestion.reason,
                "citation": self.suggestion.citation,
                "by": _iso(self.suggestion.by),
            },
            "allowed_next": [s.value for s in self.allowed_next],
            "acknowledgements": self.acknowledgements,
            "deadlines": [d.to_json() for d in self.deadlines],
            "deadline_error": self.deadline_error,
            "claims": [h.to_json() for h in self.heads],
            "totals": {c: str(m.amount) for c, m in self.totals.items()},
            "conversions": self.conversions,
            "converted_total": self.converted_total.to_json() if self.converted_total else None,
            "unconverted": self.unconverted,
            "recovery": {
                "positions": [p.to_json() for p in self.recovery.positions],
                "best_open_offers": [
                    o.amount.to_json() | {"on": o.on.isoformat()} for o in self.recovery.best_open_offer
                ],
                "entries": [m.to_json() for m in self.money],
            },
            "notes": self.notes,
            "sla_suggestions": self.sla_suggestions,
            "today": self.today.isoformat(),
        }


def _iso(d: date | None) -> str | None:
    return None if d is None else d.isoformat()


def _latest_rate(rates: Sequence[ExchangeRateRecord], base: str, quote: str, today: date) -> ExchangeRate | None:
    best = None
    for r in rates:
        if (
            r.base == base
            and r.quote == quote
            and r.on_date <= today
            and (best is None or (r.on_date, r.id) >= (best.on_date, best.id))
        ):
            best = r
    return None if best is None else ExchangeRate(best.base, best.quote, best.rate, best.on_date, best.source)


def _build_view(s: Session, ws: Workspace, case: Case, today: date) -> CaseView:
    cf = s.execute(select(CaseFacts).where(CaseFacts.case_id == case.id)).scalar_one_or_none()
    supplier = s.get(Organization, case.supplier_id) if case.supplier_id else None
    buyer = s.execute(
        select(Organization).where(Organization.workspace_id == ws.id, Organization.role == "buyer").limit(1)
    ).scalar_one_or_none()
    contract = _contract_of(s, case)
    links = list(s.execute(select(CaseLink).where(CaseLink.case_id == case.id).order_by(CaseLink.id)).scalars())
    srs = [s.get(SupportRequest, ln.support_request_id) for ln in links if ln.kind == "support_request"]
    orders = [s.get(Order, ln.order_id) for ln in links if ln.kind == "order"]
    ev_links = _labels_by_id(s, [ln.evidence_id for ln in links if ln.kind == "evidence"])
    ev_names = dict(
        s.execute(
            select(EvidenceItem.id, EvidenceItem.original_name).where(EvidenceItem.id.in_(list(ev_links) or [-1]))
        ).all()
    )
    ladder, rows, labels = _ladder(s, case, cf)
    over = {o.index: o for o in overdue_steps(ladder, today)}
    steps = []
    for i, (row, dstep) in enumerate(zip(rows, ladder.steps, strict=True)):
        spec = STEP_SPECS[dstep.step]
        steps.append(
            StepView(
                position=row.position,
                step=dstep.step,
                title=spec.title,
                citation=spec.citation,
                unverified=spec.unverified,
                sent_on=row.sent_on,
                channel=row.channel,
                recipient=row.recipient,
                proof=dstep.proof,
                window_days=dstep.window_days(),
                cure_deadline=row.cure_deadline,
                response_due=dstep.response_due(),
                reply_on=row.reply_on,
                reply_evidence=labels.get(row.reply_evidence_id) if row.reply_evidence_id else None,
                resolved=row.resolved,
                overdue=over.get(i),
                restarts_limitation=dstep.step in RESTART_STEPS and dstep.proof is not None,
                override_reason=row.override_reason,
                note=row.note,
            )
        )
    ack_rows = list(
        s.execute(
            select(CaseAcknowledgement)
            .where(CaseAcknowledgement.case_id == case.id)
            .order_by(CaseAcknowledgement.on_date)
        ).scalars()
    )
    ack_labels = _labels_by_id(s, [a.evidence_id for a in ack_rows])
    demands = sorted(st.sent_on for st in steps if st.restarts_limitation)
    acks = [a.on_date for a in ack_rows]
    facts = None
    deadline_error = None
    missing: list[str] = []
    deadlines: list[DeadlineView] = []
    if cf is not None:
        missing = [
            f for f in ("governing_law", "contract_type", "received_on", "knowledge_on") if getattr(cf, f) is None
        ]
    else:
        missing = ["governing_law", "contract_type", "received_on", "knowledge_on"]
    if not missing:
        try:
            facts = _facts_of(cf, demands, acks)
        except ValueError as exc:
            deadline_error = str(exc)
        if facts is not None:
            deadlines = [DeadlineView(d, (d.due - today).days if d.due else None) for d in compute_deadlines(facts)]
    heads = []
    for r in s.execute(select(CaseClaim).where(CaseClaim.case_id == case.id).order_by(CaseClaim.head_no)).scalars():
        heads.append(
            HeadView(
                dc.ClaimHead(
                    id=f"H-{r.head_no}",
                    kind=dc.HeadKind(r.kind),
                    amount=Money(r.amount, r.currency),
                    basis=tuple(r.basis),
                    evidence=tuple(r.evidence),
                    description=r.description,
                    workings=tuple(r.workings),
                    warnings=tuple(r.warnings),
                ),
                r.reference,
            )
        )
    claim_totals = dc.claim_totals(h.head for h in heads)
    rates = list(s.execute(select(ExchangeRateRecord).where(ExchangeRateRecord.workspace_id == ws.id)).scalars())
    target = case.currency
    conversions: list[dict[str, Any]] = []
    unconverted: list[str] = []
    converted_total = None
    if target and claim_totals:
        parts = []
        for cur, m in claim_totals.items():
            if cur == target:
                parts.append(m)
                continue
            rate = _latest_rate(rates, cur, target, today)
            if rate is None:
                unconverted.append(cur)
                continue
            conv = convert(m, rate)
            parts.append(conv.result)
            conversions.append(
                {
                    "from": m.to_json(),
                    "to": conv.result.to_json(),
                    "rate": str(rate.rate),
                    "on": rate.on.isoformat(),
                    "source": rate.source,
                    "explanation": conv.explanation(),
                }
            )
        if not unconverted and parts:
            converted_total = totals(parts)[target]
    money_rows = [
        MoneyRow(r.kind, r.on_date, Money(r.amount, r.currency), r.party, r.status, list(r.evidence), r.note)
        for r in s.execute(
            select(CaseMoney).where(CaseMoney.case_id == case.id).order_by(CaseMoney.on_date, CaseMoney.id)
        ).scalars()
    ]
    recovery = dc.recovery_summary(
        [h.head for h in heads],
        offers=[
            dc.Offer(
                m.on, m.party or "supplier", m.amount, tuple(m.evidence), dc.OfferStatus(m.status or "open"), m.note
            )
            for m in money_rows
            if m.kind == "offer"
        ],
        settlements=[
            dc.Settlement(m.on, m.amount, tuple(m.evidence), m.note) for m in money_rows if m.kind == "settlement"
        ],
        receipts=[dc.Receipt(m.on, m.amount, tuple(m.evidence), m.note) for m in money_rows if m.kind == "receipt"],
    )
    issues = [
        ISSUE_TYPES[i] for i in (cf.issues if cf else [case.issue_type] if case.issue_type else []) if i in ISSUE_TYPES
    ]
    window_end = ladder.platform_window_end()
    return CaseView(
        id=case.id,
        number=case.number,
        title=case.title,
        status=case.status,
        opened_on=case.opened_on,
        amount_at_stake=Money(case.amount_at_stake, case.currency)
        if case.amount_at_stake is not None and case.currency
        else None,
        currency=case.currency,
        supplier={"key": supplier.key, "name_en": supplier.name_en, "name_zh": supplier.name_zh, "uscc": supplier.uscc}
        if supplier
        else {},
        buyer={"name_en": buyer.name_en, "country": buyer.country} if buyer else None,
        contract={
            "number": contract.number,
            "title": contract.title,
            "signed_on": _iso(contract.signed_on),
            "currency": contract.currency,
            "total": str(contract.total) if contract.total is not None else None,
        }
        if contract
        else None,
        orders=[
            {"number": o.number, "amount": str(o.amount), "currency": o.currency, "ordered_on": _iso(o.ordered_on)}
            for o in orders
            if o
        ],
        issues=issues,
        support_requests=[
            {"number": r.number, "title": r.title, "severity": r.severity, "status": r.status} for r in srs if r
        ],
        evidence=[{"label": ev_links[i], "name": ev_names.get(i, "")} for i in ev_links],
        breaches=[ln.reference or "" for ln in links if ln.kind == "breach"],
        platform_order=bool(cf and cf.platform_order),
        platform={
            "rule": TRADE_ASSURANCE.label(),
            "window_days": TRADE_ASSURANCE.window_days,
            "as_of": TRADE_ASSURANCE.as_of.isoformat(),
            "receipt_confirmed_on": _iso(cf.receipt_confirmed_on if cf else None),
            "window_end": _iso(window_end),
            "note": TRADE_ASSURANCE.note,
        }
        if cf and cf.platform_order
        else None,
        facts=facts,
        facts_missing=missing,
        steps=steps,
        suggestion=suggest_next(ladder, today),
        allowed_next=allowed_next(ladder, today),
        acknowledgements=[
            {
                "on": a.on_date.isoformat(),
                "evidence": ack_labels.get(a.evidence_id) if a.evidence_id else None,
                "summary": a.summary,
            }
            for a in ack_rows
        ],
        deadlines=deadlines,
        deadline_error=deadline_error,
        heads=heads,
        totals=claim_totals,
        conversions=conversions,
        converted_total=converted_total,
        unconverted=unconverted,
        recovery=recovery,
        money=money_rows,
        notes=list(cf.notes) if cf else [],
        sla_suggestions=[],
        today=today,
    )


def get_case(
    ctx: Context, workspace: str, ref: int | str, *, today: date | None = None, only_case_id: int | None = None
) -> CaseView:
    """Everything about one case, computed for ``today`` (default: today in China)."""
    today = today or today_for(ctx)
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        case = _find_case(s, ws, ref)
        if only_case_id is not None and case.id != only_case_id:
            raise CaseNotFound(f"case {ref!r} does not exist in this workspace")
        view = _build_view(s, ws, case, today)
    view.sla_suggestions = sla_claim_suggestions(ctx, workspace, view.id)
    return view


@dataclass
class CaseSummary:
    id: int
    number: str
    title: str
    status: str
    opened_on: date
    supplier: str
    issues: list[str]
    amount_at_stake: Money | None
    steps: int
    last_step: str | None
    overdue: int
    next_deadline: DeadlineView | None
    totals: dict[str, Money]

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "number": self.number,
            "title": self.title,
            "status": self.status,
            "opened_on": self.opened_on.isoformat(),
            "supplier": self.supplier,
            "issues": self.issues,
            "amount_at_stake": self.amount_at_stake.to_json() if self.amount_at_stake else None,
            "steps": self.steps,
            "last_step": self.last_step,
            "overdue_steps": self.overdue,
            "next_deadline": self.next_deadline.to_json() if self.next_deadline else None,
            "claimed": {c: str(m.amount) for c, m in self.totals.items()},
        }


def _case_ids(
    s: Session, ws: Workspace, only_case_id: int | None, limit: int | None = None, offset: int = 0
) -> list[int]:
    q = select(Case.id).where(Case.workspace_id == ws.id).order_by(Case.number)
    if only_case_id is not None:
        q = q.where(Case.id == only_case_id)
    if limit is not None:
        q = q.limit(limit).offset(offset)
    return list(s.execute(q).scalars())


def list_cases(
    ctx: Context,
    workspace: str,
    *,
    today: date | None = None,
    only_case_id: int | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[CaseSummary]:
    today = today or today_for(ctx)
    out = []
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        for cid in _case_ids(s, ws, only_case_id, limit, offset):
            case = s.get(Case, cid)
            assert case is not None
            v = _build_view(s, ws, case, today)
            upcoming = [d for d in v.deadlines if d.days_left is not None and d.days_left >= 0]
            out.append(
                CaseSummary(
                    id=v.id,
                    number=v.number,
                    title=v.title,
                    status=v.status,
                    opened_on=v.opened_on,
                    supplier=v.supplier.get("name_en", ""),
                    issues=[i.id for i in v.issues],
                    amount_at_stake=v.amount_at_stake,
                    steps=len(v.steps),
                    last_step=v.steps[-1].step.value if v.steps else None,
                    overdue=len(v.overdue),
                    next_deadline=min(upcoming, key=lambda d: d.days_left or 0) if upcoming else None,
                    totals=v.totals,
                )
            )
    return out


def dashboard_data(
    ctx: Context,
    workspace: str,
    *,
    today: date | None = None,
    only_case_id: int | None = None,
    days: int = UPCOMING_DAYS,
) -> dict[str, Any]:
    """Overdue ladder steps and deadlines in the next ``days`` days, across the workspace's cases."""
    today = today or today_for(ctx)
    overdue: list[dict[str, Any]] = []
    coming: list[dict[str, Any]] = []
    nxt: list[dict[str, Any]] = []
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        for cid in _case_ids(s, ws, only_case_id):
            case = s.get(Case, cid)
            assert case is not None
            v = _build_view(s, ws, case, today)
            for st in v.overdue:
                assert st.overdue is not None
                overdue.append(
                    {
                        "case_id": v.id,
                        "case": v.number,
                        "step": st.step.value,
                        "title": st.title,
                        "sent_on": st.sent_on,
                        "due": st.overdue.due,
                        "days": st.overdue.days_overdue,
                    }
                )
            for d in v.deadlines:
                if d.days_left is not None and 0 <= d.days_left <= days:
                    coming.append(
                        {
                            "case_id": v.id,
                            "case": v.number,
                            "kind": d.deadline.kind,
                            "label": d.deadline.label,
                            "due": d.deadline.due,
                            "days": d.days_left,
                            "rule": d.deadline.rule,
                            "needs_counsel": d.deadline.needs_counsel,
                            "provisional": d.deadline.provisional,
                        }
                    )
            if v.suggestion.by and 0 <= (v.suggestion.by - today).days <= days:
                coming.append(
                    {
                        "case_id": v.id,
                        "case": v.number,
                        "kind": "ladder",
                        "label": v.suggestion.reason,
                        "due": v.suggestion.by,
                        "days": (v.suggestion.by - today).days,
                        "rule": v.suggestion.citation,
                        "needs_counsel": False,
                        "provisional": False,
                    }
                )
            later = [d for d in v.deadlines if d.days_left is not None and d.days_left >= 0]
            if v.status == "open":
                nd = min(later, key=lambda d: d.days_left or 0) if later else None
                nxt.append(
                    {
                        "case_id": v.id,
                        "case": v.number,
                        "title": v.title,
                        "suggestion": v.suggestion,
                        "deadline": nd.deadline if nd else None,
                        "days": nd.days_left if nd else None,
                    }
                )
    coming.sort(key=lambda x: x["due"])
    overdue.sort(key=lambda x: -x["days"])
    return {"today": today, "overdue": overdue, "coming": coming, "days": days, "cases": nxt}


# ---------------------------------------------------------------------------------- iCalendar


def case_ics(
    ctx: Context, workspace: str, ref: int | str, *, today: date | None = None, only_case_id: int | None = None
) -> bytes:
    """The case's legal deadlines and open response windows as an iCalendar file (all-day events)."""
    from icalendar import Alarm, Calendar, Event

    v = get_case(ctx, workspace, ref, today=today, only_case_id=only_case_id)
    cal = Calendar()
    cal.add("prodid", "-//DisputeDesk//cases//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"{v.number} {v.title}")
    stamp = ctx.clock()
    for d in v.deadlines:
        dl = d.deadline
        if dl.due is None:
            continue
        flags = [
            f
            for f, on in (
                ("PROVISIONAL", dl.provisional),
                ("NEEDS COUNSEL", dl.needs_counsel),
                ("UNVERIFIED", dl.unverified),
            )
            if on
        ]
        ev = Event()
        ev.add("uid", f"{v.number}-{dl.kind}-{dl.due.isoformat()}@disputedesk")
        ev.add("dtstamp", stamp)
        ev.add("dtstart", dl.due)
        ev.add("dtend", dl.due + timedelta(days=1))
        ev.add("summary", f"{v.number}: {dl.kind}: {dl.label} (last day)" + (f" [{', '.join(flags)}]" if flags else ""))
        ev.add(
            "description",
            "\n".join(
                [f"Rule: {dl.rule}", f"Facts used: {_jsonable(dict(dl.inputs))}"]
                + [f"- {e}" for e in dl.explanation]
                + ["Not legal advice: counsel decides."]
            ),
        )
        ev.add("categories", ["DisputeDesk", dl.kind])
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", f"{v.number}: {dl.label or dl.kind} in 30 days")
        alarm.add("trigger", timedelta(days=-30))
        ev.add_component(alarm)
        cal.add_component(ev)
    for st in v.steps:
        if st.response_due is None or st.reply_on is not None:
            continue
        ev = Event()
        ev.add("uid", f"{v.number}-step-{st.position}@disputedesk")
        ev.add("dtstamp", stamp)
        ev.add("dtstart", st.response_due.due)
        ev.add("dtend", st.response_due.due + timedelta(days=1))
        ev.add("summary", f"{v.number}: reply due to the {st.title} of {st.sent_on.isoformat()}")
        ev.add("description", st.response_due.explanation())
        ev.add("categories", ["DisputeDesk", "ladder"])
        cal.add_component(ev)
    if v.suggestion.by is not None:
        ev = Event()
        ev.add("uid", f"{v.number}-next-{v.suggestion.by.isoformat()}@disputedesk")
        ev.add("dtstamp", stamp)
        ev.add("dtstart", v.suggestion.by)
        ev.add("dtend", v.suggestion.by + timedelta(days=1))
        ev.add(
            "summary",
            f"{v.number}: {v.suggestion.step.value if v.suggestion.step else v.suggestion.action} by this day",
        )
        ev.add("description", f"{v.suggestion.reason} ({v.suggestion.citation})")
        cal.add_component(ev)
    return cal.to_ical()


# ---------------------------------------------------------------------------------------- demo

# Replies to the demo's ladder steps, read from the correspondence (README of demo/data): the
# first *substantive* answer counts; bare acknowledgements ("received, will check") and
# automatic replies are not a reply.
_DEMO_STEP_MAP = {
    "support_request": (Step.SUPPORT_REQUEST, "email", "Wang Lei 王磊, after-sales engineer (cc Kevin Liu)", None),
    "escalation_sales": (
        Step.SUPPORT_REQUEST,
        "email",
        "Kevin Liu 刘洋, international sales manager",
        "escalation to the supplier's sales manager: recorded as a further support request, it is not a rung "
        "of the ladder and demands nothing under a deadline",
    ),
    "formal_complaint": (
        Step.FORMAL_COMPLAINT,
        "email (EN/ZH)",
        "Chen Zhiqiang 陈志强, general manager and legal representative",
        None,
    ),
    "escalation_senior_management": (
        Step.SENIOR_MANAGEMENT,
        "email",
        "Chen Zhiqiang 陈志强, general manager and legal representative",
        None,
    ),
}
_DEMO_REPLIES = {
    "support_request": ("2026-04-01", "mail/20260401T092000Z_sr-e207-logreq.eml"),  # 30 Mar was a bare acknowledgement
    "escalation_sales": ("2026-04-14", "mail/20260414T134000Z_escalation-kevin-re.eml"),  # "rollback tomorrow"
    "formal_complaint": ("2026-07-24", "mail/20260724T103000Z_formal-complaint-kevin.eml"),  # no cure; 8 Jul: ack only
    "escalation_senior_management": ("2026-08-10", "mail/20260810T021500Z_escalation-gm-re.eml"),  # promises, refusal
}


def load_demo_case(ctx: Context, workspace: str, spec: Mapping[str, Any], *, actor: str = "demo-loader") -> str | None:
    """Turn ``spec["case"]`` of demo/data/dispute.json into a case (once). Returns a line for the report.

    Call after the demo's records are loaded. The ladder steps are mapped to ``domain.ladder``
    steps; "lawyer_instructed" (a mandate to the buyer's own counsel, not a letter to the
    supplier) is a dated note, not a ladder step, so it restarts nothing. The demands that
    restart limitation are derived from the steps with proof and must equal the facts block.
    """
    c = spec.get("case")
    if not c:
        return None
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        if s.execute(select(Case.id).where(Case.workspace_id == ws.id).limit(1)).first():
            return None
        by_source = {
            src.removeprefix("demo:"): f"E-{n:04d}"
            for n, src in s.execute(
                select(EvidenceItem.number, EvidenceItem.source).where(EvidenceItem.workspace_id == ws.id)
            )
        }
    sr_numbers = {sr["key"]: f"SR-{n:04d}" for n, sr in enumerate(spec.get("support_requests", []), 1)}

    def ev(path: str | None) -> str | None:
        if not path:
            return None
        if path not in by_source:
            raise ValueError(f"dispute.json: case evidence {path} is not in the vault")
        return by_source[path]

    contract = next((x for x in spec.get("contracts", []) if x["key"] == c.get("contract")), None)
    orders = [o["number"] for o in spec.get("orders", []) if contract and o.get("contract") == contract["key"]]
    facts = dict(c["deadline_facts"])
    expected_demands = facts.pop("demands")
    expected_acks = facts.pop("acknowledgements")
    ladder = c.get("ladder", [])
    opened_on = max((x["date"] for x in ladder), default=None)
    claim_sum = totals(parse_money(x["amount"], x["currency"]) for x in c.get("claims", []))
    currency = contract["currency"] if contract else None
    case_id = open_case(
        ctx,
        workspace,
        {
            "title": c["title"],
            "supplier": c["supplier"],
            "contract": contract["number"] if contract else None,
            "issues": c.get("issues", []),
            "opened_on": opened_on,
            "amount_at_stake": str(claim_sum[currency].amount) if currency in claim_sum else None,
            "currency": currency,
            "support_requests": [sr_numbers[k] for k in c.get("support_requests", [])],
            "orders": orders[:1],
            "facts": facts,
        },
        actor=actor,
    )
    notes = []
    for x in ladder:
        if x["step"] not in _DEMO_STEP_MAP:
            notes.append(
                {
                    "date": x["date"],
                    "text": x["step"].replace("_", " ")
                    + ": not a step towards the supplier (nothing delivered to it); restarts nothing",
                    "evidence": ev(x.get("evidence")),
                }
            )
            continue
        step, channel, recipient, note = _DEMO_STEP_MAP[x["step"]]
        reply = _DEMO_REPLIES.get(x["step"])
        window = None
        if x.get("response_deadline"):
            window = (date.fromisoformat(x["response_deadline"]) - date.fromisoformat(x["date"])).days
        add_step(
            ctx,
            workspace,
            case_id,
            {
                "step": step.value,
                "sent_on": x["date"],
                "channel": channel,
                "recipient": recipient,
                "proof": ev(x.get("evidence")),
                "cure_deadline": x.get("cure_deadline"),
                "response_window_days": window,
                "reply_on": reply[0] if reply else None,
                "reply_evidence": ev(reply[1]) if reply else None,
                "note": note,
            },
            actor=actor,
        )
    for a in c.get("acknowledgements", []):
        add_acknowledgement(
            ctx,
            workspace,
            case_id,
            {"on": a["date"], "evidence": ev(a.get("evidence")), "summary": a["summary"]},
            actor=actor,
        )
    for x in c.get("claims", []):
        basis = x.get("basis", "")
        kind = "damages" if "damages" in basis else "repair"
        add_claim(
            ctx,
            workspace,
            case_id,
            {
                "kind": kind,
                "amount": x["amount"],
                "currency": x["currency"],
                "basis": None if basis.strip() == "damages" or basis.startswith("damages (") else basis,
                "description": x["head"],
                "evidence": [ev(p) for p in x.get("evidence", [])[:1]]
                if kind == "damages"
                else [ev(p) for p in x.get("evidence", [])],
                "foreseeability_evidence": [ev(p) for p in x.get("evidence", [])[1:]] if kind == "damages" else None,
            },
            actor=actor,
        )
    if notes:
        with unit_of_work(ctx.engine) as s:
            cf = s.execute(select(CaseFacts).where(CaseFacts.case_id == case_id)).scalar_one()
            cf.notes = notes
    view = get_case(ctx, workspace, case_id)
    got_demands = [d.isoformat() for d in sorted(st.sent_on for st in view.steps if st.restarts_limitation)]
    got_acks = [a["on"] for a in view.acknowledgements]
    if got_demands != sorted(expected_demands) or got_acks != sorted(expected_acks):
        raise ValueError(
            f"dispute.json: case.deadline_facts demands {expected_demands} / acknowledgements {expected_acks} do not "
            f"match the ladder ({got_demands}) and acknowledgements ({got_acks})"
        )
    return (
        f"case {view.number}: {len(view.steps)} ladder steps, {len(view.deadlines)} deadlines, "
        f"{len(view.heads)} claim heads"
    )


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


# -- the list, cached per case and day -------------------------------------------------------
# A case's list row needs its whole view (deadlines, ladder, claims: about a dozen queries), so
# a page of a big workspace is slow to build. The row is kept per day in case_summary_cache and
# dropped by any change to the case's records (the flush hook below), so it is never stale.

_CASE_TABLES = (CaseFacts, CaseLink, CaseStep, CaseAcknowledgement, CaseClaim, CaseMoney)


@event.listens_for(Session, "before_flush")
def _drop_stale_summaries(session: Session, _ctx: object, _instances: object) -> None:
    case_ids: set[int] = set()
    workspaces: set[int] = set()
    for obj in (*session.new, *session.dirty, *session.deleted):
        if isinstance(obj, Case) and obj.id is not None:
            case_ids.add(obj.id)
        elif isinstance(obj, _CASE_TABLES) and getattr(obj, "case_id", None) is not None:
            case_ids.add(obj.case_id)
        elif isinstance(obj, ExchangeRateRecord | Organization):
            workspaces.add(obj.workspace_id)
    if case_ids:
        session.execute(delete(CaseSummaryCache).where(CaseSummaryCache.case_id.in_(case_ids)))
    if workspaces:
        session.execute(delete(CaseSummaryCache).where(CaseSummaryCache.workspace_id.in_(workspaces)))


def list_cases_json(
    ctx: Context,
    workspace: str,
    *,
    today: date | None = None,
    only_case_id: int | None = None,
    limit: int = 100,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """The list rows of a page of cases (as ``CaseSummary.to_json``), from the day's cache."""
    today = today or today_for(ctx)
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        ids = _case_ids(s, ws, only_case_id, limit, offset)
        cached = {
            c.case_id: c.data
            for c in s.execute(
                select(CaseSummaryCache).where(
                    CaseSummaryCache.case_id.in_(ids or [-1]), CaseSummaryCache.computed_on == today
                )
            ).scalars()
        }
        missing = [i for i in ids if i not in cached]
    if missing:
        fresh = {c.id: c.to_json() for c in _summaries(ctx, workspace, missing, today)}
        with unit_of_work(ctx.engine) as s:
            for cid, data in fresh.items():
                row = s.get(CaseSummaryCache, cid)
                if row is None:
                    s.add(CaseSummaryCache(case_id=cid, workspace_id=ws.id, computed_on=today, data=data))
                else:
                    row.computed_on, row.data = today, data
        cached.update(fresh)
    return [cached[i] for i in ids]


def _summaries(ctx: Context, workspace: str, ids: list[int], today: date) -> list[CaseSummary]:
    out = []
    for cid in ids:
        out.extend(list_cases(ctx, workspace, today=today, only_case_id=cid))
    return out


def refresh_summaries(ctx: Context, workspace: str, *, today: date | None = None, batch: int = 200) -> int:
    """Compute every case's list row for ``today`` (run daily by the worker, or after a bulk load)."""
    today = today or today_for(ctx)
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        total = s.execute(select(func.count(Case.id)).where(Case.workspace_id == ws.id)).scalar_one()
    for offset in range(0, int(total), batch):
        list_cases_json(ctx, workspace, today=today, limit=batch, offset=offset)
    return int(total)
