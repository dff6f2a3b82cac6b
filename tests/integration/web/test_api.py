"""The JSON API and the pages through FastAPI's test client (SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from disputedesk.web.app import create_app

from support import api_token, make_user, sign_in


@pytest.fixture
def client(ctx):
    """An API client with an owner's token."""
    make_user(ctx, "owner", "default", "owner")
    with TestClient(create_app(ctx)) as c:
        c.headers["Authorization"] = f"Bearer {api_token(ctx, 'owner', 'default')}"
        yield c


@pytest.fixture
def browser_client(ctx):
    """A client that signed in through the form, like a browser (session cookie + CSRF token)."""
    make_user(ctx, "buyer", "default", "owner")
    with TestClient(create_app(ctx)) as c:
        sign_in(c, "buyer")
        yield c


def upload(client, files: dict[str, bytes], **form):
    return client.post("/api/evidence", files=[("files", (n, d)) for n, d in files.items()], data=form)


def test_upload_list_detail_and_download(client) -> None:
    r = upload(client, {"故障报告.txt": "机器报警 E-203".encode(), "log.txt": b"boot failed"}, kind="log_file")
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["imported"] == 2 and body["failed"] == 0
    listing = client.get("/api/evidence").json()
    assert listing["total"] == 2
    assert {i["original_name"] for i in listing["items"]} == {"故障报告.txt", "log.txt"}
    assert all(i["kind"] == "log_file" for i in listing["items"])
    detail = client.get("/api/evidence/E-0001").json()
    assert detail["ledger"][0]["action"] == "evidence.added"
    d = client.get("/api/evidence/E-0001/original")
    assert d.status_code == 200
    assert d.content == "机器报警 E-203".encode()
    assert d.headers["content-disposition"].startswith("attachment;")
    assert "filename*=UTF-8''%E6%95%85" in d.headers["content-disposition"]
    assert d.headers["content-type"] == "application/octet-stream"
    assert "sandbox" in d.headers["content-security-policy"]
    assert d.headers["x-disputedesk-sha256"] == detail["sha256"]


def test_duplicate_upload_is_reported(client) -> None:
    upload(client, {"a.txt": b"same"})
    r = upload(client, {"b.txt": b"same"})
    assert r.json()["duplicates"] == 1
    assert r.json()["items"][0]["evidence"] == "E-0001"


def test_errors_are_json_with_status(client) -> None:
    r = client.get("/api/evidence/E-9999")
    assert r.status_code == 404
    assert "E-9999 does not exist" in r.json()["error"]
    r = client.get("/api/evidence/not-a-number")
    assert r.status_code == 404 and "not an evidence number" in r.json()["error"]
    r = client.get("/api/evidence", params={"limit": 0})
    assert r.status_code == 422 and r.json()["field"] == "limit"
    r = upload(client, {"empty.txt": b""})
    assert r.json()["failed"] == 1 and "empty file" in r.json()["items"][0]["reason"]


def test_verify_endpoint_and_openapi(client) -> None:
    upload(client, {"a.txt": b"a"})
    assert client.post("/api/verify").json()["ok"] is True
    spec = client.get("/api/openapi.json").json()
    assert "/api/evidence/{label}/original" in spec["paths"]


def test_pages_render_in_english_and_chinese(browser_client) -> None:
    client = browser_client
    upload(client, {"合同.txt": "卖方应及时提供技术支持".encode()})
    r = client.get("/evidence")
    assert r.status_code == 200 and "Evidence" in r.text and "合同.txt" in r.text
    assert "script-src 'self'" in r.headers["content-security-policy"]
    r = client.get("/evidence?lang=zh")
    assert "证据" in r.text and "添加证据" in r.text
    assert r.cookies.get("lang") == "zh"
    r = client.get("/evidence/E-0001")
    assert "卖方应及时提供技术支持" in r.text  # remembered language and the text preview
    assert "下载原件" in r.text
    r = client.get("/evidence/E-0042")
    assert r.status_code == 404


def test_numbers_out_of_range_are_client_errors(client) -> None:
    # found by the fuzzer: a huge offset reached SQLite as an integer it cannot hold
    assert client.get("/api/evidence", params={"offset": 10**20}).status_code == 422
    r = client.get(f"/api/jobs/{10**20}")
    assert 400 <= r.status_code < 500 and "error" in r.json()


def test_every_json_body_is_a_typed_command(client) -> None:
    """Issue 14: no state-changing route takes a free-form object; its OpenAPI body is a named
    model whose fields are listed (uploads are multipart forms)."""
    spec = client.get("/api/openapi.json").json()
    schemas = spec["components"]["schemas"]
    untyped = []
    for path, ops in spec["paths"].items():
        for method, op in ops.items():
            body = op.get("requestBody", {}).get("content", {}).get("application/json")
            if body is None:
                continue
            ref = body["schema"].get("$ref", "")
            name = ref.rsplit("/", 1)[-1]
            if not name or not schemas.get(name, {}).get("properties"):
                untyped.append(f"{method.upper()} {path}")
    assert untyped == []
