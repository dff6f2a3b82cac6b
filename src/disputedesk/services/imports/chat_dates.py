"""The day/month order of a chat export's dates (WhatsApp, Signal: "03/04/2024" is 3 April or 4 March).

The parser reads the order from the file (a first field above 12 means day first); when the file
never shows it, day first is assumed and each message whose date reads two ways is flagged
``date_order_assumed``. The user may choose the order at import (``chat_date_order``: ``dmy`` or
``mdy``): such messages are then read so and flagged ``date_order_basis="stated"``.

The same file imported again is the same evidence: it is never stored twice. The answer says how its
dates were read; when another order is chosen than the one its messages were read in, their dates
are read again in that order (the stored bytes are unchanged; one ledger entry on the export lists
the messages), so a second reading is never lost without a word.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, tzinfo
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy.orm import Session

from ...domain.labels import evidence_label
from ...domain.text import Quoted, T, Text
from ...ingest.mail import ParsedMessage
from ..mail.chat_times import export_messages, on_duplicate_zone

ORDERS = ("dmy", "mdy")
STATED = "stated"


def chat_date_order(value: str | None) -> str | None:
    """The day/month order chosen at import (``dmy``/``mdy``), None when left to the file."""
    order = (value or "").strip().lower()
    if not order:
        return None
    if order not in ORDERS:
        from ..records.errors import FieldError

        raise FieldError("chat_date_order", "{value} is not dmy (day first) or mdy (month first)", value=Quoted(order))
    return order


def _order_words(order: str) -> Text:
    return T("day/month") if order == "dmy" else T("month/day")


def _swapped(sent: datetime, zone: str | None) -> datetime:
    """The same local time with day and month exchanged (both are 12 or less: the date read two ways)."""
    try:
        tz: Any = ZoneInfo(zone) if zone and zone != "UTC" else UTC
    except (ZoneInfoNotFoundError, ValueError):
        tz = UTC
    local = (sent if sent.tzinfo else sent.replace(tzinfo=UTC)).astimezone(tz)
    return local.replace(month=local.day, day=local.month).astimezone(UTC)


def apply_chosen_order(m: ParsedMessage, order: str | None) -> None:
    """A message just parsed: read in the order chosen at import when its date reads two ways."""
    if order is None or m.date_order_assumed is None:
        return
    if m.date_order_assumed != order and m.date is not None:
        m.date = _swapped(m.date, m.local_zone)
    m.date_order_assumed = order
    m.date_order_basis = STATED


def on_duplicate(
    s: Session,
    item_id: int,
    number: int,
    order: str | None,
    log: Callable[..., None],
    *,
    zone: tzinfo | str | None = None,
) -> Text | None:
    """A chat export already in the vault imported again, with the day/month ``order`` and the
    exporter's ``zone`` chosen or None: the zone's sentence (times read again in a zone now stated,
    ``services/mail/chat_times.py``; ledger action ``messages.times_restated``), then the order's.
    Before, a zone stated on importing the same file again was dropped without a word."""
    zoned = on_duplicate_zone(
        s, item_id, number, str(zone) if zone else None, lambda p: log(p, action="messages.times_restated")
    )
    ordered = _order_on_duplicate(s, item_id, number, order, log)
    if zoned is not None and ordered is not None:
        return T("%(first)s; %(second)s", first=zoned, second=ordered)
    return zoned or ordered


def _order_on_duplicate(
    s: Session, item_id: int, number: int, order: str | None, log: Callable[..., None]
) -> Text | None:
    """The export imported again, ``order`` chosen or None: the sentence for the report, after
    reading its messages' dates again when ``order`` is not the one they were read in. None when
    its dates do not depend on the order (nothing to say)."""
    label = evidence_label(number)
    rows = export_messages(s, item_id)
    local = [(m, e) for m, e in rows if (m.flags or {}).get("date_source") == "export-local-time"]
    if not local:
        return None
    two_ways = [(m, e) for m, e in local if (m.flags or {}).get("date_order_assumed")]
    if not two_ways:
        if order is None:
            return None
        return T(
            "same bytes as %(item)s: not stored twice; the file shows its day/month order, so the order chosen "
            "was not needed",
            item=label,
        )
    read = two_ways[0][0].flags["date_order_assumed"]
    if order is None or order == read:
        other = "mdy" if read == "dmy" else "dmy"
        return T(
            "same bytes as %(item)s: not stored twice; its dates were read as %(order)s (the file does not show "
            "which comes first). To read them as %(other)s, import it again choosing %(other)s",
            item=label,
            order=_order_words(read),
            other=_order_words(other),
        )
    changed = []
    for m, e in two_ways:
        flags = dict(m.flags or {})
        if m.sent_at is not None:
            m.sent_at = _swapped(m.sent_at, flags.get("local_time_zone"))
            if e.document_date is not None:
                e.document_date = m.sent_at
        flags.update(date_order_assumed=order, date_order_basis=STATED)
        m.flags = flags
        changed.append(evidence_label(e.number))
    log({"evidence": label, "order": order, "was": read, "messages": changed})
    return T(
        "same bytes as %(item)s: not stored twice; its dates were read again as %(order)s, as chosen "
        "(%(count)s messages; they were read as %(was)s)",
        item=label,
        order=_order_words(order),
        count=len(changed),
        was=_order_words(read),
    )
