"""Support requests through the JSON API (typed bodies, 422 naming the field) and the pages
(forms kept with the message), SQLite and PostgreSQL."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from disputedesk.services import sla
from disputedesk.web.app import create_app

from records_fixtures import SERIAL, TERMS, seed
from support import api_token, make_user, sign_in


def test_api_opens_links_corrects_and_closes(ctx) -> None:
    seed(ctx)
    make_user(ctx, "alice", "default", "owner")
    make_user(ctx, "vic", "default", "viewer")
    with TestClient(create_app(ctx)) as c:
        c.headers["Authorization"] = f"Bearer {api_token(ctx, 'alice', 'default')}"
        sug = c.get("/api/sla/suggested-requests").json()
        assert [set(s) for s in sug] == [{"thread", "subject", "supplier", "first_message_at", "messages"}] * 2
        spindle = next(s for s in sug if "SP-0410" in s["subject"])
        assert spindle["first_message_at"] == "2026-09-30T14:30:00Z"
        r = c.post("/api/sla/requests/from-thread", json={"thread": spindle["thread"], "severity": "critical"})
        assert r.status_code == 201 and r.json()["number"] == "SR-0001"
        r = c.post("/api/sla/requests/from-thread", json={"thread": spindle["thread"]})
        assert r.status_code == 422 and r.json()["field"] == "thread" and "already linked" in r.json()["error"]
        for body, field in [
            ({"supplier": "jinhua", "title": "x", "opened_at": "2026-11-02T08:15"}, "opened_at"),
            ({"supplier": "nobody", "title": "x"}, "supplier"),
            ({"supplier": "jinhua", "title": "x", "severity": "urgent"}, "severity"),
            ({"supplier": "jinhua", "title": "x", "contract": "NOPE"}, "contract"),
            ({"supplier": "jinhua", "title": "x", "serial": "NOPE"}, "serial"),
            ({"supplier": "jinhua", "title": "x", "colour": "red"}, "colour"),
        ]:
            r = c.post("/api/sla/requests", json=body)
            assert r.status_code == 422 and r.json()["field"] == field, (body, r.text)
        r = c.post(
            "/api/sla/requests",
            json={
                "supplier": "jinhua",
                "title": "Coolant pump",
                "serial": SERIAL,
                "opened_at": "2026-11-02T08:15+01:00",
            },
        )
        assert r.status_code == 201 and r.json()["number"] == "SR-0002" and r.json()["model"] == "VMC-850"
        r = c.patch("/api/sla/requests/SR-0002", json={"severity": "high", "contract": "JH-2026-014"})
        assert r.status_code == 200 and r.json()["severity"] == "high"
        changes = r.json()["history"][-1]["details"]["changes"]
        assert changes["severity"] == {"old": "normal", "new": "high"}
        assert c.patch("/api/sla/requests/SR-0099", json={"title": "x"}).status_code == 404
        taken = c.get("/api/sla/requests/SR-0001/record").json()["messages"][0]
        r = c.post("/api/sla/requests/SR-0002/links", json={"messages": [taken]})
        assert r.status_code == 422 and f"{taken} is linked to SR-0001" in r.json()["error"]
        r = c.post("/api/sla/requests/SR-0002/links", json={"messages": ["E-0001"]})
        assert r.status_code == 422 and "E-0001 is not a message (application/mbox)" in r.json()["error"]
        r = c.post("/api/sla/requests/SR-0002/links", json={"messages": ["bogus"]})
        assert r.status_code == 422 and r.json()["field"].startswith("messages")
        r = c.post("/api/sla/requests/SR-0002/close", json={"at": "2026-11-03T17:00+01:00"})
        assert r.status_code == 200 and r.json()["status"] == "resolved"
        r = c.post("/api/sla/requests/SR-0002/reopen", json={"at": "2026-11-03T10:00"})
        assert r.status_code == 422 and r.json()["field"] == "at" and "UTC offset" in r.json()["error"]
        sla.set_terms(ctx, "default", TERMS, contract_number="JH-2026-014", actor="t")
        assert c.post("/api/sla/evaluate", params={"as_of": "2026-11-30T12:00:00+01:00"}).status_code == 200
        detail = c.get("/api/sla/requests/SR-0001").json()
        assert detail["sla_status"] == "breached" and detail["evaluation"]["deadlines"]
        assert detail["record"]["threads"] == [spindle["thread"]] and len(detail["record"]["messages"]) == 6
        assert c.get("/api/sla/requests/SR-0001/record").json()["history"][0]["action"] == "request.opened"
        spec = c.get("/api/openapi.json").json()
        props = spec["components"]["schemas"]["OpenRequest"]["properties"]
        assert {"supplier", "title", "severity", "contract", "serial", "opened_at"} <= set(props)
        assert "RequestRecord" in spec["components"]["schemas"]
        c.headers["Authorization"] = f"Bearer {api_token(ctx, 'vic', 'default')}"
        assert c.get("/api/sla/suggested-requests").status_code == 200
        assert c.post("/api/sla/requests", json={"supplier": "jinhua", "title": "x"}).status_code == 403


def test_pages_open_from_a_thread_and_keep_the_form_on_bad_input(ctx) -> None:
    seed(ctx)
    make_user(ctx, "alice", "default", "owner")
    with TestClient(create_app(ctx)) as c:
        tok = sign_in(c, "alice")
        page = c.get("/requests/suggestions").text
        threads = re.findall(r'name="thread" value="(\d+)"', page)
        assert len(threads) == 2 and "SP-0410" in page and "Newsletter" not in page
        spindle = re.search(r'href="/threads/(\d+)">#\d+</a></td>\s*<td>VMC-850', page).group(1)  # type: ignore[union-attr]
        assert "Open a support request from this thread" in c.get(f"/threads/{spindle}").text
        form = c.get(f"/requests/from-thread?thread={spindle}").text
        assert "Wed 30 Sept 2026, 16:30" in form  # the buyer's first message, in the buyer's zone
        assert 'value="JH-2026-014" selected' in form  # the supplier's only contract
        r = c.post(
            "/requests/from-thread",
            data={"thread": spindle, "severity": "critical", "contract": "JH-2026-014", "csrftoken": tok},
            follow_redirects=False,
        )
        assert r.status_code == 303 and r.headers["location"] == "/requests/SR-0001"
        r = c.post("/requests/from-thread", data={"thread": spindle, "title": "again", "csrftoken": tok})
        assert r.status_code == 422 and "already linked to SR-0001" in r.text and 'value="again"' in r.text
        # by hand, with a time in the buyer's zone; a bad contract keeps what was typed
        data = {
            "supplier": "jinhua",
            "title": "Coolant pump leaking",
            "severity": "high",
            "contract": "OT-1",
            "serial": SERIAL,
            "opened_at": "2026-11-02T08:15",
            "tz": "Europe/Berlin",
            "csrftoken": tok,
        }
        r = c.post("/requests/new", data=data)
        assert r.status_code == 422 and "contract: OT-1 is not a contract with Jinhua" in r.text
        assert 'value="Coolant pump leaking"' in r.text
        zh = c.post("/requests/new?lang=zh", data=data)
        assert zh.status_code == 422 and "合同：OT-1 不是与 Jinhua Precision Machinery Co., Ltd. 签订的合同" in zh.text
        zh = c.post("/requests/new?lang=zh", data={**data, "contract": "", "opened_at": "x"})
        assert "提出时间：不是有效时间" in zh.text
        c.get("/requests?lang=en")  # back to English (the choice is kept in a cookie)
        r = c.post("/requests/new", data={**data, "contract": ""}, follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"] == "/requests/SR-0002"
        page = c.get("/requests/SR-0002").text
        assert "VMC-850" in page and 'action="/requests/SR-0002/close"' in page
        # close with a time in the wrong form: the page again, the message beside the form
        r = c.post("/requests/SR-0002/close", data={"at": "tomorrow", "tz": "Europe/Berlin", "csrftoken": tok})
        assert r.status_code == 422 and 'id="manage-error"' in r.text and "at:" in r.text
        r = c.post(
            "/requests/SR-0002/close",
            data={"at": "2026-11-03T17:00", "tz": "Europe/Berlin", "csrftoken": tok},
            follow_redirects=False,
        )
        assert r.status_code == 303
        page = c.get("/requests/SR-0002").text
        assert 'action="/requests/SR-0002/reopen"' in page and "request.closed" not in page
        # severity changed on the edit page, the old value in the history
        edit = c.get("/requests/SR-0002/edit").text
        assert 'value="2026-11-02T08:15:00"' in edit
        form = dict(re.findall(r'<input[^>]*name="(\w+)"[^>]*value="([^"]*)"', edit))
        r = c.post(
            "/requests/SR-0002/edit",
            data={**form, "tz": "Europe/Berlin", "supplier": "jinhua", "severity": "critical", "serial": SERIAL},
            follow_redirects=False,
        )
        assert r.status_code == 303, r.text
        page = c.get("/requests/SR-0002").text
        assert "high → critical" in page
        assert "Opened at:" not in page.split('class="history"')[1]  # the unchanged time is no change
        zh = c.get("/requests/SR-0002?lang=zh").text
        assert "重新打开时间" in zh and "变更记录" in zh and "严重程度：高 → 紧急" in zh
        assert "从邮件会话建议" in c.get("/requests/suggestions?lang=zh").text
