"""Chat exports as the apps write them, read into the row layout of ``chat.py`` (sent_at, sender,
text, attachment, channel).

* **Telegram** ("Export chat history" of one chat, or "Export Telegram data" of the whole account:
  ``{"chats": {"list": [{"name", "type", "messages": [...]}]}, "left_chats": ...}``, after the
  account's contact list): the moment is ``date_unixtime``, a UTC epoch, so nothing is guessed
  about a zone (exports before 2021 have only ``date``, local time: read like WhatsApp's); text
  is a string or a list of strings and ``{"type", "text"}`` parts; a photo or
  file without a caption is kept by its file name; a service event ("create_group") by its action,
  flagged as an event; a deleted account has ``"from": null`` and is named by its ``from_id``.
* **Instagram / Messenger** (``message_1.json``): ``timestamp_ms`` (UTC epoch in ms),
  ``sender_name``, ``content``; photos, videos, audio and files by their ``uri``. Meta writes
  non-ASCII text as UTF-8 bytes escaped one by one ("\\u00e7\\u0094\\u00b5" for 电), which is undone;
  a message its sender unsent (``is_unsent``, no content) is kept as an event with a note.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

__all__ = ["account_chats", "app_row"]

_MEDIA_LISTS = ("photos", "videos", "audio_files", "gifs", "files")


def account_chats(data: Any) -> list[dict[str, Any]] | None:
    """The chats of a Telegram account export (its chats, then the chats it left), else None."""
    if not isinstance(data, dict) or not isinstance(data.get("chats"), dict):
        return None
    chats: list[Any] = list(data["chats"].get("list") or [])
    left = data.get("left_chats")
    if isinstance(left, dict):
        chats += list(left.get("list") or [])
    return [c for c in chats if isinstance(c, dict)]


def app_row(row: dict[str, Any]) -> dict[str, Any]:
    """A message as Telegram or Instagram / Messenger write it, in ``chat.py``'s layout; any other
    row unchanged. Telegram Desktop before 2021 wrote only ``date``, the exporting computer's local
    time: the row then says ``local_time`` (read in the zone given at import, flagged)."""
    if "date_unixtime" in row or ("date" in row and ("from_id" in row or "actor_id" in row)):
        return _telegram(row)
    if "timestamp_ms" in row and "sender_name" in row:
        return _meta(row)
    return row


def _telegram(row: dict[str, Any]) -> dict[str, Any]:
    parts = row.get("text")
    text = (
        parts
        if isinstance(parts, str)
        else "".join(
            p if isinstance(p, str) else str(p.get("text", "")) for p in parts or [] if isinstance(p, (str, dict))
        )
    )
    service = row.get("type") == "service"
    sender = row.get("from") or row.get("actor") or row.get("from_id") or row.get("actor_id")
    attachment = row.get("photo") or row.get("file_name") or row.get("file")
    notes = []
    # Telegram writes "(File not included…)" in "photo" or "file"; a document's "file_name" stays
    left_out = next((v for v in (row.get("photo"), row.get("file")) if str(v).startswith("(File not included")), None)
    if left_out:
        notes.append("file not in the export: " + str(left_out))
        attachment = row.get("file_name") or row.get("media_type") or "file"
    if not text:
        poll = row.get("poll")
        text = (
            row.get("action")
            or row.get("sticker_emoji")
            or (poll.get("question") if isinstance(poll, dict) else None)
            or ("" if attachment else row.get("media_type"))
            or ""
        )
    local = "date_unixtime" not in row
    return {
        "sent_at": str(row.get("date") or "") if local else _epoch(row["date_unixtime"], 1),
        "local_time": local,
        "sender": sender,
        "text": text,
        "attachment": attachment if isinstance(attachment, str) else None,
        "channel": "telegram",
        "system": service,
        "notes": notes,
    }


def _meta(row: dict[str, Any]) -> dict[str, Any]:
    attachment = None
    for name in _MEDIA_LISTS:
        media = row.get(name)
        if isinstance(media, list) and media and isinstance(media[0], dict) and media[0].get("uri"):
            attachment = str(media[0]["uri"])
            break
    sticker = row.get("sticker")
    if attachment is None and isinstance(sticker, dict) and sticker.get("uri"):
        attachment = str(sticker["uri"])
    share = row.get("share")
    text = _meta_text(row.get("content")) or (_meta_text(share.get("link")) if isinstance(share, dict) else None)
    unsent = bool(row.get("is_unsent")) and not text and attachment is None
    return {
        "sent_at": _epoch(row["timestamp_ms"], 1000),
        "sender": _meta_text(row["sender_name"]),
        "text": text,
        "attachment": attachment,
        # unsent by its sender: the export keeps when and who, not what (kept as an event)
        "system": unsent,
        "unsent": unsent,
        "notes": ["unsent by its sender: the export keeps no text"] if unsent else [],
    }


def _meta_text(value: Any) -> Any:
    """Meta's exports escape each UTF-8 byte as its own character: read the bytes back as UTF-8
    (text that is not such bytes is left as it is)."""
    if not isinstance(value, str) or value.isascii():
        return value
    try:
        return value.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return value


def _epoch(value: Any, per_second: int) -> str:
    """A UTC epoch (seconds, or milliseconds with ``per_second=1000``) as ISO 8601; "" when it is not
    one (the row is then refused as having no sent_at)."""
    try:
        return datetime.fromtimestamp(int(value) / per_second, UTC).isoformat()
    except (ValueError, TypeError, OverflowError, OSError):
        return ""
