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


def test_a_mail_server_that_cannot_be_used_is_named_in_the_pages_language(sqlite_ctx, imap) -> None:
    """Wrong password, a folder that does not exist, a port nothing listens on: on a Chinese page
    each reason names the server (or folder) and what is wrong in Chinese, the server's own words
    kept beside it as data for support; the API keeps the English sentence."""
    from fastapi.testclient import TestClient
    from pages_support import foreign_sentences

    from disputedesk.web.app import create_app

    from support import api_token, free_port, make_user, sign_in

    ctx = sqlite_ctx
    make_user(ctx, "anna", "default", "owner")
    imap.deliver("Support", _mail(1, "first"))
    server = f"127.0.0.1:{imap.port}"
    closed = free_port()
    with TestClient(create_app(ctx)) as c:
        sign_in(c, "anna")
        c.get("/lang/zh")

        def reason(url: str, password: str) -> str:
            r = c.post("/evidence/imap", data={"url": url, "password": password}, headers={"HX-Request": "true"})
            assert r.status_code == 200 and "失败" in r.text, r.text
            assert foreign_sentences(r.text) == [], foreign_sentences(r.text)
            return r.text.split('<tr class="failed">', 1)[1].split("</tr>", 1)[0]

        wrong = reason(imap.url_for("Support"), "wrong")
        assert f"邮件服务器 <code>{server}</code> 拒绝了 <code>tester</code> 的登录：用户名或密码错误" in wrong
        assert "<code>[AUTHENTICATIONFAILED]" in wrong  # the server's words, for support

        missing = reason(imap.url_for("Lieferant"), PASSWORD)
        assert f"邮件服务器 <code>{server}</code> 上没有文件夹 <code>Lieferant</code>：请检查名称" in missing
        assert "<code>Mailbox doesn&#39;t exist: Lieferant" in missing  # Dovecot's words

        refused = reason(f"imap://tester@127.0.0.1:{closed}/INBOX", PASSWORD)
        assert f"邮件服务器 <code>127.0.0.1:{closed}</code> 拒绝连接：端口{closed}上没有服务应答" in refused
        assert "<code>Connection refused</code>" in refused

        bad_url = reason("imap://127.0.0.1/INBOX", PASSWORD)
        assert "IMAP地址中没有用户名" in bad_url

        c.get("/lang/en")
        en = c.post("/evidence/imap", data={"url": imap.url_for("Support"), "password": "wrong"}).text
        assert f"sign-in refused by the mail server <code>{server}</code> for <code>tester</code>" in en

        c.headers["Authorization"] = f"Bearer {api_token(ctx, 'anna', 'default')}"
        api = c.post("/api/evidence/imap", data={"url": imap.url_for("Lieferant"), "password": PASSWORD}).json()
        assert api["failed"] == 1
        assert api["items"][0]["reason"].startswith(f"there is no folder Lieferant on the mail server {server}")
