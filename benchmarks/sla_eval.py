"""Benchmark: evaluate 100,000 support requests with 1,000,000 messages (pure SLA part).

    .venv/bin/python benchmarks/sla_eval.py [--requests 100000] [--messages-per-request 10]
                                             [--tracemalloc]

Generates the requests in memory (seeded, so every run is the same), evaluates every deadline
in the Chinese business calendar, aggregates per-supplier statistics, and times one raw deadline
computation per message (1,000,000 ``add`` calls). Prints requests/s, deadlines/s and
peak memory: the process's peak RSS (resource), or Python allocations with --tracemalloc
(which slows the run down 2-3x). Loading from and storing to the database is added later by the
service layer.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
import tracemalloc
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from disputedesk.domain.bizcal import BusinessCalendar, DaysMode, Duration, to_epoch
from disputedesk.domain.sla import (
    Direction,
    Event,
    EventKind,
    Message,
    SeverityTerms,
    Status,
    SupportRequest,
    SupportTerms,
    evaluate,
    supplier_stats,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")
TERMS = SupportTerms(
    {
        "P1": SeverityTerms(Duration.parse("2h"), Duration.parse("4h"), Duration.parse("16h"), Duration.parse("8h")),
        "P2": SeverityTerms(
            Duration.parse("4h"), Duration.parse("8h"), Duration.working_days(5, DaysMode.END_OF_DAY), None
        ),
        "P3": SeverityTerms(Duration.working_days(1, DaysMode.SAME_TIME), None, Duration.parse("10wd"), None),
    }
)


def generate(n_requests: int, per_request: int, seed: int = 42) -> list[SupportRequest]:
    rnd = random.Random(seed)
    base = datetime(2025, 1, 1, tzinfo=SHANGHAI)
    out = []
    for i in range(n_requests):
        t = base + timedelta(seconds=rnd.randrange(0, 720 * 86400))
        opened = t
        msgs = []
        events = []
        for k in range(per_request):
            t += timedelta(seconds=rnd.randrange(60, 40 * 3600))
            if k % 2 == 0:
                msgs.append(Message(t, Direction.BUYER))
            else:
                r = rnd.random()
                msgs.append(Message(t, Direction.SUPPLIER, is_auto_reply=r < 0.1, is_acknowledgement=0.1 <= r < 0.2))
            if k == 4 and rnd.random() < 0.3:
                events.append(Event(t, EventKind.WAITING_START))
                events.append(Event(t + timedelta(hours=rnd.randrange(1, 72)), EventKind.WAITING_END))
        if rnd.random() < 0.7:
            events.append(Event(t + timedelta(hours=rnd.randrange(1, 100)), EventKind.RESOLVED))
        out.append(
            SupportRequest(
                f"SR-{i:06d}",
                f"supplier-{i % 50:02d}",
                ("P1", "P2", "P3")[i % 3],
                tuple(msgs),
                tuple(events),
                opened,
            )
        )
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--requests", type=int, default=100_000)
    ap.add_argument("--messages-per-request", type=int, default=10)
    ap.add_argument("--tracemalloc", action="store_true", help="measure Python allocations (slower)")
    args = ap.parse_args(argv)
    if args.tracemalloc:
        tracemalloc.start()
    cal = BusinessCalendar()
    as_of = datetime(2027, 3, 1, tzinfo=SHANGHAI)

    t0 = time.perf_counter()
    reqs = generate(args.requests, args.messages_per_request)
    t1 = time.perf_counter()
    n_msgs = sum(len(r.messages) for r in reqs)
    evals = [evaluate(r, TERMS, cal, as_of=as_of) for r in reqs]
    t2 = time.perf_counter()
    stats = supplier_stats(evals)
    t3 = time.perf_counter()
    # Raw calendar arithmetic: one deadline per message (8 business hours after it).
    eight = Duration.parse("8h")
    starts = [to_epoch(m.sent_at) for r in reqs for m in r.messages]
    t4 = time.perf_counter()
    for e in starts:
        cal.add_epoch(e, eight)
    t5 = time.perf_counter()

    deadlines = sum(len(e.deadlines) for e in evals)
    breached = sum(1 for e in evals for d in e.deadlines if d.status == Status.BREACHED)
    print(f"requests:            {len(reqs):,}")
    print(f"messages:            {n_msgs:,}")
    print(f"deadlines evaluated: {deadlines:,} ({breached:,} breached)")
    print(f"generate:            {t1 - t0:.2f} s")
    print(f"evaluate:            {t2 - t1:.2f} s  ({len(reqs) / (t2 - t1):,.0f} requests/s)")
    print(f"supplier stats:      {t3 - t2:.2f} s  ({len(stats)} suppliers)")
    print(f"calendar add:        {t5 - t4:.2f} s  for {len(starts):,} deadlines ({len(starts) / (t5 - t4):,.0f}/s)")
    if args.tracemalloc:
        _, peak = tracemalloc.get_traced_memory()
        print(f"peak Python memory:  {peak / 2**20:,.0f} MiB (tracemalloc)")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    scale = 1 if sys.platform == "darwin" else 1024  # bytes on macOS, KiB on Linux
    print(f"peak RSS:            {rss * scale / 2**20:,.0f} MiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
