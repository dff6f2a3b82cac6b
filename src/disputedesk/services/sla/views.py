"""The request list, a request's page with its timeline, and the dashboard summary."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import and_, select

from ...domain.bizcal import to_epoch
from ...domain.mailtext import own_words
from ...domain.sla import (
    evaluate,
)
from ...domain.text import T
from ...store.db import unit_of_work
from ...store.models import Contract, Organization
from ...store.models import Message as MessageRow
from ...store.models import SupportRequest as RequestRow
from ...store.models_sla import SlaResult
from ..context import Context
from ..workspaces import get_workspace
from .base import _request, _supplier
from .inputs import _iter_inputs, _load_setup, build_request_with
from .messages import classify_message

# --------------------------------------------------------------------------------------------
# Reading results
# --------------------------------------------------------------------------------------------


@dataclass
class RequestRowView:
    number: str
    title: str
    supplier_key: str | None
    supplier_name: str | None
    severity: str
    opened_at: datetime
    request_status: str
    sla_status: str  # met | breached | pending | none | error | not evaluated
    breaches: int
    next_deadline: datetime | None
    next_kind: str | None
    first_response_seconds: int | None
    provisional: bool
    tz: str
    supplier_name_zh: str | None = None  # the registered Chinese name, for Chinese pages

    def to_dict(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "title": self.title,
            "supplier": self.supplier_key,
            "severity": self.severity,
            "opened_at": self.opened_at.isoformat(),
            "request_status": self.request_status,
            "sla_status": self.sla_status,
            "breaches": self.breaches,
            "next_deadline": self.next_deadline.astimezone(ZoneInfo(self.tz)).isoformat()
            if self.next_deadline
            else None,
            "next_kind": self.next_kind,
            "first_response_business_seconds": self.first_response_seconds,
            "provisional": self.provisional,
        }


def list_requests(
    ctx: Context, workspace: str, *, supplier_key: str | None = None, status: str | None = None, limit: int = 500
) -> list[RequestRowView]:
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        orgs = {o.id: o for o in s.execute(select(Organization).where(Organization.workspace_id == ws.id)).scalars()}
        q = (
            select(RequestRow, SlaResult)
            .outerjoin(
                SlaResult,
                and_(SlaResult.support_request_id == RequestRow.id, SlaResult.workspace_id == RequestRow.workspace_id),
            )
            .where(RequestRow.workspace_id == ws.id)
        )
        if supplier_key:
            org = _supplier(s, ws, supplier_key)
            q = q.where(RequestRow.supplier_id == org.id)
        if status:
            q = q.where(SlaResult.status == status)
        q = q.order_by(RequestRow.opened_at.desc(), RequestRow.id.desc()).limit(limit)
        out = []
        for req, res in s.execute(q).all():
            org = orgs.get(req.supplier_id or -1)
            tz = ((org.details or {}).get("timezone") if org else None) or "Asia/Shanghai"
            out.append(
                RequestRowView(
                    req.number,
                    req.title,
                    org.key if org else None,
                    org.name_en if org else None,
                    req.severity,
                    req.opened_at,
                    req.status,
                    res.status if res else "not evaluated",
                    res.breaches if res else 0,
                    res.next_deadline if res else None,
                    res.next_kind if res else None,
                    res.first_response_seconds if res else None,
                    res.provisional if res else False,
                    tz,
                    org.name_zh if org else None,
                )
            )
        return out


@dataclass
class TimelineItem:
    at: datetime
    kind: str  # message | event
    side: str | None
    what: str
    ref: str | None
    flags: list[str]
    subject: str | None = None


@dataclass
class RequestDetail:
    number: str
    title: str
    supplier_key: str | None
    supplier_name: str | None
    severity: str
    opened_at: datetime
    request_status: str
    supplier_tz: str
    buyer_tz: str | None
    calendar_description: str | None
    calendar_version: str | None
    terms_label: str | None
    terms_version: int | None
    as_of: datetime | None
    stored_status: str | None
    evaluation: Any  # domain Evaluation, recomputed with the stored as_of (deterministic)
    timeline: list[TimelineItem]
    note: str | None
    business_day_seconds: int | None = None  # the calendar's standard working day, for "N business days"
    supplier_name_zh: str | None = None  # the registered Chinese name, for Chinese pages
    note_level: str = "error"  # "info" when the note says why nothing is measured (no target for the level)
    terms_contract: str | None = None  # the contract whose terms apply; None: the supplier's own terms
    # where the terms come from, said for a reader ("version 1 of the terms of contract RF-…": Text)
    terms_source: str | None = None
    terms_note: str | None = None  # why those terms apply, where the request does not say
    # why these terms: "own" (the request's contract), "in_force" (no contract named: the one in force when it
    # was opened), "supplier" (the supplier's own terms)
    terms_basis: str | None = None
    terms_label_zh: str | None = None  # the terms' label in Chinese, where they have one

    def to_dict(self) -> dict[str, Any]:
        ev = self.evaluation
        return {
            "number": self.number,
            "title": self.title,
            "supplier": self.supplier_key,
            "severity": self.severity,
            "opened_at": self.opened_at.isoformat(),
            "request_status": self.request_status,
            "supplier_timezone": self.supplier_tz,
            "buyer_timezone": self.buyer_tz,
            "calendar": self.calendar_description,
            "calendar_version": self.calendar_version,
            "terms": self.terms_label,
            "terms_zh": self.terms_label_zh,
            "terms_version": self.terms_version,
            "terms_contract": self.terms_contract,
            "terms_basis": self.terms_basis,
            "terms_note": str(self.terms_note) if self.terms_note else None,
            "sla_status": self.stored_status,
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "evaluation": ev.to_dict(explain=True) if ev is not None else None,
            "timeline": [
                {
                    "at": t.at.isoformat(),
                    "kind": t.kind,
                    "side": t.side,
                    "what": t.what,
                    "ref": t.ref,
                    "flags": t.flags,
                    "subject": t.subject,
                }
                for t in self.timeline
            ],
            "note": self.note,
        }


def request_detail(ctx: Context, workspace: str, number: str) -> RequestDetail:
    """One request: its timeline and every deadline with the explanation.

    The explanation is recomputed from the same inputs and the stored ``as_of`` (results are
    deterministic), or as of now when the request has not been evaluated yet.
    """
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        req = _request(s, ws, number)
        request_contract = (
            s.execute(select(Contract.number).where(Contract.id == req.contract_id)).scalar_one_or_none()
            if req.contract_id is not None
            else None
        )
        res = s.execute(
            select(SlaResult).where(SlaResult.workspace_id == ws.id, SlaResult.support_request_id == req.id)
        ).scalar_one_or_none()
        setup, buyer_tz = _load_setup(s, ws)
        st = setup.get(req.supplier_id or -1)
        as_of = res.as_of if res else datetime.fromtimestamp(to_epoch(ctx.clock()), UTC)
        inputs = []
        for batch in _iter_inputs(s.connection(), ws.id, req.id, req.id + 1, 1):
            inputs.extend(batch)
        subjects = dict(
            s.execute(select(MessageRow.id, MessageRow.subject).where(MessageRow.support_request_id == req.id)).all()
        )
    r = inputs[0]
    timeline: list[TimelineItem] = []
    sides = {m[0]: classify_message(m[2], m[4], m[5], st.side_of_sender(m[1]) if st else None) for m in r.messages}
    # the clock starts at the opening or the buyer's first message: a supplier message before it answers nothing
    asked = [m[3] for m in r.messages if m[3] is not None and sides[m[0]]["side"] == "buyer"]
    clock_start = min([r.opened_at, *asked])
    for mid, _sender, _direction, sent_at, _flags, text, ref in r.messages:
        c = sides[mid]
        fl = []
        if c["auto_reply"]:
            fl.append("automatic reply: never counts")
        if c["acknowledgement"]:
            fl.append(
                "bare acknowledgement (rule)" if c["acknowledgement_by"] == "rule" else "bare acknowledgement (marked)"
            )
        if c["side"] is None:
            fl.append("not between buyer and supplier: not counted")
        if sent_at is None:
            fl.append("undated: not counted")
        elif c["side"] == "supplier" and sent_at < clock_start:
            fl.append("sent before the request: not an answer to it")
        timeline.append(
            TimelineItem(
                sent_at or r.opened_at, "message", c["side"], own_words(text)[:280], ref, fl, subjects.get(mid)
            )
        )
    for kind, at, ref in r.events:
        timeline.append(TimelineItem(at, "event", None, kind, ref, []))
    timeline.sort(key=lambda t: t.at)
    evaluation = None
    note: str | None = None
    note_level = "error"
    terms_label = terms_label_zh = terms_version = terms_contract = terms_source = terms_note = terms_basis = None
    if st is None:
        note = T("no supplier")
    else:
        built = build_request_with(r, st, to_epoch(as_of), buyer_tz)
        if built is None:
            note = T("no confirmed support terms for this supplier")
            if req.contract_id is None and st.signed:  # the supplier's contracts with terms all came later
                note = T(
                    "No contract of this supplier with confirmed support terms had been signed when the request "
                    "was opened, and the supplier has no terms of its own: the request is not measured."
                )
        else:
            dreq, choice = built
            terms, terms_id, terms_basis = choice.terms, choice.terms_id, choice.basis
            terms_label, terms_label_zh = terms.label, terms.label_zh
            terms_version = st.versions.get(terms_id)
            terms_contract = st.terms_contracts.get(terms_id)
            terms_source = (
                T("version %(n)s of the supplier's own terms (no contract)", n=terms_version)
                if terms_contract is None
                else T("version %(n)s of the terms of contract %(contract)s", n=terms_version, contract=terms_contract)
            )
            if choice.basis == "in_force":
                terms_note = T(
                    "The request names no contract: the terms of the contract in force when it was opened apply "
                    "(the supplier's most recently signed contract with confirmed terms on that day)."
                )
            elif req.contract_id is not None and choice.basis == "supplier":
                terms_note = T(
                    "Contract %(contract)s has no confirmed support terms: the supplier's own terms apply.",
                    contract=request_contract,
                )
            no_target = terms.no_target_for(req.severity)
            if no_target is not None:
                note, note_level = no_target, "info"
            else:
                try:
                    evaluation = evaluate(dreq, terms, st.calendar, as_of=as_of)
                except ValueError as exc:
                    note = str(exc)
                dropped = _dropped_level(choice, req.severity, st)
                if evaluation is not None and dropped is not None:
                    note, note_level = dropped, "info"
    return RequestDetail(
        req.number,
        req.title,
        st.key if st else None,
        st.name if st else None,
        req.severity,
        req.opened_at,
        req.status,
        st.calendar.tz_name if st else "Asia/Shanghai",
        buyer_tz,
        st.calendar.describe() if st else None,
        st.calendar.version if st else None,
        terms_label,
        terms_version,
        as_of if res else None,
        res.status if res else None,
        evaluation,
        timeline,
        note,
        st.calendar.hours_per_day if st else None,
        st.name_zh if st else None,
        note_level,
        terms_contract,
        terms_source,
        terms_note,
        terms_basis,
        terms_label_zh,
    )


def _dropped_level(choice: Any, severity: str, st: Any) -> Any:
    """Why the request's deadlines stop being measured from a later terms version that leaves its level out: the
    same words as for terms that leave the level out from the start, with the version and the day it applies from
    (supplier's zone); None when every later version names the level."""
    for start, terms, terms_id, _raw in choice.later:
        why = terms.no_target_for(severity)
        if why is not None:
            return T(
                "From %(day)s, version %(n)s of these terms applies: %(why)s Deadlines settled before that day keep "
                "their result; those still open then are no longer measured.",
                day=datetime.fromtimestamp(start, st.calendar.tz).date(),
                n=st.versions.get(terms_id, "?"),
                why=why,
            )
    return None


# --------------------------------------------------------------------------------------------
# Dashboard
# --------------------------------------------------------------------------------------------


def dashboard_summary(ctx: Context, workspace: str, limit: int = 8) -> dict[str, Any]:
    rows = list_requests(ctx, workspace, limit=2000)
    open_next = sorted(
        (r for r in rows if r.next_deadline is not None and r.request_status not in ("resolved", "closed")),
        key=lambda r: r.next_deadline,  # type: ignore[arg-type,return-value]
    )[:limit]
    breached = [r for r in rows if r.sla_status == "breached"][:limit]
    return {
        "open": open_next,
        "breached": breached,
        "evaluated": sum(1 for r in rows if r.sla_status != "not evaluated"),
        "total": len(rows),
    }
