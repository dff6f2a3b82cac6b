"""The same letter drafted twice: nothing is lost (each draft stays an evidence item) and the two
can be told apart — the second carries its version in its reference (printed on the letter) and
in its file name, the documents page shows each draft's version and when it was made in the
reader's zone, and an earlier draft not sent says that a newer version exists. The one marked
sent is shown as sent, never as superseded."""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime

from fastapi.testclient import TestClient
from pypdf import PdfReader

from disputedesk.services import letters as svc
from disputedesk.web.app import create_app

from documents_support import load_full_demo
from support import make_user, sign_in

FORM = {"case": "CASE-2026-001", "kind": "formal-complaint", "lang": "zh", "layout": "side-by-side", "format": "pdf"}


def row(page: str, letter_id: int) -> str:
    m = re.search(rf'<tr id="letter-{letter_id}"[^>]*>(.*?)</tr>', page, re.S)
    assert m, letter_id
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", m.group(1)))


def test_drafting_the_same_letter_twice_gives_two_drafts_one_can_tell_apart(sqlite_ctx) -> None:
    ctx = sqlite_ctx
    load_full_demo(ctx)
    make_user(ctx, "owner", "demo", "owner")
    ctx.clock = lambda: datetime(2026, 12, 3, 8, 15, tzinfo=UTC)  # 09:15 in Berlin (the buyer)
    with TestClient(create_app(ctx)) as c:
        sign_in(c, "owner")
        c.get("/?ws=demo")
        c.cookies.set("tz", "Europe/Berlin")
        ids = []
        for minute in (15, 40):
            ctx.clock = lambda minute=minute: datetime(2026, 12, 3, 8, minute, tzinfo=UTC)
            r = c.post("/documents/letters", data=FORM, follow_redirects=False)
            assert r.status_code == 303
            ids.append(int(r.headers["location"].split("letter=")[1].split("#")[0]))
        first, second = ids
        page = c.get("/documents?lang=en").text
        one, two = row(page, first), row(page, second)
        assert "CASE-2026-001/L2/20261203 " in one + " "
        assert "CASE-2026-001/L2/20261203-2" in two
        assert "version 1" in one and "version 2" in two
        assert "3 Dec 2026, 09:15 (Europe/Berlin)" in one and "3 Dec 2026, 09:40 (Europe/Berlin)" in two
        assert "a newer version exists (version 2)" in one and "newer version" not in two
        # the Chinese page says the same in Chinese
        zh = c.get("/documents?lang=zh").text
        assert "第1版" in row(zh, first) and "已有更新的版本（第2版）" in row(zh, first) and "第2版" in row(zh, second)
        # the file and the letter itself carry the version
        views = {v.id: v for v in svc.list_letters(ctx, "demo")}
        assert views[second].file_name.endswith("_20261203_v2_zh.pdf")
        assert not views[first].file_name.endswith("_v1_zh.pdf")
        data = c.get(f"/evidence/{views[second].evidence}/original").content
        text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
        assert "CASE-2026-001/L2/20261203-2" in text
        # the first draft is the one sent: shown as sent, not as superseded
        r = c.post(
            f"/documents/letters/{first}/sent",
            data={"sent_on": "2026-12-03", "channel": "courier", "proof": ""},
            follow_redirects=False,
        )
        assert r.status_code == 303
        one = row(c.get("/documents?lang=en").text, first)
        assert "newer version" not in one and "courier" in one
        # a third draft after that is version 3: nothing is replaced, nothing lost
        r = c.post("/documents/letters", data=FORM, follow_redirects=False)
        third = int(r.headers["location"].split("letter=")[1].split("#")[0])
        page = c.get("/documents?lang=en").text
        assert "version 3" in row(page, third) and "a newer version exists (version 3)" in row(page, second)
        assert len(svc.list_letters(ctx, "demo")) == 3
