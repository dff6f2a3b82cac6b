"""The real third-party mail corpora (tests/fixtures/mail: Outlook .msg, .eml with odd encodings,
chat exports; licences in SOURCES.md) through the whole pipeline on SQLite and PostgreSQL: nothing
crashes a parser, Chinese subjects and bodies come out right, search finds them, the vault verifies.
Split out of test_mail_ingest.py: these imports take most of the mail tests' time (the RTF bodies of
the .msg files), and a file of their own lets the test runner give them to the other worker."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from disputedesk.services import mail
from disputedesk.services.imports import import_paths
from disputedesk.services.verify import verify
from disputedesk.store.db import unit_of_work
from disputedesk.store.models import Message

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "mail"


def test_real_corpora_import_with_chinese_right(ctx) -> None:
    report = import_paths(ctx, "default", [FIXTURES], actor="t")
    assert report.imported > 80
    crashes = [o for o in report.outcomes if o.status == "failed" and "parser failed" in (o.reason or "")]
    assert crashes == []
    with unit_of_work(ctx.engine) as s:
        subjects = set(s.execute(select(Message.subject)).scalars())
        texts = " ".join(t or "" for t in s.execute(select(Message.text)).scalars())
    assert {"示例邮件", "测试多人邮件抄送msg格式", "测试邮件"} <= subjects
    for word in ("你好，我是程序员，很高兴认识你", "你好，中国", "圖形碼", "中文字"):
        assert word in texts
    assert any(h.subject == "示例邮件" for h in mail.search(ctx, "default", "示例"))
    assert verify(ctx).ok
