"""Correspondence in a real browser: search the demo mail in Chinese, open the thread, the chronology."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.e2e


def test_search_thread_and_chronology(page) -> None:
    page.goto("/search")
    page.locator("input[name=q]").fill("故障")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url(re.compile(r"q="))
    hits = page.locator("ol.hits li")
    assert hits.count() >= 1
    assert page.locator("ol.hits mark").first.inner_text() == "故障"
    page.locator("ol.hits li a[href^='/threads/']").first.click()
    page.wait_for_url(re.compile(r"/threads/\d+"))
    assert page.locator("ol.tree li").count() >= 1
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Correspondence").click()
    page.get_by_role("navigation", name="Section").get_by_role("link", name="Chronology").click()
    page.wait_for_url(re.compile(r"/chronology"))
    assert page.locator(".timeline .ev").count() >= 59
