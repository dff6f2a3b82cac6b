"""Outlook .msg files through ``extract-msg`` (an optional extra: it is GPL-3.0 licensed).

Install with ``pip install 'disputedesk[msg]'``.  Without it, :func:`iter_msg_items` yields a
rejected item whose reason says so (the rest of an import goes on).

Subjects and bodies come from the MAPI Unicode properties, so Chinese text is right whatever
the code page.  Transport headers (present on received mail) supply Message-ID, References,
the Date and the auto-reply headers.  Attachments become child items; an attached .eml is parsed
as an e-mail, an embedded Outlook message (``EmbeddedMsgAttachment``) as a nested .msg whose
bytes are exported by extract-msg (an embedded message has no file of its own, so these bytes
are regenerated, which the item's ``errors`` say).
"""

from __future__ import annotations

import email.utils
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from ...domain.text import T
from .autoreply import detect_auto_reply
from .charset import decode_bytes, decode_header, detect_damage
from .eml import _msgids, _parse_date, html_to_text, iter_eml_items, reject_reason, sanitise_html
from .model import Address, AttachmentInfo, ParsedItem, ParsedMessage

__all__ = ["MSG_EXTRA_MISSING", "iter_msg_items", "msg_available"]

MSG_EXTRA_MISSING = T(
    "Outlook .msg files need the optional 'msg' extra of this installation (extract-msg, GPL-3.0): "
    "pip install 'disputedesk[msg]'"
)
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def msg_available() -> bool:
    try:
        import extract_msg  # noqa: F401
    except ImportError:
        return False
    return True


def _get(obj: Any, attr: str, errors: list[str]) -> Any:
    """Read a lazily decoded extract-msg property; a decoding failure becomes an error note."""
    try:
        return getattr(obj, attr)
    except Exception as exc:  # noqa: BLE001 - extract-msg / RTFDE raise many kinds
        errors.append(f"{attr} unreadable: {type(exc).__name__}: {str(exc)[:120]}")
        return None


def _clean(s: Any) -> str:
    return str(s).replace("\x00", "").strip() if s is not None else ""


def _address_from(text: str) -> Address | None:
    text = _clean(text)
    if not text:
        return None
    pairs = email.utils.getaddresses([text])
    if pairs and pairs[0][1]:
        name, addr = pairs[0]
        return Address(name=name.strip(), addr=addr.strip().lower() if "@" in addr else "")
    return Address(name=text, addr="")


def _build_message(m: Any) -> tuple[ParsedMessage, list[tuple[str, bytes | Any, AttachmentInfo]]]:
    msg = ParsedMessage(channel="msg")
    errors = msg.errors
    header = _get(m, "header", errors)
    headers: list[tuple[str, str]] = []
    if header is not None:
        for k, v in header.items():
            headers.append((str(k), decode_header(str(v)).text))
    msg.headers = headers

    def h(name: str) -> str | None:
        for k, v in headers:
            if k.lower() == name.lower():
                return v
        return None

    msg.subject = _clean(_get(m, "subject", errors))
    sender = _get(m, "sender", errors)
    msg.from_ = _address_from(sender) if sender else None
    if msg.from_ is None and h("From"):
        msg.from_ = _address_from(h("From") or "")
    recipients = _get(m, "recipients", errors) or []
    for r in recipients:
        addr = Address(name=_clean(getattr(r, "name", "")), addr=_clean(getattr(r, "email", "")).lower())
        rt = getattr(r, "type", None)
        rtype = str(getattr(rt, "name", rt)).lower()
        if rtype.endswith("cc") and not rtype.endswith("bcc"):
            msg.cc.append(addr)
        elif rtype.endswith("bcc"):
            msg.bcc.append(addr)
        else:
            msg.to.append(addr)

    mid = _msgids(_clean(_get(m, "messageId", errors)) or h("Message-ID"))
    msg.message_id = mid[0] if mid else None
    if msg.message_id is None:
        errors.append("no Message-ID")
    irt = _msgids(_clean(_get(m, "inReplyTo", errors)) or h("In-Reply-To"))
    msg.in_reply_to = irt[0] if irt else None
    msg.references = _msgids(h("References"))

    hdr_date = _parse_date(h("Date") or "") if h("Date") else None
    prop_date = _get(m, "date", errors)
    if hdr_date is not None:
        msg.date, msg.date_source = hdr_date, "date"
    elif isinstance(prop_date, datetime):
        if prop_date.tzinfo is None:
            prop_date = prop_date.replace(tzinfo=UTC)
        msg.date, msg.date_source = prop_date.astimezone(UTC), "msg-property"
    else:
        errors.append("no date (unsent draft or missing submit time)")

    body = _get(m, "body", errors)
    if isinstance(body, bytes):
        body = decode_bytes(body).text
    msg.text_body = _clean(body) if body else ""
    html = _get(m, "htmlBody", errors)
    if isinstance(html, bytes) and html.strip():
        cs = re.search(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_\-]+)""", html[:4096], re.I)
        dec = decode_bytes(html, cs.group(1).decode("ascii") if cs else "utf-8")
        msg.html_body = dec.text
        try:
            msg.html_text = html_to_text(dec.text)
            msg.html_safe = sanitise_html(dec.text)
        except Exception as exc:  # noqa: BLE001
            errors.append(f"HTML body could not be sanitised: {exc}")

    class_type = _clean(_get(m, "classType", errors)).lower()
    if class_type.startswith("ipm.note.smime.multipartsigned"):
        msg.signed = True
    if class_type == "ipm.note.smime" or class_type.startswith("ipm.note.smime.encrypted"):
        msg.encrypted = True
        msg.text_body = ""  # the "body" is the DER of the encrypted envelope, not text
        msg.html_body = msg.html_text = ""
        msg.html_safe = None
        errors.append("S/MIME encrypted message kept; it cannot be read without the key")

    for where, text in (("subject", msg.subject), ("body", msg.text_body)):
        for reason in detect_damage(text):
            msg.damage_reasons.append(f"{where}: {reason}")
    msg.damaged = bool(msg.damage_reasons)
    msg.auto_reply = detect_auto_reply(headers, msg.subject)
    if class_type.startswith("ipm.note.rules.ooftemplate"):
        msg.auto_reply = msg.auto_reply or f"Outlook message class {class_type}"

    children: list[tuple[str, bytes | Any, AttachmentInfo]] = []
    for att in _get(m, "attachments", errors) or []:
        data = _get(att, "data", errors)
        name = _clean(_get(att, "longFilename", errors) or _get(att, "shortFilename", errors)) or None
        mime = _clean(_get(att, "mimetype", errors)) or "application/octet-stream"
        cid = _clean(_get(att, "cid", errors)) or None
        if data is not None and not isinstance(data, bytes | bytearray):
            # embedded Outlook message
            info = AttachmentInfo(filename=name, media_type="application/vnd.ms-outlook", size=0, content_id=cid)
            children.append(("msg", data, info))
            continue
        payload = bytes(data or b"")
        info = AttachmentInfo(filename=name, media_type=mime, size=len(payload), content_id=cid)
        if (name or "").lower().endswith(".eml") or mime == "message/rfc822":
            children.append(("eml", payload, info))
        else:
            children.append(("attachment", payload, info))
        if mime in ("application/pkcs7-signature", "application/x-pkcs7-signature"):
            msg.signed = True
    msg.attachments = [i for k, _, i in children if k == "attachment"]
    msg.nested_messages = sum(1 for k, _, _ in children if k != "attachment")
    return msg, children


def _iter_from_msgfile(
    m: Any, raw: bytes, *, source: str, key: str, parent_key: str | None, location: str | None, depth: int
) -> Iterator[ParsedItem]:
    msg, children = _build_message(m)
    if parent_key is not None:
        msg.errors.append("embedded Outlook message: bytes exported by extract-msg, not an original file")
    exported: dict[int, bytes] = {}
    for n, (kind, data, _info) in enumerate(children, start=1):
        if kind == "msg":
            try:
                exported[n] = bytes(data.exportBytes())  # type: ignore[union-attr]
            except Exception as exc:  # noqa: BLE001
                exported[n] = b""
                msg.errors.append(f"embedded message {n} could not be exported: {exc}")
    yield ParsedItem(
        key=key,
        kind="message",
        source=source,
        media_type="application/vnd.ms-outlook",
        raw=raw,
        parent_key=parent_key,
        location=location,
        message=msg,
    )
    for n, (kind, data, info) in enumerate(children, start=1):
        ckey = f"{key}/{n}"
        loc = f"attachment {n}" + (f" ({info.filename})" if info.filename else "")
        if kind == "msg" and depth < 8:
            yield from _iter_from_msgfile(
                data, exported[n], source=source, key=ckey, parent_key=key, location=loc, depth=depth + 1
            )
            continue
        if kind == "eml" and isinstance(data, bytes) and reject_reason(data) is None:
            yield from iter_eml_items(data, source=source, key=ckey, parent_key=key, location=loc, depth=depth + 1)
            continue
        yield ParsedItem(
            key=ckey,
            kind="attachment",
            source=source,
            media_type=info.media_type,
            raw=data if isinstance(data, bytes) else exported.get(n, b""),
            parent_key=key,
            location=loc,
            attachment=info,
        )


def iter_msg_items(raw: bytes, *, source: str, key: str = "0", location: str | None = None) -> Iterator[ParsedItem]:
    """Parse one Outlook .msg file (given as bytes)."""

    def rejected(reason: str) -> ParsedItem:
        return ParsedItem(
            key=key,
            kind="rejected",
            source=source,
            media_type="application/vnd.ms-outlook",
            raw=raw,
            location=location,
            reason=reason,
        )

    if not raw.startswith(OLE_MAGIC):
        yield rejected(T("not an Outlook .msg file (no OLE compound file signature)"))
        return
    try:
        import extract_msg
    except ImportError:
        yield rejected(MSG_EXTRA_MISSING)
        return
    try:
        m = extract_msg.openMsg(raw, delayAttachments=False, strict=False)
    except Exception as exc:  # noqa: BLE001
        detail = f"{type(exc).__name__}: {exc}"
        yield rejected(T("the Outlook file could not be opened (%(detail)s)", detail=detail))
        return
    try:
        if not hasattr(m, "subject") or not hasattr(m, "attachments"):
            yield rejected(T("this Outlook item is not a mail message (%(detail)s)", detail=type(m).__name__))
            return
        yield from _iter_from_msgfile(m, raw, source=source, key=key, parent_key=None, location=location, depth=0)
    finally:
        try:
            m.close()
        except Exception:  # noqa: BLE001
            pass
