"""Letters from the case's facts: gather the facts, render, keep the letter as evidence, mark it sent.

Facts come from whatever the workspace has: parties, contracts, orders, payments, deliveries,
support requests and evidence (foundation tables); the case's ladder, claims and issues
(``services.cases``) and the SLA engine's breaches (``services.sla``) when those areas are
present. Whatever is not known is reported by name (``Letter.missing``), never left blank.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import func, select

from ..documents import letters as L
from ..documents.legal_zh import ISSUES_ZH
from ..domain.labels import evidence_label
from ..store.db import lock_workspace, unit_of_work
from ..store.ledger import LedgerWriter
from ..store.models import (
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
from ..store.models_documents import GeneratedLetter
from .context import Context
from .evidence import parse_label
from .imports import Candidate, import_candidates
from .workspaces import get_workspace

SHANGHAI = ZoneInfo("Asia/Shanghai")
FORMATS = ("pdf", "docx")
LANGS = ("en", "zh", "both")
LAYOUTS = ("side-by-side", "pair")

DEADLINE_ZH = {
    "first_response": "首次响应",
    "response": "答复",
    "update": "进展更新",
    "resolution": "解决故障",
    "workaround": "临时解决方案",
}


class LetterError(ValueError):
    """The letter cannot be made as asked; the message names the field."""


@dataclass
class Subject:
    """What the letter is about: a case, or (before cases exist) a supplier."""

    case_number: str | None
    supplier_key: str | None
    note: str | None = None


def resolve_subject(ctx: Context, workspace: str, ref: str | None) -> Subject:
    """A case number (CASE-2026-001), a supplier key, or nothing (the workspace's first case)."""
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        cases = list(
            s.execute(select(Case.number, Case.supplier_id).where(Case.workspace_id == ws.id).order_by(Case.number))
        )
        suppliers = dict(
            s.execute(
                select(Organization.key, Organization.id).where(
                    Organization.workspace_id == ws.id, Organization.role == "supplier"
                )
            ).all()
        )
        by_id = {v: k for k, v in suppliers.items()}
    if ref:
        for number, sup in cases:
            if number.lower() == ref.lower():
                return Subject(number, by_id.get(sup))
        if ref in suppliers:
            return Subject(None, ref, f"no case given: letter for supplier {ref!r} without case facts")
        raise LookupError(
            f"case {ref!r} does not exist in workspace {workspace!r} and is not a supplier key"
            + (f" (cases: {', '.join(c for c, _ in cases)})" if cases else "")
        )
    if cases:
        number, sup = cases[0]
        return Subject(number, by_id.get(sup), f"no case given: used the workspace's first case, {number}")
    if suppliers:
        key = sorted(suppliers)[0]
        return Subject(None, key, f"the workspace has no case yet: used its first supplier, {key!r}")
    raise LookupError(f"workspace {workspace!r} has neither a case nor a supplier to write to")


def _label(number: int | None) -> str:
    return evidence_label(number) if number else ""


def _hours(seconds: int) -> tuple[str, str]:
    h = Decimal(seconds) / Decimal(3600)
    text = f"{h.quantize(Decimal('0.1')):,}".rstrip("0").rstrip(".")
    return f"{text} business hour{'' if text == '1' else 's'}", f"{text} 个工作小时"


def _shanghai(dt: datetime | None) -> str:
    if dt is None:
        return ""
    return dt.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M") + " (UTC+8)"


def sender_today(ctx: Context, workspace: str, fallback_tz: str | None = None) -> date:
    """A letter's date: today where its sender is. The sender is the buyer (its recorded time
    zone); without one, the zone of the person writing (``fallback_tz``, e.g. the browser's),
    else UTC. Never China's date for a sender elsewhere: at 23:00 in Berlin on 3 December it is
    already 4 December in Shanghai, and a letter dated tomorrow is wrong."""
    from .records.buyer import get_buyer

    buyer = get_buyer(ctx, workspace)
    for name in ((buyer.timezone if buyer else None), fallback_tz):
        if name:
            try:
                return ctx.clock().astimezone(ZoneInfo(name)).date()
            except (ValueError, KeyError, ZoneInfoNotFoundError):
                continue
    return ctx.clock().astimezone(UTC).date()


def gather_facts(ctx: Context, workspace: str, subject: Subject, *, letter_date: date, kind: str) -> L.LetterFacts:
    f = L.LetterFacts(letter_date=letter_date, case_number=subject.case_number, supplier_key=subject.supplier_key)
    if subject.note:
        f.notes.append(subject.note)
    view = None
    if subject.case_number:
        try:
            from . import cases as case_service

            view = case_service.get_case(ctx, workspace, subject.case_number, today=letter_date)
        except ImportError:  # pragma: no cover - cases area absent
            f.notes.append("cases are not available: no ladder, claims or issues")
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
            if contract.total is not None:
                f.contract_total = L.fmt_money(contract.total, contract.currency)
            if contract.evidence_id:
                ev = s.get(EvidenceItem, contract.evidence_id)
                if ev:
                    f.evidence.append(
                        {
                            "label": ev.label,
                            "title": f"Contract {contract.number}",
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
                        "reference": f"{p.method} {p.reference or ''}".strip(),
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
            for ref in s.execute(select(Contract).where(Contract.parent_id == contract.id)).scalars():
                if ref.evidence_id:
                    f.evidence.append(
                        {
                            "label": lab(ref.evidence_id),
                            "title": f"Amendment {ref.number}",
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
            f.requests.append(
                {"number": r.number, "title": r.title, "opened": _shanghai(r.opened_at), "status": r.status}
            )
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
    f.notes.append("defaults: reply in 7 days, cure and payment in 14 days from the letter date")
    if not f.evidence and total_items:
        f.notes.append("no evidence is linked to the case: the evidence table lists none")
    f.reference = f"{subject.case_number or subject.supplier_key or workspace}/{kind}/{letter_date:%Y%m%d}"
    return f


def _sla_facts(ctx: Context, workspace: str, f: L.LetterFacts, numbers: list[str]) -> None:
    try:
        from . import sla
    except ImportError:  # pragma: no cover
        f.notes.append("the SLA engine is not available: no breach table")
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
        for d in ev.breaches:
            over_en, over_zh = _hours(d.late_business_seconds)
            f.breaches.append(
                {
                    "request": number,
                    "what": d.kind.replace("_", " ") + (f" #{d.seq}" if d.seq > 1 else ""),
                    "what_zh": DEADLINE_ZH.get(d.kind, d.kind) + (f" #{d.seq}" if d.seq > 1 else ""),
                    "promised": str(d.target),
                    "deadline": _shanghai(d.deadline),
                    "actual": _shanghai(d.satisfied_at) if d.satisfied_at else "no answer",
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
                "head": str(j.get("description") or j.get("kind", "")),
                "amount": L.fmt_money(amount.get("amount"), amount.get("currency")),
                "basis": "; ".join(j.get("basis") or []),
                "evidence": ", ".join(j.get("evidence") or []),
            }
        )
    if view.totals:
        f.claims_total = " + ".join(L.fmt_money(m.amount, c) for c, m in sorted(view.totals.items()))
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
                    "date": item.document_date.date().isoformat() if item.document_date else "",
                }
            )
    f.evidence.sort(key=lambda e: e["label"])


# -- rendering and keeping ---------------------------------------------------------------------


@dataclass
class Rendered:
    data: bytes
    file_name: str
    media_type: str
    letter: L.Letter
    subject: Subject

    @property
    def missing(self) -> list[str]:
        return self.letter.missing


MEDIA = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "zip": "application/zip",
}


def render_letter(
    ctx: Context,
    workspace: str,
    ref: str | None,
    kind: str,
    *,
    lang: str = "both",
    fmt: str = "pdf",
    layout: str = "side-by-side",
    overrides: dict[str, str] | None = None,
    letter_date: date | None = None,
    sender_tz: str | None = None,
) -> Rendered:
    if kind not in L.KINDS:
        raise LetterError(f"kind: {kind!r} is not one of {', '.join(L.KINDS)}")
    if lang not in LANGS:
        raise LetterError(f"lang: {lang!r} is not one of {', '.join(LANGS)}")
    if fmt not in FORMATS:
        raise LetterError(f"format: {fmt!r} is not one of {', '.join(FORMATS)}")
    if layout not in LAYOUTS:
        raise LetterError(f"layout: {layout!r} is not one of {', '.join(LAYOUTS)}")
    subject = resolve_subject(ctx, workspace, ref)
    letter_date = letter_date or sender_today(ctx, workspace, sender_tz)
    facts = gather_facts(ctx, workspace, subject, letter_date=letter_date, kind=kind)
    facts.apply(overrides or {})
    stem = f"{(subject.case_number or subject.supplier_key or workspace)}_{kind}_{letter_date:%Y%m%d}"

    def one(lg: str) -> tuple[bytes, L.Letter]:
        letter = L.build_letter(kind, facts, lg)
        return (L.to_pdf(letter) if fmt == "pdf" else L.to_docx(letter)), letter

    if lang == "both" and layout == "pair":
        en, letter_en = one("en")
        zh, letter_zh = one("zh")
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.writestr(f"{stem}_en.{fmt}", en)
            zf.writestr(f"{stem}_zh.{fmt}", zh)
        letter_en.missing = letter_en.missing + [m for m in letter_zh.missing if m not in letter_en.missing]
        letter_en.lang, letter_en.layout = "both", "pair"
        return Rendered(buf.getvalue(), f"{stem}_en+zh.zip", MEDIA["zip"], letter_en, subject)
    data, letter = one(lang)
    return Rendered(data, f"{stem}_{lang}.{fmt}", MEDIA[fmt], letter, subject)


@dataclass
class StoredLetter:
    id: int
    evidence: str
    sha256: str
    rendered: Rendered


def keep_letter(ctx: Context, workspace: str, rendered: Rendered, *, actor: str) -> StoredLetter:
    """The generated file becomes an evidence item (kind generated_document) with its ledger entry."""
    letter = rendered.letter
    kind = L.KINDS[letter.kind]
    about = rendered.subject.case_number or rendered.subject.supplier_key
    report = import_candidates(
        ctx,
        workspace,
        [
            Candidate(
                name=rendered.file_name,
                source=f"generated by DisputeDesk: {kind.title_en} ({about})",
                open=lambda: io.BytesIO(rendered.data),
                kind="generated_document",
                description=(
                    f"Draft letter, {kind.title_en} / {kind.title_zh}, {letter.lang}"
                    + (f"; missing facts: {', '.join(letter.missing)}" if letter.missing else "")
                ),
            )
        ],
        actor=actor,
    )
    o = report.outcomes[0]
    if o.evidence is None or o.sha256 is None:
        raise LetterError(f"the letter could not be stored: {o.reason}")
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        ev_id = s.execute(
            select(EvidenceItem.id).where(
                EvidenceItem.workspace_id == ws.id, EvidenceItem.number == parse_label(o.evidence)
            )
        ).scalar_one()
        row = GeneratedLetter(
            workspace_id=ws.id,
            evidence_id=ev_id,
            kind=letter.kind,
            lang=letter.lang,
            layout=letter.layout,
            format=rendered.file_name.rsplit(".", 1)[-1],
            case_ref=rendered.subject.case_number or rendered.subject.supplier_key,
            reference=letter.reference,
            missing=list(letter.missing),
            facts=letter.facts.to_json(),
            created_at=ctx.clock(),
            created_by=actor,
        )
        s.add(row)
        s.flush()
        return StoredLetter(row.id, o.evidence, o.sha256, rendered)


@dataclass
class LetterView:
    id: int
    kind: str
    title: str
    lang: str
    layout: str
    format: str
    case_ref: str | None
    reference: str
    evidence: str
    file_name: str
    missing: list[str]
    created_at: datetime
    created_by: str
    sent_on: date | None
    sent_channel: str | None
    sent_to: str | None
    sent_proof: str | None
    sent_note: str | None
    ladder_step: int | None

    def as_dict(self) -> dict[str, Any]:
        d = dict(self.__dict__)
        d["created_at"] = self.created_at.isoformat()
        d["sent_on"] = self.sent_on.isoformat() if self.sent_on else None
        return d


def list_letters(ctx: Context, workspace: str, limit: int = 100) -> list[LetterView]:
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        rows = s.execute(
            select(GeneratedLetter, EvidenceItem)
            .join(EvidenceItem, EvidenceItem.id == GeneratedLetter.evidence_id)
            .where(GeneratedLetter.workspace_id == ws.id)
            .order_by(GeneratedLetter.id.desc())
            .limit(limit)
        ).all()
        proofs = dict(
            s.execute(
                select(EvidenceItem.id, EvidenceItem.number).where(
                    EvidenceItem.id.in_([r.sent_proof_id for r, _ in rows if r.sent_proof_id] or [-1])
                )
            ).all()
        )
        return [
            LetterView(
                r.id,
                r.kind,
                L.KINDS[r.kind].title_en if r.kind in L.KINDS else r.kind,
                r.lang,
                r.layout,
                r.format,
                r.case_ref,
                r.reference,
                e.label,
                e.original_name,
                list(r.missing or []),
                r.created_at,
                r.created_by,
                r.sent_on,
                r.sent_channel,
                r.sent_to,
                _label(proofs.get(r.sent_proof_id)) if r.sent_proof_id else None,
                r.sent_note,
                r.ladder_step,
            )
            for r, e in rows
        ]


def get_letter(ctx: Context, workspace: str, letter_id: int) -> LetterView:
    for v in list_letters(ctx, workspace, limit=100000):
        if v.id == letter_id:
            return v
    raise LookupError(f"letter {letter_id} does not exist in this workspace")


def mark_sent(
    ctx: Context,
    workspace: str,
    letter_id: int,
    *,
    sent_on: date,
    channel: str,
    recipient: str | None = None,
    proof: str | None = None,
    note: str | None = None,
    actor: str,
) -> tuple[LetterView, list[str]]:
    """Record that a letter went out (date, channel, proof): a ledger entry on the letter's item,
    and — with a case — the matching step of its escalation ladder (for a demand or formal
    complaint that step restarts the limitation period, PRC Civil Code Art. 195)."""
    channel = (channel or "").strip()
    if not channel:
        raise LetterError("channel: say how the letter was sent (e-mail, courier, registered post …)")
    today = ctx.clock().astimezone(SHANGHAI).date()
    if sent_on > today + timedelta(days=1):
        raise LetterError(f"sent_on: {sent_on} is in the future")
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        lock_workspace(s, ws.id)
        row = s.execute(
            select(GeneratedLetter).where(GeneratedLetter.workspace_id == ws.id, GeneratedLetter.id == letter_id)
        ).scalar_one_or_none()
        if row is None:
            raise LookupError(f"letter {letter_id} does not exist in this workspace")
        if row.sent_on is not None:
            raise LetterError(f"letter {letter_id}: already marked sent on {row.sent_on}")
        proof_id = None
        if proof:
            proof_id = s.execute(
                select(EvidenceItem.id).where(
                    EvidenceItem.workspace_id == ws.id, EvidenceItem.number == parse_label(proof)
                )
            ).scalar_one_or_none()
            if proof_id is None:
                raise LetterError(f"proof: {proof} does not exist in this workspace")
        item = s.get(EvidenceItem, row.evidence_id)
        assert item is not None
        row.sent_on = sent_on
        row.sent_channel = channel[:100]
        row.sent_to = (recipient or "").strip()[:300] or None
        row.sent_proof_id = proof_id
        row.sent_note = (note or "").strip() or None
        row.sent_recorded_at = ctx.clock()
        row.sent_by = actor
        writer = LedgerWriter(s, ws)
        writer.append(
            actor=actor,
            action="letter.sent",
            at=ctx.clock(),
            subject=item.sha256,
            payload={
                "letter": item.label,
                "kind": row.kind,
                "sent_on": sent_on.isoformat(),
                "channel": row.sent_channel,
                "to": row.sent_to,
                "proof": proof,
                "case": row.case_ref,
            },
        )
        case_ref = row.case_ref
        kind = row.kind
        letter_label = item.label
        facts = dict(row.facts or {})
    writer.write_anchor(ctx.blobs)
    warnings: list[str] = []
    step = L.KINDS[kind].ladder_step if kind in L.KINDS else None
    if step and case_ref and facts.get("case_number"):
        position, warning = _record_step(
            ctx, workspace, case_ref, step, sent_on, channel, recipient, proof or letter_label, facts, actor
        )
        if warning:
            warnings.append(warning)
        if position is not None:
            with unit_of_work(ctx.engine) as s:
                r = s.get(GeneratedLetter, letter_id)
                if r is not None:
                    r.ladder_step = position
    elif step is None and kind in L.KINDS:
        warnings.append(
            f"a {L.KINDS[kind].title_en.lower()} is not a step of the escalation ladder: recorded on the letter only"
        )
    return get_letter(ctx, workspace, letter_id), warnings


def _record_step(
    ctx: Context,
    workspace: str,
    case_ref: str,
    step: str,
    sent_on: date,
    channel: str,
    recipient: str | None,
    proof: str,
    facts: dict[str, Any],
    actor: str,
) -> tuple[int | None, str | None]:
    try:
        from . import cases as case_service
    except ImportError:  # pragma: no cover
        return None, "cases are not available: no ladder step recorded"
    data: dict[str, Any] = {
        "step": step,
        "sent_on": sent_on.isoformat(),
        "channel": channel,
        "recipient": recipient or facts.get("supplier_name_en") or "supplier",
        "proof": proof,
    }
    if step == "formal_complaint" and facts.get("cure_deadline"):
        data["cure_deadline"] = facts["cure_deadline"]
    try:
        return case_service.add_step(ctx, workspace, case_ref, data, actor=actor), None
    except (ValueError, LookupError) as exc:
        # The letter is recorded as sent either way; the ladder refuses steps out of order.
        return None, f"recorded as sent, but the case's ladder did not take the step: {exc}"
