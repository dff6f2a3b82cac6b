"""Moving an embedded installation (SQLite + folder) to PostgreSQL (+ another blob store)."""

from __future__ import annotations

from pathlib import Path

import pytest

from disputedesk.config import Settings
from disputedesk.services.context import Context
from disputedesk.services.evidence import list_evidence
from disputedesk.services.migrate_storage import MigrationError, move
from disputedesk.services.verify import verify

from support import demo_loaded, make_user


def test_demo_moves_to_postgresql_and_verifies(sqlite_ctx, pg_url, tmp_path: Path) -> None:
    src = sqlite_ctx
    demo_loaded(src, "demo", "Demo dispute")
    make_user(src, "owner", "demo", "owner")
    before = list_evidence(src, "demo", limit=1000)
    target = Context.open(
        Settings(data_dir=tmp_path / "t", database_url=pg_url, blob_store=f"file://{tmp_path}/blobs2")
    )
    report = move(src, target)
    assert report.verify.ok, [str(p) for p in report.verify.problems]
    after = list_evidence(target, "demo", limit=1000)
    assert [(i.label, i.sha256) for i in after.items] == [(i.label, i.sha256) for i in before.items]
    assert report.tables["ledger_entries"] > 0
    # the target keeps working: new items continue the numbering and the ledger chain
    from disputedesk.services.imports import import_paths

    f = tmp_path / "new.txt"
    f.write_text("after the move")
    r = import_paths(target, "demo", [f], actor="t")
    assert r.outcomes[0].evidence == f"E-{before.total + 1:04d}"
    assert verify(target).ok
    with pytest.raises(MigrationError, match="already has rows"):
        move(src, target)
    target.close()
