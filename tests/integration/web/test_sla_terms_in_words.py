"""The support terms page and ``sla terms show`` say what a version promises in words, per severity, in the page's
language (quality sweep): they showed only JSON with the engine's notation (seconds, "wd"), which says neither
business nor calendar hours nor which calendar. A severity with a round-the-clock coverage says so. Demo dispute:
Hengtuo's terms (4 business hours to answer; a critical fault resolved within 3 working days)."""

from __future__ import annotations

import json

from pages_support import page_text
from typer.testing import CliRunner

from disputedesk.cli import app
from disputedesk.config import get_settings


def test_the_terms_page_says_what_each_severity_is_promised(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("demo")
    en = page_text(c, "/sla/terms/HT-SC-2025-0317?lang=en")
    assert "What version 1 promises" in en
    assert (
        "critical Answer within 4 business hours (business time in the supplier's calendar: Chinese statutory "
        "holidays skipped, make-up working days counted) Resolve within 3 working days" in en
    )
    zh = page_text(c, "/sla/terms/HT-SC-2025-0317?lang=zh")
    assert "第1版的承诺" in zh and "紧急 4个工作小时内答复（" in zh and "3个工作日内解决（" in zh
    # a round-the-clock severity added as a new version: its hours are calendar hours
    terms = {
        "label": "HT §3 with 7×24 hotline",
        "severities": {
            "critical": {
                "first_response": "2h",
                "coverage": {
                    "tz": "Asia/Shanghai",
                    "windows": {str(d): "00:00-24:00" for d in range(7)},
                    "official": "none",
                },
            }
        },
    }
    form = {"terms": json.dumps(terms), "status": "draft", "csrftoken": c.headers["X-CSRF-Token"]}
    assert c.post("/sla/terms/HT-SC-2025-0317", data=form).status_code == 200
    en = page_text(c, "/sla/terms/HT-SC-2025-0317?lang=en")
    assert "What version 2 promises draft" in en
    assert "Answer within 2 calendar hours (round the clock: every hour of every day, holidays included)" in en


def test_the_command_line_says_it_too(client_for, settings, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    client_for("demo")
    monkeypatch.setenv("DISPUTEDESK_DATA_DIR", str(settings.data_dir))
    monkeypatch.setenv("DISPUTEDESK_DATABASE_URL", settings.database_url)
    get_settings.cache_clear()
    try:
        out = CliRunner().invoke(app, ["sla", "terms", "show", "HT-SC-2025-0317", "--workspace", "default"])
    finally:
        get_settings.cache_clear()
    assert out.exit_code == 0, out.output
    assert "critical: Answer within 4 business hours (business time in the supplier's calendar" in out.output
