"""Two imports of the same IMAP folder at once (two colleagues, or the CLI and the web page):
both finish, every message is stored once, and the folder's saved position is the furthest one
(before: the second failed at the end on the folder's unique key)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from disputedesk.services.context import Context
from disputedesk.services.imports import import_paths
from disputedesk.store.db import unit_of_work
from disputedesk.store.models_mail import ImapSyncState

from .conftest import together
from imapserver import PASSWORD, DovecotServer, dovecot_binary
from support import need


@pytest.fixture
def imap(tmp_path: Path):  # type: ignore[no-untyped-def]
    need(dovecot_binary() is not None, "dovecot is not installed (Debian package dovecot-imapd)")
    with DovecotServer(tmp_path) as server:
        yield server


def _mail(n: int) -> bytes:
    return (
        f"From: wang@supplier.cn\r\nTo: anna@buyer.example\r\nSubject: alarm {n}\r\n"
        f"Date: Mon, 02 Mar 2026 09:{n:02d}:00 +0800\r\nMessage-ID: <race-{n}@supplier.cn>\r\n"
        f"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nmessage {n}: 设备故障\r\n"
    ).encode()


def test_two_imports_of_one_folder_at_once(ctx: Context, imap) -> None:  # type: ignore[no-untyped-def]
    for n in range(1, 13):
        imap.deliver("Support", _mail(n))
    url = imap.url_for("Support")
    reports = together(2, lambda _i: import_paths(ctx, "default", [url], actor="t", imap_password=PASSWORD))
    assert [r.failed for r in reports] == [0, 0], [r.as_dict() for r in reports]
    assert sum(r.imported for r in reports) == 12
    with unit_of_work(ctx.engine) as s:
        states = list(s.execute(select(ImapSyncState)).scalars())
    assert [st.last_uid for st in states] == [12]
    imap.deliver("Support", _mail(13))
    after = import_paths(ctx, "default", [url], actor="t", imap_password=PASSWORD)
    assert [o.name for o in after.outcomes] == ["Support-13.eml"]
