""" "Use as draft support terms" on a contract page is never a dead end (demo dispute, SQLite and
PostgreSQL): measurable terms become a draft version to confirm; a contract without a measurable
time says so and opens the terms form pre-filled with what the check found."""

from __future__ import annotations

import json
import re
from html import unescape

import pytest
from pages_support import upload_contract, visible

from disputedesk.services.contracts import sla_terms_from_draft


def _textarea(html: str) -> dict:  # type: ignore[type-arg]
    m = re.search(r'<textarea name="terms"[^>]*>(.*?)</textarea>', html, re.S)
    assert m, html[:500]
    return json.loads(unescape(m.group(1)))  # type: ignore[no-any-return]


def test_contract_with_measurable_terms_becomes_a_draft_to_confirm(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("demo")
    page = c.get("/contracts/E-0001?lang=en")
    text = " ".join(visible(page.text))
    # The draft is shown in words, not as JSON.
    assert '"severity_levels"' not in page.text and "needs_confirmation" not in text
    assert "4 business hours (clause 3.2)" in text and "3 working days (clause 3.2)" in text
    # the warranty's start in English words (the contract says 双方签署验收证书: acceptance)
    assert "24 months · from acceptance" in text and "双方签署验收证书" not in text.split("Remedies")[0][-80:]

    r = c.post("/contracts/E-0001/draft-terms", follow_redirects=False)
    assert r.status_code == 303, r.text[:500]
    assert r.headers["location"].startswith("/sla/terms/HT-SC-2025-0317?drafted=")
    terms = c.get(r.headers["location"])
    assert terms.status_code == 200
    assert "made from the contract check" in " ".join(visible(terms.text))
    current = _textarea(terms.text)
    # counted in the contract's service hours (Monday to Friday 08:30–17:30 Beijing time, clause 3.1)
    hours = {k: v for k, v in current["severities"]["critical"].items() if k != "coverage"}
    assert hours == {"first_response": "4h", "resolution": "3wd"}
    assert current["severities"]["critical"]["coverage"]["windows"]["4"] == "08:30-17:30"
    assert {k: v for k, v in current["severities"]["low"].items() if k != "coverage"} == {"first_response": "4h"}
    api = c.get("/api/sla/terms/HT-SC-2025-0317").json()
    assert api["versions"][0]["status"] == "draft" and api["versions"][0]["source"] == "clarity:E-0001"


def test_contract_without_measurable_terms_opens_the_prefilled_form(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("demo")
    before = c.get("/api/sla/terms/RF-EU-2025-1046").text
    for lang, says in (
        ("en", "The contract states no measurable response or resolution time"),
        ("zh", "合同未规定可计量的响应或解决时限"),
    ):
        c.get(f"/lang/{lang}")
        contract = " ".join(visible(c.get("/contracts/E-0003").text))
        assert says in contract
        r = c.post("/contracts/E-0003/draft-terms", follow_redirects=False)
        assert r.status_code == 303, r.text[:500]
        assert r.headers["location"] == "/sla/terms/RF-EU-2025-1046?from=E-0003"
        form = c.get(r.headers["location"])
        assert form.status_code == 200
        text = " ".join(visible(form.text))
        assert says in text
        prefill = _textarea(form.text)
        assert set(prefill["severities"]) == {"critical", "normal"}
        assert prefill["severities"]["critical"] == {"first_response": "", "resolution": ""}
        assert "E-0003" in prefill["label"]
    # Nothing was stored: the user fills in the times first.
    assert c.get("/api/sla/terms/RF-EU-2025-1046").text == before


def test_found_times_in_the_engines_notation() -> None:
    def tier(sev: str, **kw: tuple[str, str, str]) -> dict:  # type: ignore[type-arg]
        return {"severity": sev, **{k: {"value": v, "unit": u, "basis": b} for k, (v, u, b) in kw.items()}}

    draft = {
        "severity_levels": [
            tier("critical", response=("2", "hour", "business"), resolution=("2", "week", "calendar")),
            tier("major", response=("30", "minute", "business"), resolution=("48", "hour", "calendar")),
            tier("minor", response=("5", "hour", "calendar")),  # calendar hours: not countable as stated
            tier("all", resolution=("10", "day", "business")),
        ]
    }
    sev = sla_terms_from_draft(draft, "E-0009", "C-1")["severities"]
    assert sev["critical"] == {"first_response": "2h", "resolution": "14cd"}
    assert sev["high"] == {"first_response": "30m", "resolution": "2cd"}
    assert sev["low"] == {"resolution": "10wd"}
    assert sev["normal"] == {"resolution": "10wd"}
    assert sla_terms_from_draft({"severity_levels": []}, "E-1", None)["severities"] == {}


def test_the_contract_check_is_not_run_on_a_chat(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("demo")
    chat = next(
        i
        for i in c.get("/api/evidence?kind=correspondence&limit=500").json()["items"]
        if "WhatsApp" in (i.get("description") or "")
    )
    r = c.get(f"/contracts/{chat['label']}?lang=en")
    assert r.status_code == 400 and r.headers["content-type"].startswith("text/html")
    assert "not a contract" in " ".join(visible(r.text))
    api = c.get(f"/api/evidence/{chat['label']}/clarity")
    assert api.status_code == 400 and "not a contract" in api.json()["error"]
    # The evidence page offers the check only for contract-like items.
    assert f'href="/contracts/{chat["label"]}"' not in c.get(f"/evidence/{chat['label']}").text


# Which hours the SLA engine will count, said where the contract's support terms are shown (quality sweep).
# Stated clock times (the demo's 08:30–17:30 Beijing time): the draft terms count in them. "5×8" without clock
# times: eight hours a day are agreed but not which; the supplier's business calendar is counted until someone
# confirms the hours — never the whole day. Contract text written for these tests.
FIVE_BY_EIGHT = """设备维保合同
第一条 服务
1.1 乙方提供5×8小时技术支持服务。
第二条 响应
2.1 乙方应在接到故障通知后4个工作小时内响应，3个工作日内修复。
"""


def test_five_by_eight_says_which_hours_are_counted_in_both_languages(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("empty")
    label = upload_contract(c, "maintenance-5x8.txt", FIVE_BY_EIGHT)
    en = " ".join(visible(c.get(f"/contracts/{label}?lang=en").text))
    assert "Monday to Friday · 8 hours a day, clock times not stated" in en
    assert "the SLA engine counts the supplier's business calendar" in en and "not which" in en
    zh = " ".join(visible(c.get(f"/contracts/{label}?lang=zh").text))
    assert "周一至周五 · 每天8小时，未写明起止时间" in zh
    assert "SLA引擎按供应商的工作日历计算" in zh
    assert "clock times" not in zh and "business calendar" not in zh


def test_stated_hours_are_the_hours_the_draft_terms_count_in(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("demo")
    en = " ".join(visible(c.get("/contracts/E-0001?lang=en").text))
    assert "Each severity of the drafted terms counts in these hours" in en
    zh = " ".join(visible(c.get("/contracts/E-0001?lang=zh").text))
    assert "草拟的条款中各严重级别均按这些时间计算" in zh
    r = c.post("/contracts/E-0001/draft-terms", follow_redirects=False)
    terms = _textarea(c.get(r.headers["location"]).text)
    cover = terms["severities"]["critical"]["coverage"]
    assert cover["tz"] == "Asia/Shanghai" and cover["windows"]["0"] == "08:30-17:30" and "5" not in cover["windows"]


FIVE_BY_TWELVE = """维修服务合同
第一条 服务
1.1 乙方提供5×12小时技术支持服务。
第二条 响应
2.1 乙方应在接到故障通知后4小时内响应。
"""


@pytest.mark.parametrize("text", [FIVE_BY_TWELVE, FIVE_BY_TWELVE.replace("5×12小时", "12×5小时")])  # hours first too
def test_five_by_twelve_says_the_assumed_hours_are_unconfirmed_in_both_languages(client_for, text) -> None:  # type: ignore[no-untyped-def]
    c = client_for("empty")
    label = upload_contract(c, "maintenance-5x12.txt", text)
    en = " ".join(visible(c.get(f"/contracts/{label}?lang=en").text))
    assert "Monday to Friday · 12 hours a day, clock times not stated · assumed 08:00–20:00, unconfirmed" in en
    assert "counts the assumed 08:00–20:00 (unconfirmed)" in en
    zh = " ".join(visible(c.get(f"/contracts/{label}?lang=zh").text))
    assert "周一至周五 · 每天12小时，未写明起止时间 · 暂按08:00–20:00计，未经确认" in zh
    assert "暂按08:00–20:00计算（未经确认）" in zh
    assert "assumed" not in zh and "unconfirmed" not in zh
