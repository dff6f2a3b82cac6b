"""Reading support requests: one request as recorded, threads that look like requests, what the
forms offer, a thread's preview, and the JSON of a request with its SLA view."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from ....store.db import unit_of_work
from ....store.models import Contract, Message, Organization, ProductUnit
from ....store.models_mail import MailMessageMeta, MailThread
from ...context import Context
from ...workspaces import get_workspace
from ..request_models import (
    EVENT_KINDS,
    RequestRecord,
    Suggestion,
)
from .base import _is_buyer, _number, _parties, _record, _request, _thread_messages


def get_request(ctx: Context, workspace: str, number: str) -> RequestRecord:
    """The request as recorded, with its linked threads and messages and its history."""
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        return _record(s, ws, _request(s, ws, number))


def suggestions(ctx: Context, workspace: str, *, limit: int = 200) -> list[Suggestion]:
    """Threads that look like support requests and are not linked yet, newest first."""
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        buyer_domains, suppliers = _parties(s, ws)
        if not suppliers:
            return []
        linked = exists().where(
            MailMessageMeta.thread_id == MailThread.id,
            Message.id == MailMessageMeta.message_pk,
            Message.support_request_id.is_not(None),
        )
        threads = s.execute(
            select(MailThread)
            .where(MailThread.workspace_id == ws.id, MailThread.support_request_id.is_(None), ~linked)
            .order_by(MailThread.first_at.desc(), MailThread.id.desc())
        ).scalars()
        out: list[Suggestion] = []
        for t in threads:
            first = _first_message(s, t)
            if first is None:
                continue
            direction, sender, sent_at, supplier_id = first
            supplier = suppliers.get(supplier_id or t.supplier_id or -1)
            if supplier is None or not _is_buyer(direction, sender, buyer_domains):
                continue
            out.append(
                Suggestion(
                    thread=t.id,
                    subject=t.subject or "",
                    supplier=supplier.key,
                    first_message_at=sent_at,
                    messages=t.message_count,
                )
            )
            if len(out) >= limit:
                break
        return out


def _first_message(s: Session, t: MailThread) -> tuple[str | None, str | None, datetime, int | None] | None:
    row = s.execute(
        select(Message.direction, Message.sender, Message.sent_at, MailMessageMeta.supplier_id)
        .join(MailMessageMeta, MailMessageMeta.message_pk == Message.id)
        .where(MailMessageMeta.thread_id == t.id, Message.sent_at.is_not(None))
        .order_by(Message.sent_at, Message.id)
        .limit(1)
    ).first()
    return (row[0], row[1], row[2], row[3]) if row else None


# -- for the pages and the CLI ------------------------------------------------------------------


def form_choices(ctx: Context, workspace: str) -> dict[str, Any]:
    """What the request forms offer: suppliers (with their zone), contracts, machines, the buyer's zone."""
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        orgs = list(
            s.execute(
                select(Organization).where(Organization.workspace_id == ws.id).order_by(Organization.name_en)
            ).scalars()
        )
        keys = {o.id: o.key for o in orgs}
        contracts = s.execute(
            select(Contract.number, Contract.supplier_id, Contract.title)
            .where(Contract.workspace_id == ws.id, Contract.kind == "contract")
            .order_by(Contract.number)
        ).all()
        units = s.execute(
            select(ProductUnit.serial, ProductUnit.model)
            .where(ProductUnit.workspace_id == ws.id)
            .order_by(ProductUnit.serial)
        ).all()
    buyer = next((o for o in orgs if o.role == "buyer"), None)
    return {
        "suppliers": [
            {"key": o.key, "name": o.name_en, "name_zh": o.name_zh, "tz": (o.details or {}).get("timezone")}
            for o in orgs
            if o.role == "supplier"
        ],
        "contracts": [{"number": n, "supplier": keys.get(sid or -1), "title": t} for n, sid, t in contracts],
        "units": [{"serial": sn, "model": mo} for sn, mo in units],
        "buyer_tz": (buyer.details or {}).get("timezone") if buyer else None,
        "event_kinds": list(EVENT_KINDS),
    }


def thread_preview(ctx: Context, workspace: str, thread_id: int) -> dict[str, Any] | None:
    """A thread as the "open a request from it" form shows it: subject, supplier, the buyer's first
    message (the opening time) and the request it is linked to, if any."""
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        t = s.execute(
            select(MailThread).where(MailThread.workspace_id == ws.id, MailThread.id == thread_id)
        ).scalar_one_or_none()
        if t is None:
            return None
        buyer_domains, suppliers = _parties(s, ws)
        msgs = _thread_messages(s, t)
        first = min(
            (at for _pk, _l, d, snd, at, _s, _n in msgs if at and _is_buyer(d, snd, buyer_domains)), default=None
        )
        linked = sorted({n for *_, n in msgs if n} | ({_number(s, t.support_request_id)} - {None}))
        sup = suppliers.get(t.supplier_id or -1)
        return {
            "thread": t.id,
            "subject": t.subject or "",
            "supplier": sup.key if sup else None,
            "supplier_name": sup.name_en if sup else None,
            "supplier_name_zh": sup.name_zh if sup else None,
            "supplier_tz": (sup.details or {}).get("timezone") if sup else None,
            "buyer_first_at": first,
            "messages": len(msgs),
            "linked": linked,
        }


def request_json(ctx: Context, workspace: str, number: str) -> dict[str, Any]:
    """GET /api/sla/requests/{number} and ``request show --json``: the SLA view (timeline, every
    deadline with its explanation) with the record (contract, machine, links, history)."""
    from ... import sla

    detail = sla.request_detail(ctx, workspace, number).to_dict()
    return {**detail, "record": get_request(ctx, workspace, number).model_dump(mode="json")}
