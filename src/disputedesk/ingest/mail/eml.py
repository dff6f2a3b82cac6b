"""Parse one RFC 5322 message (an .eml file, one message of an mbox or Maildir).

The stdlib ``email`` parser (compat32 policy, which keeps raw header values) builds the MIME
tree; headers, file names and text parts are decoded by :mod:`.charset` (see there for why not
``policy.default``).  HTML is turned into text for indexing and sanitised for display with
``nh3``.

:func:`iter_eml_items` yields the message item first, then one item per attachment and per
nested message (recursively), each with its own bytes and ``parent_key``.

Size (over 650 lines, one module on purpose): one message is walked once (MIME tree, headers,
text parts, attachments, nested messages) and every step records its rejections on the same
item; charset decoding is already apart (:mod:`.charset`).
"""

from __future__ import annotations

import binascii
import email.errors
import email.utils
import html as html_lib
import quopri
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from email.message import Message
from email.parser import BytesParser
from email.policy import Compat32, compat32

import nh3

from ...domain.text import T
from .autoreply import detect_auto_reply
from .charset import DecodedText, decode_bytes, decode_header, decode_rfc2231
from .model import Address, AttachmentInfo, ParsedItem, ParsedMessage

__all__ = [
    "MAX_NESTING",
    "html_to_text",
    "iter_eml_items",
    "parse_eml",
    "reject_reason",
    "sanitise_html",
]

MAX_NESTING = 8
_SNIFF = 65536
_HEADER_LINE = re.compile(rb"^[!-9;-~]{1,76}[ \t]*:")
_KNOWN_HEADERS = {
    "from",
    "to",
    "cc",
    "subject",
    "date",
    "message-id",
    "received",
    "mime-version",
    "content-type",
    "return-path",
    "sender",
    "reply-to",
    "in-reply-to",
    "references",
    "x-sender",
    "x-receiver",
    "delivered-to",
}
_MSGID = re.compile(r"<([^<>\s]+)>")
_DEFECT_TEXT = {
    "StartBoundaryNotFoundDefect": "MIME start boundary not found (body kept as one part)",
    "CloseBoundaryNotFoundDefect": "MIME closing boundary missing (message truncated or broken)",
    "FirstHeaderLineIsContinuationDefect": "first header line is a continuation line",
    "MisplacedEnvelopeHeaderDefect": "misplaced envelope 'From ' line in headers",
    "MissingHeaderBodySeparatorDefect": "missing blank line between headers and body",
    "MultipartInvariantViolationDefect": "multipart declared but no parts found",
    "InvalidMultipartContentTransferEncodingDefect": "invalid transfer encoding on multipart",
    "NoBoundaryInMultipartDefect": "multipart without boundary parameter",
    "InvalidBase64PaddingDefect": "invalid base64 padding",
    "InvalidBase64CharactersDefect": "invalid base64 characters",
    "InvalidBase64LengthDefect": "invalid base64 length",
}


class _RawHeaders(Compat32):
    """compat32, but header values come back exactly as stored (str with surrogate escapes),
    never as ``email.header.Header`` objects: :mod:`.charset` decodes them."""

    def header_fetch_parse(self, name: str, value: str) -> str:  # type: ignore[override]  # noqa: ARG002
        return value


_POLICY = _RawHeaders()


# --- bad-input screening --------------------------------------------------------------------


def _strip_preamble(raw: bytes) -> tuple[bytes, list[str]]:
    """Return the bytes from the first header line on (BOM, mbox From_ line, junk skipped)."""
    notes: list[str] = []
    data = raw
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
        notes.append("UTF-8 byte order mark before headers ignored")
    if data.startswith(b"From "):
        nl = data.find(b"\n")
        data = data[nl + 1 :] if nl >= 0 else b""
        notes.append("mbox 'From ' envelope line ignored")
    # skip text that is not a header field (e.g. a cut-off Received continuation)
    pos = 0
    limit = min(len(data), _SNIFF)
    while pos < limit:
        nl = data.find(b"\n", pos)
        line = data[pos : (nl if nl >= 0 else len(data))]
        if _HEADER_LINE.match(line):
            break
        if nl < 0:
            pos = len(data)
            break
        pos = nl + 1
    if pos >= limit:
        return b"", notes
    if pos:
        notes.append(f"{pos} bytes of text before the first header field skipped")
    return data[pos:], notes


_NOT_CONTROL = bytes(b for b in range(256) if not (b < 0x20 and b not in (9, 10, 12, 13, 27)))


def reject_reason(raw: bytes) -> str | None:
    """Why these bytes are not an e-mail message at all (None if they may be one); a sentence
    with a message id (``domain.text``), so a page says it in the reader's language."""
    if not raw.strip():
        return T("empty file") if not raw else T("file holds only whitespace")
    head = raw[:4096]
    control = len(head.translate(None, _NOT_CONTROL))  # keeps only the control bytes (C, no loop)
    if control > len(head) * 0.05:
        return T("binary data, not an e-mail message (control bytes in the first 4 KiB)")
    body, _ = _strip_preamble(raw)
    if not body:
        return T("not an e-mail message: no header field (From:, Subject: …) in the first 64 KiB")
    return None


# --- HTML ---------------------------------------------------------------------------------------

_BLOCK_TAG = re.compile(
    r"<\s*(?:br|hr|/?p|/?div|/?tr|/?li|/?h[1-6]|/?table|/?blockquote|/?pre|/?ul|/?ol|/?dl|/?dt|/?dd)\b[^>]*>",
    re.IGNORECASE,
)
_CELL_TAG = re.compile(r"<\s*/(?:td|th)\s*>", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\u00a0\u3000]+")
_BLANKS = re.compile(r"\n[ \t]*(?:\n[ \t]*){2,}")


def html_to_text(html: str) -> str:
    """Plain text of an HTML body, for indexing (script/style/title dropped, blocks -> lines)."""
    s = _BLOCK_TAG.sub(lambda m: "\n" + m.group(0), html)
    s = _CELL_TAG.sub(lambda m: " " + m.group(0), s)
    s = nh3.clean(s, tags=set(), clean_content_tags={"script", "style", "title", "xml"}, attributes={})
    s = html_lib.unescape(s).replace("\r", "")
    s = _SPACES.sub(" ", s)
    s = "\n".join(line.strip() for line in s.split("\n"))
    s = _BLANKS.sub("\n\n", s)
    return s.strip()


_LOADING_ATTRS = {"src", "srcset", "background", "poster", "lowsrc", "dynsrc", "longdesc"}


def _attribute_filter(tag: str, attr: str, value: str) -> str | None:
    v = value.strip().lower()
    if attr in _LOADING_ATTRS:
        # No remote loads: only inline images (cid: parts of this message, data: images).
        if tag == "img" and attr == "src" and (v.startswith("cid:") or v.startswith("data:image/")):
            return value
        return None
    if attr == "href" and v.startswith("data:"):
        return None
    return value


def sanitise_html(html: str) -> str:
    """HTML safe to show: no script, no event handlers, no styles, no remote images."""
    return nh3.clean(
        html,
        clean_content_tags={"script", "style", "title", "xml"},
        attribute_filter=_attribute_filter,
        url_schemes={"http", "https", "mailto", "cid", "data", "tel"},
        link_rel="noopener noreferrer nofollow",
    )


# --- headers ------------------------------------------------------------------------------------


def _msgids(value: str | None) -> list[str]:
    if not value:
        return []
    ids = _MSGID.findall(value)
    if not ids:
        token = value.strip().split()
        return [token[0]] if token else []
    return ids


def _addresses(values: list[str], errors: list[str], field_name: str) -> tuple[list[Address], list[str]]:
    out: list[Address] = []
    damage: list[str] = []
    if not values:
        return out, damage
    # Decode encoded words that are not atoms of the address syntax first would break quoting,
    # so parse the raw value and decode each part.
    try:
        pairs = email.utils.getaddresses(values)
    except Exception as exc:  # noqa: BLE001 - stdlib raises various errors on garbage
        errors.append(f"{field_name}: unparseable address list ({exc})")
        return out, damage
    for name, addr in pairs:
        if not name and not addr:
            continue
        dn = decode_header(name)
        da = decode_header(addr)
        if dn.damaged:
            damage.extend(f"{field_name} name: {n}" for n in dn.notes if n.startswith("contains"))
        addr_text = da.text.strip().strip("<>").lower()
        whole = dn.text if not addr_text else da.text
        if "=?" in name + addr and "@" in whole and (not addr_text or re.search(r"[<\s\"]", addr_text)):
            # the whole mailbox was one encoded word (illegal, but sent): parse the decoded text
            inner = email.utils.getaddresses([whole])
            if inner and inner[0][1]:
                out.append(Address(name=inner[0][0].strip(), addr=inner[0][1].strip().lower()))
                continue
        if "@" not in addr_text and not dn.text and addr_text:
            out.append(Address(name=da.text.strip(), addr=""))
            continue
        out.append(Address(name=dn.text.strip().strip('"').strip(), addr=addr_text))
    return out, damage


def _parse_date(value: str) -> datetime | None:
    try:
        dt = email.utils.parsedate_to_datetime(value.strip())
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if dt is None:
        return None
    if dt.tzinfo is None:
        # "-0000" means UTC with unknown local zone (RFC 5322 section 3.3)
        dt = dt.replace(tzinfo=UTC)
    try:
        dt = dt.astimezone(UTC)
    except (OverflowError, ValueError):
        return None
    if not 1980 <= dt.year <= 2200:
        return None
    return dt


def _received_date(received: list[str]) -> datetime | None:
    """Date of the earliest hop (the bottom-most Received header that carries a date)."""
    for value in reversed(received):
        if ";" not in value:
            continue
        dt = _parse_date(re.sub(r"\s+", " ", value.rpartition(";")[2]))
        if dt is not None:
            return dt
    return None


# --- raw MIME splitting (for exact bytes of nested messages) -----------------------------------

_SEP = re.compile(rb"\r?\n\r?\n")


def _split_entity(entity: bytes) -> tuple[bytes, bytes]:
    if entity.startswith(b"\n"):
        return b"", entity[1:]
    if entity.startswith(b"\r\n"):
        return b"", entity[2:]
    m = _SEP.search(entity)
    if not m:
        return entity, b""
    return entity[: m.start()], entity[m.end() :]


def _raw_children(body: bytes, boundary: str) -> list[bytes] | None:
    try:
        b = boundary.encode("ascii")
    except UnicodeEncodeError:
        return None
    delim = re.compile(rb"(?m)^--" + re.escape(b) + rb"(--)?[ \t]*\r?$")
    parts: list[bytes] = []
    start: int | None = None
    for m in delim.finditer(body):
        if start is not None:
            end = m.start()
            if body[end - 2 : end] == b"\r\n":
                end -= 2
            elif body[end - 1 : end] == b"\n":
                end -= 1
            parts.append(body[start:end])
        if m.group(1):
            start = None
            break
        nl = body.find(b"\n", m.end())
        start = len(body) if nl < 0 else nl + 1
    if start is not None:
        parts.append(body[start:])
    return parts


def _decode_cte(body: bytes, cte: str) -> bytes:
    cte = cte.lower().strip()
    if cte == "base64":
        try:
            return binascii.a2b_base64(body)
        except (binascii.Error, ValueError):
            return body
    if cte == "quoted-printable":
        return quopri.decodestring(body)
    return body


# --- the parser ---------------------------------------------------------------------------------


class _State:
    def __init__(self, msg: ParsedMessage) -> None:
        self.msg = msg
        self.plain: list[str] = []
        self.html: list[str] = []
        self.children: list[tuple[str, bytes, AttachmentInfo | None, str]] = []  # kind, raw, info, loc


def _filename(part: Message) -> DecodedText | None:
    param = part.get_param("filename", header="content-disposition")
    if param is None:
        param = part.get_param("name", header="content-type")
    if param is None:
        return None
    if isinstance(param, tuple):
        return decode_rfc2231(param)
    return decode_rfc2231(str(param))


def _part_charset(part: Message, payload: bytes) -> str | None:
    cs = part.get_param("charset")
    if isinstance(cs, tuple):
        cs = cs[2]
    if cs:
        return str(cs)
    if part.get_content_subtype() == "html":
        m = re.search(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_\-]+)""", payload[:4096], re.IGNORECASE)
        if m:
            return m.group(1).decode("ascii")
    return None


def _walk(part: Message, raw_entity: bytes | None, st: _State, path: str, depth: int) -> None:
    msg = st.msg
    for defect in part.defects:
        name = type(defect).__name__
        text = _DEFECT_TEXT.get(name, name)
        where = f" (part {path})" if path else ""
        if text + where not in msg.errors:
            msg.errors.append(text + where)
    ctype = part.get_content_type()
    maintype = part.get_content_maintype()
    if ctype in ("multipart/signed",):
        msg.signed = True
    if ctype in ("multipart/encrypted",):
        msg.encrypted = True
    if maintype == "multipart" or (part.is_multipart() and maintype != "message"):
        children = part.get_payload()
        if not isinstance(children, list):
            return
        raw_kids: list[bytes] | None = None
        boundary = part.get_boundary()
        if raw_entity is not None and boundary:
            _, body = _split_entity(raw_entity)
            raw_kids = _raw_children(body, boundary)
            if raw_kids is not None and len(raw_kids) != len(children):
                raw_kids = None
        for i, child in enumerate(children):
            if isinstance(child, Message):
                _walk(child, raw_kids[i] if raw_kids else None, st, f"{path}.{i + 1}" if path else str(i + 1), depth)
        return

    disp = (part.get_content_disposition() or "").lower()
    fname = _filename(part)
    location = f"MIME part {path or '1'}"

    if maintype == "message" and part.get_content_subtype() in ("rfc822", "global"):
        nested = _nested_bytes(part, raw_entity, msg)
        info = AttachmentInfo(
            filename=fname.text if fname else None,
            media_type="message/rfc822",
            size=len(nested),
            inline=disp == "inline",
        )
        st.children.append(("message", nested, info, location))
        return

    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        payload = b""
    is_attachment = disp == "attachment" or (fname is not None and fname.text != "")
    if maintype == "text" and part.get_content_subtype() in ("plain", "html") and not is_attachment:
        dec = decode_bytes(payload, _part_charset(part, payload))
        for note in dec.notes:
            if note.startswith("contains") or note.startswith("undecodable"):
                msg.damage_reasons.append(f"body ({location}): {note}")
            elif note not in msg.charset_notes:
                msg.charset_notes.append(f"body: {note}")
        if part.get_content_subtype() == "plain":
            st.plain.append(dec.text)
            if "-----BEGIN PGP MESSAGE-----" in dec.text:
                msg.encrypted = True
            if "-----BEGIN PGP SIGNED MESSAGE-----" in dec.text:
                msg.signed = True
        else:
            st.html.append(dec.text)
        return

    # everything else is an attachment (including inline images)
    lower = ctype.lower()
    if lower in ("application/pkcs7-mime", "application/x-pkcs7-mime"):
        smime = str(part.get_param("smime-type") or "").lower()
        if "signed" in smime and "enveloped" not in smime:
            msg.signed = True
            msg.errors.append("opaque S/MIME signed content (p7m) kept but not opened")
        else:
            msg.encrypted = True
            msg.errors.append("S/MIME encrypted content kept; it cannot be read without the key")
    elif lower in ("application/pkcs7-signature", "application/x-pkcs7-signature", "application/pgp-signature"):
        msg.signed = True
    elif lower in ("application/pgp-encrypted",):
        msg.encrypted = True
    filename = fname.text if fname else None
    if fname is not None and fname.damaged:
        msg.damage_reasons.append(f"attachment name ({location}): {fname.notes[-1]}")
    cid = part.get("Content-ID")
    info = AttachmentInfo(
        filename=filename or None,
        media_type=ctype,
        size=len(payload),
        content_id=cid.strip().strip("<>") if isinstance(cid, str) else None,
        inline=disp == "inline",
        filename_damaged=bool(fname and fname.damaged),
    )
    if filename and filename.lower().endswith(".eml") and ctype in ("application/octet-stream", "text/plain"):
        st.children.append(("message-or-attachment", payload, info, location))
    else:
        st.children.append(("attachment", payload, info, location))


def _nested_bytes(part: Message, raw_entity: bytes | None, msg: ParsedMessage) -> bytes:
    """Exact bytes of a message/rfc822 part (transfer encoding undone)."""
    cte = str(part.get("Content-Transfer-Encoding", "7bit"))
    if raw_entity is not None:
        _, body = _split_entity(raw_entity)
        return _decode_cte(body, cte)
    inner = part.get_payload()
    msg.errors.append("nested message bytes regenerated from the parse tree (MIME structure broken)")
    if isinstance(inner, list) and inner and isinstance(inner[0], Message):
        try:
            return inner[0].as_bytes(policy=compat32)
        except Exception:  # noqa: BLE001
            return b""
    return b""


_BODY_BOUNDARY = re.compile(rb"(?m)^--([\x21-\x7e]{1,70}?)(?<!--)[ \t]*\r?$")


def _repair_boundary(body: bytes, tree: Message) -> tuple[Message, bytes] | None:
    """The declared boundary never occurs: use the first "--xyz" line of the body instead.

    The returned bytes are a parsing copy; the item keeps the original bytes.
    """
    head, sep_body = _split_entity(body)
    m = _BODY_BOUNDARY.search(sep_body)
    if not m:
        return None
    boundary = m.group(1)
    if b'"' in boundary:
        return None
    lines = re.split(rb"\r?\n(?![ \t])", head)
    kept = [ln for ln in lines if not ln.lower().startswith(b"content-type:")]
    sub = tree.get_content_subtype().encode("ascii", "replace")
    kept.append(b"Content-Type: multipart/" + sub + b'; boundary="' + boundary + b'"')
    fixed = b"\n".join(kept) + b"\n\n" + sep_body
    try:
        new_tree = BytesParser(policy=_POLICY).parsebytes(fixed)
    except Exception:  # noqa: BLE001
        return None
    if not isinstance(new_tree.get_payload(), list):
        return None
    return new_tree, fixed


def _parse(
    raw: bytes, depth: int = 0
) -> tuple[ParsedMessage | None, str | None, list[tuple[str, bytes, AttachmentInfo | None, str]]]:
    reason = reject_reason(raw)
    if reason:
        return None, reason, []
    body, notes = _strip_preamble(raw)
    try:
        tree = BytesParser(policy=_POLICY).parsebytes(body)
    except Exception as exc:  # noqa: BLE001 - the parser should not raise, but never crash an import
        detail = f"{type(exc).__name__}: {exc}"
        return None, T("the message could not be read (%(detail)s)", detail=detail), []
    if tree.get_content_maintype() == "multipart" and not isinstance(tree.get_payload(), list):
        repaired = _repair_boundary(body, tree)
        if repaired is not None:
            tree, body = repaired
            notes.append("broken MIME boundary: parsed with the boundary found in the body")
    raw_headers = tree.items()
    names = {k.lower() for k, _ in raw_headers}
    if not names & _KNOWN_HEADERS:
        return (
            None,
            T("not an e-mail message: none of the header fields From, To, Subject, Date, Message-ID, Received"),
            [],
        )

    msg = ParsedMessage(channel="email")
    msg.errors.extend(notes)
    headers: list[tuple[str, str]] = []
    for k, v in raw_headers:
        d = decode_header(v)
        headers.append((k, d.text))
    msg.headers = headers

    def raw_all(name: str) -> list[str]:
        return [str(v) for v in (tree.get_all(name) or [])]

    subj = decode_header(raw_all("Subject")[0]) if raw_all("Subject") else DecodedText("", None)
    msg.subject = subj.text.strip()
    if subj.damaged:
        msg.damage_reasons.extend(f"subject: {n}" for n in subj.notes if n.startswith("contains"))
    msg.charset_notes.extend(f"subject: {n}" for n in subj.notes if not n.startswith("contains"))

    damage: list[str] = []
    froms, d1 = _addresses(raw_all("From"), msg.errors, "From")
    msg.from_ = froms[0] if froms else None
    if not froms:
        sender, _ = _addresses(raw_all("Sender"), msg.errors, "Sender")
        msg.from_ = sender[0] if sender else None
    msg.to, d2 = _addresses(raw_all("To"), msg.errors, "To")
    msg.cc, d3 = _addresses(raw_all("Cc"), msg.errors, "Cc")
    msg.bcc, d4 = _addresses(raw_all("Bcc"), msg.errors, "Bcc")
    msg.reply_to, _ = _addresses(raw_all("Reply-To"), msg.errors, "Reply-To")
    damage += d1 + d2 + d3 + d4
    msg.damage_reasons.extend(damage)

    mids = _msgids(tree.get("Message-ID"))
    msg.message_id = mids[0] if mids else None
    if msg.message_id is None:
        msg.errors.append("no Message-ID")
    irt = _msgids(tree.get("In-Reply-To"))
    msg.in_reply_to = irt[0] if irt else None
    msg.references = _msgids(" ".join(raw_all("References")))

    date_values = raw_all("Date")
    dt = _parse_date(date_values[0]) if date_values else None
    if dt is not None:
        msg.date, msg.date_source = dt, "date"
    else:
        rdt = _received_date(raw_all("Received"))
        no_date = "no Date header" if not date_values else f"unusable Date {date_values[0].strip()[:60]!r}"
        if rdt is not None:
            msg.date, msg.date_source = rdt, "received"
            msg.errors.append(f"{no_date}; dated from the Received headers")
        else:
            msg.errors.append(f"{no_date} and no dated Received header")

    st = _State(msg)
    _walk(tree, body, st, "", depth)
    for i, (kind, data, info, loc) in enumerate(st.children):
        if kind == "attachment":
            continue
        why: str | None = reject_reason(data)
        if why is None and depth >= MAX_NESTING:
            why = f"nested deeper than {MAX_NESTING} levels"
        if why is not None:
            if kind == "message":
                msg.errors.append(f"nested message at {loc} kept as attachment: {why}")
            st.children[i] = ("attachment", data, info, loc)
    msg.text_body = "\n\n".join(t for t in st.plain if t.strip()).strip("\r\n")
    if st.html:
        html = "\n".join(st.html)
        msg.html_body = html
        try:
            msg.html_text = html_to_text(html)
            msg.html_safe = sanitise_html(html)
        except Exception as exc:  # noqa: BLE001 - nh3 panics on pathological input are reported
            msg.errors.append(f"HTML body could not be sanitised: {exc}")
            msg.html_safe = None
    msg.auto_reply = detect_auto_reply(headers, msg.subject)
    msg.damaged = bool(msg.damage_reasons)
    msg.attachments = [info for kind, _, info, _ in st.children if kind != "message" and info is not None]
    msg.nested_messages = sum(1 for kind, *_ in st.children if kind != "attachment")
    return msg, None, st.children


def parse_eml(raw: bytes) -> ParsedMessage:
    """Parse one message; raises ValueError with the reason if the bytes are not a message."""
    msg, reason, _ = _parse(raw)
    if msg is None:
        raise ValueError(reason)
    return msg


def iter_eml_items(
    raw: bytes,
    *,
    source: str,
    key: str = "0",
    parent_key: str | None = None,
    location: str | None = None,
    depth: int = 0,
) -> Iterator[ParsedItem]:
    """Yield the message item (or a rejected item), then its attachments and nested messages."""
    msg, reason, children = _parse(raw, depth)
    if msg is None:
        yield ParsedItem(
            key=key,
            kind="rejected",
            source=source,
            media_type="application/octet-stream",
            raw=raw,
            parent_key=parent_key,
            location=location,
            reason=reason,
        )
        return
    yield ParsedItem(
        key=key,
        kind="message",
        source=source,
        media_type="message/rfc822",
        raw=raw,
        parent_key=parent_key,
        location=location,
        message=msg,
    )
    yield from iter_children(children, source=source, key=key, depth=depth)


def iter_children(
    children: list[tuple[str, bytes, AttachmentInfo | None, str]],
    *,
    source: str,
    key: str,
    depth: int,
) -> Iterator[ParsedItem]:
    for n, (kind, data, info, loc) in enumerate(children, start=1):
        ckey = f"{key}/{n}"
        if kind != "attachment":
            yield from iter_eml_items(data, source=source, key=ckey, parent_key=key, location=loc, depth=depth + 1)
            continue
        yield ParsedItem(
            key=ckey,
            kind="attachment",
            source=source,
            media_type=info.media_type if info else "application/octet-stream",
            raw=data,
            parent_key=key,
            location=loc,
            attachment=info,
        )
