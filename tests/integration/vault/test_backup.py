"""Backup while imports run, restore into an empty installation, verify (SQLite and PostgreSQL)."""

from __future__ import annotations

import tarfile
import threading
from pathlib import Path

import pytest

from disputedesk.config import Settings
from disputedesk.services.backup import BackupError, backup, restore
from disputedesk.services.context import Context
from disputedesk.services.imports import import_paths
from disputedesk.services.verify import verify

from support import write_files


def target_context(ctx: Context, tmp_path: Path, request: pytest.FixtureRequest) -> Context:
    data = tmp_path / "restored"
    data.mkdir()
    if ctx.engine.dialect.name == "sqlite":
        url = f"sqlite:///{data / 'dd.sqlite3'}"
    else:
        url = request.getfixturevalue("pg_factory")()  # a second, empty database
    return Context.open(Settings(data_dir=data, database_url=url), upgrade=False)


def test_backup_under_load_restores_to_a_verified_state(ctx, tmp_path: Path, request) -> None:
    write_files(tmp_path / "first", {f"f{i}.txt": f"first {i}".encode() for i in range(30)})
    import_paths(ctx, "default", [tmp_path / "first"], actor="t")
    stop = threading.Event()
    errors: list[BaseException] = []

    def keep_importing() -> None:
        n = 0
        try:
            while not stop.is_set() and n < 40:
                folder = write_files(
                    tmp_path / f"load{n}", {f"x{n}_{j}.bin": f"load {n} {j}".encode() * 200 for j in range(5)}
                )
                import_paths(ctx, "default", [folder], actor="loader")
                n += 1
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    t = threading.Thread(target=keep_importing)
    t.start()
    try:
        out = backup(ctx, tmp_path / "backup.tar")
    finally:
        stop.set()
        t.join()
    assert not errors, errors
    assert out.blobs >= 30
    names = tarfile.open(out.path).getnames()
    assert "manifest.json" in names and any(n.startswith("meta/") for n in names)
    assert not list(tmp_path.glob(".backup.tar.partial"))

    target = target_context(ctx, tmp_path, request)
    report = restore(target, out.path)
    assert report.ok, [str(p) for p in report.problems]
    assert report.items >= 30
    assert verify(ctx).ok  # the source is unharmed too
    target.close()


def test_backup_refuses_to_overwrite_and_restore_checks_the_archive(ctx, tmp_path: Path, request) -> None:
    (tmp_path / "exists.tar").write_bytes(b"x")
    with pytest.raises(BackupError, match="exists already"):
        backup(ctx, tmp_path / "exists.tar")
    evil = tmp_path / "evil.tar"
    with tarfile.open(evil, "w") as tar:
        import io

        for name, data in (
            ("manifest.json", b'{"engine": "%s"}' % ctx.engine.dialect.name.encode()),
            ("../../etc/passwd", b"root"),
        ):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    target = target_context(ctx, tmp_path, request)
    with pytest.raises(BackupError, match="unexpected member"):
        restore(target, evil)
    target.close()
