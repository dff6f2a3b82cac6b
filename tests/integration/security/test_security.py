"""Accounts, roles, isolation between workspaces, CSRF, share links (SQLite and PostgreSQL).

The isolation and no-session tests walk the app's own route table / OpenAPI document, so a
route added later is covered without writing a new test.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from sqlalchemy import select

from disputedesk.services import accounts
from disputedesk.services.imports import Candidate, import_candidates
from disputedesk.services.workspaces import ensure_workspace
from disputedesk.store.db import unit_of_work
from disputedesk.store.models import LedgerEntry
from disputedesk.web.app import create_app

from support import CSRF_RE, api_token, make_user, sign_in


def evidence_items(ctx, ws: str):  # type: ignore[no-untyped-def]
    from disputedesk.services.evidence import list_evidence

    return list_evidence(ctx, ws, limit=1000).items


PUBLIC = {
    "/api/health",
    "/login",
    "/logout",
    "/login/token/{token}",
    "/share/{token}",
    "/lang/{code}",
    "/favicon.ico",  # the site icon, like /static: no data
}
SECRET_B = "TOP-SECRET-WORKSPACE-B-故障"


def add_bytes(ctx, ws: str, items: dict[str, bytes]) -> None:  # type: ignore[no-untyped-def]
    import io

    cands = [Candidate(n, f"test:{n}", (lambda d=d: io.BytesIO(d))) for n, d in items.items()]  # type: ignore[misc]
    import_candidates(ctx, ws, cands, actor="test")


@pytest.fixture
def two_workspaces(ctx):  # type: ignore[no-untyped-def]
    ensure_workspace(ctx, "a", "Client A")
    ensure_workspace(ctx, "b", "Client B")
    add_bytes(ctx, "a", {"a1.txt": b"a one"})
    add_bytes(ctx, "b", {f"b{i}.txt": f"{SECRET_B} {i}".encode() for i in range(1, 4)})
    make_user(ctx, "alice", "a", "owner")
    make_user(ctx, "bob", "b", "owner")
    return ctx


def all_routes(routes):  # type: ignore[no-untyped-def]
    """Every APIRoute, including those of included routers (newer FastAPI keeps them nested)."""
    for r in routes:
        if isinstance(r, APIRoute):
            yield r
        elif hasattr(r, "original_router"):
            yield from all_routes(r.original_router.routes)


def fill(path: str, value: str = "E-0003") -> str:
    return re.sub(r"\{[^}]+\}", value, path)


def test_every_api_route_refuses_other_workspace_objects(two_workspaces) -> None:
    app = create_app(two_workspaces)
    with TestClient(app) as c:
        c.headers["Authorization"] = f"Bearer {api_token(two_workspaces, 'alice', 'a')}"
        spec = c.get("/api/openapi.json").json()
        checked = 0
        for path, methods in spec["paths"].items():
            if path in PUBLIC:
                continue
            for method in methods:
                # 1. Naming workspace B explicitly: refused.
                r = c.request(method.upper(), fill(path), params={"ws": "b"})
                assert r.status_code in (403, 404), (method, path, r.status_code, r.text[:200])
                # 2. An object that exists only in B (E-0003), asked from A: not found, nothing leaked.
                r = c.request(method.upper(), fill(path))
                assert r.status_code in (400, 403, 404, 405, 422) or r.status_code < 300, (method, path)
                assert SECRET_B not in r.text, (method, path)
                checked += 1
        assert checked >= 6


def test_every_route_without_a_session_is_refused(two_workspaces) -> None:
    app = create_app(two_workspaces)
    with TestClient(app, follow_redirects=False) as c:
        checked = 0
        for route in all_routes(app.routes):
            if route.path in PUBLIC:
                continue
            for method in route.methods - {"HEAD"}:
                r = c.request(method, fill(route.path))
                if route.path.startswith("/api"):
                    assert r.status_code in (401, 403), (method, route.path, r.status_code)
                elif method == "GET":
                    assert r.status_code == 303 and r.headers["location"].startswith("/login"), (method, route.path)
                else:
                    assert r.status_code in (401, 403), (method, route.path, r.status_code)  # CSRF or auth
                assert SECRET_B not in r.text
                checked += 1
        assert checked >= 15


def test_workspace_switch_is_limited_to_ones_memberships(two_workspaces) -> None:
    with TestClient(create_app(two_workspaces)) as c:
        sign_in(c, "alice")
        assert c.get("/evidence?ws=a").status_code == 200
        r = c.get("/evidence?ws=b")
        assert r.status_code == 404 and SECRET_B not in r.text
        assert c.get("/evidence/E-0003").status_code == 404


def test_csrf_token_is_required_for_state_changes(two_workspaces) -> None:
    with TestClient(create_app(two_workspaces)) as c:
        sign_in(c, "alice")
        del c.headers["X-CSRF-Token"]
        r = c.post("/evidence/upload", files=[("files", ("x.txt", b"x"))])
        assert r.status_code == 403 and "CSRF" in r.json()["error"]
        r = c.post("/verify", headers={"X-CSRF-Token": "forged"})
        assert r.status_code == 403
        # The sign-in form itself needs the token too (no login CSRF).
        with TestClient(create_app(two_workspaces)) as fresh:
            r = fresh.post("/login", data={"username": "alice", "password": "correct horse battery"})
            assert r.status_code == 403


def test_roles_decide_what_a_member_may_do(two_workspaces) -> None:
    ctx = two_workspaces
    make_user(ctx, "vera", "a", "viewer")
    make_user(ctx, "carl", "a", "counsel")
    with TestClient(create_app(ctx)) as c:
        c.headers["Authorization"] = f"Bearer {api_token(ctx, 'vera', 'a')}"
        assert c.get("/api/evidence").status_code == 200
        r = c.post("/api/evidence", files=[("files", ("x.txt", b"x"))])
        assert r.status_code == 403 and "viewer" in r.json()["error"]
        assert c.post("/api/verify").status_code == 403
        c.headers["Authorization"] = f"Bearer {api_token(ctx, 'carl', 'a')}"
        assert c.post("/api/verify").json()["ok"] is True
        assert c.post("/api/evidence", files=[("files", ("x.txt", b"x"))]).status_code == 403


def test_sign_in_is_throttled_after_repeated_failures(two_workspaces) -> None:
    with TestClient(create_app(two_workspaces)) as c:
        page = c.get("/login")
        csrf = re.search(r'name="csrftoken" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
        for _ in range(5):
            r = c.post("/login", data={"username": "alice", "password": "wrong password!", "csrftoken": csrf})
            assert r.status_code == 401 and "wrong user name or password" in r.text
        r = c.post("/login", data={"username": "alice", "password": "correct horse battery", "csrftoken": csrf})
        assert r.status_code == 429 and "too many failed sign-ins" in r.text
        assert int(r.headers["Retry-After"]) > 0
    events = [e.action for e in accounts.list_audit(two_workspaces, None)]
    assert events.count("signin.failed") == 5 and "signin.throttled" in events


def test_revoked_token_and_changed_password_end_access(two_workspaces) -> None:
    ctx = two_workspaces
    tok = api_token(ctx, "alice", "a")
    with TestClient(create_app(ctx)) as c:
        assert c.get("/api/evidence", headers={"Authorization": f"Bearer {tok}"}).status_code == 200
        token_id = accounts.list_api_tokens(ctx, "alice")[0][0].id
        accounts.revoke_api_token(ctx, token_id, actor="test")
        assert c.get("/api/evidence", headers={"Authorization": f"Bearer {tok}"}).status_code == 401
        sign_in(c, "alice")
        assert c.get("/evidence").status_code == 200
        accounts.set_password(ctx, "alice", "a brand new password", actor="admin")
        r = c.get("/evidence", follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"].startswith("/login")


def test_share_link_is_read_only_expiring_revocable_and_recorded(two_workspaces) -> None:
    ctx = two_workspaces
    token, link = accounts.create_share_link(ctx, "a", created_by="alice", days=7, label="outside counsel")
    with TestClient(create_app(ctx)) as c:
        r = c.get(f"/share/{token}", follow_redirects=False)
        assert r.status_code == 303
        assert "a1.txt" in c.get("/evidence").text
        assert c.get("/evidence/E-0001/original").content == b"a one"
        assert c.get("/evidence?ws=b").status_code == 404
        assert c.post("/api/verify").status_code in (403, 401)
        with unit_of_work(ctx.engine) as s:
            actions = list(
                s.execute(
                    select(LedgerEntry.action).where(LedgerEntry.action.in_(["share.used", "evidence.downloaded"]))
                ).scalars()
            )
        assert actions == ["share.used", "evidence.downloaded"]
        accounts.revoke_share_link(ctx, link.id, actor="alice")
        r = c.get("/evidence", follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"].startswith("/login")
    # Expired: the clock moves past the expiry.
    token2, _ = accounts.create_share_link(ctx, "a", created_by="alice", days=1)
    real = ctx.clock
    ctx.clock = lambda: real() + timedelta(days=2)
    try:
        assert accounts.access_for_share(ctx, token2) is None
    finally:
        ctx.clock = real
    assert accounts.access_for_share(ctx, token2 + "x") is None  # forged signature


def test_owner_sees_audit_and_manages_roles(two_workspaces) -> None:
    ctx = two_workspaces
    make_user(ctx, "mia", "b", "viewer")
    with TestClient(create_app(ctx)) as c:
        sign_in(c, "alice")
        c.get("/evidence/E-0001/original")
        page = c.get("/access")
        assert page.status_code == 200
        assert "evidence downloaded" in page.text and "signin" in page.text  # the audit trail, in words
        r = c.post("/access/role", data={"username": "mia", "role": "counsel"}, follow_redirects=False)
        assert r.status_code == 303
        assert ("a", "counsel") in dict((u.username, ms) for u, ms in accounts.list_users(ctx))["mia"]
    with TestClient(create_app(ctx)) as c:
        sign_in(c, "mia")
        assert c.get("/access?ws=a").status_code == 403


def test_upload_over_the_limit_is_refused_before_reading(two_workspaces) -> None:
    ctx = two_workspaces
    ctx.settings.max_upload_bytes = 1000
    with TestClient(create_app(ctx)) as c:
        c.headers["Authorization"] = f"Bearer {api_token(ctx, 'alice', 'a')}"
        r = c.post("/api/evidence", files=[("files", ("big.bin", b"x" * 3_000_000))])
        assert r.status_code == 413 and "limit" in r.json()["error"]


def test_html_mail_preview_is_sanitised(two_workspaces) -> None:
    ctx = two_workspaces
    mail = (
        b"From: supplier@example.cn\r\nTo: buyer@example.de\r\nSubject: hi\r\nMIME-Version: 1.0\r\n"
        b"Content-Type: text/html; charset=utf-8\r\n\r\n"
        b'<p onclick="steal()">Hello<script>window.top.pwned=1</script>'
        b'<img src="http://127.0.0.1:9/track.gif"><a href="javascript:alert(1)">click</a></p>'
    )
    add_bytes(ctx, "a", {"hostile.eml": mail})
    with TestClient(create_app(ctx)) as c:
        sign_in(c, "alice")
        r = c.get("/evidence/E-0002/html")
        assert r.status_code == 200
        body = r.text
        assert "<script" not in body and "onclick" not in body and "track.gif" not in body
        assert "javascript:" not in body and "Hello" in body
        assert "sandbox" in r.headers["content-security-policy"]
        detail = c.get("/evidence/E-0002")
        assert 'iframe class="mail" sandbox' in detail.text


def test_multipart_forms_carry_their_csrf_token_in_the_body(two_workspaces) -> None:
    """A browser's file-upload form sends the token as the first multipart field (no header)."""
    with TestClient(create_app(two_workspaces)) as c:
        tok = sign_in(c, "alice")
        del c.headers["X-CSRF-Token"]
        page = c.get("/contracts")
        assert re.search(CSRF_RE, page.text).group(1) == tok  # type: ignore[union-attr]
        r = c.post(
            "/contracts/upload",
            data={"csrftoken": tok, "kind": "contract"},
            files=[("file", ("form-contract.txt", b"The Seller shall respond within 24 hours."))],
            follow_redirects=False,
        )
        assert r.status_code == 303 and r.headers["location"].startswith("/contracts/E-")
        # the same form with a wrong token, and with the file before the token: refused, nothing stored
        r = c.post("/contracts/upload", data={"csrftoken": "forged"}, files=[("file", ("f.txt", b"forged one"))])
        assert r.status_code == 403 and "CSRF" in r.json()["error"]
        body = (
            b'--B\r\nContent-Disposition: form-data; name="file"; filename="early.txt"\r\n\r\nearly\r\n'
            b'--B\r\nContent-Disposition: form-data; name="csrftoken"\r\n\r\n' + tok.encode() + b"\r\n--B--\r\n"
        )
        r = c.post("/contracts/upload", content=body, headers={"content-type": "multipart/form-data; boundary=B"})
        assert r.status_code == 403 and "before its CSRF token" in r.json()["error"]
        names = [i.original_name for i in evidence_items(two_workspaces, "a")]
        assert "form-contract.txt" in names and "f.txt" not in names and "early.txt" not in names


def test_a_made_up_bearer_header_does_not_carry_a_session_past_csrf(two_workspaces) -> None:
    with TestClient(create_app(two_workspaces)) as c:
        sign_in(c, "alice")
        del c.headers["X-CSRF-Token"]
        r = c.post(
            "/evidence/upload",
            headers={"Authorization": "Bearer made-up"},
            files=[("files", ("sneaky.txt", b"sneaky"))],
            follow_redirects=False,
        )
        assert r.status_code in (401, 403) or r.headers["location"].startswith("/login")
        r = c.post("/verify", headers={"Authorization": "bearer made-up"}, follow_redirects=False)
        assert r.status_code in (401, 403) or r.headers["location"].startswith("/login")
        assert "sneaky.txt" not in [i.original_name for i in evidence_items(two_workspaces, "a")]
        assert c.get("/evidence").status_code == 200  # the browser's own session is untouched


def test_hostile_form_bodies_get_a_clear_refusal_not_a_crash(two_workspaces) -> None:
    with TestClient(create_app(two_workspaces)) as c:
        sign_in(c, "alice")
        del c.headers["X-CSRF-Token"]
        r = c.post("/verify", content=b"x", headers={"content-type": "multipart/form-data"})
        assert r.status_code == 400 and "boundary" in r.json()["error"]
        form = {"content-type": "application/x-www-form-urlencoded"}
        r = c.post("/verify", content=b"csrftoken=\xff\xfe", headers=form)
        assert r.status_code in (400, 403)
        r = c.post("/verify", content=b"{}", headers={"content-type": "application/json"})
        assert r.status_code == 403
