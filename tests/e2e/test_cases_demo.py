"""A user walks the demo dispute's case page in Chromium: from the dashboard to the ladder, the
legal deadlines with their reasoning, a refused and an accepted form, the .ics file, Chinese."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from icalendar import Calendar

pytestmark = pytest.mark.e2e

# Idempotent: does nothing when `disputedesk demo` already turned the dispute into a case.
LOAD_CASE = """
import json
from disputedesk.services.context import Context
from disputedesk.services.demo import demo_dir
from disputedesk.services.demo import load_demo_case
ctx = Context.open()
load_demo_case(ctx, "demo", json.loads((demo_dir() / "dispute.json").read_text(encoding="utf-8")))
"""


@pytest.fixture(scope="module")
def served(served):  # type: ignore[no-untyped-def]
    env = {**os.environ, "DISPUTEDESK_DATA_DIR": served["data"], "DISPUTEDESK_DATABASE_URL": ""}
    subprocess.run([sys.executable, "-c", LOAD_CASE], env=env, check=True, timeout=120)
    return served


def test_walk_the_demo_case(page, tmp_path) -> None:  # type: ignore[no-untyped-def]
    page.goto("/")
    panel = page.locator("#cases-panel")
    panel.get_by_role("link", name="CASE-2026-001").click()
    page.wait_for_url("**/cases/*")
    assert "CASE-2026-001" in page.locator("h1").inner_text()

    ladder = page.locator("#ladder-table tbody tr")
    assert ladder.count() == 4
    assert "formal complaint" in ladder.nth(2).inner_text() and "E-0085" in ladder.nth(2).inner_text()
    ladder.nth(2).get_by_text("How counted").click()
    assert "25 days end on 31 Jul 2026" in ladder.nth(2).inner_text()
    assert "lawyer's demand letter" in page.locator("#next-step").inner_text()

    lim = page.locator("#deadline-table tbody tr", has_text="limitation period")
    assert "12 Aug 2030" in lim.inner_text() and "provisional" in lim.inner_text()
    lim.get_by_text("Facts used and steps").click()
    assert "10 Aug 2026" in lim.inner_text()  # the acknowledgement that restarted it (dates as the page writes them)

    assert "€24,964.50" in page.locator("#claims-table").inner_text()

    # a bad amount is refused with the field named, nothing stored; then a good one is recorded
    page.locator("#add-money summary").click()
    form = page.locator("#add-money form")
    form.get_by_label("What").select_option("receipt")
    form.get_by_label("Date").fill("2026-11-20")
    form.get_by_label("Amount").fill("-500")
    form.get_by_label("Evidence nos.").fill("E-0002")
    form.get_by_role("button", name="Record").click()
    assert "amount: an amount received must be more than zero, not -500" in page.locator("#form-error").inner_text()
    assert "€24,964.50" in page.locator("#recovery-table").inner_text()
    form = page.locator("#add-money form")
    form.get_by_label("Amount").fill("500.00")
    form.get_by_role("button", name="Record").click()
    page.wait_for_url("**#recovery")
    assert "€24,464.50" in page.locator("#recovery-table").inner_text()

    with page.expect_download() as dl:
        page.get_by_role("link", name="Deadlines as a calendar file (.ics)").click()
    path = tmp_path / "case.ics"
    dl.value.save_as(path)
    assert any("limitation" in str(e["SUMMARY"]) for e in Calendar.from_ical(path.read_bytes()).walk("VEVENT"))

    page.get_by_role("link", name="中文").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="升级阶梯").is_visible()
    assert "律师函" in page.locator("#next-step").inner_text()
    page.get_by_role("link", name="English").click()
