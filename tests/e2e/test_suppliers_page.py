"""The supplier pages in Chromium: ranking with a chart, the demo supplier's profile, a
checklist entry recorded through the form, no script errors under the strict CSP."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

pytestmark = pytest.mark.e2e

LOAD = (
    "import json\n"
    "from disputedesk.services.context import Context\n"
    "from disputedesk.services.demo import demo_dir\n"
    "from disputedesk.services.demo import load_demo_suppliers\n"
    "print(load_demo_suppliers(Context.open(), 'demo', json.loads((demo_dir() / 'dispute.json').read_text('utf-8'))))\n"
)


@pytest.fixture(scope="module")
def supplier_demo(served):  # type: ignore[no-untyped-def]
    """The demo's supplier part (idempotent: a no-op once `disputedesk demo` loads it)."""
    env = {**os.environ, "DISPUTEDESK_DATA_DIR": served["data"], "DISPUTEDESK_DATABASE_URL": ""}
    subprocess.run([sys.executable, "-c", LOAD], env=env, check=True, capture_output=True, timeout=120)
    return served


@pytest.mark.usefixtures("supplier_demo")
def test_supplier_ranking_profile_and_checklist_form(page) -> None:  # type: ignore[no-untyped-def]
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))

    page.goto("/suppliers")
    ranking = page.locator("#ranking table").first
    rows = ranking.locator("tbody tr")
    assert "Ningbo Hengtuo" in rows.nth(0).inner_text()  # the supplier with the good record first
    assert "Shenzhen Ruifeng" in rows.nth(1).inner_text()
    assert page.locator("#ranking svg.chart rect").count() >= 2

    ranking.get_by_role("link", name=re.compile("Shenzhen Ruifeng")).click()
    page.wait_for_url(re.compile(r"/suppliers/ruifeng$"))
    assert page.locator("h1").inner_text().startswith("Shenzhen Ruifeng Laser")
    assert "91440300MA5DKR7T2J" in page.locator("#profile").inner_text()
    assert "755931872610801" in page.locator("#payment").inner_text()
    assert "Verified beneficiary account" in page.locator("#payment").inner_text()
    proposal = page.locator("#next-contact").inner_text()
    assert "next level" in proposal
    assert page.locator("#scorecard svg.chart").count() == 1
    checklist = page.locator("#checklist")
    assert "Sanctions and export-control screening" in checklist.inner_text()
    assert "Sanctions and export-control screening (recorded by the user): not done" in checklist.inner_text()

    # Record the sanctions screening through the form: the gap goes away.
    checklist.locator("summary", has_text="Record a check").click()
    checklist.get_by_label("Check").select_option("sanctions_and_export_control_screening")
    checklist.get_by_label("Who").fill("Jonas Reuter")
    checklist.get_by_role("button", name="Record").click()
    page.wait_for_url(re.compile(r"/suppliers/ruifeng#checklist$"))
    text = page.locator("#checklist").inner_text()
    assert "Sanctions and export-control screening (recorded by the user): not done" not in text
    assert "Jonas Reuter" in text

    page.goto("/suppliers/ruifeng?lang=zh")
    assert "付款安全" in page.locator("nav.toc").inner_text()
    page.goto("/suppliers/ruifeng?lang=en")
    # no script of ours is blocked by the strict CSP (htmx's own indicator <style> is a base-page matter)
    assert [p for p in problems if "script-src" in p or "Uncaught" in p] == [], problems


@pytest.mark.usefixtures("supplier_demo")
def test_fraud_message_shows_its_payment_warning(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/suppliers/ruifeng#payment")
    link = page.locator("#payment table").last.get_by_role("link", name=re.compile(r"^E-\d{4}$")).first
    if link.count() == 0:
        pytest.skip("no messages imported from the demo mail yet")
    label = link.inner_text()
    page.goto(f"/evidence/{label}")
    fragment = page.locator("#payment-warnings")
    if fragment.count() == 0:
        pytest.skip("evidence_detail.html does not include suppliers_evidence_warnings.html yet")
    page.get_by_text("look-alike sender domain").first.wait_for()
    assert "confirmed fraud attempt" in page.locator("#payment-warnings").inner_text()
