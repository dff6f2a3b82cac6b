"""Chat exports: WhatsApp text exports, and a documented CSV/JSON layout for other chats.

WhatsApp ("Export chat" -> "Without media") writes one line per message start, in the phone's
locale, e.g.::

    01/01/19, 11:25 - John Doe: text            (dd/mm/yy or mm/dd/yy, Android)
    2019/01/01, 11:25 - John Doe: text          (yyyy/mm/dd)
    01/01/2019, 11:25 a. m. - John Doe: text    (12-hour clock, Spanish "a. m./p. m.")
    [01/01/19 11:25] John Doe: text             (bracketed, iOS; also with seconds)
    12.03.21, 21:04 - John Doe: text            (dotted, German)

    2023/12/25 下午9:04 - 王工: text              (a Chinese phone's 上午/下午 clock)

Signal Desktop has no export of its own; the usual tool (signal-export) writes text of the same
kind, always ``[2019-12-24, 12:23] Jane Doe: text`` (brackets, year first with dashes, a comma, no
seconds: WhatsApp's bracketed lines carry seconds). Such a file is read by the same rules and its
messages are recorded as Signal's (:func:`chat_app`), not WhatsApp's.

Continuation lines belong to the previous message.  A message of one character is written
without the space ("John Doe:.").  Lines without "sender:" after the time stamp are system
events ("X created group", "You were added", a subject change quoting "Re: …") and are returned
with ``system=True``.  Attachments: Android's "NAME (file attached)", iOS's "<attached: NAME>";
media left out of the export ("<Media omitted>", "image omitted") is noted on the message.
Day/month order is found from the file itself (a first field above 12 means day first, a second
field above 12 means month first); if the file never says, ``date_order`` decides (default day
first), a note says it was assumed, and every message whose date reads two ways (03/04, not
05/05) carries ``date_order_assumed``.  WhatsApp writes local time with no
offset: give ``tz`` (the phone's zone), else the times are read as UTC and flagged
``date_source="export-local-time"``.

CSV/JSON layout for chats copied from WeChat or any other tool (UTF-8, header row required)::

    sent_at,sender,direction,text,attachment,channel
    2024-03-05T09:12:00+08:00,Li Wei (supplier),in,设备已经发货,packing-list.pdf,wechat

* ``sent_at`` (required): ISO 8601 with a UTC offset (``Z`` or ``+08:00``); rows without an
  offset are rejected, because the hour would be guessed.
* ``sender`` (required), ``text`` (required, may be empty if ``attachment`` is given).
* ``direction`` (optional): ``in`` (received by us) or ``out`` (sent by us); also accepted:
  incoming/outgoing, received/sent, 收/发.
* ``attachment`` (optional): a file name the message referred to (the file itself is imported
  separately).
* ``channel`` (optional): wechat, qq, whatsapp, teams ...; default ``chat``.

JSON: a list of objects with the same keys, or ``{"channel": "wechat", "messages": [...]}``.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from typing import Any, Literal

from ...domain.text import T
from .charset import decode_bytes, detect_damage
from .chat_apps import account_chats, app_row
from .model import Address, AttachmentInfo, ParsedItem, ParsedMessage

__all__ = [
    "CHAT_COLUMNS",
    "chat_app",
    "is_whatsapp_export",
    "iter_chat_csv_items",
    "iter_chat_json_items",
    "iter_whatsapp_items",
    "parse_whatsapp_text",
]

CHAT_COLUMNS = ("sent_at", "sender", "direction", "text", "attachment", "channel")

_WA_LINE = re.compile(
    r"^[\u200e\u200f\ufeff]?\[?(?P<date>\d{1,4}[./-]\d{1,2}[./-]\d{1,4}),?[ \u202f\u00a0]+"
    r"(?P<half>上午|下午|凌晨|早上|中午|晚上)?"  # a Chinese phone's 12-hour clock: 下午9:04
    r"(?P<time>\d{1,2}[:.]\d{2}(?:[:.]\d{2})?)"
    r"(?:[ \u202f\u00a0]*(?P<ampm>[aApP]\.?[ \u202f\u00a0]?[mM]\.?))?"
    r"\]?(?:[ \u202f\u00a0]+[-–][ \u202f\u00a0]+|[ \u202f\u00a0]+)(?P<rest>.*)$"
)
# "Name: text", also "Name:." (a message of one character is written without the space)
_SENDER = re.compile(r"^(?P<sender>[^:\n]{1,80}?):[ \u00a0]?(?P<text>.*)$", re.DOTALL)
_ATTACHED = re.compile(
    r"^(?:(?P<name>[^\n]+?) \((?:file attached|archivo adjunto|Datei angehängt)\)|<attached: (?P<ios>[^\n>]+)>)"
)
# media the export left out ("Export chat" without media): Android's "<Media omitted>", iOS's "image omitted"
_OMITTED = re.compile(
    r"^(?:<Media omitted>|(?:image|video|audio|sticker|GIF|document|Contact card) omitted)$", re.IGNORECASE
)
_PM_HALVES = ("下午", "晚上")
# signal-export's line: "[2019-12-24, 12:23] Jane Doe: text"
_SIGNAL_LINE = re.compile(r"^\ufeff?\[\d{4}-\d{2}-\d{2}, \d{2}:\d{2}\] ")


@dataclass
class _WaMessage:
    first_line: int
    last_line: int
    date: str
    time: str
    ampm: str | None
    rest: str
    half: str | None = None  # 上午 / 下午 …


def is_whatsapp_export(text: str) -> bool:
    """True if the first non-empty lines look like a WhatsApp export."""
    lines = [ln for ln in text.splitlines()[:20] if ln.strip()]
    if not lines:
        return False
    hits = sum(1 for ln in lines if _WA_LINE.match(ln))
    return hits >= max(1, len(lines) // 2)


def chat_app(text: str) -> Literal["whatsapp", "signal"]:
    """Which app wrote a text export of this kind: "signal" when every message line of its start
    has signal-export's shape, else "whatsapp"."""
    starts = [ln for ln in text.splitlines()[:50] if _WA_LINE.match(ln)]
    return "signal" if starts and all(_SIGNAL_LINE.match(ln) for ln in starts) else "whatsapp"


def _date_order(dates: list[str], default: str) -> tuple[str, bool]:
    """Return ('ymd'|'dmy'|'mdy', assumed?) from all the date stamps of the file."""
    first_gt12 = second_gt12 = False
    for d in dates:
        parts = re.split(r"[./-]", d)
        if len(parts[0]) == 4:
            return "ymd", False
        a, b = int(parts[0]), int(parts[1])
        first_gt12 |= a > 12
        second_gt12 |= b > 12
    if first_gt12 and not second_gt12:
        return "dmy", False
    if second_gt12 and not first_gt12:
        return "mdy", False
    return default, True


def _to_datetime(m: _WaMessage, order: str, tz: tzinfo) -> datetime:
    parts = [int(x) for x in re.split(r"[./-]", m.date)]
    if order == "ymd":
        y, mo, d = parts
    elif order == "dmy":
        d, mo, y = parts
    else:
        mo, d, y = parts
    if y < 100:
        y += 2000
    tparts = [int(x) for x in re.split(r"[:.]", m.time)]
    hour, minute = tparts[0], tparts[1]
    second = tparts[2] if len(tparts) > 2 else 0
    if m.ampm or m.half:
        pm = (m.ampm or "").lower().startswith("p") or m.half in _PM_HALVES or (m.half == "中午" and hour < 11)
        if pm and hour < 12:
            hour += 12
        elif not pm and hour == 12 and m.half != "中午":
            hour = 0
    return datetime(y, mo, d, hour, minute, second, tzinfo=tz).astimezone(UTC)


def parse_whatsapp_text(
    text: str,
    *,
    tz: tzinfo | None = None,
    date_order: Literal["dmy", "mdy"] = "dmy",
    channel: str = "whatsapp",
) -> tuple[list[tuple[ParsedMessage, int, int]], list[str]]:
    """Parse an export (``channel``: the app that wrote it, see :func:`chat_app`); returns
    ``([(message, first_line, last_line)], notes)`` (lines 1-based)."""
    notes: list[str] = []
    raw_msgs: list[_WaMessage] = []
    for i, line in enumerate(text.splitlines(), start=1):
        m = _WA_LINE.match(line)
        if m:
            raw_msgs.append(_WaMessage(i, i, m["date"], m["time"], m["ampm"], m["rest"], m["half"]))
        elif raw_msgs:
            raw_msgs[-1].rest += "\n" + line
            raw_msgs[-1].last_line = i
        elif line.strip():
            notes.append(f"line {i}: text before the first message ignored")
    order, assumed = _date_order([m.date for m in raw_msgs], date_order)
    if assumed and raw_msgs:
        notes.append(f"day/month order not evident from the file; assumed {order}")
    zone = tz or UTC
    out: list[tuple[ParsedMessage, int, int]] = []
    for wm in raw_msgs:
        pm = ParsedMessage(channel=channel)
        try:
            pm.date = _to_datetime(wm, order, zone)
            pm.date_source = "export-local-time"
            if tz is None:
                pm.errors.append("export time zone unknown: local times read as UTC")
        except ValueError as exc:
            pm.errors.append(f"line {wm.first_line}: bad time stamp {wm.date} {wm.time}: {exc}")
        if assumed and _ambiguous(wm.date):
            pm.date_order_assumed = order
        sm = _SENDER.match(wm.rest)
        if sm and _is_sender(sm["sender"]):
            pm.from_ = Address(name=sm["sender"].strip(" \u200e\u202f\u00a0"), addr="")
            pm.text_body = sm["text"].lstrip("\u200e")
            att = _ATTACHED.match(pm.text_body)
            if att:
                name = (att["name"] or att["ios"]).strip()
                pm.attachments.append(AttachmentInfo(filename=name, media_type="", size=0))
            elif _OMITTED.match(pm.text_body.strip()):
                pm.notes.append("media not in the export (exported without media)")
        else:
            pm.system = True
            pm.text_body = wm.rest
        for reason in detect_damage(pm.text_body):
            pm.damage_reasons.append(f"line {wm.first_line}: {reason}")
        pm.damaged = bool(pm.damage_reasons)
        out.append((pm, wm.first_line, wm.last_line))
    return out, notes


def _is_sender(name: str) -> bool:
    """A sender's name, not the start of an event that quotes a colon ('X changed the subject from
    "Re: spindle" to …'): no quotation left open."""
    return name.count('"') % 2 == 0 and name.count("“") == name.count("”")


def _ambiguous(date: str) -> bool:
    """03/04/2024 could be 3 April or 4 March; 05/05 and 2024/03/04 cannot be misread."""
    parts = re.split(r"[./-]", date)
    return len(parts[0]) != 4 and int(parts[0]) <= 12 and int(parts[1]) <= 12 and parts[0] != parts[1]


def _decode_file(raw: bytes) -> str:
    data = raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw
    return decode_bytes(data, "utf-8").text


def _container(raw: bytes, source: str, key: str, media_type: str) -> ParsedItem:
    return ParsedItem(key=key, kind="container", source=source, media_type=media_type, raw=raw)


def iter_whatsapp_items(
    raw: bytes,
    *,
    source: str,
    key: str = "0",
    tz: tzinfo | None = None,
    date_order: Literal["dmy", "mdy"] = "dmy",
) -> Iterator[ParsedItem]:
    """The export file as a container item, then one item per message (its own lines' bytes);
    a Signal export's (:func:`chat_app`) messages are Signal's."""
    text = _decode_file(raw)
    yield _container(raw, source, key, "text/plain")
    messages, notes = parse_whatsapp_text(text, tz=tz, date_order=date_order, channel=chat_app(text))
    lines = text.splitlines(keepends=True)
    for n, (pm, first, last) in enumerate(messages, start=1):
        pm.errors.extend(notes if n == 1 else [])
        yield ParsedItem(
            key=f"{key}/{n}",
            kind="message",
            source=source,
            media_type="text/plain",
            raw="".join(lines[first - 1 : last]).encode("utf-8"),
            parent_key=key,
            location=f"lines {first}-{last}" if last > first else f"line {first}",
            message=pm,
        )


# --- CSV / JSON -----------------------------------------------------------------------------

_DIRECTIONS = {
    "in": "in",
    "incoming": "in",
    "received": "in",
    "inbound": "in",
    "收": "in",
    "out": "out",
    "outgoing": "out",
    "sent": "out",
    "outbound": "out",
    "发": "out",
}


def _row_message(
    row: dict[str, Any], where: str, default_channel: str, tz: tzinfo | None = None
) -> tuple[ParsedMessage | None, str | None]:
    """A row as a message, or the sentence saying what is wrong with it. A row an app wrote in local
    time (``local_time``) is read in ``tz``, else as UTC, and flagged like a WhatsApp export."""
    def val(name: str) -> str:
        v = row.get(name)
        return "" if v is None else str(v).strip()

    sent_at = val("sent_at")
    if not sent_at:
        return None, T("%(where)s: sent_at is empty", where=where)
    try:
        dt = datetime.fromisoformat(sent_at.replace("Z", "+00:00"))
    except ValueError:
        return None, T("%(where)s: sent_at '%(value)s' is not ISO 8601", where=where, value=sent_at)
    local = bool(row.get("local_time")) and dt.tzinfo is None
    if local:
        dt = dt.replace(tzinfo=tz or UTC)
    elif dt.tzinfo is None:
        return None, T(
            "%(where)s: sent_at '%(value)s' has no UTC offset (write e.g. +08:00)", where=where, value=sent_at
        )
    sender = val("sender")
    if not sender:
        return None, T("%(where)s: sender is empty", where=where)
    text = "" if row.get("text") is None else str(row.get("text"))
    attachment = val("attachment")
    if not text.strip() and not attachment and not row.get("unsent"):
        return None, T("%(where)s: both text and attachment are empty", where=where)
    direction = val("direction").lower()
    if direction and direction not in _DIRECTIONS:
        return None, T("%(where)s: direction '%(value)s' is not one of in/out", where=where, value=direction)
    pm = ParsedMessage(channel=val("channel").lower() or default_channel)
    pm.date, pm.date_source = dt.astimezone(UTC), "export-local-time" if local else "export"
    if local and tz is None:
        pm.errors.append("export time zone unknown: local times read as UTC")
    pm.from_ = Address(name=sender, addr=sender.lower() if "@" in sender and " " not in sender else "")
    pm.text_body = text
    pm.direction_hint = _DIRECTIONS.get(direction) if direction else None
    if attachment:
        pm.attachments.append(AttachmentInfo(filename=attachment, media_type="", size=0))
    pm.system = bool(row.get("system"))
    pm.notes.extend(str(n) for n in row.get("notes") or [])
    pm.damage_reasons = [f"text: {r}" for r in detect_damage(text)]
    pm.damaged = bool(pm.damage_reasons)
    return pm, None


def iter_chat_csv_items(raw: bytes, *, source: str, key: str = "0", channel: str = "chat") -> Iterator[ParsedItem]:
    """A chat CSV (layout in the module docstring): container item, then one item per row."""
    text = _decode_file(raw)
    yield _container(raw, source, key, "text/csv")
    lines = text.splitlines(keepends=True)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    fields = [f.strip().lower() for f in (reader.fieldnames or [])]
    missing = [c for c in ("sent_at", "sender", "text") if c not in fields]
    if missing:
        yield ParsedItem(
            key=f"{key}/0",
            kind="rejected",
            source=source,
            media_type="text/csv",
            raw=b"",
            parent_key=key,
            location="header row",
            reason=T(
                "missing column(s) %(missing)s; expected %(expected)s",
                missing=", ".join(missing),
                expected=", ".join(CHAT_COLUMNS),
            ),
        )
        return
    reader.fieldnames = fields
    prev = reader.line_num
    for n, row in enumerate(reader, start=1):
        first, last = prev + 1, reader.line_num
        prev = reader.line_num
        row_raw = "".join(lines[first - 1 : last]).encode("utf-8")
        pm, reason = _row_message(row, T("line %(line)s", line=first), channel)
        yield ParsedItem(
            key=f"{key}/{n}",
            kind="message" if pm else "rejected",
            source=source,
            media_type="text/csv",
            raw=row_raw,
            parent_key=key,
            location=f"lines {first}-{last}" if last > first else f"line {first}",
            message=pm,
            reason=reason,
        )


def iter_chat_json_items(
    raw: bytes, *, source: str, key: str = "0", channel: str = "chat", tz: tzinfo | None = None
) -> Iterator[ParsedItem]:
    """A chat JSON file (list of rows, or {"channel":..., "messages": [...]}; an app's export, see
    ``chat_apps``): the file, then each chat of an account export as its own item, then the messages.
    A file that is not JSON, or not a chat's, is one rejected item with the file's key (kept as a plain file)."""
    data: Any
    error: str | None
    try:
        data = json.loads(_decode_file(raw))
    except json.JSONDecodeError as exc:
        data = None
        error = T("not valid JSON (line %(line)s, column %(column)s)", line=exc.lineno, column=exc.colno)
    else:
        error = None
    chats = account_chats(data)
    if chats is None and isinstance(data, dict):
        channel = str(data.get("channel") or channel)
        data = data.get("messages")
    if chats is None and (error is not None or not isinstance(data, list)):
        reason = error or T("expected a list of messages or an object with 'messages'")
        yield ParsedItem(key=key, kind="rejected", source=source, media_type="application/json", raw=b"", reason=reason)
        return
    yield _container(raw, source, key, "application/json")
    if chats is not None:
        for c, chat in enumerate(chats, start=1):
            ckey = f"{key}/chat{c}"
            yield ParsedItem(
                key=ckey,
                kind="container",
                source=source,
                media_type="application/json",
                # the chat's own fields (name, type, id); its messages are its parts
                raw=json.dumps({k: v for k, v in chat.items() if k != "messages"}, ensure_ascii=False,
                               sort_keys=True).encode("utf-8"),
                location=f"chats[{c - 1}]",
                title=str(chat.get("name") or ""),
            )  # fmt: skip
            rows = chat.get("messages")
            yield from _json_rows(rows if isinstance(rows, list) else [], source, ckey, channel, c, tz)
        return
    assert isinstance(data, list)
    yield from _json_rows(data, source, key, channel, None, tz)


def _json_rows(
    data: list[Any], source: str, key: str, channel: str, chat: int | None, tz: tzinfo | None
) -> Iterator[ParsedItem]:
    """The messages of a chat JSON file, or of chat number ``chat`` of an account export."""
    for n, row in enumerate(data, start=1):
        if chat is None:
            where = T("messages[%(n)s]", n=n - 1)
        else:
            where = T("chat %(chat)s, messages[%(n)s]", chat=chat, n=n - 1)
        pm: ParsedMessage | None
        reason: str | None
        if not isinstance(row, dict):
            pm, reason = None, T("%(where)s: not an object", where=where)
        else:
            pm, reason = _row_message(app_row({str(k).lower(): v for k, v in row.items()}), where, channel, tz)
        yield ParsedItem(
            key=f"{key}/{n}",
            kind="message" if pm else "rejected",
            source=source,
            media_type="application/json",
            # a JSON element has no bytes of its own: its canonical serialisation
            raw=json.dumps(row, ensure_ascii=False, sort_keys=True).encode("utf-8"),
            parent_key=key,
            location=f"messages[{n - 1}]" if chat is None else f"chats[{chat - 1}].messages[{n - 1}]",
            message=pm,
            reason=reason,
        )
