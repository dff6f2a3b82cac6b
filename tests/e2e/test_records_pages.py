"""An own dispute from an empty workspace, in a browser: the dashboard's first steps, then the
buyer, a supplier, the contract (its signed copy uploaded and checked first), an order with its
delivery and machines, and a payment, each through its form; bad input keeps the form."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e
SHOTS = os.environ.get("DISPUTEDESK_SCREENSHOTS")  # a folder: keep a screenshot of each page


def _shot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def test_own_dispute_records_from_an_empty_workspace(empty_page, tmp_path) -> None:  # type: ignore[no-untyped-def]
    page = empty_page

    # 1. the dashboard guides the first steps, none done
    steps = page.locator("#first-steps li")
    assert steps.count() == 6
    assert page.locator("#first-steps li.done").count() == 0
    _shot(page, "dashboard-empty-en")

    # 2. your company
    page.locator("#first-steps").get_by_role("link", name="Your company").click()
    page.get_by_label("Legal name").fill("Brandt Metallbau GmbH")
    page.get_by_label("Time zone").fill("Mars/Olympus")
    page.get_by_label("Mail domains").fill("brandt.de")
    page.get_by_role("button", name="Save").click()
    alert = page.get_by_role("alert")
    assert "is not a time zone" in alert.inner_text()
    assert page.get_by_label("Legal name").input_value() == "Brandt Metallbau GmbH"  # the form is kept
    page.get_by_label("Time zone").fill("Europe/Berlin")
    page.get_by_label("Country").fill("DE")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/buyer")
    assert "Brandt Metallbau GmbH" in page.locator("h1").inner_text()
    assert "brandt.de" in page.locator("table.record").inner_text()
    _shot(page, "buyer-en")

    # 3. the supplier, known by its English trade name only
    page.goto("/suppliers#add")
    page.get_by_label("English name").fill("Ruifeng Laser")
    page.get_by_role("button", name="Add supplier").click()
    page.wait_for_url("**/suppliers/*")
    supplier_url = page.url

    # 4. the signed contract: uploaded and checked, then its record from the clarity page
    signed = tmp_path / "sales-contract.txt"
    signed.write_text(
        "Sales Contract RF-2025-118\n1. Goods: two LX-3000 fibre laser cutting machines.\n"
        "2. Warranty: 24 months from acceptance.\n3. Support: the seller responds promptly.\n",
        encoding="utf-8",
    )
    page.goto("/contracts")
    page.locator('input[type="file"][name="file"]').set_input_files(str(signed))
    page.get_by_role("button", name="Upload and check").click()
    page.wait_for_url("**/contracts/E-0001")
    page.locator(".contract-record").get_by_role("link", name="Add contract").click()
    page.wait_for_url("**/records/contracts/new?evidence=E-0001")
    assert page.get_by_label("Documents (evidence numbers)").input_value() == "E-0001"
    assert "E-0001 sales-contract.txt" in (page.locator("details.docs").text_content() or "")  # what was imported
    page.get_by_label("Contract number").fill("RF-2025-118")
    page.get_by_label("Title").fill("Two fibre laser cutters")
    page.get_by_label("Signed on").fill("2025-03-10")
    page.get_by_label("Currency").fill("EUR")
    page.get_by_label("Contract value").fill("120000")
    page.get_by_label("Warranty (months)").fill("24")
    page.get_by_label("Warranty runs from").select_option("acceptance")
    page.get_by_role("button", name="Add contract").click()
    page.wait_for_url("**/records/contracts/RF-2025-118")
    record = page.locator("table.record").inner_text()
    assert "Ruifeng Laser" in record and "€120,000.00" in record and "24 months, counted from acceptance" in record
    _shot(page, "contract-en")
    assert page.get_by_role("link", name="Support terms").get_attribute("href") == "/sla/terms/RF-2025-118"
    assert page.goto("/sla/terms/RF-2025-118").ok  # the terms form of a contract without terms yet
    page.goto("/contracts/E-0001")
    assert page.locator(".contract-record").get_by_role("link", name="RF-2025-118").is_visible()
    page.goto(supplier_url)
    assert page.locator("#records").get_by_role("link", name="RF-2025-118").is_visible()

    # 5. an order with its delivery and machines, from the contract page
    page.goto("/records/contracts/RF-2025-118")
    page.get_by_role("link", name="Add order").click()
    page.get_by_label("Order number").fill("PO-2025-0042")
    assert page.get_by_label("Currency").input_value() == "EUR"
    page.get_by_label("Amount", exact=True).fill("120000")
    page.get_by_label("Ordered on").fill("2025-03-12")
    page.get_by_label("Delivered on", exact=True).fill("2025-03-01")
    page.get_by_label("Machines delivered").fill("LX-3000 SN-2041\nLX-3000 SN-2042")
    page.get_by_role("button", name="Add order").click()
    assert "before the order date" in page.get_by_role("alert").inner_text()
    _shot(page, "order-form-error-en")
    assert "SN-2042" in page.get_by_label("Machines delivered").input_value()
    page.get_by_label("Delivered on", exact=True).fill("2025-06-20")
    page.get_by_label("Accepted on", exact=True).fill("2025-06-30")
    page.get_by_role("button", name="Add order").click()
    page.wait_for_url("**/records/orders/PO-2025-0042")
    order = page.locator("table.record").inner_text()
    assert "SN-2041" in order and "SN-2042" in order and "20 Jun 2025" in order and "30 Jun 2025" in order

    # 6. a payment from the order page
    page.get_by_role("link", name="Add payment").click()
    page.get_by_label("Amount", exact=True).fill("36.000,00")
    page.get_by_label("Paid on").fill("2025-03-15")
    page.get_by_label("Account paid into").fill("DE89370400440532013000")
    page.get_by_role("button", name="Add payment").click()
    assert "is not an amount" in page.get_by_role("alert").inner_text()
    assert page.get_by_label("Account paid into").input_value() == "DE89370400440532013000"
    page.get_by_label("Amount", exact=True).fill("36000.00")
    page.get_by_role("button", name="Add payment").click()
    page.wait_for_url("**/records/payments/P-1")
    payment = page.locator("table.record").inner_text()
    assert "€36,000.00" in payment and "PO-2025-0042" in payment and "RF-2025-118" in payment

    # 7. the dashboard marks what is done; the records list shows everything
    page.goto("/")
    done = page.locator("#first-steps li.done").evaluate_all("els => els.map(e => e.dataset.step)")
    assert done == ["buyer", "supplier", "contract"]
    _shot(page, "dashboard-started-en")
    page.goto("/records")
    listing = page.locator("main").inner_text()
    assert "RF-2025-118" in listing and "PO-2025-0042" in listing and "P-1" in listing

    # 8. the same pages in Chinese
    page.goto("/records/contracts/RF-2025-118?lang=zh")
    assert page.locator("h1").inner_text().startswith("合同")
    assert "质保期" in page.locator("table.record").inner_text()
    _shot(page, "contract-zh")
    page.goto("/?lang=zh")
    assert "入门步骤" in page.locator("#first-steps").inner_text()
    _shot(page, "dashboard-started-zh")
    page.goto("/records/payments/new?lang=zh")
    page.get_by_label("金额", exact=True).fill("-5")
    page.get_by_label("付款日期").fill("2025-03-15")
    page.get_by_label("币种").fill("EUR")
    page.get_by_role("button", name="添加付款").click()
    assert "金额：必须大于 0" in page.get_by_role("alert").inner_text()
    _shot(page, "payment-form-error-zh")
    page.goto(supplier_url + "?lang=zh")
    records = page.locator("#records")
    assert records.get_by_role("link", name="添加合同").is_visible() and "P-1" in records.inner_text()
    _shot(page, "supplier-zh")
