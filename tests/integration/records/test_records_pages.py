"""The record pages (buyer, contracts, amendments, orders, payments) through the signed-in web
app, SQLite and PostgreSQL: every page renders on an empty workspace, a form with bad input comes
back with what was typed and the message in the page's language (422) and writes nothing, a
correction shows in the history with the old and new value."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from disputedesk.services.records import contracts, orders, payments
from disputedesk.web.app import create_app

from records_fixtures import import_text_evidence
from support import make_user, sign_in

EMPTY_PAGES = [
    "/",
    "/buyer",
    "/buyer/edit",
    "/records",
    "/records/contracts",
    "/records/contracts/new",
    "/records/orders/new",
    "/records/payments/new",
]


def test_every_record_page_renders_on_an_empty_workspace_and_guides_the_first_steps(ctx) -> None:  # type: ignore[no-untyped-def]
    make_user(ctx, "alice", "default", "owner")
    with TestClient(create_app(ctx)) as c:
        sign_in(c, "alice")
        for lang in ("en", "zh"):
            for url in EMPTY_PAGES:
                r = c.get(url, params={"lang": lang})
                assert r.status_code == 200, (url, lang, r.text[:500])
        home = c.get("/?lang=en").text
        steps = re.findall(
            r'<li class="(done|todo)" data-step="(\w+)">\s*<span[^>]*>[^<]*</span>\s*<a href="([^"]+)"', home
        )
        assert [(s, h) for _, s, h in steps] == [
            ("buyer", "/buyer/edit"),
            ("supplier", "/suppliers#add"),
            ("contract", "/records/contracts/new"),
            ("mail", "/evidence"),
            ("requests", "/requests/suggestions"),
            ("terms", "/records/contracts/new"),
        ]
        assert {d for d, _, _ in steps} == {"todo"}
        zh = c.get("/?lang=zh").text
        assert "第一步" in zh or "入门步骤" in zh
        assert "Your company" not in zh and "Import your mail" not in zh
        assert "No contract yet." in c.get("/records?lang=en").text
        # the order and payment forms say what is missing first
        assert "add the contract first" in c.get("/records/orders/new?lang=en").text
        assert "add the supplier first" in c.get("/records/payments/new").text


def test_forms_create_and_correct_records_and_keep_bad_input(ctx, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import_text_evidence(ctx, tmp_path, ["contract.txt", "amendment.txt", "delivery-note.txt", "swift.txt"])
    make_user(ctx, "alice", "default", "owner")
    with TestClient(create_app(ctx)) as c:
        tok = sign_in(c, "alice")
        c.get("/?lang=en")
        # the buyer: a bad time zone keeps what was typed
        data = {
            "name": "Brandt Metallbau GmbH",
            "timezone": "Mars/Olympus",
            "email_domains": "brandt.de",
            "csrftoken": tok,
        }
        r = c.post("/buyer/edit", data=data)
        assert r.status_code == 422 and "Mars/Olympus" in r.text and 'value="Brandt Metallbau GmbH"' in r.text
        assert "time zone such as Europe/Berlin" in r.text
        assert c.get("/api/buyer").json() is None  # nothing written
        zh = c.post("/buyer/edit?lang=zh", data={**data, "email_domains": "not a domain"})
        assert zh.status_code == 422 and "邮件域名" in zh.text and 'value="not a domain"' in zh.text
        c.get("/?lang=en")
        r = c.post("/buyer/edit", data={**data, "timezone": "Europe/Berlin", "country": "de"}, follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"] == "/buyer"
        page = c.get("/buyer").text
        assert "Brandt Metallbau GmbH" in page and "Europe/Berlin" in page and "DE" in page
        edit = c.get("/buyer/edit").text
        assert 'value="brandt.de"' in edit
        r = c.post(
            "/buyer/edit",
            data={
                "name": "Brandt Metallbau GmbH",
                "timezone": "Europe/Lisbon",
                "country": "DE",
                "email_domains": "brandt.de",
                "csrftoken": tok,
            },
            follow_redirects=False,
        )
        assert r.status_code == 303
        assert "Europe/Berlin → Europe/Lisbon" in c.get("/buyer").text
        r = c.post(
            "/buyer/edit",
            data={
                **{
                    k: v
                    for k, v in re.findall(r'<input[^>]*name="(\w+)"[^>]*value="([^"]*)"', c.get("/buyer/edit").text)
                },
                "contacts": "Anna Brandt <anna@brandt.de> +49 30 1234 567 (purchasing)\nLi Wei (quality)",
            },
            follow_redirects=False,
        )
        assert r.status_code == 303
        page = c.get("/buyer").text
        assert "Anna Brandt (purchasing) · anna@brandt.de" in page and "Li Wei (quality)" in page
        assert (
            "Anna Brandt &lt;anna@brandt.de&gt; +49 30 1234 567 (purchasing)\nLi Wei (quality)</textarea>"
            in c.get("/buyer/edit").text
        )
        assert "None" not in page.split('id="history"')[1]

        # a supplier through the existing form, then its contract from the supplier page
        r = c.post("/suppliers", data={"name_en": "Ruifeng Laser", "csrftoken": tok}, follow_redirects=False)
        assert r.status_code == 303
        key = r.headers["location"].rsplit("/", 1)[1]
        sup = c.get(f"/suppliers/{key}").text
        assert f'href="/records/contracts/new?supplier={key}"' in sup
        assert f'href="/records/payments/new?supplier={key}"' in sup
        form = c.get(f"/records/contracts/new?supplier={key}").text
        assert f'value="{key}" selected' in form
        contract = {
            "number": "RF/2025/118",
            "supplier": key,
            "signed_on": "2025-03-10",
            "title": "Two fibre laser cutters",
            "currency": "eur",
            "value": "1,20000",
            "warranty_months": "24",
            "warranty_start": "acceptance",
            "inspection_days": "14",
            "evidence": "E-1",
            "csrftoken": tok,
        }
        for bad, field_text in [
            ({"value": "1,20000"}, "is not an amount"),
            ({"value": "120000", "currency": ""}, "give the currency of the value"),
            ({"value": "120000", "signed_on": "10.03.2025"}, "signed on"),
            ({"value": "120000", "evidence": "E-0099"}, "no evidence item E-0099"),
            ({"value": "120000", "supplier": "nobody"}, "no supplier &#39;nobody&#39;"),
            ({"value": "120000", "warranty_months": "two"}, "not a whole number"),
        ]:
            r = c.post("/records/contracts/new", data={**contract, **bad})
            assert r.status_code == 422 and field_text in r.text, (bad, r.text[-3000:])
            assert 'value="Two fibre laser cutters"' in r.text
        assert contracts.list_contracts(ctx, "default") == []
        zh = c.post("/records/contracts/new?lang=zh", data={**contract, "value": "-5"})
        assert zh.status_code == 422 and "金额" in zh.text and "must be more than" not in zh.text
        c.get("/?lang=en")
        r = c.post("/records/contracts/new", data={**contract, "value": "120000"}, follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"] == "/records/contracts/RF/2025/118"
        page = c.get("/records/contracts/RF/2025/118").text
        assert "Two fibre laser cutters" in page and "€120,000.00" in page and 'href="/evidence/E-0001"' in page
        assert 'href="/contracts/E-0001"' in page  # its clarity check
        r = c.post("/records/contracts/new", data={**contract, "value": "120000"})
        assert r.status_code == 422 and "already a contract" in r.text
        # the clarity page of the signed copy links to the record
        assert 'href="/records/contracts/RF/2025/118"' in c.get("/contracts/E-0001").text
        assert 'href="/records/contracts/new?evidence=E-0002' in c.get("/contracts/E-0002").text

        # correct the contract: only the changed field is a change in the history
        edit = c.get("/records/contracts/RF/2025/118/edit").text
        assert 'value="120000.00"' in edit and 'value="acceptance" selected' in edit
        fields = dict(re.findall(r'<input[^>]*name="(\w+)"[^>]*value="([^"]*)"', edit))
        fields.update(supplier=key, warranty_start="acceptance", dispute_clause="", csrftoken=tok)
        r = c.post("/records/contracts/RF/2025/118/edit", data={**fields, "warranty_months": "x"})
        assert r.status_code == 422 and 'value="x"' in r.text
        r = c.post(
            "/records/contracts/RF/2025/118/edit", data={**fields, "warranty_months": "36"}, follow_redirects=False
        )
        assert r.status_code == 303
        rec = contracts.get_contract(ctx, "default", "RF/2025/118")
        assert rec.warranty_months == 36 and rec.history[-1].details["changes"] == {
            "warranty_months": {"old": 24, "new": 36}
        }

        # an amendment: agreed_by and unilateral together is refused, unilateral alone is recorded as such
        amend = {
            "effective_on": "2025-05-02",
            "summary": "Delivery moved to June",
            "agreed_by": "both",
            "unilateral": "on",
            "csrftoken": tok,
        }
        r = c.post("/records/contracts/RF/2025/118/amend", data=amend)
        assert (
            r.status_code == 422
            and "a unilateral change has no agreement" in r.text
            and "Delivery moved to June" in r.text
        )
        r = c.post(
            "/records/contracts/RF/2025/118/amend",
            data={**amend, "agreed_by": "", "evidence": "E-0002"},
            follow_redirects=False,
        )
        assert r.status_code == 303
        page = c.get("/records/contracts/RF/2025/118").text
        assert "RF/2025/118-A1" in page and "unilateral change by the supplier, not agreed" in page

        # an order with its delivery and machines
        form = c.get("/records/orders/new?contract=RF/2025/118").text
        assert 'value="RF/2025/118" selected' in form and 'value="EUR"' in form
        order = {
            "number": "PO-2025-0042",
            "contract": "RF/2025/118",
            "currency": "EUR",
            "amount": "60000",
            "ordered_on": "2025-03-12",
            "delivered_on": "2025-03-01",
            "items": "LX-3000 SN-2041\nLX-3000 SN-2042",
            "evidence": "E-0003",
            "csrftoken": tok,
        }
        r = c.post("/records/orders/new", data=order)
        assert r.status_code == 422 and "before the order date" in r.text and "SN-2042" in r.text
        r = c.post("/records/orders/new", data={**order, "delivered_on": "2025-06-20", "items": "SN-2041"})
        assert r.status_code == 422 and "needs a model and a serial number" in r.text
        assert orders.list_orders(ctx, "default") == []
        r = c.post("/records/orders/new", data={**order, "delivered_on": "2025-06-20"}, follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"] == "/records/orders/PO-2025-0042"
        page = c.get("/records/orders/PO-2025-0042").text
        assert "SN-2041" in page and "SN-2042" in page and "20 Jun 2025" in page
        edit = c.get("/records/orders/PO-2025-0042/edit").text
        assert "LX-3000 SN-2041\nLX-3000 SN-2042</textarea>" in edit
        r = c.post(
            "/records/orders/PO-2025-0042/edit",
            data={
                **{k: v for k, v in order.items() if k != "number"},
                "delivered_on": "2025-06-20",
                "accepted_on": "2025-06-30",
            },
            follow_redirects=False,
        )
        assert r.status_code == 303
        rec = orders.get_order(ctx, "default", "PO-2025-0042")
        assert str(rec.accepted_on) == "2025-06-30" and set(rec.history[-1].details["changes"]) == {"accepted_on"}
        r = c.post(
            "/records/orders/PO-2025-0042/edit",
            data={
                **{k: v for k, v in order.items() if k != "number"},
                "delivered_on": "2025-06-20",
                "accepted_on": "2025-06-30",
                "items": "LX-3000 SN-2041\nLX-3000B SN-2042",
            },
            follow_redirects=False,
        )
        assert r.status_code == 303
        history = c.get("/records/orders/PO-2025-0042").text.split('id="history"')[1]
        assert "LX-3000 SN-2041, LX-3000 SN-2042 → LX-3000 SN-2041, LX-3000B SN-2042" in history
        assert "{" not in history

        # a payment from the order page
        form = c.get("/records/payments/new?order=PO-2025-0042").text
        assert f'value="{key}" selected' in form and 'value="PO-2025-0042" selected' in form
        pay = {
            "supplier": key,
            "amount": "abc",
            "currency": "EUR",
            "paid_on": "2025-03-15",
            "order": "PO-2025-0042",
            "account": "DE89370400440532013000",
            "evidence": "E-0004",
            "csrftoken": tok,
        }
        r = c.post("/records/payments/new", data=pay)
        assert r.status_code == 422 and "is not an amount" in r.text and 'value="DE89370400440532013000"' in r.text
        assert payments.list_payments(ctx, "default") == []
        r = c.post("/records/payments/new", data={**pay, "amount": "36000.00"}, follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"] == "/records/payments/P-1"
        page = c.get("/records/payments/P-1").text
        assert "€36,000.00" in page and "DE89370400440532013000" in page and "RF/2025/118" in page
        r = c.post("/records/payments/P-1/edit", data={**pay, "amount": "36500.00"}, follow_redirects=False)
        assert r.status_code == 303
        assert "36000.00 → 36500.00" in c.get("/records/payments/P-1").text

        # the lists and the dashboard in both languages
        lst = c.get("/records").text
        assert "RF/2025/118" in lst and "PO-2025-0042" in lst and "P-1" in lst
        home = c.get("/").text
        assert 'class="done" data-step="contract"' in home and 'class="todo" data-step="mail"' in home
        for url in [
            "/records",
            "/records/contracts/RF/2025/118",
            "/records/orders/PO-2025-0042",
            "/records/payments/P-1",
            "/buyer",
        ]:
            zh = c.get(url, params={"lang": "zh"})
            assert zh.status_code == 200 and "History" not in zh.text and "Supplier<" not in zh.text, url
        assert c.get("/records/contracts/NOPE").status_code == 404

        # archived, not deleted: gone from the list, back on request, the order still points to it
        r = c.post("/records/contracts/RF/2025/118/archive", data={"archived": "1", "csrftoken": tok})
        assert r.status_code == 200 and "archived" in r.text  # followed to the contract page
        assert "RF/2025/118" not in c.get("/records").text.split('id="orders"')[0]
        assert "RF/2025/118" in c.get("/records?archived=true").text.split('id="orders"')[0]
        assert orders.get_order(ctx, "default", "PO-2025-0042").contract == "RF/2025/118"
        c.post("/records/contracts/RF/2025/118/archive", data={"archived": "0", "csrftoken": tok})
        assert not contracts.get_contract(ctx, "default", "RF/2025/118").archived


def test_a_viewer_reads_the_records_but_gets_no_forms(ctx) -> None:  # type: ignore[no-untyped-def]
    make_user(ctx, "vic", "default", "viewer")
    with TestClient(create_app(ctx)) as c:
        tok = sign_in(c, "vic")
        for url in ("/", "/buyer", "/records"):
            r = c.get(url)
            assert r.status_code == 200 and 'href="/buyer/edit"' not in r.text
        assert "Add contract" not in c.get("/records").text
        assert c.get("/records/contracts/new").status_code == 403
        r = c.post("/buyer/edit", data={"name": "Mallory", "csrftoken": tok})
        assert r.status_code == 403 and c.get("/buyer").text.count("Mallory") == 0


def test_forms_offer_the_chosen_suppliers_orders_and_preselect_the_request(ctx) -> None:  # type: ignore[no-untyped-def]
    """The payment form lists the orders of the supplier it is for (all of them by supplier
    otherwise); a request started from an order's machine has its supplier, contract and machine
    chosen; a case opened from the request's page takes its deadline facts from the delivery."""
    from disputedesk.services.records.models import NewContract, NewOrder
    from disputedesk.services.suppliers import profile as supplier_profiles

    for key, name in (("ruifeng", "Ruifeng Laser"), ("hengtuo", "Hengtuo CNC")):
        supplier_profiles.create_supplier(ctx, "default", {"name_en": name, "key": key}, actor="t")
        contracts.add_contract(
            ctx, "default", NewContract(number=f"C-{key}", supplier=key, signed_on="2025-03-10"), actor="t"
        )
        orders.add_order(
            ctx,
            "default",
            NewOrder(
                number=f"PO-{key}",
                contract=f"C-{key}",
                currency="EUR",
                amount="1000",
                items=[f"LX-3000 SN-{key}"],
                delivered_on="2025-04-01",
            ),
            actor="t",
        )
    make_user(ctx, "alice", "default", "owner")
    with TestClient(create_app(ctx)) as c:
        sign_in(c, "alice")
        mine = c.get("/records/payments/new", params={"supplier": "hengtuo"}).text
        assert 'value="PO-hengtuo"' in mine and 'value="PO-ruifeng"' not in mine
        by_order = c.get("/records/payments/new", params={"order": "PO-ruifeng"}).text
        assert 'value="PO-ruifeng" selected' in by_order and 'value="PO-hengtuo"' not in by_order
        every = c.get("/records/payments/new").text
        assert '<optgroup label="Hengtuo CNC">' in every and '<optgroup label="Ruifeng Laser">' in every

        order = c.get("/records/orders/PO-hengtuo").text
        link = re.search(r'href="(/requests/new\?[^"]*serial=SN-hengtuo)"', order)
        assert link, order
        form = c.get(link.group(1).replace("&amp;", "&")).text
        assert '<option value="hengtuo" selected>' in form
        assert '<option value="C-hengtuo" selected>' in form and '<option value="SN-hengtuo" selected>' in form
        contract = c.get("/records/contracts/C-ruifeng").text
        assert 'href="/requests/new?supplier=ruifeng&amp;contract=C-ruifeng"' in contract

        r = c.post(
            "/requests/new",
            data={"supplier": "hengtuo", "title": "Press brake down", "contract": "C-hengtuo", "serial": "SN-hengtuo"},
            follow_redirects=False,
        )
        assert r.status_code == 303 and r.headers["location"] == "/requests/SR-0001"
        page = c.get("/requests/SR-0001").text
        assert 'action="/requests/SR-0001/case"' in page
        r = c.post("/requests/SR-0001/case", follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"].startswith("/cases/CASE-"), r.text[-1500:]
        case = c.get(r.headers["location"]).text
        assert "order PO-hengtuo: delivered on 1 Apr 2025" in case
        assert c.post("/requests/SR-0099/case").status_code == 404

        # the /cases page's own form: the same deadline facts from the records, each with its source
        r = c.post("/requests/new", data={"supplier": "ruifeng", "title": "Laser head", "contract": "C-ruifeng"})
        assert r.status_code == 200, r.text[-800:]
        r = c.post(
            "/cases",
            data={
                "title": "Laser head never repaired",
                "supplier": "ruifeng",
                "contract": "C-ruifeng",
                "issues": "no_or_slow_support",
                "support_requests": "SR-0002",
            },
            follow_redirects=False,
        )
        assert r.status_code == 303, r.text[-1500:]
        case = c.get(r.headers["location"]).text
        assert "order PO-ruifeng: delivered on 1 Apr 2025" in case
        assert "first support request SR-0002 opened" in case
        # the notes the code wrote read as Chinese on a Chinese page, the facts' names as words, the
        # days in the page's date style
        zh = c.get(r.headers["location"], params={"lang": "zh"}).text
        assert "收货日期 2025年4月1日：订单 PO-ruifeng：2025年4月1日 交货" in zh
        assert "首个技术支持请求 SR-0002 提出之日" in zh and "first support request" not in zh
        c.post("/requests/new", data={"supplier": "ruifeng", "title": "Manual missing"})  # SR-0003, no contract
        r = c.post(
            "/cases",
            data={
                "title": "No contract yet",
                "supplier": "ruifeng",
                "issues": "no_or_slow_support",
                "support_requests": "SR-0003",
            },
            follow_redirects=False,
        )
        assert r.status_code == 303, r.text[-1500:]
        zh = c.get(r.headers["location"], params={"lang": "zh"}).text
        missing = re.search(r"计算期限缺少的事实：(.*?)</p>", zh)
        assert missing and "准据法" in missing.group(1) and "_" not in missing.group(1), missing
        c.get("/cases", params={"lang": "en"})
