"""`disputedesk import imap://…` against a real Dovecot on 127.0.0.1: only new messages on the next
run; a re-created folder (new UIDVALIDITY) is read again without storing anything twice."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from disputedesk.services import mail
from disputedesk.services.imports import import_paths

from imapserver import PASSWORD, DovecotServer, dovecot_binary
from support import need


def _mail(n: int, subject: str) -> bytes:
    return (
        f"From: =?utf-8?B?546L5bel?= <wang@supplier.cn>\r\nTo: anna@buyer.example\r\nSubject: {subject}\r\n"
        f"Date: Mon, 0{n} Mar 2026 09:00:00 +0800\r\nMessage-ID: <imap-{n}@supplier.cn>\r\n"
        "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
        f"message {n}: 设备故障\r\n"
    ).encode()


@pytest.fixture
def imap(tmp_path: Path):  # type: ignore[no-untyped-def]
    need(dovecot_binary() is not None, "dovecot is not installed (Debian package dovecot-imapd)")
    with DovecotServer(tmp_path) as server:
        yield server


def test_imap_folder_is_imported_incrementally(sqlite_ctx, imap) -> None:
    ctx = sqlite_ctx
    imap.deliver("Support", _mail(1, "first"))
    imap.deliver("Support", _mail(2, "second"))
    url = imap.url_for("Support")

    first = import_paths(ctx, "default", [Path(url)], actor="t", imap_password=PASSWORD)  # typer hands in a Path
    assert (first.imported, first.failed) == (2, 0), first.as_dict()
    assert first.outcomes[0].source.startswith(f"{url};UIDVALIDITY=")

    imap.deliver("Support", _mail(3, "third"))
    second = import_paths(ctx, "default", [url], actor="t", imap_password=PASSWORD)
    assert [o.name for o in second.outcomes] == ["Support-3.eml"]
    assert second.imported == 1

    nothing = import_paths(ctx, "default", [url], actor="t", imap_password=PASSWORD)
    assert nothing.outcomes == []

    imap.reset_uidvalidity("Support")
    for n in (1, 2, 3):
        imap.deliver("Support", _mail(n, ("first", "second", "third")[n - 1]))
    again = import_paths(ctx, "default", [url], actor="t", imap_password=PASSWORD)
    assert (again.imported, again.duplicates) == (0, 3)

    hits = mail.search(ctx, "default", "故障")
    assert sorted(h.subject for h in hits) == ["first", "second", "third"]
    assert all(h.sent_at is not None for h in hits)


def test_imap_from_the_command_line(sqlite_ctx, imap, monkeypatch) -> None:
    from disputedesk.cli import app

    imap.deliver("INBOX", _mail(4, "from the cli"))
    monkeypatch.setenv("DISPUTEDESK_DATA_DIR", str(sqlite_ctx.settings.data_dir))
    monkeypatch.setenv("DISPUTEDESK_DATABASE_URL", sqlite_ctx.settings.resolved_database_url)
    from disputedesk.config import get_settings

    get_settings.cache_clear()
    runner = CliRunner()
    monkeypatch.setenv("DISPUTEDESK_IMAP_PASSWORD", "wrong")
    bad = runner.invoke(app, ["import", imap.url])
    assert bad.exit_code == 1 and "sign-in refused" in bad.output
    monkeypatch.setenv("DISPUTEDESK_IMAP_PASSWORD", PASSWORD)
    ok = runner.invoke(app, ["import", imap.url])
    assert ok.exit_code == 0, ok.output
    assert "imported 1" in ok.output
    found = runner.invoke(app, ["search", "故障", "--json"])
    assert found.exit_code == 0, found.output
    import json

    hits = json.loads(found.output)
    assert hits[0]["subject"] == "from the cli" and hits[0]["direction"] == "other"
    assert set(hits[0]) >= {"evidence", "subject", "sent_at", "direction", "snippet"}
    threads = runner.invoke(app, ["threads", "--json"])
    assert json.loads(threads.output)[0]["subject"] == "from the cli"
    get_settings.cache_clear()


def test_imap_import_from_the_api_and_the_page(sqlite_ctx, imap) -> None:
    from fastapi.testclient import TestClient

    from disputedesk.web.app import create_app

    from support import api_token, make_user, sign_in

    ctx = sqlite_ctx
    make_user(ctx, "anna", "default", "owner")
    imap.deliver("Support", _mail(1, "first"))
    url = imap.url_for("Support")
    with TestClient(create_app(ctx)) as c:
        c.headers["Authorization"] = f"Bearer {api_token(ctx, 'anna', 'default')}"
        r = c.post("/api/evidence/imap", data={"url": url, "password": PASSWORD})
        assert r.status_code == 200 and r.json()["imported"] == 1, r.text
        bad = c.post("/api/evidence/imap", data={"url": url, "password": "wrong"})
        assert bad.json()["failed"] == 1
    imap.deliver("Support", _mail(2, "second"))
    with TestClient(create_app(ctx)) as c:
        sign_in(c, "anna")
        page = c.post("/evidence/imap", data={"url": url, "password": PASSWORD}, headers={"HX-Request": "true"})
        assert page.status_code == 200 and "Support-2.eml" in page.text
