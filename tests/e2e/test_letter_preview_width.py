"""In Chromium at 1280 px wide (a laptop): the letter preview of the demo case's demand, whose SLA
breaches table has six columns of bilingual dates, stays inside the page in English and in Chinese:
a wide table wraps inside the preview's column; neither the page nor the preview scrolls sideways."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.e2e

LOAD_CASE = """
import json
from disputedesk.services.context import Context
from disputedesk.services.demo import demo_dir
from disputedesk.services.demo import load_demo_case
ctx = Context.open()
load_demo_case(ctx, "demo", json.loads((demo_dir() / "dispute.json").read_text(encoding="utf-8")))
"""

OVERFLOW = "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
WIDER = """() => [document.querySelector('#preview'), ...document.querySelectorAll('#preview div, #preview table')]
    .filter(e => e.scrollWidth > e.clientWidth + 1)
    .map(e => `${e.tagName}.${e.className}: ${e.scrollWidth} px in ${e.clientWidth} px`)"""


@pytest.fixture(scope="module")
def served(served):  # type: ignore[no-untyped-def]
    env = {**os.environ, "DISPUTEDESK_DATA_DIR": served["data"], "DISPUTEDESK_DATABASE_URL": ""}
    subprocess.run([sys.executable, "-c", LOAD_CASE], env=env, check=True, timeout=120)
    return served


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("letter_lang", ["both", "zh"])
def test_the_breaches_table_does_not_widen_the_page(page, lang: str, letter_lang: str) -> None:  # type: ignore[no-untyped-def]
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"/documents?lang={lang}")
    page.locator("select[name=kind]").select_option("demand")
    page.locator("select[name=lang]").select_option(letter_lang)
    page.locator("button[hx-post='/documents/letters/preview']").click()
    heading = "义务" if letter_lang == "zh" else "Obligation"
    table = page.locator("#preview table", has_text=heading).first
    table.wait_for()
    scroll, client = page.evaluate(OVERFLOW)
    assert scroll <= client, f"the page is {scroll} px wide in a {client} px window"
    # nor does the preview scroll sideways as a whole: its text and tables wrap inside its column
    wide = page.evaluate(WIDER)
    assert not wide, wide
