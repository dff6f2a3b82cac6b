"""The multipart forms work from the page: the CSRF token travels inside the multipart body.

Before asgi-csrf replaced the hand-written check, both forms answered raw JSON
``{"error": "CSRF token missing or wrong…"}`` because only URL-encoded bodies were read.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

CONTRACT = (
    "Sales contract No. E2E-UPLOAD-7\n"
    "The Seller shall provide technical support in a timely manner.\n"
    "The Seller shall respond to a service request within 24 hours.\n"
)


def test_upload_and_check_a_contract_from_the_contracts_page(page, tmp_path: Path) -> None:
    f = tmp_path / "e2e-upload-contract.txt"
    f.write_text(CONTRACT, encoding="utf-8")
    page.goto("/contracts")
    page.get_by_label("Contract file (PDF, DOCX or text)").set_input_files(str(f))
    page.get_by_role("button", name="Upload and check").click()
    page.wait_for_url(lambda url: "/contracts/E-" in url)
    page.get_by_text("Clarity score").wait_for()
    assert "CSRF token missing" not in page.content()
    page.goto("/contracts")
    assert page.locator("tr", has_text="e2e-upload-contract.txt").count() == 1


def test_check_a_bundle_from_the_documents_page(page, served, tmp_path: Path) -> None:
    bundle = tmp_path / "bundle.zip"
    env = {**os.environ, "DISPUTEDESK_DATA_DIR": served["data"], "DISPUTEDESK_DATABASE_URL": ""}
    subprocess.run(
        [sys.executable, "-m", "disputedesk.cli", "bundle", "export", "--all", "--out", str(bundle), "-w", "demo"],
        env=env,
        check=True,
        capture_output=True,
        timeout=300,
    )
    page.goto("/documents/bundles")
    page.get_by_label("Bundle ZIP").set_input_files(str(bundle))
    page.get_by_role("button", name="Check", exact=True).click()
    page.get_by_role("heading", name="Check a bundle").wait_for()
    assert page.get_by_text("The bundle is intact.").is_visible()
    assert "CSRF token missing" not in page.content()
