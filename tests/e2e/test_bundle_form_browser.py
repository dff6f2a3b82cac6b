"""In Chromium, on a fresh workspace: the bundle form's refusals come back on the form itself, the
message beside the field it names in the page's language, with what was chosen and typed."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.e2e


def _build(page, scope: str, items: str) -> None:  # type: ignore[no-untyped-def]
    page.locator("select[name=scope]").select_option(scope)
    page.locator("input[name=items]").fill(items)
    page.locator("form[action='/documents/bundles'] button").click()
    page.wait_for_load_state()


def test_bundle_form_refusals_stay_on_the_form_in_chinese_and_english(empty_page) -> None:  # type: ignore[no-untyped-def]
    page = empty_page
    page.goto("/documents/bundles?lang=zh")
    _build(page, "all", "E-0001, E-0002")
    assert page.url.endswith("/documents/bundles")  # no export started: still the form
    said = page.locator("#items-error").inner_text()
    assert said.startswith("选定证据的编号：") and "“选定的证据（在下方列出）”" in said, said
    assert page.locator("input[name=items]").input_value() == "E-0001, E-0002"
    assert page.locator("select[name=scope]").input_value() == "all"
    assert page.locator("input[name=items]").get_attribute("aria-invalid") == "true"

    _build(page, "all", "")
    said = page.locator("#scope-error").inner_text()
    assert said.startswith("包含内容：") and "本工作区还没有证据" in said, said
    assert page.locator("#items-error").count() == 0

    page.goto("/documents/bundles?lang=en")
    _build(page, "selection", "E-0001, E-00x")
    said = page.locator("#items-error").inner_text()
    assert "items: 'E-00x' is not an evidence number like E-0042" in said, said
    assert page.locator("select[name=scope]").input_value() == "selection"
    assert page.locator("input[name=items]").input_value() == "E-0001, E-00x"
    _build(page, "all", "E-0001")
    assert "evidence numbers are used only with 'A selection (list below)'" in page.locator("#items-error").inner_text()
