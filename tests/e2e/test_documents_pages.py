"""In Chromium: draft a bilingual letter from the demo case (preview, keep as evidence, mark
sent) and build an evidence bundle with its progress bar, then download it and check it."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from disputedesk.documents.bundle_verify import verify_bundle

pytestmark = pytest.mark.e2e

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


def test_letter_and_bundle(page, tmp_path) -> None:  # type: ignore[no-untyped-def]
    page.goto("/documents")
    page.locator("select[name=kind]").select_option("formal-complaint")
    page.get_by_role("button", name="Preview").click()
    preview = page.locator("#preview")
    preview.get_by_text("催告函").first.wait_for()
    assert "Formal complaint and demand to cure" in preview.inner_text()
    page.get_by_role("button", name="Create and keep as evidence").click()
    page.wait_for_url("**/documents?letter=*")
    row = page.locator("tr.highlight")
    assert "CASE-2026-001/L2/" in row.inner_text()  # the kind by its code (L2: formal complaint)
    row.get_by_text("Mark sent").click()
    row.get_by_label("Date sent").fill("2026-11-02")
    row.get_by_label("Channel").fill("e-mail")
    row.get_by_role("button", name="Record as sent").click()
    page.wait_for_url("**/documents?letter=*")
    assert "2 Nov 2026 · email" in page.locator("tr.highlight").inner_text()  # typed "e-mail": shown as the word

    page.goto("/documents/bundles")
    page.locator("select[name=scope]").select_option("selection")
    page.get_by_label("Evidence numbers for a selection").fill("E-0001, E-0040, E-0067")
    page.get_by_role("button", name="Build").click()
    page.wait_for_url("**/documents/bundles/*")
    page.get_by_text("Download the bundle").wait_for(timeout=60_000)  # htmx polls the progress
    with page.expect_download() as dl:
        page.get_by_text("Download the bundle").click()
    target = tmp_path / "bundle.zip"
    dl.value.save_as(target)
    rep = verify_bundle(target)
    assert rep.ok and rep.items == 3, rep.problems
