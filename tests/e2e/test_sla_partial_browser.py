"""The SLA pages with partial data, walked in Chromium in Chinese and English (quality sweep): a supplier with
support terms but no request, a request nobody has answered, a supplier answer dated before the request, a request
during the Spring Festival and one on a make-up working Saturday (14 February 2026). Every page answers, a Chinese
page has no English interface word, the deadlines name their zone, and the answer sent before the request says why
it does not count (it was silently ignored: "no qualifying reply" beside a supplier message)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest
from pages_support import foreign_words

pytestmark = pytest.mark.e2e


def run_cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "disputedesk.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )


@pytest.fixture(scope="module")
def partial(served, tmp_path_factory):  # type: ignore[no-untyped-def]
    env = {**os.environ, "DISPUTEDESK_DATA_DIR": served["data"], "DISPUTEDESK_DATABASE_URL": ""}
    env["DISPUTEDESK_DEFAULT_WORKSPACE"] = "demo"
    run_cli(env, "supplier", "add", "--name-en", "Suzhou Quiet Pumps Co., Ltd.", "--key", "quietpumps")
    run_cli(env, "contract", "add", "QP-2026-01", "--supplier", "quietpumps", "--signed-on", "2026-01-05",
            "--currency", "EUR", "--value", "12000")  # fmt: skip
    terms = tmp_path_factory.mktemp("terms") / "qp.json"
    terms.write_text(json.dumps({"label": "QP-2026-01 §6", "severities": {"critical": {"first_response": "4h"}}}))
    run_cli(env, "sla", "terms", "set", "QP-2026-01", str(terms), "--valid-from", "2026-01-05T00:00+08:00")
    numbers = {}
    for key, title, severity, opened in (
        ("unanswered", "主轴报警", "normal", "2026-12-04T10:00+08:00"),
        ("before", "Alarm 24 again", "high", "2026-04-21T16:00+08:00"),
        ("festival", "Press brake down during the Spring Festival", "critical", "2026-02-17T10:00+08:00"),
        ("makeup", "Alarm on a make-up Saturday", "critical", "2026-02-14T10:00+08:00"),
    ):
        out = run_cli(env, "request", "open", "--supplier", "hengtuo", "--title", title, "--severity", severity,
                      "--opened-at", opened).stdout  # fmt: skip
        numbers[key] = re.search(r"SR-\d{4}", out).group(0)  # type: ignore[union-attr]
    # the supplier's answer of 15:32 (E-0061, in SR-0004's thread), linked to a request opened at 16:00
    run_cli(env, "request", "unlink", "SR-0004", "--thread", "8")
    run_cli(env, "request", "link", numbers["before"], "--message", "E-0061")
    run_cli(env, "sla", "evaluate")
    return numbers


def test_partial_sla_pages_in_both_languages(page, partial) -> None:  # type: ignore[no-untyped-def]
    urls = ["/sla", "/sla/suppliers/quietpumps", "/sla/terms/QP-2026-01", "/requests"]
    urls += [f"/requests/{n}" for n in partial.values()]
    for lang in ("zh", "en"):
        for url in urls:
            resp = page.goto(f"{url}?lang={lang}")
            assert resp is not None and resp.status == 200, (lang, url)
            if lang == "zh":
                assert foreign_words(page.content(), "zh") == [], (url, foreign_words(page.content(), "zh"))
            text = page.inner_text("main")
            assert not re.search(r"\b\d{4}-\d{2}-\d{2}\b", text), (lang, url)
    page.goto(f"/requests/{partial['before']}?lang=zh")
    assert "早于本请求发出：不算对本请求的答复" in page.inner_text("table.sla-timeline")
    deadline = page.locator("section.sla-deadline").first.inner_text()
    assert re.search(r"起算时间\s+2026年4月21日 周二 16:00（Asia/Shanghai）", deadline), deadline
    page.goto(f"/requests/{partial['before']}?lang=en")
    assert "sent before the request: not an answer to it" in page.inner_text("table.sla-timeline")
    page.goto(f"/requests/{partial['makeup']}?lang=zh")
    assert "计入的调休上班日：2026年2月14日" in page.inner_text("main")
    page.goto(f"/requests/{partial['festival']}?lang=en")
    assert "Skipped as statutory holidays: Spring Festival, 17 Feb 2026 to 23 Feb 2026" in page.inner_text("main")
    # terms valid from a moment: its zone named (the viewer's, Europe/Berlin in this browser)
    page.goto("/sla/terms/QP-2026-01?lang=en")
    assert "4 Jan 2026, 17:00 (Europe/Berlin)" in page.inner_text("main")
