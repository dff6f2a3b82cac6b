"""Who wrote to whom: recomputing every message's direction and supplier, linking messages to
support requests, time zones."""

from __future__ import annotations

from email.utils import getaddresses, parseaddr
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import select

from ...ingest.mail import Address, ParsedMessage, classify
from ...store.db import lock_workspace, unit_of_work
from ...store.ledger import LedgerWriter
from ...store.models import EvidenceItem, Message, SupportRequest
from ...store.models_mail import MailMessageMeta, MailThread
from ..context import Context
from ..imports import mail as mail_import
from ..workspaces import get_workspace
from .chat_times import reread_in_company_zone

# -- directions -----------------------------------------------------------------------------------


def _address(text_value: str | None) -> Address | None:
    if not text_value:
        return None
    name, addr = parseaddr(text_value)
    if not addr and not name:
        return Address(text_value, "")
    if "@" not in addr:
        return Address(name or text_value, "")
    return Address(name, addr.lower())


def refresh_directions(ctx: Context, workspace: str) -> int:
    """Recompute every message's direction and supplier from the current parties; returns changes."""
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        lock_workspace(s, ws.id)
        parties = mail_import.load_parties(s, ws.id)
        changed = 0
        rows = s.execute(
            select(Message, MailMessageMeta)
            .join(MailMessageMeta, MailMessageMeta.message_pk == Message.id)
            .where(Message.workspace_id == ws.id)
        ).all()
        for m, meta in rows:
            flags = dict(m.flags or {})
            f = flags.get("from") or {}
            sender = Address(f.get("name", ""), f.get("addr", "")) if f else _address(m.sender)
            recips = [Address(n, a.lower()) for n, a in getaddresses(list(m.recipients or [])) if a or n]
            pm = ParsedMessage(channel=m.channel, from_=sender, to=recips, direction_hint=flags.get("direction_hint"))
            d = classify(pm, parties.all)
            sup = parties.supplier_of(pm)
            if d.value != m.direction or sup != meta.supplier_id or flags.get("direction_reason") != d.reason:
                m.direction = d.value
                flags["direction_reason"] = d.reason
                m.flags = flags
                meta.supplier_id = sup
                changed += 1
        # chat times read before the company's zone was known (as UTC) are read again in it
        writers: list[LedgerWriter] = []

        def log(payload: dict[str, object]) -> None:
            writers.append(LedgerWriter(s, ws))
            writers[0].append(
                actor="system", action="messages.times_reread", at=ctx.clock(), subject="messages", payload=payload
            )

        reread = reread_in_company_zone(s, ws, str(parties.timezone), log) if parties.timezone else 0
    for w in writers:
        w.write_anchor(ctx.blobs)
    return changed + reread


def link_request_messages(ctx: Context, workspace: str, links: dict[str, list[str]], *, actor: str) -> int:
    """Link messages (by evidence label) to support requests (by number); one ledger entry per request."""
    total = 0
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        lock_workspace(s, ws.id)
        writer = LedgerWriter(s, ws)
        for number, labels in links.items():
            sr = s.execute(
                select(SupportRequest).where(SupportRequest.workspace_id == ws.id, SupportRequest.number == number)
            ).scalar_one_or_none()
            if sr is None:
                raise LookupError(f"support request {number!r} does not exist")
            nums = [int(lab.removeprefix("E-")) for lab in labels]
            msgs = list(
                s.execute(
                    select(Message)
                    .join(EvidenceItem, EvidenceItem.id == Message.evidence_id)
                    .where(Message.workspace_id == ws.id, EvidenceItem.number.in_(nums))
                ).scalars()
            )
            todo = [m for m in msgs if m.support_request_id != sr.id]
            for m in todo:
                m.support_request_id = sr.id
            total += len(todo)
            if todo:
                writer.append(
                    actor=actor,
                    action="messages.linked",
                    at=ctx.clock(),
                    subject=f"request:{sr.number}",
                    payload={"request": sr.number, "messages": sorted(labels)},
                )
            # the threads these messages are in follow the request unless linked elsewhere
            thread_ids = set(
                s.execute(
                    select(MailMessageMeta.thread_id).where(MailMessageMeta.message_pk.in_([m.id for m in msgs]))
                ).scalars()
            )
            for t in s.execute(select(MailThread).where(MailThread.id.in_([t for t in thread_ids if t]))).scalars():
                if t.support_request_id is None:
                    t.support_request_id = sr.id
    writer.write_anchor(ctx.blobs)
    return total


def zone(name: str | None) -> ZoneInfo | None:
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"tz: unknown time zone {name!r}") from exc
