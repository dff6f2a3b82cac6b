"""`verify` catches each kind of tampering and names the item or entry (SQLite and PostgreSQL)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from disputedesk.services.imports import import_paths
from disputedesk.services.verify import verify

from support import tamper, write_files


@pytest.fixture
def vault(ctx, tmp_path: Path):
    folder = write_files(tmp_path / "in", {f"doc{i}.txt": f"document number {i}".encode() for i in range(1, 6)})
    report = import_paths(ctx, "default", [folder], actor="t")
    assert report.imported == 5
    assert verify(ctx).ok
    return ctx


def sha_of(ctx, number: int) -> str:
    with ctx.engine.connect() as c:
        return c.execute(text("SELECT sha256 FROM evidence_items WHERE number = :n"), {"n": number}).scalar_one()


def problems(ctx) -> list[str]:
    report = verify(ctx)
    assert not report.ok
    return [str(p) for p in report.problems]


def test_changed_blob_is_named(vault) -> None:
    p = vault.blobs.path(sha_of(vault, 3))
    os.chmod(p, 0o644)
    p.write_bytes(b"document number 3, quietly edited")
    out = problems(vault)
    assert any("E-0003" in x and "altered" in x for x in out), out


def test_missing_blob_is_named(vault) -> None:
    vault.blobs.path(sha_of(vault, 2)).unlink()
    out = problems(vault)
    assert any("E-0002" in x and "missing" in x for x in out), out


def test_edited_ledger_entry_is_named(vault) -> None:
    tamper(vault, "UPDATE ledger_entries SET actor = 'someone-else' WHERE seq = 4")
    out = problems(vault)
    assert any("ledger #4" in x and "edited" in x for x in out), out


def test_deleted_ledger_entry_in_the_middle_is_named(vault) -> None:
    tamper(vault, "DELETE FROM ledger_entries WHERE seq = 2")
    out = problems(vault)
    assert any("#2 are missing" in x or "entries #2 " in x for x in out), out
    assert any("E-0002" in x and "ledger" in x for x in out), out


def test_deleted_last_ledger_entry_is_caught_by_the_anchor(vault) -> None:
    tamper(vault, "DELETE FROM ledger_entries WHERE seq = 5")
    out = problems(vault)
    assert any("#5" in x and "anchor" in x for x in out), out


def test_reordered_ledger_entries_are_named(vault) -> None:
    tamper(
        vault,
        "UPDATE ledger_entries SET seq = 100 WHERE seq = 2",
        "UPDATE ledger_entries SET seq = 2 WHERE seq = 3",
        "UPDATE ledger_entries SET seq = 3 WHERE seq = 100",
    )
    out = problems(vault)
    assert any("ledger #2" in x and ("edited" in x or "link" in x) for x in out), out


def test_deleted_evidence_row_is_named(vault) -> None:
    tamper(vault, "DELETE FROM evidence_items WHERE number = 4")
    out = problems(vault)
    assert any("E-0004" in x and "gone" in x for x in out), out


def test_database_refuses_to_change_or_delete_ledger_entries(vault) -> None:
    for stmt in (
        "UPDATE ledger_entries SET actor = 'x' WHERE seq = 1",
        "DELETE FROM ledger_entries WHERE seq = 1",
        "DELETE FROM evidence_items WHERE number = 1",
        "UPDATE evidence_items SET sha256 = 'x' WHERE number = 1",
    ):
        with pytest.raises(DBAPIError):
            with vault.engine.begin() as c:
                c.execute(text(stmt))
    assert verify(vault).ok
