"""Fuzz the JSON API from its OpenAPI document (schemathesis), bounded in examples and time.

Signed in with a token of workspace A: no request may cause a 500, and no response may carry
workspace B's data.
"""

from __future__ import annotations

import io
import os

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from disputedesk.services.imports import Candidate, import_candidates
from disputedesk.services.workspaces import ensure_workspace
from disputedesk.web.app import create_app

from support import api_token, make_user

SECRET_B = "FUZZ-SECRET-OF-WORKSPACE-B"


@pytest.fixture
def fuzz_setup(sqlite_ctx):  # type: ignore[no-untyped-def]
    ctx = sqlite_ctx
    for slug in ("a", "b"):
        ensure_workspace(ctx, slug, slug.upper())
    import_candidates(ctx, "a", [Candidate("a.txt", "t:a", lambda: io.BytesIO(b"workspace a"))], actor="t")
    import_candidates(
        ctx,
        "b",
        [Candidate(f"b{i}.txt", f"t:b{i}", (lambda i=i: io.BytesIO(f"{SECRET_B} {i}".encode()))) for i in range(3)],
        actor="t",
    )
    make_user(ctx, "alice", "a", "owner")
    return create_app(ctx), api_token(ctx, "alice", "a")


def test_api_never_fails_and_never_leaks(fuzz_setup) -> None:  # type: ignore[no-untyped-def]
    app, token = fuzz_setup
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", app)
    # Not fuzzed: the IMAP import connects to the host named in its input (tests stay on loopback).
    operations = [op.ok() for op in schema.get_all_operations() if op.ok().path not in ("/api/evidence/imap",)]
    assert len(operations) >= 6
    calls = 0
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=int(os.environ.get("DD_FUZZ_EXAMPLES", "30")),
            deadline=None,
            suppress_health_check=list(HealthCheck),
            database=None,
            derandomize=os.environ.get("DD_FUZZ_RANDOM") != "1",
        )
        def run(case) -> None:  # type: ignore[no-untyped-def]
            nonlocal calls
            calls += 1
            response = case.call(headers={"Authorization": f"Bearer {token}"})
            body = response.content  # may be a binary download (PDF, zip, .ics)
            assert response.status_code < 500, (case.method, case.formatted_path, body[:300])
            assert SECRET_B.encode() not in body, (case.method, case.formatted_path)

        run()
    assert calls >= 60, f"only {calls} generated requests"
