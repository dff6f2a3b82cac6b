"""Load test of server mode: 2 web processes + 1 worker on PostgreSQL + an S3-compatible store.

    .venv/bin/python benchmarks/load_test.py [--users 50] [--seconds 60] [--cases 10000] [--messages 1000000]

1. Starts an S3-compatible server on 127.0.0.1 (tests/s3server.py) and uses a fresh PostgreSQL
   database at 127.0.0.1:5432; `disputedesk init`, a user and an API token.
2. Builds the dataset: 2,000 real evidence files through the import service (so blobs and the
   ledger are real), then ≥ 10,000 cases and ≥ 1,000,000 messages bulk-loaded with COPY
   (synthetic rows: the per-row import path is measured by benchmarks/import_vault.py).
3. Starts 2 `disputedesk serve` processes and 1 `disputedesk worker` (DISPUTEDESK_JOBS=queue),
   and N simulated users spread over both web processes (as a proxy would), each looping over
   the actions: browse cases, open an evidence item, search, upload a small file — bounded in
   time, loopback only. Prints p50/p95/p99 per action and the errors.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import httpx
import psycopg

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
CLI = [str(ROOT / ".venv" / "bin" / "disputedesk")]
PG_ADMIN = os.environ.get("DISPUTEDESK_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")

SEARCH_TERMS = ["故障", "退款", "合同", "firmware", "manual", "warranty", "固件", "laser", "维修", "invoice"]


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    k = max(0, min(len(values) - 1, int(round(p / 100 * (len(values) - 1)))))
    return values[k]


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build_dataset(env: dict[str, str], db_url: str, cases: int, messages: int, work: Path) -> None:
    files = work / "files"
    files.mkdir(parents=True, exist_ok=True)
    rng = random.Random(7)
    for i in range(2000):
        (files / f"mail-{i:05d}.txt").write_text(
            f"Subject: request {i}\n{rng.choice(SEARCH_TERMS)} {rng.choice(SEARCH_TERMS)} machine {i}\n",
            encoding="utf-8",
        )
    subprocess.run([*CLI, "import", "--workspace", "load", str(files)], env=env, check=True, stdout=subprocess.DEVNULL)
    with psycopg.connect(db_url) as c, c.cursor() as cur:
        ws_id = cur.execute("SELECT id FROM workspaces WHERE slug = 'load'").fetchone()[0]
        sup = cur.execute(
            "INSERT INTO organizations (workspace_id, key, role, name_en, name_zh, email_domains, websites, details) "
            "VALUES (%s, 'sup', 'supplier', 'Load Test Machinery Co., Ltd.', '负载测试机械有限公司', '[]', '[]', '{}') "
            "RETURNING id",
            (ws_id,),
        ).fetchone()[0]
        with cur.copy(
            "COPY cases (workspace_id, number, title, supplier_id, status, opened_on, currency) FROM STDIN"
        ) as cp:
            for i in range(cases):
                cp.write_row(
                    (ws_id, f"CASE-2026-{i + 1:05d}", f"Support failure {i}", sup, "open", "2026-03-01", "EUR")
                )
        ev_ids = [r[0] for r in cur.execute("SELECT id FROM evidence_items WHERE workspace_id = %s", (ws_id,))]
        with cur.copy(
            "COPY messages (workspace_id, evidence_id, channel, direction, sender, recipients, sent_at, subject, text, "
            "language, flags) FROM STDIN"
        ) as cp:
            for i in range(messages):
                term = SEARCH_TERMS[i % len(SEARCH_TERMS)]
                cp.write_row(
                    (ws_id, ev_ids[i % len(ev_ids)], "email", "supplier->buyer" if i % 2 else "buyer->supplier",
                     "service@loadtest.example.cn", '["buyer@example.de"]',
                     f"2026-{1 + i % 10:02d}-{1 + i % 28:02d} {i % 24:02d}:00:00+00", f"Re: {term} #{i}",
                     f"message {i} about {term} and {SEARCH_TERMS[(i * 7) % len(SEARCH_TERMS)]}", "en", "{}")
                )  # fmt: skip
        # The search index, as the importer writes it (index_terms → tsvector), built with COPY;
        # the GIN index is dropped during the load and rebuilt once.
        from disputedesk.domain.mail_search import index_terms

        cur.execute("DROP INDEX IF EXISTS ix_mail_search_docs_tsv")
        rows = cur.execute(
            "SELECT id, evidence_id, subject, text FROM messages WHERE workspace_id = %s ORDER BY id", (ws_id,)
        ).fetchall()
        with cur.copy("COPY mail_search_docs (workspace_id, evidence_id, message_pk, kind, tsv) FROM STDIN") as cp:
            for mid, eid, subject, body in rows:
                terms = sorted(set(index_terms(f"{subject}\n{body}").split()))
                tsv = " ".join("'" + t.replace("'", "''").replace("\\", "\\\\") + "'" for t in terms)
                cp.write_row((ws_id, eid, mid, "message", tsv))
        cur.execute("CREATE INDEX ix_mail_search_docs_tsv ON mail_search_docs USING gin (tsv)")
        cur.execute("ANALYZE")
        c.commit()


reasons: dict[str, int] = {}


async def user(
    client_for,
    token: str,
    deadline: float,
    results: dict[str, list[float]],
    errors: dict[str, int],
    n_cases: int,
    n_items: int,
    rng: random.Random,
    think: float = 1.0,
) -> None:
    headers = {"Authorization": f"Bearer {token}"}
    while time.monotonic() < deadline:
        action = rng.choices(["browse cases", "open evidence", "search", "upload"], weights=[3, 4, 3, 1])[0]
        client = client_for()
        t0 = time.perf_counter()
        try:
            if action == "browse cases":
                r = await client.get(
                    "/api/cases", params={"offset": rng.randrange(max(1, n_cases - 50)), "limit": 20}, headers=headers
                )
            elif action == "open evidence":
                r = await client.get(f"/api/evidence/E-{rng.randrange(1, n_items + 1):04d}", headers=headers)
            elif action == "search":
                r = await client.get("/api/mail/search", params={"q": rng.choice(SEARCH_TERMS)}, headers=headers)
            else:
                data = f"load upload {uuid.uuid4()}".encode()
                r = await client.post("/api/evidence", files={"files": ("note.txt", io.BytesIO(data))}, headers=headers)
            ok = r.status_code < 400
            if not ok:
                reasons[f"{action}: HTTP {r.status_code} {r.text[:80]}"] = (
                    reasons.get(f"{action}: HTTP {r.status_code} {r.text[:80]}", 0) + 1
                )
        except httpx.HTTPError as exc:
            ok = False
            reasons[f"{action}: {type(exc).__name__}"] = reasons.get(f"{action}: {type(exc).__name__}", 0) + 1
        dt = (time.perf_counter() - t0) * 1000
        if ok:
            results.setdefault(action, []).append(dt)
        else:
            errors[action] = errors.get(action, 0) + 1
        if think:
            await asyncio.sleep(rng.uniform(0.5 * think, 1.5 * think))  # a person reads before clicking again


async def run_users(ports: list[int], token: str, users: int, seconds: float, n_cases: int, n_items: int, think: float):  # type: ignore[no-untyped-def]
    limits = httpx.Limits(max_connections=users, max_keepalive_connections=users)
    clients = [httpx.AsyncClient(base_url=f"http://127.0.0.1:{p}", timeout=30, limits=limits) for p in ports]
    counter = [0]

    def client_for() -> httpx.AsyncClient:  # round robin, as a proxy would
        counter[0] += 1
        return clients[counter[0] % len(clients)]

    results: dict[str, list[float]] = {}
    errors: dict[str, int] = {}
    deadline = time.monotonic() + seconds
    await asyncio.gather(
        *[
            user(client_for, token, deadline, results, errors, n_cases, n_items, random.Random(i), think)
            for i in range(users)
        ]
    )
    for c in clients:
        await c.aclose()
    return results, errors


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--users", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--cases", type=int, default=10_000)
    ap.add_argument("--messages", type=int, default=1_000_000)
    ap.add_argument("--think", type=float, default=1.0, help="mean pause between a user's actions, seconds")
    args = ap.parse_args()
    from s3server import start_s3_server  # type: ignore[import-not-found]

    work = Path(tempfile.mkdtemp(prefix="dd-load-"))
    print(f"work folder (server logs): {work}")
    endpoint, stop_s3 = start_s3_server(work / "s3")
    db = f"dd_load_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as c:
        c.execute(f'CREATE DATABASE "{db}"')
    db_url = f"{PG_ADMIN.rsplit('/', 1)[0]}/{db}"
    env = {
        **os.environ,
        "DISPUTEDESK_DATA_DIR": str(work / "data"),
        "DISPUTEDESK_DATABASE_URL": db_url,
        "DISPUTEDESK_BLOB_STORE": "s3://disputedesk-load",
        "DISPUTEDESK_S3_ENDPOINT": endpoint,
        "AWS_ACCESS_KEY_ID": os.environ.get("DD_TEST_S3_KEY", "disputedesk:tester"),
        "AWS_SECRET_ACCESS_KEY": os.environ.get("DD_TEST_S3_SECRET", "disputedesk-test-secret"),
        "DISPUTEDESK_JOBS": "queue",
    }
    procs: list[subprocess.Popen[bytes]] = []
    try:
        subprocess.run([*CLI, "init", "--workspace", "load"], env=env, check=True, stdout=subprocess.DEVNULL)
        subprocess.run(
            [*CLI, "user", "add", "loader", "-w", "load", "--role", "owner", "--password-stdin"],
            env=env,
            check=True,
            input=b"load test password\n",
            stdout=subprocess.DEVNULL,
        )
        token = subprocess.run(
            [*CLI, "token", "create", "loader", "load"], env=env, check=True, capture_output=True, text=True
        ).stdout.strip()
        t0 = time.perf_counter()
        build_dataset(env, db_url, args.cases, args.messages, work)
        print(f"dataset: {args.cases} cases, {args.messages} messages, 2,000 files in {time.perf_counter() - t0:.0f} s")
        # What the worker's nightly task keeps ready: every case's list row for today.
        t0 = time.perf_counter()
        subprocess.run(
            [*CLI, "case", "refresh-summaries", "--workspace", "load"], env=env, check=True, stdout=subprocess.DEVNULL
        )
        print(f"case list rows computed in {time.perf_counter() - t0:.0f} s (the worker does this nightly)")
        ports = [free_port(), free_port()]
        for p in ports:
            log = open(work / f"serve-{p}.log", "wb")  # noqa: SIM115 - closed with the process
            procs.append(subprocess.Popen([*CLI, "serve", "--port", str(p)], env=env, stdout=log, stderr=log))
        procs.append(subprocess.Popen([*CLI, "worker"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        for p in ports:
            for _ in range(100):
                try:
                    if httpx.get(f"http://127.0.0.1:{p}/api/health", timeout=1).status_code == 200:
                        break
                except httpx.HTTPError:
                    time.sleep(0.2)
        results, errors = asyncio.run(run_users(ports, token, args.users, args.seconds, args.cases, 2000, args.think))
        total = sum(len(v) for v in results.values())
        print(
            f"\n{args.users} users (think time {args.think:.1f} s mean), {args.seconds:.0f} s, "
            "2 web processes + 1 worker, PostgreSQL + S3 (SeaweedFS)"
        )
        print(f"{'action':<16}{'requests':>10}{'p50 ms':>10}{'p95 ms':>10}{'p99 ms':>10}{'errors':>8}")
        for action in ("browse cases", "open evidence", "search", "upload"):
            v = results.get(action, [])
            print(
                f"{action:<16}{len(v):>10}{pct(v, 50):>10.1f}{pct(v, 95):>10.1f}{pct(v, 99):>10.1f}"
                f"{errors.get(action, 0):>8}"
            )
        all_v = [x for v in results.values() for x in v]
        print(
            f"{'all':<16}{total:>10}{pct(all_v, 50):>10.1f}{pct(all_v, 95):>10.1f}{pct(all_v, 99):>10.1f}"
            f"{sum(errors.values()):>8}   ({total / args.seconds:.0f} requests/s; mean {statistics.mean(all_v):.1f} ms)"
        )
    finally:
        for p in procs:
            p.terminate()
        for p in procs:
            try:
                p.wait(10)
            except subprocess.TimeoutExpired:
                p.kill()
        stop_s3()
        with psycopg.connect(PG_ADMIN, autocommit=True) as c:
            c.execute(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')


if __name__ == "__main__":
    main()
