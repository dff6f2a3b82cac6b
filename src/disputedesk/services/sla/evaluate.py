"""Evaluating every support request (SLA breaches are computed here, by ``domain/sla.py``) and storing the results."""

from __future__ import annotations

import hashlib
import time
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, func, insert, select, update

from ...domain.bizcal import to_epoch
from ...domain.sla import (
    evaluate,
)
from ...store.db import lock_workspace, unit_of_work
from ...store.models import SupportRequest as RequestRow
from ...store.models_sla import SlaResult, SlaRun
from ..context import Context
from ..workspaces import get_workspace
from .base import _aware
from .inputs import RequestInput, SupplierSetup, _iter_inputs, _load_setup, build_request


def compact(evaluation: Any) -> list[dict[str, Any]]:
    return [
        {
            "kind": d.kind,
            "seq": d.seq,
            "start": to_epoch(d.clock_start),
            "deadline": d.deadline_epoch,
            "status": d.status.value,
            "late_b": d.late_business_seconds,
            "late_c": d.late_calendar_seconds,
            "at": to_epoch(d.satisfied_at) if d.satisfied_at else None,
            "ref": d.satisfied_ref,
            "target": str(d.target),
            "prov": d.provisional,
            "paused": d.paused_open,
            "terms": d.terms_label,
        }
        for d in evaluation.deadlines
    ]


def fingerprint(deadlines: Sequence[Mapping[str, Any]]) -> str:
    key = [(d["kind"], d["seq"], d["deadline"], d["status"], d["late_b"], d["late_c"], d["prov"]) for d in deadlines]
    return hashlib.sha256(repr(key).encode()).hexdigest()  # repr of str/int/bool tuples is stable


def _result_row(r: RequestInput, setup: SupplierSetup | None, as_of: datetime, buyer_tz: str | None) -> dict[str, Any]:
    """Evaluate one request and return the values of its result row."""
    base = {
        "_number": r.number,
        "support_request_id": r.id,
        "supplier_id": r.supplier_id,
        "severity": r.severity,
        "opened_at": r.opened_at,
        "as_of": as_of,
        "breaches": 0,
        "next_deadline": None,
        "next_kind": None,
        "first_response_seconds": None,
        "provisional": False,
        "calendar_version": setup.calendar.version if setup else None,
        "terms_id": None,
    }
    if setup is None:
        data = {"deadlines": [], "note": "no supplier"}
        return {**base, "status": "none", "fingerprint": fingerprint([]), "data": data}
    try:
        built = build_request(r, setup, to_epoch(as_of), buyer_tz)
        if built is None:
            data = {"deadlines": [], "note": "no confirmed support terms for this supplier"}
            return {**base, "status": "none", "fingerprint": fingerprint([]), "data": data}
        req, terms, terms_id = built
        ev = evaluate(req, terms, setup.calendar, as_of=as_of)
    except ValueError as exc:
        data = {"deadlines": [], "error": str(exc)}
        return {**base, "status": "error", "fingerprint": fingerprint([]), "data": data}
    dl = compact(ev)
    nxt = ev.next
    breaches = sum(1 for d in dl if d["status"] == "breached")
    status = "breached" if breaches else ("pending" if nxt is not None else ("met" if dl else "none"))
    data = {
        "deadlines": dl,
        "first_response_at": to_epoch(ev.first_response_at) if ev.first_response_at else None,
        "first_response_calendar_seconds": ev.first_response_calendar_seconds,
        "messages": len(req.messages),
    }
    return {
        **base,
        "status": status,
        "breaches": breaches,
        "next_deadline": nxt.deadline if nxt else None,
        "next_kind": nxt.label if nxt else None,
        "first_response_seconds": ev.first_response_business_seconds,
        "provisional": ev.provisional,
        "terms_id": terms_id,
        "fingerprint": fingerprint(dl),
        "data": data,
    }


# Worker state (one per process): set by _worker_init.
_W: dict[str, Any] = {}


def _worker_init(url: str) -> None:
    """In a forked worker: its own engine; the calendars and terms (warmed) come from the parent."""
    from ...store.db import make_engine

    _W["engine"] = make_engine(url)


def _worker_chunk(bounds: tuple[int, int]) -> _PartSummary:
    """In a worker: evaluate one range of requests and store its results."""
    lo, hi = bounds
    part = []
    setup, as_of, buyer_tz = _W["setup"], _W["as_of"], _W["buyer_tz"]
    with _W["engine"].connect() as conn:
        for reqs in _iter_inputs(conn, _W["ws_id"], lo, hi, 5000):
            for r in reqs:
                part.append(_result_row(r, setup.get(r.supplier_id or -1), as_of, buyer_tz))
    return _store_part(_W["engine"], _W["ws_id"], _W["run_id"], part, _W["max_changes"])


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
            srid: (rid, fp, cv)
            for srid, rid, fp, cv in s.execute(
                select(
                    SlaResult.support_request_id, SlaResult.id, SlaResult.fingerprint, SlaResult.calendar_version
                ).where(
                    SlaResult.workspace_id == ws_id,
                    SlaResult.support_request_id >= lo,
                    SlaResult.support_request_id <= hi,
                )
            )
        }
        inserts, updates, diffs = [], [], []
        for row in part:
            number = row.pop("_number")
            by_status[row["status"]] += 1
            if row["status"] == "error":
                out.errors.append({"request": number, "error": row["data"]["error"]})
            prev = old.get(row["support_request_id"])
            if prev is None:
                inserts.append({**row, "workspace_id": ws_id, "run_id": run_id})
                out.new += 1
            elif prev[1] != row["fingerprint"] or prev[2] != row["calendar_version"]:
                updates.append({**row, "b_id": prev[0], "run_id": run_id})
                if prev[1] != row["fingerprint"]:
                    out.changed += 1
                    if len(diffs) < max_changes:
                        diffs.append((prev[0], number, row))
                else:
                    out.unchanged += 1
            else:
                out.unchanged += 1
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
                out.changes.append(_diff(number, data, row["data"], cv, row["calendar_version"]))
        if inserts:
            s.connection().execute(insert(SlaResult.__table__), inserts)  # Core: no ORM per-row work
        if updates:
            cols = [c for c in updates[0] if c not in ("b_id", "support_request_id")]
            stmt = (
                update(SlaResult.__table__)
                .where(SlaResult.__table__.c.id == bindparam("b_id"))
                .values({c: bindparam(c) for c in cols})
            )
            s.connection().execute(stmt, updates)
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

    def to_dict(self) -> dict[str, Any]:
        return {
            "run": self.run_id,
            "as_of": self.as_of.isoformat(),
            "requests": self.requests,
            "new": self.new,
            "changed": self.changed,
            "unchanged": self.unchanged,
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
) -> RunReport:
    """Evaluate every support request of the workspace and store the results.

    Requests are read in batches (bounded memory); with ``workers > 1`` that many processes each
    evaluate and store ranges of requests. Results that did not change are not rewritten.
    """
    t0 = time.perf_counter()
    as_of = _aware(as_of, "as_of") or ctx.clock()
    as_of = datetime.fromtimestamp(to_epoch(as_of), UTC)  # whole seconds: deterministic
    started = ctx.clock()
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        ws_id = ws.id
        ids = list(
            s.execute(select(RequestRow.id).where(RequestRow.workspace_id == ws.id).order_by(RequestRow.id)).scalars()
        )
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
    bounds = [(ids[i], ids[i + chunk] if i + chunk < len(ids) else ids[-1] + 1) for i in range(0, len(ids), chunk)]
    if span[0] is not None:  # build the day caches once, before any worker starts
        for cal in {id(st.calendar): st.calendar for st in setup.values()}.values():
            cal.warm(span[0].date() - timedelta(days=7), max(span[1], as_of).date() + timedelta(days=400))

    def parts() -> Iterator[_PartSummary]:
        if workers > 1 and len(bounds) > 1:
            import multiprocessing as mp

            mpctx = mp.get_context("fork")
            url = ctx.engine.url.render_as_string(hide_password=False)
            _W.update(ws_id=ws_id, as_of=as_of, setup=setup, buyer_tz=buyer_tz, run_id=run_id, max_changes=max_changes)
            try:
                with mpctx.Pool(workers, initializer=_worker_init, initargs=(url,)) as pool:
                    yield from pool.imap(_worker_chunk, bounds)
            finally:
                _W.clear()
        else:
            for lo, hi in bounds:
                part = []
                with ctx.engine.connect() as conn:
                    for reqs in _iter_inputs(conn, ws_id, lo, hi, chunk):
                        for r in reqs:
                            part.append(_result_row(r, setup.get(r.supplier_id or -1), as_of, buyer_tz))
                yield _store_part(ctx.engine, ws_id, run_id, part, max_changes)

    new = changed = unchanged = 0
    errors: list[dict[str, str]] = []
    changes: list[dict[str, Any]] = []
    by_status: dict[str, int] = defaultdict(int)
    for ps in parts():
        new, changed, unchanged = new + ps.new, changed + ps.changed, unchanged + ps.unchanged
        errors.extend(ps.errors)
        changes.extend(ps.changes[: max(0, max_changes - len(changes))])
        for k, v in ps.by_status.items():
            by_status[k] += v
        if progress:
            progress(ps.requests)
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
        }
    return RunReport(
        run_id, as_of, total, new, changed, unchanged, errors, changes, time.perf_counter() - t0, dict(by_status)
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
