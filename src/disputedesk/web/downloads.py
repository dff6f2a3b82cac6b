"""Serving originals safely: always as an attachment, never as active content in our origin."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import BinaryIO
from urllib.parse import quote

from fastapi.responses import StreamingResponse

from ..services.evidence import EvidenceView

CHUNK = 1024 * 1024


def _iter(stream: BinaryIO, on_sent: Callable[[], None] | None) -> Iterator[bytes]:
    with stream:
        while chunk := stream.read(CHUNK):
            yield chunk
    if on_sent is not None:
        on_sent()  # every byte went out: now it is a download (one record per download)


def content_disposition(disposition: str, name: str) -> str:
    """RFC 6266 with an RFC 5987 ``filename*``: any name (CR/LF, quotes, Chinese) is a legal header."""
    fallback = re.sub(r'[^\x20-\x7e]|["\\%;]', "_", name).strip() or "download"
    return f"{disposition}; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


def attachment_response(
    view: EvidenceView, stream: BinaryIO, *, inline: bool = False, on_sent: Callable[[], None] | None = None
) -> StreamingResponse:
    """The original's bytes; ``on_sent`` runs once the last byte was handed to the server."""
    disp = "inline" if inline else "attachment"
    headers = {
        "Content-Disposition": content_disposition(disp, view.original_name),
        "Content-Length": str(view.size),
        "X-Content-Type-Options": "nosniff",
        # Even if a browser renders it, it runs no script and loads nothing.
        "Content-Security-Policy": "sandbox; default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'",
        "X-DisputeDesk-SHA256": view.sha256,
    }
    media = view.media_type if inline else "application/octet-stream"
    return StreamingResponse(_iter(stream, on_sent), media_type=media, headers=headers)
