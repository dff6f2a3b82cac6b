"""Benchmark: the ``disputedesk`` command as a user or a script runs it (one process per call),
beside ``notmuch`` on the same messages, in the same run.

1. Start-up: ``disputedesk --help`` and the light commands (``search``, ``threads``,
   ``evidence list``, ``bizcal``, ``deadlines``, ``supplier check-uscc``) — median wall time
   and CPU time of the process over ``--runs`` runs; ``notmuch --version`` and ``notmuch count``
   as notmuch's start-up.
2. Search: the 100 mixed English/Chinese queries of ``mail_ingest.py`` (``--queries`` of them)
   run as ``disputedesk search Q --json`` and as ``notmuch search --limit=50 Q``, one process
   each, over the same ``--n`` messages (the synthetic corpus of ``mail_ingest.py``: rows and
   index terms written straight into the tables for us; the same subjects and bodies written
   as a Maildir and indexed by ``notmuch new`` with ``XAPIAN_CJK_NGRAM=1``). p50 / p95.

Wall times on a shared machine grow with the load; CPU time (user + system of the process)
does much less, so both are printed.

    .venv/bin/python benchmarks/cli_startup.py                       # 100,000 messages
    .venv/bin/python benchmarks/cli_startup.py --n 5000 --runs 5 --queries 20
    .venv/bin/python benchmarks/cli_startup.py --keep /tmp/cli-bench  # reuse the corpora next time
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from email.header import Header
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from mail_ingest import build_search_corpus, queries, synthetic_messages  # noqa: E402

DD = [sys.executable, "-m", "disputedesk.cli"]
FACTS = {
    "governing_law": "CN",
    "contract_type": "international_sale",
    "cisg_applies": True,
    "received_on": "2025-03-10",
    "inspection_period_days": 30,
    "warranty_months": 12,
    "warranty_starts_on": None,
    "knowledge_on": "2025-06-02",
    "demands": ["2025-07-01", "2026-01-15"],
    "acknowledgements": [],
    "award_performance_deadline": None,
}


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """(wall ms, CPU ms, exit code) of one process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    r = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    wall = (time.perf_counter() - t0) * 1000
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000
    return wall, cpu, r.returncode


def pct(values: list[float], p: float) -> float:
    s = sorted(values)
    return s[max(0, min(len(s) - 1, round(p * len(s)) - 1))]


def write_maildir(n: int, maildir: Path) -> None:
    for d in ("cur", "new", "tmp"):
        (maildir / d).mkdir(parents=True, exist_ok=True)
    for g in synthetic_messages(n):
        subject = Header(g["subject"], "utf-8").encode() if not g["subject"].isascii() else g["subject"]
        raw = (
            f"From: Wang <wang@supplier.cn>\nTo: Anna <anna@buyer.example>\nSubject: {subject}\n"
            f"Date: {g['when'].strftime('%a, %d %b %Y %H:%M:%S +0000')}\nMessage-ID: <s{g['i']}@bench>\n"
            "MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n"
            f"{g['body']}\n"
        )
        (maildir / "cur" / f"{g['i']:07d}.bench:2,S").write_bytes(raw.encode("utf-8"))


def prepare(n: int, root: Path) -> tuple[Path, Path | None, dict[str, float]]:
    """The vault (our tables) and the notmuch database over the same n messages (kept in root)."""
    built: dict[str, float] = {}
    vault = root / f"vault-{n}"
    if not (vault / "disputedesk.sqlite3").exists():
        _ctx, built["ours_s"] = build_search_corpus(n, vault)
    maildir = root / f"maildir-{n}"
    if shutil.which("notmuch") is None:
        return vault, None, built
    cfg = root / f"notmuch-{n}.config"
    cfg.write_text(
        f"[database]\npath={maildir}\n[new]\ntags=inbox\n[search]\nexclude_tags=\n[maildir]\nsynchronize_flags=false\n"
    )
    if not (maildir / ".notmuch").exists():
        write_maildir(n, maildir)
        env = {**os.environ, "NOTMUCH_CONFIG": str(cfg), "XAPIAN_CJK_NGRAM": "1"}
        t0 = time.perf_counter()
        subprocess.run(["notmuch", "new", "--quiet"], env=env, check=True, capture_output=True)
        built["notmuch_s"] = time.perf_counter() - t0
    return vault, cfg, built


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=100_000, help="messages in both corpora")
    ap.add_argument("--runs", type=int, default=9, help="runs of each start-up command")
    ap.add_argument("--queries", type=int, default=40, help="search queries (one process each)")
    ap.add_argument("--keep", type=Path, help="keep the corpora in this folder and reuse them")
    args = ap.parse_args()
    tmp = None
    if args.keep:
        root = args.keep
        root.mkdir(parents=True, exist_ok=True)
    else:
        tmp = tempfile.TemporaryDirectory(prefix="dd-cli-bench-")
        root = Path(tmp.name)
    try:
        vault, nm_cfg, built = prepare(args.n, root)
        env = {
            **os.environ,
            "DISPUTEDESK_DATA_DIR": str(vault),
            "DISPUTEDESK_DEFAULT_WORKSPACE": "bench",
            "PYTHONDONTWRITEBYTECODE": "",
        }
        env.pop("DISPUTEDESK_DATABASE_URL", None)
        nm_env = {**os.environ, "NOTMUCH_CONFIG": str(nm_cfg), "XAPIAN_CJK_NGRAM": "1"} if nm_cfg else None
        facts = root / "facts.json"
        facts.write_text(json.dumps(FACTS))
        subprocess.run([*DD, "--help"], env=env, capture_output=True, check=True)  # compile, warm the cache
        light: list[tuple[str, list[str], dict[str, str] | None]] = [
            ("disputedesk --help", [*DD, "--help"], env),
            ("disputedesk search 培训 --json", [*DD, "search", "培训", "--json"], env),
            ("disputedesk threads", [*DD, "threads"], env),
            ("disputedesk evidence list --kind contract", [*DD, "evidence", "list", "--kind", "contract"], env),
            ("disputedesk bizcal add … 8h", [*DD, "bizcal", "add", "2026-02-13T16:00+08:00", "8h"], env),
            ("disputedesk deadlines --facts F", [*DD, "deadlines", "--facts", str(facts)], env),
            ("disputedesk supplier check-uscc C", [*DD, "supplier", "check-uscc", "91350100M000100Y43"], env),
        ]
        if nm_env:
            light += [
                ("notmuch --version", ["notmuch", "--version"], nm_env),
                ("notmuch count 培训", ["notmuch", "count", "培训"], nm_env),
            ]
        print(f"start-up, one process per call, median of {args.runs} (wall ms / CPU ms); {args.n:,} messages")
        print(f"  (corpora built: {', '.join(f'{k} {v:.0f}' for k, v in built.items()) or 'reused'})")
        for label, cmd, e in light:
            runs = [timed(cmd, e or env) for _ in range(args.runs)]
            bad = sum(1 for r in runs if r[2] != 0)
            print(
                f"  {label:<44} {statistics.median(r[0] for r in runs):7.0f} / "
                f"{statistics.median(r[1] for r in runs):5.0f}" + (f"  ({bad} failed)" if bad else "")
            )
        qs = queries()[: args.queries]
        ours = [timed([*DD, "search", q, "--json"], env) for q in qs]
        line = (
            f"search, {len(qs)} mixed EN/ZH queries, one process each: disputedesk p50 "
            f"{pct([r[0] for r in ours], 0.5):.0f} ms, p95 {pct([r[0] for r in ours], 0.95):.0f} ms "
            f"(CPU p50 {pct([r[1] for r in ours], 0.5):.0f} ms)"
        )
        if nm_env:
            nm = [timed(["notmuch", "search", "--limit=50", q], nm_env) for q in qs]
            ratio = pct([r[0] for r in ours], 0.5) / pct([r[0] for r in nm], 0.5)
            line += (
                f"; notmuch search p50 {pct([r[0] for r in nm], 0.5):.0f} ms, p95 {pct([r[0] for r in nm], 0.95):.0f}"
                f" ms (CPU p50 {pct([r[1] for r in nm], 0.5):.0f} ms); ours ÷ notmuch at p50: {ratio:.1f}×"
            )
        print(line)
        print(f"  load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    finally:
        if tmp is not None:
            tmp.cleanup()


if __name__ == "__main__":
    main()
