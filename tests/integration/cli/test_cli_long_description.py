"""`disputedesk import --description` (and `submit-import`) keep the upload form's and the API's cap
of 2000 characters: longer is refused with their sentence, in English and in Chinese, before anything
is stored or queued; before, the CLI stored any length."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from disputedesk.cli import app
from disputedesk.config import get_settings
from disputedesk.store.db import unit_of_work
from disputedesk.store.models import EvidenceItem, LedgerEntry


@pytest.fixture
def cli(sqlite_ctx, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("DISPUTEDESK_DATA_DIR", str(sqlite_ctx.settings.data_dir))
    monkeypatch.setenv("DISPUTEDESK_DATABASE_URL", sqlite_ctx.settings.database_url)
    get_settings.cache_clear()
    runner = CliRunner()
    yield lambda *args: runner.invoke(app, list(args), catch_exceptions=False)
    get_settings.cache_clear()


def _stored(ctx) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    with unit_of_work(ctx.engine) as s:
        items = s.execute(select(func.count()).select_from(EvidenceItem)).scalar_one()
        return items, s.execute(select(func.count()).select_from(LedgerEntry)).scalar_one()


@pytest.mark.parametrize("command", ["import", "submit-import"])
def test_an_over_long_description_is_refused_in_both_languages_before_anything_is_stored(
    cli, sqlite_ctx, tmp_path: Path, command: str
) -> None:  # type: ignore[no-untyped-def]
    note = tmp_path / "service-report.txt"
    note.write_text("The engineer did not come.", encoding="utf-8")
    before = _stored(sqlite_ctx)
    r = cli(command, str(note), "--workspace", "default", "--description", "说" * 2001)
    assert r.exit_code == 2, r.output
    lines = [line for line in r.stderr.splitlines() if line.strip()]
    assert lines == ["error: description: longer than 2000 characters", "错误：说明：超过 2000 个字符"], lines
    assert _stored(sqlite_ctx) == before


def test_a_description_of_2000_characters_is_kept(cli, sqlite_ctx, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    note = tmp_path / "service-report.txt"
    note.write_text("The engineer did not come.", encoding="utf-8")
    r = cli("import", str(note), "--workspace", "default", "--description", "说" * 2000)
    assert r.exit_code == 0 and "imported 1 file(s)" in r.output, r.output
    with unit_of_work(sqlite_ctx.engine) as s:
        assert s.execute(select(EvidenceItem.description)).scalar_one() == "说" * 2000


def test_names_longer_than_their_column_are_refused_in_both_languages(cli, sqlite_ctx) -> None:  # type: ignore[no-untyped-def]
    """A user's display name and a workspace's name (VARCHAR(200), as an API token's name): stored whole
    on SQLite and failing on PostgreSQL before; now refused with the token form's sentence."""
    from disputedesk.store.models import User, Workspace

    r = cli("init", "--workspace", "second", "--name", "W" * 201)
    lines = [line for line in r.stderr.splitlines() if line.strip()]
    assert r.exit_code == 2 and lines == ["error: name: longer than 200 characters", "错误：名称：超过 200 个字符"], (
        lines
    )
    r = CliRunner().invoke(
        app, ["user", "add", "bob", "--name", "B" * 201, "--password-stdin"], input="correct horse battery\n"
    )
    assert r.exit_code == 2 and "错误：名称：超过 200 个字符" in r.stderr, r.output
    with unit_of_work(sqlite_ctx.engine) as s:
        assert s.execute(select(Workspace.slug).where(Workspace.slug == "second")).first() is None
        assert s.execute(select(User.username).where(User.username == "bob")).first() is None
    assert cli("init", "--workspace", "second", "--name", "W" * 200).exit_code == 0
