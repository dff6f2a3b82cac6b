"""Correspondence parsers: e-mail (.eml, mbox, Maildir), Outlook .msg and chat exports.

Pure functions from paths/bytes to :class:`ParsedItem` streams; nothing here touches a
database.  Typical use by the importer::

    from disputedesk.ingest.mail import parse_path

    for item in parse_path("export.mbox"):
        vault.put(item.sha256, item.raw)          # exact original bytes
        if item.kind == "message": ...            # item.message: ParsedMessage
        elif item.kind == "attachment": ...       # item.attachment: AttachmentInfo
        elif item.kind == "rejected": report(item.source, item.reason)
        # item.parent_key links attachments/nested messages to their message

Parsers are found by media type (:func:`detect_media_type`); :func:`register` adds or replaces
one.  A parser never raises for bad input: it yields ``kind="rejected"`` items with a reason,
and :func:`parse_path` turns an unexpected exception into such an item too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import tzinfo
from pathlib import Path

from .autoreply import detect_auto_reply
from .chat import is_whatsapp_export, iter_chat_csv_items, iter_chat_json_items, iter_whatsapp_items
from .direction import Direction, Parties, classify
from .eml import iter_eml_items, parse_eml
from .maildir import is_maildir, iter_maildir_items
from .mbox import is_from_line, iter_mbox_items
from .model import Address, AttachmentInfo, ParsedItem, ParsedMessage
from .msg import OLE_MAGIC, iter_msg_items, msg_available
from .threading import Thread, ThreadInput, ThreadNode, normalise_subject, thread_messages

__all__ = [
    "Address",
    "AttachmentInfo",
    "Direction",
    "MAILDIR",
    "Parser",
    "ParsedItem",
    "ParsedMessage",
    "Parties",
    "Thread",
    "ThreadInput",
    "ThreadNode",
    "WHATSAPP",
    "classify",
    "detect_auto_reply",
    "detect_media_type",
    "is_maildir",
    "iter_chat_csv_items",
    "iter_chat_json_items",
    "iter_eml_items",
    "iter_maildir_items",
    "iter_mbox_items",
    "iter_msg_items",
    "iter_whatsapp_items",
    "msg_available",
    "normalise_subject",
    "parse_eml",
    "parse_path",
    "parsers",
    "register",
    "thread_messages",
]

# pseudo media types for sources that have no registered one
MAILDIR = "inode/x-maildir"
WHATSAPP = "text/x-whatsapp-export"
CHAT_CSV = "text/csv"
CHAT_JSON = "application/json"
MBOX = "application/mbox"
EML = "message/rfc822"
MSG = "application/vnd.ms-outlook"

Parser = Callable[..., Iterator[ParsedItem]]
"""``parser(path: Path, *, key: str, tz: tzinfo | None) -> Iterator[ParsedItem]``"""

_REGISTRY: dict[str, Parser] = {}


def register(media_type: str, parser: Parser) -> None:
    """Register (or replace) the parser for a media type."""
    _REGISTRY[media_type.lower()] = parser


def parsers() -> dict[str, Parser]:
    """The registered parsers by media type (a copy)."""
    return dict(_REGISTRY)


def _read(path: Path) -> bytes:
    return path.read_bytes()


def _eml(path: Path, *, key: str, tz: tzinfo | None = None) -> Iterator[ParsedItem]:  # noqa: ARG001
    return iter_eml_items(_read(path), source=str(path), key=key)


def _mbox(path: Path, *, key: str, tz: tzinfo | None = None) -> Iterator[ParsedItem]:  # noqa: ARG001
    return iter_mbox_items(path, key_prefix=f"{key}.")


def _maildir(path: Path, *, key: str, tz: tzinfo | None = None) -> Iterator[ParsedItem]:  # noqa: ARG001
    return iter_maildir_items(path, key_prefix=f"{key}.")


def _msg(path: Path, *, key: str, tz: tzinfo | None = None) -> Iterator[ParsedItem]:  # noqa: ARG001
    return iter_msg_items(_read(path), source=str(path), key=key)


def _whatsapp(path: Path, *, key: str, tz: tzinfo | None = None) -> Iterator[ParsedItem]:
    return iter_whatsapp_items(_read(path), source=str(path), key=key, tz=tz)


def _csv(path: Path, *, key: str, tz: tzinfo | None = None) -> Iterator[ParsedItem]:  # noqa: ARG001
    return iter_chat_csv_items(_read(path), source=str(path), key=key)


def _json(path: Path, *, key: str, tz: tzinfo | None = None) -> Iterator[ParsedItem]:  # noqa: ARG001
    return iter_chat_json_items(_read(path), source=str(path), key=key)


register(EML, _eml)
register(MBOX, _mbox)
register(MAILDIR, _maildir)
register(MSG, _msg)
register(WHATSAPP, _whatsapp)
register(CHAT_CSV, _csv)
register(CHAT_JSON, _json)

_EML_EXT = {".eml", ".p7m", ".msg822", ".email"}
_MBOX_EXT = {".mbox", ".mbx", ".mbs"}


def detect_media_type(path: str | Path) -> str:
    """Media type of a source by content first, then by extension (``message/rfc822`` if unsure)."""
    p = Path(path)
    if p.is_dir():
        return MAILDIR
    ext = p.suffix.lower()
    with open(p, "rb") as fh:
        head = fh.read(65536)
    if head.startswith(OLE_MAGIC):
        return MSG
    if ext == ".msg":
        return MSG  # not OLE: the .msg parser rejects it with the reason
    first_line = head.split(b"\n", 1)[0].rstrip(b"\r")
    if ext in _MBOX_EXT or (ext not in _EML_EXT and is_from_line(first_line)):
        return MBOX
    if ext in _EML_EXT:
        return EML
    if ext == ".csv":
        return CHAT_CSV
    if ext == ".json":
        return CHAT_JSON
    if ext == ".txt":
        text = head.decode("utf-8", errors="replace").lstrip("\ufeff")
        if is_whatsapp_export(text):
            return WHATSAPP
    return EML


def parse_path(path: str | Path, *, key: str = "0", tz: tzinfo | None = None) -> Iterator[ParsedItem]:
    """Parse one source (file or Maildir folder) into a stream of items, parents before children.

    ``key`` prefixes the item keys (give each source of an import its own); ``tz`` is the time
    zone of chat exports that carry local times (WhatsApp).
    """
    p = Path(path)
    try:
        media_type = detect_media_type(p)
    except OSError as exc:
        yield ParsedItem(
            key=key,
            kind="rejected",
            source=str(p),
            media_type="application/octet-stream",
            raw=b"",
            reason=f"cannot read {p}: {exc.strerror or exc}",
        )
        return
    parser = _REGISTRY.get(media_type)
    if parser is None:
        yield ParsedItem(
            key=key,
            kind="rejected",
            source=str(p),
            media_type=media_type,
            raw=b"",
            reason=f"no parser registered for {media_type}",
        )
        return
    try:
        yield from parser(p, key=key, tz=tz)
    except Exception as exc:  # noqa: BLE001 - one bad file must not stop an import
        yield ParsedItem(
            key=f"{key}!error",
            kind="rejected",
            source=str(p),
            media_type=media_type,
            raw=b"",
            reason=f"parser failed: {type(exc).__name__}: {exc}",
        )
