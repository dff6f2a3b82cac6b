"""The facts a letter states, gathered from the workspace: parties, contract, orders, payments,
support requests, SLA breaches, the case."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func, select

from ...documents import letters as L
from ...documents.legal_zh import ISSUES_ZH, user_text
from ...documents.letter_money import set_money
from ...domain.text import T
from ...store.db import unit_of_work
from ...store.models import (
    Case,
    Contact,
    Contract,
    Delivery,
    EvidenceItem,
    Order,
    Organization,
    Payment,
    ProductUnit,
    SupportRequest,
)
from ..context import Context
from ..evidence import parse_label
from ..workspaces import get_workspace
from .subject import DEADLINE_ZH, Subject, _hours, _label, sender_zone


def _iso(dt: datetime | None) -> str:
    """A moment as the facts keep it (ISO, with its offset); the letter writes it in the sender's zone."""
    return dt.isoformat() if dt else ""


def gather_facts(
    ctx: Context, workspace: str, subject: Subject, *, letter_date: date, kind: str, sender_tz: str | None = None
) -> L.LetterFacts:
    """``sender_tz``: the zone of the person writing (the browser's), used when the buyer has none recorded."""
    f = L.LetterFacts(letter_date=letter_date, case_number=subject.case_number, supplier_key=subject.supplier_key)
    f.sender_tz = sender_zone(ctx, workspace, sender_tz)
    if subject.note:
        f.notes.append(subject.note)
    view = None
    if subject.case_number:
        try:
            from .. import cases as case_service

            view = case_service.get_case(ctx, workspace, subject.case_number, today=letter_date)
        except ImportError:  # pragma: no cover - cases area absent
            f.notes.append(T("cases are not available: no ladder, claims or issues"))
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        labels: dict[int, int] = {}

        def lab(ev_id: int | None) -> str:
            if not ev_id:
                return ""
            if ev_id not in labels:
                labels[ev_id] = s.execute(select(EvidenceItem.number).where(EvidenceItem.id == ev_id)).scalar_one()
            return _label(labels[ev_id])

        buyer = s.execute(
            select(Organization).where(Organization.workspace_id == ws.id, Organization.role == "buyer").limit(1)
        ).scalar_one_or_none()
        if buyer:
            f.buyer_name = buyer.name_en
            f.buyer_address = buyer.address_en
            f.buyer_country = buyer.country
            f.buyer_vat_id = (buyer.details or {}).get("vat_id")
            contacts = list(buyer.contacts)
            md = next((c for c in contacts if c.role and "managing director" in c.role.lower()), None)
            first = md or (contacts[0] if contacts else None)
            if md:
                f.buyer_legal_rep = f"{md.name}, {md.role}"
            if first:
                f.signatory = f"{first.name}, {first.role}" if first.role else first.name
            replies = [c for c in contacts if c.email]
            if replies:
                f.buyer_contact = ", ".join(f"{c.name} <{c.email}>" for c in replies[:2])
            bank = (buyer.details or {}).get("bank_account") or {}
            if bank.get("iban"):
                f.buyer_bank = f"{bank.get('bank', '')}, IBAN {bank['iban']}, BIC {bank.get('bic', '')}".strip(", ")
        sup = None
        if subject.supplier_key:
            sup = s.execute(
                select(Organization).where(Organization.workspace_id == ws.id, Organization.key == subject.supplier_key)
            ).scalar_one_or_none()
        if sup:
            f.supplier_name_en = sup.name_en
            f.supplier_name_zh = sup.name_zh
            f.supplier_uscc = sup.uscc
            f.supplier_address_en = sup.address_en
            f.supplier_address_zh = sup.address_zh
            f.supplier_legal_rep = sup.legal_representative
            contacts = list(
                s.execute(select(Contact).where(Contact.organization_id == sup.id).order_by(Contact.id)).scalars()
            )
            order = ("service_manager", "support_engineer", "sales")
            pick = sorted(
                (c for c in contacts if (c.level or "") in order), key=lambda c: order.index(c.level or "sales")
            )
            if pick:
                c = pick[0]
                f.supplier_contact = f"{c.name}" + (f" ({c.name_zh})" if c.name_zh else "")
                f.supplier_contact_zh = f"{c.name_zh}（{c.name}）" if c.name_zh else None
            senior = next((c for c in contacts if (c.level or "") in ("general_manager", "management", "ceo")), None)
            if senior:
                f.senior_contact = f"{senior.name}" + (f" ({senior.name_zh})" if senior.name_zh else "")
                f.senior_contact_zh = f"{senior.name_zh}（{senior.name}）" if senior.name_zh else None
            lead = senior or (pick[0] if pick else None)
            if lead and (lead.email or lead.phone):
                f.supplier_contact_details = ", ".join(x for x in (lead.phone, lead.email) if x)
        # The contract: the case's, else the supplier's first.
        contract = None
        if subject.case_number:
            cid = s.execute(
                select(Case.contract_id).where(Case.workspace_id == ws.id, Case.number == subject.case_number)
            ).scalar()
            contract = s.get(Contract, cid) if cid else None
        if contract is None and sup is not None:
            contract = s.execute(
                select(Contract)
                .where(Contract.workspace_id == ws.id, Contract.supplier_id == sup.id, Contract.kind == "contract")
                .order_by(Contract.signed_on)
                .limit(1)
            ).scalar_one_or_none()
        if contract:
            f.contract_number = contract.number
            f.contract_title = contract.title
            f.contract_date = contract.signed_on
            f.arbitration_agreement = contract.dispute_clause  # the clause as the user recorded it
            if contract.total is not None:
                f.contract_total = L.fmt_money(contract.total, contract.currency)
            if contract.evidence_id:
                ev = s.get(EvidenceItem, contract.evidence_id)
                if ev:
                    f.evidence.append(
                        {
                            "label": ev.label,
                            "title": T("Contract %(number)s", number=contract.number),
                            "date": str(contract.signed_on or ""),
                        }
                    )
            orders = list(s.execute(select(Order).where(Order.contract_id == contract.id)).scalars())
            oids = [o.id for o in orders] or [-1]
            for p in s.execute(select(Payment).where(Payment.order_id.in_(oids)).order_by(Payment.paid_on)).scalars():
                f.payments.append(
                    {
                        "date": p.paid_on.isoformat(),
                        "amount": L.fmt_money(p.amount, p.currency),
                        "method": p.method,  # a code (T/T, L/C …): the letter writes it in its language
                        "reference": p.reference or "",
                        "evidence": lab(p.evidence_id),
                    }
                )
            deliveries = list(
                s.execute(select(Delivery).where(Delivery.order_id.in_(oids)).order_by(Delivery.delivered_on)).scalars()
            )
            if deliveries:
                f.delivered_on = deliveries[0].delivered_on
                units = list(
                    s.execute(
                        select(ProductUnit).where(ProductUnit.delivery_id.in_([d.id for d in deliveries]))
                    ).scalars()
                )
                if units:
                    f.units = ", ".join(f"{u.model} S/N {u.serial}" for u in units)
                    # a Chinese letter writes the serial number in words and lists the machines with ；
                    f.units_zh = "；".join(f"{u.model}，序列号 {u.serial}" for u in units)
            for ref in s.execute(select(Contract).where(Contract.parent_id == contract.id)).scalars():
                if ref.evidence_id:
                    f.evidence.append(
                        {
                            "label": lab(ref.evidence_id),
                            "title": T("Amendment %(number)s", number=ref.number),
                            "date": str(ref.signed_on or ""),
                        }
                    )
        # Support requests: the case's, else the supplier's.
        if view is not None:
            numbers = [r["number"] for r in view.support_requests]
        elif sup is not None:
            numbers = list(
                s.execute(
                    select(SupportRequest.number)
                    .where(SupportRequest.workspace_id == ws.id, SupportRequest.supplier_id == sup.id)
                    .order_by(SupportRequest.opened_at)
                ).scalars()
            )
        else:
            numbers = []
        srs = list(
            s.execute(
                select(SupportRequest)
                .where(SupportRequest.workspace_id == ws.id, SupportRequest.number.in_(numbers or ["-"]))
                .order_by(SupportRequest.opened_at)
            ).scalars()
        )
        for r in srs:
            f.requests.append({"number": r.number, "title": r.title, "opened": _iso(r.opened_at), "status": r.status})
        # A cure is demanded only for what is still unresolved (a resolved or closed request is
        # listed in the table with its status, never demanded again).
        open_srs = [r for r in srs if r.status not in ("resolved", "closed")]
        if open_srs or srs:
            f.issue = (open_srs or srs)[0].title
        if open_srs:
            f.cure_actions = "; ".join(r.title for r in open_srs)
        total_items = s.execute(
            select(func.count(EvidenceItem.id)).where(EvidenceItem.workspace_id == ws.id)
        ).scalar_one()
    _sla_facts(ctx, workspace, f, [r["number"] for r in f.requests])
    if view is not None:
        _case_facts(ctx, workspace, f, view)
    # Defaults (stated as such in the notes); the user may change each one.
    f.reply_by = f.reply_by or letter_date + timedelta(days=7)
    f.cure_deadline = f.cure_deadline or letter_date + timedelta(days=14)
    f.pay_by = f.pay_by or letter_date + timedelta(days=14)
    f.mediation_language = f.mediation_language or "English and Chinese"
    f.mediation_language_zh = f.mediation_language_zh or "英文及中文"
    f.notes.append(T("defaults: reply in 7 days, cure and payment in 14 days from the letter date"))
    if not f.evidence and total_items:
        f.notes.append(T("no evidence is linked to the case: the evidence table lists none"))
    # the kind by its code, not its English key: the same reference in every language of the letter
    about = subject.case_number or subject.supplier_key or workspace
    f.reference = f"{about}/{L.KINDS[kind].code}/{letter_date:%Y%m%d}"
    return f


def _sla_facts(ctx: Context, workspace: str, f: L.LetterFacts, numbers: list[str]) -> None:
    try:
        from .. import sla
    except ImportError:  # pragma: no cover
        f.notes.append(T("the SLA engine is not available: no breach table"))
        return
    for number in numbers:
        try:
            detail = sla.request_detail(ctx, workspace, number)
        except (LookupError, ValueError):
            continue
        ev = detail.evaluation
        if ev is None:
            continue
        if detail.terms_label and not f.support_terms:
            f.support_terms = detail.terms_label
            f.support_terms_zh = _terms_zh(detail.terms_label, ev.deadlines)
        for d in ev.breaches:
            promised_en, promised_zh = span(d)
            over_en, over_zh = _hours(d.late_business_seconds, business=not _round_the_clock(d))
            f.breaches.append(
                {
                    "request": number,
                    "what": d.kind.replace("_", " ") + (f" #{d.seq}" if d.seq > 1 else ""),
                    "what_zh": (f"第{d.seq}次" if d.seq > 1 else "") + DEADLINE_ZH.get(d.kind, d.kind),
                    "promised": promised_en,
                    "promised_zh": promised_zh,
                    "deadline": _iso(d.deadline),
                    "actual": _iso(d.satisfied_at) if d.satisfied_at else "no answer",
                    "overdue": over_en,
                    "overdue_zh": over_zh,
                }
            )


def _case_facts(ctx: Context, workspace: str, f: L.LetterFacts, view: Any) -> None:  # noqa: ARG001
    if view.issues:
        f.issues = "; ".join(i.title for i in view.issues)
        f.issues_zh = "；".join(ISSUES_ZH.get(i.id, i.title) for i in view.issues)
    if view.facts is not None:
        f.cisg_applies = getattr(view.facts, "cisg_applies", None)
    complaints = [st for st in view.steps if st.step.value == "formal_complaint"]
    if complaints:
        f.complaint_date = complaints[-1].sent_on
        f.complaint_cure_deadline = complaints[-1].cure_deadline
    for h in view.heads:
        j = h.head.to_json()
        amount = j.get("amount") or {}
        f.claims.append(
            {
                # the user's description as written; a sentence the code wrote stays a Text, so
                # the letter shows it in its own language
                "head": h.head.description or _HEAD_KINDS.get(h.head.kind.value, h.head.kind.value),
                "amount": L.fmt_money(amount.get("amount"), amount.get("currency")),
                "basis": "; ".join(j.get("basis") or []),
                "evidence": ", ".join(j.get("evidence") or []),
            }
        )
    if view.totals:
        settlements = [m for m in view.money if m.kind == "settlement"]
        set_money(f, view.totals, view.recovery.positions, settlements, view.recovery.receipts)
    seen = {e["label"] for e in f.evidence}
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        wanted: list[str] = []
        for st in view.steps:
            wanted += [x for x in (st.proof, st.reply_evidence) if x]
        for h in view.heads:
            wanted += list(h.head.evidence)
        wanted += [e["label"] for e in view.evidence]
        for label in wanted:
            if label in seen:
                continue
            seen.add(label)
            item = s.execute(
                select(EvidenceItem).where(
                    EvidenceItem.workspace_id == ws.id, EvidenceItem.number == parse_label(label)
                )
            ).scalar_one_or_none()
            if item is None:
                continue
            title = (item.description or item.original_name).split("\n")[0]
            f.evidence.append(
                {
                    "label": label,
                    "title": title[:140] + ("…" if len(title) > 140 else ""),
                    "date": _iso(item.document_date),
                    "media": item.media_type,  # a photo's title is a description (no language of its own)
                }
            )
    f.evidence.sort(key=lambda e: e["label"])


# A claim head without a description is named by its kind (the catalogue has each in Chinese).
_HEAD_KINDS = {
    "refund_return": T("refund of the price against return of the goods"),
    "price_reduction": T("price reduction"),
    "repair": T("repair costs"),
    "replacement": T("replacement costs"),
    "service_credit": T("service credits for SLA breaches"),
    "liquidated_damages": T("liquidated damages"),
    "damages": T("damages"),
    "mitigation_costs": T("reasonable mitigation costs"),
    "interest": T("interest"),
}


def _round_the_clock(deadline: Any) -> bool:
    cal = getattr(deadline, "_calendar", None)
    return bool(cal is not None and cal.round_the_clock)


def span(deadline: Any) -> tuple[str, str]:
    """A deadline's time limit in words, English and Chinese, as the SLA pages write it (one wording,
    ``domain/sla/wording.py``): 24 business hours / 24个工作小时, under a round-the-clock (7×24)
    cover 2 calendar hours / 2小时（自然时间）, 3 working days / 3个工作日."""
    from ...documents.catalogue import written
    from ...domain.sla.wording import span_words

    cal = getattr(deadline, "_calendar", None)
    if cal is None:  # pragma: no cover - every judged deadline carries its calendar
        return str(deadline.target), str(deadline.target)
    words = span_words(deadline.target, cal)
    return written(words, "en"), written(words, "zh")


def _terms_zh(label: str, deadlines: Any) -> str:
    """The support terms as a Chinese letter states them: the time limits the SLA engine measured
    (written by the generator, in Chinese), then the user's own label of the clause, as written
    and marked where it is not Chinese:
    "约定时限：首次响应24个工作小时、答复24个工作小时；条款：…〔英文原文，待译〕"."""
    limits: list[str] = []
    for d in deadlines:
        text = f"{DEADLINE_ZH.get(d.kind, d.kind)}{span(d)[1]}"
        if text not in limits:
            limits.append(text)
    own = user_text(label, "zh")
    return f"约定时限：{'、'.join(limits)}；条款：{own}" if limits else own
