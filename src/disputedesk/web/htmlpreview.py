"""Showing an HTML mail safely, in two independent layers.

1. The mail parser's own sanitised HTML (``ingest.mail``: ammonia/nh3 — no script, no event
   handlers, no ``javascript:`` links, no image that is not embedded, so opening a supplier's
   mail sends no "read receipt"); the same parser decodes the charsets Chinese servers get wrong.
2. The response's Content-Security-Policy (sandbox, no script, no remote loads), which holds even
   if the sanitiser missed something.
"""

from __future__ import annotations

from typing import BinaryIO

from ..ingest.mail import parse_eml
from ..ingest.mail.charset import decode_bytes
from ..ingest.mail.eml import sanitise_html

PREVIEW_CSP = "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'; form-action 'none'"
MAX_PREVIEW_BYTES = 20 * 1024 * 1024


def safe_html_of(stream: BinaryIO, media_type: str) -> str | None:
    """The sanitised HTML to preview: of a text/html file, or the HTML body of a mail."""
    raw = stream.read(MAX_PREVIEW_BYTES)
    if media_type == "text/html":
        return sanitise_html(decode_bytes(raw, None).text)
    if media_type == "message/rfc822":
        try:
            return parse_eml(raw).html_safe
        except ValueError:
            return None
    return None


def preview_document(safe_html: str) -> str:
    return (
        '<!doctype html><html><head><meta charset="utf-8">'
        "<style>body{font-family:system-ui,'Noto Sans CJK SC',sans-serif;margin:1rem;}</style>"
        f"</head><body>{safe_html}</body></html>"
    )
