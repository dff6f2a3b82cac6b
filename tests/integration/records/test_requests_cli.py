"""`disputedesk request …` as a user types it (SQLite and PostgreSQL): JSON as the API returns it,
one clear line and exit code 2 on bad input."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient

from disputedesk.services import sla
from disputedesk.web.app import create_app

from records_fixtures import SERIAL, TERMS, seed
from support import api_token, make_user


def test_request_commands(cli, ctx) -> None:  # type: ignore[no-untyped-def]
    seed(ctx)
    sug = json.loads(cli("request", "suggest", "--json").output)
    assert [set(s) for s in sug] == [{"thread", "subject", "supplier", "first_message_at", "messages"}] * 2
    spindle = next(s["thread"] for s in sug if "SP-0410" in s["subject"])
    assert "SP-0410" in cli("request", "suggest").output
    r = cli("request", "from-thread", str(spindle), "--severity", "critical", "--contract", "JH-2026-014")
    assert r.output.strip() == "SR-0001"
    r = cli("request", "from-thread", str(spindle), code=2)
    assert f"thread: thread {spindle} is already linked to SR-0001" in r.output and len(r.output.splitlines()) == 2
    for args, text in [
        (
            ("--supplier", "jinhua", "--title", "x", "--opened-at", "2026-11-02T08:15"),
            "opened at: 2026-11-02T08:15:00 has no UTC offset",
        ),
        (("--supplier", "nobody", "--title", "x"), "supplier: no supplier 'nobody'"),
        (("--supplier", "jinhua", "--title", "x", "--severity", "urgent"), "severity: must be one of 'critical'"),
        (("--supplier", "jinhua", "--title", "x", "--serial", "NOPE"), "serial: no machine"),
    ]:
        assert text in cli("request", "open", *args, code=2).output
    r = cli(
        "request", "open", "--supplier", "jinhua", "--title", "Coolant pump leaking", "--serial", SERIAL,
        "--opened-at", "2026-11-02T08:15+01:00",
    )  # fmt: skip
    assert r.output.strip() == "SR-0002"
    rec = json.loads(cli("request", "edit", "SR-0002", "--severity", "high", "--json").output)
    assert rec["history"][-1]["details"]["changes"] == {"severity": {"old": "normal", "new": "high"}}
    assert "give at least one field" in cli("request", "edit", "SR-0002", code=2).output
    assert "does not exist" in cli("request", "edit", "SR-0099", "--title", "x", code=2).output
    first = json.loads(cli("request", "show", "SR-0001", "--json").output)["record"]["messages"][0]
    assert f"{first} is linked to SR-0001" in cli("request", "link", "SR-0002", "--message", first, code=2).output
    assert "give either a thread or one or more messages" in cli("request", "link", "SR-0002", code=2).output
    cli("request", "unlink", "SR-0001", "--thread", str(spindle))
    cli("request", "link", "SR-0002", "--message", first)
    assert json.loads(cli("request", "show", "SR-0002", "--json").output)["record"]["messages"] == [first]
    cli("request", "unlink", "SR-0002", "--message", first)
    cli("request", "link", "SR-0001", "--thread", str(spindle))
    assert "closed" in cli("request", "close", "SR-0002", "--at", "2026-11-03T17:00+01:00").output
    assert "already closed" in cli("request", "close", "SR-0002", "--at", "2026-11-04T17:00+01:00", code=2).output
    assert "reopened" in cli("request", "reopen", "SR-0002", "--at", "2026-11-05T09:00+01:00").output
    cli("request", "event", "SR-0002", "waiting_for_buyer_start", "--at", "2026-11-05T10:00+01:00")
    assert (
        "kind: must be one of"
        in cli("request", "event", "SR-0002", "nap", "--at", "2026-11-05T10:00+01:00", code=2).output
    )
    sla.set_terms(ctx, "default", TERMS, contract_number="JH-2026-014", actor="t")
    cli("sla", "evaluate", "--as-of", "2026-11-30T12:00+01:00", "--workers", "1")
    listed = json.loads(cli("request", "list", "--json").output)
    assert [(r["number"], r["sla_status"]) for r in listed["requests"]] == [
        ("SR-0002", "breached"),
        ("SR-0001", "breached"),
    ]
    shown = json.loads(cli("request", "show", "SR-0001", "--json").output)
    make_user(ctx, "alice", "default", "owner")
    with TestClient(create_app(ctx)) as c:
        c.headers["Authorization"] = f"Bearer {api_token(ctx, 'alice', 'default')}"
        assert c.get("/api/sla/requests/SR-0001").json() == shown
        assert c.get("/api/sla/requests").json() == listed
    assert shown["evaluation"]["deadlines"][0]["status"] == "breached"
    text = cli("request", "show", "SR-0001").output
    assert "BREACHED" in text and "JH-2026-014" in text
