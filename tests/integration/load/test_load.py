"""A short load test: the demo dispute served by `disputedesk serve` (one process, default request
threads) on SQLite and on PostgreSQL, 50 clients at once on a cold case-list cache (a new day),
mostly reading pages and the API, a few writing (uploads, claims, ladder steps, SLA evaluations,
letters). Then: no request failed, every acknowledged write is in the database, `verify` is OK.

The longer benchmark, with figures, is benchmarks/load_test.py (see the README)."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import delete, func, select

from disputedesk.config import Settings
from disputedesk.services.context import Context
from disputedesk.store.db import unit_of_work
from disputedesk.store.models import EvidenceItem
from disputedesk.store.models_cases import CaseClaim, CaseStep, CaseSummaryCache
from disputedesk.store.models_documents import GeneratedLetter
from disputedesk.store.models_sla import SlaRun

from support import free_port

CLI = [sys.executable, "-m", "disputedesk.cli"]
CLIENTS = 50
SECONDS = float(os.environ.get("DISPUTEDESK_LOAD_SECONDS", "20"))
WS = "demo"

READS = [  # (weight, path) — what people open while working on the dispute
    (3, "/"),
    (3, "/cases"),
    (4, "/api/cases"),
    (2, "/cases/1"),
    (2, "/api/cases/1"),
    (3, "/evidence"),
    (3, "/evidence/E-{item:04d}"),
    (4, "/api/evidence/E-{item:04d}"),
    (2, "/api/mail/search?q={term}"),
    (2, "/suppliers"),
    (1, "/suppliers/ruifeng"),
    (2, "/requests/SR-000{sr}"),
    (2, "/api/sla/requests/SR-000{sr}"),
    (1, "/sla"),
    (1, "/api/sla/report"),
]
TERMS = ["laser", "故障", "manual", "warranty", "固件", "invoice"]


def cli(env: dict[str, str], *args: str) -> str:
    return subprocess.run([*CLI, *args], env=env, capture_output=True, text=True, timeout=300, check=True).stdout


@dataclass
class Tally:
    lock: threading.Lock = field(default_factory=threading.Lock)
    ok: Counter[str] = field(default_factory=Counter)
    errors: Counter[str] = field(default_factory=Counter)
    latencies: list[float] = field(default_factory=list)
    uploads: dict[str, str] = field(default_factory=dict)  # evidence label -> sha256 acknowledged

    def record(self, what: str, r: httpx.Response | Exception, expected: int, t0: float) -> bool:
        dt = time.perf_counter() - t0
        with self.lock:
            if isinstance(r, Exception):
                self.errors[f"{what}: {type(r).__name__}: {r}"[:160]] += 1
                return False
            if r.status_code != expected:
                self.errors[f"{what}: HTTP {r.status_code} {r.text[:100]}"] += 1
                return False
            self.ok[what] += 1
            self.latencies.append(dt)
            return True


@pytest.fixture
def served_demo(tmp_path: Path, db_url: str) -> Iterator[dict[str, Any]]:
    data = tmp_path / "data"
    env = {**os.environ, "DISPUTEDESK_DATA_DIR": str(data), "DISPUTEDESK_DATABASE_URL": db_url}
    env.pop("DISPUTEDESK_WEB_THREADS", None)  # the default a user gets
    cli(env, "init", "--workspace", WS, "--name", "Demo dispute")
    cli(env, "demo")
    token = cli(env, "token", "create", "demo", WS).strip().splitlines()[-1]
    ctx = Context.open(Settings(data_dir=data, database_url=db_url))
    with unit_of_work(ctx.engine) as s:  # a new day: no case list row is cached yet
        s.execute(delete(CaseSummaryCache))
    port = free_port()
    log = open(tmp_path / "serve.log", "w+")  # noqa: SIM115 - closed below
    proc = subprocess.Popen([*CLI, "serve", "--port", str(port)], env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            if httpx.get(f"{base}/api/health", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.2)
    else:
        proc.kill()
        log.seek(0)
        pytest.fail(f"server did not start: {log.read()[-2000:]}")
    try:
        yield {"base": base, "token": token, "ctx": ctx, "env": env, "proc": proc, "log": log}
    finally:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                proc.kill()
        log.close()
        ctx.close()


def _counts(ctx: Context) -> dict[str, int]:
    with unit_of_work(ctx.engine) as s:
        return {
            "claims": s.execute(select(func.count(CaseClaim.id))).scalar_one(),
            "steps": s.execute(select(func.count(CaseStep.id))).scalar_one(),
            "letters": s.execute(select(func.count(GeneratedLetter.id))).scalar_one(),
            "evaluations": s.execute(select(func.count(SlaRun.id))).scalar_one(),
            "evidence": s.execute(select(func.count(EvidenceItem.id))).scalar_one(),
        }


def _writes(client: httpx.Client, tally: Tally, n: int) -> list[tuple[str, Callable[[], None]]]:
    def upload() -> None:
        body = f"photo of the alarm screen, client {n}, {uuid.uuid4()}".encode()
        t0 = time.perf_counter()
        try:
            r = client.post("/api/evidence", files={"files": (f"alarm-{n}.txt", body)})
        except httpx.HTTPError as exc:
            tally.record("upload", exc, 201, t0)
            return
        if tally.record("upload", r, 201, t0):
            item = r.json()["items"][0]
            with tally.lock:
                tally.uploads[item["evidence"]] = item["sha256"]

    def post(what: str, path: str, body: dict[str, Any] | None, expected: int) -> Callable[[], None]:
        def run() -> None:
            t0 = time.perf_counter()
            try:
                r = client.post(path, json=body) if body is not None else client.post(path)
            except httpx.HTTPError as exc:
                tally.record(what, exc, expected, t0)
                return
            tally.record(what, r, expected, t0)

        return run

    return [
        ("upload", upload),
        ("claim", post("claim", "/api/cases/1/claims", {"kind": "repair", "amount": "120.00", "currency": "EUR"}, 201)),
        (
            "ladder step",
            post(
                "ladder step",
                "/api/cases/1/steps",
                {
                    "step": "support_request",
                    "sent_on": "2026-11-20",
                    "channel": "email",
                    "recipient": "service@x.cn",
                    "override_reason": "asked again",
                },  # fmt: skip
                201,
            ),
        ),
        ("evaluation", post("evaluation", "/api/sla/evaluate", None, 200)),
        (
            "letter",
            post("letter", "/api/letters", {"case": "CASE-2026-001", "kind": "support-request", "lang": "en"}, 201),
        ),
    ]


def _client(base: str, token: str, tally: Tally, n: int, stop: float) -> None:
    rng = random.Random(n)
    weights = [w for w, _ in READS]
    with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=120) as client:
        writes = _writes(client, tally, n)
        # Clients 0–9 write now and then (each kind by two clients), the others only read.
        mine = writes[n % len(writes)] if n < 10 else None
        next_write = time.monotonic() + rng.uniform(0, 4)
        while time.monotonic() < stop:
            if mine and time.monotonic() >= next_write:
                mine[1]()
                next_write = time.monotonic() + rng.uniform(2, 5)
                continue
            _w, path = rng.choices(READS, weights)[0]
            url = path.format(item=rng.randrange(1, 101), sr=rng.randrange(1, 6), term=rng.choice(TERMS))
            t0 = time.perf_counter()
            try:
                r = client.get(url)
            except httpx.HTTPError as exc:
                tally.record(f"GET {path}", exc, 200, t0)
                continue
            tally.record(f"GET {path}", r, 200, t0)


@pytest.mark.slow
def test_fifty_clients_on_a_cold_cache_no_error_no_lost_write(served_demo: dict[str, Any]) -> None:
    ctx: Context = served_demo["ctx"]
    before = _counts(ctx)
    tally = Tally()
    start = time.monotonic()
    stop = start + SECONDS
    threads = [
        threading.Thread(target=_client, args=(served_demo["base"], served_demo["token"], tally, n, stop))
        for n in range(CLIENTS)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(300)
    elapsed = time.monotonic() - start
    served_demo["proc"].terminate()
    served_demo["proc"].wait(30)

    total = sum(tally.ok.values())
    lat = sorted(tally.latencies)
    print(
        f"\n{CLIENTS} clients, {elapsed:.0f} s, {ctx.engine.dialect.name}: {total} requests ok "
        f"({total / elapsed:.1f}/s), p50 {lat[len(lat) // 2] * 1000:.0f} ms, "
        f"p95 {lat[int(len(lat) * 0.95)] * 1000:.0f} ms; "
        f"writes {dict((k, v) for k, v in tally.ok.items() if not k.startswith('GET'))}; errors {dict(tally.errors)}"
    )
    assert not tally.errors, "\n".join(f"{n}× {e}" for e, n in tally.errors.most_common(20))
    assert total > 100, f"only {total} requests in {elapsed:.0f} s"
    for kind in ("upload", "claim", "ladder step", "evaluation", "letter"):
        assert tally.ok[kind] >= 1, f"no {kind} was made during the run: {dict(tally.ok)}"

    # 0 lost writes: everything acknowledged is in the database.
    after = _counts(ctx)
    assert after["claims"] - before["claims"] == tally.ok["claim"]
    assert after["steps"] - before["steps"] == tally.ok["ladder step"]
    assert after["letters"] - before["letters"] == tally.ok["letter"]
    assert after["evaluations"] - before["evaluations"] == tally.ok["evaluation"]
    with unit_of_work(ctx.engine) as s:
        stored = {
            f"E-{n:04d}": sha
            for n, sha in s.execute(
                select(EvidenceItem.number, EvidenceItem.sha256).where(
                    EvidenceItem.number.in_([int(label[2:]) for label in tally.uploads])
                )
            )
        }
    assert stored == tally.uploads
    out = cli(served_demo["env"], "verify")
    assert "OK: every original matches its hash" in out, out
