"""Business time, explaining: the day-by-day account of the business time between two instants."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from ..text import T
from .model import (
    PAUSE,
    Explanation,
    Pause,
    Step,
    to_epoch,
    zone,
)
from .timeline import _Timeline


class _Explaining(_Timeline):
    # ---- explanation ----------------------------------------------------------------------

    def explain(
        self,
        start: datetime,
        end: datetime,
        *,
        pauses: Iterable[Pause] = (),
        buyer_tz: str | None = None,
        extra_note: str | None = None,
    ) -> Explanation:
        """Day-by-day account of the business time between start and end."""
        e0, e1 = to_epoch(start, "start"), to_epoch(end, "end")
        e1 = max(e0, e1)
        bz = zone(buyer_tz, "buyer time zone") if buyer_tz else None
        pause_ep = _merge_epoch(list(pauses))
        pause_e = [(to_epoch(a), to_epoch(b)) for a, b in pause_ep]
        i0, i1 = self._index(e0), self._index(e1)
        i0 = self._index(e0)
        steps: list[Step] = []
        total = 0
        clock_start: int | None = None
        for i in range(i0, i1 + 1):
            p = self._plans[i]
            if not p.working:
                steps.append(
                    Step(
                        "skipped",
                        p.day,
                        p.reason,
                        name=p.name,
                        label=p.label,
                        evidence_ref=p.evidence_ref,
                        provisional=p.provisional,
                    )
                )
                continue
            for s, t in p.intervals:
                s, t = max(s, e0), min(t, e1)
                if t <= s:
                    continue
                for kind, a, b in _split_by_pauses(s, t, pause_e):
                    if kind == "counted":
                        total += b - a
                        if clock_start is None:
                            clock_start = a
                    steps.append(
                        Step(
                            kind,
                            p.day,
                            PAUSE if kind == "paused" else p.reason,
                            b - a,
                            self._dt(a),
                            self._dt(b),
                            datetime.fromtimestamp(a, bz) if bz else None,
                            datetime.fromtimestamp(b, bz) if bz else None,
                            p.name,
                            p.label,
                            p.evidence_ref,
                            p.provisional,
                        )
                    )
        notes: list[str] = []
        if clock_start is not None and clock_start > e0:
            notes.append(
                T(
                    "received outside working time; the clock starts at the next opening, %(at)s",
                    at=self._dt(clock_start),
                )
            )
        if extra_note:
            notes.append(extra_note)
        if self._is_provisional(e0, e1):
            notes.append(
                T(
                    "PROVISIONAL: part of this period lies beyond the published official holiday data; "
                    "recompute when the State Council notice (or other official data) is published"
                )
            )
        return Explanation(
            self.tz_name,
            buyer_tz,
            self.describe(),
            self._dt(e0),
            self._dt(e1),
            total,
            tuple(steps),
            tuple(notes),
        )


def _merge_epoch(pauses: Sequence[Pause]) -> list[Pause]:
    items = sorted(pauses, key=lambda p: to_epoch(p[0], "pause start"))
    out: list[Pause] = []
    for a, b in items:
        if to_epoch(b, "pause end") < to_epoch(a):
            raise ValueError(f"pause: end {b.isoformat()} is before start {a.isoformat()}")
        if out and to_epoch(a) <= to_epoch(out[-1][1]):
            if to_epoch(b) > to_epoch(out[-1][1]):
                out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


def _split_by_pauses(s: int, t: int, pauses: list[tuple[int, int]]) -> list[tuple[str, int, int]]:
    out: list[tuple[str, int, int]] = []
    cur = s
    for ps, pe in pauses:
        if pe <= cur or ps >= t:
            continue
        if ps > cur:
            out.append(("counted", cur, ps))
        a, b = max(ps, cur), min(pe, t)
        if b > a:
            out.append(("paused", a, b))
        cur = max(cur, b)
    if cur < t:
        out.append(("counted", cur, t))
    return out
