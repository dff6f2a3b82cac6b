"""Days and times that have not come yet are refused where the user records something that
happened (a request opened, closed or paused; a contract signed; an order placed, delivered or
accepted; a payment made): a slip such as 2031 for 2021 names the field in the page's language
through the service, the JSON API, the page forms and the CLI, and nothing is written.

The tolerance (domain/dates.py): a day is accepted while it has begun somewhere on Earth (UTC+14),
a time with its offset up to 10 minutes ahead of the clock."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from disputedesk.domain.dates import is_future, latest_day
from disputedesk.services.records import contracts, orders, payments
from disputedesk.services.records import models as rm
from disputedesk.services.records import request_models as m
from disputedesk.services.records import requests as svc
from disputedesk.services.records.errors import FieldError
from disputedesk.store.db import unit_of_work
from disputedesk.store.models import LedgerEntry
from disputedesk.web.app import create_app

from records_fixtures import seed_parties
from support import api_token, make_user, sign_in

WS = "default"
TYPO = "2031-03-30T10:15+08:00"  # meant 2021


def ledger(ctx) -> int:  # type: ignore[no-untyped-def]
    with unit_of_work(ctx.engine) as s:
        return s.execute(select(func.count()).select_from(LedgerEntry)).scalar_one()


def test_the_tolerance_allows_zones_ahead_and_a_little_clock_skew() -> None:
    now = datetime(2026, 12, 5, 11, 0, tzinfo=UTC)  # already Sun 6 Dec in Auckland (UTC+13)
    assert latest_day(now) == date(2026, 12, 6)
    assert not is_future(date(2026, 12, 6), now) and is_future(date(2026, 12, 7), now)
    assert not is_future(now + timedelta(minutes=9), now) and is_future(now + timedelta(minutes=11), now)


def test_service_refuses_a_request_opened_closed_or_paused_in_the_future(sqlite_ctx) -> None:
    ctx = sqlite_ctx
    seed_parties(ctx)
    before = ledger(ctx)
    with pytest.raises(FieldError) as exc:
        svc.open_request(ctx, WS, m.OpenRequest(supplier="jinhua", title="Spindle alarm", opened_at=TYPO), actor="anna")
    assert exc.value.field == "opened_at" and "2031-03-30T02:15:00+00:00 is in the future" in str(exc.value)
    assert ledger(ctx) == before
    soon = datetime.now(UTC) + timedelta(minutes=2)  # a clock a little fast: accepted
    rec = svc.open_request(ctx, WS, m.OpenRequest(supplier="jinhua", title="Spindle", opened_at=soon), actor="anna")
    with pytest.raises(FieldError, match="opened_at: .* is in the future"):
        svc.change_request(ctx, WS, rec.number, m.ChangeRequest(opened_at=TYPO), actor="anna")
    with pytest.raises(FieldError, match="at: .* is in the future"):
        svc.close_request(ctx, WS, rec.number, m.StatusChange(at=TYPO), actor="anna")
    with pytest.raises(FieldError, match="at: .* is in the future"):
        svc.record_event(ctx, WS, rec.number, m.RequestEvent(kind="workaround", at=TYPO), actor="anna")
    # planned maintenance is announced ahead: recorded
    svc.record_event(ctx, WS, rec.number, m.RequestEvent(kind="maintenance_start", at=TYPO), actor="anna")


def test_service_refuses_a_contract_order_or_payment_dated_ahead(sqlite_ctx) -> None:
    ctx = sqlite_ctx
    seed_parties(ctx)
    ahead = latest_day(datetime.now(UTC)) + timedelta(days=1)
    today_somewhere = latest_day(datetime.now(UTC))
    before = ledger(ctx)
    cases = [
        (lambda: contracts.add_contract(
            ctx, WS, rm.NewContract(number="C-9", supplier="jinhua", signed_on=ahead), actor="anna"), "signed_on"),
        (lambda: contracts.change_contract(
            ctx, WS, "JH-2026-014", rm.ChangeContract(signed_on=date(2031, 5, 4)), actor="anna"), "signed_on"),
        (lambda: orders.add_order(ctx, WS, rm.NewOrder(
            number="PO-9", contract="JH-2026-014", currency="EUR", amount="10", ordered_on=ahead), actor="anna"),
         "ordered_on"),
        (lambda: orders.change_order(
            ctx, WS, "PO-7731", rm.ChangeOrder(delivered_on=date(2031, 7, 15)), actor="anna"), "delivered_on"),
        (lambda: orders.change_order(
            ctx, WS, "PO-7731", rm.ChangeOrder(accepted_on=date(2031, 7, 20)), actor="anna"), "accepted_on"),
        (lambda: payments.add_payment(ctx, WS, rm.NewPayment(
            supplier="jinhua", amount="100", currency="EUR", paid_on=date(2031, 1, 2)), actor="anna"), "paid_on"),
    ]  # fmt: skip
    for call, field in cases:
        with pytest.raises(FieldError) as exc:
            call()
        assert exc.value.field == field and "is in the future" in str(exc.value)
    assert ledger(ctx) == before
    paid = payments.add_payment(
        ctx, WS, rm.NewPayment(supplier="jinhua", amount="100", currency="EUR", paid_on=today_somewhere), actor="anna"
    )
    with pytest.raises(FieldError, match="paid_on: 2031-01-02 is in the future"):
        payments.change_payment(ctx, WS, paid.number, rm.ChangePayment(paid_on=date(2031, 1, 2)), actor="anna")


def test_api_and_pages_name_the_field_in_the_pages_language(ctx) -> None:
    seed_parties(ctx)
    make_user(ctx, "alice", WS, "owner")
    with TestClient(create_app(ctx)) as c:
        c.headers["Authorization"] = f"Bearer {api_token(ctx, 'alice', WS)}"
        r = c.post("/api/sla/requests", json={"supplier": "jinhua", "title": "Spindle", "opened_at": TYPO})
        assert r.status_code == 422 and r.json()["field"] == "opened_at"
        # the field by its label, the moment as the pages write it (the key stays in ``field``)
        assert r.json()["error"] == "opened at: 30 Mar 2031, 02:15 (UTC+00:00) is in the future"
        r = c.post(
            "/api/payments", json={"supplier": "jinhua", "amount": "1", "currency": "EUR", "paid_on": "2031-01-02"}
        )
        assert r.status_code == 422 and r.json()["field"] == "paid_on" and "is in the future" in r.json()["error"]
        assert c.get("/api/payments").json() == []
    with TestClient(create_app(ctx)) as c:
        tok = sign_in(c, "alice")
        data = {"supplier": "jinhua", "title": "Spindle alarm", "severity": "high", "opened_at": "2031-03-30T10:15",
                "tz": "Asia/Shanghai", "csrftoken": tok}  # fmt: skip
        r = c.post("/requests/new?lang=en", data=data)
        assert r.status_code == 422 and "is in the future" in r.text and 'value="Spindle alarm"' in r.text
        zh = c.post("/requests/new?lang=zh", data=data)
        assert zh.status_code == 422 and "提出时间：" in zh.text and "尚未到来" in zh.text
        assert "is in the future" not in zh.text and 'value="Spindle alarm"' in zh.text
        pay = {"supplier": "jinhua", "amount": "100", "currency": "EUR", "paid_on": "2031-01-02", "csrftoken": tok}
        zh = c.post("/records/payments/new?lang=zh", data=pay)
        assert zh.status_code == 422 and "2031年1月2日 尚未到来" in zh.text and "is in the future" not in zh.text


def test_cli_says_the_date_is_in_the_future(cli, ctx) -> None:  # type: ignore[no-untyped-def]
    seed_parties(ctx)
    r = cli("request", "open", "--supplier", "jinhua", "--title", "Spindle", "--opened-at", TYPO, code=2)
    assert r.output.splitlines() == [
        "error: opened at: 30 Mar 2031, 02:15 (UTC+00:00) is in the future",
        "错误：提出时间：2031年3月30日 02:15（UTC+00:00） 尚未到来（不能填写将来的日期或时间）",
    ]
    r = cli("payment", "add", "--supplier", "jinhua", "--amount", "1", "--currency", "EUR", "--paid-on", "2031-01-02",
            code=2)  # fmt: skip
    assert "paid on: 2 Jan 2031 is in the future" in r.output and "2031年1月2日" in r.output
    assert "SR-" not in cli("request", "list").output


def test_cli_sla_event_refuses_a_time_ahead_except_planned_maintenance(cli, ctx) -> None:  # type: ignore[no-untyped-def]
    seed_parties(ctx)
    number = cli("request", "open", "--supplier", "jinhua", "--title", "Spindle").output.strip()
    r = cli("sla", "event", number, "resolved", TYPO, code=2)
    assert r.output.strip() == "error: at: 2031-03-30T02:15:00+00:00 is in the future"
    assert "resolved" not in cli("request", "show", number).output
    r = cli("sla", "event", number, "maintenance_start", TYPO)
    assert "maintenance_start at 2031-03-30T10:15:00+08:00 recorded" in r.output
