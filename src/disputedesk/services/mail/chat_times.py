"""Chat exports in local time (WhatsApp writes the phone's clock with no zone): which zone a
message's time was read in, on what basis, and reading the times again when the company's zone
is recorded or changed.

A message's ``flags`` say it (``services/imports/mail.py`` ``message_flags``):

* ``local_time_zone``: the zone its time was read in ("UTC" when none was known);
* ``zone_basis``: ``stated`` (the exporter's zone, given at import: never changed afterwards, but
  by importing the same export again stating another zone, ``on_duplicate_zone``),
  ``company`` (the buyer's zone, assumed), ``none`` (no zone known: read as UTC).

Messages imported before the basis was recorded: those flagged "export time zone unknown" were
read as UTC; the others were read in the company's zone of that day (its name not kept).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from ...domain.labels import evidence_label
from ...domain.text import Seq, T, Text
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
        _read_again(m, item, old, new, zone_name, COMPANY)
        changed.append(evidence_label(item.number))
    if changed:
        log({"zone": zone_name, "basis": COMPANY, "messages": changed})
    return len(changed)


def on_duplicate_zone(
    s: Session, item_id: int, number: int, zone_name: str | None, log: Callable[[dict[str, Any]], None]
) -> Text | None:
    """A chat export already in the vault (evidence ``number``) imported again with its exporter's
    zone stated (``zone_name``): its messages' local times are read again in that zone when they were
    read in another (assumed, UTC, or stated otherwise before: the user says so again, explicitly);
    one ledger entry (``log``) lists them. The sentence for the report; None when nothing was stated
    or its times came with their zone."""
    if not zone_name:
        return None
    label = evidence_label(number)
    local = [(m, e, r) for m, e in export_messages(s, item_id) if (r := reading(m.flags)) is not None]
    if not local:
        return None
    new = ZoneInfo(zone_name)
    changed: list[str] = []
    was: set[str] = set()
    unknown = 0
    for m, e, r in local:
        if r["zone"] == zone_name:
            if r["basis"] != STATED:  # the zone it was assumed in, now stated
                m.flags = {**(m.flags or {}), "local_time_zone": zone_name, "zone_basis": STATED}
            continue
        if not r["zone"]:  # read in a company zone whose name was not kept: the local time is unknown
            unknown += 1
            continue
        try:
            old = ZoneInfo(r["zone"])
        except (ZoneInfoNotFoundError, ValueError):
            unknown += 1
            continue
        _read_again(m, e, old, new, zone_name, STATED)
        was.add(r["zone"])
        changed.append(evidence_label(e.number))
    if changed:
        log({"evidence": label, "zone": zone_name, "basis": STATED, "was": sorted(was), "messages": changed})
        return T(
            "same bytes as %(item)s: not stored twice; its times were read again in %(zone)s, as stated "
            "(%(count)s messages; they were read in %(was)s)",
            item=label,
            zone=zone_name,
            count=len(changed),
            was=Seq(sorted(was)),
        )
    if unknown:
        return T(
            "same bytes as %(item)s: not stored twice; its times were read in your company's zone of the day "
            "of import, whose name was not kept, so they cannot be read again in %(zone)s",
            item=label,
            zone=zone_name,
        )
    return T(
        "same bytes as %(item)s: not stored twice; its times are already read in %(zone)s", item=label, zone=zone_name
    )


def export_messages(s: Session, item_id: int) -> list[Any]:
    """The messages of a chat export (evidence ``item_id``) with their items, by number; a one-message
    export is the file itself."""
    return list(
        s.execute(
            select(Message, EvidenceItem)
            .join(EvidenceItem, EvidenceItem.id == Message.evidence_id)
            .where(or_(EvidenceItem.parent_id == item_id, EvidenceItem.id == item_id))
            .order_by(EvidenceItem.number)
        ).all()
    )


def _read_again(m: Message, item: EvidenceItem, old: ZoneInfo, new: ZoneInfo, zone_name: str, basis: str) -> None:
    """A message's local time, read in ``old``, read again in ``new``; its flags say the zone and basis."""
    if m.sent_at is not None:
        sent = m.sent_at if m.sent_at.tzinfo else m.sent_at.replace(tzinfo=UTC)
        m.sent_at = _utc(sent.astimezone(old).replace(tzinfo=new))
        if item.document_date is not None:
            item.document_date = m.sent_at
    flags = dict(m.flags or {})
    flags.update(local_time_zone=zone_name, zone_basis=basis)
    errors = [x for x in flags.get("errors") or [] if _UNKNOWN not in str(x)]
    if errors:
        flags["errors"] = errors
    else:
        flags.pop("errors", None)
    m.flags = flags


def _utc(local: datetime) -> datetime:
    return local.astimezone(UTC)
