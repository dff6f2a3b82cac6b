"""The demo case page read in Chinese is Chinese throughout: the dated note the demo wrote about
instructing a lawyer, the legal bases of each issue and the line of SLA breaches to claim for use
Chinese words and full-width punctuation; the English page says the same in English."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient

from disputedesk.services import cases
from disputedesk.services.demo import demo_dir
from disputedesk.services.demo import load_demo_case as demo_case
from disputedesk.web.app import create_app

from support import demo_loaded, make_user, sign_in

NOW = datetime(2026, 11, 26, 8, 0, tzinfo=UTC)


@pytest.fixture
def case_page(sqlite_ctx):  # type: ignore[no-untyped-def]
    demo_loaded(sqlite_ctx, "demo", "Demo dispute", now=NOW)
    demo_case(sqlite_ctx, "demo", json.loads((demo_dir() / "dispute.json").read_text(encoding="utf-8")))
    case_id = cases.list_cases(sqlite_ctx, "demo")[0].id
    make_user(sqlite_ctx, "owner", "demo", "owner")
    with TestClient(create_app(sqlite_ctx)) as c:
        sign_in(c, "owner")
        yield lambda lang: c.get(f"/cases/{case_id}?lang={lang}").text


def _section(html: str, start: str, end: str) -> str:
    found = re.search(re.escape(start) + r"(.*?)" + re.escape(end), html, re.S)
    assert found, start
    return found.group(1)


def test_the_note_about_instructing_a_lawyer_is_in_the_page_language(case_page) -> None:
    zh = _section(case_page("zh"), "<h2>备注</h2>", "</ul>")
    assert "已委托律师" in zh and "不引起诉讼时效重新计算" in zh, zh
    assert "lawyer instructed" not in zh and "restarts nothing" not in zh and 'class="own"' not in zh
    en = _section(case_page("en"), "<h2>Notes</h2>", "</ul>")
    assert "lawyer instructed: not a step towards the supplier (nothing delivered to it); restarts nothing" in en


def test_the_legal_bases_of_an_issue_are_joined_the_chinese_way(case_page) -> None:
    zh = _section(case_page("zh"), "<h2>争议事项</h2>", "</ul>")
    assert "；《中华人民共和国民法典》第五百七十七条" in zh or "；《中华人民共和国民法典》第五百零九条" in zh, zh
    assert ";" not in re.sub(r"&#?\w+;", "", zh)
    en = _section(case_page("en"), "<h2>Issues</h2>", "</ul>")
    assert "; PRC Civil Code Art." in en


def test_the_sla_breaches_to_claim_for_are_listed_the_chinese_way(case_page) -> None:
    zh = _section(case_page("zh"), 'id="sla-breaches">', "</p>")
    assert re.search(r"SR-0001 — \d+ 项服务水平违约；SR-0002 — \d+ 项服务水平违约。请将", zh), zh
    en = _section(case_page("en"), 'id="sla-breaches">', "</p>")
    assert re.search(r"SR-0001 — \d+ SLA breaches; SR-0002 — \d+ SLA breaches\. Enter", en), en
