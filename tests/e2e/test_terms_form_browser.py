"""The support terms form per severity level in Chromium, as a user with their own dispute meets it (quality sweep):
the first version of a contract's terms entered box by box (response and resolution time with their unit, the
level's service hours and holidays), then the terms in force shown in words, in English and Chinese; bad input
(empty, negative, an unknown unit) refused with a message naming the box, what was typed kept, nothing saved."""

from __future__ import annotations

from datetime import datetime

import pytest

pytestmark = pytest.mark.e2e


def _contract(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/suppliers#add")
    page.get_by_label("English name").fill("Jinhua Precision Machinery")
    page.get_by_role("button", name="Add supplier").click()
    page.wait_for_url("**/suppliers/*")
    page.goto("/records/contracts/new")
    page.get_by_label("Contract number").fill("JH-2026-014")
    page.get_by_label("Signed on").fill("2026-05-04")
    page.get_by_role("button", name="Add contract").click()
    page.wait_for_url("**/records/contracts/JH-2026-014")


def _save(page) -> str:  # type: ignore[no-untyped-def]
    form = page.locator("#terms-levels")
    form.get_by_role("button", name="Save new version").click()
    page.wait_for_load_state()
    alert = page.locator("[role=alert]")
    return alert.inner_text() if alert.count() else ""


def test_terms_entered_per_level_and_bad_input_named(empty_page) -> None:  # type: ignore[no-untyped-def]
    page = empty_page
    _contract(page)
    page.goto("/records/contracts/JH-2026-014")
    page.get_by_role("link", name="Support terms").click()
    page.wait_for_url("**/sla/terms/JH-2026-014")
    form = page.locator("#terms-levels")
    assert "applies from the contract's signing day, 4 May 2026" in form.inner_text()

    # nothing entered: the first level's box is named
    said = _save(page)
    assert said.startswith("Response time (critical): give at least one level"), said
    # a negative time
    page.get_by_label("Response time (critical)", exact=True).fill("-4")
    said = _save(page)
    assert said == "Response time (critical): '-4': give a time greater than 0", said
    assert page.get_by_label("Response time (critical)", exact=True).input_value() == "-4"  # kept as typed
    # a unit the form does not offer (a forged choice)
    page.get_by_label("Response time (critical)", exact=True).fill("4")
    unit = page.get_by_label("Unit of the response time (critical)", exact=True)
    unit.evaluate("s => { s.options[s.selectedIndex].value = 'weeks' }")
    said = _save(page)
    assert said.startswith("Unit of the response time (critical): 'weeks' is not hours, business hours"), said
    assert "No support terms recorded yet." in page.locator("main").inner_text()  # nothing half-saved

    # the terms: critical 4 business hours / 3 business days, in service hours 08:30-17:30; normal 8 business hours
    page.get_by_label("Where the terms are written").fill("JH-2026-014 Art. 7.2")
    page.get_by_label("The same in Chinese (optional)").fill("JH-2026-014 第7.2条")
    page.get_by_label("Response time (critical)", exact=True).fill("4")
    page.get_by_label("Resolution time (critical)", exact=True).fill("3")
    page.get_by_label("Unit of the resolution time (critical)", exact=True).select_option("business_days")
    page.get_by_label("Service hours (critical)", exact=True).fill("08:30-17:30")
    page.get_by_label("Response time (normal)", exact=True).fill("8")
    assert _save(page) == ""
    assert "Saved" in page.locator("[role=status]").inner_text()
    promises = page.locator(".sla-terms-words").inner_text()
    assert "Answer within 4 business hours" in promises and "Resolve within 3 working days" in promises, promises
    assert "Answer within 8 business hours" in promises
    terms = page.request.get("/api/sla/terms/JH-2026-014").json()["versions"][0]
    assert datetime.fromisoformat(terms["valid_from"]) == datetime.fromisoformat("2026-05-04T00:00+08:00")
    assert terms["status"] == "confirmed"
    assert terms["terms"]["severities"]["critical"]["coverage"]["windows"]["0"] == "08:30-17:30"
    assert set(terms["terms"]["severities"]) == {"critical", "normal"}
    # the form shows the terms in force again
    assert page.get_by_label("Service hours (critical)", exact=True).input_value() == "08:30-17:30"
    assert page.get_by_label("Unit of the resolution time (critical)", exact=True).input_value() == "business_days"

    # in Chinese: the form's labels and the terms in force
    page.goto("/sla/terms/JH-2026-014?lang=zh")
    text = page.locator("main").inner_text()
    assert "4个工作小时内答复" in text and "3个工作日内解决" in text, text[:2000]
    assert page.get_by_label("响应时间（紧急）", exact=True).input_value() == "4"
    page.get_by_label("响应时间（高）", exact=True).fill("-1")
    page.locator("#terms-levels").get_by_role("button", name="保存新版本").click()
    page.wait_for_load_state()
    assert page.locator("[role=alert]").inner_text() == "响应时间（高）：“-1”：请填写大于0的时长"
