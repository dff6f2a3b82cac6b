"""Weak spots of issue 15: the sign-in throttle cannot be raced, proxy headers are believed only
from configured proxies, and a share link is handed out only by an owner."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from disputedesk.services import accounts
from disputedesk.services.accounts import AccountError, SignInRefused
from disputedesk.services.workspaces import ensure_workspace

from support import free_port, make_user


def test_sixteen_wrong_passwords_at_once_check_at_most_five(ctx) -> None:
    make_user(ctx, "alice", "default", "owner")

    def attempt(i: int) -> str:
        try:
            accounts.authenticate(ctx, "alice", f"wrong password {i}", "203.0.113.7")
        except SignInRefused as exc:
            return "throttled" if exc.retry_after else "checked"
        return "signed in"

    with ThreadPoolExecutor(16) as pool:
        results = list(pool.map(attempt, range(16)))
    assert results.count("checked") <= 5, results
    events = [e.action for e in accounts.list_audit(ctx, None)]
    assert events.count("signin.failed") == results.count("checked") <= 5
    assert events.count("signin.throttled") == results.count("throttled") >= 11


def test_a_successful_sign_in_is_not_counted_as_a_failure(ctx) -> None:
    make_user(ctx, "alice", "default", "owner")
    for _ in range(8):
        accounts.authenticate(ctx, "alice", "correct horse battery", "203.0.113.7")
    events = [e.action for e in accounts.list_audit(ctx, None)]
    assert events.count("signin") == 8 and "signin.failed" not in events


def test_only_an_owner_of_the_workspace_hands_out_a_share_link(ctx) -> None:
    ensure_workspace(ctx, "b", "Client B")
    make_user(ctx, "olga", "default", "owner")
    make_user(ctx, "vera", "default", "viewer")
    accounts.create_user(ctx, "mallory", "correct horse battery")
    with pytest.raises(AccountError, match="not an owner"):
        accounts.create_share_link(ctx, "default", created_by="mallory")
    with pytest.raises(AccountError, match="not an owner"):
        accounts.create_share_link(ctx, "default", created_by="vera")
    with pytest.raises(AccountError, match="not an owner"):
        accounts.create_share_link(ctx, "b", created_by="olga")
    token, _ = accounts.create_share_link(ctx, "default", created_by="olga")
    assert accounts.access_for_share(ctx, token) is not None


def _serve_and_fail_a_sign_in(tmp_path: Path, trusted: str) -> str | None:
    """Serve the app, send one wrong password with X-Forwarded-For: 198.51.100.9; the audited address."""
    data = tmp_path / f"data{bool(trusted)}"
    env = {
        **os.environ,
        "DISPUTEDESK_DATA_DIR": str(data),
        "DISPUTEDESK_DATABASE_URL": "",
        "DISPUTEDESK_TRUSTED_PROXIES": trusted,
    }
    cli = [sys.executable, "-m", "disputedesk.cli"]
    subprocess.run([*cli, "init"], env=env, check=True, capture_output=True, timeout=120)
    subprocess.run(
        [*cli, "user", "add", "alice", "--password-stdin"],
        input="correct horse battery\n",
        text=True,
        env=env,
        check=False,
        capture_output=True,
        timeout=120,
    )
    port = free_port()
    proc = subprocess.Popen(
        [*cli, "serve", "--port", str(port)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        base = f"http://127.0.0.1:{port}"
        with httpx.Client(base_url=base, timeout=5) as c:
            deadline = time.monotonic() + 60
            while True:
                try:
                    if c.get("/api/health").status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                assert time.monotonic() < deadline and proc.poll() is None, "server did not start"
                time.sleep(0.2)
            page = c.get("/login")
            tok = re.search(r'name="csrftoken" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
            r = c.post(
                "/login",
                data={"csrftoken": tok, "username": "alice", "password": "wrong password!"},
                headers={"X-Forwarded-For": "198.51.100.9"},
            )
            assert r.status_code == 401
    finally:
        proc.terminate()
        proc.wait(10)
    from disputedesk.config import Settings
    from disputedesk.services.context import Context

    ctx = Context.open(Settings(data_dir=data))
    try:
        failed = [e for e in accounts.list_audit(ctx, None) if e.action == "signin.failed"]
        return failed[-1].address if failed else None
    finally:
        ctx.close()


def test_forwarded_for_is_believed_only_from_configured_proxies(tmp_path: Path) -> None:
    assert _serve_and_fail_a_sign_in(tmp_path, "") == "127.0.0.1"
    assert _serve_and_fail_a_sign_in(tmp_path, "127.0.0.1") == "198.51.100.9"
