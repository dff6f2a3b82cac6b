"""Three things a buyer met on a case (cases26):

* recording the supplier's reply on a step that already has one replaced the earlier reply without
  a word; now it is refused, naming the reply that is kept, unless the user asks to replace it, and
  then the ledger entry names the reply it replaced (page en/zh, API);
* an amount received of 0.00 (or less) was accepted; now refused naming the amount (page, API);
* a case opened from a support request that has no mail had an empty ladder, so its first formal
  complaint was refused as "skipping" the very support request it was opened from; now the ladder
  starts with that request (page, CLI).
"""

from __future__ import annotations

import json
import re

from fastapi.testclient import TestClient
from pages_support import alert, foreign_sentences, owner_client, visible
from sqlalchemy import select
from typer.testing import CliRunner

from disputedesk.services import cases
from disputedesk.store.db import unit_of_work
from disputedesk.store.models import LedgerEntry
from disputedesk.web.app import create_app
from tests.integration.cases.test_cases_web import demo_browser  # noqa: F401

from support import CSRF_RE, api_token


def _ladder(c, case_id) -> list[dict]:  # type: ignore[no-untyped-def,type-arg]
    return cases.get_case(c.app.state.ctx, "demo", case_id).to_json()["ladder"]  # type: ignore[no-any-return]


def _replies(ctx) -> list[dict]:  # type: ignore[no-untyped-def,type-arg]
    with unit_of_work(ctx.engine) as s:
        rows = s.execute(select(LedgerEntry.payload).where(LedgerEntry.action == "case.reply_recorded")).scalars()
        return [json.loads(p) if isinstance(p, str) else p for p in rows]


def test_a_second_reply_on_a_step_is_refused_naming_the_one_kept_unless_replace_is_chosen(demo_browser) -> None:  # noqa: F811
    """The demo's formal complaint (step 3) has the supplier's reply of 24 July 2026 (E-0087)."""
    c, case_id = demo_browser
    ctx = c.app.state.ctx
    csrf = re.search(CSRF_RE, c.get(f"/cases/{case_id}").text).group(1)  # type: ignore[union-attr]
    step = next(s for s in _ladder(c, case_id) if s["position"] == 3)
    assert (step["step"], step["reply_on"], step["reply_evidence"]) == ("formal_complaint", "2026-07-24", "E-0087")
    before = _replies(ctx)

    second = {"csrftoken": csrf, "position": "3", "reply_on": "2026-07-30", "reply_evidence": "E-0001"}
    zh = c.post(f"/cases/{case_id}/reply?lang=zh", data=second)
    said = alert(zh.text)
    assert zh.status_code == 400, said
    assert said.startswith("替换已记录的答复：第 3 步已记录供应商 2026年7月24日 的答复（E-0087）"), said
    assert "该答复予以保留" in said and foreign_sentences(f"<p>{said}</p>") == [], said
    en = c.post(f"/cases/{case_id}/reply?lang=en", data=second)
    said = alert(en.text)
    assert en.status_code == 400, said
    kept_en = "replace: step 3 already has the supplier&#39;s reply of 24 Jul 2026 (E-0087), which is kept"
    assert said.startswith(kept_en), said
    assert 'name="replace"' in en.text  # the form offers the explicit choice
    # nothing changed: the earlier reply and its evidence are still the step's, no ledger entry added
    kept = next(s for s in _ladder(c, case_id) if s["position"] == 3)
    assert (kept["reply_on"], kept["reply_evidence"]) == ("2026-07-24", "E-0087")
    assert _replies(ctx) == before

    r = c.post(f"/cases/{case_id}/reply", data={**second, "replace": "true"}, follow_redirects=False)
    assert r.status_code == 303, alert(r.text)
    now = next(s for s in _ladder(c, case_id) if s["position"] == 3)
    assert (now["reply_on"], now["reply_evidence"]) == ("2026-07-30", "E-0001")
    last = _replies(ctx)[-1]
    assert last["replaces"] == {"reply_on": "2026-07-24", "resolved": False, "evidence": "E-0087"}, last
    assert last["reply_on"] == "2026-07-30" and last["evidence"] == "E-0001"
    # the step itself says which reply it replaced, when and by whom (page en/zh, API), not only the ledger
    replaced = now["replaced"]
    got = [(r["reply_on"], r["evidence"], r["by_reply_on"]) for r in replaced]
    assert got == [("2026-07-24", "E-0087", "2026-07-30")]
    who = replaced[0]["by"]
    en = " ".join(visible(c.get(f"/cases/{case_id}?lang=en").text))
    assert f"Replaced: the reply of 24 Jul 2026 (E-0087), by {who} on " in en, en[:3000]
    zh = c.get(f"/cases/{case_id}?lang=zh").text
    assert f"已被替换：2026年7月24日的答复（E-0087），由 {who} 于" in " ".join(visible(zh))
    assert foreign_sentences(zh) == []


def test_the_api_names_the_replace_field_and_replaces_only_when_asked(demo_browser) -> None:  # noqa: F811
    c, case_id = demo_browser
    ctx = c.app.state.ctx
    with TestClient(create_app(ctx)) as api:
        api.headers["Authorization"] = f"Bearer {api_token(ctx, 'owner', 'demo')}"
        url = f"/api/cases/{case_id}/steps/4/reply"
        r = api.post(url, json={"reply_on": "2026-08-20", "resolved": True})
        assert r.status_code == 400 and r.json()["field"] == "replace", r.text
        assert "step 4 already has the supplier's reply of 10 Aug 2026 (E-0089), which is kept" in r.json()["error"]
        r = api.post(url, json={"reply_on": "2026-08-20", "resolved": True, "replace": True})
        assert r.status_code == 200, r.text
        step = next(s for s in r.json()["ladder"] if s["position"] == 4)
        assert (step["reply_on"], step["resolved"], step["reply_evidence"]) == ("2026-08-20", True, None)


def test_an_amount_received_of_zero_or_less_is_refused_naming_the_amount(demo_browser) -> None:  # noqa: F811
    c, case_id = demo_browser
    ctx = c.app.state.ctx
    csrf = re.search(CSRF_RE, c.get(f"/cases/{case_id}").text).group(1)  # type: ignore[union-attr]
    before = cases.get_case(ctx, "demo", case_id).to_json()["recovery"]
    receipt = {"csrftoken": csrf, "kind": "receipt", "on": "2026-11-20", "currency": "EUR", "evidence": "E-0001"}
    for amount in ("0.00", "0", "-5.00"):
        zh = c.post(f"/cases/{case_id}/recovery?lang=zh", data={**receipt, "amount": amount})
        said = alert(zh.text)
        assert zh.status_code == 400 and said == f"金额：收到的金额必须大于零，而不是 {amount}", said
        en = c.post(f"/cases/{case_id}/recovery?lang=en", data={**receipt, "amount": amount})
        assert alert(en.text) == f"amount: an amount received must be more than zero, not {amount}"
    with TestClient(create_app(ctx)) as api:
        api.headers["Authorization"] = f"Bearer {api_token(ctx, 'owner', 'demo')}"
        body = {"kind": "receipt", "on": "2026-11-20", "amount": "0.00", "currency": "EUR", "evidence": ["E-0001"]}
        r = api.post(f"/api/cases/{case_id}/recovery", json=body)
        assert r.status_code == 400 and r.json()["field"] == "amount", r.text
    assert cases.get_case(ctx, "demo", case_id).to_json()["recovery"] == before
    ok = c.post(f"/cases/{case_id}/recovery", data={**receipt, "amount": "0.01"}, follow_redirects=False)
    assert ok.status_code == 303, alert(ok.text)
    # an offer of nothing is still an offer (a refusal to pay, recorded as such)
    offer = {"csrftoken": csrf, "kind": "offer", "on": "2026-11-20", "amount": "0.00", "currency": "EUR"}
    assert c.post(f"/cases/{case_id}/recovery", data=offer, follow_redirects=False).status_code == 303


def _request_without_mail(c) -> None:  # type: ignore[no-untyped-def]
    r = c.post("/suppliers", data={"name_en": "Jinhua Precision", "kind": "factory"}, follow_redirects=False)
    key = r.headers["location"].rstrip("/").rsplit("/", 1)[-1]
    contract = {"number": "JH-2026-001", "supplier": key, "signed_on": "2026-01-05"}
    assert c.post("/records/contracts/new", data=contract, follow_redirects=False).status_code == 303
    order = {"number": "PO-1", "contract": "JH-2026-001", "currency": "EUR", "amount": "1000",
             "ordered_on": "2026-01-10", "delivered_on": "2026-02-02"}  # fmt: skip
    assert c.post("/records/orders/new", data=order, follow_redirects=False).status_code == 303
    ask = {"supplier": key, "title": "Spindle alarm", "severity": "critical", "contract": "JH-2026-001",
           "opened_at": "2026-03-02T23:30", "tz": "Europe/Berlin"}  # fmt: skip
    assert c.post("/requests/new", data=ask, follow_redirects=False).status_code == 303


def test_a_case_from_a_request_without_mail_starts_its_ladder_with_that_request(sqlite_ctx) -> None:  # type: ignore[no-untyped-def]
    c = owner_client(sqlite_ctx)
    try:
        _request_without_mail(c)
        r = c.post("/requests/SR-0001/case", follow_redirects=False)
        assert r.status_code == 303, r.text[-1500:]
        case = r.headers["location"]
        [first] = c.get(f"/api{case}").json()["ladder"]
        assert (first["step"], first["sent_on"], first["proof"]) == ("support_request", "2026-03-02", None), first
        assert first["channel"] == "support request SR-0001" and first["recipient"] == "Jinhua Precision"
        zh = c.get(f"{case}?lang=zh").text
        ladder = zh.split('id="ladder-table"', 1)[1].split("</table>", 1)[0]
        assert "技术支持请求 SR-0001" in ladder and foreign_sentences(zh) == [], ladder
        notes = zh.split("<h2>备注</h2>", 1)[1].split("</ul>", 1)[0]
        assert "按技术支持请求 SR-0001 的提出时间记录" in notes, notes
        # the formal complaint follows it without an override
        step = {"step": "formal_complaint", "sent_on": "2026-04-01", "channel": "email", "recipient": "Mr Chen"}
        r = c.post(f"{case}/steps?lang=en", data=step, follow_redirects=False)
        assert r.status_code == 303, alert(r.text)
        assert [s["step"] for s in c.get(f"/api{case}").json()["ladder"]] == ["support_request", "formal_complaint"]
    finally:
        c.__exit__(None, None, None)


def test_the_cli_opens_such_a_case_with_the_same_first_rung(sqlite_ctx, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from disputedesk.cli import app
    from disputedesk.config import get_settings

    c = owner_client(sqlite_ctx)
    try:
        _request_without_mail(c)
    finally:
        c.__exit__(None, None, None)
    monkeypatch.setenv("DISPUTEDESK_DATA_DIR", str(sqlite_ctx.settings.data_dir))
    monkeypatch.setenv("DISPUTEDESK_DATABASE_URL", sqlite_ctx.settings.resolved_database_url)
    get_settings.cache_clear()
    try:
        r = CliRunner().invoke(app, ["case", "open", "--request", "SR-0001", "-w", "default", "--json"])
        assert r.exit_code == 0, r.output
        [first] = json.loads(r.stdout)["ladder"]
        assert (first["step"], first["sent_on"], first["channel"]) == (
            "support_request",
            "2026-03-02",
            "support request SR-0001",
        )
    finally:
        get_settings.cache_clear()
