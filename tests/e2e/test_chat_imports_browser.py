"""Every kind of chat and mail export in the real corpora, imported through the evidence page's form
in Chromium: part of them on the Chinese page (the WhatsApp phone's zone stated), then all of them
on the English page (no zone: read as UTC and said so; the others now duplicates). Nothing fails,
nothing is lost, the report and the messages' pages are in the page's language throughout."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pages_support import foreign_sentences

pytestmark = pytest.mark.e2e

PASSWORD = "correct horse battery"  # anna's, in the conftest's empty_served
MAIL = Path(__file__).resolve().parents[1] / "fixtures" / "mail"
CM = MAIL / "chat-miner"
FILES = [
    *sorted((CM / "whatsapp").glob("*.txt")),
    CM / "signal" / "test_export.txt",
    CM / "telegram" / "test_batch_export.json",
    CM / "telegram" / "test_single_export.json",
    CM / "instagram" / "test_export.json",
    MAIL / "demisto-parse-emails" / "chinese_gbk_encoding.eml",
    MAIL / "demisto-parse-emails" / "utf_8_email.eml",
    MAIL / "outlook-message-parser" / "chinese message.msg",
]
ZH_FILES = [
    CM / "whatsapp" / "test_ddmmyy_24hrs.txt",
    CM / "whatsapp" / "test_mmddyyyy_12hrs.txt",
    CM / "telegram" / "test_batch_export.json",
    CM / "instagram" / "test_export.json",
    MAIL / "demisto-parse-emails" / "chinese_gbk_encoding.eml",
]
CSV = "sent_at,sender,direction,text\n2026-03-05T09:12:00+08:00,王工,in,设备已经发货\n"


def _sign_in(browser, base: str, locale: str):  # type: ignore[no-untyped-def]
    ctx = browser.new_context(base_url=base, locale=locale, timezone_id="Europe/Berlin")
    page = ctx.new_page()
    page.goto("/login?lang=en")
    page.get_by_label("User name").fill("anna")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(base + "/")
    return ctx, page


def _upload(page, lang: str, files: list[Path], zone: str | None, button: str) -> str:  # type: ignore[no-untyped-def]
    page.goto(f"/evidence?lang={lang}")
    upload = page.locator("details.upload")
    if upload.get_attribute("open") is None:
        upload.locator("summary").click()
    form = page.locator("#upload-form")
    form.locator('input[name="files"]').set_input_files([str(f) for f in files])
    if zone:
        form.locator('input[name="chat_time_zone"]').fill(zone)
    form.get_by_role("button", name=button).click()
    page.locator("#import-report .flash").wait_for(timeout=120_000)
    return page.locator("#import-report").inner_html()


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _rows(page) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """The report's rows: the name as shown → its evidence number."""
    rows = page.locator("#import-report tbody tr")
    out = {}
    for i in range(rows.count()):
        cells = rows.nth(i).locator("td")
        out[cells.nth(0).inner_text().strip()] = cells.nth(2).inner_text().strip()
    return out


def _pages_say(page, lang: str, links: dict[str, str], checks: dict[str, list[str]]) -> None:  # type: ignore[no-untyped-def]
    for name, words in checks.items():
        assert name in links, (name, sorted(links))
        page.goto(f"/evidence/{links[name]}?lang={lang}")
        html = page.content()
        for w in words:
            assert w in _text(html), (name, w)
        if lang == "zh":
            assert foreign_sentences(html) == [], (name, foreign_sentences(html))


def test_every_export_through_the_form_in_chinese_and_english(browser, empty_served, tmp_path) -> None:  # type: ignore[no-untyped-def]
    csv = tmp_path / "wechat.csv"
    csv.write_text(CSV, encoding="utf-8")
    ctx, page = _sign_in(browser, empty_served["base"], "zh-CN")
    try:
        refused = _text(_upload(page, "zh", [csv], "Mars/Base", "导入"))
        assert "聊天记录的时区" in refused and "不是时区" in refused, refused  # nothing stored, said in Chinese
        report = _upload(page, "zh", [*ZH_FILES, csv], "Asia/Shanghai", "导入")
        text = _text(report)
        assert "失败：0" in text, text
        assert foreign_sentences(report) == [], foreign_sentences(report)
        assert "[message" not in text and "[chat" not in text and "[第" not in text  # Chinese brackets
        _pages_say(page, "zh", _rows(page), {
            "test_ddmmyy_24hrs.txt（第2条消息）": ["John Doe", "Asia/Shanghai（导入时注明）"],
            "test_mmddyyyy_12hrs.txt（第3条消息）": ["Jahn Doe", "2019年1月30日 13:49"],  # 8:49 pm Shanghai, in Berlin
            "test_batch_export.json（第1个对话：Chatname）": ["Chatname", "第1条消息", "第2条消息"],
            "test_export.json（第1条消息）": ["Hello Jane!", "John Doe"],
            "wechat.csv（第1条消息）": ["设备已经发货", "王工"],
            "chinese_gbk_encoding.eml": ["你好，中国"],
        })  # fmt: skip
    finally:
        ctx.close()

    ctx, page = _sign_in(browser, empty_served["base"], "en-GB")
    try:
        report = _upload(page, "en", [*FILES, csv], None, "Import")
        text = _text(report)
        assert "failed: 0" in text, text
        assert "same bytes as E-" in text  # what the Chinese page imported already
        _pages_say(page, "en", _rows(page), {
            "test_[mmddyy]_24hrs.txt [message 2]": ["John Doe", "read as UTC"],
            "test_export.txt [message 2]": ["John Doe", "Hello Jane!"],  # Signal's text export
            "chinese message.msg": ["经过汇总"],
            "test_single_export.json [message 1]": ["Minimal Message"],
        })  # fmt: skip
    finally:
        ctx.close()
