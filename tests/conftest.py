"""Shared fixtures: a fresh data directory, real databases (SQLite and PostgreSQL), a context.

PostgreSQL: the server at 127.0.0.1:5432 (user postgres, trust auth; override with
DISPUTEDESK_TEST_PG). Each test gets its own database, dropped afterwards. Without a server
the PostgreSQL variants are skipped with the reason, except under CI=true, where they fail.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from disputedesk.config import Settings
from disputedesk.services.context import Context

from support import need

PG_ADMIN = os.environ.get("DISPUTEDESK_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")


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


@pytest.fixture
def pg_url() -> Iterator[str]:
    problem = pg_problem()
    need(problem is None, problem or "")
    import psycopg

    name = f"dd_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as c:
        c.execute(f'CREATE DATABASE "{name}"')
    base = PG_ADMIN.rsplit("/", 1)[0]
    yield f"{base}/{name}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as c:
        c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def pg_factory() -> Iterator[object]:
    """Creates extra empty PostgreSQL databases on demand (e.g. a restore target); drops them after."""
    problem = pg_problem()
    need(problem is None, problem or "")
    import psycopg

    made: list[str] = []

    def make() -> str:
        name = f"dd_test_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(PG_ADMIN, autocommit=True) as c:
            c.execute(f'CREATE DATABASE "{name}"')
        made.append(name)
        return f"{PG_ADMIN.rsplit('/', 1)[0]}/{name}"

    yield make
    with psycopg.connect(PG_ADMIN, autocommit=True) as c:
        for name in made:
            c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'dd.sqlite3'}"
    return request.getfixturevalue("pg_url")


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

    s = Settings(data_dir=data_dir, database_url=f"sqlite:///{tmp_path / 'one.sqlite3'}", import_batch_files=7)
    c = Context.open(s)
    ensure_workspace(c, "default", "Default")
    yield c
    c.close()
