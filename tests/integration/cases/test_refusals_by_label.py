"""Refusals of the case and records services as the API and the CLI say them (api27):

* the field by its label in the caller's language ("sent on" / "发出日期", never ``sent_on``), the
  API's JSON keeping the key as ``field``; a stored code by its name (a ladder step, a claim head
  kind), the allowed values by their names;
* dates as the pages write them (4 Jan 2099 / 2099年1月4日), never 2099-01-04;
* the API in the language chosen as for the pages (Accept-Language, ``?lang=``), the CLI in
  ``--lang`` (else English and Chinese, one line each);
* a second support request step on the ladder is refused (page, API, CLI), naming the first.
"""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from pages_support import alert, foreign_sentences, owner_client
from typer.testing import CliRunner

from tests.integration.cases.test_open_case_three_ways import _records, open_on_page

from support import CSRF_RE, api_token

ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


@pytest.fixture
def own_case(sqlite_ctx, monkeypatch):  # type: ignore[no-untyped-def]
    """A case opened on the page from a request of 2 Mar 2026 (its ladder starts with it); an API
    client of the same owner and a CLI on the same database."""
    from disputedesk.cli import app
    from disputedesk.config import get_settings
    from disputedesk.web.app import create_app

    c = owner_client(sqlite_ctx)
    case = open_on_page(c, _records(c))
    api = TestClient(create_app(sqlite_ctx))
    api.__enter__()
    api.headers["Authorization"] = f"Bearer {api_token(sqlite_ctx, 'anna', 'default')}"
    monkeypatch.setenv("DISPUTEDESK_DATA_DIR", str(sqlite_ctx.settings.data_dir))
    monkeypatch.setenv("DISPUTEDESK_DATABASE_URL", sqlite_ctx.settings.resolved_database_url)
    monkeypatch.delenv("DISPUTEDESK_LANG", raising=False)
    get_settings.cache_clear()
    runner = CliRunner()

    def cli(*args: str) -> list[str]:
        r = runner.invoke(app, list(args), catch_exceptions=False)
        assert r.exit_code == 2, r.output
        return [line for line in r.stderr.splitlines() if line.strip()]

    yield c, api, case, cli
    api.__exit__(None, None, None)
    c.__exit__(None, None, None)
    get_settings.cache_clear()


def test_the_api_names_the_field_by_its_label_and_writes_dates_as_the_pages(own_case) -> None:  # type: ignore[no-untyped-def]
    _c, api, case, _cli = own_case
    step = {"step": "formal_complaint", "sent_on": "2099-01-04", "channel": "email", "recipient": "Mr Chen"}
    r = api.post(f"/api{case}/steps", json=step)
    assert r.status_code == 400 and r.json()["field"] == "sent_on", r.text
    assert r.json()["error"].startswith("sent on: 4 Jan 2099 is in the future"), r.text
    r = api.post(f"/api{case}/steps", json=step, headers={"Accept-Language": "zh-CN,zh;q=0.9"})
    said = r.json()["error"]
    assert r.status_code == 400 and r.json()["field"] == "sent_on", r.text
    assert said.startswith("发出日期：2099年1月4日"), said
    assert "sent_on" not in said and not ISO.search(said) and foreign_sentences(f"<p>{said}</p>") == [], said
    # the same with ?lang=zh, as on the pages
    assert api.post(f"/api{case}/steps?lang=zh", json=step).json()["error"] == said
    # a cure deadline before the letter: both dates as the pages write them
    late = {**step, "sent_on": "2026-03-20", "cure_deadline": "2026-03-10"}
    r = api.post(f"/api{case}/steps", json=late, headers={"Accept-Language": "zh"})
    assert r.json()["field"] == "cure_deadline" and "2026年3月10日" in r.json()["error"], r.text
    assert "2026年3月20日" in r.json()["error"] and not ISO.search(r.json()["error"]), r.text


def test_a_second_support_request_step_is_refused_on_the_page_the_api_and_the_cli(own_case) -> None:  # type: ignore[no-untyped-def]
    c, api, case, cli = own_case
    number = api.get(f"/api{case}").json()["number"]
    again = {"step": "support_request", "sent_on": "2026-03-09", "channel": "email", "recipient": "service@jinhua"}
    r = api.post(f"/api{case}/steps", json=again)
    assert r.status_code == 400 and r.json()["field"] == "step", r.text
    assert r.json()["error"].startswith(
        "step: the ladder already starts with the support request of 2 Mar 2026 (step 1); record a further "
        "request to the supplier as a support request of its own"
    ), r.text
    zh = api.post(f"/api{case}/steps", json=again, headers={"Accept-Language": "zh"}).json()["error"]
    assert zh.startswith("步骤：升级阶梯已从 2026年3月2日 的技术支持请求（第 1 步）开始"), zh
    csrf = re.search(CSRF_RE, c.get(case).text).group(1)  # type: ignore[union-attr]
    page = c.post(f"{case}/steps?lang=zh", data={**again, "csrftoken": csrf})
    assert page.status_code == 400 and alert(page.text) == zh, alert(page.text)
    lines = cli("case", "step", number, "--step", "support_request", "--sent-on", "2026-03-09",
                "--channel", "email", "--to", "service@jinhua")  # fmt: skip
    assert lines[0].startswith("error: step: the ladder already starts with the support request of 2 Mar 2026")
    assert lines[1] == f"错误：{zh}", lines
    assert [s["step"] for s in api.get(f"/api{case}").json()["ladder"]] == ["support_request"]
    # with a reason it is recorded (the demo's escalation to the sales manager is such a step)
    r = api.post(f"/api{case}/steps", json={**again, "override_reason": "the sales manager asked for it"})
    assert r.status_code == 201 and [s["step"] for s in r.json()["ladder"]] == ["support_request"] * 2, r.text


def test_claim_and_money_kinds_are_refused_with_the_allowed_values_by_their_names(own_case) -> None:  # type: ignore[no-untyped-def]
    _c, api, case, _cli = own_case
    zh = {"Accept-Language": "zh"}
    r = api.post(f"/api{case}/claims", json={"kind": "refund", "amount": "10.00", "currency": "EUR"}, headers=zh)
    said = r.json()["error"]
    assert r.status_code == 400 and r.json()["field"] == "kind", r.text
    assert said.startswith("类型：“refund”不是有效的索赔项目类型（可选：退货退款、减价、修理费用"), said
    assert "refund_return" not in said and "price_reduction" not in said, said
    en = api.post(f"/api{case}/claims", json={"kind": "refund", "amount": "10.00", "currency": "EUR"}).json()
    assert en["error"].startswith("kind: 'refund' is not a claim head kind (refund against return, price reduction"), en
    body = {"kind": "price_reduction", "method": "ratio", "value_conforming": "100.00", "value_delivered": "50.00",
            "price": "100.00", "currency": "EUR", "valuation_source": "expert"}  # fmt: skip
    said = api.post(f"/api{case}/claims", json=body, headers=zh).json()["error"]
    assert said.startswith("计算方法") or "不是有效的减价计算方法" in said, said
    assert "差额法" in said and "比例法" in said and "prc" not in said, said
    money = {"kind": "refund", "on": "2026-11-20", "amount": "5.00", "currency": "EUR"}
    r = api.post(f"/api{case}/recovery", json=money, headers=zh)
    assert r.json()["field"] == "kind" and "（可选：报价、和解、收款）" in r.json()["error"], r.text
    offer = {**money, "kind": "offer", "status": "pending"}
    r = api.post(f"/api{case}/recovery", json=offer, headers=zh)
    assert r.json()["field"] == "status" and "已接受" in r.json()["error"] and "accepted" not in r.json()["error"]


def test_lookups_that_find_nothing_are_said_in_the_callers_language(own_case) -> None:  # type: ignore[no-untyped-def]
    _c, api, _case, cli = own_case
    zh = {"Accept-Language": "zh"}
    r = api.get("/api/cases/CASE-2026-099", headers=zh)
    assert r.status_code == 404 and r.json()["error"] == "案件“CASE-2026-099”在本工作区中不存在", r.text
    r = api.get("/api/payments/P-9", headers=zh)
    assert r.status_code == 404 and r.json()["error"].startswith("付款“P-9”不存在"), r.text
    r = api.get("/api/contracts/JH-2026-001/amendments/A-7", headers=zh)
    assert r.status_code == 404 and r.json()["error"] == "合同 JH-2026-001 没有补充协议“A-7”", r.text
    assert api.get("/api/payments/P-9").json()["error"].startswith("payment 'P-9' does not exist")
    assert cli("--lang", "zh", "case", "show", "CASE-2026-099") == ["错误：案件“CASE-2026-099”在本工作区中不存在"]
    assert cli("case", "show", "CASE-2026-099") == [
        "error: case 'CASE-2026-099' does not exist in this workspace",
        "错误：案件“CASE-2026-099”在本工作区中不存在",
    ]


def test_the_cli_names_a_records_field_by_its_label(own_case) -> None:  # type: ignore[no-untyped-def]
    _c, _api, _case, cli = own_case
    lines = cli("order", "add", "PO-2", "--contract", "JH-2026-001", "--currency", "EUR", "--amount", "10",
                "--ordered-on", "2026-04-01", "--delivered-on", "2026-03-01")  # fmt: skip
    assert lines[0].startswith("error: delivered on: 1 Mar 2026 is before the order date (1 Apr 2026)"), lines
    assert lines[1] == "错误：交货日期：2026年3月1日 早于下单日期（2026年4月1日）", lines
    assert not any(ISO.search(line) or "delivered_on" in line for line in lines), lines
    assert cli("--lang", "en", "order", "add", "PO-2", "--contract", "JH-2026-001", "--currency", "EUR",
               "--amount", "10", "--ordered-on", "2026-04-01", "--delivered-on", "2026-03-01") == lines[:1]  # fmt: skip


def test_a_field_named_inside_the_sentence_is_named_by_its_label_too(own_case) -> None:  # type: ignore[no-untyped-def]
    """"… (platform_order)" named the other field by its key inside the sentence."""
    _c, api, case, _cli = own_case
    key = api.get(f"/api{case}").json()["supplier"]["key"]
    body = {"title": "T", "supplier": key, "issues": ["product_defect"], "support_requests": ["SR-0001"],
            "receipt_confirmed_on": "2026-03-01"}  # fmt: skip
    r = api.post("/api/cases", json=body)
    assert r.status_code == 400 and r.json()["field"] == "receipt_confirmed_on", r.text
    assert r.json()["error"] == "receipt confirmed on: only for an order paid through a platform (platform order)"
    zh = api.post("/api/cases", json=body, headers={"Accept-Language": "zh"}).json()["error"]
    assert zh.endswith("仅适用于通过平台支付的订单（须勾选平台订单）") and not re.search("[a-z]_[a-z]", zh), zh
