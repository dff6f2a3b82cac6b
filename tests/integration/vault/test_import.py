"""Importing files into the vault, on SQLite and PostgreSQL."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from sqlalchemy import func, select

from disputedesk.services.evidence import get_evidence, list_evidence
from disputedesk.services.imports import import_paths
from disputedesk.services.verify import verify
from disputedesk.store.db import unit_of_work
from disputedesk.store.models import EvidenceItem, LedgerEntry

from support import write_files


def test_import_folder_numbers_items_and_records_each_in_the_ledger(ctx, tmp_path: Path) -> None:
    folder = write_files(
        tmp_path / "in",
        {
            "contract.pdf": b"%PDF-1.4 fake but bytes are bytes",
            "mail/001.eml": b"Subject: =?utf-8?b?5pWF6Zqc?=\r\nDate: Mon, 2 Mar 2026 09:00:00 +0800\r\n\r\nhello",
            "photo.jpg": b"\xff\xd8\xff\xe0" + os.urandom(5000),
            "notes.txt": "固件升级后机器无法启动".encode(),
        },
    )
    report = import_paths(ctx, "default", [folder], actor="tester")
    assert (report.imported, report.duplicates, report.failed) == (4, 0, 0)
    page = list_evidence(ctx, "default")
    assert [i.label for i in page.items] == ["E-0001", "E-0002", "E-0003", "E-0004"]
    by_name = {i.original_name: i for i in page.items}
    assert by_name["001.eml"].kind == "correspondence"
    assert by_name["001.eml"].document_date is not None
    assert by_name["001.eml"].document_date.isoformat() == "2026-03-02T01:00:00+00:00"
    assert by_name["photo.jpg"].media_type == "image/jpeg"
    assert by_name["photo.jpg"].kind == "photo_video"
    item = get_evidence(ctx, "default", by_name["notes.txt"].label)
    assert item.sha256 == hashlib.sha256("固件升级后机器无法启动".encode()).hexdigest()
    assert "无法启动" in (item.text or "")
    assert [e["action"] for e in item.ledger] == ["evidence.added"]
    assert item.ledger[0]["payload"]["number"] == item.number
    assert verify(ctx).ok


def test_duplicates_are_reported_not_stored_twice(ctx, tmp_path: Path) -> None:
    folder = write_files(tmp_path / "in", {"a.txt": b"same bytes", "b.txt": b"same bytes", "c.txt": b"other"})
    report = import_paths(ctx, "default", [folder], actor="t")
    assert (report.imported, report.duplicates) == (2, 1)
    dup = next(o for o in report.outcomes if o.status == "duplicate")
    assert dup.name == "b.txt" and dup.evidence == "E-0001"
    assert "E-0001" in (dup.reason or "")
    again = import_paths(ctx, "default", [folder], actor="t")
    assert (again.imported, again.duplicates) == (0, 3)
    with unit_of_work(ctx.engine) as s:
        assert s.execute(select(func.count(EvidenceItem.id))).scalar_one() == 2
        assert s.execute(select(func.count()).select_from(LedgerEntry)).scalar_one() == 2


def test_bad_paths_are_reported_and_the_rest_goes_on(ctx, tmp_path: Path) -> None:
    folder = write_files(tmp_path / "in", {"empty.bin": b"", "ok.txt": b"fine"})
    report = import_paths(ctx, "default", [tmp_path / "missing.pdf", folder], actor="t")
    reasons = {o.name: o.reason for o in report.outcomes if o.status == "failed"}
    assert reasons["missing.pdf"] == "does not exist"
    assert "empty file" in reasons["empty.bin"]
    assert report.imported == 1


def test_unreadable_file_is_named(ctx) -> None:
    # Root reads any file, so the permission error is raised where the importer opens it.
    from disputedesk.services.imports import Candidate, import_candidates

    def denied():  # type: ignore[no-untyped-def]
        raise PermissionError(13, "Permission denied")

    report = import_candidates(ctx, "default", [Candidate("secret.txt", "/mnt/share/secret.txt", denied)], actor="t")
    assert [(o.status, o.reason) for o in report.outcomes] == [("failed", "not readable (permission denied)")]


def test_a_file_that_vanishes_mid_import_is_reported(ctx, tmp_path: Path) -> None:
    from disputedesk.services.imports import ImportReport, collect_paths, import_candidates

    folder = write_files(tmp_path / "in", {f"f{i}.txt": f"file {i}".encode() for i in range(5)})
    report = ImportReport()
    listed = list(collect_paths([folder], report))  # listed first …
    (folder / "f2.txt").unlink()  # … then one disappears before it is read
    report = import_candidates(ctx, "default", listed, actor="t", report=report)
    failed = [o for o in report.outcomes if o.status == "failed"]
    assert [(o.name, o.reason) for o in failed] == [("f2.txt", "file vanished before it could be read")]
    assert report.imported == 4
    assert verify(ctx).ok


def test_interrupted_import_can_be_rerun_without_duplicates(ctx, tmp_path: Path) -> None:
    folder = write_files(tmp_path / "in", {f"f{i:02d}.txt": f"file {i}".encode() for i in range(20)})

    class Crash(Exception):
        pass

    def crash_after_ten(outcome) -> None:  # noqa: ANN001
        if outcome.name == "f09.txt":
            raise Crash

    with pytest.raises(Crash):
        import_paths(ctx, "default", [folder], actor="t", progress=crash_after_ten)
    assert verify(ctx).ok  # whatever was committed is whole
    report = import_paths(ctx, "default", [folder], actor="t")
    assert report.imported + report.duplicates == 20
    with unit_of_work(ctx.engine) as s:
        numbers = sorted(s.execute(select(EvidenceItem.number)).scalars())
    assert numbers == list(range(1, 21)), "no gaps and no duplicates after the re-run"
    assert verify(ctx).ok


def test_unwritable_blob_folder_is_a_clear_error(ctx, tmp_path: Path) -> None:
    from disputedesk.store.blobs import BlobStoreError, LocalBlobStore

    ro = tmp_path / "ro"
    ro.mkdir()
    (ro / "x").write_text("not a folder")
    ctx.blobs = LocalBlobStore(ro / "x" / "blobs")  # parent is a file: cannot be created
    folder = write_files(tmp_path / "in", {"a.txt": b"a"})
    with pytest.raises(BlobStoreError, match="cannot be created"):
        import_paths(ctx, "default", [folder], actor="t")
    with unit_of_work(ctx.engine) as s:
        assert s.execute(select(func.count(EvidenceItem.id))).scalar_one() == 0


def test_locked_database_is_a_clear_error_and_nothing_is_half_written(data_dir, tmp_path: Path) -> None:
    import sqlite3

    from disputedesk.config import Settings
    from disputedesk.services.context import Context
    from disputedesk.services.workspaces import ensure_workspace
    from disputedesk.store.db import DatabaseError

    db = tmp_path / "locked.sqlite3"
    ctx = Context.open(Settings(data_dir=data_dir, database_url=f"sqlite:///{db}", db_lock_timeout=0.5))
    ensure_workspace(ctx, "default")
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")  # another process holds the write lock
    folder = write_files(tmp_path / "in", {"a.txt": b"a", "b.txt": b"b"})
    try:
        with pytest.raises(DatabaseError, match="locked by another process"):
            import_paths(ctx, "default", [folder], actor="t")
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert list_evidence(ctx, "default").total == 0
    report = import_paths(ctx, "default", [folder], actor="t")  # re-run finishes the job
    assert report.imported == 2 and verify(ctx).ok
    ctx.close()
