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
