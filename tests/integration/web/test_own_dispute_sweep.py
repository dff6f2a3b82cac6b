"""What a buyer working in Chinese met on an own dispute built from nothing (quality sweep): a
refused supplier review or contact said in English with the API's field codes; the scorecard named
its figures' review in English with an ISO date; a mail's preview showed "Subject:/Date:" and the
UTC time in ISO form; the bundle's chronology wrote a payment as "55800.00 EUR" and a step's channel
in English in its Chinese column."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path

from fastapi.testclient import TestClient
from pages_support import alert, foreign_sentences, owner_client

from disputedesk.services.import_evidence import import_paths

MAIL = """Message-ID: <sr1@brandt-metall.de>
Date: Mon, 03 Aug 2026 08:10:00 +0200
From: Tobias Brandt <t.brandt@brandt-metall.de>
To: Service <service@jinhua-cnc.com>
Subject: Spindle alarm E-41
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

The machine stops with alarm E-41.
"""


def _supplier(c: TestClient) -> str:
    r = c.post("/suppliers", data={"name_zh": "金华精密机械有限公司", "kind": "factory"}, follow_redirects=False)
    assert r.status_code == 303, r.text[-1500:]
    return str(r.headers["location"].rstrip("/").rsplit("/", 1)[-1])


REVIEW = {"reviewed_on": "2026-10-01", "period_start": "2026-07-01", "period_end": "2026-09-30",
          "product_quality": "2", "support_responsiveness": "1", "documentation": "2",
          "fig_requests": "2", "fig_met": "1", "fig_median_h": "30.5", "fig_target_h": "4"}  # fmt: skip


def test_a_refused_review_or_contact_says_why_in_chinese(sqlite_ctx) -> None:  # type: ignore[no-untyped-def]
    c = owner_client(sqlite_ctx)
    try:
        key = _supplier(c)
        r = c.post(f"/suppliers/{key}/reviews?lang=zh", data={**REVIEW, "fig_met": "3"})
        said = alert(r.text)
        assert r.status_code == 400 and said.startswith("支持数据") and "达标请求数" in said, said
        assert foreign_sentences(f"<p>{said}</p>") == [], said
        en = alert(c.post(f"/suppliers/{key}/reviews?lang=en", data={**REVIEW, "fig_met": "3"}).text)
        assert "figures: “Met every target” (3) must be between 0 and the number of requests (2)" in en, en
        assert "sla_met" not in en
        contact = {"name": "王磊", "level": "service_manager", "tz": "Asia/Shanghai", "channel1": "email",
                   "address1": "wang@jinhua-cnc.com", "start1": "09:00", "end1": "08:00"}  # fmt: skip
        said = alert(c.post(f"/suppliers/{key}/contacts?lang=zh", data=contact).text)
        assert "第 1 个联系方式的答复时间" in said and "channels[" not in said, said
        assert foreign_sentences(f"<p>{said}</p>") == [], said
        en = alert(c.post(f"/suppliers/{key}/contacts?lang=en", data=contact).text)
        assert "channels[1].hours: answering hours must end after they start" in en, en
    finally:
        c.__exit__(None, None, None)


def test_the_scorecard_and_review_schedule_read_in_chinese(sqlite_ctx) -> None:  # type: ignore[no-untyped-def]
    c = owner_client(sqlite_ctx)
    try:
        key = _supplier(c)
        assert c.post(f"/suppliers/{key}/reviews", data=REVIEW, follow_redirects=False).status_code == 303
        r = c.post(f"/suppliers/{key}/schedule", data={"frequency": "quarterly", "first_due": "2027-01-01",
                                                         "grace_days": "14"}, follow_redirects=False)  # fmt: skip
        assert r.status_code == 303, r.text[-1500:]
        zh = c.get(f"/suppliers/{key}?lang=zh").text
        card = zh.split('id="scorecard"', 1)[1]
        assert "review of" not in card and not re.search(r"\d{4}-\d\d-\d\d", card.split("评分变化", 1)[0]), card[:3000]
        assert "2026年10月1日 的评审" in card, card[:3000]
        reviews = zh.split('id="reviews"', 1)[1].split("</table>", 1)[0]
        plan = reviews.split("</p>", 1)[0]
        assert ", " not in plan and "." not in plan and "30.5 小时" in reviews and " h<" not in reviews, reviews
        en = c.get(f"/suppliers/{key}?lang=en").text
        assert "the review of 1 Oct 2026" in en.split('id="scorecard"', 1)[1]
    finally:
        c.__exit__(None, None, None)


def test_a_mails_preview_labels_its_header_in_the_pages_language(sqlite_ctx, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    mail = tmp_path / "sr1.eml"
    mail.write_text(MAIL, encoding="utf-8")
    import_paths(sqlite_ctx, "default", [mail], actor="test")
    c = owner_client(sqlite_ctx)
    try:
        c.cookies.set("tz", "Asia/Shanghai")
        preview = c.get("/evidence/E-0001?lang=zh").text.split('class="preview"', 1)[1]
        assert "主题" in preview and "发送方" in preview and "Subject:" not in preview, preview[:1500]
        assert ">2026年8月3日 14:10" in preview and "Date: 2026" not in preview, preview[:1500]
        assert "The machine stops with alarm E-41." in preview
        preview = c.get("/evidence/E-0001?lang=en").text.split('class="preview"', 1)[1]
        assert "<dt>Subject</dt>" in preview and "3 Aug 2026, 14:10" in preview, preview[:1500]
    finally:
        c.__exit__(None, None, None)


def test_the_bundles_chronology_writes_money_and_channels_as_people_do(sqlite_ctx, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from disputedesk.services.bundle import export_bundle

    c = owner_client(sqlite_ctx)
    try:
        key = _supplier(c)
        r = c.post("/records/payments/new", data={"supplier": key, "currency": "EUR", "amount": "55800",
                                                  "paid_on": "2026-05-12"}, follow_redirects=False)  # fmt: skip
        assert r.status_code == 303, r.text[-1500:]
        note = tmp_path / "note.txt"
        note.write_text("Service report\n", encoding="utf-8")
        import_paths(sqlite_ctx, "default", [note], actor="test")
    finally:
        c.__exit__(None, None, None)
    out = tmp_path / "bundle.zip"
    export_bundle(sqlite_ctx, "default", out, all_items=True, actor="test")
    with zipfile.ZipFile(out) as z:
        name = next(n for n in z.namelist() if n.endswith("chronology/chronology.csv"))
        rows = list(csv.reader(io.StringIO(z.read(name).decode("utf-8-sig"))))
    paid = [row for row in rows if any("55" in cell for cell in row)]
    assert paid and "€55,800.00" in " ".join(paid[0]) and "55800" not in " ".join(paid[0]), rows


def test_a_stale_registry_check_and_an_unknown_evidence_number_read_in_chinese(sqlite_ctx) -> None:  # type: ignore[no-untyped-def]
    """The scorecard's due-diligence gap gives the day the check was last done as a Chinese date;
    a claim naming evidence that does not exist names the field as words, not "evidence[1]"."""
    c = owner_client(sqlite_ctx)
    try:
        key = _supplier(c)
        check = {"item": "registry_checked", "status": "done", "on": "2025-01-02", "by": "anna"}
        r = c.post(f"/suppliers/{key}/due-diligence", data=check, follow_redirects=False)
        assert r.status_code == 303, r.text[-1500:]
        card = c.get(f"/suppliers/{key}?lang=zh").text.split('id="scorecard"', 1)[1].split("评分变化", 1)[0]
        assert "上次完成于 2025年1月2日" in card and "2025-01-02" not in card, card[:3000]
    finally:
        c.__exit__(None, None, None)


def test_an_intact_vault_and_bundle_are_reported_with_chinese_punctuation(sqlite_ctx, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """ "证据包完整无损。 21 个文件, 7 项, 9 条账本记录." had English commas and full stop."""
    from disputedesk.services.bundle import export_bundle

    note = tmp_path / "note.txt"
    note.write_text("Service report\n", encoding="utf-8")
    import_paths(sqlite_ctx, "default", [note], actor="test")
    out = tmp_path / "bundle.zip"
    export_bundle(sqlite_ctx, "default", out, all_items=True, actor="test")
    c = owner_client(sqlite_ctx)
    try:
        vault = c.post("/verify?lang=zh").text
        said = vault.split('role="status"', 1)[1].split("</div>", 1)[0]
        assert "完整" in said and ", " not in said and said.rstrip().endswith("。"), said
        page = c.post(
            "/documents/bundles/verify?lang=zh", files={"file": ("bundle.zip", out.read_bytes(), "application/zip")}
        )
        said = page.text.split('class="flash ok"', 1)[1].split("</p>", 1)[0]
        assert page.status_code == 200 and ", " not in said and said.endswith("。"), said
        en = c.post(
            "/documents/bundles/verify?lang=en", files={"file": ("bundle.zip", out.read_bytes(), "application/zip")}
        )
        assert re.search(r"\d+ files, \d+ items, \d+ ledger entries\.", en.text), en.text[-1500:]
    finally:
        c.__exit__(None, None, None)
