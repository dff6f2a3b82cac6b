"""Nobody fills the disk without signing in (issue 15, hole 2), on both engines.

The app is driven at the ASGI level with a body that counts what the server pulls from it, so
"refused before reading" is measured, not assumed. A body without Content-Length is what a
chunked upload looks like to the app.
"""

from __future__ import annotations

import asyncio
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from disputedesk.services.evidence import list_evidence
from disputedesk.services.workspaces import ensure_workspace
from disputedesk.web.app import create_app

from support import api_token, make_user

BOUNDARY = "gate-test"
CHUNK = 64 * 1024


class Upload:
    """A multipart upload of ``size`` bytes, sent as the server asks for it."""

    def __init__(self, size: int, fields: dict[str, str] | None = None) -> None:
        head = b"".join(
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
            for k, v in (fields or {}).items()
        )
        head += f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="files"; filename="big.bin"\r\n\r\n'.encode()
        self.parts = [head]
        left = size
        while left > 0:
            n = min(CHUNK, left)
            self.parts.append(b"x" * n)
            left -= n
        self.parts.append(f"\r\n--{BOUNDARY}--\r\n".encode())
        self.pulled = 0
        self.i = 0

    async def receive(self) -> dict[str, Any]:
        if self.i >= len(self.parts):
            await asyncio.sleep(3600)  # the client has nothing more: a server waiting here is stuck
        body = self.parts[self.i]
        self.i += 1
        self.pulled += len(body)
        return {"type": "http.request", "body": body, "more_body": self.i < len(self.parts)}


def post(app, path: str, upload: Upload, headers: dict[str, str]) -> tuple[int, bytes]:  # type: ignore[no-untyped-def]
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "root_path": "",
        "query_string": b"",
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 80),
        "headers": [
            (b"host", b"127.0.0.1"),
            (b"content-type", f"multipart/form-data; boundary={BOUNDARY}".encode()),
            *((k.lower().encode(), v.encode()) for k, v in headers.items()),
        ],
    }
    out: dict[str, Any] = {"body": b""}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            out["status"] = message["status"]
        elif message["type"] == "http.response.body":
            out["body"] += message.get("body", b"")

    # Run the app in a thread of its own: a browser test earlier in the same worker may leave Playwright's
    # event loop running in this thread, and asyncio.run() refuses to start inside a running loop.
    errors: list[BaseException] = []

    def serve() -> None:
        try:
            asyncio.run(asyncio.wait_for(app(scope, upload.receive, send), 60))
        except BaseException as exc:  # re-raised in the test's thread
            errors.append(exc)

    worker = threading.Thread(target=serve)
    worker.start()
    worker.join()
    if errors:
        raise errors[0]
    return out["status"], out["body"]


@pytest.fixture
def gate(ctx, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, Any]]:  # type: ignore[no-untyped-def]
    ensure_workspace(ctx, "a", "Client A")
    make_user(ctx, "alice", "a", "owner")
    make_user(ctx, "vera", "a", "viewer")
    ctx.settings.max_upload_bytes = 1_000_000
    spool = tmp_path / "spool"
    spool.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(spool))  # where a parsed upload would be spooled
    yield {"app": create_app(ctx), "ctx": ctx, "spool": spool}


SIZE = 26 * 1024 * 1024  # the attack run's 26 MB


@pytest.mark.parametrize("path", ["/api/evidence", "/evidence/upload", "/contracts/upload", "/api/bundles/verify"])
@pytest.mark.parametrize("auth", ["none", "made-up bearer"])
def test_an_unauthenticated_upload_is_refused_before_one_byte_is_read(gate, path: str, auth: str) -> None:
    up = Upload(SIZE)
    headers = {"authorization": "Bearer ddt_made-up"} if auth != "none" else {}
    status, body = post(gate["app"], path, up, headers)
    assert status == 401, body[:200]
    assert b"not signed in" in body
    assert up.pulled == 0
    assert list(gate["spool"].iterdir()) == []
    assert list_evidence(gate["ctx"], "a").items == []


def test_a_viewer_upload_is_refused_before_it_is_read(gate) -> None:
    up = Upload(SIZE)
    token = api_token(gate["ctx"], "vera", "a")
    status, body = post(gate["app"], "/api/evidence", up, {"authorization": f"Bearer {token}"})
    assert status == 403 and b"viewer" in body
    assert up.pulled == 0


def test_a_chunked_upload_over_the_limit_stops_at_the_limit(gate) -> None:
    up = Upload(SIZE)
    token = api_token(gate["ctx"], "alice", "a")
    status, body = post(gate["app"], "/api/evidence", up, {"authorization": f"Bearer {token}"})
    assert status == 413 and b"limit" in body
    assert up.pulled <= 1_000_000 + 1024 * 1024 + CHUNK  # the limit, the form's allowance, one chunk
    assert list(gate["spool"].iterdir()) == []
    assert list_evidence(gate["ctx"], "a").items == []


def test_a_chunked_upload_within_the_limit_is_imported(gate) -> None:
    up = Upload(200_000)
    token = api_token(gate["ctx"], "alice", "a")
    status, body = post(gate["app"], "/api/evidence", up, {"authorization": f"Bearer {token}"})
    assert status == 201, body[:300]
    assert [i.original_name for i in list_evidence(gate["ctx"], "a").items] == ["big.bin"]
