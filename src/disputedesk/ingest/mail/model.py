"""Data classes produced by the correspondence parsers.

Everything here is plain data: no database, no I/O.  A source file yields a stream of
:class:`ParsedItem`; each item carries the exact bytes that the evidence vault must store, and
child items (attachments, nested messages, the messages of a chat export) name their parent.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import Literal

ItemKind = Literal["message", "attachment", "container", "rejected"]
DateSource = Literal["date", "received", "export", "export-local-time", "msg-property", "none"]


@dataclass(frozen=True)
class Address:
    """One mailbox: display name (decoded) and addr-spec (lower-cased; '' if there was none)."""

    name: str
    addr: str

    @property
    def domain(self) -> str:
        return self.addr.rpartition("@")[2] if "@" in self.addr else ""

    def __str__(self) -> str:
        if self.name and self.addr:
            return f"{self.name} <{self.addr}>"
        return self.addr or self.name


@dataclass
class AttachmentInfo:
    """What we know about an attachment (its bytes are the ParsedItem's ``raw``)."""

    filename: str | None
    media_type: str
    size: int
    content_id: str | None = None
    inline: bool = False
    filename_damaged: bool = False


@dataclass
class ParsedMessage:
    """A parsed e-mail or chat message.

    ``date`` is always tz-aware UTC or None.  ``date_source`` says where it came from:
    ``date`` (Date header), ``received`` (no usable Date: the earliest Received header),
    ``msg-property`` (Outlook submit/delivery time), ``export`` (chat export with an offset),
    ``export-local-time`` (chat export in local time, converted with the time zone the caller
    gave, UTC if none) or ``none``.
    """

    channel: str = "email"  # email | msg | whatsapp | chat-csv | chat-json | ...
    message_id: str | None = None
    in_reply_to: str | None = None
    references: list[str] = field(default_factory=list)
    subject: str = ""
    from_: Address | None = None
    to: list[Address] = field(default_factory=list)
    cc: list[Address] = field(default_factory=list)
    bcc: list[Address] = field(default_factory=list)
    reply_to: list[Address] = field(default_factory=list)
    date: datetime | None = None
    date_source: DateSource = "none"
    text_body: str = ""
    html_body: str | None = None  # decoded original HTML; never render it as is
    html_text: str = ""  # HTML turned into plain text for indexing
    html_safe: str | None = None  # sanitised HTML for display (nh3; no script, no remote loads)
    attachments: list[AttachmentInfo] = field(default_factory=list)
    nested_messages: int = 0
    encrypted: bool = False
    signed: bool = False
    auto_reply: str | None = None  # reason if this is an automatic reply
    damaged: bool = False
    damage_reasons: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    charset_notes: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what the import noticed ("empty attachment part: a.pdf")
    headers: list[tuple[str, str]] = field(default_factory=list)  # decoded, in order
    # chat only
    direction_hint: str | None = None  # "in"/"out" as given by a chat export, if any
    system: bool = False  # chat system event ("X joined", "Messages are end-to-end encrypted")
    date_order_assumed: str | None = None  # "dmy"/"mdy": the export never showed its day/month order
    date_order_basis: str | None = None  # "stated": that order was chosen at import (else assumed)
    # a time in local time (date_source "export-local-time"): the zone it was read in ("UTC" if none
    # was known) and why that zone: "stated" at import, the "company"'s zone assumed, or "none"
    local_zone: str | None = None
    zone_basis: str | None = None

    @property
    def is_auto_reply(self) -> bool:
        return self.auto_reply is not None

    @property
    def index_text(self) -> str:
        """The text to index: plain body, else the text of the HTML body."""
        return self.text_body if self.text_body.strip() else self.html_text

    def header(self, name: str) -> str | None:
        lname = name.lower()
        for k, v in self.headers:
            if k.lower() == lname:
                return v
        return None

    def addresses(self) -> list[Address]:
        out = [self.from_] if self.from_ else []
        return out + self.to + self.cc + self.bcc


@dataclass
class ParsedItem:
    """One evidence item found in a source file.

    ``raw`` holds the exact original bytes to store (the whole .eml file, one message of an
    mbox with its mboxrd ">From " quoting undone, an attachment's decoded content, ...).
    ``key`` is unique within one ``parse_path`` run; ``parent_key`` links children to parents.
    ``location`` says where in the source the bytes were (mbox byte offset, Maildir file name,
    MIME part path, chat line numbers).
    """

    key: str
    kind: ItemKind
    source: str
    media_type: str
    raw: bytes
    parent_key: str | None = None
    location: str | None = None
    message: ParsedMessage | None = None
    attachment: AttachmentInfo | None = None
    reason: str | None = None  # why it was rejected (kind == "rejected")
    title: str | None = None  # a chat's name, for a chat of an account export (kind == "container")

    @cached_property
    def sha256(self) -> str:
        return hashlib.sha256(self.raw).hexdigest()


class ParseError(Exception):
    """A source that cannot be read at all (the caller reports it and goes on)."""
