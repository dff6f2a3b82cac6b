"""Benchmark: a mailbox imported end to end vs notmuch, and search latency over 100,000 messages.

1. Ingest. The mailbox of ``benchmarks/mail_parse.py`` (English and Chinese, UTF-8 / GBK
   labelled gb2312 / Big5 / raw 8-bit headers, 20 % with attachments, subjects of several
   RFC 2047 encoded words) is imported with ``import_paths`` into a fresh SQLite vault, in a
   fresh process: parse, hash, store every message and attachment as a blob, ledger entries,
   message rows, threads, search index. In the same run the same messages are written as a
   Maildir and indexed by ``notmuch new`` (Debian's notmuch, ``XAPIAN_CJK_NGRAM=1``). Prints
   both throughputs, the ratio, CPU seconds beside wall seconds (ours: the importing process and
   its parse workers; the machine is shared, so wall times are inflated by its load, which is
   printed), the subjects each one got wrong (notmuch: what ``notmuch show`` reports) and our
   peak RSS at each size, 5,000, 20,000 and 50,000 by default (memory must stay flat as the
   mailbox grows). The same messages are imported a second time as that Maildir (the other
   layout), and at the main size parsed alone in one process by ``mail_parse.py`` (the parse
   floor: no hashing, no database).
2. Search. 100,000 messages are written straight into the tables (a synthetic insert path: no
   blobs, no ledger; the same terms and index rows the importer writes), then 100 mixed
   English/Chinese queries run through ``services.mail.search`` (ranking, snippets, limit 50):
   p50 / p95 latency.

    .venv/bin/python benchmarks/mail_ingest.py                 # 5,000 / 20,000 / 50,000 messages, 100,000 for search
    .venv/bin/python benchmarks/mail_ingest.py --sizes 2000 --n 2000 --search 10000
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from mail_parse import EN_WORDS, ZH_WORDS, generate  # noqa: E402


def _rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu(who: int) -> float:
    r = resource.getrusage(who)
    return r.ru_utime + r.ru_stime


# -- our import (child process) ------------------------------------------------------------------


def child_import(mbox: Path, expected: Path, data: Path) -> dict[str, float]:
    from sqlalchemy import select

    from disputedesk.config import Settings
    from disputedesk.services.context import Context
    from disputedesk.services.imports import import_paths
    from disputedesk.services.workspaces import ensure_workspace
    from disputedesk.store.db import unit_of_work
    from disputedesk.store.models import EvidenceItem, Message
    from disputedesk.store.models_mail import MailThread

    ctx = Context.open(Settings(data_dir=data))
    ensure_workspace(ctx, "bench")
    base = _rss_mib()
    t0 = time.perf_counter()
    cpu0, kids0 = _cpu(resource.RUSAGE_SELF), _cpu(resource.RUSAGE_CHILDREN)
    report = import_paths(ctx, "bench", [mbox], actor="bench")
    elapsed = time.perf_counter() - t0
    cpu_main = _cpu(resource.RUSAGE_SELF) - cpu0
    cpu_workers = _cpu(resource.RUSAGE_CHILDREN) - kids0  # parse workers (ended and waited for)
    rss_peak = _rss_mib()
    rss_workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    want = [json.loads(line) for line in expected.read_text(encoding="utf-8").splitlines()]
    with unit_of_work(ctx.engine) as s:
        got = {
            mid: subj
            for mid, subj in s.execute(
                select(Message.message_id, Message.subject).join(EvidenceItem, EvidenceItem.id == Message.evidence_id)
            ).all()
        }
        threads = len(list(s.execute(select(MailThread.id)).scalars()))
    bad = sum(1 for i, w in enumerate(want) if got.get(f"bench-{i}@supplier.cn") != w)
    return {
        "messages": len(got),
        "items": report.imported,
        "failed": report.failed,
        "seconds": elapsed,
        "msgs_per_s": len(got) / elapsed,
        "rss_base_mib": base,
        "rss_peak_mib": rss_peak,
        "rss_worker_mib": rss_workers,
        "cpu_main_s": cpu_main,
        "cpu_workers_s": cpu_workers,
        "bad_subjects": bad,
        "threads": threads,
    }


def run_ours(mbox: Path, expected: Path, tmp: Path) -> dict[str, float]:
    data = tmp / f"vault-{mbox.name}"
    out = subprocess.run(
        [sys.executable, __file__, "--child", str(mbox), str(expected), str(data)],
        check=True,
        capture_output=True,
        text=True,
    )
    shutil.rmtree(data, ignore_errors=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def run_parse_floor(mbox: Path, expected: Path) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, str(HERE / "mail_parse.py"), "--child", str(mbox), str(expected)],
        check=True,
        capture_output=True,
        text=True,
    )
    r = json.loads(out.stdout.strip().splitlines()[-1])
    return {**r, "bad_subjects": r["incomplete_subjects"]}


# -- notmuch ---------------------------------------------------------------------------------------


def write_maildir(mbox: Path, maildir: Path) -> int:
    from disputedesk.ingest.mail.mbox import iter_mbox_messages

    for d in ("cur", "new", "tmp"):
        (maildir / d).mkdir(parents=True, exist_ok=True)
    n = 0
    with open(mbox, "rb") as fh:
        for n, (_off, _len, _from, raw, _notes) in enumerate(iter_mbox_messages(fh), 1):
            (maildir / "cur" / f"{n:07d}.bench:2,S").write_bytes(raw)
    return n


def run_notmuch(maildir: Path, expected: Path, tmp: Path) -> dict[str, float] | None:
    exe = shutil.which("notmuch")
    if exe is None:
        return None
    cfg = tmp / "notmuch-config"
    cfg.write_text(
        f"[database]\npath={maildir}\n[new]\ntags=inbox\n[search]\nexclude_tags=\n[maildir]\nsynchronize_flags=false\n"
    )
    env = {**os.environ, "NOTMUCH_CONFIG": str(cfg), "XAPIAN_CJK_NGRAM": "1"}
    t0 = time.perf_counter()
    kids0 = _cpu(resource.RUSAGE_CHILDREN)
    subprocess.run([exe, "new", "--quiet"], check=True, env=env, capture_output=True)
    elapsed = time.perf_counter() - t0
    cpu = _cpu(resource.RUSAGE_CHILDREN) - kids0
    want = [json.loads(line) for line in expected.read_text(encoding="utf-8").splitlines()]
    shown = subprocess.run(
        [exe, "show", "--format=json", "--body=false", "--entire-thread=false", "*"],
        check=True,
        env=env,
        capture_output=True,
    ).stdout
    got: dict[str, str] = {}

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if "id" in node and "headers" in node:
                got[node["id"]] = node["headers"].get("Subject", "")
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(json.loads(shown))
    bad = sum(1 for i, w in enumerate(want) if got.get(f"bench-{i}@supplier.cn") != w)
    n = len(want)
    zh_check = subprocess.run([exe, "count", "故障"], check=True, env=env, capture_output=True, text=True).stdout
    return {
        "messages": n,
        "seconds": elapsed,
        "cpu_s": cpu,
        "msgs_per_s": n / elapsed,
        "bad_subjects": bad,
        "zh_hits": int(zh_check),
    }


# -- search over 100,000 messages ------------------------------------------------------------------


def synthetic_messages(n: int) -> Iterator[dict[str, Any]]:
    """The search corpus: English and Chinese subjects and bodies, one message per 7 minutes."""
    from datetime import UTC, datetime, timedelta

    rng = random.Random(7)
    start = datetime(2024, 1, 1, tzinfo=UTC)
    for i in range(n):
        zh = rng.random() < 0.55
        subject = (
            "回复: " + "".join(rng.choice(ZH_WORDS) for _ in range(rng.randint(3, 8)))
            if zh
            else "Re: " + " ".join(rng.choice(EN_WORDS) for _ in range(rng.randint(3, 8)))
        )
        body = (
            "".join(rng.choice(ZH_WORDS) for _ in range(120))
            if zh
            else " ".join(rng.choice(EN_WORDS) for _ in range(80))
        )
        yield {
            "i": i,
            "subject": subject,
            "body": body,
            "when": start + timedelta(minutes=7 * i),
            "direction": "supplier->buyer" if i % 2 else "buyer->supplier",
        }


def build_search_corpus(n: int, data: Path) -> tuple[object, float]:
    """Synthetic insert path: rows and index terms as the importer writes them, without blobs."""
    from sqlalchemy import insert, text

    from disputedesk.config import Settings
    from disputedesk.domain.mail_search import index_terms
    from disputedesk.services.context import Context
    from disputedesk.services.workspaces import ensure_workspace
    from disputedesk.store.db import unit_of_work
    from disputedesk.store.models import EvidenceItem, Message
    from disputedesk.store.models_mail import MailMessageMeta

    ctx = Context.open(Settings(data_dir=data))
    ws = ensure_workspace(ctx, "bench")
    t0 = time.perf_counter()
    step = 2000
    gen = synthetic_messages(n)
    for base in range(0, n, step):
        ev, msgs, metas, fts = [], [], [], []
        for _ in range(base, min(n, base + step)):
            g = next(gen)
            i, subject, body, when = g["i"], g["subject"], g["body"], g["when"]
            ev.append(
                {
                    "id": i + 1, "workspace_id": ws.id, "number": i + 1, "original_name": f"m{i}.eml",
                    "media_type": "message/rfc822", "size": len(body), "sha256": f"{i:064x}", "source": "bench",
                    "imported_by": "bench", "imported_at": when, "kind": "correspondence", "ledger_seq": 0,
                    "document_date": when, "text": None,
                }
            )  # fmt: skip
            msgs.append(
                {
                    "id": i + 1, "workspace_id": ws.id, "evidence_id": i + 1, "channel": "email",
                    "direction": g["direction"], "sender": "wang@supplier.cn",
                    "recipients": ["anna@buyer.example"], "sent_at": when, "subject": subject, "text": body,
                    "message_id": f"s{i}@bench", "flags": {},
                }
            )  # fmt: skip
            metas.append(
                {
                    "message_pk": i + 1, "workspace_id": ws.id, "has_attachments": i % 5 == 0, "auto_reply": False,
                    "references": [], "thread_depth": 0, "thread_by_subject": False,
                }
            )  # fmt: skip
            fts.append({"id": i + 1, "t": index_terms(f"{subject}\nwang@supplier.cn anna@buyer.example\n{body}")})
        with unit_of_work(ctx.engine) as s:
            s.execute(insert(EvidenceItem), ev)
            s.execute(insert(Message), msgs)
            s.execute(insert(MailMessageMeta), metas)
            s.execute(
                text("INSERT INTO mail_search_docs (id, workspace_id, evidence_id, message_pk, kind) "
                    "VALUES (:id, :w, :id, :id, 'message')"),
                [{"id": r["id"], "w": ws.id} for r in fts],
            )  # fmt: skip
            s.execute(text("INSERT INTO mail_search_fts (rowid, terms) VALUES (:id, :t)"), fts)
    with ctx.engine.begin() as c:
        c.execute(text("INSERT INTO mail_search_fts(mail_search_fts) VALUES ('optimize')"))
    return ctx, time.perf_counter() - t0


def queries(k: int = 100) -> list[str]:
    rng = random.Random(11)
    out = []
    for i in range(k):
        r = i % 4
        if r == 0:
            out.append(rng.choice(ZH_WORDS))
        elif r == 1:
            out.append(rng.choice(EN_WORDS))
        elif r == 2:
            out.append(f"{rng.choice(ZH_WORDS)} {rng.choice(ZH_WORDS)}")
        else:
            out.append(f"{rng.choice(EN_WORDS)} {rng.choice(EN_WORDS)}")
    return out


def run_search(n: int, tmp: Path) -> dict[str, float]:
    from disputedesk.services import mail

    ctx, build = build_search_corpus(n, tmp / "search-vault")
    qs = queries()
    for q in qs[:5]:  # warm the page cache
        mail.search(ctx, "bench", q)
    times, hits = [], []
    for q in qs:
        t0 = time.perf_counter()
        h = mail.search(ctx, "bench", q, limit=50)
        times.append((time.perf_counter() - t0) * 1000)
        hits.append(len(h))
    times.sort()
    return {
        "messages": n,
        "build_s": build,
        "p50_ms": statistics.median(times),
        "p95_ms": times[int(0.95 * len(times)) - 1],
        "max_ms": times[-1],
        "queries_without_hits": sum(1 for x in hits if x == 0),
    }


def main() -> None:
    if sys.argv[1:2] == ["--child"]:
        print(json.dumps(child_import(Path(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4]))))
        return
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=20_000, help="the size that is compared with the parse floor")
    ap.add_argument("--sizes", default="5000,20000,50000", help="mailbox sizes (peak memory must stay flat)")
    ap.add_argument("--search", type=int, default=100_000, help="messages for the search latency test")
    args = ap.parse_args()
    sizes = sorted({int(x) for x in args.sizes.split(",") if x} | {args.n})
    load0 = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="dd-mail-bench-") as t:
        tmp = Path(t)
        rows = []
        for n in sizes:
            mbox, expected = tmp / f"bench-{n}.mbox", tmp / f"bench-{n}.subjects"
            generate(mbox, expected, n)
            maildir = tmp / f"maildir-{n}"
            write_maildir(mbox, maildir)
            nm = run_notmuch(maildir, expected, tmp)
            shutil.rmtree(maildir / ".notmuch", ignore_errors=True)
            for layout, source in (("mbox", mbox), ("Maildir", maildir)):
                rows.append((n, layout, mbox.stat().st_size / 2**20, run_ours(source, expected, tmp), nm))
            if n == args.n:
                floor = run_parse_floor(mbox, expected)
                rows.append((n, "parse floor", mbox.stat().st_size / 2**20, floor, nm))
            shutil.rmtree(maildir, ignore_errors=True)
            mbox.unlink()
        print(
            f"{'N':>7} {'layout':>11} {'MiB':>5} | {'ours msg/s':>10} {'wall s':>6} {'CPU s':>13} {'peak RSS':>9} "
            f"{'bad subj':>8} {'threads':>7} | {'notmuch msg/s':>13} {'wall s':>6} {'CPU s':>5} {'bad subj':>8} "
            f"| {'ratio':>5} {'CPU ratio':>9}"
        )
        for n, layout, mib, o, nm in rows:
            nm_s = (
                f"{nm['msgs_per_s']:>13.0f} {nm['seconds']:>6.1f} {nm['cpu_s']:>5.1f} {nm['bad_subjects']:>8}"
                if nm
                else f"{'(no notmuch)':>36}"
            )
            ratio = f"{o['msgs_per_s'] / nm['msgs_per_s']:>5.2f}" if nm else "  —"
            cpu = o.get("cpu_main_s")
            cpu_s = f"{cpu:>5.1f}+{o['cpu_workers_s']:>5.1f}w" if cpu is not None else f"{'—':>13}"
            cpu_ratio = f"{nm['cpu_s'] / (cpu + o['cpu_workers_s']):>9.2f}" if nm and cpu is not None else f"{'—':>9}"
            print(
                f"{n:>7} {layout:>11} {mib:>5.0f} | {o['msgs_per_s']:>10.0f} {o['seconds']:>6.1f} {cpu_s:>13} "
                f"{o['rss_peak_mib']:>7.0f}Mi {o['bad_subjects']:>8} {o.get('threads', '—'):>7} | {nm_s} "
                f"| {ratio} {cpu_ratio}"
            )
        last = [r for r in rows if r[1] == "mbox" and r[0] == args.n][-1][3]
        print(f"(ours at {args.n:,}: {last['items']} items stored incl. attachments, {last['failed']} failed;")
        print(" CPU s = the importing process + its parse workers (w); CPU ratio = notmuch CPU / ours;")
        print(" peak RSS = the importing process; the largest parse worker peaked at", end=" ")
        print(f"{max(r[3].get('rss_worker_mib', 0) for r in rows):.0f} MiB;")
        print(" the parse floor is mail_parse.py: our parser alone in one process, nothing stored;")
        print(" notmuch indexes the Maildir)")
        print(f"load average: {load0:.1f} at the start, {os.getloadavg()[0]:.1f} at the end, on {os.cpu_count()} cores")
        if args.search:
            r = run_search(args.search, tmp)
            print(
                f"search over {r['messages']:,} messages (SQLite FTS5, synthetic insert path, "
                f"built in {r['build_s']:.0f} s): 100 mixed EN/ZH queries p50 {r['p50_ms']:.1f} ms, "
                f"p95 {r['p95_ms']:.1f} ms, max {r['max_ms']:.1f} ms, "
                f"{r['queries_without_hits']} without hits"
            )


if __name__ == "__main__":
    main()
