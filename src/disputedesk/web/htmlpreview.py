"""Showing an HTML mail safely: sanitised with ammonia (nh3), then served under a sandboxing CSP.

Two independent layers: the sanitiser removes scripts, event handlers, ``javascript:`` links and
every image that is not embedded (``data:``/``cid:``), so opening a supplier's mail sends no
"read receipt" to a tracking server; the response's Content-Security-Policy (sandbox, no
script, no remote loads) holds even if the sanitiser missed something.
"""

from __future__ import annotations

from email import policy
from email.parser import BytesParser
from typing import BinaryIO

import nh3

PREVIEW_CSP = "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'; form-action 'none'"


def _keep_attribute(tag: str, attr: str, value: str) -> str | None:
    if tag == "img" and attr == "src" and not value.lower().startswith(("data:", "cid:")):
        return None  # remote image: a tracking pixel at best
    return value


def sanitise(html: str) -> str:
    return nh3.clean(
        html,
        clean_content_tags={"script", "style", "iframe", "object", "embed", "noscript", "template"},
        url_schemes={"http", "https", "mailto", "data", "cid"},
        attribute_filter=_keep_attribute,
        link_rel="noopener noreferrer nofollow",
    )


def html_of(stream: BinaryIO, media_type: str) -> str | None:
    """The HTML to preview: a text/html file, or the HTML body of a mail."""
    raw = stream.read(20 * 1024 * 1024)
    if media_type == "text/html":
        for enc in ("utf-8", "gb18030"):
            try:
                return raw.decode(enc)
            except UnicodeDecodeError:
                continue
        return raw.decode("utf-8", "replace")
    if media_type == "message/rfc822":
        msg = BytesParser(policy=policy.default).parsebytes(raw)
        part = msg.get_body(preferencelist=("html",))
        if part is None:
            return None
        try:
            return str(part.get_content())
        except (LookupError, UnicodeDecodeError):
            return (part.get_payload(decode=True) or b"").decode("gb18030", "replace")
    return None


def preview_document(html: str) -> str:
    return (
        '<!doctype html><html><head><meta charset="utf-8">'
        "<style>body{font-family:system-ui,'Noto Sans CJK SC',sans-serif;margin:1rem;}</style>"
        f"</head><body>{sanitise(html)}</body></html>"
    )
