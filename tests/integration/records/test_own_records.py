"""The buyer, contracts, amendments, orders and payments of a user's own dispute, created and
corrected through the JSON API and the CLI from an empty workspace (SQLite and PostgreSQL):
typed bodies, 422 naming the field, exit code 2 with one line, nothing half-written, each change
a ledger entry with the old and new value."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient

from disputedesk.services import verify
from disputedesk.web.app import create_app

from records_fixtures import import_text_evidence
from support import api_token, make_user


def test_api_builds_the_records_of_an_own_dispute(ctx, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import_text_evidence(
        ctx,
        tmp_path,
        ["contract.txt", "annex.txt", "amendment.txt", "delivery-note.txt", "acceptance.txt", "swift.txt"],
    )
    make_user(ctx, "alice", "default", "owner")
    make_user(ctx, "vic", "default", "viewer")
    with TestClient(create_app(ctx)) as c:
        c.headers["Authorization"] = f"Bearer {api_token(ctx, 'alice', 'default')}"
        assert c.get("/api/buyer").json() is None
        r = c.put("/api/buyer", json={"email_domains": ["brandt.de"]})
        assert r.status_code == 422 and r.json()["field"] == "name"
        r = c.put(
            "/api/buyer",
            json={
                "name": "Brandt GmbH",
                "email_domains": "brandt.de, brandt.com",
                "timezone": "Europe/Berlin",
                "country": "de",
            },
        )
        assert r.status_code == 200, r.text
        assert r.json()["email_domains"] == ["brandt.de", "brandt.com"] and r.json()["country"] == "DE"
        for body, field in [
            ({"timezone": "Mars/Olympus"}, "timezone"),
            ({"email_domains": ["not a domain"]}, "email_domains"),
        ]:
            r = c.put("/api/buyer", json=body)
            assert r.status_code == 422 and r.json()["field"] == field, r.text
        r = c.put("/api/buyer", json={"timezone": "Europe/Lisbon"})
        assert r.json()["history"][-1]["details"]["changes"]["timezone"] == {
            "old": "Europe/Berlin",
            "new": "Europe/Lisbon",
        }

        # A supplier known only by its English trade name: no USCC needed, shown as a gap.
        r = c.post("/api/suppliers", json={"name_en": "Ruifeng Laser"})
        assert r.status_code == 201, r.text
        key = r.json()["key"]
        card = next(s for s in c.get("/api/suppliers").json() if s["key"] == key)
        assert card["risk"] != "low"

        contract = {
            "number": "RF-2025-118",
            "supplier": key,
            "signed_on": "2025-03-10",
            "currency": "eur",
            "value": "120000.00",
            "warranty_months": 12,
            "warranty_start": "acceptance",
            "inspection_days": 30,
            "governing_law": "PRC law",
            "evidence": ["E-0001", "E-0002"],
        }
        for bad, field in [
            ({"supplier": "nobody"}, "supplier"),
            ({"signed_on": "10.03.2025"}, "signed_on"),
            ({"value": "-5"}, "value"),
            ({"value": "12,5"}, "value"),
            ({"currency": "euro"}, "currency"),
            ({"evidence": ["E-0099"]}, "evidence"),
            ({"evidence": ["doc 1"]}, "evidence.0"),
            ({"warranty_start": "whenever"}, "warranty_start"),
        ]:
            r = c.post("/api/contracts", json={**contract, **bad})
            assert r.status_code == 422 and r.json()["field"] == field, (bad, r.text)
        assert c.get("/api/contracts").json() == []  # nothing half-written
        r = c.post("/api/contracts", json=contract)
        assert r.status_code == 201, r.text
        rec = r.json()
        assert rec["currency"] == "EUR" and rec["value"] == "120000.00" and rec["evidence"] == ["E-0001", "E-0002"]
        r = c.post("/api/contracts", json=contract)
        assert r.status_code == 422 and r.json()["field"] == "number"
        r = c.patch("/api/contracts/RF-2025-118", json={"warranty_months": 24})
        assert r.json()["history"][-1]["details"]["changes"]["warranty_months"] == {"old": 12, "new": 24}
        r = c.post(
            "/api/contracts/RF-2025-118/amendments",
            json={
                "effective_on": "2025-09-01",
                "summary": "Remote support only, hotline removed",
                "evidence": ["E-0003"],
                "unilateral": True,
            },
        )
        assert r.status_code == 201, r.text
        am = r.json()["amendments"][0]
        assert am["number"] == "RF-2025-118-A1" and am["unilateral"] is True and am["agreed_by"] is None
        r = c.post("/api/contracts/RF-2025-118/amendments", json={"effective_on": "2024-01-01", "summary": "x"})
        assert r.status_code == 422 and r.json()["field"] == "effective_on"

        order = {
            "number": "PO-1",
            "contract": "RF-2025-118",
            "currency": "EUR",
            "amount": "120000",
            "ordered_on": "2025-03-12",
            "delivered_on": "2025-05-20",
            "accepted_on": "2025-06-02",
            "items": ["LX-3000 SN-2041", {"model": "LX-3000", "serial": "SN-2042"}],
            "evidence": ["E-0004"],
            "acceptance_evidence": ["E-0005"],
        }
        for bad, field in [
            ({"delivered_on": "2025-03-01"}, "delivered_on"),
            ({"accepted_on": "2025-05-01"}, "accepted_on"),
            ({"contract": "NOPE"}, "contract"),
            ({"items": ["SN-only"]}, "items.0"),
            ({"items": ["A SN-1", "B SN-1"]}, "items"),
        ]:
            r = c.post("/api/orders", json={**order, **bad})
            assert r.status_code == 422 and r.json()["field"] == field, (bad, r.text)
        r = c.post("/api/orders", json=order)
        assert r.status_code == 201, r.text
        assert [i["serial"] for i in r.json()["items"]] == ["SN-2041", "SN-2042"]
        r = c.patch("/api/orders/PO-1", json={"accepted_on": "2025-06-03"})
        assert r.json()["history"][-1]["details"]["changes"]["accepted_on"] == {
            "old": "2025-06-02",
            "new": "2025-06-03",
        }
        assert c.get("/api/contracts/RF-2025-118").json()["orders"] == ["PO-1"]

        payment = {
            "supplier": key,
            "amount": "36000.00",
            "currency": "EUR",
            "paid_on": "2025-03-15",
            "order": "PO-1",
            "account": "CN12 3456",
            "evidence": ["E-0006"],
        }
        for bad, field in [
            ({"amount": "0"}, "amount"),
            ({"amount": "abc"}, "amount"),
            ({"order": "PO-9"}, "order"),
            ({"paid_on": "2025-02-30"}, "paid_on"),
        ]:
            r = c.post("/api/payments", json={**payment, **bad})
            assert r.status_code == 422 and r.json()["field"] == field, (bad, r.text)
        r = c.post("/api/payments", json=payment)
        assert r.status_code == 201 and r.json()["number"] == "P-1" and r.json()["contract"] == "RF-2025-118"
        assert c.get("/api/payments/P-1").json()["amount"] == "36000.00"
        assert c.get("/api/payments/P-7").status_code == 404

        r = c.delete("/api/contracts/RF-2025-118")
        assert r.status_code == 422 and "archive it instead" in r.json()["error"]

        c.headers["Authorization"] = f"Bearer {api_token(ctx, 'vic', 'default')}"
        assert c.get("/api/orders").status_code == 200
        assert c.post("/api/payments", json=payment).status_code == 403
        assert c.patch("/api/contracts/RF-2025-118", json={"title": "x"}).status_code == 403
        openapi = c.get("/api/openapi.json").json()
        assert {"number", "supplier", "signed_on", "warranty_start"} <= set(
            openapi["components"]["schemas"]["NewContract"]["properties"]
        )
    assert verify.verify(ctx, "default").ok


def test_cli_records(cli, ctx, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import_text_evidence(ctx, tmp_path, ["contract.txt", "note.txt"])
    assert (
        "buyer: Brandt GmbH"
        in cli("buyer", "set", "--name", "Brandt GmbH", "--email-domains", "brandt.de", "--tz", "Europe/Berlin").output
    )
    assert "time zone" in cli("buyer", "set", "--tz", "Europe/Nowhere", code=2).output
    assert "supplier ruifeng added" in cli("supplier", "add", "--name-en", "Ruifeng", "--key", "ruifeng").output
    r = cli("supplier", "add", "--name-en", "X", "--uscc", "123", code=2)
    assert "uscc" in r.output
    r = cli(
        "contract",
        "add",
        "C-1",
        "--supplier",
        "ruifeng",
        "--signed-on",
        "2025-03-10",
        "--currency",
        "EUR",
        "--value",
        "1000",
        "--evidence",
        "E-0001",
    )
    assert "added: C-1 · ruifeng · signed 2025-03-10 · EUR 1,000" in r.output
    r = cli("contract", "add", "C-2", "--supplier", "ruifeng", "--signed-on", "10/03/2025", code=2)
    # one line in English, one in Chinese, the field by its label
    assert r.output.count("\n") == 2 and "signed on: " in r.output and "签订日期：" in r.output
    r = cli(
        "contract",
        "amend",
        "C-1",
        "--effective-on",
        "2025-09-01",
        "--summary",
        "hotline removed",
        "--unilateral",
        "--evidence",
        "E-0002",
    )
    assert "C-1-A1: effective 2025-09-01 · unilateral change by the supplier (not agreed) · E-0002" in r.output
    r = cli(
        "order",
        "add",
        "PO-1",
        "--contract",
        "C-1",
        "--currency",
        "EUR",
        "--amount",
        "1000",
        "--ordered-on",
        "2025-04-01",
        "--delivered-on",
        "2025-03-01",
        code=2,
    )
    assert "delivered on: 1 Mar 2025 is before the order date (1 Apr 2025)" in r.output
    r = cli(
        "order",
        "add",
        "PO-1",
        "--contract",
        "C-1",
        "--currency",
        "EUR",
        "--amount",
        "1000",
        "--delivered-on",
        "2025-05-01",
        "--item",
        "LX-3000 SN-1",
    )
    assert "delivered 2025-05-01 · LX-3000 SN-1" in r.output
    r = cli(
        "payment",
        "add",
        "--supplier",
        "ruifeng",
        "--amount",
        "-3",
        "--currency",
        "EUR",
        "--paid-on",
        "2025-03-15",
        code=2,
    )
    assert "amount: must be more than 0" in r.output
    r = cli(
        "payment",
        "add",
        "--supplier",
        "ruifeng",
        "--amount",
        "400",
        "--currency",
        "EUR",
        "--paid-on",
        "2025-03-15",
        "--order",
        "PO-1",
        "--json",
    )
    assert json.loads(r.output)["number"] == "P-1"
    shown = json.loads(cli("contract", "show", "C-1", "--json").output)
    assert shown["orders"] == ["PO-1"] and shown["amendments"][0]["unilateral"] is True
    assert "P-1 · ruifeng · EUR 400" in cli("payment", "list").output
