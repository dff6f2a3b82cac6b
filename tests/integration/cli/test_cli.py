"""The `disputedesk` command end to end (SQLite and PostgreSQL), as a user types it."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from disputedesk.cli import app
from disputedesk.config import get_settings

from support import tamper, write_files


@pytest.fixture
def cli(settings, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("DISPUTEDESK_DATA_DIR", str(settings.data_dir))
    monkeypatch.setenv("DISPUTEDESK_DATABASE_URL", settings.database_url)
    get_settings.cache_clear()
    runner = CliRunner()

    def run(*args: str):  # type: ignore[no-untyped-def]
        return runner.invoke(app, list(args), catch_exceptions=False)

    yield run
    get_settings.cache_clear()


def test_init_import_verify_and_list(cli, tmp_path: Path) -> None:
    assert cli("init").exit_code == 0
    folder = write_files(tmp_path / "in", {"a.pdf": b"%PDF-1.4 x", "b.txt": "退款".encode(), "c.txt": "退款".encode()})
    r = cli("import", str(folder))
    assert r.exit_code == 0, r.output
    assert "imported 2 file(s)" in r.output and "1 duplicate(s) skipped" in r.output
    r = cli("verify")
    assert r.exit_code == 0 and "OK" in r.output
    items = json.loads(cli("evidence", "list", "--json").output)
    assert [i["label"] for i in items] == ["E-0001", "E-0002"]


def test_import_reports_failures_with_nonzero_exit(cli, tmp_path: Path) -> None:
    cli("init")
    r = cli("import", str(tmp_path / "nope.eml"))
    assert r.exit_code == 1
    assert "nope.eml: does not exist" in r.output


def test_verify_names_tampering_and_exits_nonzero(cli, ctx, tmp_path: Path) -> None:
    cli("init")
    cli("import", str(write_files(tmp_path / "in", {"x.txt": b"x", "y.txt": b"y"})))
    tamper(ctx, "UPDATE ledger_entries SET payload = '{}' WHERE seq = 2")
    r = cli("verify")
    assert r.exit_code == 1
    assert "ledger #2" in r.output and "TAMPERING" in r.output
    report = json.loads(cli("verify", "--json").output)
    assert report["ok"] is False


def test_database_that_cannot_be_opened_is_a_clear_error(monkeypatch, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("DISPUTEDESK_DATA_DIR", str(blocker / "sub"))
    monkeypatch.delenv("DISPUTEDESK_DATABASE_URL", raising=False)
    get_settings.cache_clear()
    r = CliRunner().invoke(app, ["init"])
    get_settings.cache_clear()
    assert r.exit_code == 2
    assert "cannot be created" in r.output
    assert os.path.exists(blocker)
