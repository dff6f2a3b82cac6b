"""The contract clarity page in a browser: the vague support clause is marked in the text."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.e2e


def test_demo_contract_shows_score_findings_and_marks(page) -> None:
    page.goto("/contracts")
    row = page.locator("tr", has_text="RF-EU-2025-1046_sales-contract.pdf")
    row.get_by_role("link", name="Check clarity").click()
    page.get_by_text("Clarity score").wait_for()
    mark = page.locator(".contract-text mark.vague").first
    assert mark.is_visible()
    assert page.get_by_role("heading", name="Suggested wording (draft — for review by counsel)").is_visible()
