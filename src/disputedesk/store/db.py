"""Database engine, schema migrations and the unit of work.

SQLite (embedded default) runs in WAL mode with foreign keys on, a busy timeout, and
``synchronous=FULL`` (evidence is worth an fsync per commit). PostgreSQL is used as is.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect, update
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from . import summary_cache
from .models import Workspace
from .revisions import migration_heads


class DatabaseError(Exception):
    """The database is missing, locked or refuses a change; the message says which."""


POOL_OVERFLOW = 5


def _sqlite_pragmas(lock_timeout: float):  # type: ignore[no-untyped-def]
    def on_connect(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={int(lock_timeout * 1000)}")
        cur.execute("PRAGMA synchronous=FULL")
        cur.close()

    return on_connect


def make_engine(url: str, *, lock_timeout: float = 15.0, pool_size: int = 20, pool_timeout: float = 30.0) -> Engine:
    """``lock_timeout``: how long a SQLite writer waits for another one before giving up.

    ``pool_size``: connections kept open (SQLite file and PostgreSQL alike), sized by the caller
    to the threads that use the engine at once (``Settings.db_pool_size``: the web server's request
    threads plus a few), and ``POOL_OVERFLOW`` more for bursts; a thread that finds none free waits
    ``pool_timeout`` seconds, then gets ``sqlalchemy.exc.TimeoutError`` (the web app answers 503
    with Retry-After). With ``serve --workers N`` every process has its own pool: PostgreSQL sees
    up to N × (pool_size + POOL_OVERFLOW) connections from the web server.

    Also installs the session hooks every engine relies on (``store/summary_cache.py``)."""
    summary_cache.register()
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            parent = Path(path).parent
            if not parent.exists():
                try:
                    parent.mkdir(parents=True, exist_ok=True)
                except OSError as exc:
                    raise DatabaseError(f"database folder {parent} cannot be created: {exc.strerror}") from exc
        pool: dict[str, object] = {}
        if path and path != ":memory:":  # a file: QueuePool; in-memory databases keep their own pool
            pool = {"pool_size": pool_size, "max_overflow": POOL_OVERFLOW, "pool_timeout": pool_timeout}
        engine = create_engine(url, connect_args={"timeout": lock_timeout}, **pool)  # type: ignore[arg-type]
        event.listen(engine, "connect", _sqlite_pragmas(lock_timeout))
        return engine
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    return create_engine(
        url, pool_pre_ping=True, pool_size=pool_size, max_overflow=POOL_OVERFLOW, pool_timeout=pool_timeout
    )


@lru_cache(maxsize=8)
def _sessionmaker(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def unit_of_work(engine: Engine) -> Iterator[Session]:
    """One transaction: committed when the block ends, rolled back on any error."""
    session = _sessionmaker(engine)()
    try:
        yield session
        session.commit()
    except OperationalError as exc:
        session.rollback()
        raise DatabaseError(_describe_operational(exc)) from exc
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def _describe_operational(exc: OperationalError) -> str:
    msg = str(exc.orig) if exc.orig is not None else str(exc)
    if "locked" in msg:
        return "the database is locked by another process; try again when it has finished"
    if "unable to open" in msg or "no such table" in msg:
        return f"the database cannot be used ({msg}); run `disputedesk init` first"
    return f"database error: {msg}"


def lock_workspace(session: Session, workspace_id: int) -> None:
    """Take the write lock for a workspace before appending to its ledger or numbering items.

    First statement of every writing unit of work: on PostgreSQL it locks the workspace row;
    on SQLite it takes the database write lock now (waiting up to the busy timeout) rather
    than failing later when a read transaction tries to upgrade.

    The statement rewrites a column no key or index uses: rewriting the primary key (``id = id``)
    made SQLite, with foreign keys on, look up every row of every table that references the
    workspace (73 ms per call at 1,000,000 messages, and growing with the workspace).
    """
    session.execute(update(Workspace).where(Workspace.id == workspace_id).values(name=Workspace.name))


def insert_or_update(
    session: Session,
    model: type[Any],
    rows: Sequence[Mapping[str, Any]],
    *,
    key: Sequence[str],
    update: Sequence[str] = (),
) -> None:
    """Insert ``rows``; a row whose ``key`` (a primary key or unique constraint) is taken already
    updates the ``update`` columns instead, or is left as it is when ``update`` is empty.

    One statement (``INSERT … ON CONFLICT … DO UPDATE / DO NOTHING``, SQLite and PostgreSQL), so two
    writers filling the same row at once both succeed — unlike "read, insert if missing", which
    fails the second one on the unique key."""
    if not rows:
        return
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    elif dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as dialect_insert
    else:  # pragma: no cover - only SQLite and PostgreSQL are supported
        raise DatabaseError(f"database engine {dialect} is not supported")
    stmt = dialect_insert(model).values(list(rows))
    if update:
        stmt = stmt.on_conflict_do_update(index_elements=list(key), set_={c: stmt.excluded[c] for c in update})
    else:
        stmt = stmt.on_conflict_do_nothing(index_elements=list(key))
    session.execute(stmt)


def _alembic_config(engine: Engine):  # type: ignore[no-untyped-def]
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("disputedesk.store") / "migrations"))
    cfg.attributes["engine"] = engine
    return cfg


def at_newest_schema(engine: Engine) -> bool:
    """True when the database's recorded revisions are exactly the newest ones (one query)."""
    heads = migration_heads()
    if heads is None:
        return False
    try:
        with engine.connect() as conn:
            rows = conn.exec_driver_sql("SELECT version_num FROM alembic_version").all()
    except Exception:  # noqa: BLE001 - no table yet, no database yet: Alembic will say
        return False
    return frozenset(r[0] for r in rows) == heads


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest migration (idempotent).

    A database already at the newest revisions is left alone without loading Alembic (every
    command opens the database: this keeps the CLI's start-up short)."""
    if at_newest_schema(engine):
        return
    from alembic import command

    try:
        # "heads": areas add their tables on their own migration branches off the foundation.
        command.upgrade(_alembic_config(engine), "heads")
    except OperationalError as exc:
        raise DatabaseError(_describe_operational(exc)) from exc


def is_initialised(engine: Engine) -> bool:
    try:
        return inspect(engine).has_table("ledger_entries")
    except OperationalError as exc:
        raise DatabaseError(_describe_operational(exc)) from exc
