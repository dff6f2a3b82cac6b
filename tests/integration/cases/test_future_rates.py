"""An exchange rate, a step, a reply, an acknowledgement or money received dated ahead is refused
naming the field in the page's language (service, JSON API, case page); a rate for 2031 typed for
2021 would otherwise be the one that converts every amount once that day comes. One tolerance for
all (domain/dates.py): a day is accepted while it has begun somewhere on Earth (UTC+14)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient

from disputedesk.domain.dates import latest_day
from disputedesk.services import cases
from disputedesk.web.app import create_app
from tests.integration.cases.test_cases_web import demo_browser  # noqa: F401

from support import CSRF_RE, api_token, make_user

RATE = {"base": "EUR", "quote": "CNY", "rate": "7.8123", "source": "ECB reference rate"}


def test_service_refuses_a_rate_dated_ahead_and_takes_one_of_today_anywhere(sqlite_ctx) -> None:
    with pytest.raises(ValueError, match=r"^on: 2031-01-02 is in the future$"):
        cases.record_rate(sqlite_ctx, "default", {**RATE, "on": "2031-01-02"}, actor="anna")
    assert cases.list_rates(sqlite_ctx, "default") == []
    ahead = latest_day(datetime.now(UTC))  # already today in Kiribati: accepted
    with pytest.raises(ValueError, match="is in the future"):
        cases.record_rate(sqlite_ctx, "default", {**RATE, "on": str(ahead + timedelta(days=1))}, actor="anna")
    cases.record_rate(sqlite_ctx, "default", {**RATE, "on": str(ahead)}, actor="anna")
    assert [r.on for r in cases.list_rates(sqlite_ctx, "default")] == [ahead]


def test_api_names_the_field(ctx) -> None:
    make_user(ctx, "alice", "default", "owner")
    with TestClient(create_app(ctx)) as c:
        c.headers["Authorization"] = f"Bearer {api_token(ctx, 'alice', 'default')}"
        r = c.post("/api/exchange-rates", json={**RATE, "on": "2031-01-02"})
        assert (
            r.status_code == 400
            and r.json()["field"] == "on"
            and "on: 2 Jan 2031 is in the future" in r.json()["error"]
        )
        assert c.get("/api/exchange-rates").json() == []


def test_case_page_says_it_in_chinese(demo_browser) -> None:  # noqa: F811
    from pages_support import alert, foreign_sentences

    c, case_id = demo_browser
    csrf = re.search(CSRF_RE, c.get(f"/cases/{case_id}").text).group(1)  # type: ignore[union-attr]
    before = len(cases.list_rates(c.app.state.ctx, "demo"))
    r = c.post(f"/cases/{case_id}/rates?lang=zh", data={**RATE, "on": "2031-01-02", "csrftoken": csrf})
    assert r.status_code == 400 and "是将来的日期" in r.text, r.text[-2000:]
    assert "in the future" not in r.text and foreign_sentences(r.text) == []
    r = c.post(f"/cases/{case_id}/recovery?lang=en", data={"kind": "receipt", "on": "2031-01-02", "amount": "100.00",
               "currency": "EUR", "evidence": "E-0001", "csrftoken": csrf})  # fmt: skip
    assert r.status_code == 400 and alert(r.text) == "on: 2 Jan 2031 is in the future"
    assert len(cases.list_rates(c.app.state.ctx, "demo")) == before
