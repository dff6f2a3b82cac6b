"""Case pages, JSON API, iCalendar export and CLI on the demo dispute (pages: SQLite; API and
CLI: SQLite and PostgreSQL)."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime

import pytest
from fastapi.testclient import TestClient
from icalendar import Calendar
from typer.testing import CliRunner

from disputedesk.cli import app as cli_app
from disputedesk.config import get_settings
from disputedesk.services import cases
from disputedesk.services.demo import demo_dir
from disputedesk.services.demo import load_demo_case as demo_case
from disputedesk.web.app import create_app
from disputedesk.web.routes import cases as case_routes

from support import CSRF_RE, api_token, demo_loaded, make_user, sign_in

NOW = datetime(2026, 11, 26, 8, 0, tzinfo=UTC)


def cases_app(ctx):  # type: ignore[no-untyped-def]
    """The app, with the cases routes ahead of the foundation's placeholder /cases page.

    Until the placeholder route in web/pages.py is deleted it would answer GET /cases first;
    putting this area's router first makes the test see what users will see.
    """
    app = create_app(ctx)
    routes = app.router.routes
    mine = next(r for r in routes if getattr(r, "original_router", None) is case_routes.router)
    routes.remove(mine)
    routes.insert(0, mine)
    return app


def load_demo_case(ctx) -> int:  # type: ignore[no-untyped-def]
    demo_loaded(ctx, "demo", "Demo dispute", now=NOW)  # NOW: "today" for overdue steps and days left
    spec = json.loads((demo_dir() / "dispute.json").read_text(encoding="utf-8"))
    demo_case(ctx, "demo", spec)
    return cases.list_cases(ctx, "demo")[0].id


@pytest.fixture
def demo_browser(sqlite_ctx):  # type: ignore[no-untyped-def]
    case_id = load_demo_case(sqlite_ctx)
    make_user(sqlite_ctx, "owner", "demo", "owner")
    with TestClient(cases_app(sqlite_ctx)) as c:
        sign_in(c, "owner")
        yield c, case_id


def test_case_pages_render_in_english_and_chinese(demo_browser) -> None:
    c, case_id = demo_browser
    listing = c.get("/cases")
    assert listing.status_code == 200
    assert f'href="/cases/{case_id}"' in listing.text and "CASE-2026-001" in listing.text
    assert "Open a case" in listing.text
    page = c.get(f"/cases/{case_id}")
    assert page.status_code == 200
    text = page.text
    for expected in (
        "Escalation ladder",
        "formal complaint",
        "Suggested next step",
        "demand letter",
        "Legal deadlines",
        "PRC Civil Code Art. 594",
        "provisional",
        "needs counsel",
        "unverified rule",  # CISG Art. 38/44 wording is marked UNVERIFIED
        "restarts limitation (Art. 195)",
        "€24,964.50",
        'href="/evidence/E-',
        'name="csrftoken"',
    ):
        assert expected in text, expected
    zh = c.get(f"/cases/{case_id}?lang=zh").text
    assert "升级阶梯" in zh and "法定期限" in zh and "律师函" in zh and "诉讼时效" in zh
    dash = c.get("/?lang=en").text
    assert "Case deadlines" in dash and f'href="/cases/{case_id}"' in dash and "demand letter" in dash


def test_forms_add_a_step_claim_and_receipt_and_refuse_bad_input(demo_browser) -> None:
    c, case_id = demo_browser
    csrf = re.search(CSRF_RE, c.get(f"/cases/{case_id}").text).group(1)  # type: ignore[union-attr]
    r = c.post(
        f"/cases/{case_id}/steps",
        data={"csrftoken": csrf, "step": "lawyer_demand", "sent_on": "2026-11-02", "channel": "courier (EMS)",
              "recipient": "Chen Zhiqiang", "proof": "E-0001", "response_window_days": "15"},
        follow_redirects=False,
    )  # fmt: skip
    assert r.status_code == 303 and r.headers["location"] == f"/cases/{case_id}#ladder"
    v = cases.get_case(c.app.state.ctx, "demo", case_id)
    assert v.steps[-1].step.value == "lawyer_demand" and v.steps[-1].restarts_limitation
    assert next(d.deadline.due for d in v.deadlines if d.deadline.kind == "limitation") == date(2030, 11, 4)

    r = c.post(
        f"/cases/{case_id}/claims",
        data={"csrftoken": csrf, "kind": "repair", "amount": "-10.00", "currency": "EUR"},
    )
    assert r.status_code == 400 and "amount: -10.00 is negative" in r.text
    r = c.post(
        f"/cases/{case_id}/claims",
        data={"csrftoken": csrf, "kind": "service_credit", "amount": "294.50", "currency": "EUR",
              "basis": "Contract Art. 6.5", "reference": "SR-0002 first response", "evidence": "E-0045"},
        follow_redirects=False,
    )  # fmt: skip
    assert r.status_code == 303
    r = c.post(
        f"/cases/{case_id}/recovery",
        data={"csrftoken": csrf, "kind": "receipt", "on": "2026-11-20", "amount": "500.00", "currency": "EUR",
              "evidence": "E-0002"},
        follow_redirects=False,
    )  # fmt: skip
    assert r.status_code == 303
    page = c.get(f"/cases/{case_id}").text
    assert "SR-0002 first response" in page and "€25,259.00" in page and "€24,759.00" in page  # total, outstanding
    # open a second case from the list page: a bad currency is refused and nothing is stored
    r = c.post(
        "/cases",
        data={"csrftoken": csrf, "title": "Laser 2", "supplier": "ruifeng", "issues": ["product_defect"],
              "support_requests": ["SR-0003"], "amount_at_stake": "100.00", "currency": "EURO",
              "opened_on": "2026-11-01"},
    )  # fmt: skip
    assert r.status_code == 400 and "currency: &#39;EURO&#39; is not an ISO 4217 currency code" in r.text
    assert len(cases.list_cases(c.app.state.ctx, "demo")) == 1
    r = c.post(
        "/cases",
        data={"csrftoken": csrf, "title": "Laser 2", "supplier": "ruifeng", "issues": ["product_defect"],
              "support_requests": ["SR-0003"], "amount_at_stake": "100.00", "currency": "EUR",
              "opened_on": "2026-11-01"},
        follow_redirects=False,
    )  # fmt: skip
    assert r.status_code == 303
    assert "CASE-2026-002" in c.get(r.headers["location"]).text
    # a form without the CSRF token is refused
    del c.headers["X-CSRF-Token"]
    r = c.post(f"/cases/{case_id}/claims", data={"kind": "repair", "amount": "1.00", "currency": "EUR"})
    assert r.status_code == 403


def test_ics_export_parses_with_icalendar(demo_browser) -> None:
    c, case_id = demo_browser
    r = c.get(f"/cases/{case_id}/deadlines.ics")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/calendar")
    assert "attachment" in r.headers["content-disposition"]
    cal = Calendar.from_ical(r.content)
    events = list(cal.walk("VEVENT"))
    summaries = [str(e["SUMMARY"]) for e in events]
    assert any("limitation" in s and "PROVISIONAL" in s for s in summaries)
    lim = next(e for e in events if str(e["SUMMARY"]).startswith("CASE-2026-001: limitation period: "))
    # Words, not codes or Python text, in what a calendar app shows.
    shown = " ".join(str(e.get(k, "")) for e in events for k in ("SUMMARY", "DESCRIPTION", "CATEGORIES"))
    shown += " ".join(str(e.get("CATEGORIES").to_ical()) for e in events)
    assert "notice_prc" not in shown and "{'" not in shown and "Facts used: received on 2026-02-26" in shown
    assert lim.decoded("DTSTART") == date(2030, 8, 12)
    assert "Art. 594" in str(lim["DESCRIPTION"])
    assert len({str(e["UID"]) for e in events}) == len(events)


def test_ics_export_asked_for_in_chinese_is_chinese(demo_browser) -> None:
    from disputedesk.web.i18n import english_prose

    c, case_id = demo_browser
    r = c.get(f"/cases/{case_id}/deadlines.ics?lang=zh")
    events = list(Calendar.from_ical(r.content).walk("VEVENT"))
    shown = [str(e.get(k, "")) for e in events for k in ("SUMMARY", "DESCRIPTION")]
    shown += [str(a.get("DESCRIPTION", "")) for e in events for a in e.walk("VALARM")]
    shown += [c.decode() for e in events for c in e.get("CATEGORIES").to_ical().split(b",")]
    assert {t: english_prose(t) for t in shown if english_prose(t)} == {}
    text = "\n".join(shown)
    assert "CASE-2026-001：诉讼时效期间：" in text and "（最后一日）" in text and "暂定" in text
    assert "所依据的事实：收到日期 2026-02-26" in text or "所依据的事实：" in text
    assert "《中华人民共和国民法典》第五百九十四条" in text  # the rule, by its Chinese title
    assert "本内容不构成法律意见，由律师判断。" in text
    # the API stays English unless asked
    assert "Not legal advice" in c.get(f"/api/cases/{case_id}/deadlines.ics").text


@pytest.fixture
def api(ctx):  # type: ignore[no-untyped-def]
    case_id = load_demo_case(ctx)
    make_user(ctx, "owner", "demo", "owner")
    make_user(ctx, "vera", "demo", "viewer")
    with TestClient(cases_app(ctx)) as c:
        c.headers["Authorization"] = f"Bearer {api_token(ctx, 'owner', 'demo')}"
        yield c, case_id, api_token(ctx, "vera", "demo")


def test_json_api_reads_and_changes_a_case(api) -> None:
    c, case_id, viewer = api
    listed = c.get("/api/cases").json()
    assert listed[0]["id"] == case_id and listed[0]["number"] == "CASE-2026-001"
    body = c.get(f"/api/cases/{case_id}").json()
    assert body["suggested_next"]["step"] == "lawyer_demand"
    assert {d["kind"] for d in body["deadlines"]} >= {"limitation", "notice_prc", "notice_cisg"}
    assert body["totals"] == {"EUR": "24964.50"}
    r = c.post(f"/api/cases/{case_id}/claims", json={"kind": "repair", "amount": 12.5, "currency": "EUR"})
    assert r.status_code == 400 and r.json()["field"] == "amount" and "float" in r.json()["error"]
    r = c.post(f"/api/cases/{case_id}/claims", json={"kind": "repair", "amount": "12.50", "currency": "EUX"})
    assert r.status_code == 400 and r.json()["field"] == "currency"
    r = c.post(f"/api/cases/{case_id}/claims", json={"kind": "repair", "amount": "12.50", "currency": "EUR"})
    assert r.status_code == 201 and r.json()["totals"] == {"EUR": "24977.00"}
    r = c.post(
        f"/api/cases/{case_id}/steps",
        json={"step": "mediation", "sent_on": "2026-02-30", "channel": "x", "recipient": "y"},
    )
    assert r.status_code == 400 and r.json()["field"] == "sent_on"
    assert c.get("/api/cases/CASE-2099-001").status_code == 404
    ics = c.get(f"/api/cases/{case_id}/deadlines.ics")
    assert ics.status_code == 200 and Calendar.from_ical(ics.content).walk("VEVENT")
    c.headers["Authorization"] = f"Bearer {viewer}"
    assert c.get(f"/api/cases/{case_id}").status_code == 200
    r = c.post(f"/api/cases/{case_id}/claims", json={"kind": "repair", "amount": "1.00", "currency": "EUR"})
    assert r.status_code == 403


def test_cli_case_list_show_and_ics(ctx, monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    case_id = load_demo_case(ctx)
    monkeypatch.setenv("DISPUTEDESK_DATA_DIR", str(ctx.settings.data_dir))
    monkeypatch.setenv("DISPUTEDESK_DATABASE_URL", ctx.settings.database_url)
    monkeypatch.setenv("DISPUTEDESK_DEFAULT_WORKSPACE", "demo")
    get_settings.cache_clear()
    try:
        runner = CliRunner()
        r = runner.invoke(cli_app, ["case", "list", "--json"])
        assert r.exit_code == 0, r.output
        listed = json.loads(r.stdout)
        assert listed[0]["id"] == case_id and listed[0]["claimed"] == {"EUR": "24964.50"}
        r = runner.invoke(cli_app, ["case", "show", str(case_id), "--json"])
        assert r.exit_code == 0, r.output
        shown = json.loads(r.stdout)
        assert [s["step"] for s in shown["ladder"]][-1] == "senior_management"
        lim = next(d for d in shown["deadlines"] if d["kind"] == "limitation")
        assert lim["due"] == "2030-08-12" and lim["provisional"] is True and "inputs" in lim
        r = runner.invoke(cli_app, ["case", "show", "CASE-2026-001"])
        assert r.exit_code == 0 and "LEGAL DEADLINES" in r.stdout and "restarts limitation" in r.stdout
        r = runner.invoke(cli_app, ["case", "show", "42"])
        assert r.exit_code == 2 and "case '42' does not exist" in r.output
        out = tmp_path / "case.ics"
        r = runner.invoke(cli_app, ["case", "ics", str(case_id), "--out", str(out)])
        assert r.exit_code == 0, r.output
        assert Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    finally:
        get_settings.cache_clear()


def test_case_list_is_cached_per_day_and_dropped_by_any_change(api) -> None:
    c, case_id, _viewer = api
    first = c.get("/api/cases").json()
    assert c.get("/api/cases").json() == first  # served from the day's cache
    r = c.post(f"/api/cases/{case_id}/claims", json={"kind": "repair", "amount": "100.00", "currency": "EUR"})
    assert r.status_code == 201
    after = c.get("/api/cases").json()
    assert after[0]["claimed"] == {"EUR": "25064.50"}, "a new claim shows at once in the list"


def test_case_api_bodies_are_typed_commands(api) -> None:
    """The OpenAPI document shows every field of a case change; an unknown field is a 422 naming
    it, while a value the rules refuse stays the service's 400 naming the field."""
    c, case_id, _viewer = api
    schemas = c.get("/api/openapi.json").json()["components"]["schemas"]
    assert {"kind", "amount", "currency", "evidence", "rate_source"} <= set(schemas["NewClaim"]["properties"])
    assert schemas["NewStep"]["required"] == ["step", "sent_on", "channel", "recipient"]
    for name in ("OpenCase", "Reply", "DeadlineFacts", "Acknowledgement", "MoneyEvent", "ExchangeRate"):
        assert schemas[name]["properties"], name
    r = c.post(f"/api/cases/{case_id}/claims", json={"kind": "repair", "amount": "1.00", "colour": "red"})
    assert r.status_code == 422 and r.json()["field"] == "colour"
    r = c.post(f"/api/cases/{case_id}/recovery", json={"kind": "offer", "amount": "1.00", "currency": "EUR"})
    assert r.status_code == 422 and r.json()["field"] == "on"
    r = c.post(
        "/api/exchange-rates", json={"base": "EUR", "quote": "CNY", "rate": "7.8", "on": "2026-02-30", "source": "x"}
    )
    assert r.status_code == 400 and r.json()["field"] == "on"


def test_the_case_header_has_no_empty_separator_when_the_contract_has_no_title(demo_browser) -> None:
    from sqlalchemy import update

    from disputedesk.store.db import unit_of_work
    from disputedesk.store.models import Contract

    c, case_id = demo_browser
    with unit_of_work(c.app.state.ctx.engine) as s:
        s.execute(update(Contract).where(Contract.number == "RF-EU-2025-1046").values(title=""))
    for lang in ("en", "zh"):
        html = c.get(f"/cases/{case_id}?lang={lang}").text
        header = re.search(r"<dd>RF-EU-2025-1046[^\n]*?</dd>", html)
        assert header is not None, lang
        assert not re.search(r"·\s*·", header.group(0)) and " · " in header.group(0), header.group(0)  # "RF-… · signed"


def test_a_refused_case_form_answers_in_the_page_language(demo_browser) -> None:
    """A bad amount or evidence number on a case form is told in the page's language: on a Chinese
    page the whole message is Chinese (no English original below it), on an English page English."""
    from pages_support import foreign_sentences

    c, case_id = demo_browser
    csrf = re.search(CSRF_RE, c.get(f"/cases/{case_id}").text).group(1)  # type: ignore[union-attr]
    bad_amount = {"csrftoken": csrf, "kind": "repair", "amount": "-10.00", "currency": "EUR"}
    r = c.post(f"/cases/{case_id}/claims?lang=zh", data=bad_amount)
    assert r.status_code == 400 and "-10.00 为负数；金额应为零或正数" in r.text
    assert "is negative" not in r.text and foreign_sentences(r.text) == []
    r = c.post(f"/cases/{case_id}/claims?lang=en", data=bad_amount)
    assert r.status_code == 400 and "amount: -10.00 is negative; amounts must be zero or more" in r.text
    bad_proof = {"csrftoken": csrf, "step": "lawyer_demand", "sent_on": "2026-11-02", "channel": "EMS",
                 "recipient": "Chen Zhiqiang", "proof": "X-12"}  # fmt: skip
    r = c.post(f"/cases/{case_id}/steps?lang=zh", data=bad_proof)
    assert r.status_code == 400 and "不是有效的证据编号（格式如 E-0042）" in r.text
    assert "evidence number" not in r.text and foreign_sentences(r.text) == []
    r = c.post(f"/cases/{case_id}/steps?lang=en", data=bad_proof)
    assert r.status_code == 400 and "is not an evidence number like E-0042" in r.text


def test_opening_a_case_with_an_unknown_supplier_is_refused_in_the_page_language(demo_browser) -> None:
    from pages_support import foreign_sentences

    c, case_id = demo_browser
    csrf = re.search(CSRF_RE, c.get(f"/cases/{case_id}").text).group(1)  # type: ignore[union-attr]
    form = {"csrftoken": csrf, "title": "Laser 2", "supplier": "nosuch", "issues": ["product_defect"],
            "support_requests": ["SR-0003"], "opened_on": "2026-11-01"}  # fmt: skip
    r = c.post("/cases?lang=zh", data=form)
    assert r.status_code == 400 and "供应商：" in r.text and "不是本工作区中的供应商" in r.text
    assert "is not a supplier" not in r.text and foreign_sentences(r.text) == []
    r = c.post("/cases?lang=en", data=form)
    assert r.status_code == 400 and "supplier: &#39;nosuch&#39; is not a supplier in this workspace" in r.text
    assert len(cases.list_cases(c.app.state.ctx, "demo")) == 1


def test_case_forms_refuse_extra_decimals_a_wrong_day_and_a_missing_field_in_the_page_language(demo_browser) -> None:
    """What a person types wrong on the case page (a third decimal in euros, 30 February, no
    recipient, no issue ticked) is refused with the field and the problem in the page's language:
    no English sentence and no programmer's advice on a Chinese page, no stored codes."""
    from pages_support import foreign_sentences

    c, case_id = demo_browser
    csrf = re.search(CSRF_RE, c.get(f"/cases/{case_id}").text).group(1)  # type: ignore[union-attr]
    claim = {"csrftoken": csrf, "kind": "repair", "amount": "1.005", "currency": "EUR"}
    r = c.post(f"/cases/{case_id}/claims?lang=zh", data=claim)
    assert r.status_code == 400 and "金额：" in r.text and "1.005" in r.text, r.text[-3000:]
    assert "Money.rounded" not in r.text and foreign_sentences(r.text) == []
    r = c.post(f"/cases/{case_id}/claims?lang=en", data=claim)
    assert r.status_code == 400 and "amount: 1.005 has more decimals than EUR allows (2)" in r.text
    assert "Money.rounded" not in r.text
    recovery = {"csrftoken": csrf, "kind": "receipt", "on": "2026-11-02", "amount": "100.123", "currency": "EUR"}
    r = c.post(f"/cases/{case_id}/recovery?lang=zh", data=recovery)
    assert r.status_code == 400 and "100.123" in r.text and foreign_sentences(r.text) == []
    ack = {"csrftoken": csrf, "on": "2026-02-30", "summary": "供应商承认延迟"}
    r = c.post(f"/cases/{case_id}/acknowledgements?lang=zh", data=ack)
    assert r.status_code == 400 and "2026-02-30" in r.text and foreign_sentences(r.text) == []
    r = c.post(f"/cases/{case_id}/acknowledgements?lang=en", data=ack)
    assert r.status_code == 400 and "on: &#39;2026-02-30&#39; is not a real calendar date" in r.text
    step = {"csrftoken": csrf, "step": "lawyer_demand", "sent_on": "2026-11-02", "channel": "EMS"}
    r = c.post(f"/cases/{case_id}/steps?lang=zh", data=step)
    assert r.status_code == 400 and "收件人：" in r.text and "recipient：" not in r.text
    opening = {"csrftoken": csrf, "title": "Laser 2", "supplier": "ruifeng", "support_requests": ["SR-0003"]}
    r = c.post("/cases?lang=zh", data=opening)
    said = re.search(r'role="alert"[^>]*>(.*?)</', r.text, re.S)
    assert r.status_code == 400 and said, r.text[-2000:]
    assert "技术支持缺失或迟缓" in said.group(1) and "no_or_slow_support" not in said.group(1), said.group(1)
    nothing = {"csrftoken": csrf, "title": "Laser 2", "supplier": "ruifeng", "issues": ["product_defect"]}
    said = re.search(r'role="alert"[^>]*>(.*?)</', c.post("/cases?lang=zh", data=nothing).text, re.S)
    assert said and said.group(1).startswith("技术支持请求："), said  # the field's label, not the dashboard's "项…"
    r = c.post("/cases?lang=en", data=opening)
    said = re.search(r'role="alert"[^>]*>(.*?)</', r.text, re.S)
    # the English page names the issue types by their names too, as the form's check boxes do
    assert r.status_code == 400 and said and "no or slow support" in said.group(1), said.group(1)
