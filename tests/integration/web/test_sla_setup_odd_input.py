"""The SLA setup pages given odd input from the browser (quality sweep). An emptied calendar or terms box gave a
dead-end "422 · check the form" page naming the field by its code ("spec: required"), without the form; a target of
0 ("0h", "0wd") was saved as "Answer within 0 business minutes", a deadline met or breached the second a request is
opened; a calendar without working hours on any weekday was saved, so only make-up working days counted; and on a
Chinese page a calendar's bad window, weekday, zone or closure was refused in English. Each is now refused on the
page with its form and the text as typed, naming the field in the page's language."""

from __future__ import annotations

import json
from html import unescape

import pytest
from pages_support import alert

CAL = "/sla/suppliers/hengtuo/calendar"
TERMS = "/sla/terms/HT-SC-2025-0317"
SPEC = {"tz": "Asia/Shanghai", "windows": {str(d): "08:30-17:30" for d in range(5)}, "official": "cn"}


def _post(c, url: str, lang: str, **fields: str):  # type: ignore[no-untyped-def]
    r = c.post(f"{url}?lang={lang}", data={**fields, "csrftoken": c.headers["X-CSRF-Token"]})
    return r, unescape(alert(r.text)) if r.status_code == 400 else ""


@pytest.mark.parametrize(
    ("lang", "calendar", "terms"),
    [("en", "business calendar: required", "terms: required"), ("zh", "工作日历：必填", "支持条款：必填")],
)
def test_an_emptied_box_comes_back_with_its_form(client_for, lang: str, calendar: str, terms: str) -> None:  # type: ignore[no-untyped-def]
    c = client_for("demo")
    r, said = _post(c, CAL, lang, spec="  ", note="kept note")
    assert r.status_code == 400 and said == calendar
    assert 'name="spec"' in r.text  # the page with its calendar form, not a dead end
    r, said = _post(c, TERMS, lang, terms="", source="typed source")
    assert r.status_code == 400 and said == terms and 'name="terms"' in r.text


@pytest.mark.parametrize("target", ["0h", "0m", "0wd", "0cd"])
def test_a_target_of_zero_is_refused(client_for, target: str) -> None:  # type: ignore[no-untyped-def]
    c = client_for("demo")
    terms = {"label": "HT §3", "severities": {"critical": {"first_response": "4h", "resolution": target}}}
    typed = json.dumps(terms)
    r, said = _post(c, TERMS, "en", terms=typed, status="draft")
    assert r.status_code == 400, r.text[-800:]
    assert said == (
        "severities.critical.resolution: a time limit of 0 is no time limit: "
        "write the agreed time (e.g. 4h or 3wd) or leave it out"
    )
    assert unescape(typed) in unescape(r.text)  # the terms as typed
    r, said = _post(c, TERMS, "zh", terms=typed, status="draft")
    assert r.status_code == 400 and "时限为0不构成时限" in said and "time limit" not in said
    assert "What version 2 promises" not in c.get(f"{TERMS}?lang=en").text  # nothing saved


@pytest.mark.parametrize(
    ("spec", "en", "zh"),
    [
        (
            {**SPEC, "windows": {}},
            "windows: no working hours on any day of the week",
            "工作时段：一周中没有任何工作时间",
        ),
        (
            {**SPEC, "windows": {"0": "18:00-09:00"}},
            "window '18:00-09:00': start must be before end",
            "工作时段“18:00-09:00”：开始时间必须早于结束时间",
        ),
        (
            {**SPEC, "windows": {"9": "09:00-18:00"}},
            "windows: weekday 9 must be 0 (Mon) to 6 (Sun)",
            "工作时段：星期序号9应为0（周一）至6（周日）",
        ),
        (
            {**SPEC, "tz": "Asia/Shangai"},
            "time zone 'Asia/Shangai': unknown (expected an IANA name such as Asia/Shanghai)",
            "时区“Asia/Shangai”：未知（应为 IANA 时区名称，例如 Asia/Shanghai）",
        ),
        (
            {**SPEC, "closures": [{"start": "2026-02-10", "end": "2026-02-01", "label": "shutdown"}]},
            "closure 'shutdown': end 1 Feb 2026 is before start 10 Feb 2026",
            "停工期“shutdown”：结束日期2026年2月1日早于开始日期2026年2月10日",
        ),
    ],
)
def test_a_bad_calendar_is_refused_in_the_pages_language(client_for, spec: dict, en: str, zh: str) -> None:  # type: ignore[no-untyped-def,type-arg]
    c = client_for("demo")
    typed = json.dumps(spec)
    r, said = _post(c, CAL, "en", spec=typed)
    assert r.status_code == 400 and said == en
    r, said = _post(c, CAL, "zh", spec=typed)
    assert r.status_code == 400 and said == zh
    assert json.loads(unescape(r.text.split('name="spec"', 1)[1].split(">", 1)[1].split("</textarea>", 1)[0])) == spec


def test_a_severity_no_request_has_is_refused(client_for) -> None:  # type: ignore[no-untyped-def]
    # saved, then confirmed, it made every request of the contract an "error" (severity 'critical': not in the terms)
    c = client_for("demo")
    typed = json.dumps({"label": "HT §3", "severities": {"urgent": {"first_response": "4h"}}})
    r, said = _post(c, TERMS, "en", terms=typed, status="draft")
    assert r.status_code == 400
    assert said == "severities.urgent: 'urgent' is no severity of a support request: use critical, high, normal or low"
    r, said = _post(c, TERMS, "zh", terms=typed, status="draft")
    assert r.status_code == 400 and "“urgent”不是支持请求的严重程度" in said
