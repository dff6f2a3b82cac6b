"""Money on the record and case forms as a Chinese-speaking buyer types it (quality sweep).

A currency typed as 欧元, 人民币 or 美元, or an amount with its sign (€36000, ¥5000), was refused as "not a
currency code". Names and signs now read as their ISO code; ¥ (and the full-width ￥) is CNY on a Chinese
page, whose hint says so, and refused on an English one as the yuan or the yen, naming the field. The
payment form opened from a contract offers the contract's currency and today's date in the buyer's zone."""

from __future__ import annotations

import re
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from fastapi.testclient import TestClient
from pages_support import alert

from disputedesk.services.records import buyer as buyer_svc
from disputedesk.services.records import contracts, payments
from disputedesk.services.records import models as m
from disputedesk.services.suppliers import profile as supplier_profiles
from disputedesk.web.app import create_app

from support import make_user, sign_in


@pytest.fixture
def client(sqlite_ctx):  # type: ignore[no-untyped-def]
    supplier_profiles.create_supplier(
        sqlite_ctx, "default", {"name_en": "Jinhua Precision", "key": "jinhua"}, actor="t"
    )
    make_user(sqlite_ctx, "anna", "default", "owner")
    with TestClient(create_app(sqlite_ctx)) as c:
        sign_in(c, "anna")
        yield c


CONTRACT = {"number": "JH-2026-014", "supplier": "jinhua", "signed_on": "2026-05-04", "value": "186000"}


@pytest.mark.parametrize(
    ("typed", "code"), [("欧元", "EUR"), ("人民币", "CNY"), ("美元", "USD"), ("€", "EUR"), ("eur", "EUR")]
)
def test_a_currency_typed_as_its_chinese_name_or_sign_is_its_iso_code(client, typed, code) -> None:  # type: ignore[no-untyped-def]
    r = client.post("/records/contracts/new?lang=zh", data={**CONTRACT, "currency": typed}, follow_redirects=False)
    assert r.status_code == 303, alert(r.text)
    assert contracts.get_contract(client.app.state.ctx, "default", "JH-2026-014").currency == code


@pytest.mark.parametrize(("amount", "currency", "lang", "code"), [
    ("€36000", "", "en", "EUR"), ("36000 欧元", "", "zh", "EUR"), ("¥5000", "", "zh", "CNY"),
    ("￥5000", "", "zh", "CNY"), ("5000元", "", "zh", "CNY"), ("$1200.50", "USD", "en", "USD"),
    ("5000", "¥", "zh", "CNY"),
])  # fmt: skip
def test_an_amount_typed_with_its_sign_fills_the_currency(client, amount, currency, lang, code) -> None:  # type: ignore[no-untyped-def]
    data = {"supplier": "jinhua", "amount": amount, "currency": currency, "paid_on": "2026-05-12"}
    r = client.post(f"/records/payments/new?lang={lang}", data=data, follow_redirects=False)
    assert r.status_code == 303, alert(r.text)
    paid = payments.list_payments(client.app.state.ctx, "default")[-1]
    assert paid.currency == code and paid.amount == Decimal(re.sub(r"[^\d.]", "", amount))


def test_yen_on_an_english_page_is_refused_naming_the_field_and_the_two_currencies(client) -> None:  # type: ignore[no-untyped-def]
    data = {"supplier": "jinhua", "amount": "¥5000", "paid_on": "2026-05-12"}
    r = client.post("/records/payments/new?lang=en", data=data)
    said = alert(r.text)
    assert r.status_code == 422 and "currency" in said.lower() and "CNY" in said and "JPY" in said, said
    assert payments.list_payments(client.app.state.ctx, "default") == []
    r = client.post("/records/payments/new?lang=en", data={**data, "amount": "5000", "currency": "Taler"})
    assert r.status_code == 422 and "Taler" in alert(r.text) and "currency" in alert(r.text).lower()
    zh = client.post("/records/payments/new?lang=zh", data={**data, "amount": "5000", "currency": "塔勒"})
    assert zh.status_code == 422 and alert(zh.text).startswith("币种"), alert(zh.text)
    # the form's hint says how ¥ is read on each page
    assert "¥ 按人民币（CNY）计" in client.get("/records/payments/new?lang=zh").text
    assert "write CNY or JPY" in client.get("/records/payments/new?lang=en").text


def test_the_api_reads_chinese_names_and_refuses_a_bare_yen(client) -> None:  # type: ignore[no-untyped-def]
    ok = client.post("/api/payments", json={"supplier": "jinhua", "amount": "100", "currency": "欧元",
                                                    "paid_on": "2026-05-12"})  # fmt: skip
    assert ok.status_code in (200, 201) and ok.json()["currency"] == "EUR", ok.text
    bad = client.post("/api/payments", json={"supplier": "jinhua", "amount": "100", "currency": "¥",
                                                     "paid_on": "2026-05-12"})  # fmt: skip
    assert bad.status_code in (400, 422) and "CNY or JPY" in bad.text, bad.text


def test_the_payment_form_offers_the_contracts_currency_and_today_in_the_buyers_zone(client) -> None:  # type: ignore[no-untyped-def]
    ctx = client.app.state.ctx
    contracts.add_contract(ctx, "default", m.NewContract(**CONTRACT, currency="EUR"), actor="t")
    buyer_svc.set_buyer(
        ctx, "default", m.SetBuyer(name="Brandt Metallbau GmbH", timezone="Pacific/Auckland"), actor="t"
    )
    link = re.search(r'href="(/records/payments/new\?[^"]+)"', client.get("/records/contracts/JH-2026-014").text)
    assert link, "the contract page links to a payment form"
    form = client.get(link.group(1).replace("&amp;", "&") + "&lang=zh").text
    assert re.search(r'name="currency"[^>]*value="EUR"', form), re.findall(r'<input name="currency"[^>]*>', form)
    today = ctx.clock().astimezone(ZoneInfo("Pacific/Auckland")).date().isoformat()
    assert re.search(rf'name="paid_on"[^>]*value="{today}"', form), re.findall(r"<input[^>]*paid_on[^>]*>", form)
    assert "Pacific/Auckland" in form
    # from the supplier's page: its only contract's currency
    form = client.get("/records/payments/new?supplier=jinhua").text
    assert re.search(r'name="currency"[^>]*value="EUR"', form)
