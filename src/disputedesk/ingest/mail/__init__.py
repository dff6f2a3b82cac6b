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

Parsers are found by media type (``ingest/mediatypes.py``, :func:`detect_source_type`);
:func:`register` adds or replaces one.  A parser never raises for bad input: it yields
``kind="rejected"`` items with a reason, and :func:`parse_path` turns an unexpected exception into such an item too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import tzinfo
from pathlib import Path

from ...domain.text import T
from ..mediatypes import (  # noqa: F401  (the media types, for callers of this package)
    CHAT_CSV,
    CHAT_JSON,
    EML,
    MAILDIR,
    MBOX,
    MSG,
    WHATSAPP,
    detect_source_type,
)
from .autoreply import detect_auto_reply
from .chat import iter_chat_csv_items, iter_chat_json_items, iter_whatsapp_items
from .direction import Direction, Parties, classify
from .eml import iter_eml_items, parse_eml
from .maildir import is_maildir, iter_maildir_items
from .mbox import iter_mbox_items
from .model import Address, AttachmentInfo, ParsedItem, ParsedMessage
from .msg import iter_msg_items, msg_available
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
    "detect_source_type",
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


def _json(path: Path, *, key: str, tz: tzinfo | None = None) -> Iterator[ParsedItem]:
    return iter_chat_json_items(_read(path), source=str(path), key=key, tz=tz)


register(EML, _eml)
register(MBOX, _mbox)
register(MAILDIR, _maildir)
register(MSG, _msg)
register(WHATSAPP, _whatsapp)
register(CHAT_CSV, _csv)
register(CHAT_JSON, _json)


def parse_path(path: str | Path, *, key: str = "0", tz: tzinfo | None = None) -> Iterator[ParsedItem]:
    """Parse one source (file or Maildir folder) into a stream of items, parents before children.

    ``key`` prefixes the item keys (give each source of an import its own); ``tz`` is the time
    zone of chat exports that carry local times (WhatsApp).
    """
    p = Path(path)
    try:
        media_type = detect_source_type(p)
    except OSError as exc:
        yield ParsedItem(
            key=key,
            kind="rejected",
            source=str(p),
            media_type="application/octet-stream",
            raw=b"",
            reason=T("cannot read the file (%(detail)s)", detail=str(exc.strerror or exc)),
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
            reason=T("no reader for files of type %(type)s", type=media_type),
        )
        return
    try:
        yield from parser(p, key=key, tz=tz)
    except Exception as exc:  # noqa: BLE001 - one bad file must not stop an import
        detail = f"parser failed: {type(exc).__name__}: {exc}"
        yield ParsedItem(
            key=f"{key}!error",
            kind="rejected",
            source=str(p),
            media_type=media_type,
            raw=b"",
            reason=T("the file could not be read to the end (%(detail)s)", detail=detail),
        )
