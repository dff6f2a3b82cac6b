"""A per-date override that makes a Chinese statutory holiday a working day is accepted with a visible warning
(issue 19).

The calendar took "1 October 2026 is a working day" without a word: every deadline across National Day then
counted it as working time, against the supplier, on a day the State Council's holiday rules make a rest day. It
may be genuine (a factory that ran through the holiday, a make-up day the official data lacks), so it is kept,
but the supplier's page, the API and the command line now say which day and which holiday it is, and ask for the
evidence (or name the evidence given); an override on an ordinary day or one that closes a holiday says nothing."""

from __future__ import annotations

import json
import re
from html import unescape

OVERRIDES = [
    {"day": "2026-10-01", "working": True, "label": "factory ran through the holiday"},
    {"day": "2026-10-02", "working": True, "label": "service desk open", "evidence_ref": "E-0001"},
    {"day": "2026-09-15", "working": False, "label": "stocktaking"},
    {"day": "2026-10-05", "working": False, "label": "closed anyway"},
]


def test_a_holiday_made_a_working_day_is_kept_with_a_warning(client_for, cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    c = client_for("demo")
    r = c.put("/api/sla/calendars/hengtuo", json={"tz": "Asia/Shanghai", "overrides": OVERRIDES})
    assert r.status_code == 201, r.text
    warnings = r.json()["warnings"]
    assert warnings == [
        "2026-10-01 is a public holiday in the supplier's official calendar (National Day), but an override makes it "
        "a working day: deadlines count it as working time. Keep it only if the supplier really worked that day, and "
        "name the evidence that shows it.",
        "2026-10-02 is a public holiday in the supplier's official calendar (National Day), but an override makes it "
        "a working day: deadlines count it as working time. Keep it only if the supplier really worked that day, as "
        "evidence E-0001 should show.",
    ], warnings
    assert c.get("/api/sla/calendars/hengtuo").json()["warnings"] == warnings  # said on every view, not once
    en = unescape(c.get("/sla/suppliers/hengtuo?lang=en").text)
    shown = re.findall(r'<p class="flash warn" role="status" id="calendar-warning-\d">([^<]*)</p>', en)
    assert len(shown) == 2 and shown[0].startswith("1 Oct 2026 is a public holiday"), shown
    zh = unescape(c.get("/sla/suppliers/hengtuo?lang=zh").text)
    shown = re.findall(r'<p class="flash warn" role="status" id="calendar-warning-\d">([^<]*)</p>', zh)
    assert len(shown) == 2, shown
    assert shown[0].startswith("2026年10月1日是供应商官方日历中的公众假日（国庆节）"), shown
    assert "证据 E-0001" in shown[1] and not re.search(r"[A-Za-z]{3,}", shown[0]), shown
    # the command line: stored, and the warning printed
    spec = tmp_path / "cal.json"
    spec.write_text(json.dumps({"tz": "Asia/Shanghai", "overrides": OVERRIDES[:1]}), encoding="utf-8")
    out = cli("sla", "calendar", "set", "hengtuo", str(spec), "--workspace", "default")
    assert out.exit_code == 0, out.output
    assert "warning: 2026-10-01 is a public holiday in the supplier's official calendar (National Day)" in out.output
    out = cli("sla", "calendar", "show", "hengtuo", "--workspace", "default")
    assert "warning: 2026-10-01 is a public holiday" in out.output, out.output
    # an ordinary calendar: no warning
    r = c.put("/api/sla/calendars/hengtuo", json={"tz": "Asia/Shanghai", "overrides": OVERRIDES[2:]})
    assert r.status_code == 201 and r.json()["warnings"] == []
    assert 'class="flash warn"' not in c.get("/sla/suppliers/hengtuo").text
