"""Issue 13's whole journey in a browser, from an empty workspace (no demo loader, nothing written
by the test but through the pages): the buyer and a supplier, the signed contract uploaded and its
record, an order with its delivery and a payment, the mailbox imported, a request opened from a
suggested thread, support terms saved as a draft and confirmed, an evaluation with its breach, a
case opened from the request with its deadline facts from the delivery, a formal complaint kept as
evidence, and an evidence bundle that the bundle check accepts. No script error on any page."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from records_fixtures import MAILBOX, TERMS

pytestmark = pytest.mark.e2e
PASSWORD = "correct horse battery"  # anna's, in the conftest's empty_served
SHOTS = os.environ.get("DISPUTEDESK_SCREENSHOTS")  # a folder: keep a screenshot of the main pages


def _shot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"journey-{name}.png"), full_page=True)


def _import(page, path: Path, shown: str) -> None:  # type: ignore[no-untyped-def]
    """Upload a file on the evidence page and wait for the import report to name ``shown``."""
    page.goto("/evidence")
    upload = page.locator("details.upload")
    if upload.get_attribute("open") is None:
        upload.locator("summary").click()
    page.locator("#upload-form").get_by_label("Files").set_input_files(str(path))
    page.locator("#upload-form").get_by_role("button", name="Import").click()
    page.locator("#import-report").get_by_text(shown).first.wait_for(timeout=60_000)


def test_own_dispute_journey_in_a_browser(browser, empty_served, tmp_path) -> None:  # type: ignore[no-untyped-def]
    ctx = browser.new_context(
        base_url=empty_served["base"], locale="en-GB", timezone_id="Europe/Berlin", accept_downloads=True
    )
    page = ctx.new_page()
    problems: list[str] = []
    page.on(
        "console",
        lambda m: (
            problems.append(f"{m.text} on {page.url}")
            if m.type == "error" and not m.location.get("url", "").endswith("/favicon.ico")  # the browser's own ask
            else None
        ),
    )
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("response", lambda r: problems.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.goto("/")
    page.get_by_label("User name").fill("anna")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(empty_served["base"] + "/")

    # 1. the buyer and the supplier (its trade name and mail domain only)
    page.goto("/buyer/edit")
    page.get_by_label("Legal name").fill("Brandt Metallbau GmbH")
    page.get_by_label("Time zone").fill("Europe/Berlin")
    page.get_by_label("Mail domains").fill("brandt-metall.de")
    page.get_by_label("Country").fill("DE")
    page.get_by_label("Contact people").fill("Tobias Brandt <t.brandt@brandt-metall.de> (Managing Director)")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/buyer")
    page.goto("/suppliers#add")
    page.get_by_label("English name").fill("Jinhua Precision Machinery")
    page.get_by_label("Email domains").fill("jinhua-cnc.com")
    page.get_by_role("button", name="Add supplier").click()
    page.wait_for_url("**/suppliers/*")

    # 2. the signed contract, checked, then its record
    signed = tmp_path / "JH-2026-014 signed.txt"
    signed.write_text(
        "Purchase contract JH-2026-014\nArticle 7.2 Support: first response within 4 hours for critical faults.\n"
        "Governing law: the laws of the People's Republic of China.\n",
        encoding="utf-8",
    )
    page.goto("/contracts")
    page.locator('input[type="file"][name="file"]').set_input_files(str(signed))
    page.get_by_role("button", name="Upload and check").click()
    page.wait_for_url("**/contracts/E-0001")
    page.locator(".contract-record").get_by_role("link", name="Add contract").click()
    page.get_by_label("Contract number").fill("JH-2026-014")
    page.get_by_label("Signed on").fill("2026-05-04")
    page.get_by_label("Currency").fill("EUR")
    page.get_by_label("Contract value").fill("186000")
    page.get_by_label("Governing law").fill("Laws of the People's Republic of China")
    page.get_by_label("Warranty (months)").fill("12")
    page.get_by_label("Warranty runs from").select_option("delivery")
    page.get_by_label("Inspection period (days)").fill("30")
    page.get_by_role("button", name="Add contract").click()
    page.wait_for_url("**/records/contracts/JH-2026-014")

    # 3. the delivery note, then the order with its delivery, and a payment
    note = tmp_path / "delivery-note.txt"
    note.write_text("Delivery note: VMC-850 JH850-2507-0113 received 15 July 2026\n", encoding="utf-8")
    _import(page, note, "E-0002")
    page.goto("/records/contracts/JH-2026-014")
    page.get_by_role("link", name="Add order").click()
    page.get_by_label("Order number").fill("PO-7731")
    page.get_by_label("Amount", exact=True).fill("186000")
    page.get_by_label("Ordered on").fill("2026-05-10")
    page.get_by_label("Delivered on", exact=True).fill("2026-07-15")
    page.get_by_label("Machines delivered").fill("VMC-850 JH850-2507-0113")
    page.get_by_label("Order and delivery note (evidence numbers)").fill("E-0002")
    page.get_by_role("button", name="Add order").click()
    page.wait_for_url("**/records/orders/PO-7731")
    # a request about a machine can be started from its order: supplier, contract and machine chosen
    ask = page.locator("table.record").get_by_role("link", name="Open a support request")
    assert "serial=JH850-2507-0113" in (ask.get_attribute("href") or "")
    _shot(page, "order")
    page.get_by_role("link", name="Add payment").click()
    _shot(page, "payment-form")
    page.get_by_label("Amount", exact=True).fill("55800")
    page.get_by_label("Paid on").fill("2026-05-12")
    page.get_by_label("Account paid into").fill("CN-BOC-6217000000001234")
    page.get_by_role("button", name="Add payment").click()
    page.wait_for_url("**/records/payments/P-1")

    # 4. the mailbox, and a request opened from the suggested thread
    _import(page, MAILBOX, "mailbox.mbox")
    page.goto("/requests/suggestions")
    rows = page.locator("#suggestions tbody tr")
    assert rows.count() == 2, page.locator("#suggestions").inner_text()
    row = rows.filter(has_text="spindle alarm SP-0410")
    row.get_by_label("Severity").select_option("critical")
    assert row.get_by_label("Contract").input_value() == "JH-2026-014"  # the supplier's only contract
    row.get_by_role("button", name="Open request").click()
    page.wait_for_url("**/requests/SR-0001*")
    _shot(page, "request")
    facts = page.locator("#manage dl.facts").inner_text()
    assert "JH-2026-014" in facts and "JH850-2507-0113" in facts  # the machine the subject names

    # 5. support terms: a draft, then confirmed
    page.goto("/records/contracts/JH-2026-014")
    page.get_by_role("link", name="Support terms").click()
    page.wait_for_url("**/sla/terms/JH-2026-014")
    # the form per severity level (TERMS box by box); valid from left empty: the contract's signing day
    levels = page.locator("#terms-levels")
    levels.get_by_label("Where the terms are written").fill(TERMS["label"])
    for level, times in TERMS["severities"].items():
        levels.get_by_label(f"Response time ({level})", exact=True).fill(times["first_response"].removesuffix("h"))
        if "resolution" in times:
            levels.get_by_label(f"Resolution time ({level})", exact=True).fill(times["resolution"].removesuffix("wd"))
            levels.get_by_label(f"Unit of the resolution time ({level})", exact=True).select_option("business_days")
    levels.get_by_label("Status").select_option("draft")
    levels.get_by_role("button", name="Save new version").click()
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_url("**/sla/terms/JH-2026-014")
    assert page.get_by_role("button", name="Confirm").count() == 0

    # 6. evaluated: the first response came after the 4 hours of a critical fault
    page.goto("/requests")
    page.get_by_role("button", name="Evaluate now").click()
    page.goto("/requests/SR-0001")
    assert "breached" in page.locator("main").inner_text().lower()

    # 7. a case from the request: the deadline facts from the delivery, with their source
    page.get_by_role("button", name="Open a case from this request").click()
    page.wait_for_url(re.compile(r".*/cases/CASE-\d{4}-\d{3}$"))
    case = page.url.rsplit("/", 1)[1]
    _shot(page, "case")
    text = page.locator("main").inner_text()
    assert "order PO-7731: delivered on 15 Jul 2026 (E-0002)" in text, text[:3000]
    assert "PO-7731" in page.locator("main").get_by_text("Orders").locator("xpath=..").inner_text()

    # 8. a formal complaint, kept as evidence
    page.goto("/documents")
    letter = page.locator("#letter-form")
    letter.get_by_label("Case or supplier").select_option(value=case)
    letter.get_by_label("Letter").select_option("formal-complaint")
    letter.locator("select[name=lang]").select_option("en")
    letter.get_by_role("button", name="Create and keep as evidence").click()
    page.wait_for_url(re.compile(r".*/documents\?letter=\d+.*"))
    kept = page.locator("tr.highlight[id^=letter-]")
    assert "signatory" not in kept.inner_text()  # the buyer's managing director signs
    href = kept.locator("a[href^='/evidence/E-']").first.get_attribute("href")
    assert href and case in kept.inner_text(), kept.inner_text()
    original = page.request.get(href + "/original")
    assert original.ok and original.body().startswith(b"%PDF")

    # 9. the evidence bundle of the case, downloaded and checked
    page.goto("/documents/bundles")
    page.get_by_label("What to include").select_option(value=case)
    page.get_by_role("button", name="Build").click()
    page.wait_for_url(re.compile(r".*/documents/bundles/\d+$"))
    link = page.get_by_role("link", name="Download the bundle")
    link.wait_for(timeout=120_000)
    with page.expect_download() as dl:
        link.click()
    bundle = tmp_path / "bundle.zip"
    dl.value.save_as(bundle)
    assert bundle.read_bytes()[:2] == b"PK"
    page.goto("/documents/bundles")
    page.get_by_label("Bundle ZIP").set_input_files(str(bundle))
    page.get_by_role("button", name="Check").click()
    verdict = page.locator("main").inner_text()
    assert "intact" in verdict.lower() or "ok" in verdict.lower(), verdict[:2000]

    # 10. the dashboard's first steps are all done
    page.goto("/")
    assert page.locator("#first-steps").count() == 0 or page.locator("#first-steps li:not(.done)").count() == 0
    assert not problems, problems
    ctx.close()
