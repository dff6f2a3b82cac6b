"""The SLA pages in a real browser on the demo dispute: a breached request and its explanation."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.e2e

LOAD = (
    "import json\n"
    "from disputedesk.services.context import Context\n"
    "from disputedesk.services.demo import demo_dir\n"
    "from disputedesk.services.demo import load_demo_sla\n"
    "print(load_demo_sla(Context.open(), 'demo', json.loads((demo_dir() / 'dispute.json').read_text('utf-8'))))\n"
)


@pytest.fixture(scope="module")
def sla_demo(served):  # type: ignore[no-untyped-def]
    """The demo's SLA part (idempotent: a no-op besides re-evaluation once `disputedesk demo` does it)."""
    env = {**os.environ, "DISPUTEDESK_DATA_DIR": served["data"], "DISPUTEDESK_DATABASE_URL": ""}
    subprocess.run([sys.executable, "-c", LOAD], env=env, check=True, capture_output=True, timeout=120)
    return served


@pytest.mark.usefixtures("sla_demo")
def test_breached_request_shows_its_explanation(page) -> None:  # type: ignore[no-untyped-def]
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto("/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Requests").click()
    row = page.locator("tr", has=page.get_by_text("SR-0001", exact=True))
    assert "breached" in row.inner_text()
    row.get_by_role("link", name="SR-0001").click()
    page.wait_for_url("**/requests/SR-0001")
    # the unanswered chaser of 12 May: a breach measured so far, with the days counted
    breached = page.locator("section.sla-deadline.breached").first
    assert "breached" in breached.inner_text()
    breached.get_by_text("How the deadline was counted").first.wait_for()
    table = breached.locator("details.sla-expl").first
    assert "counted" in table.inner_text() and "working day" in table.inner_text()
    # supplier's and buyer's time, and each skipped day with its reason
    assert "Europe/Berlin" in page.locator("table.sla-timeline thead").inner_text()
    assert page.get_by_text("weekend").first.is_visible()
    # no script of ours is blocked by the strict CSP (htmx's own indicator <style> is a base-page matter)
    assert [e for e in errors if "script-src" in e] == []


@pytest.mark.usefixtures("sla_demo")
def test_supplier_chart_and_holiday_explanation(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/sla/suppliers/ruifeng")
    assert page.locator("svg.sla-chart circle").count() >= 3
    page.goto("/requests/SR-0003")  # sent on the eve of National Day, answered on 8 October
    page.get_by_text("How the deadline was counted").first.click()
    assert page.get_by_text("statutory holiday").first.is_visible()
