"""Later terms that drop a severity level are explained like terms that leave the level out (issue 19).

Version 1 of GB-2026-01's terms set targets for critical and normal requests; version 2, valid from 3 April 2026,
names critical only. A normal request opened on 1 April under version 1 came out as an evaluation error with an
old English sentence ("severity 'normal': not in the support terms (known: critical)") on its page, in Chinese
too, and in the run's errors. Now it is measured: the first response, due and missed before 3 April, stays
breached; the resolution, still open on 3 April, is no longer measured; the page says why in its language, with
the same words as for a level the terms leave out, the version and the day. API and ``request show`` alike."""

from __future__ import annotations

import json

from pages_support import owner_client, visible

BOTH = {
    "label": "Art. 9.1",
    "severities": {
        "critical": {"first_response": "4h", "resolution": "2wd"},
        "normal": {"first_response": "4h", "resolution": "2wd"},
    },
}
CRITICAL_ONLY = {"label": "Art. 9.1 (2026)", "severities": {"critical": {"first_response": "2h", "resolution": "1wd"}}}


def test_a_level_dropped_by_later_terms_is_said_plainly(ctx, cli) -> None:  # type: ignore[no-untyped-def]
    c = owner_client(ctx)
    try:
        r = c.post("/suppliers", data={"name_en": "Foshan Gearbox Works", "kind": "factory"}, follow_redirects=False)
        key = str(r.headers["location"].rstrip("/").rsplit("/", 1)[-1])
        contract = {"number": "GB-2026-01", "supplier": key, "signed_on": "2026-03-02"}
        assert c.post("/records/contracts/new", data=contract, follow_redirects=False).status_code == 303
        for terms, start in ((BOTH, "2026-03-02T00:00+08:00"), (CRITICAL_ONLY, "2026-04-03T00:00+08:00")):
            form = {"terms": json.dumps(terms), "valid_from": start, "status": "confirmed"}
            assert c.post("/sla/terms/GB-2026-01", data=form, follow_redirects=False).status_code in (200, 303)
        ask = {"supplier": key, "title": "Oil leak", "severity": "normal", "contract": "GB-2026-01",
               "opened_at": "2026-04-01T10:00", "tz": "Asia/Shanghai"}  # fmt: skip
        r = c.post("/requests/new", data=ask, follow_redirects=False)
        number = r.headers["location"].rsplit("/", 1)[-1]
        run = c.post("/api/sla/evaluate", params={"as_of": "2026-04-20T12:00:00+08:00"}).json()
        assert run["errors"] == [], run["errors"]
        api = c.get(f"/api/sla/requests/{number}").json()
        assert api["sla_status"] == "breached", api
        kinds = {d["kind"]: d["status"] for d in api["evaluation"]["deadlines"]}
        assert kinds == {"first_response": "breached"}, kinds  # the resolution, open on 3 April, is not measured
        assert api["note"].startswith("From 2026-04-03, version 2 of these terms applies: The terms 'Art. 9.1 (2026)' "
                                      "set no target for the severity level normal"), api["note"]  # fmt: skip
        en = " ".join(visible(c.get(f"/requests/{number}?lang=en").text))
        assert "not in the support terms" not in en and "known:" not in en
        assert "set no target for the severity level normal" in en and "no longer measured" in en, en[:2000]
        zh = " ".join(visible(c.get(f"/requests/{number}?lang=zh").text))
        assert "支持条款“Art. 9.1 (2026)”没有为“一般”级别设定目标" in zh, zh[:2000]
        assert "自2026年4月3日" in zh and "第2版" in zh and "不再计量" in zh, zh[:2000]
        assert "severity" not in zh and "known" not in zh
    finally:
        c.__exit__(None, None, None)
    r = cli("request", "show", number, "--workspace", "default")
    assert "set no target for the severity level normal" in r.output and "not in the support terms" not in r.output
