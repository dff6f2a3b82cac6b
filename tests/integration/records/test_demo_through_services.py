"""The demo is loaded through the public services (issue 13): the buyer, the suppliers with their
contacts, the support requests with their closing and their mail links are ledger entries of the
same service calls the API, the pages and the CLI make, and the demo's figures are unchanged."""

from __future__ import annotations

import json
from collections import Counter

from fastapi.testclient import TestClient
from sqlalchemy import select

from disputedesk.services.demo import load_demo
from disputedesk.services.records import buyer as buyer_svc
from disputedesk.services.records import requests as request_svc
from disputedesk.services.sla import request_detail
from disputedesk.store.db import unit_of_work
from disputedesk.store.models import LedgerEntry
from disputedesk.store.models_suppliers import SupplierContactChannel
from disputedesk.web.app import create_app

from support import api_token, make_user, sign_in


def _actions(ctx) -> Counter[str]:  # type: ignore[no-untyped-def]
    with unit_of_work(ctx.engine) as s:
        return Counter(s.execute(select(LedgerEntry.action)).scalars())


def test_demo_records_are_service_calls_and_load_once(sqlite_ctx) -> None:  # type: ignore[no-untyped-def]
    ctx = sqlite_ctx
    lines = load_demo(ctx, "demo")
    assert "records created" in lines and "SLA: 5 request(s) evaluated, 2 breached, 3 met" in lines
    done = _actions(ctx)
    assert done["buyer.created"] == 1
    assert done["supplier.created"] == 2 and done["supplier.contact_added"] == 9
    assert done["request.opened"] == 5 and done["request.closed"] == 3
    assert done["request.linked"] >= 5  # messages, then their threads
    assert done["contract.added"] == 2 and done["order.added"] == 3

    b = buyer_svc.get_buyer(ctx, "demo")
    assert b is not None and b.timezone == "Europe/Berlin" and b.vat_id == "DE318442907"
    assert b.bank_account is not None and b.bank_account.iban == "DE26641901100038172604"
    assert [c.name for c in b.contacts][:2] == ["Katrin Albers", "Jonas Reuter"]

    closed = request_svc.get_request(ctx, "demo", "SR-0003")
    assert closed.status == "resolved" and closed.closed_at is not None
    assert closed.closed_at.isoformat() == "2026-10-08T07:45:00+00:00"
    assert [h.action for h in closed.history][:2] == ["request.opened", "request.closed"]
    assert len(closed.messages) == 4 and closed.threads
    e207 = request_svc.get_request(ctx, "demo", "SR-0002")
    assert e207.status == "open" and len(e207.messages) == 20 and e207.serial == "RF3015G6-2512-0087"
    # closing through the service gives the SLA engine the same single resolution
    detail = request_detail(ctx, "demo", "SR-0004").to_dict()
    events = [e for e in detail["timeline"] if e["kind"] == "event"]
    assert [(e["at"], e["ref"]) for e in events] == [("2026-04-21T08:15:00+00:00", "dispute.json")]
    assert detail["sla_status"] == "met"
    with unit_of_work(ctx.engine) as s:
        channels = len(list(s.execute(select(SupplierContactChannel.id)).scalars()))
    assert channels == 23

    again = load_demo(ctx, "demo")
    assert "records already loaded" in again
    after = _actions(ctx)
    for action in ("buyer.created", "supplier.created", "supplier.contact_added", "request.opened", "request.linked"):
        assert after[action] == done[action], action


def test_buyer_vat_id_and_bank_account_on_api_page_and_cli(ctx, cli) -> None:  # type: ignore[no-untyped-def]
    """What the demo's buyer has (VAT ID, the bank account its letters give), a user can set too."""
    make_user(ctx, "alice", "default", "owner")
    with TestClient(create_app(ctx)) as c:
        c.headers["Authorization"] = f"Bearer {api_token(ctx, 'alice', 'default')}"
        r = c.put("/api/buyer", json={"name": "Brandt GmbH", "bank_account": {"iban": "DE89370400440532013000"}})
        assert r.status_code == 200, r.text
        assert r.json()["bank_account"] == {"bank": None, "iban": "DE89370400440532013000", "bic": None}
        r = c.put("/api/buyer", json={"bank_account": {"iban": "DE89", "swift": "X"}})
        assert r.status_code == 422 and "swift" in r.text
    r = cli("buyer", "set", "--vat-id", "DE318442907", "--bic", "COBADEFFXXX", "--json")
    rec = json.loads(r.stdout)
    assert rec["vat_id"] == "DE318442907"
    assert rec["bank_account"] == {"bank": None, "iban": "DE89370400440532013000", "bic": "COBADEFFXXX"}
    changes = rec["history"][-1]["details"]["changes"]
    assert changes["bank_account"]["old"] == {"iban": "DE89370400440532013000"}
    assert set(changes) == {"vat_id", "bank_account"}

    with TestClient(create_app(ctx)) as c:
        sign_in(c, "alice")
        page = c.get("/buyer/edit")
        assert 'name="iban" maxlength="100" value="DE89370400440532013000"' in page.text
        r = c.post(
            "/buyer/edit",
            data={
                "name": "Brandt GmbH",
                "vat_id": "DE318442907",
                "bank": "Commerzbank",
                "iban": "",
                "bic": "COBADEFFXXX",
            },
            follow_redirects=False,
        )
        assert r.status_code == 303, r.text
        shown = c.get("/buyer").text
        assert "Commerzbank · BIC COBADEFFXXX" in shown and "DE318442907" in shown
    b = buyer_svc.get_buyer(ctx, "default")
    assert b is not None and b.bank_account is not None and b.bank_account.iban is None
