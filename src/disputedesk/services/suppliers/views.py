"""The supplier list and a supplier's page."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from ...domain import scorecard as sc
from ...domain.suppliers import (
    DD_LABELS,
    Certification,
    ContactProposal,
    DDGap,
    DDItem,
    SupplierKind,
    dd_gaps,
    next_contact,
)
from ...domain.suppliers import (
    ContactChannel as DChannel,
)
from ...domain.suppliers import (
    SupplierProfile as DProfile,
)
from ...store.db import unit_of_work
from ...store.models import Organization
from ...store.models_suppliers import (
    DueDiligenceEntry,
    SupplierBankAccount,
    SupplierCertification,
    SupplierFactEvidence,
    SupplierProfileRow,
    SupplierReview,
    SupplierReviewSchedule,
)
from ..context import Context
from ..workspaces import get_workspace
from .base import KINDS, SupplierNotFound, _labels, _org
from .due_diligence import _dd_entries
from .escalation import ContactView, _matrix, proposal_dict
from .payment_safety import WarningView, list_payment_warnings
from .reviews import Reminder, review_prefill, review_reminders
from .scorecard import CardView, score_history, scorecards

# --------------------------------------------------------------------------- reading


@dataclass
class SupplierListRow:
    key: str
    name_en: str
    name_zh: str | None
    uscc: str | None
    email_domains: list[str]
    score: Decimal | None
    risk: str
    top_driver: str | None
    red_flags: tuple[str, ...]
    open_warnings: int
    rank: int
    measured: bool = True
    red_flags_zh: tuple[str, ...] = ()
    open_messages: int = 0  # messages with an open payment warning (open_warnings: the warnings themselves)
    provisional: bool = False  # scored on less than half of the weight (domain/scorecard.py THIN_BELOW)
    coverage: Decimal = Decimal(0)  # share of the weight measured, 0-100

    def as_dict(self) -> dict[str, Any]:
        d = dict(self.__dict__)
        d["score"] = None if self.score is None else str(self.score)
        d["coverage"] = str(self.coverage)
        d["red_flags"] = list(self.red_flags)
        d["red_flags_zh"] = list(self.red_flags_zh)
        return d


def list_suppliers(ctx: Context, workspace: str, today: date | None = None) -> list[SupplierListRow]:
    cards = scorecards(ctx, workspace, today)
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        orgs = {
            o.key: o
            for o in s.execute(
                select(Organization).where(Organization.workspace_id == ws.id, Organization.role == "supplier")
            ).scalars()
        }
    return [
        SupplierListRow(
            v.key,
            v.name,
            v.name_zh,
            orgs[v.key].uscc,
            list(orgs[v.key].email_domains or []),
            v.card.score,
            v.card.risk,
            v.card.drivers[0] if v.card.drivers else None,
            v.card.red_flags,
            v.open_warnings,
            n,
            v.measured,
            v.card.red_flags_zh,
            v.open_messages,
            v.card.provisional,
            v.card.coverage,
        )
        for n, v in enumerate(cards, 1)
    ]


@dataclass
class FactRow:
    field: str
    label: str
    value: Any
    evidence: list[str]
    problems: list[str]


@dataclass
class DDRow:
    item: str
    label: str
    status: str
    on: date | None
    by: str | None
    evidence: str | None
    note: str | None
    history: int


@dataclass
class SupplierPage:
    key: str
    org: Organization
    profile: SupplierProfileRow | None
    facts: list[FactRow]
    problems: list[tuple[str, str]]
    certifications: list[tuple[SupplierCertification, str, str | None]]  # row, status, evidence
    bank_accounts: list[tuple[SupplierBankAccount, str | None]]
    verified_account: SupplierBankAccount | None
    checklist: list[DDRow]
    gaps: list[DDGap]
    contacts: list[ContactView]
    protocol: str | None
    proposal: ContactProposal
    proposal_at: datetime
    warnings: list[WarningView]
    schedule: SupplierReviewSchedule | None
    reminder: Reminder | None
    reviews: list[tuple[SupplierReview, str | None]]
    card: CardView
    history: list[sc.SeriesPoint]
    rank: int
    of: int
    review_defaults: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        o = self.org
        p = self.profile

        def ch(c: DChannel) -> dict[str, Any]:
            return {
                "channel": c.channel.value,
                "address": c.address,
                "hours": c.hours.describe() if c.hours else None,
                "preferred": c.preferred,
            }

        prop = self.proposal
        return {
            "key": self.key,
            "name_en": o.name_en,
            "name_zh": o.name_zh,
            "uscc": o.uscc,
            "address_en": o.address_en,
            "address_zh": o.address_zh,
            "legal_representative": o.legal_representative,
            "registered_capital": None
            if not p or p.registered_capital is None
            else {"amount": str(p.registered_capital), "currency": p.capital_currency},
            "business_scope": p.business_scope if p else None,
            "kind": p.kind if p else "unknown",
            "export_licence": p.export_licence if p else None,
            "websites": list(o.websites or []),
            "email_domains": list(o.email_domains or []),
            "store_links": list(p.store_links or []) if p else [],
            "evidence": {f.field: f.evidence for f in self.facts if f.evidence},
            "problems": [{"field": f, "message": m} for f, m in self.problems],
            "certifications": [
                {
                    "name": c.name,
                    "valid_until": c.valid_until.isoformat() if c.valid_until else None,
                    "status": st,
                    "evidence": ev,
                }
                for c, st, ev in self.certifications
            ],
            "bank_accounts": [
                {
                    "beneficiary_name": a.beneficiary_name,
                    "account_number": a.account_number,
                    "bank_name": a.bank_name,
                    "swift": a.swift,
                    "verified_on": a.verified_on.isoformat() if a.verified_on else None,
                    "verified_by": a.verified_by,
                    "evidence": ev,
                }
                for a, ev in self.bank_accounts
            ],
            "due_diligence": [
                {
                    "item": r.item,
                    "status": r.status,
                    "on": r.on.isoformat() if r.on else None,
                    "by": r.by,
                    "evidence": r.evidence,
                    "note": r.note,
                }
                for r in self.checklist
            ],
            "due_diligence_gaps": [
                {"item": g.item.value, "kind": g.kind, "severity": g.severity, "message": g.message} for g in self.gaps
            ],
            "contacts": [
                {
                    "name": c.name,
                    "name_zh": c.name_zh,
                    "level": c.level,
                    "role": c.role,
                    "legal_representative": c.legal_representative,
                    "channels": [ch(x) for x in c.channels],
                }
                for c in self.contacts
            ],
            "protocol": self.protocol,
            "next_contact": proposal_dict(prop),
            "payment_warnings": [w.as_dict() for w in self.warnings],
            "review_schedule": None
            if not self.schedule
            else {
                "frequency": self.schedule.frequency,
                "first_due": self.schedule.first_due.isoformat(),
                "grace_days": self.schedule.grace_days,
            },
            "review_due": None
            if not self.reminder
            else {
                "due_on": self.reminder.due_on.isoformat(),
                "status": self.reminder.status,
                "days_overdue": self.reminder.days_overdue,
            },
            "reviews": [
                {
                    "reviewed_on": r.reviewed_on.isoformat(),
                    "reviewer": r.reviewer,
                    "period": [r.period_start.isoformat(), r.period_end.isoformat()],
                    "product_quality": r.product_quality,
                    "support_responsiveness": r.support_responsiveness,
                    "documentation": r.documentation,
                    "figures": r.figures,
                    "figures_source": r.figures_source,
                    "open_disputes": r.open_disputes,
                    "actions": r.actions,
                    "notes": r.notes,
                    "evidence": ev,
                }
                for r, ev in self.reviews
            ],
            "scorecard": self.card.as_dict(),
            "rank": self.rank,
            "of": self.of,
            "history": [
                {"period": p.period, "score": None if p.score is None else str(p.score), "risk": p.risk}
                for p in self.history
            ],
        }


FACT_LABELS = {
    "legal_name_zh": "Chinese legal name",
    "legal_name_en": "English name",
    "uscc": "USCC",
    "registered_address": "Registered address",
    "legal_representative": "Legal representative",
    "registered_capital": "Registered capital",
    "business_scope": "Business scope",
    "kind": "Factory or trading company",
    "export_licence": "Export licence",
    "websites": "Websites",
    "email_domains": "Email domains",
    "store_links": "Platform store links",
}


def _domain_profile(
    org: Organization, prof: SupplierProfileRow | None, certs: Sequence[SupplierCertification]
) -> DProfile:
    from ...domain.money import Money

    cap = None
    if prof and prof.registered_capital is not None and prof.capital_currency:
        try:
            cap = Money(prof.registered_capital, prof.capital_currency)
        except ValueError:
            cap = None
    kind = SupplierKind(prof.kind) if prof and prof.kind in KINDS else SupplierKind.UNKNOWN
    return DProfile(
        supplier_id=org.key,
        legal_name_zh=org.name_zh or "",
        uscc=org.uscc or "",
        legal_name_en=org.name_en,
        registered_address=org.address_zh or org.address_en,
        legal_representative=org.legal_representative,
        registered_capital=cap,
        business_scope=prof.business_scope if prof else None,
        kind=kind,
        certifications=tuple(Certification(c.name, c.number, c.issuer, c.valid_from, c.valid_until) for c in certs),
        export_licence=prof.export_licence if prof else None,
        websites=tuple(org.websites or ()),
        email_domains=tuple(org.email_domains or ()),
        store_links=tuple(prof.store_links or ()) if prof else (),
    )


def supplier_page(ctx: Context, workspace: str, key: str, *, at: datetime | None = None) -> SupplierPage:
    """Everything the supplier page and ``GET /api/suppliers/{key}`` show."""
    at = at or ctx.clock()
    today = at.date()
    cards = scorecards(ctx, workspace, today)
    card = next((c for c in cards if c.key == key), None)
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        org = _org(s, ws, key)
        if card is None:  # pragma: no cover - the org exists, so it was scored
            raise SupplierNotFound(key)
        prof = s.execute(
            select(SupplierProfileRow).where(SupplierProfileRow.organization_id == org.id)
        ).scalar_one_or_none()
        certs = list(
            s.execute(select(SupplierCertification).where(SupplierCertification.organization_id == org.id)).scalars()
        )
        accounts = list(
            s.execute(
                select(SupplierBankAccount)
                .where(SupplierBankAccount.organization_id == org.id)
                .order_by(SupplierBankAccount.id)
            ).scalars()
        )
        facts_ev = list(
            s.execute(select(SupplierFactEvidence).where(SupplierFactEvidence.organization_id == org.id)).scalars()
        )
        dd = list(
            s.execute(
                select(DueDiligenceEntry)
                .where(DueDiligenceEntry.organization_id == org.id)
                .order_by(DueDiligenceEntry.id)
            ).scalars()
        )
        reviews = list(
            s.execute(
                select(SupplierReview)
                .where(SupplierReview.organization_id == org.id)
                .order_by(SupplierReview.reviewed_on.desc())
            ).scalars()
        )
        schedule = s.execute(
            select(SupplierReviewSchedule).where(SupplierReviewSchedule.organization_id == org.id)
        ).scalar_one_or_none()
        labels = _labels(s, [x.evidence_id for x in [*certs, *accounts, *facts_ev, *dd, *reviews]])
        matrix, contacts, _ = _matrix(s, ws, org)
        _ = org.contacts
    dprof = _domain_profile(org, prof, certs)
    problems = dprof.problems(today)
    by_field: dict[str, list[str]] = {}
    for f in facts_ev:
        by_field.setdefault(f.field, []).append(labels[f.evidence_id])
    cap = None
    if prof and prof.registered_capital is not None:
        cap = (prof.registered_capital, prof.capital_currency)
    values = {
        "legal_name_zh": org.name_zh,
        "legal_name_en": org.name_en if org.name_en != org.name_zh else None,  # the display name falls back to it
        "uscc": org.uscc,
        "registered_address": " / ".join(x for x in (org.address_zh, org.address_en) if x) or None,
        "legal_representative": org.legal_representative,
        "registered_capital": cap,
        "business_scope": prof.business_scope if prof else None,
        "kind": prof.kind if prof else "unknown",
        "export_licence": prof.export_licence if prof else None,
        "websites": list(org.websites or []),
        "email_domains": list(org.email_domains or []),
        "store_links": list(prof.store_links or []) if prof else [],
    }
    facts = [
        FactRow(f, FACT_LABELS[f], values[f], by_field.get(f, []), [m for pf, m in problems if pf == f])
        for f in FACT_LABELS
    ]
    latest: dict[str, DueDiligenceEntry] = {}
    counts: dict[str, int] = {}
    for e in dd:
        counts[e.item] = counts.get(e.item, 0) + 1
        cur = latest.get(e.item)
        if cur is None or (e.done_on or date.min) >= (cur.done_on or date.min):
            latest[e.item] = e
    checklist = []
    for item in DDItem:
        e = latest.get(item.value)
        checklist.append(
            DDRow(
                item.value,
                DD_LABELS[item],
                e.status if e else "not_started",
                e.done_on if e else None,
                e.done_by if e else None,
                labels.get(e.evidence_id) if e and e.evidence_id else None,
                e.note if e else None,
                counts.get(item.value, 0),
            )
        )
    gaps = dd_gaps(_dd_entries(dd, labels), today)
    verified = [a for a in accounts if a.verified_on]
    reminders = [r for r in review_reminders(ctx, workspace, today) if r.supplier_key == key]
    period_end = today
    period_start = (reviews[0].period_end + timedelta(days=1)) if reviews else today - timedelta(days=90)
    if period_start > period_end:
        period_start = period_end
    return SupplierPage(
        key=key,
        org=org,
        profile=prof,
        facts=facts,
        problems=problems,
        certifications=[
            (
                c,
                Certification(c.name, valid_from=c.valid_from, valid_until=c.valid_until).status(today),
                labels.get(c.evidence_id or 0),
            )
            for c in certs
        ],
        bank_accounts=[(a, labels.get(a.evidence_id or 0)) for a in accounts],
        verified_account=max(verified, key=lambda a: a.verified_on or date.min) if verified else None,
        checklist=checklist,
        gaps=gaps,
        contacts=contacts,
        protocol=prof.protocol if prof else None,
        proposal=next_contact(matrix, None, at),
        proposal_at=at,
        warnings=list_payment_warnings(ctx, workspace, supplier_key=key),
        schedule=schedule,
        reminder=reminders[0] if reminders else None,
        reviews=[(r, labels.get(r.evidence_id or 0)) for r in reviews],
        card=card,
        history=score_history(ctx, workspace, key, today),
        rank=[c.key for c in cards].index(key) + 1,
        of=len(cards),
        review_defaults=review_prefill(ctx, workspace, key, period_start, period_end),
    )
