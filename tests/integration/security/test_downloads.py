"""Every route that returns an original's bytes records the download, once (issue 15, hole 4),
and any file name is a legal header (weak spot: CR/LF in an attachment name), on both engines."""

from __future__ import annotations

import io
import json

from fastapi.testclient import TestClient
from sqlalchemy import select

from disputedesk.services.imports import Candidate, import_candidates
from disputedesk.store.db import unit_of_work
from disputedesk.store.models import AuditEvent, LedgerEntry
from disputedesk.web.app import create_app

from support import api_token, make_user, sign_in

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


def downloads(ctx) -> list[dict]:  # type: ignore[no-untyped-def]
    with unit_of_work(ctx.engine) as s:
        ledger = list(
            s.execute(
                select(LedgerEntry.payload).where(LedgerEntry.action == "evidence.downloaded").order_by(LedgerEntry.seq)
            ).scalars()
        )
        audit = s.execute(select(AuditEvent).where(AuditEvent.action == "evidence.downloaded")).scalars().all()
    assert len(audit) == len(ledger)
    return ledger


def add(ctx, name: str, data: bytes) -> None:  # type: ignore[no-untyped-def]
    import_candidates(ctx, "default", [Candidate(name, f"test:{name}", lambda: io.BytesIO(data))], actor="test")


def test_inline_preview_original_and_api_each_record_one_download(ctx) -> None:
    make_user(ctx, "alice", "default", "owner")
    add(ctx, "photo.png", PNG)
    with TestClient(create_app(ctx)) as c:
        sign_in(c, "alice")
        r = c.get("/evidence/E-0001/inline")
        assert r.status_code == 200 and r.content == PNG and r.headers["content-type"] == "image/png"
        assert len(downloads(ctx)) == 1
        assert c.get("/evidence/E-0001/original").content == PNG
        assert len(downloads(ctx)) == 2
        token = api_token(ctx, "alice", "default")
        assert c.get("/api/evidence/E-0001/original", headers={"Authorization": f"Bearer {token}"}).content == PNG
        rows = downloads(ctx)
    assert len(rows) == 3
    first = rows[0] if isinstance(rows[0], str) else json.dumps(rows[0])
    assert '"inline"' in first  # the preview is recorded as what it is


def test_a_file_name_with_cr_lf_downloads_with_an_encoded_name(ctx) -> None:
    make_user(ctx, "alice", "default", "owner")
    name = 'Rechnung\r\nSet-Cookie: dd_session=stolen; "报价".txt'
    add(ctx, name, b"invoice text")
    with TestClient(create_app(ctx)) as c:
        sign_in(c, "alice")
        r = c.get("/evidence/E-0001/original")
        assert r.status_code == 200 and r.content == b"invoice text"
        disp = r.headers["content-disposition"]
        assert "\r" not in disp and "\n" not in disp
        assert "filename*=UTF-8''Rechnung%0D%0ASet-Cookie" in disp and "%E6%8A%A5%E4%BB%B7" in disp
        assert "stolen" not in c.cookies.get("dd_session", "")
    assert len(downloads(ctx)) == 1


def test_a_download_the_client_broke_off_is_not_recorded(ctx) -> None:
    """A real server on 127.0.0.1: the client reads the headers and a little of a 32 MiB original,
    then hangs up. Nothing was downloaded, so nothing is recorded; a whole download is, once."""
    import socket
    import threading
    import time

    import uvicorn

    make_user(ctx, "alice", "default", "owner")
    add(ctx, "big.bin", b"\x00" * (32 * 1024 * 1024))
    token = api_token(ctx, "alice", "default")
    server = uvicorn.Server(uvicorn.Config(create_app(ctx), host="127.0.0.1", port=0, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    port = server.servers[0].sockets[0].getsockname()[1]
    request = (
        f"GET /api/evidence/E-0001/original HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        f"Authorization: Bearer {token}\r\nConnection: close\r\n\r\n"
    ).encode()
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 64 * 1024)
            sock.sendall(request)
            got = sock.recv(64 * 1024)
            assert got.startswith(b"HTTP/1.1 200")
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")  # RST
        time.sleep(2)
        assert downloads(ctx) == []
        with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
            sock.sendall(request)
            total = 0
            while chunk := sock.recv(1024 * 1024):
                total += len(chunk)
        assert total > 32 * 1024 * 1024
        deadline = time.monotonic() + 10
        while not downloads(ctx) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert len(downloads(ctx)) == 1
    finally:
        server.should_exit = True
        thread.join(10)
