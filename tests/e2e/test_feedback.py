"""Feedback a person sees at once: after an upload the count and the list show the new item and
the chosen files are cleared; the narrow "From" column of the request timeline stays readable in
Chinese (no one-character-per-line)."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e


def test_upload_refreshes_the_list_and_clears_the_files(page, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    f = tmp_path / "feedback-check-report.txt"
    f.write_text("Service report: spindle alarm 9017 after restart", encoding="utf-8")
    page.goto("/evidence?lang=en&q=feedback-check")  # a search that finds nothing yet
    before = int(page.locator("#evidence-count").inner_text().replace(",", ""))
    assert before == 0
    page.eval_on_selector("details.upload", "d => { d.open = true; }")
    page.set_input_files("input[type=file]", str(f))
    page.get_by_role("button", name="Import", exact=True).click()
    page.locator("#import-report").get_by_text("Imported: 1").wait_for()
    page.locator("#evidence-count", has_text=str(before + 1)).wait_for()
    assert page.locator("#evidence-table", has_text="feedback-check-report.txt").count() == 1
    assert page.eval_on_selector("input[type=file]", "el => el.files.length") == 0


@pytest.mark.parametrize("width", [1400, 1024])
def test_timeline_sender_column_in_chinese(page, width: int) -> None:  # type: ignore[no-untyped-def]
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/requests/SR-0003?lang=zh")
    # The text of "发送方" and of each value ("买方", "供应商") is one line high, not a column of characters.
    heights = page.eval_on_selector_all(
        "table.sla-timeline .side",
        """els => els.map(el => {
            const r = document.createRange(); r.selectNodeContents(el);
            return [r.getBoundingClientRect().height, parseFloat(getComputedStyle(el).lineHeight)];
        })""",
    )
    assert heights and all(h <= 1.5 * line for h, line in heights), heights


def test_a_refused_form_says_why(page) -> None:  # type: ignore[no-untyped-def]
    # htmx drops error answers by default: a refused request must show its message, not nothing.
    page.goto("/documents?lang=en")
    page.eval_on_selector_all("#letter-form details", "ds => ds.forEach(d => { d.open = true; })")
    page.fill("input[name=fact_cure_deadline]", "31.12.2026")
    page.get_by_role("button", name="Preview").click()
    err = page.locator("#preview .flash.error")
    err.wait_for()
    assert "cure_deadline" in err.inner_text() and "31.12.2026" in err.inner_text()


@pytest.mark.parametrize("width", [1400, 1024])
def test_chinese_row_headings_stay_words(page, width: int) -> None:  # type: ignore[no-untyped-def]
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/suppliers/ruifeng?lang=zh")
    heights = page.eval_on_selector_all(
        "table.grid th[scope=row]",
        """els => els.map(el => {
            const r = document.createRange(); r.selectNodeContents(el);
            return [el.innerText, r.getBoundingClientRect().height, parseFloat(getComputedStyle(el).lineHeight)];
        })""",
    )
    assert heights and all(h <= 1.5 * line for _, h, line in heights), heights  # 中文法定名称 on one line
