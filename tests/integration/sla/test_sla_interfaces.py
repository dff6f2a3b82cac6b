"""SLA through the CLI (JSON shapes), the JSON API and the pages (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from disputedesk.cli import app
from disputedesk.config import get_settings
from disputedesk.services import sla
from disputedesk.web.app import create_app

from sla_fixtures import TERMS, seed
from support import make_user, sign_in


@pytest.fixture
def cli(ctx, settings, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("DISPUTEDESK_DATA_DIR", str(settings.data_dir))
    monkeypatch.setenv("DISPUTEDESK_DATABASE_URL", settings.database_url)
    get_settings.cache_clear()
    seed(ctx)
    runner = CliRunner()

    def run(*args: str):  # type: ignore[no-untyped-def]
        return runner.invoke(app, list(args), catch_exceptions=False)

    yield run
    get_settings.cache_clear()


def test_cli_terms_evaluate_report(cli, tmp_path: Path) -> None:
    f = tmp_path / "terms.json"
    f.write_text(json.dumps(TERMS), encoding="utf-8")
    r = cli("sla", "terms", "set", "SC-1", str(f), "--valid-from", "2026-01-01T00:00+08:00", "--json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.output)["version"] == 1
    shown = json.loads(cli("sla", "terms", "show", "SC-1", "--json").output)
    assert shown["versions"][0]["terms"]["label"] == "SC-1 §6 support"
    r = cli("sla", "evaluate", "--as-of", "2026-05-01T00:00+00:00", "--json")
    assert r.exit_code == 0, r.output
    run = json.loads(r.output)
    assert set(run) >= {"run", "as_of", "requests", "new", "changed", "by_status", "changes", "errors", "seconds"}
    assert run["by_status"] == {"breached": 1, "met": 1}
    r = cli("sla", "report", "--supplier", "acme", "--json")
    rep = json.loads(r.output)["suppliers"][0]
    assert rep["supplier"] == "acme"
    assert rep["overall"]["compliance_rate"] == "0.2500"
    assert rep["overall"]["p90_first_response_seconds"] == 84000
    assert {"monthly", "responses", "availability", "service_credits", "calendar_version"} <= set(rep)
    assert "acme" in cli("sla", "report").output
    # a calendar change is reported by the next evaluation
    cli("sla", "closure", "acme", "2026-03-30", "2026-03-30", "factory closed")
    out = cli("sla", "evaluate", "--as-of", "2026-05-01T00:00+00:00").output
    assert "1 changed" in out and "changed SR-0001 first_response #1 (calendar version changed)" in out
    # errors name the field, exit code 2
    bad = tmp_path / "bad.json"
    bad.write_text('{"severities": {"p1": {"first_response": "soon"}}}', encoding="utf-8")
    r = cli("sla", "terms", "set", "SC-1", str(bad))
    assert r.exit_code == 2 and "severities.p1.first_response" in r.output
    assert cli("sla", "terms", "show", "NOPE").exit_code == 2


def test_pages_and_api(ctx) -> None:
    seed(ctx)
    sla.set_terms(ctx, "default", TERMS, contract_number="SC-1", actor="t")
    sla.evaluate_all(ctx, "default", as_of=sla.parse_time("2026-05-01T00:00+00:00", "as_of"), actor="t")
    make_user(ctx, "alice", "default", "owner")
    make_user(ctx, "vic", "default", "viewer")
    with TestClient(create_app(ctx)) as c:
        sign_in(c, "alice")
        page = c.get("/requests").text
        assert "SR-0001" in page and "breached" in page
        page = c.get("/requests/SR-0001").text
        assert "bare acknowledgement (rule)" in page and "automatic reply: never counts" in page
        assert "Mon 30 Mar 2026, 14:00" in page  # the deadline in the supplier's time (one date style per locale)
        assert "weekend" in page and "Europe/Berlin" in page
        zh = c.get("/requests/SR-0001?lang=zh").text
        assert "单纯确认收到（按规则识别）" in zh and "周末" in zh
        svg = c.get("/sla/suppliers/acme").text
        assert "<svg" in svg and 'class="target sev-' in svg and "<script" not in svg.split("<main")[1]
        assert "style=" not in svg
        assert "SR-0002" in c.get("/sla").text
        home = c.get("/?lang=en").text
        assert "Open requests: next deadline" in home and "3 breaches" in home
        # terms form: the current version to edit, durations readable
        assert "&#34;first_response&#34;: &#34;4h&#34;" in c.get("/sla/terms/SC-1").text
        # a bad JSON is shown with the field, a good one is a new version
        r = c.post("/sla/terms/SC-1", data={"terms": '{"severities": {}}', "csrftoken": c.headers["X-CSRF-Token"]})
        assert r.status_code == 400 and "severities" in r.text
        r = c.post(
            "/sla/terms/SC-1",
            data={"terms": json.dumps(TERMS), "status": "draft", "csrftoken": c.headers["X-CSRF-Token"]},
        )
        assert r.status_code == 200 and "version 2" in r.text
        r = c.post("/sla/terms/SC-1/confirm", data={"version": "2"}, follow_redirects=False)
        assert r.status_code == 303
        # a supplier closure from the page: the evidence number must exist
        tok = c.headers["X-CSRF-Token"]
        form = {"start": "2026-03-30", "end": "2026-03-30", "label": "factory closed", "csrftoken": tok}
        r = c.post("/sla/suppliers/acme/closures", data={**form, "evidence_ref": "E-0999"})
        assert r.status_code == 400 and "E-0999" in r.text
        r = c.post("/sla/suppliers/acme/closures", data=form, follow_redirects=False)
        assert r.status_code == 303
        sup = c.get("/sla/suppliers/acme").text
        assert "factory closed" in sup and 'action="/sla/suppliers/acme/closures"' in sup
        r = c.post("/sla/suppliers/acme/calendar", data={"spec": '{"tz": "Mars/Base"}', "csrftoken": tok})
        assert r.status_code == 400 and "Mars/Base" in r.text
        # API
        api = c.get("/api/sla/requests/SR-0001").json()
        assert api["evaluation"]["deadlines"][0]["explanation"]["counted"]["steps"][0]["reason"] == "weekend"
        assert c.get("/api/sla/requests").json()["requests"][0]["number"] in ("SR-0001", "SR-0002")
        assert c.get("/api/sla/report").json()["suppliers"][0]["supplier"] == "acme"
        assert c.post("/api/sla/evaluate").status_code == 200
        assert (
            c.put("/api/sla/terms/SC-1", json={"terms": {"severities": {"x": {"first_response": "zz"}}}}).status_code
            == 400
        )
        assert [v["version"] for v in c.get("/api/sla/terms/SC-1").json()["versions"]] == [2, 1]
        r = c.post("/api/sla/requests/SR-0001/events", json={"kind": "resolved", "at": "2026-04-20T10:00+08:00"})
        assert r.status_code == 201
        cal = c.get("/api/sla/calendars/acme").json()
        assert cal["spec"]["tz"] == "Asia/Shanghai" and cal["version"] == 1  # the closure above
        assert (
            c.put("/api/sla/calendars/acme", json={"tz": "Asia/Shanghai", "windows": "08:30-17:30"}).status_code == 201
        )
        # Typed bodies: what GET returns can be PUT back; a bad field is a 422 naming it.
        spec = c.get("/api/sla/calendars/acme").json()["spec"]
        assert c.put("/api/sla/calendars/acme", json=spec).status_code == 201
        r = c.post("/api/sla/requests/SR-0001/events", json={"kind": "resolved", "at": "2026-04-20T10:00"})
        assert r.status_code == 422 and r.json()["field"] == "at"
        r = c.put("/api/sla/terms/SC-1", json={"terms": {}, "status": "maybe"})
        assert r.status_code == 422 and r.json()["field"] == "status"
        schemas = c.get("/api/openapi.json").json()["components"]["schemas"]
        assert {"tz", "windows", "closures", "overrides"} <= set(schemas["NewCalendar"]["properties"])
        assert c.get("/api/sla/requests/SR-9999").status_code == 404
    with TestClient(create_app(ctx)) as c:
        sign_in(c, "vic")
        assert c.get("/requests/SR-0001").status_code == 200
        assert c.post("/api/sla/evaluate").status_code == 403
        assert re.search("Evaluate now", c.get("/requests").text) is None
