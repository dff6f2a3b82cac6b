"""Search, threads, thread view and chronology pages and their API (SQLite and PostgreSQL)."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from disputedesk.services.imports import import_paths
from disputedesk.services.workspaces import get_workspace
from disputedesk.store.db import unit_of_work
from disputedesk.store.models import Organization, SupportRequest
from disputedesk.web.app import create_app

from support import make_user, sign_in, write_files

M1 = (
    "From: =?utf-8?B?546L56OK?= <wanglei@supplier.cn>\r\nTo: anna@buyer.example\r\n"
    "Subject: =?utf-8?B?6K6+5aSH5pWF6Zqc?= spindle\r\nDate: Mon, 02 Mar 2026 09:00:00 +0800\r\n"
    "Message-ID: <p1@supplier.cn>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n主轴设备故障，停机。\r\n"
).encode()
M2 = (
    b"From: anna@buyer.example\r\nTo: wanglei@supplier.cn\r\nSubject: Re: spindle\r\n"
    b"Date: Tue, 03 Mar 2026 09:00:00 +0100\r\nMessage-ID: <p2@buyer.example>\r\nIn-Reply-To: <p1@supplier.cn>\r\n"
    b"Content-Type: text/plain; charset=utf-8\r\n\r\nPlease send an engineer. <script>alert(1)</script>\r\n"
)


@pytest.fixture
def client(ctx, tmp_path: Path):  # type: ignore[no-untyped-def]
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, "default")
        s.add(
            Organization(
                workspace_id=ws.id,
                key="buyer",
                role="buyer",
                name_en="Buyer",
                email_domains=["buyer.example"],
                details={},
            )
        )
        sup = Organization(
            workspace_id=ws.id, key="acme", role="supplier", name_en="Acme", email_domains=["supplier.cn"], details={}
        )
        s.add(sup)
        s.flush()
        s.add(
            SupportRequest(
                workspace_id=ws.id,
                number="SR-0001",
                supplier_id=sup.id,
                title="Spindle",
                opened_at=datetime(2026, 3, 2, tzinfo=UTC),
            )
        )
    import_paths(ctx, "default", [write_files(tmp_path / "in", {"1.eml": M1, "2.eml": M2})], actor="t")
    make_user(ctx, "owner", "default", "owner")
    make_user(ctx, "viewer", "default", "viewer")
    with TestClient(create_app(ctx)) as c:
        yield c


def test_search_threads_and_chronology_pages(client) -> None:
    sign_in(client, "owner")
    r = client.get("/search", params={"q": "故障"})
    assert r.status_code == 200 and "<mark>故障</mark>" in r.text and "设备故障 spindle" in r.text
    assert "<script>alert" not in client.get("/search", params={"q": "engineer"}).text
    zh = client.get("/search", params={"q": "故障", "lang": "zh"})
    assert "搜索往来函件" in zh.text and "供应商 → 买方" in zh.text
    assert client.get("/search", params={"q": "故障", "direction": "buyer->supplier"}).text.count("<mark>") == 0
    assert client.get("/search", params={"q": "x", "date_from": "yesterday"}).status_code == 400

    api = client.get("/api/mail/search", params={"q": "spindle"}).json()
    assert {h["direction"] for h in api} == {"supplier->buyer", "buyer->supplier"}
    threads = client.get("/api/mail/threads").json()
    assert len(threads) == 1 and threads[0]["messages"] == 2
    tid = threads[0]["thread"]
    page = client.get(f"/threads/{tid}")
    assert page.status_code == 200 and "Please send an engineer" in page.text
    assert client.get("/threads/999999").status_code == 404

    r = client.post(f"/threads/{tid}/link", data={"request_number": "SR-0001"}, follow_redirects=False)
    assert r.status_code == 303
    chron = client.get("/chronology", params={"req": "SR-0001"})
    assert chron.status_code == 200 and chron.text.count('class="ev ') == 2
    assert client.get("/chronology", params={"supplier": "nobody"}).status_code == 404
    assert client.get("/api/mail/threads", params={"request": "SR-0001"}).json()[0]["request"] == "SR-0001"


def test_viewer_reads_but_cannot_link(client) -> None:
    sign_in(client, "viewer")
    tid = client.get("/api/mail/threads").json()[0]["thread"]
    assert client.get(f"/threads/{tid}").status_code == 200
    r = client.post(f"/threads/{tid}/link", data={"request_number": "SR-0001"}, follow_redirects=False)
    assert r.status_code == 403


def test_a_mail_page_lists_its_attachments(ctx, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from email.message import EmailMessage

    from fastapi.testclient import TestClient

    from disputedesk.services.imports import import_paths
    from disputedesk.web.app import create_app

    from support import make_user, sign_in

    m = EmailMessage()
    m["From"], m["To"], m["Subject"] = "wang@supplier.cn", "anna@buyer.example", "报警截图"
    m["Date"] = "Mon, 02 Mar 2026 09:00:00 +0800"
    m.set_content("见附件")
    m.add_attachment(b"\x89PNG\r\n\x1a\nfake", maintype="image", subtype="png", filename="报警.png")
    (tmp_path / "m.eml").write_bytes(bytes(m))
    import_paths(ctx, "default", [tmp_path / "m.eml"], actor="t")
    make_user(ctx, "anna", "default", "owner")
    with TestClient(create_app(ctx)) as c:
        sign_in(c, "anna")
        page = c.get("/evidence/E-0001").text
        assert "Attachments and parts" in page and "报警.png" in page and 'href="/evidence/E-0002"' in page


def test_more_hits_than_the_page_shows_are_counted_not_cut_silently(client, monkeypatch) -> None:
    from disputedesk.services.mail import query as mail

    sign_in(client, "owner")
    r = client.get("/api/mail/search", params={"q": "spindle", "limit": 1})
    assert len(r.json()) == 1
    assert (r.headers["X-Total-Count"], r.headers["X-Total-Count-Capped"]) == ("2", "false")
    assert "Hits: 2" in client.get("/search", params={"q": "spindle"}).text
    # beyond the counting window (5,000; here 1) the count is "more than": 1+
    monkeypatch.setattr(mail, "RANK_WINDOW", 1)
    r = client.get("/api/mail/search", params={"q": "spindle", "limit": 1})
    assert (r.headers["X-Total-Count"], r.headers["X-Total-Count-Capped"]) == ("1", "true")
    page = client.get("/search", params={"q": "spindle"}).text
    # more than the window: the newest, unranked, and the page says so (the window reads one more
    # than it counts)
    assert "Hits: 1+ — too many to rank: showing the 2 most recently added" in page
    found = mail.search_counted(client.app.state.ctx, "default", "spindle", limit=1)
    assert (found.total_label, found.more, len(found.hits)) == ("1+", True, 1)


def test_mail_and_chat_files_that_cannot_be_read_say_why_in_the_pages_language(client) -> None:
    """Uploaded on a Chinese page: a binary file named .eml, a text that is no mail, an .msg that
    is no Outlook file, a chat export with a bad row — each reason in Chinese, naming the file's
    line or the technical detail as data; the English page and the API keep the English."""
    from pages_support import foreign_sentences, visible

    files = [
        ("files", ("scan.eml", bytes(range(256)) * 8)),
        ("files", ("notes.eml", b"just some words\r\nand more words\r\n")),
        ("files", ("outlook.msg", b"this is not an OLE file at all")),
        (
            "files",
            (
                "chat.csv",
                "sent_at,sender,text\n2026-03-02T09:00:00+08:00,王磊,设备故障\n"
                "2026-03-03 10:00,Anna,any news?\n".encode(),
            ),
        ),
    ]
    sign_in(client, "owner")
    client.get("/lang/zh")
    r = client.post("/evidence/upload", files=files, headers={"HX-Request": "true"})
    assert r.status_code == 200, r.text
    text = " ".join(visible(r.text))
    # kept as plain files, each with why it was not read as mail
    assert "作为普通文件保存，未作为邮件读取：二进制数据，不是电子邮件（前4 KiB中有控制字符）" in text
    assert "作为普通文件保存，未作为邮件读取：不是电子邮件：前64 KiB中没有邮件头字段" in text
    assert "作为普通文件保存，未作为邮件读取：不是 Outlook .msg 文件（没有OLE复合文件签名）" in text
    # the chat row that cannot be read: where, and what is wrong with which value (the value as data)
    assert "chat.csv （第3行） 失败" in text  # Chinese brackets on a Chinese page
    assert re.search(r"第3行：sent_at（发送时间）“<code>2026-03-03 10:00</code>”没有时区偏移", r.text)
    assert "/tmp" not in text and "blobs" not in text  # the server's own paths are nobody's business
    assert foreign_sentences(r.text) == [], foreign_sentences(r.text)

    client.get("/lang/en")
    other = [("files", ("other.msg", b"not an OLE file either"))]
    r = client.post("/evidence/upload", files=other, headers={"HX-Request": "true"})
    assert "not an Outlook .msg file (no OLE compound file signature)" in r.text
