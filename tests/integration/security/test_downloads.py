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
