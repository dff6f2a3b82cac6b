"""Sessions end on the server (issue 15, weak spots), on both engines: sign-out, a password
change and the removal of one's role end every copy of the session cookie; opening a share
link does not silently replace a signed-in session; the bundle check shows no server path."""

from __future__ import annotations

import io
import zipfile

from fastapi.testclient import TestClient

from disputedesk.services import accounts
from disputedesk.services.workspaces import ensure_workspace
from disputedesk.web.app import create_app

from support import api_token, make_user, sign_in


def copy_of(c: TestClient, app) -> TestClient:  # type: ignore[no-untyped-def]
    """A second client carrying a copy of the first one's cookies (a stolen or kept cookie)."""
    other = TestClient(app, follow_redirects=False)
    for name, value in c.cookies.items():
        other.cookies.set(name, value)
    return other


def test_sign_out_ends_every_copy_of_the_session(ctx) -> None:
    make_user(ctx, "alice", "default", "owner")
    app = create_app(ctx)
    with TestClient(app, follow_redirects=False) as c:
        sign_in(c, "alice")
        kept = copy_of(c, app)
        assert kept.get("/evidence").status_code == 200
        assert c.post("/logout").status_code == 303
        r = kept.get("/evidence")
        assert r.status_code == 303 and r.headers["location"].startswith("/login")
        sign_in(c, "alice")  # signing in again works
        assert c.get("/evidence").status_code == 200


def test_removing_a_role_ends_the_session(ctx) -> None:
    ensure_workspace(ctx, "b", "Client B")
    make_user(ctx, "alice", "default", "owner")
    accounts.grant(ctx, "alice", "b", "member", actor="test")
    app = create_app(ctx)
    with TestClient(app, follow_redirects=False) as c:
        sign_in(c, "alice")
        assert c.get("/evidence?ws=b").status_code == 200
        accounts.grant(ctx, "alice", "b", "none", actor="owner")
        r = c.get("/evidence?ws=default")
        assert r.status_code == 303 and r.headers["location"].startswith("/login")


def test_a_share_link_does_not_replace_a_signed_in_session(ctx) -> None:
    ensure_workspace(ctx, "b", "Client B")
    make_user(ctx, "alice", "default", "owner")
    make_user(ctx, "bob", "b", "owner")
    token, _ = accounts.create_share_link(ctx, "b", created_by="bob")
    with TestClient(create_app(ctx), follow_redirects=False) as c:
        sign_in(c, "alice")
        r = c.get(f"/share/{token}", headers={"accept": "text/html"})
        assert r.status_code == 409 and "Sign out first" in r.text
        page = c.get("/evidence")
        assert page.status_code == 200 and "alice" in page.text  # still alice, in her own workspace


def test_the_bundle_check_shows_no_server_path(ctx) -> None:
    make_user(ctx, "alice", "default", "owner")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("hello.txt", "not a bundle")
    with TestClient(create_app(ctx)) as c:
        c.headers["Authorization"] = f"Bearer {api_token(ctx, 'alice', 'default')}"
        r = c.post("/api/bundles/verify", files=[("file", ("my-bundle.zip", buf.getvalue()))])
        assert r.status_code == 200 and r.json()["problems"]
        assert "dd-verify-" not in r.text and "/tmp" not in r.text
        assert "my-bundle.zip" in r.text
