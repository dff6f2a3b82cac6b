"""Support terms that promise times for some severity levels only (quality sweep). A request of a level the terms
leave out showed an English "error … severity 'normal': not in the support terms" on its page (also on a Chinese
page) and counted as an evaluation error. Now the page says, in its language, that the terms set no target for that
level, naming the level and the terms; the measurement records no breach (status "none"), and a request of a level
the terms do cover is measured as before."""

from __future__ import annotations

import json

from pages_support import owner_client, visible

ONLY_CRITICAL = {"label": "Art. 9.1", "severities": {"critical": {"first_response": "4h", "resolution": "2wd"}}}


def _setup(c) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    """A supplier with one contract whose confirmed terms name only "critical"; one normal and one critical request."""
    r = c.post("/suppliers", data={"name_en": "Foshan Gearbox Works", "kind": "factory"}, follow_redirects=False)
    assert r.status_code == 303, r.text[-1500:]
    key = str(r.headers["location"].rstrip("/").rsplit("/", 1)[-1])
    contract = {"number": "GB-2026-01", "supplier": key, "signed_on": "2026-03-02"}
    r = c.post("/records/contracts/new", data=contract, follow_redirects=False)
    assert r.status_code == 303, r.text[-1500:]
    terms = {"terms": json.dumps(ONLY_CRITICAL), "valid_from": "2026-03-02T00:00+08:00", "status": "confirmed"}
    r = c.post("/sla/terms/GB-2026-01", data=terms, follow_redirects=False)
    assert r.status_code in (200, 303), r.text[-1500:]
    numbers = []
    for severity in ("normal", "critical"):
        ask = {"supplier": key, "title": f"Oil leak ({severity})", "severity": severity,
               "contract": "GB-2026-01", "opened_at": "2026-04-01T10:00", "tz": "Asia/Shanghai"}  # fmt: skip
        r = c.post("/requests/new", data=ask, follow_redirects=False)
        assert r.status_code == 303, r.text[-1500:]
        numbers.append(r.headers["location"].rsplit("/", 1)[-1])
    return numbers[0], numbers[1]


def test_a_level_the_terms_leave_out_is_said_plainly_and_not_an_error(sqlite_ctx) -> None:  # type: ignore[no-untyped-def]
    c = owner_client(sqlite_ctx)
    try:
        normal, critical = _setup(c)
        run = c.post("/api/sla/evaluate").json()
        assert run["errors"] == [], run["errors"]
        en = " ".join(visible(c.get(f"/requests/{normal}?lang=en").text))
        assert "The terms 'Art. 9.1' set no target for the severity level normal" in en, en[:1500]
        assert "error" not in en.lower() and "not in the support terms" not in en
        zh = " ".join(visible(c.get(f"/requests/{normal}?lang=zh").text))
        assert "支持条款“Art. 9.1”没有为“一般”级别设定目标" in zh, zh[:1500]
        assert "error" not in zh.lower() and "severity" not in zh
        api = c.get(f"/api/sla/requests/{normal}").json()
        assert api["sla_status"] == "none" and api["evaluation"] is None
        assert api["note"].startswith("The terms 'Art. 9.1' set no target for the severity level normal")
        measured = c.get(f"/api/sla/requests/{critical}").json()
        assert measured["sla_status"] in ("pending", "breached", "met") and measured["evaluation"]["deadlines"]
    finally:
        c.__exit__(None, None, None)
