"""Mail and chat sources inside the import pipeline (used by :mod:`services.imports.pipeline`).

A file recognised as mail or chat (``.eml``, mbox, Outlook ``.msg``, WhatsApp export, chat
CSV/JSON) is stored as the foundation stores every file; then the parsers of
:mod:`disputedesk.ingest.mail` expand it into items: each message with its exact bytes, each
attachment and nested message as a child item (``parent_id``). When a message's bytes are the
file itself (an ``.eml``), the file *is* that message; an mbox or a chat export is kept as a
container item and its messages are its children. A Maildir folder yields its messages.

In the record stage each new message also gets a ``messages`` row (direction from the
workspace's buyer and supplier addresses, auto-reply flag, UTC date and where it came from,
damage, encryption), its ``mail_message_meta`` row and its search terms; a Message-ID already
present with different bytes is kept, and both messages are flagged as variants of each other.
"""

from __future__ import annotations

import json
import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import tzinfo
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import insert, select, text
from sqlalchemy.orm import Session

from ...domain.labels import evidence_label
from ...domain.mail_search import index_terms
from ...domain.text import T, Text
from ...ingest.mail import (
    MBOX,
    Address,
    ParsedItem,
    ParsedMessage,
    Parties,
    classify,
    parsers,
)
from ...ingest.mail.direction import side_of
from ...ingest.mediatypes import mail_source_type
from ...store.models import Contact, Message, Organization
from ...store.models_mail import MailMessageMeta, MailSearchDoc

MAX_MESSAGE_TEXT = 1_000_000


# -- which files are mail ------------------------------------------------------------------------


MAX_WHOLE_FILE_BYTES = 256 * 1024 * 1024  # parsers other than mbox read a file whole


def source_type(name: str, head: bytes, media_type: str, size: int = 0) -> str | None:
    """The mail/chat parser's media type for a stored file, or None for a plain file.

    A file other than an mbox above MAX_WHOLE_FILE_BYTES is kept as a plain file (its parser
    would read it whole into memory).
    """
    found = mail_source_type(name, head, media_type)
    if found is not None and found != MBOX and size > MAX_WHOLE_FILE_BYTES:
        return None
    return found


# -- the parties of a workspace ------------------------------------------------------------------


@dataclass
class WorkspaceParties:
    all: Parties
    suppliers: list[tuple[int, Parties]] = field(default_factory=list)
    timezone: tzinfo | None = None

    def supplier_of(self, msg: ParsedMessage) -> int | None:
        people = msg.addresses()
        for org_id, p in self.suppliers:
            if any(side_of(a, p) == "supplier" for a in people):
                return org_id
        if len(self.suppliers) == 1 and msg.direction_hint in ("in", "out"):
            return self.suppliers[0][0]
        return None


def load_parties(s: Session, workspace_id: int) -> WorkspaceParties:
    orgs = list(s.execute(select(Organization).where(Organization.workspace_id == workspace_id)).scalars())
    contacts = list(s.execute(select(Contact).where(Contact.workspace_id == workspace_id)).scalars())
    by_org: dict[int, list[Contact]] = {}
    for c in contacts:
        by_org.setdefault(c.organization_id, []).append(c)

    def entries(o: Organization) -> tuple[list[str], list[str]]:
        addrs = list(o.email_domains or []) + [c.email for c in by_org.get(o.id, []) if c.email]
        names = []
        for c in by_org.get(o.id, []):
            for n in (c.name, c.name_zh):
                if n:
                    # "Kevin Liu (Liu Yang)": the name, the name without the alias, the alias
                    names += [n, re.sub(r"\s*[(（].*?[)）]", "", n).strip(), *re.findall(r"[(（](.*?)[)）]", n)]
        return addrs, [n for n in names if n]

    ours, our_names, sup, sup_names = [], [], [], []
    suppliers = []
    tz = None
    for o in orgs:
        a, n = entries(o)
        if o.role == "buyer":
            ours += a
            our_names += n
            zone = (o.details or {}).get("timezone")
            if zone:
                try:
                    tz = ZoneInfo(zone)
                except (ZoneInfoNotFoundError, ValueError):
                    tz = None
        elif o.role == "supplier":
            sup += a
            sup_names += n
            suppliers.append((o.id, Parties.build(ours=[], supplier=a, supplier_names=n)))
    return WorkspaceParties(Parties.build(ours, sup, our_names, sup_names), suppliers, tz)


# -- expanding a source into items ---------------------------------------------------------------


def parse_source(path: Path, media_type: str, *, key: str, tz: tzinfo | None) -> Iterator[ParsedItem]:
    parser = parsers().get(media_type)
    if parser is None:
        yield ParsedItem(
            key=key,
            kind="rejected",
            source=str(path),
            media_type=media_type,
            raw=b"",
            reason=T("no reader for files of type %(type)s", type=media_type),
        )
        return
    try:
        yield from parser(path, key=key, tz=tz)
    except Exception as exc:  # noqa: BLE001 - one bad file must not stop an import
        yield source_failed(path, media_type, key, f"parser failed: {type(exc).__name__}: {exc}")


def source_failed(path: str | Path, media_type: str, key: str, reason: str) -> ParsedItem:
    """The rejected item that stands for a whole source the parser could not finish; a ``reason``
    that is not a sentence (the parser's error) is kept as the technical detail of one."""
    if not isinstance(reason, Text):
        reason = T("the file could not be read to the end (%(detail)s)", detail=reason)
    return ParsedItem(
        key=f"{key}!error", kind="rejected", source=str(path), media_type=media_type, raw=b"", reason=reason
    )


def message_text(m: ParsedMessage) -> str:
    """The text kept on the evidence item (preview): the key headers, then the body."""
    head = [f"Subject: {m.subject}", f"From: {m.from_ or ''}"]
    if m.to:
        head.append("To: " + ", ".join(str(a) for a in m.to))
    if m.date:
        head.append(f"Date: {m.date.isoformat()}")
    return "\n".join(head) + "\n\n" + m.index_text[:MAX_MESSAGE_TEXT]


def child_name(cand_name: str, item: ParsedItem, number: str, chat: tuple[str, str] | None = None) -> str:
    """An item's name: an attachment's file name; a message as "Inbox.mbox [message 3: subject]"
    (``number``: its number in the source, "2.1" for one forwarded inside message 2); a chat of
    an account export as "result.json [chat 2: name]", and its messages (``chat``: the chat's
    number and name) as "result.json [chat 2: name, message 1]"."""
    if item.attachment is not None and item.attachment.filename:
        return item.attachment.filename[:900]
    if item.kind == "message" and item.message is not None:
        subj = (item.message.subject or "").strip()
        label = f"message {number}" + (f": {subj}" if subj else "")
        if chat is not None:
            title = chat[1].strip()
            label = f"chat {chat[0]}" + (f": {title}" if title else "") + f", {label}"
        return f"{cand_name} [{label}]"[:900]
    if item.kind == "container" and item.title is not None:  # a chat of an account export
        label = f"chat {number}" + (f": {item.title.strip()}" if item.title.strip() else "")
        return f"{cand_name} [{label}]"[:900]
    return f"{cand_name} [{item.location or item.key}]"[:900]


class PartNumbers:
    """The numbers in the names of a source's messages, as a person counts them: its messages 1, 2,
    3 … (attachments and the source file itself are not counted), a message forwarded inside
    message 2 is 2.1; in an account export each chat's messages from 1 again, as if exported alone.
    Only the current message's parts are remembered (memory stays flat)."""

    def __init__(self) -> None:
        self.top = 0
        self.chats = 0  # the chats of an account export: chat 1, 2, …
        self.chat: tuple[str, str, str] | None = None  # the current chat: its key, number and name
        self.inner: dict[str, tuple[str, int]] = {}  # message key -> (its number, messages inside so far)

    def of(self, item: ParsedItem) -> str:
        if item.kind == "container" and item.title is not None:
            self.chats += 1
            self.chat = (item.key, str(self.chats), item.title)
            self.top = 0
            return str(self.chats)
        if item.kind != "message":
            return ""
        outer = self.inner.get(item.parent_key or "")
        if outer is None:  # the next message of the source: the last one's parts are done
            self.top += 1
            number = str(self.top)
            self.inner.clear()
        else:
            self.inner[item.parent_key or ""] = (outer[0], outer[1] + 1)
            number = f"{outer[0]}.{outer[1] + 1}"
        self.inner[item.key] = (number, 0)
        return number

    def chat_of(self, item: ParsedItem) -> tuple[str, str] | None:
        """(number, name) of the chat of an account export a message belongs to, else None."""
        if self.chat is None or item.kind != "message" or item.parent_key != self.chat[0]:
            return None
        return self.chat[1], self.chat[2]


# -- recording -----------------------------------------------------------------------------------


def _addr_str(a: Address | None) -> str | None:
    return str(a)[:500] if a is not None else None


_CJK = re.compile("[\u4e00-\u9fff]")
_LETTER = re.compile(r"[^\W\d_]")  # what str.isalpha() counts, in one C-level pass


def language_of(textv: str) -> str | None:
    sample = textv[:1000]
    if not sample.strip():
        return None
    cjk = len(_CJK.findall(sample))
    letters = len(_LETTER.findall(sample))
    if not letters:
        return None
    return "zh" if cjk / letters > 0.2 else "en"


def message_flags(m: ParsedMessage, location: str | None, direction_reason: str) -> dict[str, Any]:
    flags: dict[str, Any] = {"date_source": m.date_source, "direction_reason": direction_reason}
    if m.auto_reply:
        flags["auto_reply"] = m.auto_reply
    if m.damaged:
        flags["damaged"] = m.damage_reasons or ["damaged text"]
    if m.encrypted:
        flags["encrypted"] = True
    if m.signed:
        flags["signed"] = True
    if m.errors:
        flags["errors"] = m.errors[:50]
    if m.charset_notes:
        flags["charset_notes"] = m.charset_notes[:20]
    if m.notes:
        flags["notes"] = m.notes[:50]
    if location:
        flags["location"] = location[:500]
    if m.html_safe:
        flags["has_html"] = True
    if m.system:
        flags["system"] = True
    if m.date_order_assumed:
        flags["date_order_assumed"] = m.date_order_assumed
        if m.date_order_basis:
            flags["date_order_basis"] = m.date_order_basis
    if m.date_source == "export-local-time" and m.zone_basis:
        flags["local_time_zone"] = m.local_zone
        flags["zone_basis"] = m.zone_basis
    if m.direction_hint:
        flags["direction_hint"] = m.direction_hint
    if m.attachments:
        flags["attachments"] = [a.filename or a.media_type for a in m.attachments][:100]
    if m.from_ is not None:
        flags["from"] = {"name": m.from_.name, "addr": m.from_.addr}
    return flags


def build_message(
    ws_id: int,
    evidence_id: int | None,
    m: ParsedMessage,
    parties: WorkspaceParties,
    location: str | None,
    language: str | None = None,
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The ``messages`` row and the ``mail_message_meta`` row (without its key) of a message
    (``language`` if a parse worker already found it)."""
    d = classify(m, parties.all)
    body = m.index_text[:MAX_MESSAGE_TEXT].replace("\x00", "")
    msg = {
        "workspace_id": ws_id,
        "evidence_id": evidence_id,
        "support_request_id": None,
        "channel": (m.channel or "email")[:20],
        "direction": d.value,
        "sender": _addr_str(m.from_),
        "recipients": [str(a)[:500] for a in m.to + m.cc + m.bcc][:500],
        "sent_at": m.date,
        "subject": m.subject.replace("\x00", ""),
        "text": body,
        "language": language if language is not None else language_of(m.subject + "\n" + body),
        "message_id": (m.message_id or None) and m.message_id[:1000],
        "in_reply_to": (m.in_reply_to or None) and m.in_reply_to[:1000],
        "flags": message_flags(m, location, d.reason),
    }
    meta = {
        "workspace_id": ws_id,
        "supplier_id": parties.supplier_of(m),
        "has_attachments": bool(m.attachments or m.nested_messages),
        "auto_reply": bool(m.auto_reply),
        "references": [r[:1000] for r in m.references][:200],
        "from_addr": m.from_.addr[:500] if m.from_ else None,
        "from_name": m.from_.name[:500] if m.from_ else None,
        "thread_depth": 0,
        "thread_by_subject": False,
    }
    return msg, meta


def search_terms_for_message(m: ParsedMessage) -> str:
    people = " ".join(str(a) for a in m.addresses())
    names = " ".join(a.filename or "" for a in m.attachments)
    return index_terms(f"{m.subject}\n{people}\n{names}\n{m.index_text}")


def add_search_docs(s: Session, rows: list[tuple[int, int, int | None, str, str]]) -> None:
    """Index (workspace_id, evidence_id, message_pk, kind, terms) rows in the same transaction."""
    if not rows:
        return
    if s.get_bind().dialect.name == "postgresql":
        s.execute(
            text(
                "INSERT INTO mail_search_docs (workspace_id, evidence_id, message_pk, kind, tsv) "
                "VALUES (:w, :e, :m, :k, array_to_tsvector(CAST(:t AS text[])))"
            ),
            [{"w": w, "e": e, "m": m, "k": k, "t": sorted(set(t.split()))[:60000]} for w, e, m, k, t in rows],
        )
        return
    # one document per evidence item: its id is the item's id (and the FTS5 rowid)
    s.execute(
        insert(MailSearchDoc.__table__),
        [{"id": e, "workspace_id": w, "evidence_id": e, "message_pk": m, "kind": k} for w, e, m, k, _ in rows],
    )
    s.execute(
        text("INSERT INTO mail_search_fts (rowid, terms) VALUES (:id, :t)"), [{"id": r[1], "t": r[4]} for r in rows]
    )


def insert_meta(s: Session, metas: list[dict[str, Any]]) -> None:
    if metas:
        s.execute(insert(MailMessageMeta.__table__), metas)


def link_variants(s: Session, ws_id: int, new: list[tuple[dict[str, Any], str]]) -> list[tuple[str, str, list[str]]]:
    """Flag messages whose Message-ID is already present with other bytes (both ways).

    ``new`` holds (message row about to be inserted, evidence label): their ``flags`` are set
    here; rows already stored get theirs updated. Returns (label, message-id, other labels).
    """
    ids = sorted({m["message_id"] for m, _ in new if m["message_id"]})
    if not ids:
        return []
    from ...store.models import EvidenceItem

    existing: dict[str, list[tuple[Any, str]]] = {}
    for i in range(0, len(ids), 500):
        rows = s.execute(
            select(Message, EvidenceItem.number)
            .join(EvidenceItem, EvidenceItem.id == Message.evidence_id)
            .where(Message.workspace_id == ws_id, Message.message_id.in_(ids[i : i + 500]))
        ).all()
        for m, number in rows:
            existing.setdefault(m.message_id, []).append((_StoredMessage(m), evidence_label(number)))
    for m, label in new:  # the batch's own rows count too, as if already stored
        if m["message_id"]:
            existing.setdefault(m["message_id"], []).append((_NewMessage(m), label))
    out = []
    for m, label in new:
        if not m["message_id"]:
            continue
        others = [(o, lab) for o, lab in existing.get(m["message_id"], []) if o.row is not m and lab != label]
        if others:
            m["flags"] = {**m["flags"], "variant_of": sorted({lab for _, lab in others})}
            for o, _lab in others:
                o.flags = {**(o.flags or {}), "variants": sorted({*(o.flags or {}).get("variants", []), label})}
            out.append((label, m["message_id"], sorted({lab for _, lab in others})))
    return out


class _StoredMessage:
    """A stored message (ORM row: a changed ``flags`` is written at commit)."""

    def __init__(self, row: Message) -> None:
        self.row = row

    @property
    def flags(self) -> dict[str, Any]:
        return self.row.flags

    @flags.setter
    def flags(self, value: dict[str, Any]) -> None:
        self.row.flags = value


class _NewMessage:
    """A message row of this batch, not inserted yet."""

    def __init__(self, row: dict[str, Any]) -> None:
        self.row = row

    @property
    def flags(self) -> dict[str, Any]:
        return self.row["flags"]

    @flags.setter
    def flags(self, value: dict[str, Any]) -> None:
        self.row["flags"] = value


def dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True)


def temp_dir() -> tempfile.TemporaryDirectory[str]:
    return tempfile.TemporaryDirectory(prefix="disputedesk-mail-")
