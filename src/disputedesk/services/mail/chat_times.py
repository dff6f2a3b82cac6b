"""Chat exports in local time (WhatsApp writes the phone's clock with no zone): which zone a
message's time was read in, on what basis, and reading the times again when the company's zone
is recorded or changed.

A message's ``flags`` say it (``services/imports/mail.py`` ``message_flags``):

* ``local_time_zone``: the zone its time was read in ("UTC" when none was known);
* ``zone_basis``: ``stated`` (the exporter's zone, given at import: never changed afterwards),
  ``company`` (the buyer's zone, assumed), ``none`` (no zone known: read as UTC).

Messages imported before the basis was recorded: those flagged "export time zone unknown" were
read as UTC; the others were read in the company's zone of that day (its name not kept).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...domain.labels import evidence_label
from ...store.models import EvidenceItem, Message, Workspace

STATED, COMPANY, NONE = "stated", "company", "none"
_UNKNOWN = "export time zone unknown"  # the parser's error on a time read without a zone
CHAT_LOCAL_CHANNELS = ("whatsapp", "signal", "telegram")  # channels whose exports can carry local times


def reading(flags: dict[str, Any] | None) -> dict[str, Any] | None:
    """How a message's time was read: {"zone", "basis", "date_order_assumed"}; None when its time
    came with its zone (mail, a chat export with offsets)."""
    flags = flags or {}
    if flags.get("date_source") != "export-local-time":
        return None
    zone, basis = flags.get("local_time_zone"), flags.get("zone_basis")
    if basis is None:  # imported before the basis was recorded
        if zone:
            basis = COMPANY
        elif any(_UNKNOWN in str(e) for e in flags.get("errors") or []):
            basis, zone = NONE, "UTC"
        else:
            basis = COMPANY  # the company's zone of that day (its name was not kept)
    return {
        "zone": zone,
        "basis": basis,
        "date_order_assumed": flags.get("date_order_assumed"),
        "date_order_basis": flags.get("date_order_basis") if flags.get("date_order_assumed") else None,
    }


def reread_in_company_zone(s: Session, ws: Workspace, zone_name: str, log: Callable[[dict[str, Any]], None]) -> int:
    """Read again, in the company's zone, the chat times that were read as UTC (no zone known) or
    in an earlier company zone; stated zones are left alone. One ledger entry (``log``) lists the
    messages with the zone. Returns how many were read again."""
    try:
        new = ZoneInfo(zone_name)
    except (ZoneInfoNotFoundError, ValueError):
        return 0
    rows = s.execute(
        select(Message, EvidenceItem)
        .join(EvidenceItem, EvidenceItem.id == Message.evidence_id)
        .where(Message.workspace_id == ws.id, Message.channel.in_(CHAT_LOCAL_CHANNELS))
    ).all()
    changed: list[str] = []
    for m, item in rows:
        r = reading(m.flags)
        if r is None or r["basis"] == STATED or r["zone"] == zone_name or m.sent_at is None:
            continue
        if not r["zone"]:  # read in a company zone whose name was not kept: the local time is unknown
            continue
        try:
            old = ZoneInfo(r["zone"])
        except (ZoneInfoNotFoundError, ValueError):
            continue
        sent = m.sent_at if m.sent_at.tzinfo else m.sent_at.replace(tzinfo=UTC)
        local = sent.astimezone(old).replace(tzinfo=new)
        m.sent_at = _utc(local)
        if item.document_date is not None:
            item.document_date = m.sent_at
        flags = dict(m.flags or {})
        flags.update(local_time_zone=zone_name, zone_basis=COMPANY)
        errors = [e for e in flags.get("errors") or [] if _UNKNOWN not in str(e)]
        if errors:
            flags["errors"] = errors
        else:
            flags.pop("errors", None)
        m.flags = flags
        changed.append(evidence_label(item.number))
    if changed:
        log({"zone": zone_name, "basis": COMPANY, "messages": changed})
    return len(changed)


def _utc(local: datetime) -> datetime:
    return local.astimezone(UTC)
