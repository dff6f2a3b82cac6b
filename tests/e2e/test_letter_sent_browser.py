"""In Chromium, in English and in Chinese: "mark sent" on a letter kept as evidence (quality sweep).

The sender sits in a zone far ahead of the server's (Pacific/Kiritimati, UTC+14): the form offers today's
date where the sender is, the letter is then marked sent on that day, in the page's date style, with the
way of sending in the page's language (快递（EMS）on the Chinese page), and the case's ladder gains the step."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from babel.dates import format_date

pytestmark = pytest.mark.e2e

ZONE = "Pacific/Kiritimati"
TYPED = {"en": ("courier (DHL 1234)", "courier (DHL 1234)"), "zh": ("快递（EMS）", "快递（EMS）")}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_letter_marked_sent_is_dated_in_the_senders_zone(browser, served, lang: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(
        base_url=served["base"], locale="zh-CN" if lang == "zh" else "en-GB", timezone_id=ZONE
    )
    page = context.new_page()
    try:
        page.goto(f"/login?lang={lang}")
        page.locator("input[name=username]").fill(served["user"])
        page.locator("input[name=password]").fill(served["password"])
        page.locator("form button").click()
        page.wait_for_url(served["base"] + "/")
        page.goto(f"/documents?lang={lang}")  # the browser's zone is now in its tz cookie
        page.locator("select[name=kind]").select_option("formal-complaint")
        page.locator("#letter-form button[type=submit]").click()
        page.wait_for_url("**/documents?letter=*")
        row = page.locator("tr.highlight")
        row.locator("summary").click()
        today = datetime.now(ZoneInfo(ZONE)).date()
        assert row.locator("input[name=sent_on]").input_value() == today.isoformat()  # the sender's today
        typed, shown = TYPED[lang]
        row.locator("input[name=channel]").fill(typed)
        row.locator("input[name=recipient]").fill("陈志强")
        row.locator("form button").click()
        page.wait_for_url("**/documents?letter=*")
        day = f"{today.year}年{today.month}月{today.day}日" if lang == "zh" else format_date(today, "d MMM y", "en_GB")
        sent = page.locator("tr.highlight").inner_text()
        assert f"{day} · {shown}" in sent, sent
        ladder = page.goto("/cases/1")
        assert ladder is not None and ladder.ok
        steps = page.locator("table").filter(has_text=shown).first.inner_text()
        assert day in steps, steps
    finally:
        context.close()
