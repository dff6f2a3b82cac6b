"""Web load on the demo dispute: 50 users, closed loop and with think time, 1 and 2 web processes,
SQLite and PostgreSQL (issue 18).

    .venv/bin/python benchmarks/load_web.py [--users 50] [--seconds 60] [--engines sqlite,postgresql]

For each engine: a fresh data folder (and PostgreSQL database), `disputedesk init` + `demo`, an API
token. Then, first, every page alone (one request at a time, 10 times each: the median is the
page's own time). Then for each of {1, 2} web processes (`serve --workers N`, default request
threads) × {closed loop, think time 1 s}: a cold case-list cache (a new day), N users for the given
time, each picking an action (95 % reads of pages and the API, 5 % writes: upload, claim, ladder
step, SLA evaluation, letter). Prints requests/s, p50/p95/p99, errors, and the ratios the README
quotes: 2 processes ÷ 1 and p50 under load ÷ alone. The load generator (asyncio + httpx) runs on the
same machine as the servers and the database.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import httpx
import psycopg

ROOT = Path(__file__).resolve().parents[1]
CLI = [str(ROOT / ".venv" / "bin" / "disputedesk")]
PG_ADMIN = os.environ.get("DISPUTEDESK_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
TERMS = ["laser", "故障", "manual", "warranty", "固件", "invoice"]
READS = [
    (3, "dashboard", "/"),
    (3, "case list", "/cases"),
    (4, "case list API", "/api/cases"),
    (2, "case page", "/cases/1"),
    (3, "evidence list", "/evidence"),
    (3, "evidence page", "/evidence/E-{item:04d}"),
    (4, "evidence API", "/api/evidence/E-{item:04d}"),
    (2, "search", "/api/mail/search?q={term}"),
    (2, "suppliers", "/suppliers"),
    (1, "supplier page", "/suppliers/ruifeng"),
    (2, "request timeline", "/requests/SR-000{sr}"),
    (1, "SLA", "/sla"),
]
WRITES = ["upload", "claim", "ladder step", "evaluation", "letter"]


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[max(0, min(len(values) - 1, int(round(p / 100 * (len(values) - 1)))))]


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def run(env: dict[str, str], *args: str) -> str:
    return subprocess.run([*CLI, *args], env=env, check=True, capture_output=True, text=True).stdout


def clear_case_cache(env: dict[str, str]) -> None:
    """A new day: no case list row is cached."""
    sys.path.insert(0, str(ROOT / "src"))
    from sqlalchemy import create_engine, text

    url = env["DISPUTEDESK_DATABASE_URL"] or f"sqlite:///{Path(env['DISPUTEDESK_DATA_DIR']) / 'disputedesk.sqlite3'}"
    url = url.replace("postgresql://", "postgresql+psycopg://", 1)
    engine = create_engine(url)
    with engine.begin() as c:
        c.execute(text("DELETE FROM case_summary_cache"))
    engine.dispose()


async def request(client: httpx.AsyncClient, action: str, rng: random.Random) -> httpx.Response:
    if action == "upload":
        body = f"photo of the alarm screen {uuid.uuid4()}".encode()
        return await client.post("/api/evidence", files={"files": ("alarm.txt", body)})
    if action == "claim":
        return await client.post("/api/cases/1/claims", json={"kind": "repair", "amount": "120.00", "currency": "EUR"})
    if action == "ladder step":
        step = {"step": "support_request", "sent_on": "2026-11-20", "channel": "email", "recipient": "service@x.cn"}
        step["override_reason"] = "asked again"  # the ladder starts once with a support request
        return await client.post("/api/cases/1/steps", json=step)
    if action == "evaluation":
        return await client.post("/api/sla/evaluate")
    if action == "letter":
        return await client.post("/api/letters", json={"case": "CASE-2026-001", "kind": "support-request"})
    path = next(p for _w, name, p in READS if name == action)
    return await client.get(path.format(item=rng.randrange(1, 101), sr=rng.randrange(1, 6), term=rng.choice(TERMS)))


async def user(
    client: httpx.AsyncClient, deadline: float, think: float, rng: random.Random, out: dict[str, Any]
) -> None:
    names = [n for _w, n, _p in READS] + WRITES
    weights = [float(w) for w, _n, _p in READS]
    weights += [sum(weights) * 0.05 / 0.95 / len(WRITES)] * len(WRITES)  # 5 % writes
    while time.monotonic() < deadline:
        action = rng.choices(names, weights)[0]
        t0 = time.perf_counter()
        try:
            r = await request(client, action, rng)
            ok = r.status_code < 400
            why = f"HTTP {r.status_code} {r.text[:80]}"
        except httpx.HTTPError as exc:
            ok, why = False, type(exc).__name__
        if ok:
            out["lat"].append((time.perf_counter() - t0) * 1000)
            out["writes"] += action in WRITES
        else:
            out["errors"][f"{action}: {why}"] = out["errors"].get(f"{action}: {why}", 0) + 1
        if think:
            await asyncio.sleep(rng.uniform(0.5 * think, 1.5 * think))


async def load(base: str, token: str, users: int, seconds: float, think: float) -> dict[str, Any]:
    out: dict[str, Any] = {"lat": [], "errors": {}, "writes": 0}
    limits = httpx.Limits(max_connections=users, max_keepalive_connections=users)
    async with httpx.AsyncClient(
        base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=120, limits=limits
    ) as client:
        t0 = time.monotonic()
        await asyncio.gather(*[user(client, t0 + seconds, think, random.Random(i), out) for i in range(users)])
        out["seconds"] = time.monotonic() - t0
    return out


def serve(env: dict[str, str], workers: int, log: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    f = open(log, "ab")  # noqa: SIM115 - lives as long as the server
    cmd = [*CLI, "serve", "--port", str(port), "--workers", str(workers)]
    proc = subprocess.Popen(cmd, env=env, stdout=f, stderr=f)
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            if httpx.get(f"{base}/api/health", timeout=1).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit(f"server did not start, see {log}")


def stop(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(20)
    except subprocess.TimeoutExpired:
        proc.kill()


def alone(base: str, token: str) -> dict[str, float]:
    """Median ms of each page with nobody else on the server (after one warm-up request)."""
    out = {}
    with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=60) as c:
        for _w, name, path in READS:
            url = path.format(item=7, sr=1, term="laser")
            c.get(url)
            times = []
            for _ in range(10):
                t0 = time.perf_counter()
                r = c.get(url)
                times.append((time.perf_counter() - t0) * 1000)
                assert r.status_code == 200, (url, r.status_code)
            out[name] = statistics.median(times)
    return out


def bench_engine(engine: str, args: argparse.Namespace, work: Path) -> list[dict[str, Any]]:
    data = work / engine / "data"
    db = ""
    env = {**os.environ, "DISPUTEDESK_DATA_DIR": str(data), "DISPUTEDESK_DATABASE_URL": ""}
    env.pop("DISPUTEDESK_WEB_THREADS", None)
    if engine == "postgresql":
        db = f"dd_loadweb_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(PG_ADMIN, autocommit=True) as c:
            c.execute(f'CREATE DATABASE "{db}"')
        env["DISPUTEDESK_DATABASE_URL"] = f"{PG_ADMIN.rsplit('/', 1)[0]}/{db}"
    rows = []
    try:
        run(env, "init", "--workspace", "demo", "--name", "Demo dispute")
        run(env, "demo")
        token = run(env, "token", "create", "demo", "demo").strip().splitlines()[-1]
        proc, base = serve(env, 1, work / f"{engine}-serve.log")
        try:
            single = alone(base, token)
        finally:
            stop(proc)
        print(f"\n{engine}: one request at a time, median ms")
        for name, ms in single.items():
            print(f"  {name:<18}{ms:8.1f}")
        for workers in (1, 2):
            for think in (0.0, args.think):
                clear_case_cache(env)
                proc, base = serve(env, workers, work / f"{engine}-serve.log")
                try:
                    res = asyncio.run(load(base, token, args.users, args.seconds, think))
                finally:
                    stop(proc)
                lat = res["lat"]
                row = {
                    "engine": engine,
                    "workers": workers,
                    "mode": "closed loop" if not think else f"think {think:g} s",
                    "requests": len(lat),
                    "rps": len(lat) / res["seconds"],
                    "p50": pct(lat, 50),
                    "p95": pct(lat, 95),
                    "p99": pct(lat, 99),
                    "writes": res["writes"],
                    "errors": sum(res["errors"].values()),
                    "why": res["errors"],
                    "alone": statistics.median(single.values()),
                }
                rows.append(row)
                print(
                    f"  {workers} process(es), {row['mode']:<12} {row['rps']:6.1f} req/s  p50 {row['p50']:7.0f} ms  "
                    f"p95 {row['p95']:7.0f} ms  p99 {row['p99']:7.0f} ms  writes {row['writes']:4d}  "
                    f"errors {row['errors']} {row['why'] or ''}",
                    flush=True,
                )
        out = run(env, "verify")
        print("  verify:", out.strip().splitlines()[-1])
    finally:
        if db:
            with psycopg.connect(PG_ADMIN, autocommit=True) as c:
                c.execute(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
    return rows


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--users", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--think", type=float, default=1.0, help="mean pause between a user's actions, seconds")
    ap.add_argument("--engines", default="sqlite,postgresql")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="dd-loadweb-"))
    print(f"work folder (server logs): {work}; {args.users} users, {args.seconds:.0f} s a run, {os.cpu_count()} cores")
    rows = []
    for engine in args.engines.split(","):
        rows += bench_engine(engine, args, work)
    print("\nsummary (ratio: 2 processes ÷ 1; slowdown: p50 under load ÷ median page alone)")
    for r in rows:
        one = next(x for x in rows if x["engine"] == r["engine"] and x["mode"] == r["mode"] and x["workers"] == 1)
        print(
            f"  {r['engine']:<11}{r['workers']} proc  {r['mode']:<12}"
            f"{r['rps']:7.1f} req/s (×{r['rps'] / one['rps']:.2f})"
            f"  p50 {r['p50']:6.0f} ms (×{r['p50'] / r['alone']:.0f} alone)  p95 {r['p95']:6.0f}  p99 {r['p99']:6.0f}"
            f"  errors {r['errors']}"
        )


if __name__ == "__main__":
    main()
