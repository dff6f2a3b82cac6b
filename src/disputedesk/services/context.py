"""What every service needs: settings, the database engine and the blob store."""

from __future__ import annotations

import getpass
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import Engine

from ..config import Settings, get_settings
from ..store.blobs import BlobStore, open_blob_store
from ..store.db import make_engine, migrate


def utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass
class Context:
    settings: Settings
    engine: Engine
    blobs: BlobStore
    clock: Callable[[], datetime] = field(default=utcnow)

    @classmethod
    def open(cls, settings: Settings | None = None, *, upgrade: bool = True) -> Context:
        settings = settings or get_settings()
        engine = make_engine(
            settings.resolved_database_url,
            lock_timeout=settings.db_lock_timeout,
            pool_size=settings.db_pool_size,
            pool_timeout=settings.db_pool_timeout,
        )
        if upgrade:
            migrate(engine)
        return cls(settings=settings, engine=engine, blobs=open_blob_store(settings.resolved_blob_store))

    def close(self) -> None:
        self.engine.dispose()


def default_actor() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except Exception:  # noqa: BLE001 - no user name in some containers
        return "cli"
