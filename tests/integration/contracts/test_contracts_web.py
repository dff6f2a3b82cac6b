"""Contract clarity from the page and the API, on the demo contract (SQLite and PostgreSQL)."""

from __future__ import annotations

from contextlib import contextmanager

import pytest
from fastapi.testclient import TestClient

from disputedesk.web.app import create_app

from support import api_token, demo_loaded, make_user, sign_in


@pytest.fixture
def demo(ctx):  # type: ignore[no-untyped-def]
    demo_loaded(ctx, "demo", "Demo dispute")
    make_user(ctx, "owner", "demo", "owner")
    return ctx


@contextmanager
def _signed_in(ctx):  # type: ignore[no-untyped-def]
    """A page client signed in as the owner, and the demo sales contract's evidence label."""
    with TestClient(create_app(ctx)) as c:
        sign_in(c, "owner")
        c.headers.pop("Authorization", None)
        items = c.get("/api/evidence", params={"kind": "contract"}).json()["items"]
        yield c, next(i["label"] for i in items if "RF-EU-2025-1046_sales" in i["original_name"])


def test_demo_contract_report_marks_the_vague_support_clause(demo) -> None:
    with _signed_in(demo) as (c, label):
        page = c.get(f"/contracts/{label}")
        assert page.status_code == 200
        assert '<mark class="vague"' in page.text and "timely" in page.text
        assert "PRC Civil Code Art. 511" in page.text
        zh = c.get(f"/contracts/{label}?lang=zh").text
        assert "合同清晰度" in zh and "及时" in zh
        assert c.get("/contracts").status_code == 200


def test_the_report_in_chinese_has_no_english_written_by_the_code(demo) -> None:
    from pages_support import foreign_sentences, visible

    with _signed_in(demo) as (c, label):
        zh = c.get(f"/contracts/{label}?lang=zh").text
        assert foreign_sentences(zh) == []
        text = " ".join(visible(zh))
        # the score's explanations, the legal citations and the report's facts, in Chinese
        assert "模糊用语扣" in text and "15 minus 3" not in text
        assert "《中华人民共和国民法典》第五百一十一条第（四）项" in text and "PRC Civil Code" not in text
        assert "《中华人民共和国仲裁法》（2025年9月12日修订" in text and "PRC Arbitration Law" not in text
        assert "bilingual" not in text and " p." not in text
        # the contract's own words quoted in a finding are marked as such
        assert '<span class="own" lang="en">when necessary</span>' in zh
        assert 'title="用语模糊：' in zh and 'title="vague: ' not in zh


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
        # a type the check does not read: 415 with its code (fix23; it was a bare 400)
        assert bad.status_code == 415 and "old.doc" in bad.json()["error"] and bad.json()["code"] == "legacy_doc"
