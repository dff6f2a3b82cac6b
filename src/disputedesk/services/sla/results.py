"""What an SLA evaluation stores for one request: its result row, the compact JSON of its deadlines
and breaches (``data``), the fingerprints that tell a later run whether anything changed, and the
bulk insert of new rows (PostgreSQL COPY, SQLite executemany).

Split out of evaluate.py (DESIGN.md: modules of about 600 lines at most): these are pure encodings
of one evaluation; the run that decides which requests to evaluate and stores the parts stays there.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from json.encoder import encode_basestring_ascii as _jstr  # json.dumps' own (C) string encoder
from typing import Any

from ...domain.bizcal import to_epoch
from ...domain.sla import (
    Status,
    evaluate,
)
from .inputs import RequestInput, SupplierSetup, build_request

# An unanswered breach grows later every second, and a running pause moves its deadlines: such a
# result is recomputed at most this long after it was computed (when nothing else changes).
REFRESH_SECONDS = 86_400


# str() of each Duration seen (there are few: one per terms field), by identity: equal Durations
# of different suppliers' terms would be hashed and compared field by field on every lookup.
_TARGETS: dict[int, tuple[Any, str]] = {}


def _target(t: Any) -> str:
    hit = _TARGETS.get(id(t))
    if hit is None or hit[0] is not t:
        if len(_TARGETS) > 1000:
            _TARGETS.clear()
        hit = _TARGETS[id(t)] = (t, str(t))  # holds t: its id is not reused while cached
    return hit[1]


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
            "target": _target(d.target),
            "prov": d.provisional,
            "paused": d.paused_open,
            "terms": d.terms_label,
        }
        for d in evaluation.deadlines
    ]


def fingerprint(deadlines: Sequence[Mapping[str, Any]]) -> str:
    key = [(d["kind"], d["seq"], d["deadline"], d["status"], d["late_b"], d["late_c"], d["prov"]) for d in deadlines]
    return hashlib.sha256(repr(key).encode()).hexdigest()  # repr of str/int/bool tuples is stable


def _fingerprint_of(deadlines: Sequence[Any]) -> str:
    """:func:`fingerprint` of ``compact(evaluation)``, read from the deadline results directly."""
    key = [
        (
            d.kind,
            d.seq,
            d.deadline_epoch,
            d.status.value,
            d.late_business_seconds,
            d.late_calendar_seconds,
            d.provisional,
        )
        for d in deadlines
    ]
    return hashlib.sha256(repr(key).encode()).hexdigest()


_EMPTY_FP = fingerprint([])


def _jstr_or_null(v: str | None) -> str:
    return "null" if v is None else _jstr(v)


def _jint_or_null(v: int | None) -> str:
    return "null" if v is None else str(v)


def data_json(evaluation: Any, messages: int) -> str:
    """The stored ``data`` of an evaluated request as JSON text: byte for byte
    ``json.dumps({"deadlines": compact(evaluation), "first_response_at": ..., ...})`` (the
    column's own serializer; a unit test holds them equal), written out directly because building
    six dicts of thirteen keys per request and encoding them was a tenth of a first run."""
    parts = []
    for d in evaluation.deadlines:
        start = d.clock_start_epoch if d.clock_start_epoch is not None else to_epoch(d.clock_start)
        at = None
        if d.satisfied_at is not None:
            at = d.satisfied_epoch if d.satisfied_epoch is not None else to_epoch(d.satisfied_at)
        parts.append(
            f'{{"kind": {_jstr(d.kind)}, "seq": {d.seq}, "start": {start}, "deadline": {d.deadline_epoch}, '
            f'"status": {_jstr(d.status)}, "late_b": {d.late_business_seconds}, '
            f'"late_c": {d.late_calendar_seconds}, "at": {_jint_or_null(at)}, '
            f'"ref": {_jstr_or_null(d.satisfied_ref)}, "target": {_jstr(_target(d.target))}, '
            f'"prov": {"true" if d.provisional else "false"}, "paused": {"true" if d.paused_open else "false"}, '
            f'"terms": {_jstr_or_null(d.terms_label)}}}'
        )
    fr_at = evaluation.first_response_at
    return (
        f'{{"deadlines": [{", ".join(parts)}], '
        f'"first_response_at": {_jint_or_null(to_epoch(fr_at) if fr_at else None)}, '
        f'"first_response_calendar_seconds": {_jint_or_null(evaluation.first_response_calendar_seconds)}, '
        f'"messages": {messages}}}'
    )


def _result_row(
    r: RequestInput, setup: SupplierSetup | None, as_of: datetime, buyer_tz: str | None, inputs: str | None = None
) -> dict[str, Any]:
    """Evaluate one request and return the values of its result row (``inputs``: the fingerprint
    of what it was computed from, see :func:`input_fingerprints`)."""
    base = {
        "_number": r.number,
        "inputs": inputs,
        "recheck_after": None,
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
        return {**base, "status": "none", "fingerprint": _EMPTY_FP, "data": json.dumps(data)}
    try:
        built = build_request(r, setup, to_epoch(as_of), buyer_tz)
        if built is None:
            data = {"deadlines": [], "note": "no confirmed support terms for this supplier"}
            return {**base, "status": "none", "fingerprint": _EMPTY_FP, "data": json.dumps(data)}
        req, terms, terms_id = built
        no_target = terms.no_target_for(r.severity)
        if no_target is not None:  # the terms name other levels only: nothing promised, nothing breached
            data = {"deadlines": [], "note": str(no_target)}
            return {**base, "status": "none", "fingerprint": _EMPTY_FP, "data": json.dumps(data), "terms_id": terms_id}
        ev = evaluate(req, terms, setup.calendar, as_of=as_of)
    except ValueError as exc:
        data = {"deadlines": [], "error": str(exc)}
        return {**base, "status": "error", "fingerprint": _EMPTY_FP, "data": json.dumps(data)}
    nxt = ev.next
    as_of_e = to_epoch(as_of)
    # When this result can change with nothing else changing: the next pending deadline passes,
    # a message or event dated after as_of comes due, a later terms version starts; an open
    # breach or a running pause is refreshed after REFRESH_SECONDS. Re-run: as_of > recheck_after.
    later = [d.deadline_epoch for d in ev.deadlines if d.status == Status.PENDING]
    if any((d.status == Status.BREACHED and d.satisfied_at is None) or d.paused_open for d in ev.deadlines):
        later.append(as_of_e + REFRESH_SECONDS)
    later += [to_epoch(m.sent_at) - 1 for m in req.messages if m.sent_at > as_of]
    later += [to_epoch(e.at) - 1 for e in req.events if e.at > as_of]
    later += [t[0] - 1 for tl in setup.scopes.values() for t in tl if t[0] > as_of_e]
    breaches = sum(1 for d in ev.deadlines if d.status == Status.BREACHED)
    status = "breached" if breaches else ("pending" if nxt is not None else ("met" if ev.deadlines else "none"))
    return {
        **base,
        "status": status,
        "breaches": breaches,
        "next_deadline": nxt.deadline if nxt else None,
        "next_kind": nxt.label if nxt else None,
        "first_response_seconds": ev.first_response_business_seconds,
        "provisional": ev.provisional,
        "terms_id": terms_id,
        "fingerprint": _fingerprint_of(ev.deadlines),
        "recheck_after": min(later) if later else None,
        "data": data_json(ev, len(req.messages)),  # JSON text (see data_json)
    }


_INSERT_COLUMNS = (
    "support_request_id",
    "supplier_id",
    "severity",
    "opened_at",
    "status",
    "breaches",
    "next_deadline",
    "next_kind",
    "first_response_seconds",
    "provisional",
    "calendar_version",
    "terms_id",
    "fingerprint",
    "data",
    "as_of",
    "inputs",
    "recheck_after",
)
_TIMES = ("opened_at", "next_deadline", "as_of")


def _sqlite_time(v: datetime | None) -> str | None:
    """A time as SQLAlchemy stores it in SQLite (``UTCDateTime``: UTC, naive, microseconds)."""
    if v is None:
        return None
    return v.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")


def _insert_results(conn: Any, ws_id: int, run_id: int, rows: list[dict[str, Any]]) -> None:
    """Insert new result rows over the driver's own cursor, in the connection's transaction:
    PostgreSQL's COPY, SQLite's executemany with the values already in their stored form (the
    same bytes the Core insert wrote; the ORM and SQLAlchemy's per-value processing were a
    fifth of a first run). ``data`` is JSON text."""
    cols = ("workspace_id", "run_id", *_INSERT_COLUMNS)
    dbapi = conn.connection
    if conn.dialect.name == "postgresql":
        with dbapi.driver_connection.cursor() as cur:
            with cur.copy(f"COPY sla_results ({', '.join(cols)}) FROM STDIN") as cp:
                for row in rows:
                    cp.write_row(
                        (ws_id, run_id, *[row[c] if c not in _TIMES else _utc(row[c]) for c in _INSERT_COLUMNS])
                    )
        return
    values = [
        (ws_id, run_id, *[row[c] if c not in _TIMES else _sqlite_time(row[c]) for c in _INSERT_COLUMNS]) for row in rows
    ]
    cur = dbapi.cursor()
    try:
        cur.executemany(f"INSERT INTO sla_results ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})", values)
    finally:
        cur.close()


def _utc(v: datetime | None) -> datetime | None:
    return None if v is None else v.astimezone(UTC)
