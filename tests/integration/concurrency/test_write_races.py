"""Two (or more) writers at once on the same SQLite file and the same PostgreSQL database: every
number is handed out once and without gaps, nothing fails, the ledger stays one chain and its
anchor never goes back (``verify`` OK)."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from disputedesk.config import Settings
from disputedesk.services import accounts, cases
from disputedesk.services.context import Context
from disputedesk.services.imports import Candidate, import_candidates
from disputedesk.services.verify import verify
from disputedesk.services.workspaces import ensure_workspace
from disputedesk.store import ledger
from disputedesk.store.db import unit_of_work
from disputedesk.store.models import EvidenceItem, LedgerEntry, Workspace
from disputedesk.store.models_cases import CaseClaim, CaseStep

from .conftest import open_case, together
from support import write_files


def _files(prefix: str, n: int) -> list[Candidate]:
    return [
        Candidate(f"{prefix}{i}.txt", f"test:{prefix}{i}", (lambda i=i: io.BytesIO(f"{prefix} file {i}".encode())))
        for i in range(n)
    ]


def _anchor_is_head(ctx: Context, slug: str = "default") -> None:
    with unit_of_work(ctx.engine) as s:
        ws_id = s.execute(select(Workspace.id).where(Workspace.slug == slug)).scalar_one()
        seq, head = s.execute(
            select(LedgerEntry.seq, LedgerEntry.hash)
            .where(LedgerEntry.workspace_id == ws_id)
            .order_by(LedgerEntry.seq.desc())
            .limit(1)
        ).one()
    assert ledger.read_anchor(ctx.blobs, slug) == (seq, head)


def test_imports_at_once_number_every_item_once(dispute: Context) -> None:
    ctx = dispute
    reports = together(4, lambda i: import_candidates(ctx, "default", _files(f"w{i}-", 15), actor=f"writer{i}"))
    assert [r.imported for r in reports] == [15] * 4
    with unit_of_work(ctx.engine) as s:
        numbers = sorted(s.execute(select(EvidenceItem.number)).scalars())
    assert numbers == list(range(1, 3 + 60 + 1))  # the 3 of the fixture, then 60 without gap
    report = verify(ctx)
    assert report.ok, report.problems
    _anchor_is_head(ctx)


def test_the_same_file_uploaded_at_once_is_one_item(dispute: Context) -> None:
    ctx = dispute
    same = [Candidate("photo.jpg", "test:photo", lambda: io.BytesIO(b"\xff\xd8\xff same photo"))]
    reports = together(4, lambda i: import_candidates(ctx, "default", same, actor=f"writer{i}"))
    assert sum(r.imported for r in reports) == 1
    assert sum(r.duplicates for r in reports) == 3
    assert len({r.outcomes[0].evidence for r in reports}) == 1
    assert verify(ctx).ok


def test_cases_opened_at_once_get_distinct_numbers(dispute: Context) -> None:
    ctx = dispute
    ids = together(4, lambda i: open_case(ctx, 10 + i))
    numbers = sorted(cases.get_case(ctx, "default", i).number for i in ids)
    assert numbers == [f"CASE-2025-{n:03d}" for n in (4, 5, 6, 7)]
    assert verify(ctx).ok
    _anchor_is_head(ctx)


def test_claims_and_ladder_steps_added_at_once(dispute: Context) -> None:
    ctx = dispute
    case_id = 1

    def write(i: int) -> str | int:
        if i % 2:
            return cases.add_claim(
                ctx, "default", case_id, {"kind": "repair", "amount": f"{i}00.00", "currency": "EUR"}, actor=f"w{i}"
            )
        # a further support request: on the ladder only with a reason (the ladder starts once with it)
        step = {"step": "support_request", "sent_on": "2025-06-04", "channel": "email", "proof": "E-0002",
                "override_reason": "asked again"}  # fmt: skip
        step["recipient"] = "service@acme.example"
        return cases.add_step(ctx, "default", case_id, step, actor=f"w{i}")

    done = together(6, write)
    assert sorted(h for h in done if isinstance(h, str)) == ["H-1", "H-2", "H-3"]
    assert sorted(n for n in done if isinstance(n, int)) == [1, 2, 3]
    with unit_of_work(ctx.engine) as s:
        assert s.execute(select(func.count(CaseClaim.id))).scalar_one() == 3
        assert s.execute(select(func.count(CaseStep.id))).scalar_one() == 3
    assert verify(ctx).ok
    _anchor_is_head(ctx)


def test_workspace_and_session_key_created_at_once(ctx: Context) -> None:
    made = together(4, lambda _i: ensure_workspace(ctx, "acme-dispute", "ACME"))
    assert len({w.id for w in made}) == 1
    with unit_of_work(ctx.engine) as s:
        assert s.execute(select(func.count(Workspace.id)).where(Workspace.slug == "acme-dispute")).scalar_one() == 1
    keys = together(4, lambda _i: accounts.secret_key(ctx))
    assert len(set(keys)) == 1


def test_the_anchor_never_goes_back_to_an_earlier_head(ctx: Context, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two writers anchor after their commits: the one with the later head reads the old anchor
    first, the one with the earlier head writes last. Before the lock, the anchor went back."""
    ledger.write_anchor(ctx.blobs, "default", 9, "h9")
    read = ledger.read_anchor
    both_read = threading.Barrier(2, timeout=1)

    def interleaved(blobs, slug):  # type: ignore[no-untyped-def]
        current = read(blobs, slug)
        try:
            both_read.wait()  # with the lock the second reader never gets here while the first holds it
        except threading.BrokenBarrierError:
            pass
        if threading.current_thread().name == "earlier":
            time.sleep(0.3)  # the writer of the earlier head is the slower one
        return current

    monkeypatch.setattr(ledger, "read_anchor", interleaved)
    threads = [
        threading.Thread(target=ledger.write_anchor, args=(ctx.blobs, "default", 11, "h11"), name="later"),
        threading.Thread(target=ledger.write_anchor, args=(ctx.blobs, "default", 10, "h10"), name="earlier"),
    ]
    threads[0].start()
    time.sleep(0.05)
    threads[1].start()
    for t in threads:
        t.join(10)
    assert read(ctx.blobs, "default") == (11, "h11")


def test_two_cli_imports_at_once(tmp_path: Path, data_dir: Path, db_url: str) -> None:
    """Two processes import overlapping folders into the same database: every file once, no gap."""
    env = {**os.environ, "DISPUTEDESK_DATA_DIR": str(data_dir), "DISPUTEDESK_DATABASE_URL": db_url}
    cli = [sys.executable, "-m", "disputedesk.cli"]
    subprocess.run([*cli, "init"], env=env, check=True, capture_output=True, timeout=120)
    shared = {f"shared{i}.txt": f"shared {i}".encode() for i in range(40)}
    a = write_files(tmp_path / "a", {**shared, **{f"a{i}.txt": f"a {i}".encode() for i in range(40)}})
    b = write_files(tmp_path / "b", {**shared, **{f"b{i}.txt": f"b {i}".encode() for i in range(40)}})
    procs = [
        subprocess.Popen([*cli, "import", str(p)], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        for p in (a, b)
    ]
    outs = [p.communicate(timeout=300)[0] for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    c = Context.open(Settings(data_dir=data_dir, database_url=db_url))
    try:
        with unit_of_work(c.engine) as s:
            numbers = sorted(s.execute(select(EvidenceItem.number)).scalars())
        assert numbers == list(range(1, 121))
        report = verify(c)
        assert report.ok, report.problems
        _anchor_is_head(c)
    finally:
        c.close()
