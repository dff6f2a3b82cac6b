"""Dates in the wrong order and a broken calendar, typed on a Chinese page, are told in Chinese
(found by trying every form in Chromium with wrong input): the deadline facts of a case (knowledge
before receipt, a warranty start without its period, an unknown governing law), a supplier closure
ending before it starts, and a calendar that is not valid JSON said their English engine sentence."""

from __future__ import annotations

import re

from pages_support import alert, foreign_sentences, owner_client

from disputedesk.domain.deadlines.facts import Facts
from tests.integration.cases.test_cases_web import demo_browser  # noqa: F401

from support import CSRF_RE

FACTS = {"governing_law": "CN", "contract_type": "international_sale", "received_on": "2026-11-02",
         "knowledge_on": "2026-10-01"}  # fmt: skip


def test_case_facts_in_the_wrong_order_are_said_in_chinese(demo_browser) -> None:  # noqa: F811
    c, case_id = demo_browser
    csrf = re.search(CSRF_RE, c.get(f"/cases/{case_id}").text).group(1)  # type: ignore[union-attr]
    for data, chinese in [
        (FACTS, "早于收货日期"),
        ({**FACTS, "knowledge_on": "2026-11-05", "warranty_starts_on": "2026-11-10"}, "未填写保修期（月）"),
        ({**FACTS, "knowledge_on": "2026-11-05", "governing_law": "XX1"}, "不是 ISO 3166 国家代码"),
    ]:
        r = c.post(f"/cases/{case_id}/facts?lang=zh", data={**data, "csrftoken": csrf})
        said = alert(r.text)
        assert r.status_code == 400 and chinese in said, said
        assert foreign_sentences(f"<p>{said}</p>") == [] and "received_on" not in said, said
    r = c.post(f"/cases/{case_id}/facts?lang=en", data={**FACTS, "csrftoken": csrf})
    assert "knowledge_on: 1 Oct 2026 is before received_on (2 Nov 2026)" in alert(r.text)


def test_the_cli_and_api_keep_the_english_sentence() -> None:
    from datetime import date

    try:
        Facts("CN", "international_sale", False, date(2026, 11, 2), None, None, None, date(2026, 10, 1), (), ())
    except ValueError as exc:
        assert str(exc) == (
            "knowledge_on: 2026-10-01 is before received_on (2026-11-02); knowledge of a breach of these goods "
            "cannot precede their receipt"
        )
    else:
        raise AssertionError("accepted")


def test_a_closure_ending_before_it_starts_and_a_broken_calendar_in_chinese(sqlite_ctx) -> None:  # type: ignore[no-untyped-def]
    c = owner_client(sqlite_ctx)
    try:
        r = c.post("/suppliers", data={"name_zh": "金华精密机械有限公司", "kind": "factory"}, follow_redirects=False)
        key = str(r.headers["location"].rstrip("/").rsplit("/", 1)[-1])
        closure = {"start": "2026-11-02", "end": "2026-10-01", "label": "工厂停工"}
        r = c.post(f"/sla/suppliers/{key}/closures?lang=zh", data=closure)
        said = alert(r.text)
        assert r.status_code == 400 and "早于停工期的第一天" in said and foreign_sentences(f"<p>{said}</p>") == [], said
        assert 'value="工厂停工"' in r.text  # what was typed is kept
        en = alert(c.post(f"/sla/suppliers/{key}/closures?lang=en", data=closure).text)
        assert en == "end: 1 Oct 2026 is before the first day of the closure (2 Nov 2026)", en
        r = c.post(f"/sla/suppliers/{key}/calendar?lang=zh", data={"spec": '{"tz": "Asia/Shanghai",'})
        said = alert(r.text)
        assert r.status_code == 400 and "JSON" in said and foreign_sentences(f"<p>{said}</p>") == [], said
        assert "Expecting" not in said
    finally:
        c.__exit__(None, None, None)
