"""Contract clarity from the page and the API, on the demo contract (SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from disputedesk.services.demo import load_demo
from disputedesk.services.workspaces import ensure_workspace
from disputedesk.web.app import create_app

from support import api_token, make_user, sign_in


@pytest.fixture
def demo(ctx):  # type: ignore[no-untyped-def]
    ensure_workspace(ctx, "demo", "Demo dispute")
    load_demo(ctx, "demo")
    make_user(ctx, "owner", "demo", "owner")
    return ctx


def test_demo_contract_report_marks_the_vague_support_clause(demo) -> None:
    with TestClient(create_app(demo)) as c:
        sign_in(c, "owner")
        c.headers.pop("Authorization", None)
        label = c.get("/api/evidence", params={"kind": "contract"}).json()["items"]
        label = next(i["label"] for i in label if "RF-EU-2025-1046_sales" in i["original_name"])
        page = c.get(f"/contracts/{label}")
        assert page.status_code == 200
        assert '<mark class="vague"' in page.text and "timely" in page.text
        assert "PRC Civil Code Art. 511" in page.text
        zh = c.get(f"/contracts/{label}?lang=zh").text
        assert "合同清晰度" in zh and "及时" in zh
        assert c.get("/contracts").status_code == 200


def test_clarity_api_and_check_without_storing(demo) -> None:
    with TestClient(create_app(demo)) as c:
        c.headers["Authorization"] = f"Bearer {api_token(demo, 'owner', 'demo')}"
        items = c.get("/api/evidence", params={"kind": "contract"}).json()["items"]
        label = next(i["label"] for i in items if "RF-EU-2025-1046_sales" in i["original_name"])
        rep = c.get(f"/api/evidence/{label}/clarity").json()
        assert len(rep["clauses"]) == 21 and rep["score"] < 60
        assert {v["term"] for v in rep["vague_terms"]} >= {"timely"}
        before = c.get("/api/evidence").json()["total"]
        text = "第七条 技术支持\n卖方应在收到请求后4个工作小时内响应，24小时内解决。".encode()
        r = c.post("/api/contracts/check", files={"file": ("draft.txt", text)})
        assert r.status_code == 200
        rt = next(x for x in r.json()["clauses"] if x["kind"] == "response_time")
        assert rt["present"] is True
        assert c.get("/api/evidence").json()["total"] == before  # nothing stored
        bad = c.post("/api/contracts/check", files={"file": ("old.doc", b"\xd0\xcf\x11\xe0junk")})
        assert bad.status_code == 400 and "old.doc" in bad.json()["error"]
