"""Shared fixtures: a fresh data directory, real databases (SQLite and PostgreSQL), a context.

PostgreSQL: the server at 127.0.0.1:5432 (user postgres, trust auth; override with
DISPUTEDESK_TEST_PG). Each test gets its own database, dropped afterwards (on a background
thread). ``db_url``/``settings``/``ctx``/``sqlite_ctx`` databases come at the newest schema,
copied from one migrated once per test process; ``pg_url``/``pg_factory`` ones come empty.
Without a server the PostgreSQL variants are skipped with the reason, except under CI=true,
where they fail.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from disputedesk.config import Settings
from disputedesk.services.context import Context

from support import PG_ADMIN, finish_databases, migrated_pg, migrated_sqlite, need, pg_create, pg_drop, pg_url_for

# Argon2id at its cheapest for the users the tests create and sign in (a quarter of a second saved
# per hash), here and in every server or CLI a test starts; the app's default stays the recommended
# cost (tests/unit/core/test_password_hashing.py).
os.environ.setdefault("DISPUTEDESK_TEST_CHEAP_PASSWORD_HASHES", "true")


def _pg_available() -> str | None:
    try:
        import psycopg

        with psycopg.connect(PG_ADMIN, connect_timeout=3, autocommit=True):
            return None
    except Exception as exc:  # noqa: BLE001
        return f"PostgreSQL not reachable at {PG_ADMIN}: {exc}"


_PG_PROBLEM: str | None | bool = False


def pg_problem() -> str | None:
    global _PG_PROBLEM
    if _PG_PROBLEM is False:
        _PG_PROBLEM = _pg_available()
    return _PG_PROBLEM  # type: ignore[return-value]


@pytest.fixture(scope="session", autouse=True)
def _test_databases() -> Iterator[None]:
    """Drops this process's template databases and waits for the last drops at the end."""
    yield
    errors = finish_databases()
    assert not errors, errors


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A new, empty PostgreSQL database."""
    problem = pg_problem()
    need(problem is None, problem or "")
    name = pg_create()
    yield pg_url_for(name)
    pg_drop(name)


@pytest.fixture
def pg_factory() -> Iterator[object]:
    """Creates extra empty PostgreSQL databases on demand (e.g. a restore target); drops them after."""
    problem = pg_problem()
    need(problem is None, problem or "")
    made: list[str] = []

    def make() -> str:
        made.append(pg_create())
        return pg_url_for(made[-1])

    yield make
    for name in made:
        pg_drop(name)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A new database at the newest schema, on each engine."""
    if request.param == "sqlite":
        migrated_sqlite(tmp_path / "dd.sqlite3")
        yield f"sqlite:///{tmp_path / 'dd.sqlite3'}"
        return
    problem = pg_problem()
    need(problem is None, problem or "")
    name = migrated_pg()
    yield pg_url_for(name)
    pg_drop(name)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    d = tmp_path / "data"
    d.mkdir()
    return d


@pytest.fixture
def settings(data_dir: Path, db_url: str) -> Settings:
    return Settings(data_dir=data_dir, database_url=db_url, default_workspace="default", import_batch_files=7)


@pytest.fixture
def ctx(settings: Settings) -> Iterator[Context]:
    from disputedesk.services.workspaces import ensure_workspace

    c = Context.open(settings)
    ensure_workspace(c, "default", "Default")
    yield c
    c.close()


@pytest.fixture
def sqlite_ctx(data_dir: Path, tmp_path: Path) -> Iterator[Context]:
    """SQLite only, for tests about behaviour that does not depend on the engine."""
    from disputedesk.services.workspaces import ensure_workspace

    migrated_sqlite(tmp_path / "one.sqlite3")
    s = Settings(data_dir=data_dir, database_url=f"sqlite:///{tmp_path / 'one.sqlite3'}", import_batch_files=7)
    c = Context.open(s)
    ensure_workspace(c, "default", "Default")
    yield c
    c.close()
