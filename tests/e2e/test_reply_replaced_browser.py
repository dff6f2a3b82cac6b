"""A step's reply replaced through the case page's "replace a reply" box, in Chromium (quality sweep): the step
shows the new reply and, under it, which reply it replaced (its date and evidence), when and by whom, in English
and in Chinese; before, only the ledger said so."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.e2e


def test_a_replaced_reply_is_shown_on_its_step(page, served) -> None:  # type: ignore[no-untyped-def]
    page.goto("/cases/CASE-2026-001?lang=en")
    page.locator("#add-step summary").click()
    form = page.locator("form[action$='/reply']")
    form.get_by_label("Step answered").select_option("4")
    form.get_by_label("Reply on").fill("2026-08-12")
    form.get_by_label("replace a reply already recorded (the ledger keeps both)").check()
    form.get_by_role("button", name="Record the reply").click()
    page.wait_for_url(re.compile(r".*/cases/(1|CASE-2026-001)(\?.*)?(#.*)?$"))
    row = page.locator("table tbody tr").filter(has_text="escalation to senior management").first
    text = row.inner_text()
    assert "reply 12 Aug 2026" in text, text
    said = row.locator(".replaced-reply").inner_text()
    assert re.fullmatch(
        rf"Replaced: the reply of 10 Aug 2026 \(E-0089\), by {served['user']} on \d+ \w+ 2026, \d\d:\d\d "
        r"\(Europe/Berlin\); the ledger keeps it\.",
        said,
    ), said
    page.goto("/cases/CASE-2026-001?lang=zh")
    zh = page.locator(".replaced-reply").first.inner_text()
    assert zh.startswith("已被替换：2026年8月10日的答复（E-0089），由 ") and zh.endswith("替换；账本保留该记录。"), zh
