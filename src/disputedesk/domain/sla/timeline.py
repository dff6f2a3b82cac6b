"""SLA evaluation of one request's timeline: clock start, pauses, terms changing mid-request,
reopen, and every deadline judged (:func:`evaluate`).

Pure domain code: no I/O, no clock (``as_of`` is an argument). Rules: see the package docstring.
"""

from __future__ import annotations

from datetime import datetime

from ..bizcal import (
    BusinessCalendar,
    to_epoch,
)
from .models import Direction, EventKind, Message, ReopenRule, SeverityTerms, SupportRequest, SupportTerms
from .results import DeadlineResult, Evaluation, Status

# --------------------------------------------------------------------------------------------
# Evaluation
# --------------------------------------------------------------------------------------------


_NO_TARGETS = SeverityTerms()  # a level the terms leave out: no target of any kind


class _Ctx:
    """Per-request working state shared by the deadline computations (epoch seconds inside)."""

    def __init__(
        self,
        request: SupportRequest,
        terms: SupportTerms,
        calendar: BusinessCalendar,
        as_of: datetime,
    ) -> None:
        self.request = request
        self.calendar = calendar
        self.as_of = as_of
        self.as_of_e = to_epoch(as_of, "as_of")
        # terms in force: [(from_epoch, terms)], first entry from the beginning of time
        changes = sorted(
            (e for e in request.events if e.kind == EventKind.TERMS_CHANGED),
            key=lambda e: to_epoch(e.at, "event time"),
        )
        self.terms_timeline: list[tuple[int, SupportTerms]] = [(-(2**62), terms)]
        for ev in changes:
            if ev.terms is None:
                raise ValueError(f"request {request.id}: terms_changed event at {ev.at.isoformat()} has no terms")
            self.terms_timeline.append((to_epoch(ev.at), ev.terms))
        self._pp_cache: dict[tuple[int, tuple[tuple[int, int], ...]], list[tuple[int, int]]] = {}
        # Later terms that leave the request's level out set no target for it from their start: a deadline
        # settled before keeps its result, one still open then is no longer measured (as a target those terms
        # leave out; docs/sla.md §4). The terms in force at the opening must name the level (evaluate()).
        self.sevs = [t.severities.get(request.severity, _NO_TARGETS) for _, t in self.terms_timeline]

    def terms_index_at(self, e: int) -> int:
        if len(self.terms_timeline) == 1:
            return 0
        idx = 0
        for i, (t, _) in enumerate(self.terms_timeline):
            if t <= e:
                idx = i
        return idx

    def terms_at(self, e: int) -> SupportTerms:
        if len(self.terms_timeline) == 1:
            return self.terms_timeline[0][1]
        return self.terms_timeline[self.terms_index_at(e)][1]

    def _pp(self, cal: BusinessCalendar, pauses: tuple[tuple[int, int], ...]) -> list[tuple[int, int]]:
        key = (id(cal), pauses)
        pp = self._pp_cache.get(key)
        if pp is None:
            pp = self._pp_cache[key] = cal.pause_positions(pauses)
        return pp

    def judge(
        self,
        kind: str,
        seq: int,
        start: datetime,
        start_e: int,
        pick: str,
        satisfied: tuple[int, datetime, str | None] | None,
        pauses: tuple[tuple[int, int], ...],
    ) -> DeadlineResult | None:
        sat_e = satisfied[0] if satisfied else None
        i = 0 if len(self.terms_timeline) == 1 else self.terms_index_at(start_e)
        found: tuple[int, bool, int] | None = None  # (deadline epoch, provisional, terms index)
        while True:
            sev = self.sevs[i]
            target = getattr(sev, pick)
            dl_e = None
            if target is not None:
                cal = sev.calendar_for(target, self.calendar)
                dl_e, prov = cal.add_epoch(start_e, target, self._pp(cal, pauses) if pauses else None, pauses)
                found = (dl_e, prov, i)
            else:
                found = None
            # A later change of terms applies if it comes before this deadline is settled.
            if i + 1 >= len(self.terms_timeline):
                break
            change_e = self.terms_timeline[i + 1][0]
            settle = dl_e
            if sat_e is not None:
                settle = sat_e if settle is None else min(settle, sat_e)
            if settle is None or change_e < settle:
                i += 1
                continue
            break
        if found is None:
            return None
        # found comes from the loop's last pass: sev, target and cal are those of its terms
        dl_e, provisional, used = found
        terms = self.terms_timeline[used][1]
        pp = self._pp(cal, pauses) if pauses else None
        as_of_e = self.as_of_e
        paused_open = bool(pauses) and dl_e > as_of_e and any(pe >= as_of_e for _, pe in pauses)
        late_b = late_c = 0
        remaining = None
        sat_at = sat_ref = None
        if sat_e is not None and sat_e <= as_of_e:
            assert satisfied is not None
            _, sat_at, sat_ref = satisfied
            # Boundary rule: a reply in the same second as the deadline is on time.
            if sat_e <= dl_e:
                status = Status.MET
            else:
                status = Status.BREACHED
                late_b = cal.seconds_between(dl_e, sat_e, pp)
                late_c = sat_e - dl_e
        elif as_of_e > dl_e:
            status = Status.BREACHED
            late_b = cal.seconds_between(dl_e, as_of_e, pp)
            late_c = as_of_e - dl_e
        else:
            status = Status.PENDING
            remaining = cal.seconds_between(as_of_e, dl_e, pp)
        return DeadlineResult(
            kind,
            seq,
            start,
            target,
            datetime.fromtimestamp(dl_e, cal.tz),
            status,
            sat_at,
            sat_ref,
            late_b,
            late_c,
            remaining,
            provisional,
            paused_open,
            terms.label,
            dl_e,
            cal,
            pauses,
            self.as_of,
            self.request.buyer_tz,
            start_e,
            sat_e if sat_at is not None else None,
            sev.cover_set_aside(target, self.calendar),
        )


def _counts_as_response(m: Message, terms: SupportTerms) -> bool:
    if m.direction != Direction.SUPPLIER or m.is_auto_reply:  # an automatic reply never counts
        return False
    return not (m.is_acknowledgement and not terms.acknowledgement_counts)


def evaluate(
    request: SupportRequest,
    terms: SupportTerms,
    calendar: BusinessCalendar,
    *,
    as_of: datetime | None = None,
) -> Evaluation:
    """Judge every deadline of `request` under `terms`, counted in `calendar`.

    ``as_of`` is the evaluation time (the service passes "now"); default: the latest time in the
    request's timeline. Raises ``ValueError`` naming the field on bad input.
    """
    rid = request.id
    try:
        msgs = sorted([(to_epoch(m.sent_at, "message sent_at"), n, m) for n, m in enumerate(request.messages)])
        events = sorted([(to_epoch(e.at, "event time"), n, e) for n, e in enumerate(request.events)])
    except ValueError as exc:
        raise ValueError(f"request {rid}: {exc}") from None
    terms.severity(request.severity)
    # The clock starts at the earliest of: opened_at, the opened event, the first buyer message
    # (the supplier had the request from then on, however late it was logged).
    cands: list[tuple[int, datetime]] = []
    if request.opened_at is not None:
        cands.append((to_epoch(request.opened_at, f"request {rid}: opened_at"), request.opened_at))
    ev_open = next(((t, e.at) for t, _, e in events if e.kind == EventKind.OPENED), None)
    first_buyer = next(((t, m.sent_at) for t, _, m in msgs if m.direction == Direction.BUYER), None)
    cands += [c for c in (ev_open, first_buyer) if c is not None]
    if not cands:
        raise ValueError(f"request {rid}: no opened_at, no opened event and no buyer message")
    opened_e, opened = min(cands, key=lambda c: c[0])
    if as_of is None:
        last = max([opened_e] + [t for t, _, _ in msgs] + [t for t, _, _ in events])
        as_of = datetime.fromtimestamp(last, calendar.tz)
    ctx = _Ctx(request, terms, calendar, as_of)
    as_of_e = ctx.as_of_e
    terms_at = ctx.terms_at

    # ---- pauses: waiting for the buyer, where the terms in force allow it --------------------
    waits: list[tuple[int, int]] = []
    wstart: int | None = None
    for t, _, ev in events:
        if ev.kind == EventKind.WAITING_START and wstart is None:
            wstart = t
        elif ev.kind == EventKind.WAITING_END and wstart is not None:
            waits.append((wstart, t))
            wstart = None
    if wstart is not None:
        waits.append((wstart, max(wstart, as_of_e)))
    cuts = [t for t, _ in ctx.terms_timeline[1:]]
    pause_list: list[tuple[int, int]] = []
    for a, b in waits:
        bounds = [a] + [c for c in cuts if a < c < b] + [b]
        for x, y in zip(bounds, bounds[1:], strict=False):
            if y > x and terms_at(x).pause_while_waiting_for_buyer:
                pause_list.append((x, y))
    pauses = tuple(pause_list)

    # ---- responses: runs of buyer messages and the reply that answers each ------------------
    # (start epoch, start datetime, (reply epoch, reply datetime, ref) | None)
    runs: list[tuple[int, datetime, tuple[int, datetime, str | None] | None]] = []
    oldest: tuple[int, datetime] | None = (opened_e, opened)
    counting: list[tuple[int, datetime, str | None]] = []
    for t, _, m in msgs:
        if m.direction == Direction.BUYER:
            if oldest is None:
                oldest = (t, m.sent_at)
        elif t >= opened_e and _counts_as_response(m, terms_at(t)):
            counting.append((t, m.sent_at, m.ref))
            if oldest is not None and t >= oldest[0]:
                runs.append((oldest[0], oldest[1], counting[-1]))
                oldest = None
    if oldest is not None:
        runs.append((oldest[0], oldest[1], None))

    results: list[DeadlineResult] = []
    first = runs[0]
    fr = ctx.judge("first_response", 1, first[1], first[0], "first_response", first[2], pauses)
    if fr is not None:
        results.append(fr)
    if terms.respond_to_every_buyer_message:
        for n, (se, sdt, sat) in enumerate(runs[1:], start=2):
            r = ctx.judge("response", n, sdt, se, "first_response", sat, pauses)
            if r is not None:
                results.append(r)

    # ---- resolution / workaround, with reopen handling ---------------------------------------
    # cycles: (start epoch, start datetime, resolution (epoch, datetime, ref) | None)
    cycles: list[tuple[int, datetime, tuple[int, datetime, str | None] | None]] = []
    cur: tuple[int, datetime] = (opened_e, opened)
    cres: tuple[int, datetime, str | None] | None = None
    workaround: tuple[int, datetime, str | None] | None = None
    for t, _, ev in events:
        if ev.kind == EventKind.RESOLVED and cres is None:
            cres = (t, ev.at, ev.ref)
        elif ev.kind == EventKind.REOPENED and cres is not None:
            cycles.append((cur[0], cur[1], cres))
            cur, cres = (t, ev.at), None
        elif ev.kind == EventKind.WORKAROUND and workaround is None:
            workaround = (t, ev.at, ev.ref)
    cycles.append((cur[0], cur[1], cres))

    if terms_at(opened_e).reopen == ReopenRule.RESTART:
        for n, (cs_e, cs, cr) in enumerate(cycles, start=1):
            r = ctx.judge("resolution", n, cs, cs_e, "resolution", cr, pauses)
            if r is not None:
                results.append(r)
    else:
        gaps = []
        for k in range(len(cycles) - 1):
            res_k = cycles[k][2]
            assert res_k is not None
            gaps.append((res_k[0], cycles[k + 1][0]))
        r = ctx.judge(
            "resolution", 1, opened, opened_e, "resolution", cycles[-1][2], tuple(sorted(pauses + tuple(gaps)))
        )
        if r is not None:
            results.append(r)
    first_res = cycles[0][2]
    wa = workaround
    if first_res is not None and (wa is None or first_res[0] < wa[0]):
        wa = first_res
    r = ctx.judge("workaround", 1, opened, opened_e, "workaround", wa, pauses)
    if r is not None:
        results.append(r)

    # ---- status updates while open -------------------------------------------------------------
    periods: list[tuple[int, datetime, tuple[int, datetime, str | None] | None]] = []
    if first[2] is not None:
        periods.append((first[2][0], first[2][1], cycles[0][2]))
    for cs_e, cs, cr in cycles[1:]:
        periods.append((cs_e, cs, cr))
    useq = 0
    for a_e, anchor, pend in periods:
        while pend is None or pend[0] > a_e:  # no updates are due once resolved
            # The next update: a qualifying reply after the anchor, or the resolution itself.
            nxt = next((c for c in counting if c[0] > a_e), None)
            by_resolution = False
            if pend is not None and (nxt is None or pend[0] <= nxt[0]):
                nxt, by_resolution = pend, True
            r = ctx.judge("update", useq + 1, anchor, a_e, "update_interval", nxt, pauses)
            if r is None:
                break
            if by_resolution and r.status == Status.MET:
                break  # resolved before the next update was due: no update needed
            useq += 1
            results.append(r)
            if nxt is None or by_resolution or r.status == Status.PENDING:
                break
            a_e, anchor = nxt[0], nxt[1]

    # first-response time for statistics (business seconds, pauses excluded)
    fr_at = first[2][1] if first[2] else None
    fr_b = fr_c = None
    if first[2] is not None:
        cov = terms.severity(request.severity).coverage or calendar
        pp = cov.pause_positions(pauses) if pauses else None
        fr_b = cov.seconds_between(first[0], first[2][0], pp)
        fr_c = first[2][0] - first[0]
    order = {"first_response": 0, "response": 1, "update": 2, "workaround": 3, "resolution": 4}
    results.sort(key=lambda d: (d.deadline_epoch, order.get(d.kind, 9), d.seq))
    return Evaluation(
        request.id,
        request.supplier,
        request.severity,
        opened,
        as_of,
        tuple(results),
        fr_at,
        fr_b,
        fr_c,
        calendar.version,
    )
