"""Requests queue, they do not fail: the pool is sized to the request threads, and a request that
still finds no connection is answered 503 with Retry-After, never 500 (SQLite and PostgreSQL)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from disputedesk.config import Settings
from disputedesk.services.context import Context
from disputedesk.store.db import POOL_OVERFLOW
from disputedesk.web.app import create_app

from support import api_token, make_user


@pytest.fixture
def small_ctx(data_dir: Path, db_url: str) -> Iterator[Context]:
    from disputedesk.services.workspaces import ensure_workspace

    s = Settings(data_dir=data_dir, database_url=db_url, web_threads=2, db_pool_timeout=0.5)
    c = Context.open(s)
    ensure_workspace(c, "default", "Default")
    yield c
    c.close()


def test_pool_follows_the_request_threads(small_ctx: Context) -> None:
    assert small_ctx.settings.db_pool_size == 2 + 4
    pool = small_ctx.engine.pool
    assert pool.size() == small_ctx.settings.db_pool_size  # type: ignore[attr-defined]
    assert Settings(web_threads=40).db_pool_size >= 40


def test_exhausted_pool_answers_503_with_retry_after_then_serves(small_ctx: Context) -> None:
    make_user(small_ctx, "owner", "default", "owner")
    token = api_token(small_ctx, "owner", "default")
    with TestClient(create_app(small_ctx), raise_server_exceptions=False) as client:
        client.headers["Authorization"] = f"Bearer {token}"
        assert client.get("/api/cases").status_code == 200
        # Something else holds every connection of the pool (a misconfiguration or a stuck job).
        held = [small_ctx.engine.connect() for _ in range(small_ctx.settings.db_pool_size + POOL_OVERFLOW)]
        try:
            busy = client.get("/api/cases")
            assert busy.status_code == 503, busy.text
            assert busy.headers["retry-after"] == "5"
            assert "busy" in busy.json()["error"]
            page = client.get("/cases", headers={"Authorization": f"Bearer {token}"})
            assert page.status_code == 503 and "try again" in page.text
        finally:
            for c in held:
                c.close()
        assert client.get("/api/cases").status_code == 200


def test_request_threads_are_capped_to_the_setting(small_ctx: Context) -> None:
    """Starlette's default would be 40 threads against this pool of 2 + 4 (+5): more threads than
    connections is what made requests wait 30 s and fail."""
    import anyio.to_thread

    with TestClient(create_app(small_ctx)) as client:
        tokens = client.portal.call(lambda: anyio.to_thread.current_default_thread_limiter().total_tokens)  # type: ignore[union-attr]
    assert tokens == small_ctx.settings.web_threads == 2
    assert tokens + 4 == small_ctx.settings.db_pool_size
