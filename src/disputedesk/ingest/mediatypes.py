"""The media-type registry: what a file is, in one place (as paperless-ngx has one consumer and
one parser table).

Three questions are answered here, each once:

* :func:`detect_media_type` — what a stored file *is* (magic bytes first, then the name's
  extension); used by the import pipeline for every file, and by the text extractors and the
  evidence kind guess (``ingest/files.py``);
* :func:`mail_source_type` — whether a stored file is a source of messages, and which parser
  reads it (the import pipeline; ``None`` = keep it as a plain file): it needs evidence in the
  content (a ``From `` line, a chat export's columns) because a wrong guess would turn a plain
  document into rejected "messages";
* :func:`detect_source_type` — which parser reads a path given to the correspondence parsers
  directly (``ingest.mail.parse_path``): a path handed to them is mail, so unknown means
  ``message/rfc822`` and the parser says why it is not.

The parser table itself (media type → parser) is :func:`disputedesk.ingest.mail.register`; the
text extractors' table is :func:`disputedesk.ingest.files.extractor`. Both are keyed by the
media types named here. Before this module, ``ingest/files.py``, ``ingest/mail/__init__.py`` and
``services/mail_import.py`` (now ``services/imports/mail.py``) each kept their own extension sets
and rules, the last copying the second's.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path

import filetype

from .mail.chat import is_whatsapp_export
from .mail.mbox import is_from_line
from .mail.msg import OLE_MAGIC
from .mail.sniff import looks_like_message

# Media types of message sources (pseudo types for those that have no registered one).
EML = "message/rfc822"
MBOX = "application/mbox"
MSG = "application/vnd.ms-outlook"
MAILDIR = "inode/x-maildir"
WHATSAPP = "text/x-whatsapp-export"
CHAT_CSV = "text/csv"
CHAT_JSON = "application/json"
# The keys that make a .json file a chat export: ours (sent_at, sender), Telegram's "Export chat
# history" (date_unixtime, from), Instagram's and Messenger's (timestamp_ms, sender_name), Telegram's
# "Export Telegram data" of a whole account, whose chats come after a contact list of any length
# (about, personal_information). A .json file taken for a chat by mistake is kept as a plain file.
CHAT_JSON_KEYS = (
    (b'"sent_at"', b'"sender"'),
    (b'"date_unixtime"', b'"from"'),
    (b'"timestamp_ms"', b'"sender_name"'),
    (b'"about"', b'"personal_information"'),
    (b'"from_id"', b'"date"'),  # Telegram Desktop before 2021: no date_unixtime
)

EML_EXT = frozenset({".eml", ".p7m", ".msg822", ".email"})
MBOX_EXT = frozenset({".mbox", ".mbx", ".mbs"})

mimetypes.add_type(EML, ".eml")
mimetypes.add_type(MSG, ".msg")
mimetypes.add_type(MBOX, ".mbox")
mimetypes.add_type("text/csv", ".csv")
mimetypes.add_type("text/markdown", ".md")


# -- what a file is ------------------------------------------------------------------------------


def detect_media_type(name: str, head: bytes) -> str:
    """Magic bytes first (what the file *is*), then the file name's extension."""
    by_name, _ = mimetypes.guess_type(name)
    kind = filetype.guess(head) if head else None
    if kind is not None:
        # ZIP-based office files: the extension is more specific than "application/zip".
        if kind.mime == "application/zip" and by_name and by_name.startswith("application/vnd."):
            return by_name
        return kind.mime
    if by_name and not _needs_signature(by_name):
        return by_name
    if head and _looks_textual(head):
        return "text/plain"
    return "application/octet-stream"


def _needs_signature(media_type: str) -> bool:
    """Binary formats have a signature; a file named .pdf without one is not a PDF."""
    return media_type == "application/pdf" or media_type.startswith(
        ("image/", "video/", "audio/", "application/vnd.openxmlformats", "application/zip")
    )


def _looks_textual(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
        return True
    except UnicodeDecodeError as exc:
        return exc.start > len(head) - 4  # cut in the middle of a multi-byte character


# -- which parser reads a source -----------------------------------------------------------------


def mail_source_type(name: str, head: bytes, media_type: str) -> str | None:
    """The parser's media type for a stored file, or None when it is not a source of messages."""
    ext = Path(name).suffix.lower()
    if ext == ".msg":
        return MSG
    first = head.split(b"\n", 1)[0].rstrip(b"\r")
    if ext in MBOX_EXT or (ext not in EML_EXT and head[:5] == b"From " and is_from_line(first)):
        return MBOX
    if ext in EML_EXT or media_type == EML:
        return EML
    if ext == ".txt":
        sample = head.decode("utf-8", errors="replace").lstrip("\ufeff")
        if is_whatsapp_export(sample):
            return WHATSAPP
    if ext == ".csv":
        header = head.split(b"\n", 1)[0].decode("utf-8", errors="replace").lstrip("\ufeff").lower()
        cols = {c.strip().strip('"') for c in header.split(",")}
        if {"sent_at", "sender", "text"} <= cols:
            return CHAT_CSV
    if ext == ".json" and any(a in head and b in head for a, b in CHAT_JSON_KEYS):
        return CHAT_JSON
    if looks_like_message(head):
        return EML  # a message without the suffix: "1234", "message", a ticket-system export
    return None


def detect_source_type(path: str | Path) -> str:
    """The parser's media type for a path given to the correspondence parsers: by content first,
    then by extension (``message/rfc822`` if unsure)."""
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
    if ext in MBOX_EXT or (ext not in EML_EXT and is_from_line(first_line)):
        return MBOX
    if ext in EML_EXT:
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
