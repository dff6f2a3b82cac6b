"""Web test fixtures: a signed-in owner's client on an empty workspace, one with one new
supplier, or the demo dispute (SQLite and PostgreSQL through ``ctx``)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from pages_support import RUIFENG

from disputedesk.services.context import Context
from disputedesk.services.suppliers import profile as supplier_profiles
from disputedesk.web.app import create_app

from support import demo_loaded, make_user, sign_in


@pytest.fixture
def client_for(ctx: Context) -> Iterator[object]:
    made: list[TestClient] = []

    def make(workspace_setup: str) -> TestClient:
        if workspace_setup == "one supplier":
            supplier_profiles.create_supplier(ctx, "default", RUIFENG, actor="test")
        elif workspace_setup == "demo":
            demo_loaded(ctx, "default", None)
        make_user(ctx, "owner", "default", "owner")
        c = TestClient(create_app(ctx), raise_server_exceptions=False)
        c.__enter__()
        made.append(c)
        sign_in(c, "owner")
        return c

    yield make
    for c in made:
        c.__exit__(None, None, None)


@pytest.fixture
def cli(settings, monkeypatch) -> Iterator[object]:  # type: ignore[no-untyped-def]
    """``cli(*args)``: the ``disputedesk`` command run on the test's database (its result)."""
    from typer.testing import CliRunner

    from disputedesk.cli import app
    from disputedesk.config import get_settings

    monkeypatch.setenv("DISPUTEDESK_DATA_DIR", str(settings.data_dir))
    monkeypatch.setenv("DISPUTEDESK_DATABASE_URL", settings.database_url)
    get_settings.cache_clear()
    runner = CliRunner()
    try:
        yield lambda *args: runner.invoke(app, list(args))
    finally:
        get_settings.cache_clear()
