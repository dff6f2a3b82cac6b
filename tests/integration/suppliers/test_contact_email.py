"""A phone number (or anything else) typed where an e-mail address belongs is refused, naming the
field in the page's language: on a supplier contact's e-mail channel (service, JSON API, page) and
on the buyer's contact people. Letters and escalations go to that address: keeping a phone number
there would send them nowhere."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from pages_support import alert, foreign_sentences, owner_client
from pydantic import ValidationError

from disputedesk.domain.mailaddress import is_mail_address
from disputedesk.services import suppliers as svc
from disputedesk.services.records import models as rm
from disputedesk.web.app import create_app

from support import api_token, make_user

PHONE = "+86 138 0013 8000"


@pytest.mark.parametrize(
    "text", ["wang.lei@jinhua-cnc.com", "service+cn@ruifenglaser.com.cn", "王磊@例子.中国", "A.Brandt@Brandt-Metall.DE"]
)
def test_real_addresses_are_taken(text: str) -> None:
    assert is_mail_address(text)


@pytest.mark.parametrize(
    "text", [PHONE, "13800138000", "wanglei", "wang lei@jinhua.com", "wang@jinhua", "a@@b.com", "a..b@c.com"]
)
def test_what_is_not_an_address_is_refused(text: str) -> None:
    assert not is_mail_address(text)


def test_supplier_contact_email_channel(sqlite_ctx) -> None:  # type: ignore[no-untyped-def]
    key = svc.create_supplier(sqlite_ctx, "default", {"name_en": "Jinhua Precision"}, actor="anna")
    contact = {"name": "Wang Lei", "level": "service_manager", "channels": [{"channel": "email", "address": PHONE}]}
    with pytest.raises(svc.SupplierError) as exc:
        svc.add_contact(sqlite_ctx, "default", key, contact, actor="anna")
    assert exc.value.field == "channels[1].address"
    assert str(exc.value) == f"channels[1].address: {PHONE} is not an e-mail address (e.g. wang.lei@example.cn)"
    phone = {**contact, "channels": [{"channel": "phone", "address": PHONE}]}
    svc.add_contact(sqlite_ctx, "default", key, phone, actor="anna")  # the same text as a phone: fine


def test_api_and_pages_name_the_field(sqlite_ctx) -> None:  # type: ignore[no-untyped-def]
    key = svc.create_supplier(sqlite_ctx, "default", {"name_en": "Jinhua Precision"}, actor="anna")
    c = owner_client(sqlite_ctx)
    try:
        form = {"name": "王磊", "level": "service_manager", "channel1": "email", "address1": PHONE}
        r = c.post(f"/suppliers/{key}/contacts?lang=zh", data=form)
        said = alert(r.text)
        assert r.status_code == 400 and "不是电子邮件地址" in said and "第 1 个联系方式" in said, said
        assert foreign_sentences(f"<p>{said}</p>") == [], said
        assert PHONE in r.text  # what was typed is kept
        said = alert(c.post(f"/suppliers/{key}/contacts?lang=en", data=form).text)
        assert f"{PHONE} is not an e-mail address" in said, said
        buyer = {"name": "Brandt Metallbau GmbH", "contacts": f"Anna Brandt <{PHONE}> (purchasing)"}
        r = c.post("/buyer/edit?lang=zh", data=buyer)
        said = alert(r.text)
        assert r.status_code == 422 and "不是电子邮件地址" in said and foreign_sentences(f"<p>{said}</p>") == [], said
    finally:
        c.__exit__(None, None, None)
    make_user(sqlite_ctx, "api", "default", "owner")
    with TestClient(create_app(sqlite_ctx)) as api:
        api.headers["Authorization"] = f"Bearer {api_token(sqlite_ctx, 'api', 'default')}"
        body = {"name": "Wang Lei", "level": "service_manager", "channels": [{"channel": "email", "address": PHONE}]}
        r = api.post(f"/api/suppliers/{key}/contacts", json=body)
        assert r.status_code in (400, 422) and "is not an e-mail address" in r.text, r.text
    with pytest.raises(ValidationError, match="is not an e-mail address"):
        rm.SetBuyer(contacts=[{"name": "Anna Brandt", "email": PHONE}])
