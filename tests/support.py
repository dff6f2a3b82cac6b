"""Test helpers: write files, tamper with the database the way an attacker with access could, and
hand out test databases (fresh per test, copied from per-process templates: see ``demo_loaded``)."""

from __future__ import annotations

import os
import queue
import shutil
import sqlite3
import tempfile
import threading
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

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


# ------------------------------------------------------------------ test databases
# Every test that asks for a database gets a fresh one of its own. What is the same for many tests
# is built once per test process and copied: the migrated schema (``migrated_pg``/``migrated_sqlite``)
# and the demo dispute (``demo_loaded``). A PostgreSQL copy is ``CREATE DATABASE … TEMPLATE``, a
# SQLite copy is a file copy. Dropping a PostgreSQL database waits for a server checkpoint (half a
# second to several seconds on a busy machine), so drops run on a background thread while the tests
# go on, several at once (they share the checkpoint).

PG_ADMIN = os.environ.get("DISPUTEDESK_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")


def pg_url_for(name: str) -> str:
    return f"{PG_ADMIN.rsplit('/', 1)[0]}/{name}"


def _pg_admin(*statements: str) -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN, autocommit=True) as c:
        for st in statements:
            c.execute(st)  # type: ignore[arg-type]


def pg_create(template: str | None = None) -> str:
    """A new database (empty, or a copy of ``template``); returns its name."""
    name = f"dd_test_{uuid.uuid4().hex[:12]}"
    _pg_admin(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
    return name


class _Dropper:
    """Drops PostgreSQL databases on a background thread; ``wait`` returns when all are dropped.

    Each DROP DATABASE waits for a checkpoint of the whole server, and on a server shared with other
    test processes one takes seconds (2–7 s each, measured one after the other). Drops that run at
    the same time share a checkpoint, so what is queued is dropped in batches of ``BATCH`` at once
    (8 drops: 32–55 s one after the other, 3–13 s at once, on the same loaded server; the crawl
    file alone: 215 s waiting for its drops at the end, 50 s now)."""

    BATCH = 4  # connections at once: a few, as other test processes share the server's 100

    def __init__(self) -> None:
        self.todo: queue.Queue[str] = queue.Queue()
        self.thread: threading.Thread | None = None
        self.errors: list[str] = []

    def drop(self, name: str) -> None:
        if self.thread is None:
            self.thread = threading.Thread(target=self._run, name="pg-dropper", daemon=True)
            self.thread.start()
        self.todo.put(name)

    def _drop_one(self, name: str) -> None:
        try:
            _pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        except Exception as exc:  # noqa: BLE001 - reported by wait()
            self.errors.append(f"{name}: {exc}")

    def _run(self) -> None:
        while True:
            batch = [self.todo.get()]
            while len(batch) < self.BATCH:
                try:
                    batch.append(self.todo.get_nowait())
                except queue.Empty:
                    break
            threads = [threading.Thread(target=self._drop_one, args=(name,), daemon=True) for name in batch[1:]]
            for t in threads:
                t.start()
            self._drop_one(batch[0])
            for t in threads:
                t.join()
            for _ in batch:
                self.todo.task_done()

    def wait(self) -> list[str]:
        self.todo.join()
        return self.errors


_DROPPER = _Dropper()


def pg_drop(name: str) -> None:
    """Drop the database soon (on the background thread)."""
    _DROPPER.drop(name)


_TEMPLATE_DIR: Path | None = None
_MIGRATED: dict[str, str] = {}


def _template_dir() -> Path:
    global _TEMPLATE_DIR
    if _TEMPLATE_DIR is None:
        _TEMPLATE_DIR = Path(tempfile.mkdtemp(prefix="dd-test-templates-"))
    return _TEMPLATE_DIR


def migrated_pg() -> str:
    """A new PostgreSQL database at the newest schema (a copy of one migrated once per process)."""
    if "postgresql" not in _MIGRATED:
        from disputedesk.store.db import make_engine, migrate

        name = pg_create()
        engine = make_engine(pg_url_for(name))
        try:
            migrate(engine)
        finally:
            engine.dispose()
        _MIGRATED["postgresql"] = name
    return pg_create(template=_MIGRATED["postgresql"])


def migrated_sqlite(path: Path) -> None:
    """A SQLite database file at ``path`` at the newest schema (a copy of one migrated once per process)."""
    if "sqlite" not in _MIGRATED:
        from disputedesk.store.db import make_engine, migrate

        work = _template_dir() / f"migrating-{uuid.uuid4().hex}.sqlite3"
        engine = make_engine(f"sqlite:///{work}")
        try:
            migrate(engine)
            _sqlite_backup(str(work), _template_dir() / "migrated.sqlite3")
        finally:
            engine.dispose()
        _MIGRATED["sqlite"] = str(_template_dir() / "migrated.sqlite3")
    shutil.copyfile(_MIGRATED["sqlite"], path)


def _sqlite_backup(src: str, dst: Path) -> None:
    """A consistent, self-contained copy of a SQLite database (WAL contents included)."""
    s, d = sqlite3.connect(src), sqlite3.connect(dst)
    try:
        s.backup(d)
    finally:
        d.close()
        s.close()


@dataclass
class _Snapshot:
    db: str  # PostgreSQL template database, or SQLite file
    files: Path  # the data directory's files (blobs, ledger anchors)
    lines: list[str]  # what load_demo said


_SNAPSHOTS: dict[tuple[Any, ...], _Snapshot] = {}


def _db_kind(ctx: Context) -> str | None:
    url = ctx.engine.url
    if url.get_backend_name() == "postgresql":
        return "postgresql"
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        return "sqlite"
    return None


def _fingerprint(ctx: Context) -> tuple[Any, ...]:
    """What is in the database: the row count of every table, and the workspaces."""
    from sqlalchemy import inspect

    q = ctx.engine.dialect.identifier_preparer.quote
    tables = sorted(inspect(ctx.engine).get_table_names())
    with ctx.engine.connect() as c:
        counts = c.execute(text(" UNION ALL ".join(f"SELECT '{t}', count(*) FROM {q(t)}" for t in tables))).all()
        workspaces = c.execute(text("SELECT slug, name FROM workspaces ORDER BY slug")).all()
    return tuple(sorted((str(t), int(n)) for t, n in counts)), tuple((str(s), str(n)) for s, n in workspaces)


def _db_files(ctx: Context) -> set[str]:
    """Names of the SQLite database's files when they lie in the data directory (not copied as data)."""
    if _db_kind(ctx) != "sqlite":
        return set()
    db = Path(str(ctx.engine.url.database)).resolve()
    if db.parent != Path(ctx.settings.data_dir).resolve():
        return set()
    return {db.name, db.name + "-wal", db.name + "-shm", db.name + "-journal"}


def demo_loaded(
    ctx: Context, workspace: str = "demo", name: str | None = "Demo dispute", *, now: datetime | None = None
) -> list[str]:
    """``ensure_workspace(ctx, workspace, name)`` (unless ``name`` is None) and ``load_demo(ctx, workspace)``
    on ``ctx``; with ``now``, ``ctx.clock`` stands at ``now`` first. Returns what ``load_demo`` returned.

    The demo takes seconds to load: the first test of a process loads it really; its database and
    files are kept, and a later test whose database holds the same rows before (the fresh ``ctx``
    of the fixtures) gets a copy of them instead, as a database of its own. Other states, clocks,
    databases or blob stores: loaded really, every time."""
    from disputedesk.services.context import utcnow
    from disputedesk.services.demo import load_demo
    from disputedesk.services.workspaces import ensure_workspace
    from disputedesk.store.blobs import LocalBlobStore, open_blob_store

    if now is not None:
        at = now
        ctx.clock = lambda: at

    def load() -> list[str]:
        if name is not None:
            ensure_workspace(ctx, workspace, name)
        return load_demo(ctx, workspace)

    data = Path(ctx.settings.data_dir).resolve()
    kind = _db_kind(ctx)
    if (
        kind is None
        or (now is None and ctx.clock is not utcnow)
        or not isinstance(ctx.blobs, LocalBlobStore)
        or not ctx.blobs.root.resolve().is_relative_to(data)
    ):
        return load()
    key = (kind, workspace, name, now, ctx.settings.import_batch_files, _fingerprint(ctx))
    snap = _SNAPSHOTS.get(key)
    skip = _db_files(ctx)
    if snap is None:
        lines = load()
        data.mkdir(parents=True, exist_ok=True)
        keep = _template_dir() / f"demo-{uuid.uuid4().hex}"
        shutil.copytree(data, keep / "files", ignore=lambda _d, names: [n for n in names if n in skip])
        if kind == "sqlite":
            db = str(keep / "demo.sqlite3")
            _sqlite_backup(str(ctx.engine.url.database), Path(db))
        else:
            ctx.engine.dispose()  # a template database must have no connections
            _pg_terminate(str(ctx.engine.url.database))
            db = pg_create(template=ctx.engine.url.database)
        _SNAPSHOTS[key] = _Snapshot(db, keep / "files", lines)
        return lines

    ctx.engine.dispose()
    if kind == "sqlite":
        path = Path(str(ctx.engine.url.database))
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(snap.db, path)
    else:
        current = str(ctx.engine.url.database)
        old = f"{current}_old"
        _pg_terminate(current)
        _pg_admin(f'ALTER DATABASE "{current}" RENAME TO "{old}"', f'CREATE DATABASE "{current}" TEMPLATE "{snap.db}"')
        pg_drop(old)
    data.mkdir(parents=True, exist_ok=True)
    for child in data.iterdir():
        if child.name in skip:
            continue
        shutil.rmtree(child) if child.is_dir() else child.unlink()
    shutil.copytree(snap.files, data, dirs_exist_ok=True)
    ctx.blobs = open_blob_store(ctx.settings.resolved_blob_store)  # nothing remembered of the files before
    return list(snap.lines)


def _pg_terminate(name: str) -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN, autocommit=True) as c:
        c.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            (name,),
        )


def finish_databases() -> list[str]:
    """At the end of a test process: drop the templates, wait for every drop; returns drop errors."""
    for name in [_MIGRATED.get("postgresql"), *(s.db for k, s in _SNAPSHOTS.items() if k[0] == "postgresql")]:
        if name:
            pg_drop(name)
    errors = _DROPPER.wait() if _DROPPER.thread is not None else []
    if _TEMPLATE_DIR is not None:
        shutil.rmtree(_TEMPLATE_DIR, ignore_errors=True)
    return errors
