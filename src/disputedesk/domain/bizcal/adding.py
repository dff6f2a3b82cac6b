"""Business time, adding: the deadline a duration (business time, working days, calendar days) after a start."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta

from ..text import T
from .explaining import _Explaining
from .model import (
    _MAX_SEARCH_YEARS,
    AddResult,
    DaysMode,
    Duration,
    Pause,
    to_epoch,
)
from .timeline import _pause_epochs


class _Adding(_Explaining):
    def add(
        self,
        start: datetime,
        duration: Duration | str,
        *,
        pauses: Iterable[Pause] = (),
        buyer_tz: str | None = None,
    ) -> AddResult:
        """The deadline `duration` of business time after `start` (earliest such instant).

        A start outside working time starts the clock at the next opening. Paused business time
        (``pauses``: (start, end) pairs, overlapping allowed) extends the deadline.
        """
        if isinstance(duration, str):
            duration = Duration.parse(duration)
        e0 = to_epoch(start, "start")
        pause_list = list(pauses)
        pe = _pause_epochs(pause_list)
        deadline_e, prov = self.add_epoch(e0, duration, self.pause_positions(pe) if pe else None, pe)
        deadline = self._dt(deadline_e)
        note = None
        if duration.unit == "wd":
            note = _WD_NOTES[duration.days_mode]
        elif duration.unit == "cd":
            note = T("calendar days: the same local clock time N days later, not business time")
        return AddResult(
            deadline,
            prov,
            lambda: self.explain(start, deadline, pauses=pause_list, buyer_tz=buyer_tz, extra_note=note),
        )

    def add_epoch(
        self,
        e0: int,
        duration: Duration,
        pp: list[tuple[int, int]] | None = None,
        pauses_e: Sequence[tuple[int, int]] = (),
    ) -> tuple[int, bool]:
        """Fast path of :meth:`add` on epoch seconds: (deadline epoch, provisional).

        ``pp``: pauses as business positions (from :meth:`pause_positions`); ``pauses_e`` the same
        pauses in epoch seconds (only needed for calendar-day durations).
        """
        if duration.unit == "cd":
            local = self._dt(e0)
            deadline_e = to_epoch(
                (local.replace(tzinfo=None) + timedelta(days=duration.amount)).replace(tzinfo=self.tz)
            )
            # calendar days are not business time; a pause still extends them by its length
            deadline_e += sum(b - a for a, b in _merge_pairs(pauses_e))
        else:
            a = self._pos(e0)
            if duration.unit == "s":
                need = duration.amount
                exact = None
            else:
                exact = self._wd_target(e0, duration)
                need = self._pos(exact) - a
            if pp and self._paused_between(pp, a, a + need) > 0:
                deadline_e = self._epoch_at(self._advance(pp, a, need))
            elif exact is not None:
                deadline_e = exact
            else:
                deadline_e = e0 if need <= 0 else self._epoch_at(a + need)
        return deadline_e, self._is_provisional(e0, max(e0, deadline_e))

    def _wd_target(self, e0: int, duration: Duration) -> int:
        """Epoch of a working-day deadline (before any pause)."""
        n = duration.amount
        if duration.days_mode == DaysMode.HOURS:
            return e0 if n == 0 else self._epoch_at(self._pos(e0) + n * self.hours_per_day)
        if n == 0:
            return e0
        # Day 1 is the first working day after the start's local date: the day on which a period
        # counted in days starts is not counted (Civil Code Art. 201(1), applied by analogy).
        i = self._index(e0)
        k = i
        guard = 0
        while n > 0:
            k += 1
            if k >= len(self._plans):
                self._ensure(self._lo, date.fromordinal(self._lo + k).toordinal() + 366)
            guard += 1
            if guard > 366 * _MAX_SEARCH_YEARS:
                raise ValueError("calendar has no working days ahead")
            if self._plans[k].working:
                n -= 1
        plan = self._plans[k]
        if duration.days_mode == DaysMode.END_OF_DAY:
            # End of the day = its closing time (Civil Code Art. 203(2): where there are business
            # hours, the period ends when business stops).
            return plan.intervals[-1][1]
        # SAME_TIME: the start's local clock time on day k, clamped into that day's working span.
        local = self._dt(e0)
        secs = local.hour * 3600 + local.minute * 60 + local.second
        d = plan.day
        target = to_epoch(datetime(d.year, d.month, d.day, secs // 3600, secs % 3600 // 60, secs % 60, tzinfo=self.tz))
        first, last = plan.intervals[0][0], plan.intervals[-1][1]
        return min(max(target, first), last)


_WD_NOTES = {
    DaysMode.HOURS: T("working days counted as hours: N x the working hours of a standard day"),
    DaysMode.END_OF_DAY: T(
        "working days, end-of-day: closing time of the Nth working day after the start date "
        "(start day not counted, Civil Code Art. 201(1) by analogy; closing time as the cut-off, "
        "Civil Code Art. 203(2))"
    ),
    DaysMode.SAME_TIME: T(
        "working days, same-time: the start's clock time on the Nth working day after the start date "
        "(start day not counted, Civil Code Art. 201(1) by analogy), kept within that day's hours"
    ),
}


def _merge_pairs(pairs: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in sorted(pairs):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out
