"""Test helpers: write files, and tamper with the database the way an attacker with access could."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy import text

from disputedesk.services.context import Context

IN_CI = os.environ.get("CI", "").lower() == "true"


def need(condition: bool, reason: str) -> None:
    """Skip on a developer machine that lacks a service; fail under CI=true."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"required in CI: {reason}")
    pytest.skip(reason)


def write_files(folder: Path, files: dict[str, bytes]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        p = folder / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data)
    return folder


def tamper(ctx: Context, *statements: str) -> None:
    """Run SQL with the append-only triggers out of the way (as a DB administrator could)."""
    with ctx.engine.begin() as c:
        if c.dialect.name == "postgresql":
            c.execute(text("SET LOCAL session_replication_role = replica"))
        else:
            for trig in (
                "ledger_entries_no_update",
                "ledger_entries_no_delete",
                "evidence_items_no_delete",
                "evidence_items_fixed",
            ):
                c.execute(text(f"DROP TRIGGER IF EXISTS {trig}"))
        for st in statements:
            c.execute(text(st))


def make_user(ctx: Context, username: str, workspace: str, role: str, password: str = "correct horse battery") -> str:
    from disputedesk.services import accounts

    accounts.create_user(ctx, username, password)
    accounts.grant(ctx, username, workspace, role, actor="test")
    return password


def api_token(ctx: Context, username: str, workspace: str) -> str:
    from disputedesk.services import accounts

    token, _ = accounts.create_api_token(ctx, username, workspace, "test", actor="test")
    return token


CSRF_RE = r'name="csrftoken" value="([^"]+)"'


def sign_in(client, username: str, password: str = "correct horse battery") -> str:  # type: ignore[no-untyped-def]
    """Sign in through the form like a browser; returns the session's CSRF token (also set as header)."""
    import re

    page = client.get("/login")
    csrf = re.search(CSRF_RE, page.text).group(1)  # type: ignore[union-attr]
    r = client.post(
        "/login",
        data={"username": username, "password": password, "csrftoken": csrf, "next": "/"},
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text
    home = client.get("/evidence")
    token = re.search(r'"X-CSRF-Token": "([^"]+)"', home.text).group(1)  # type: ignore[union-attr]
    client.headers["X-CSRF-Token"] = token
    return token


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
