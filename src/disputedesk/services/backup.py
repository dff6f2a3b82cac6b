"""Consistent backups while the app runs, and restores that end with ``verify``.

A backup is one uncompressed tar file:

    manifest.json           what, when, which engine, counts
    meta/<name>             the ledger anchors (taken *first*, so they never run ahead of the data)
    database.sqlite3        SQLite: the online-backup API's consistent copy
    database.sql            PostgreSQL: ``pg_dump`` (a consistent snapshot)
    blobs/sha256/ab/cd/<h>  every original (taken *after* the database: rows only point to blobs
                            that were flushed before they committed, so all of them are there)

It is written under a temporary name and renamed when complete. Restoring never extracts
paths from the archive: each member name is checked against the layout above, each blob is
re-hashed as it is stored, and the result is verified.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url

from .. import __version__
from ..store.blobs import BlobStoreError
from .context import Context
from .verify import VerifyReport, verify

BLOB_NAME = re.compile(r"^blobs/sha256/([0-9a-f]{2})/([0-9a-f]{2})/([0-9a-f]{64})$")
META_NAME = re.compile(r"^meta/([A-Za-z0-9._-]{1,200})$")


class BackupError(Exception):
    pass


def _libpq_url(url: str) -> str:
    u = make_url(url)
    return u.set(drivername="postgresql").render_as_string(hide_password=False)


@dataclass
class BackupSummary:
    path: Path
    blobs: int
    bytes: int
    engine: str


def backup(ctx: Context, out: Path, *, progress: Callable[[int], None] | None = None) -> BackupSummary:
    out = Path(out)
    if out.exists():
        raise BackupError(f"{out}: exists already; choose a new file name")
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.partial")
    engine = ctx.engine.dialect.name
    blobs = size = 0
    try:
        with tarfile.open(tmp, "w") as tar, tempfile.TemporaryDirectory() as work:
            # 1. anchors first
            meta_names = ctx.blobs.list_meta()
            for name in meta_names:
                data = ctx.blobs.read_meta(name)
                if data is not None:
                    _add_bytes(tar, f"meta/{name}", data)
            # 2. the database
            if engine == "sqlite":
                db_copy = Path(work) / "database.sqlite3"
                src = sqlite3.connect(make_url(ctx.settings.resolved_database_url).database or "")
                dst = sqlite3.connect(db_copy)
                with dst:
                    src.backup(dst)
                src.close()
                dst.close()
                tar.add(db_copy, "database.sqlite3")
            elif engine == "postgresql":
                dump = Path(work) / "database.sql"
                r = subprocess.run(
                    [
                        "pg_dump",
                        "--no-owner",
                        "--no-privileges",
                        "-f",
                        str(dump),
                        _libpq_url(ctx.settings.resolved_database_url),
                    ],
                    capture_output=True,
                    text=True,
                )
                if r.returncode != 0:
                    raise BackupError(f"pg_dump failed: {r.stderr.strip()}")
                tar.add(dump, "database.sql")
            else:  # pragma: no cover
                raise BackupError(f"backup of {engine} databases is not supported")
            # 3. the blobs
            for h in sorted(ctx.blobs.iter_hashes()):
                n = ctx.blobs.size(h)
                info = tarfile.TarInfo(f"blobs/sha256/{h[:2]}/{h[2:4]}/{h}")
                info.size = n
                info.mode = 0o444
                with ctx.blobs.open(h) as f:
                    tar.addfile(info, f)
                blobs += 1
                size += n
                if progress:
                    progress(1)
            manifest = {
                "format": "disputedesk-backup/1",
                "version": __version__,
                "created_at": ctx.clock().isoformat(),
                "engine": engine,
                "blobs": blobs,
                "bytes": size,
            }
            _add_bytes(tar, "manifest.json", json.dumps(manifest, indent=2).encode())
        with open(tmp, "rb") as f:
            os.fsync(f.fileno())
        os.replace(tmp, out)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return BackupSummary(out, blobs, size, engine)


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mode = 0o444
    tar.addfile(info, io.BytesIO(data))


def restore(ctx: Context, archive: Path) -> VerifyReport:
    """Rebuild an installation from a backup into the (empty) database and blob store of ``ctx``."""
    archive = Path(archive)
    if not archive.is_file():
        raise BackupError(f"{archive}: no such backup file")
    engine = ctx.engine.dialect.name
    try:
        tar = tarfile.open(archive, "r")
    except tarfile.TarError as exc:
        raise BackupError(f"{archive}: not a DisputeDesk backup ({exc})") from exc
    with tar, tempfile.TemporaryDirectory() as work:
        names = tar.getnames()
        if "manifest.json" not in names:
            raise BackupError(f"{archive}: no manifest.json; not a DisputeDesk backup")
        manifest = json.load(tar.extractfile("manifest.json"))  # type: ignore[arg-type]
        if manifest.get("engine") != engine:
            raise BackupError(
                f"{archive}: a {manifest.get('engine')} backup cannot be restored into a {engine} database"
            )
        for name in names:
            if not (
                BLOB_NAME.match(name)
                or META_NAME.match(name)
                or name in ("manifest.json", "database.sqlite3", "database.sql")
            ):
                raise BackupError(f"{archive}: unexpected member {name!r}; refusing to restore")
        _restore_database(ctx, tar, Path(work))
        for m in tar.getmembers():
            if (b := BLOB_NAME.match(m.name)) is not None:
                f = tar.extractfile(m)
                assert f is not None
                stored = ctx.blobs.put_stream(f, label=f"{archive}:{m.name}")
                if stored.sha256 != b.group(3):
                    raise BackupError(f"{archive}: {m.name} does not match its hash (backup damaged)")
            elif (mm := META_NAME.match(m.name)) is not None:
                f = tar.extractfile(m)
                assert f is not None
                ctx.blobs.write_meta(mm.group(1), f.read())
        try:
            ctx.blobs.flush()
        except BlobStoreError as exc:
            raise BackupError(str(exc)) from exc
    return verify(ctx)


def _restore_database(ctx: Context, tar: tarfile.TarFile, work: Path) -> None:
    engine = ctx.engine.dialect.name
    if engine == "sqlite":
        target = Path(make_url(ctx.settings.resolved_database_url).database or "")
        if target.exists() and target.stat().st_size > 0 and _sqlite_has_data(target):
            raise BackupError(f"{target}: the target database has data already; restore into an empty one")
        ctx.engine.dispose()
        src = tar.extractfile("database.sqlite3")
        if src is None:
            raise BackupError("backup has no database.sqlite3")
        tmp = work / "db.sqlite3"
        with open(tmp, "wb") as out:
            shutil.copyfileobj(src, out)
        for suffix in ("", "-wal", "-shm"):
            Path(str(target) + suffix).unlink(missing_ok=True)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(tmp, target)
    else:
        from sqlalchemy import inspect

        if inspect(ctx.engine).get_table_names():
            raise BackupError("the target PostgreSQL database is not empty; restore into a new database")
        src = tar.extractfile("database.sql")
        if src is None:
            raise BackupError("backup has no database.sql")
        dump = work / "database.sql"
        with open(dump, "wb") as out:
            shutil.copyfileobj(src, out)
        ctx.engine.dispose()
        r = subprocess.run(
            ["psql", "-v", "ON_ERROR_STOP=1", "-q", "-f", str(dump), _libpq_url(ctx.settings.resolved_database_url)],
            capture_output=True,
            text=True,
        )
        if r.returncode != 0:
            raise BackupError(f"psql failed: {r.stderr.strip()}")


def _sqlite_has_data(path: Path) -> bool:
    con = sqlite3.connect(path)
    try:
        rows = con.execute("SELECT name FROM sqlite_master WHERE type='table' AND name='evidence_items'").fetchall()
        if not rows:
            return False
        return con.execute("SELECT count(*) FROM evidence_items").fetchone()[0] > 0
    finally:
        con.close()
