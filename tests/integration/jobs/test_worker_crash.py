"""Server mode: a worker killed with SIGKILL in the middle of an import leaves nothing
half-written, and another worker finishes the job without duplicates (PostgreSQL queue)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import create_engine, text

CLI = [sys.executable, "-m", "disputedesk.cli"]


def test_killed_worker_leaves_nothing_half_written(pg_url: str, tmp_path: Path) -> None:
    env = {
        **os.environ,
        "DISPUTEDESK_DATA_DIR": str(tmp_path / "data"),
        "DISPUTEDESK_DATABASE_URL": pg_url,
        "DISPUTEDESK_JOBS": "queue",
        "DISPUTEDESK_WORKER_STALL_SECONDS": "3",
        "DISPUTEDESK_IMPORT_BATCH_FILES": "10",
    }
    run = lambda *a: subprocess.run([*CLI, *a], env=env, capture_output=True, text=True, timeout=120)  # noqa: E731
    assert run("init").returncode == 0
    folder = tmp_path / "mail-export"
    folder.mkdir()
    block = os.urandom(64 * 1024)
    n_files = 600
    for i in range(n_files):
        (folder / f"msg{i:04d}.bin").write_bytes(f"{i}".encode() + block * 3)
    r = run("submit-import", str(folder))
    assert r.returncode == 0, r.stderr
    engine = create_engine(pg_url.replace("postgresql://", "postgresql+psycopg://"))

    def progress() -> tuple[str, int]:
        with engine.connect() as c:
            return tuple(c.execute(text("SELECT status, progress_done FROM jobs WHERE id = 1")).one())  # type: ignore[return-value]

    a = subprocess.Popen([*CLI, "worker"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and progress()[1] < 60:
        time.sleep(0.05)
    status, done = progress()
    assert status == "running" and 60 <= done < n_files, (status, done)
    a.send_signal(signal.SIGKILL)
    a.wait(10)

    # Nothing half-written: what committed verifies, and no row points to a missing blob.
    v = run("verify", "--quick")
    assert v.returncode == 0, v.stdout + v.stderr
    with engine.connect() as c:
        partial = c.execute(text("SELECT count(*) FROM evidence_items")).scalar_one()
    assert 0 < partial < n_files

    time.sleep(4)  # let the dead worker's heartbeat go stale
    b = subprocess.run([*CLI, "worker", "--burst"], env=env, capture_output=True, text=True, timeout=180)
    assert b.returncode == 0, b.stderr[-2000:]
    with engine.connect() as c:
        status, attempts = c.execute(text("SELECT status, attempts FROM jobs WHERE id = 1")).one()
        numbers = [row[0] for row in c.execute(text("SELECT number FROM evidence_items ORDER BY number"))]
    assert status == "done" and attempts == 2
    assert numbers == list(range(1, n_files + 1)), "every file once, numbers without gaps"
    v = run("verify")
    assert v.returncode == 0, v.stdout + v.stderr
    engine.dispose()
