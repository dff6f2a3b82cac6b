"""Is a file an RFC 822 message, whatever its name?

Ticket systems export messages without a suffix, spool and MH folders name them ``1234``, and a
user saves one as ``message``: such a file starts with a block of header fields (``Received:``,
``Date:``, ``From:``, ``Subject:``, ``Message-ID:``, ``MIME-Version:``, ``Content-Type:`` …)
ended by a blank line. This reads that block from the first bytes of the file.
"""

from __future__ import annotations

import re

# Header fields of mail (RFC 5322, 2045, 5321 trace fields and the common extensions).
_MAIL_FIELDS = frozenset(
    b"received date from to cc bcc subject message-id mime-version content-type return-path "
    b"delivered-to reply-to in-reply-to references sender x-mailer user-agent "
    b"content-transfer-encoding x-original-to dkim-signature authentication-results "
    b"thread-topic thread-index importance x-priority organization".split()
)
# At least one field only mail has (a note with "Date:" and "Subject:" lines is not a message).
_MAIL_ONLY = frozenset(b"from sender received message-id return-path delivered-to mime-version".split())
_FIELD = re.compile(rb"([!-9;-~]+)[ \t]*:")  # RFC 5322 field name: printable ASCII but ':'
MAX_HEADER_LINE = 4096


def looks_like_message(head: bytes) -> bool:
    """True when ``head`` (the first bytes of a file) opens with a mail header block.

    Every line up to the first blank one must be a header field or a folded continuation;
    among the fields, two or more known mail fields, one of them a field only mail carries.
    An mbox ``From `` separator line before the block is allowed (a single saved message).
    """
    data = head[3:] if head.startswith(b"\xef\xbb\xbf") else head
    if not data or data[:1] in (b" ", b"\t", b"\r", b"\n"):
        return False
    lines = data.split(b"\n")
    if not data.endswith(b"\n") and len(lines) > 1:
        lines = lines[:-1]  # the head may end inside a line
    if lines and lines[0].startswith(b"From ") and b":" not in lines[0][:5]:
        lines = lines[1:]
    names: set[bytes] = set()
    fields = 0
    for raw in lines:
        line = raw[:-1] if raw.endswith(b"\r") else raw
        if not line:
            break
        if len(line) > MAX_HEADER_LINE:
            return False
        if line[:1] in (b" ", b"\t"):
            if not fields:
                return False
            continue
        m = _FIELD.match(line)
        if m is None:
            return False
        fields += 1
        names.add(m.group(1).lower())
    known = names & _MAIL_FIELDS
    return len(known) >= 2 and bool(known & _MAIL_ONLY)
