"""A case's page: everything computed for a given ``today`` (deadlines, ladder, claim total, recovery)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...domain import claims as dc
from ...domain.deadlines import (
    Deadline,
    Facts,
    compute_deadlines,
    facts_to_json,
)
from ...domain.ladder import (
    ISSUE_TYPES,
    STEP_SPECS,
    TRADE_ASSURANCE,
    IssueType,
    Overdue,
    Step,
    Suggestion,
    allowed_next,
    overdue_steps,
    suggest_next,
)
from ...domain.money import Money, convert, totals
from ...domain.periods import PeriodResult
from ...domain.text import Quoted, T
from ...domain.text import from_json as text_from_json
from ...domain.text import loads as text_loads
from ...store.db import unit_of_work
from ...store.models import Case, EvidenceItem, Order, Organization, SupportRequest, Workspace
from ...store.models_cases import (
    CaseAcknowledgement,
    CaseClaim,
    CaseFacts,
    CaseLink,
    CaseMoney,
    ExchangeRateRecord,
)
from ..context import Context
from ..workspaces import get_workspace
from .base import RESTART_STEPS, CaseNotFound, _contract_of, _find_case, _labels_by_id, today_for
from .claims import sla_claim_suggestions
from .ladder import _facts_of, _ladder, replaced_replies
from .recovery import _latest_rate

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
    # the replies this step's reply took the place of, oldest first: what (reply_on, evidence, resolved), when (at,
    # UTC) and by whom (by), from the ledger's case.reply_recorded entries
    replaced: list[dict[str, Any]] = field(default_factory=list)

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
            "replaced": self.replaced,
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
    stated_at_stake: Money | None = None  # the figure entered when the case was opened

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
            "stated_at_stake": self.stated_at_stake.to_json() if self.stated_at_stake else None,
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


def _at_stake(stated: Money | None, claim_totals: dict[str, Money], converted: Money | None) -> Money | None:
    """What is at stake: the claim heads' total once there are heads (in the case's currency, or
    their one currency), else the figure stated when the case was opened."""
    if converted is not None:
        return converted
    if len(claim_totals) == 1:
        return next(iter(claim_totals.values()))
    return stated


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
    replaced = replaced_replies(s, ws, case)
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
                replaced=replaced.get(row.position, []),
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
                    description=text_loads(r.description),
                    workings=tuple(text_from_json(w) for w in r.workings),
                    warnings=tuple(text_from_json(w) for w in r.warnings),
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
    stated = Money(case.amount_at_stake, case.currency) if case.amount_at_stake is not None and case.currency else None
    return CaseView(
        id=case.id,
        number=case.number,
        title=case.title,
        status=case.status,
        opened_on=case.opened_on,
        amount_at_stake=_at_stake(stated, claim_totals, converted_total),
        stated_at_stake=stated,
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
        # a note the code wrote is stored with its message id (services/records/case_opening.py):
        # English in the JSON, the reader's language on a page
        notes=[{**n, "text": text_from_json(n.get("text"))} if isinstance(n, dict) else n for n in (cf.notes or [])]
        if cf
        else [],
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
            raise CaseNotFound(T("case %(case)s does not exist in this workspace", case=Quoted(str(ref))))
        view = _build_view(s, ws, case, today)
    view.sla_suggestions = sla_claim_suggestions(ctx, workspace, view.id)
    return view
