"""A case opened from one's own support request is the same case whichever way it is opened: the
``/cases`` page's form, ``POST /api/cases`` and ``disputedesk case open`` go through one service
call, so each gets the contract and orders of the request, the deadline facts from the delivery
(with their sources as notes) and the ladder's first rung, the support request itself. Before, the
API opened a bare case: no facts, an empty ladder, and its first formal complaint was refused as
skipping the support request it was opened from. SQLite and PostgreSQL."""

from __future__ import annotations

import json
import re

from pages_support import alert, owner_client
from typer.testing import CliRunner

from support import CSRF_RE, api_token


def _records(c) -> str:  # type: ignore[no-untyped-def]
    """Supplier, contract, an order delivered on 2 Feb 2026 and a request opened on 2 Mar 2026 (no mail)."""
    r = c.post("/suppliers", data={"name_en": "Jinhua Precision", "kind": "factory"}, follow_redirects=False)
    key = r.headers["location"].rstrip("/").rsplit("/", 1)[-1]
    contract = {"number": "JH-2026-001", "supplier": key, "signed_on": "2026-01-05", "warranty_months": "12",
                "warranty_start": "delivery", "inspection_days": "14",
                "governing_law": "Laws of the People's Republic of China"}  # fmt: skip
    r = c.post("/records/contracts/new", data=contract, follow_redirects=False)
    assert r.status_code == 303, alert(r.text)
    order = {"number": "PO-1", "contract": "JH-2026-001", "currency": "EUR", "amount": "1000",
             "ordered_on": "2026-01-10", "delivered_on": "2026-02-02"}  # fmt: skip
    assert c.post("/records/orders/new", data=order, follow_redirects=False).status_code == 303
    ask = {"supplier": key, "title": "Spindle alarm", "severity": "critical", "contract": "JH-2026-001",
           "opened_at": "2026-03-02T09:30", "tz": "Europe/Berlin"}  # fmt: skip
    assert c.post("/requests/new", data=ask, follow_redirects=False).status_code == 303
    return key


def open_on_page(c, key: str) -> str:  # type: ignore[no-untyped-def]
    """Open a case from SR-0001 with the ``/cases`` form; its address (``/cases/1``)."""
    csrf = re.search(CSRF_RE, c.get("/cases").text).group(1)  # type: ignore[union-attr]
    form = {"csrftoken": csrf, "title": "Spindle alarm", "supplier": key, "issues": "no_or_slow_support",
            "support_requests": "SR-0001"}  # fmt: skip
    r = c.post("/cases", data=form, follow_redirects=False)
    assert r.status_code == 303, alert(r.text)
    return str(r.headers["location"])


def _same(case: dict) -> dict:  # type: ignore[type-arg]
    """What must not depend on the way the case was opened."""
    return {
        "contract": (case["contract"] or {}).get("number"),
        "orders": [o["number"] for o in case["orders"]],
        "facts": case["facts"],
        "ladder": [(s["step"], s["sent_on"], s["channel"], s["recipient"], s["proof"]) for s in case["ladder"]],
        "notes": [n["text"] for n in case["notes"]],
        "suggested": case["suggested_next"]["step"],
    }


def test_page_api_and_cli_open_the_same_case_from_a_request(ctx, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from fastapi.testclient import TestClient

    from disputedesk.cli import app
    from disputedesk.config import get_settings
    from disputedesk.web.app import create_app

    c = owner_client(ctx)
    try:
        key = _records(c)
        by_page = c.get(f"/api{open_on_page(c, key)}").json()
    finally:
        c.__exit__(None, None, None)

    with TestClient(create_app(ctx)) as api:
        api.headers["Authorization"] = f"Bearer {api_token(ctx, 'anna', 'default')}"
        body = {"title": "Spindle alarm", "supplier": key, "issues": ["no_or_slow_support"],
                "support_requests": ["SR-0001"]}  # fmt: skip
        r = api.post("/api/cases", json=body)
        assert r.status_code == 201, r.text
        by_api = r.json()

    monkeypatch.setenv("DISPUTEDESK_DATA_DIR", str(ctx.settings.data_dir))
    monkeypatch.setenv("DISPUTEDESK_DATABASE_URL", ctx.settings.resolved_database_url)
    get_settings.cache_clear()
    try:
        r = CliRunner().invoke(app, ["case", "open", "--request", "SR-0001", "-w", "default", "--json"])
        assert r.exit_code == 0, r.output
        by_cli = json.loads(r.stdout)
    finally:
        get_settings.cache_clear()

    assert len({by_page["number"], by_api["number"], by_cli["number"]}) == 3
    page = _same(by_page)
    assert page["contract"] == "JH-2026-001" and page["orders"] == ["PO-1"], page
    assert page["facts"]["received_on"] == "2026-02-02" and page["facts"]["knowledge_on"] == "2026-03-02", page
    assert page["facts"]["governing_law"] == "CN" and page["facts"]["warranty_months"] == 12, page
    assert page["ladder"] == [("support_request", "2026-03-02", "support request SR-0001", "Jinhua Precision", None)]
    assert page["suggested"] == "formal_complaint", page
    assert page["notes"], "the facts' sources are written as the case's notes"
    assert _same(by_api) == page
    assert _same(by_cli) == page


def test_the_api_keeps_what_the_caller_gave_and_refuses_before_writing(ctx) -> None:  # type: ignore[no-untyped-def]
    """Facts given in the body are the case's facts (not replaced from the records); an unknown
    request is refused naming it, and no case is written."""
    from fastapi.testclient import TestClient

    from disputedesk.services import cases
    from disputedesk.web.app import create_app

    c = owner_client(ctx)
    try:
        key = _records(c)
    finally:
        c.__exit__(None, None, None)
    with TestClient(create_app(ctx)) as api:
        api.headers["Authorization"] = f"Bearer {api_token(ctx, 'anna', 'default')}"
        facts = {"governing_law": "DE", "contract_type": "international_sale", "cisg_applies": True,
                 "received_on": "2026-02-03", "knowledge_on": "2026-03-05"}  # fmt: skip
        body = {"title": "Spindle alarm", "supplier": key, "issues": ["no_or_slow_support"],
                "support_requests": ["SR-0001"], "facts": facts}  # fmt: skip
        r = api.post("/api/cases", json=body)
        assert r.status_code == 201, r.text
        got = r.json()
        assert got["facts"]["governing_law"] == "DE" and got["facts"]["received_on"] == "2026-02-03", got["facts"]
        assert [s["step"] for s in got["ladder"]] == ["support_request"]
        before = len(cases.list_cases(ctx, "default"))
        r = api.post("/api/cases", json={**body, "support_requests": ["SR-0404"], "facts": None})
        assert r.status_code == 400 and r.json()["field"] == "support_requests[0]", r.text
        assert len(cases.list_cases(ctx, "default")) == before
