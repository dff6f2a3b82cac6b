"""Per-supplier SLA reports: first-response points for the chart, breaches, service credits."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from ...domain.bizcal import BusinessCalendar, Duration, format_seconds, to_epoch
from ...domain.money import Money
from ...domain.sla import (
    Interval,
    SupplierStats,
    availability,
    month_windows,
    service_credit,
    supplier_stats,
)
from ...store.db import unit_of_work
from ...store.models import SupportRequest as RequestRow
from ...store.models_sla import SlaEvent, SlaResult
from ..context import Context
from ..workspaces import get_workspace
from .base import _supplier
from .events import EVENT_KINDS
from .inputs import _load_setup

# --------------------------------------------------------------------------------------------
# Per-supplier report
# --------------------------------------------------------------------------------------------


class _StoredDeadline:
    """A stored deadline, shaped like the domain's DeadlineResult for supplier_stats/LDs."""

    __slots__ = ("kind", "seq", "status", "late_business_seconds", "late_calendar_seconds", "business_day_seconds")

    def __init__(self, d: Mapping[str, Any], business_day_seconds: int | None = None) -> None:
        from ...domain.sla import Status

        self.business_day_seconds = business_day_seconds  # its calendar's working day (DeadlineResult's)
        self.kind = d["kind"]
        self.seq = d["seq"]
        self.status = Status(d["status"])
        self.late_business_seconds = d["late_b"]
        self.late_calendar_seconds = d["late_c"]

    @property
    def label(self) -> str:
        return self.kind.replace("_", " ") + (f" #{self.seq}" if self.seq > 1 or self.kind == "update" else "")


class _StoredEvaluation:
    __slots__ = ("request_id", "supplier", "severity", "opened_at", "deadlines", "first_response_business_seconds")

    def __init__(
        self,
        number: str,
        supplier: str,
        severity: str,
        opened_at: datetime,
        data: Mapping[str, Any],
        fr: Any,
        day: Any = None,
    ):
        self.request_id = number
        self.supplier = supplier
        self.severity = severity
        self.opened_at = opened_at
        self.deadlines = tuple(_StoredDeadline(d, day(d) if day else None) for d in data.get("deadlines", ()))
        self.first_response_business_seconds = fr

    @property
    def breaches(self) -> tuple[_StoredDeadline, ...]:
        return tuple(d for d in self.deadlines if d.status.value == "breached")


@dataclass
class ChartPoint:
    """One response deadline (first response, or response to a later buyer message)."""

    opened_at: datetime  # the clock start
    request: str
    severity: str
    seconds: int | None  # business seconds to the answer (so far, if unanswered; pauses not removed)
    target_seconds: int | None
    status: str
    label: str = "first response"
    open: bool = False  # no qualifying answer yet


@dataclass
class SupplierReport:
    key: str
    name: str
    calendar: str
    calendar_version: str
    terms_label: str | None
    overall: dict[str, Any]
    monthly: list[dict[str, Any]]
    points: list[ChartPoint]
    availability: list[dict[str, Any]]
    credits: list[dict[str, Any]]
    name_zh: str | None = None  # the registered Chinese name, for Chinese pages
    terms_label_zh: str | None = None  # the terms' label in Chinese, where they have one

    def to_dict(self) -> dict[str, Any]:
        return {
            "supplier": self.key,
            "name": self.name,
            "calendar": self.calendar,
            "calendar_version": self.calendar_version,
            "terms": self.terms_label,
            "terms_zh": self.terms_label_zh,
            "overall": self.overall,
            "monthly": self.monthly,
            "responses": [
                {
                    "request": p.request,
                    "deadline": p.label,
                    "clock_start": p.opened_at.isoformat(),
                    "unanswered": p.open,
                    "severity": p.severity,
                    "business_seconds": p.seconds,
                    "target_business_seconds": p.target_seconds,
                    "status": p.status,
                }
                for p in self.points
            ],
            "availability": self.availability,
            "service_credits": self.credits,
        }


def _business_day(terms: Any, severity: str, target: str | None, cal: BusinessCalendar) -> int | None:
    """A stored deadline's business day: the working day of the calendar its target counts in (the severity's
    service hours, else the supplier's calendar); None round the clock."""
    sv = terms.severities.get(severity) if terms is not None else None
    try:
        dur = Duration.parse(target.split(" ")[0]) if target else None
    except ValueError:
        dur = None
    calendar = sv.calendar_for(dur, cal) if sv is not None and dur is not None else cal
    return None if calendar.round_the_clock else calendar.hours_per_day


def _target_seconds(target: str | None, cal: BusinessCalendar) -> int | None:
    """A stored deadline's target (``str(Duration)``: "4h", "4h30m", "3wd (hours)", "2 calendar days") in
    business seconds for the chart: hours and minutes as they are, working days at the calendar's standard
    day; calendar days are no business time (None: no line)."""
    if not target or "calendar" in target:
        return None
    m = re.match(r"^(\d+)wd\b", target)
    if m:
        return int(m.group(1)) * cal.hours_per_day
    try:
        return Duration.parse(target).seconds
    except ValueError:
        return None


def supplier_report(ctx: Context, workspace: str, supplier_key: str | None = None) -> list[SupplierReport]:
    """Compliance, first response (median, p90), breaches by severity, damages and credits owed,
    overall and per month (in the supplier's zone), from the stored results."""
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        setup, _buyer_tz = _load_setup(s, ws)
        if supplier_key:
            org = _supplier(s, ws, supplier_key)
            setup = {org.id: setup[org.id]}
        rows = s.execute(
            select(RequestRow.id, RequestRow.number, RequestRow.supplier_id, SlaResult)
            .join(SlaResult, SlaResult.support_request_id == RequestRow.id)
            .where(RequestRow.workspace_id == ws.id, SlaResult.workspace_id == ws.id)
            .order_by(RequestRow.opened_at)
        ).all()
        outages: dict[int, list[tuple[int, str, datetime, str | None]]] = defaultdict(list)
        for sid, rid, kind, at, ref in s.execute(
            select(RequestRow.supplier_id, RequestRow.id, SlaEvent.kind, SlaEvent.at, SlaEvent.ref)
            .join(RequestRow, RequestRow.id == SlaEvent.support_request_id)
            .where(SlaEvent.workspace_id == ws.id, SlaEvent.kind.in_(EVENT_KINDS[6:]))
            .order_by(SlaEvent.at)
        ):
            outages[sid or -1].append((rid, kind, at, ref))
    out = []
    for sid, st in sorted(setup.items(), key=lambda kv: kv[1].key):
        current = st.terms[-1][1] if st.terms else None
        current_raw = st.terms[-1][3] if st.terms else None
        evs = []
        points = []
        for _rid, number, rsid, res in rows:
            if rsid != sid or res.status in ("none", "error"):
                continue
            evs.append(
                _StoredEvaluation(
                    number,
                    st.key,
                    res.severity,
                    res.opened_at,
                    res.data,
                    res.first_response_seconds,
                    lambda d, sev=res.severity, t=current, cal=st.calendar: _business_day(t, sev, d.get("target"), cal),
                )
            )
            for d in res.data.get("deadlines", []):
                if d["kind"] not in ("first_response", "response"):
                    continue
                # the target this deadline was judged by (its request's own terms, per severity), not the
                # supplier's newest terms
                target = _target_seconds(d.get("target"), st.calendar)
                end = d["at"] if d["at"] is not None else to_epoch(res.as_of)
                points.append(
                    ChartPoint(
                        datetime.fromtimestamp(d["start"], UTC),
                        number,
                        res.severity,
                        st.calendar.seconds_between(d["start"], end),
                        target,
                        d["status"],
                        d["kind"].replace("_", " ") + (f" #{d['seq']}" if d["seq"] > 1 else ""),
                        d["at"] is None,
                    )
                )
        tbs = {st.key: current} if current is not None else None
        # availability and credits, per measurement window, from outage/maintenance events
        avail_results = []
        credit_results = []
        av_dicts: list[dict[str, Any]] = []
        cr_dicts: list[dict[str, Any]] = []
        evs_out = outages.get(sid, [])
        if current is not None and current.availability is not None and evs_out:
            outs, mnts = _intervals(evs_out)
            first = min(i.start for i in outs + mnts).astimezone(st.calendar.tz).date()
            last = max(i.end for i in outs + mnts).astimezone(st.calendar.tz).date()
            fee = current_raw.get("fee") if current_raw else None
            for w0, w1 in month_windows(first, last, st.calendar.tz_name):
                a = availability(w0, w1, outs, mnts, terms=current.availability)
                avail_results.append(a)
                av_dicts.append(a.to_dict())
                if current.service_credits is not None and fee:
                    c = service_credit(a, current.service_credits, Money.of(fee["amount"], fee["currency"]))
                    credit_results.append(c)
                    cr_dicts.append({"window_start": w0.isoformat(), **c.to_dict()})
        overall = supplier_stats(
            evs,  # type: ignore[arg-type]
            terms_by_supplier=tbs,
            credits={st.key: credit_results},
            availability_results={st.key: avail_results},
            tz=st.calendar.tz_name,
        )
        monthly = supplier_stats(evs, terms_by_supplier=tbs, period="month", tz=st.calendar.tz_name)  # type: ignore[arg-type]
        # A supplier without any evaluated request still gets every figure (zero or none), so
        # pages and the API show "—" instead of failing on a missing key.
        ov = (overall[0] if overall else _no_stats(st.key)).to_dict()
        ov["median_first_response"] = _fmt(ov.get("median_first_response_seconds"))
        ov["p90_first_response"] = _fmt(ov.get("p90_first_response_seconds"))
        out.append(
            SupplierReport(
                st.key,
                st.name,
                st.calendar.describe(),
                st.calendar.version,
                current.label if current else None,
                ov,
                [m.to_dict() for m in monthly],
                points,
                av_dicts,
                cr_dicts,
                st.name_zh,
                current.label_zh if current else None,
            )
        )
    return out


def _no_stats(key: str) -> SupplierStats:
    return SupplierStats(key, None, 0, 0, 0, 0, 0, None, 0, None, None, {}, {}, {})


def _fmt(seconds: int | None) -> str | None:
    return format_seconds(seconds) if seconds is not None else None


def _intervals(events: Iterable[tuple[int, str, datetime, str | None]]) -> tuple[list[Interval], list[Interval]]:
    """Outage and maintenance intervals from start/end events, paired per request (overlapping
    outages of different requests count once in the availability)."""
    outs: list[Interval] = []
    mnts: list[Interval] = []
    open_: dict[tuple[int, str], tuple[datetime, str | None]] = {}
    for rid, kind, at, ref in events:
        base, edge = kind.rsplit("_", 1)
        if edge == "start":
            open_.setdefault((rid, base), (at, ref))
        elif (rid, base) in open_:
            a, r = open_.pop((rid, base))
            (outs if base == "outage" else mnts).append(Interval(a, at, base, r))
    return outs, mnts
