"""Background jobs in embedded mode (a thread in the process), on SQLite and PostgreSQL."""

from __future__ import annotations

import time
from pathlib import Path

from disputedesk.services import jobs
from disputedesk.services.verify import verify
from disputedesk.services.workspaces import get_workspace_by_slug

from support import write_files


def wait_done(ctx, ws_id: int, job_id: int) -> jobs.JobView:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        v = jobs.get_job(ctx, ws_id, job_id)
        if v.status in ("done", "failed"):
            return v
        time.sleep(0.05)
    raise AssertionError("job did not finish")


def test_import_job_runs_in_the_background_and_reports_progress(ctx, tmp_path: Path) -> None:
    folder = write_files(tmp_path / "in", {f"f{i}.txt": f"file {i}".encode() for i in range(25)})
    view = jobs.submit(ctx, "default", "import", {"paths": [str(folder)]}, actor="t")
    ws_id = get_workspace_by_slug(ctx, "default").id
    done = wait_done(ctx, ws_id, view.id)
    assert done.status == "done", done.error
    assert done.result == {"imported": 25, "duplicates": 0, "failed": 0}
    assert (done.progress_done, done.progress_total, done.percent) == (25, 25, 100)
    # Running the same job again (as after a crash) changes nothing.
    again = jobs.run_job(ctx, view.id)
    assert again.attempts == 1 and again.status == "done"
    assert verify(ctx).ok


def test_unknown_job_kind_is_refused(ctx) -> None:
    import pytest

    with pytest.raises(ValueError, match="kind: no job kind 'explode'"):
        jobs.submit(ctx, "default", "explode", {}, actor="t")


def test_upload_in_server_mode_is_queued_then_recorded_by_a_worker(pg_url, tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from disputedesk.config import Settings
    from disputedesk.services.context import Context
    from disputedesk.services.workspaces import ensure_workspace
    from disputedesk.web.app import create_app

    from support import api_token, make_user

    ctx = Context.open(Settings(data_dir=tmp_path / "d", database_url=pg_url, jobs="queue"))
    ensure_workspace(ctx, "default")
    make_user(ctx, "owner", "default", "owner")
    with TestClient(create_app(ctx)) as c:
        c.headers["Authorization"] = f"Bearer {api_token(ctx, 'owner', 'default')}"
        r = c.post("/api/evidence", files=[("files", ("报价单.pdf", b"%PDF-1.4 quotation"))])
        assert r.status_code == 201 and "job" in r.json(), r.text
        job_id = r.json()["job"]
        assert c.get(f"/api/jobs/{job_id}").json()["status"] == "queued"
        jobs.run_job(ctx, job_id)  # what `disputedesk worker` does for this job
        assert c.get(f"/api/jobs/{job_id}").json()["result"]["imported"] == 1
        assert c.get("/api/evidence").json()["items"][0]["original_name"] == "报价单.pdf"
    ctx.close()
