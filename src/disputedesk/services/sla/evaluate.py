"""Evaluating every support request (SLA breaches are computed here, by ``domain/sla/``) and storing the results.

One module on purpose: the incremental run (the scan of what changed, the fingerprints of the
inputs), the parallel workers and the storing of their parts are one protocol: a worker's part is
only valid with the scan and fingerprints of the same run. What one request's result row holds and
how new rows are inserted are in results.py.
"""

from __future__ import annotations

import gc
import hashlib
import json
import time
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, func, select, update

from ... import __version__
from ...domain.bizcal import to_epoch
from ...store.db import lock_workspace, unit_of_work
from ...store.models import SupportRequest as RequestRow
from ...store.models_sla import SlaResult, SlaRun
from ..context import Context
from ..workspaces import get_workspace
from .base import _aware
from .inputs import SupplierSetup, _fetch_raw, _iter_inputs, _load_setup, _raw_time
from .results import _insert_results, _result_row

# Part of every input fingerprint: a release that changes how requests are judged changes this,
# and the next run recomputes every result.
ENGINE = "sla-engine-1"


# Worker state (one per process): set by _worker_init.
_W: dict[str, Any] = {}


def _worker_init(url: str) -> None:
    """In a forked worker: its own engine; the calendars and terms (warmed) come from the parent."""
    from ...store.db import make_engine

    gc.freeze()  # what the parent built (calendars, terms, the scan) is never collected here
    _W["engine"] = make_engine(url)


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off while a part is evaluated, as it was before.

    A part allocates a few hundred thousand short-lived objects (rows, messages, deadlines), all
    freed by reference counting; the collector, triggered by the allocations alone, walked every
    live object again and again: a third of a first run's CPU (100,000 requests: 18.1 s -> 12.1 s
    in one process). A part is bounded (``chunk`` requests), so is what waits for the next
    collection meanwhile; the collector is global, so a thread running meanwhile is not collected
    either, for as long."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _evaluate_part(
    engine: Any,
    ws_id: int,
    bounds: tuple[int, int, list[int] | None],
    setup: Mapping[int, SupplierSetup],
    as_of: datetime,
    buyer_tz: str | None,
    inputs: Mapping[int, str],
) -> list[dict[str, Any]]:
    """Evaluate the requests lo <= id < hi (only those listed, when a list is given)."""
    lo, hi, only = bounds
    part = []
    with _gc_paused(), engine.connect() as conn:
        for reqs in _iter_inputs(conn, ws_id, lo, hi, 5000, only, buyer_text=False):
            for r in reqs:
                part.append(_result_row(r, setup.get(r.supplier_id or -1), as_of, buyer_tz, inputs.get(r.id)))
    return part


def _worker_chunk(bounds: tuple[int, int, list[int] | None]) -> _PartSummary:
    """In a worker: evaluate one range of requests and store its results."""
    engine = _W["engine"]
    part = _evaluate_part(engine, _W["ws_id"], bounds, _W["setup"], _W["as_of"], _W["buyer_tz"], _W["inputs"])
    return _store_part(engine, _W["ws_id"], _W["run_id"], part, _W["max_changes"])


@dataclass
class _PartSummary:
    requests: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    errors: list[dict[str, str]] = field(default_factory=list)
    changes: list[dict[str, Any]] = field(default_factory=list)
    by_status: dict[str, int] = field(default_factory=dict)


def _store_part(engine: Any, ws_id: int, run_id: int, part: list[dict[str, Any]], max_changes: int) -> _PartSummary:
    """Compare one batch of results with the stored ones; insert the new, rewrite the changed."""
    out = _PartSummary(requests=len(part))
    if not part:
        return out
    lo = part[0]["support_request_id"]
    hi = part[-1]["support_request_id"]
    by_status: dict[str, int] = defaultdict(int)
    with unit_of_work(engine) as s:
        # The write lock first: several workers store concurrently (SQLite: no failed upgrade).
        lock_workspace(s, ws_id)
        old = {
            srid: (rid, fp, cv, inp, rc)
            for srid, rid, fp, cv, inp, rc in s.execute(
                select(
                    SlaResult.support_request_id,
                    SlaResult.id,
                    SlaResult.fingerprint,
                    SlaResult.calendar_version,
                    SlaResult.inputs,
                    SlaResult.recheck_after,
                ).where(
                    SlaResult.workspace_id == ws_id,
                    SlaResult.support_request_id >= lo,
                    SlaResult.support_request_id <= hi,
                )
            )
        }
        inserts, updates, marks, diffs = [], [], [], []
        for row in part:
            number = row.pop("_number")
            by_status[row["status"]] += 1
            if row["status"] == "error":
                out.errors.append({"request": number, "error": json.loads(row["data"])["error"]})
            prev = old.get(row["support_request_id"])
            if prev is None:
                inserts.append(row)
                out.new += 1
            elif prev[1] != row["fingerprint"] or prev[2] != row["calendar_version"]:
                # the Core update serialises data itself (json.loads(json.dumps(x)) == x here)
                updates.append({**row, "data": json.loads(row["data"]), "b_id": prev[0], "run_id": run_id})
                if prev[1] != row["fingerprint"]:
                    out.changed += 1
                    if len(diffs) < max_changes:
                        diffs.append((prev[0], number, row))
                else:
                    out.unchanged += 1
            else:
                out.unchanged += 1
                if (prev[3], prev[4]) != (row["inputs"], row["recheck_after"]):
                    marks.append({"b_id": prev[0], "b_inputs": row["inputs"], "b_recheck": row["recheck_after"]})
        if diffs:
            olddata = {
                rid: (data, cv)
                for rid, data, cv in s.execute(
                    select(SlaResult.id, SlaResult.data, SlaResult.calendar_version).where(
                        SlaResult.id.in_([d[0] for d in diffs])
                    )
                ).all()
            }
            for rid, number, row in diffs:
                data, cv = olddata[rid]
                out.changes.append(_diff(number, data, json.loads(row["data"]), cv, row["calendar_version"]))
        if inserts:
            _insert_results(s.connection(), ws_id, run_id, inserts)
        if updates:
            cols = [c for c in updates[0] if c not in ("b_id", "support_request_id")]
            stmt = (
                update(SlaResult.__table__)
                .where(SlaResult.__table__.c.id == bindparam("b_id"))
                .values({c: bindparam(c) for c in cols})
            )
            s.connection().execute(stmt, updates)
        if marks:  # same result from new inputs: only what the next run compares with
            t = SlaResult.__table__
            stmt = (
                update(t)
                .where(t.c.id == bindparam("b_id"))
                .values(inputs=bindparam("b_inputs"), recheck_after=bindparam("b_recheck"))
            )
            s.connection().execute(stmt, marks)
    out.by_status = dict(by_status)
    return out


# --------------------------------------------------------------------------------------------
# Evaluation runs
# --------------------------------------------------------------------------------------------


@dataclass
class RunReport:
    run_id: int
    as_of: datetime
    requests: int
    new: int
    changed: int
    unchanged: int
    errors: list[dict[str, str]]
    changes: list[dict[str, Any]]
    seconds: float
    by_status: dict[str, int]
    reused: int = 0  # of ``unchanged``: not evaluated at all (same inputs, no deadline passed)

    def to_dict(self) -> dict[str, Any]:
        return {
            "run": self.run_id,
            "as_of": self.as_of.isoformat(),
            "requests": self.requests,
            "new": self.new,
            "changed": self.changed,
            "unchanged": self.unchanged,
            "evaluated": self.requests - self.reused,
            "reused": self.reused,
            "by_status": self.by_status,
            "errors": self.errors,
            "changes": self.changes,
            "seconds": round(self.seconds, 3),
        }


def _diff(
    number: str, before: Mapping[str, Any], after: Mapping[str, Any], old_cal: str | None, new_cal: str | None
) -> dict[str, Any]:
    a = {(d["kind"], d["seq"]): d for d in before.get("deadlines", [])}
    b = {(d["kind"], d["seq"]): d for d in after.get("deadlines", [])}
    items = []
    for k in sorted(set(a) | set(b)):
        x, y = a.get(k), b.get(k)
        fx = (x["deadline"], x["status"], x["late_b"], x["late_c"], x["prov"]) if x else None
        fy = (y["deadline"], y["status"], y["late_b"], y["late_c"], y["prov"]) if y else None
        if fx != fy:
            items.append(
                {
                    "deadline": f"{k[0]} #{k[1]}",
                    "before": _brief(x),
                    "after": _brief(y),
                }
            )
    out: dict[str, Any] = {"request": number, "deadlines": items}
    if old_cal != new_cal:
        out["calendar"] = {"before": old_cal, "after": new_cal}
    return out


def _brief(d: Mapping[str, Any] | None) -> dict[str, Any] | None:
    if d is None:
        return None
    return {
        "deadline": datetime.fromtimestamp(d["deadline"], UTC).isoformat(),
        "status": d["status"],
        "late_business_seconds": d["late_b"],
        "late_calendar_seconds": d["late_c"],
        "provisional": d["prov"],
    }


def input_fingerprints(setup: Mapping[int, SupplierSetup], buyer_tz: str | None) -> dict[int | None, str]:
    """Per supplier, a fingerprint of everything its requests are judged with besides their own
    rows: engine and release, calendar (data and settings) and its version, the confirmed
    terms versions, the sender domains that tell buyer from supplier, the buyer's time zone."""
    out: dict[int | None, str] = {None: f"{ENGINE}/{__version__}/no-supplier"}
    for sid, st in setup.items():
        blob = json.dumps(
            [
                ENGINE,
                __version__,
                buyer_tz,
                st.key,
                st.calendar.version,
                st.calendar_row_version,
                # every scope's versions and the contracts' signing days: a request is judged by its own
                sorted(((str(k), [(t[0], t[2], t[3]) for t in tl]) for k, tl in st.scopes.items()), key=lambda x: x[0]),
                [(d.isoformat(), cid) for d, cid in st.signed],
                st.domains,
                st.buyer_domains,
            ],
            sort_keys=True,
            default=str,
        )
        out[sid] = hashlib.blake2b(blob.encode(), digest_size=16).hexdigest()
    return out


@dataclass
class _Scan:
    """Every request of the workspace with what the last run stored for it (one query)."""

    ids: list[int] = field(default_factory=list)
    todo: list[bool] = field(default_factory=list)  # aligned with ids: evaluate this one
    inputs: dict[int, str] = field(default_factory=dict)
    reused: int = 0
    by_status: dict[str, int] = field(default_factory=dict)
    reused_errors: dict[int, str] = field(default_factory=dict)  # request id -> number


def _scan(conn: Any, ws_id: int, fps: Mapping[int | None, str], as_of: datetime, everything: bool) -> _Scan:
    """Which requests need evaluating: their input fingerprint changed (their row, the counter
    the database bumps on every change to their messages and events, their supplier's setup),
    their result's recheck time passed, their result was computed for a later time (going back
    in time: a deadline that had passed may be pending again), or there is no result yet."""
    as_of_e = to_epoch(as_of)
    R, S = RequestRow.__table__, SlaResult.__table__
    q = (
        select(
            R.c.id,
            R.c.number,
            R.c.supplier_id,
            R.c.severity,
            R.c.opened_at,
            R.c.status,
            R.c.closed_at,
            R.c.contract_id,
            R.c.sla_rev,
            S.c.inputs,
            S.c.recheck_after,
            S.c.status,
            S.c.as_of,  # raw: SQLite's stored UTC text or PostgreSQL's datetime (_raw_time)
        )
        .select_from(R.outerjoin(S, (S.c.support_request_id == R.c.id) & (S.c.workspace_id == R.c.workspace_id)))
        .where(R.c.workspace_id == ws_id)
        .order_by(R.c.id)
    )
    out = _Scan()
    by_status: dict[str, int] = defaultdict(int)
    blake = hashlib.blake2b
    none_fp = fps[None]
    for rid, number, sid, sev, opened, st, closed, cid, rev, stored, recheck, status, done in _fetch_raw(conn, q):
        fp = fps.get(sid, none_fp)
        key = f"{fp}|{number}|{sid}|{sev}|{opened}|{st}|{closed}|{rev}" + (f"|c{cid}" if cid is not None else "")
        inputs = blake(key.encode(), digest_size=16).hexdigest()
        out.ids.append(rid)
        out.inputs[rid] = inputs
        todo = (
            everything
            or stored != inputs
            or (recheck is not None and as_of_e > recheck)
            or (_raw_time(done) or as_of) > as_of
        )
        out.todo.append(todo)
        if not todo:
            out.reused += 1
            by_status[status] += 1
            if status == "error":
                out.reused_errors[rid] = number
    out.by_status = dict(by_status)
    return out


def _chunks(scan: _Scan, chunk: int) -> list[tuple[int, int, list[int] | None]]:
    """The requests to evaluate in parts of ``chunk``: (lo, hi) id ranges, with the list of ids
    when the range holds requests that are not evaluated (a dense range needs no list)."""
    out: list[tuple[int, int, list[int] | None]] = []
    cur: list[int] = []
    first = 0  # position of cur[0] in scan.ids

    def close(last: int) -> None:
        dense = last - first + 1 == len(cur)
        out.append((cur[0], cur[-1] + 1, None if dense else list(cur)))
        cur.clear()

    last = 0
    for i, (rid, todo) in enumerate(zip(scan.ids, scan.todo, strict=True)):
        if not todo:
            continue
        if not cur:
            first = i
        cur.append(rid)
        last = i
        if len(cur) >= chunk:
            close(last)
    if cur:
        close(last)
    return out


def evaluate_all(
    ctx: Context,
    workspace: str,
    *,
    as_of: datetime | None = None,
    actor: str,
    workers: int = 1,
    chunk: int = 5000,
    max_changes: int = 500,
    progress: Callable[[int], None] | None = None,
    full: bool = False,
) -> RunReport:
    """Evaluate the support requests of the workspace and store the results.

    Only requests whose inputs changed since the last run (their row, their messages and events,
    their supplier's calendar or terms) or whose result has a deadline that passed by ``as_of``
    are evaluated; the other results are kept (``full=True``: every request; a result computed
    for a later ``as_of`` than this one is computed again). Requests are read in batches (bounded memory); with
    ``workers > 1`` that many processes each evaluate and store ranges of requests. Results
    that did not change are not rewritten.
    """
    t0 = time.perf_counter()
    as_of = _aware(as_of, "as_of") or ctx.clock()
    as_of = datetime.fromtimestamp(to_epoch(as_of), UTC)  # whole seconds: deterministic
    started = ctx.clock()
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        ws_id = ws.id
        setup, buyer_tz = _load_setup(s, ws)
        span = s.execute(
            select(func.min(RequestRow.opened_at), func.max(RequestRow.opened_at)).where(
                RequestRow.workspace_id == ws.id
            )
        ).one()
        run = SlaRun(
            workspace_id=ws.id,
            started_at=started,
            as_of=as_of,
            actor=actor,
            requests=0,
            new=0,
            changed=0,
            errors=0,
            details={},
        )
        s.add(run)
        s.flush()
        run_id = run.id
        with _gc_paused():
            scan = _scan(s.connection(), ws_id, input_fingerprints(setup, buyer_tz), as_of, full)
        reused_errors = []
        if scan.reused_errors:
            for srid, data in s.execute(
                select(SlaResult.support_request_id, SlaResult.data).where(
                    SlaResult.workspace_id == ws_id,
                    SlaResult.status == "error",
                    SlaResult.support_request_id.in_(list(scan.reused_errors)),
                )
            ):
                reused_errors.append({"request": scan.reused_errors[srid], "error": (data or {}).get("error", "")})
    bounds = _chunks(scan, chunk)
    if span[0] is not None and bounds:  # build the day caches once, before any worker starts
        for cal in {id(st.calendar): st.calendar for st in setup.values()}.values():
            cal.warm(span[0].date() - timedelta(days=7), max(span[1], as_of).date() + timedelta(days=400))

    def parts() -> Iterator[_PartSummary]:
        if workers > 1 and len(bounds) > 1:
            import multiprocessing as mp

            mpctx = mp.get_context("fork")
            url = ctx.engine.url.render_as_string(hide_password=False)
            _W.update(
                ws_id=ws_id,
                as_of=as_of,
                setup=setup,
                buyer_tz=buyer_tz,
                run_id=run_id,
                max_changes=max_changes,
                inputs=scan.inputs,
            )
            try:
                with mpctx.Pool(workers, initializer=_worker_init, initargs=(url,)) as pool:
                    yield from pool.imap(_worker_chunk, bounds)
            finally:
                _W.clear()
        else:
            for b in bounds:
                part = _evaluate_part(ctx.engine, ws_id, b, setup, as_of, buyer_tz, scan.inputs)
                yield _store_part(ctx.engine, ws_id, run_id, part, max_changes)

    new = changed = unchanged = 0
    errors: list[dict[str, str]] = list(reused_errors)
    changes: list[dict[str, Any]] = []
    by_status: dict[str, int] = defaultdict(int, scan.by_status)
    for ps in parts():
        new, changed, unchanged = new + ps.new, changed + ps.changed, unchanged + ps.unchanged
        errors.extend(ps.errors)
        changes.extend(ps.changes[: max(0, max_changes - len(changes))])
        for k, v in ps.by_status.items():
            by_status[k] += v
        if progress:
            progress(ps.requests)
    unchanged += scan.reused
    total = new + changed + unchanged
    with unit_of_work(ctx.engine) as s:
        run = s.get(SlaRun, run_id)
        assert run is not None
        run.requests, run.new, run.changed, run.errors = total, new, changed, len(errors)
        run.details = {
            "changes": changes,
            "errors": errors[:200],
            "by_status": dict(by_status),
            "calendars": {st.key: st.calendar.version for st in setup.values()},
            "evaluated": total - scan.reused,
            "reused": scan.reused,
        }
    return RunReport(
        run_id,
        as_of,
        total,
        new,
        changed,
        unchanged,
        errors,
        changes,
        time.perf_counter() - t0,
        dict(by_status),
        scan.reused,
    )


def last_run(ctx: Context, workspace: str) -> dict[str, Any] | None:
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        r = s.execute(
            select(SlaRun).where(SlaRun.workspace_id == ws.id).order_by(SlaRun.id.desc()).limit(1)
        ).scalar_one_or_none()
        if r is None:
            return None
        return {
            "run": r.id,
            "started_at": r.started_at,
            "as_of": r.as_of,
            "actor": r.actor,
            "requests": r.requests,
            "new": r.new,
            "changed": r.changed,
            "errors": r.errors,
            "details": r.details,
        }
