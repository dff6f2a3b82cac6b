"""The records tests' ``cli``: runs ``disputedesk …`` on the test's database and asserts the exit
code (0 unless ``code=`` says otherwise)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from typer.testing import CliRunner

from disputedesk.cli import app
from disputedesk.config import get_settings


@pytest.fixture
def cli(settings, monkeypatch) -> Iterator[Any]:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("DISPUTEDESK_DATA_DIR", str(settings.data_dir))
    monkeypatch.setenv("DISPUTEDESK_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("DISPUTEDESK_DEFAULT_WORKSPACE", "default")
    get_settings.cache_clear()
    runner = CliRunner()

    def run(*args: str, code: int = 0):  # type: ignore[no-untyped-def]
        r = runner.invoke(app, list(args), catch_exceptions=False)
        assert r.exit_code == code, (args, r.output)
        return r

    yield run
    get_settings.cache_clear()
