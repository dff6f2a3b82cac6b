"""Serving originals safely: always as an attachment, never as active content in our origin."""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO
from urllib.parse import quote

from fastapi.responses import StreamingResponse

from ..services.evidence import EvidenceView

CHUNK = 1024 * 1024


def _iter(stream: BinaryIO) -> Iterator[bytes]:
    with stream:
        while chunk := stream.read(CHUNK):
            yield chunk


def attachment_response(view: EvidenceView, stream: BinaryIO, *, inline: bool = False) -> StreamingResponse:
    ascii_name = view.original_name.encode("ascii", "replace").decode().replace('"', "_").replace("?", "_")
    disp = "inline" if inline else "attachment"
    headers = {
        "Content-Disposition": f"{disp}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(view.original_name)}",
        "Content-Length": str(view.size),
        "X-Content-Type-Options": "nosniff",
        # Even if a browser renders it, it runs no script and loads nothing.
        "Content-Security-Policy": "sandbox; default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'",
        "X-DisputeDesk-SHA256": view.sha256,
    }
    media = view.media_type if inline else "application/octet-stream"
    return StreamingResponse(_iter(stream), media_type=media, headers=headers)
