"""When a contract's support terms apply from, as a user running their own dispute meets it: the first version
(and a draft made from the contract check) starts on the contract's signing day unless the user says otherwise,
the form says so, a plain date is accepted (00:00 in the buyer's zone), and a refusal names the field as the
form's label does, in the page's language, with nothing saved."""

from __future__ import annotations

import json
from datetime import datetime

from pages_support import alert, owner_client, visible

from disputedesk.services import sla
from disputedesk.services.records.buyer import set_buyer
from disputedesk.services.records.models import SetBuyer

TERMS = json.dumps({"label": "Art. 7.2", "severities": {"critical": {"first_response": "4h"}}})


def _contract(c, number: str, signed: str) -> None:  # type: ignore[no-untyped-def]
    r = c.post("/suppliers", data={"name_en": "Jinhua Precision", "kind": "factory"}, follow_redirects=False)
    key = r.headers["location"].rstrip("/").rsplit("/", 1)[-1] if r.status_code == 303 else "jinhua-precision"
    r = c.post("/records/contracts/new", data={"number": number, "supplier": key, "signed_on": signed})
    assert r.status_code in (200, 303), r.text[-1500:]


def _starts(c, number: str) -> list[datetime]:  # type: ignore[no-untyped-def]
    versions = c.get(f"/api/sla/terms/{number}").json()["versions"]
    return [datetime.fromisoformat(v["valid_from"]) for v in reversed(versions)]


def test_first_terms_start_on_the_signing_day_and_a_plain_date_is_the_buyers_midnight(sqlite_ctx) -> None:  # type: ignore[no-untyped-def]
    set_buyer(sqlite_ctx, "default", SetBuyer(name="Brandt Metallbau GmbH", timezone="Europe/Berlin"), actor="t")
    c = owner_client(sqlite_ctx)
    try:
        _contract(c, "JH-2026-014", "2026-05-04")
        page = " ".join(visible(c.get("/sla/terms/JH-2026-014").text))
        assert "applies from the contract's signing day, 4 May 2026" in page
        assert "00:00 in the buyer's zone (Europe/Berlin)" in page
        # left empty: the signing day, 00:00 in the supplier's zone (where its requests may be opened from)
        r = c.post("/sla/terms/JH-2026-014", data={"terms": TERMS, "valid_from": "", "status": "confirmed"})
        assert r.status_code == 200, alert(r.text)
        assert _starts(c, "JH-2026-014") == [datetime.fromisoformat("2026-05-04T00:00+08:00")]
        # a later version without a date starts now (the form says so); a plain date: 00:00 in Berlin (summer time)
        assert "this version applies from now" in " ".join(visible(c.get("/sla/terms/JH-2026-014").text))
        r = c.post("/sla/terms/JH-2026-014", data={"terms": TERMS, "valid_from": "2026-06-01", "status": "confirmed"})
        assert r.status_code == 200, alert(r.text)
        assert _starts(c, "JH-2026-014")[1] == datetime.fromisoformat("2026-06-01T00:00+02:00")
        # the API takes the same plain date
        r = c.put("/api/sla/terms/JH-2026-014", json={"terms": json.loads(TERMS), "valid_from": "2026-07-01"})
        assert r.status_code == 201, r.text
        assert datetime.fromisoformat(r.json()["valid_from"]) == datetime.fromisoformat("2026-07-01T00:00+02:00")
    finally:
        c.__exit__(None, None, None)


def test_a_bad_start_is_refused_naming_the_label_and_nothing_is_saved(sqlite_ctx) -> None:  # type: ignore[no-untyped-def]
    c = owner_client(sqlite_ctx)
    try:
        _contract(c, "JH-2026-015", "2026-05-04")
        c.get("/lang/zh")
        page = " ".join(visible(c.get("/sla/terms/JH-2026-015").text))
        assert "自合同签订日2026年5月4日起适用" in page
        for typed in ("5月4日", "2026-05-04T09:00", "2026-02-30"):
            r = c.post("/sla/terms/JH-2026-015", data={"terms": TERMS, "valid_from": typed, "status": "confirmed"})
            said = alert(r.text)
            assert r.status_code == 400 and said.startswith("生效时间："), said
            assert "有效期自" not in said and "valid" not in said, said
            assert typed in r.text  # the box keeps what was typed
        assert _starts(c, "JH-2026-015") == []
        c.get("/lang/en")
        r = c.post("/sla/terms/JH-2026-015", data={"terms": TERMS, "valid_from": "May 4", "status": "confirmed"})
        assert alert(r.text).startswith("Valid from: "), alert(r.text)
    finally:
        c.__exit__(None, None, None)


def test_a_draft_from_the_contract_check_starts_on_the_signing_day(sqlite_ctx) -> None:  # type: ignore[no-untyped-def]
    c = owner_client(sqlite_ctx)
    try:
        _contract(c, "JH-2026-016", "2026-03-02")
        first = sla.create_draft_terms(sqlite_ctx, "default", "JH-2026-016", json.loads(TERMS), source="clarity:E-1")
        assert first.valid_from == datetime.fromisoformat("2026-03-02T00:00+08:00")
        c.post("/sla/terms/JH-2026-016", data={"terms": TERMS, "valid_from": "2026-04-01T00:00+08:00"})
        # a draft of what the contract says, made later, still speaks for the contract from its signing
        again = sla.create_draft_terms(sqlite_ctx, "default", "JH-2026-016", json.loads(TERMS), source="clarity:E-1")
        assert again.valid_from == datetime.fromisoformat("2026-03-02T00:00+08:00")
    finally:
        c.__exit__(None, None, None)
