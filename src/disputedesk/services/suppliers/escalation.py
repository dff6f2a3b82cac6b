"""The escalation matrix: contacts, their channels and answer hours, and who to escalate to next."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, time
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...domain.bizcal.model import zone
from ...domain.mailaddress import is_mail_address
from ...domain.suppliers import (
    LEVEL_LABELS,
    AnswerHours,
    Channel,
    ContactProposal,
    EscalationLevel,
    EscalationMatrix,
    next_contact,
)
from ...domain.suppliers import (
    Contact as DContact,
)
from ...domain.suppliers import (
    ContactChannel as DChannel,
)
from ...domain.text import T, Text
from ...store.db import lock_workspace, unit_of_work
from ...store.models import Contact, Organization, Workspace
from ...store.models_suppliers import (
    SupplierContactChannel,
    SupplierProfileRow,
)
from ..context import Context
from ..workspaces import get_workspace
from .base import LEVELS, SupplierError, _Ledger, _org, _text, one_of
from .profile import update_supplier

# --------------------------------------------------------------------------- contacts & escalation

_HHMM = re.compile(r"(\d{1,2})[:.](\d{2})\s*[-–~至到]\s*(\d{1,2})[:.](\d{2})")


_TZ = re.compile(r"\b([A-Z][a-z]+/[A-Za-z_]+(?:/[A-Za-z_]+)?)\b")


def parse_hours(text: str | None, default_tz: str = "Asia/Shanghai", calendar: str = "cn") -> AnswerHours | None:
    """Answering hours from text such as "Mon-Fri 09:00-12:00, 13:30-18:00 Asia/Shanghai".

    The earliest start and the latest end make the window (a lunch break is not modelled);
    working days of ``calendar`` unless the text says every day/daily. ``None`` without times.
    """
    if not text:
        return None
    spans = _HHMM.findall(text)
    if not spans:
        return None
    starts = [time(int(a), int(b)) for a, b, _, _ in spans]
    ends = [time(int(c), int(d)) for _, _, c, d in spans]
    m = _TZ.search(text)
    tz = m.group(1) if m else default_tz
    every_day = bool(re.search(r"every\s*day|daily|7\s*days|mon\s*-\s*sun|24\s*/\s*7|每天", text, re.IGNORECASE))
    try:
        return AnswerHours(tz=tz, start=min(starts), end=max(ends), calendar=calendar, every_day=every_day)
    except ValueError:
        return None


def _hours_of(ch: SupplierContactChannel) -> AnswerHours | None:
    if not ch.tz or not ch.start or not ch.end:
        return None
    try:
        return AnswerHours(
            tz=ch.tz,
            start=time.fromisoformat(ch.start),
            end=time.fromisoformat(ch.end),
            calendar=ch.calendar or "cn",
            every_day=ch.every_day,
        )
    except ValueError:
        return None


def _is_legal_rep(c: Contact, org: Organization) -> bool:
    role = (c.role or "").lower()
    if "legal representative" in role or "法定代表人" in (c.role or ""):
        return True
    rep = org.legal_representative or ""
    return bool(rep) and any(n and n in rep for n in (c.name, c.name_zh))


def _channels_for(
    c: Contact, rows: Sequence[SupplierContactChannel], prof: SupplierProfileRow | None
) -> tuple[DChannel, ...]:
    if rows:
        return tuple(DChannel(Channel(r.channel), r.address, _hours_of(r), r.preferred) for r in rows)
    # Contacts recorded without channel rows (foundation data): derive from their fields.
    hours = parse_hours(c.hours, prof.timezone if prof else "Asia/Shanghai", prof.calendar if prof else "cn")
    out = []
    if c.email:
        out.append(DChannel(Channel.EMAIL, c.email, hours))
    if c.phone:
        out.append(DChannel(Channel.PHONE, c.phone, hours))
    if c.wechat:
        out.append(DChannel(Channel.WECHAT, c.wechat, hours))
    return tuple(out)


@dataclass
class ContactView:
    id: int
    name: str
    name_zh: str | None
    level: str | None
    level_label: str
    role: str | None
    legal_representative: bool
    channels: list[DChannel]
    hours_text: str | None


def _matrix(
    s: Session, ws: Workspace, org: Organization
) -> tuple[EscalationMatrix, list[ContactView], SupplierProfileRow | None]:
    prof = s.execute(
        select(SupplierProfileRow).where(SupplierProfileRow.organization_id == org.id)
    ).scalar_one_or_none()
    contacts = list(
        s.execute(
            select(Contact).where(Contact.workspace_id == ws.id, Contact.organization_id == org.id).order_by(Contact.id)
        ).scalars()
    )
    ids = [c.id for c in contacts] or [-1]
    chans: dict[int, list[SupplierContactChannel]] = {}
    for r in s.execute(
        select(SupplierContactChannel)
        .where(SupplierContactChannel.workspace_id == ws.id, SupplierContactChannel.contact_id.in_(ids))
        .order_by(SupplierContactChannel.id)
    ).scalars():
        chans.setdefault(r.contact_id, []).append(r)
    views: list[ContactView] = []
    dcontacts: list[DContact] = []
    for c in contacts:
        channels = _channels_for(c, chans.get(c.id, []), prof)
        lvl = LEVELS.get((c.level or "").strip().lower())
        legal = _is_legal_rep(c, org)
        views.append(
            ContactView(
                c.id,
                c.name,
                c.name_zh,
                c.level,
                LEVEL_LABELS[lvl] if lvl else (c.level or "").replace("_", " "),
                c.role,
                legal,
                list(channels),
                c.hours,
            )
        )
        if lvl is not None:
            dcontacts.append(DContact(c.name, lvl, channels, c.role, c.name_zh, legal))
    views.sort(key=lambda v: (LEVELS.get((v.level or "").lower(), 9), v.id))
    return EscalationMatrix(tuple(dcontacts), prof.protocol if prof else None), views, prof


def add_contact(ctx: Context, workspace: str, key: str, data: Mapping[str, Any], *, actor: str) -> int:
    """A person at the supplier with level, role and channels (each with answering hours)."""
    name = _text(data.get("name"))
    if not name:
        raise SupplierError("name", "the contact's name is required")
    level = _text(data.get("level")) or ""
    if level not in (*LEVELS, "finance", "other"):
        raise SupplierError("level", one_of(level, [*LEVELS, "finance", "other"]))
    channels = list(data.get("channels") or [])
    clean: list[dict[str, Any]] = []
    for n, ch in enumerate(channels, 1):
        where = f"channels[{n}]"
        try:
            kind = Channel(str(ch.get("channel") or ""))
        except ValueError as exc:
            raise SupplierError(f"{where}.channel", one_of(None, (c.value for c in Channel))) from exc
        address = _text(ch.get("address"))
        if not address:
            raise SupplierError(f"{where}.address", T("the address/number/ID is required"))
        if kind is Channel.EMAIL and not is_mail_address(address):  # e.g. the phone number in the e-mail line
            raise SupplierError(
                f"{where}.address",
                T("%(value)s is not an e-mail address (e.g. wang.lei@example.cn)", value=address),
            )
        start, end = _text(ch.get("start")), _text(ch.get("end"))
        tz = _text(ch.get("tz")) or ("Asia/Shanghai" if start else None)
        if tz:
            try:
                zone(tz)
            except ValueError:
                raise SupplierError(
                    "tz", T("'%(value)s' is not a time zone (e.g. Asia/Shanghai or Europe/Berlin)", value=tz)
                ) from None
        if start or end:
            try:
                AnswerHours(
                    tz=tz or "Asia/Shanghai",
                    start=time.fromisoformat(start or ""),
                    end=time.fromisoformat(end or ""),
                    calendar=_text(ch.get("calendar")) or "cn",
                    every_day=bool(ch.get("every_day")),
                )
            except ValueError as exc:
                said = exc.args[0] if exc.args and isinstance(exc.args[0], Text) else str(exc)
                raise SupplierError(f"{where}.hours", said) from exc
        clean.append(
            {
                "channel": kind.value,
                "address": address,
                "tz": tz if start else None,
                "start": start,
                "end": end,
                "calendar": _text(ch.get("calendar")) or "cn",
                "every_day": bool(ch.get("every_day")),
                "preferred": bool(ch.get("preferred")),
            }
        )
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        lock_workspace(s, ws.id)
        org = _org(s, ws, key)
        first = {c["channel"]: c["address"] for c in reversed(clean)}
        c = Contact(
            workspace_id=ws.id,
            organization_id=org.id,
            name=name,
            name_zh=_text(data.get("name_zh")),
            level=level,
            role=_text(data.get("role")),
            email=first.get("email"),
            phone=first.get("phone"),
            wechat=first.get("wechat"),
            hours=_text(data.get("hours")),
        )
        s.add(c)
        s.flush()
        for ch in clean:
            s.add(SupplierContactChannel(workspace_id=ws.id, contact_id=c.id, **ch))
        led = _Ledger(s, ws, ctx, actor)
        led.append("supplier.contact_added", {"supplier": key, "name": name, "level": level})
        cid = c.id
    led.anchor()
    return cid


def set_protocol(ctx: Context, workspace: str, key: str, protocol: str | None, *, actor: str) -> None:
    update_supplier(ctx, workspace, key, {"protocol": protocol}, actor=actor)


def _level(value: EscalationLevel | int | str | None) -> EscalationLevel | None:
    if value is None or value == "":
        return None
    if isinstance(value, EscalationLevel):
        return value
    if isinstance(value, int) or (isinstance(value, str) and value.isdigit()):
        return EscalationLevel(int(value))
    lvl = LEVELS.get(str(value).strip().lower())
    if lvl is None:
        raise SupplierError("level", one_of(value, LEVELS))
    return lvl


def propose_escalation(
    ctx: Context,
    workspace: str,
    supplier_key: str,
    current_level: EscalationLevel | int | str | None,
    at: datetime,
) -> ContactProposal:
    """Whom to contact next, and how, when a case with this supplier escalates at ``at``.

    ``current_level``: the level already contacted (an :class:`EscalationLevel`, its number,
    or ``support_engineer`` … ``general_manager``), ``None`` when nobody was contacted yet.
    """
    if at.tzinfo is None:
        raise ValueError("at: must be timezone-aware")
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        org = _org(s, ws, supplier_key)
        matrix, _, _ = _matrix(s, ws, org)
    return next_contact(matrix, _level(current_level), at)


def proposal_dict(p: ContactProposal) -> dict[str, Any]:
    return {
        "level": p.level.name.lower() if p.level else None,
        "contact": p.contact.name if p.contact else None,
        "channel": p.channel.channel.value if p.channel else None,
        "address": p.channel.address if p.channel else None,
        "open_now": p.open_now,
        "answer_from": p.answer_from.isoformat() if p.answer_from else None,
        "reason": p.reason,
        "follow_up": p.follow_up,
    }
