"""Contract and order numbers with "/" (HT-2025/07, common on Chinese contracts) on every API
route, page and command; amendments corrected through the API, the page and the CLI, each
correction a ledger entry with the old and new values, never a deletion. SQLite and PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path

from fastapi.testclient import TestClient

from disputedesk.services.suppliers import profile as supplier_profiles
from disputedesk.web.app import create_app

from records_fixtures import TERMS, import_text_evidence
from support import api_token, make_user, sign_in

NUMBER = "HT-2025/07"
ORDER = "PO 2025/0031"


def _setup(ctx, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import_text_evidence(ctx, tmp_path, ["contract.txt", "amendment.txt", "amendment-signed.txt"])  # E-0001 … E-0003
    supplier_profiles.create_supplier(ctx, "default", {"name_en": "Hengtuo CNC", "key": "hengtuo"}, actor="test")


def test_api_routes_take_numbers_with_a_slash_and_amendments_are_corrected(ctx, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _setup(ctx, tmp_path)
    make_user(ctx, "alice", "default", "owner")
    make_user(ctx, "vic", "default", "viewer")
    with TestClient(create_app(ctx)) as c:
        c.headers["Authorization"] = f"Bearer {api_token(ctx, 'alice', 'default')}"
        r = c.post(
            "/api/contracts",
            json={"number": NUMBER, "supplier": "hengtuo", "signed_on": "2025-07-01", "evidence": ["E-0001"]},
        )
        assert r.status_code == 201, r.text
        for url in (f"/api/contracts/{NUMBER}", "/api/contracts/HT-2025%2F07"):
            r = c.get(url)
            assert r.status_code == 200 and r.json()["number"] == NUMBER, (url, r.text)
        assert c.patch(f"/api/contracts/{NUMBER}", json={"title": "Press brake"}).json()["title"] == "Press brake"
        r = c.post(
            f"/api/contracts/{NUMBER}/amendments",
            json={
                "effective_on": "2025-09-01",
                "summary": "Hotline removed",
                "unilateral": True,
                "evidence": ["E-0002"],
            },
        )
        assert r.status_code == 201, r.text
        amendment = r.json()["amendments"][0]["number"]
        assert amendment == f"{NUMBER}-A1"

        r = c.post(
            "/api/orders",
            json={"number": ORDER, "contract": NUMBER, "currency": "EUR", "amount": "1000", "ordered_on": "2025-07-02"},
        )
        assert r.status_code == 201, r.text
        assert c.get("/api/orders/PO%202025/0031").json()["contract"] == NUMBER
        r = c.patch(f"/api/orders/{ORDER}", json={"delivered_on": "2025-08-01"})
        assert r.status_code == 200 and r.json()["delivered_on"] == "2025-08-01"
        assert [o["number"] for o in c.get("/api/orders", params={"contract": NUMBER}).json()] == [ORDER]

        r = c.put(f"/api/sla/terms/{NUMBER}", json={"terms": TERMS, "status": "draft"})
        assert r.status_code == 201, r.text
        assert c.post(f"/api/sla/terms/{NUMBER}/confirm").status_code == 200
        versions = c.get(f"/api/sla/terms/{NUMBER}").json()
        assert versions["contract"] == NUMBER and versions["versions"][0]["status"] == "confirmed"

        # -- correcting the amendment
        url = f"/api/contracts/{NUMBER}/amendments/{amendment}"
        assert c.get(url).json()["unilateral"] is True
        for body, field in [
            ({"effective_on": "01.09.2025"}, "effective_on"),
            ({"effective_on": "2025-06-30"}, "effective_on"),  # before the contract was signed
            ({"agreed_by": "both MDs"}, "agreed_by"),  # still unilateral
            ({"evidence": ["E-0099"]}, "evidence"),
            ({"summary": None}, "summary"),
            ({"unilateral": None}, "unilateral"),
            ({"number": "X"}, "number"),
        ]:
            r = c.patch(url, json=body)
            assert r.status_code == 422, (body, r.text)
            assert field in json.dumps(r.json()), (body, r.json())
        assert c.patch(f"/api/contracts/{NUMBER}/amendments/{NUMBER}-A9", json={"summary": "x"}).status_code == 404
        r = c.patch(
            url,
            json={"unilateral": False, "agreed_by": "both managing directors", "evidence": ["E-0003", "E-0002"]},
        )
        assert r.status_code == 200, r.text
        a = r.json()["amendments"][0]
        assert (a["unilateral"], a["agreed_by"], a["evidence"]) == (
            False,
            "both managing directors",
            ["E-0003", "E-0002"],
        )
        entry = r.json()["history"][-1]
        assert entry["action"] == "contract.amendment_changed" and entry["details"]["amendment"] == amendment
        assert entry["details"]["changes"] == {
            "agreed_by": {"old": None, "new": "both managing directors"},
            "unilateral": {"old": True, "new": False},
            "evidence": {"old": ["E-0002"], "new": ["E-0003", "E-0002"]},
        }
        # marking it unilateral again clears who agreed, and says so
        r = c.patch(url, json={"unilateral": True})
        assert r.json()["amendments"][0]["agreed_by"] is None
        assert r.json()["history"][-1]["details"]["changes"]["agreed_by"]["old"] == "both managing directors"
        n = len(r.json()["history"])
        assert c.patch(url, json={"unilateral": True}).json()["history"][-1]["seq"] == r.json()["history"][-1]["seq"]
        assert len(c.get(f"/api/contracts/{NUMBER}").json()["history"]) == n  # no change, no entry
        # never deleted: no such route
        r = c.delete(url)
        assert r.status_code == 422 and r.json()["field"] == "amendment" and "not deleted" in r.text
        assert c.get(f"/api/contracts/{NUMBER}").json()["amendments"][0]["number"] == amendment

        c.headers["Authorization"] = f"Bearer {api_token(ctx, 'vic', 'default')}"
        assert c.patch(url, json={"summary": "by a viewer"}).status_code == 403
        assert c.get(url).status_code == 200


def test_pages_take_numbers_with_a_slash_and_the_amendment_form(ctx, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _setup(ctx, tmp_path)
    make_user(ctx, "alice", "default", "owner")
    with TestClient(create_app(ctx)) as c:
        sign_in(c, "alice")
        r = c.post(
            "/records/contracts/new",
            data={"number": NUMBER, "supplier": "hengtuo", "signed_on": "2025-07-01", "evidence": "E-0001"},
            follow_redirects=False,
        )
        assert r.status_code == 303 and r.headers["location"] == f"/records/contracts/{NUMBER}"
        page = c.get(f"/records/contracts/{NUMBER}")
        assert page.status_code == 200 and f'href="/sla/terms/{NUMBER}"' in page.text
        assert c.get("/records/contracts/HT-2025%2F07/edit").status_code == 200
        r = c.post(
            f"/records/contracts/{NUMBER}/amend",
            data={"effective_on": "2025-09-01", "summary": "Hotline removed", "unilateral": "on", "evidence": "E-0002"},
            follow_redirects=False,
        )
        assert r.status_code == 303, r.text
        r = c.post(
            "/records/orders/new",
            data={"number": ORDER, "contract": NUMBER, "currency": "EUR", "amount": "1000"},
            follow_redirects=False,
        )
        assert r.status_code == 303 and r.headers["location"] == "/records/orders/PO%202025/0031"
        order = c.get(r.headers["location"])
        assert order.status_code == 200 and f'href="/records/contracts/{NUMBER}"' in order.text
        assert c.get("/records/orders/PO%202025/0031/edit").status_code == 200

        terms = c.get(f"/sla/terms/{NUMBER}")
        assert terms.status_code == 200 and f'action="/sla/terms/{NUMBER}"' in terms.text
        r = c.post(f"/sla/terms/{NUMBER}", data={"terms": json.dumps(TERMS), "status": "draft"})
        assert r.status_code == 200 and "version 1" in r.text, r.text[-2000:]
        assert f'action="/sla/terms/{NUMBER}/confirm"' in r.text
        r = c.post(f"/sla/terms/{NUMBER}/confirm", data={"version": "1"}, follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"] == f"/sla/terms/{NUMBER}"

        # -- the amendment's correction form, linked from the contract page
        edit = f"/records/contracts/{NUMBER}/amendments/{NUMBER}-A1/edit"
        assert f'href="{edit}"' in c.get(f"/records/contracts/{NUMBER}").text
        form = c.get(edit)
        assert form.status_code == 200 and 'value="Hotline removed"' not in form.text
        assert "Hotline removed</textarea>" in form.text and "checked" in form.text
        bad = {"effective_on": "2025-06-01", "summary": "Hotline and remote support removed", "unilateral": "on"}
        r = c.post(edit, data={**bad, "evidence": "E-0002"})
        assert r.status_code == 422 and "effective on" in r.text.lower()
        assert "Hotline and remote support removed</textarea>" in r.text  # what was typed is kept
        r = c.post(
            edit,
            data={
                "effective_on": "2025-09-01",
                "summary": "Hotline removed",
                "agreed_by": "both MDs",
                "evidence": "E-0002",
            },
            follow_redirects=False,
        )  # the box unticked: agreed now
        assert r.status_code == 303, r.text
        page = c.get(f"/records/contracts/{NUMBER}").text
        assert "both MDs" in page and "Amendment corrected" in page
        zh = c.get(f"/records/contracts/{NUMBER}?lang=zh").text
        assert "已更正合同变更" in zh


def test_cli_numbers_with_a_slash_and_amendment_corrections(cli, ctx, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _setup(ctx, tmp_path)
    cli("contract", "add", NUMBER, "--supplier", "hengtuo", "--signed-on", "2025-07-01", "--evidence", "E-0001")
    assert json.loads(cli("contract", "show", NUMBER, "--json").stdout)["number"] == NUMBER
    cli("order", "add", ORDER, "--contract", NUMBER, "--currency", "EUR", "--amount", "1000")
    assert json.loads(cli("order", "show", ORDER, "--json").stdout)["contract"] == NUMBER
    terms = tmp_path / "terms.json"
    terms.write_text(json.dumps(TERMS), encoding="utf-8")
    cli("sla", "terms", "set", NUMBER, str(terms))
    cli("contract", "amend", NUMBER, "--effective-on", "2025-09-01", "--summary", "Hotline removed", "--unilateral")

    amendment = f"{NUMBER}-A1"
    r = cli("contract", "amend-edit", NUMBER, amendment, "--effective-on", "2025/09/01", code=2)
    # one refusal, in English and Chinese (no --lang given), the field by its label
    assert r.output.count("\n") == 2 and "effective on" in r.output and "生效日期" in r.output, r.output
    r = cli("contract", "amend-edit", NUMBER, amendment, "--agreed-by", "both MDs", code=2)
    assert "agreed by" in r.output and "unilateral" in r.output, r.output
    r = cli("contract", "amend-edit", NUMBER, "HT-2025/07-A7", "--summary", "x", code=2)
    assert "no amendment" in r.output
    r = cli("contract", "amend-edit", NUMBER, amendment, "--agreed", "--agreed-by", "both MDs", "--evidence", "E-0003")
    assert f"{amendment}: effective 2025-09-01 · agreed by both MDs · E-0003" in r.output
    r = cli("contract", "amend-edit", NUMBER, amendment, "--agreed-by", "", "--json")
    rec = json.loads(r.stdout)
    assert rec["amendments"][0]["agreed_by"] is None
    assert rec["history"][-1]["details"]["changes"] == {"agreed_by": {"old": "both MDs", "new": None}}
