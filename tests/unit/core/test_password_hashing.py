"""Passwords are hashed with Argon2id at the library's recommended cost; the test suite's cheap
hashes are an explicit setting that a server does not have by default."""

from __future__ import annotations

from pathlib import Path

import pytest
from argon2 import PasswordHasher
from argon2.exceptions import VerifyMismatchError
from sqlalchemy import create_engine

from disputedesk.config import Settings
from disputedesk.services import accounts
from disputedesk.services.context import Context
from disputedesk.store.blobs import open_blob_store


def _ctx(tmp_path: Path, **settings: object) -> Context:
    s = Settings(data_dir=tmp_path, **settings)  # type: ignore[arg-type]
    return Context(settings=s, engine=create_engine("sqlite://"), blobs=open_blob_store(str(tmp_path / "blobs")))


def test_a_server_hashes_at_the_recommended_cost(tmp_path: Path) -> None:
    assert Settings.model_fields["test_cheap_password_hashes"].default is False
    recommended = PasswordHasher()
    h = accounts.hasher(_ctx(tmp_path, test_cheap_password_hashes=False)).hash("correct horse battery")
    assert h.startswith(
        f"$argon2id$v=19$m={recommended.memory_cost},t={recommended.time_cost},p={recommended.parallelism}$"
    )
    assert not recommended.check_needs_rehash(h)


def test_cheap_test_hashes_still_verify_and_are_upgraded_by_a_server(tmp_path: Path) -> None:
    cheap = accounts.hasher(_ctx(tmp_path, test_cheap_password_hashes=True))
    server = accounts.hasher(_ctx(tmp_path, test_cheap_password_hashes=False))
    h = cheap.hash("correct horse battery")
    assert h.startswith("$argon2id$")
    assert server.verify(h, "correct horse battery")
    with pytest.raises(VerifyMismatchError):
        server.verify(h, "wrong horse battery")
    assert server.check_needs_rehash(h)  # a server signing such a user in hashes the password again


@pytest.mark.parametrize("cheap", [True, False])
def test_a_server_started_with_the_test_setting_says_so_in_its_log(
    sqlite_ctx: Context, cheap: bool, caplog: pytest.LogCaptureFixture
) -> None:
    from fastapi.testclient import TestClient

    from disputedesk.web.app import create_app

    settings = sqlite_ctx.settings.model_copy(update={"test_cheap_password_hashes": cheap})
    ctx = Context(settings=settings, engine=sqlite_ctx.engine, blobs=sqlite_ctx.blobs)
    with caplog.at_level("WARNING", logger="disputedesk.web"), TestClient(create_app(ctx)):
        pass
    warned = [r.getMessage() for r in caplog.records if "CHEAP_PASSWORD_HASHES" in r.getMessage()]
    assert bool(warned) == cheap
