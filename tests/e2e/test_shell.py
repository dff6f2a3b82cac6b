"""The web app in a real browser: navigation, evidence list and detail, upload, language."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e


def test_dashboard_shows_the_demo_and_navigation(page) -> None:
    page.goto("/")
    nav = page.get_by_role("navigation", name="Main")
    for label in ("Dashboard", "Suppliers", "Evidence", "Cases"):
        assert nav.get_by_role("link", name=label).is_visible()
    assert page.locator(".card").first.is_visible()
    page.get_by_role("button", name="Verify the vault now").click()
    page.get_by_text("Intact").wait_for()


def test_evidence_list_filter_and_detail(page) -> None:
    page.goto("/evidence")
    rows = page.locator("table.evidence tbody tr")
    assert rows.count() >= 10
    page.locator("form.filters select[name=kind]").select_option("correspondence")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url(re.compile(r"kind=correspondence"))
    first = page.locator("table.evidence tbody tr td a").first
    label = first.inner_text()
    first.click()
    page.wait_for_url(re.compile(label))
    assert page.locator("code.hash").first.inner_text().strip().__len__() == 64
    assert page.get_by_role("link", name="Download the original").is_visible()


def test_upload_through_the_page(page, tmp_path: Path) -> None:
    f = tmp_path / "维修报告.txt"
    f.write_text("伺服驱动器报警，等待厂家回复", encoding="utf-8")
    page.goto("/evidence")
    page.locator("details.upload summary").click()
    page.set_input_files("input[type=file]", str(f))
    page.get_by_role("button", name="Import", exact=True).click()
    page.locator("#import-report").get_by_text("Imported: 1").wait_for()
    page.locator("#import-report a").first.click()
    page.get_by_text("伺服驱动器报警").wait_for()


def test_chinese_interface(page) -> None:
    page.goto("/")
    page.get_by_role("link", name="中文").click()
    page.get_by_role("link", name="证据").first.wait_for()
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    page.goto("/evidence")
    assert page.get_by_role("heading", name=re.compile("证据")).is_visible()
