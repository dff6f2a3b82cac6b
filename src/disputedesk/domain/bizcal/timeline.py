"""Business time, the calendar spec and official days: day plans, business positions, pauses."""

from __future__ import annotations

import hashlib
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta
from functools import cached_property
from typing import Any, Self

from ..officialcal import (
    MAKEUP_WORKDAY,
    STATUTORY_HOLIDAY,
    WEEKDAY,
    WEEKEND,
    OfficialCalendar,
    get_calendar,
)
from ..text import Seq, T, field_error
from .model import (
    _MAX_SEARCH_YEARS,
    CLOSURE,
    DAY_SECONDS,
    DEFAULT_WINDOWS,
    NO_HOURS,
    OVERRIDE,
    WEEKDAY_NAMES,
    Closure,
    DayOverride,
    DayPlan,
    Pause,
    Window,
    _at,
    parse_windows,
    to_epoch,
    zone,
)


class _Timeline:
    """The calendar spec and its official days as cached day plans and business positions.

    The state shared by every use case; :class:`~.calendar.BusinessCalendar` documents the
    constructor's arguments.
    """

    def __init__(
        self,
        tz: str = "Asia/Shanghai",
        windows: str | Sequence[Window] | Mapping[int, str | Sequence[Window]] = DEFAULT_WINDOWS,
        official: str | OfficialCalendar = "cn",
        closures: Iterable[Closure] = (),
        overrides: Iterable[DayOverride] = (),
        *,
        workdays: Iterable[int] = (0, 1, 2, 3, 4),
        makeup_windows: str | Sequence[Window] | None = None,
        hours_per_day: int | None = None,
    ) -> None:
        self.tz = zone(tz)
        self.tz_name = tz
        if isinstance(windows, Mapping):
            weekly = {int(k): parse_windows(v) for k, v in windows.items()}
            for k in weekly:
                if not 0 <= k <= 6:
                    raise ValueError(field_error("windows", "weekday %(n)s must be 0 (Mon) to 6 (Sun)", n=k))
        else:
            std = parse_windows(windows)
            weekly = {k: std for k in workdays}
        self.weekly: dict[int, tuple[Window, ...]] = {k: weekly.get(k, ()) for k in range(7)}
        if makeup_windows is not None:
            self.makeup_windows = parse_windows(makeup_windows)
        else:
            self.makeup_windows = next((self.weekly[k] for k in range(7) if self.weekly[k]), ())
        self.hours_per_day = hours_per_day if hours_per_day is not None else sum(w.seconds for w in self.makeup_windows)
        if isinstance(official, str):
            self.official = get_calendar(official)
        else:
            self.official = official
        self.closures = tuple(closures)
        self.overrides = {o.day: o for o in overrides}
        self._closure_days: dict[date, Closure] = {}
        for c in self.closures:
            d = c.start
            while d <= c.end:
                self._closure_days.setdefault(d, c)
                d += timedelta(days=1)
        # timeline cache
        self._lo = 0  # ordinal of first cached day
        self._plans: list[DayPlan] = []
        self._ivs: list[tuple[tuple[int, int], ...]] = []  # intervals of each plan, for speed
        self._starts: list[int] = []  # epoch of each day's local midnight (+1 sentinel)
        self._cum: list[int] = [0]  # business seconds before each day (len = days + 1)
        self._prov: list[int] = [0]  # provisional days before each day

    # ---- serialisation -------------------------------------------------------------------

    def spec(self) -> dict[str, Any]:
        """A JSON-ready description from which :meth:`from_spec` rebuilds an equal calendar."""
        return {
            "tz": self.tz_name,
            "windows": {str(k): ",".join(map(str, v)) for k, v in self.weekly.items() if v},
            "makeup_windows": ",".join(map(str, self.makeup_windows)),
            "hours_per_day": self.hours_per_day,
            "official": self.official.code,
            "closures": [
                {
                    "start": c.start.isoformat(),
                    "end": c.end.isoformat(),
                    "label": c.label,
                    "evidence_ref": c.evidence_ref,
                }
                for c in self.closures
            ],
            "overrides": [
                {
                    "day": o.day.isoformat(),
                    "working": o.working,
                    "windows": ",".join(map(str, o.windows)) if o.windows is not None else None,
                    "label": o.label,
                    "evidence_ref": o.evidence_ref,
                }
                for o in self.overrides.values()
            ],
        }

    @classmethod
    def from_spec(cls, spec: Mapping[str, Any]) -> Self:
        """Inverse of :meth:`spec`; missing keys take the defaults. Raises ValueError naming the key."""
        try:
            win = spec.get("windows", DEFAULT_WINDOWS)
            windows: Any = {int(k): v for k, v in win.items()} if isinstance(win, Mapping) else win
            return cls(
                tz=spec.get("tz", "Asia/Shanghai"),
                windows=windows,
                official=spec.get("official", "cn"),
                closures=[
                    Closure(
                        date.fromisoformat(c["start"]), date.fromisoformat(c["end"]), c["label"], c.get("evidence_ref")
                    )
                    for c in spec.get("closures", ())
                ],
                overrides=[
                    DayOverride(
                        date.fromisoformat(o["day"]),
                        bool(o["working"]),
                        parse_windows(o["windows"]) if o.get("windows") else None,
                        o.get("label", ""),
                        o.get("evidence_ref"),
                    )
                    for o in spec.get("overrides", ())
                ],
                makeup_windows=spec.get("makeup_windows") or None,
                hours_per_day=spec.get("hours_per_day"),
            )
        except KeyError as exc:
            raise ValueError(f"calendar spec: missing key {exc.args[0]!r}") from exc

    @cached_property
    def round_the_clock(self) -> bool:
        """Every hour of every day is working time (a 7×24 cover): no holidays, closures or days off."""
        whole_day = all(sum(w.seconds for w in self.weekly[k]) == DAY_SECONDS for k in range(7))
        return whole_day and self.official.code == "none" and not self.closures and not self.overrides

    # ---- description -----------------------------------------------------------------------

    def describe(self) -> str:
        groups: list[tuple[list[int], tuple[Window, ...]]] = []
        for k in range(7):
            if groups and groups[-1][1] == self.weekly[k] and groups[-1][0][-1] == k - 1:
                groups[-1][0].append(k)
            else:
                groups.append(([k], self.weekly[k]))
        wk = Seq(
            T(
                "%(days)s %(windows)s",
                days=T("%(first)s-%(last)s", first=T(WEEKDAY_NAMES[ks[0]]), last=T(WEEKDAY_NAMES[ks[-1]]))
                if len(ks) > 1
                else T(WEEKDAY_NAMES[ks[0]]),
                windows=",".join(map(str, ws)),
            )
            for ks, ws in groups
            if ws
        )
        parts: list[object] = [
            self.tz_name,
            wk if wk else T("no weekly windows"),
            T("official: none (no public holidays)")
            if self.official.code == "none"
            else T("official: %(code)s (%(version)s)", code=self.official.code, version=self.official.version),
        ]
        if self.closures:
            parts.append(T("%(n)s closure(s)", n=len(self.closures)))
        if self.overrides:
            parts.append(T("%(n)s override(s)", n=len(self.overrides)))
        return T("%(parts)s", parts=Seq(parts))

    @cached_property
    def version(self) -> str:
        """Identifies the data and settings: equal versions give equal results."""
        blob = repr(
            (
                self.tz_name,
                sorted(self.weekly.items()),
                self.makeup_windows,
                self.hours_per_day,
                self.official.code,
                self.official.version,
                self.closures,
                sorted(self.overrides.items()),
            )
        )
        return f"{self.official.code}/{self.official.version}/{hashlib.sha256(blob.encode()).hexdigest()[:12]}"

    # ---- day plans -----------------------------------------------------------------------

    def warm(self, first: date, last: date) -> None:
        """Build the day cache for first..last now. The cache grows lazily and is not guarded by
        a lock: a service sharing one calendar between threads should warm it first (queries
        inside the warmed range only read)."""
        self._ensure(first.toordinal(), last.toordinal())

    def day_plan(self, d: date) -> DayPlan:
        """The working intervals of one local date and the reason for them."""
        self._ensure(d.toordinal(), d.toordinal())
        return self._plans[d.toordinal() - self._lo]

    def _build_plan(self, d: date) -> DayPlan:
        info = self.official.day(d)
        prov = info.provisional
        ov = self.overrides.get(d)
        if ov is not None:
            wins = (ov.windows if ov.windows is not None else self.makeup_windows) if ov.working else ()
            return self._plan(d, wins, OVERRIDE, info.name, ov.label or None, ov.evidence_ref, False)
        cl = self._closure_days.get(d)
        if cl is not None:
            return self._plan(d, (), CLOSURE, info.name, cl.label, cl.evidence_ref, prov)
        if info.reason == STATUTORY_HOLIDAY:
            return self._plan(d, (), STATUTORY_HOLIDAY, info.name, None, None, prov)
        weekly = self.weekly[d.weekday()]
        if info.reason == MAKEUP_WORKDAY:
            return self._plan(d, weekly or self.makeup_windows, MAKEUP_WORKDAY, info.name, None, None, prov)
        if weekly:
            return self._plan(d, weekly, WEEKDAY, None, None, None, prov)
        reason = WEEKEND if d.weekday() >= 5 else NO_HOURS
        return self._plan(d, (), reason, None, None, None, prov)

    def _plan(
        self,
        d: date,
        wins: Sequence[Window],
        reason: str,
        name: str | None,
        label: str | None,
        ev: str | None,
        prov: bool,
    ) -> DayPlan:
        intervals: list[tuple[int, int]] = []
        if wins:
            midnight = datetime(d.year, d.month, d.day, tzinfo=self.tz)
            nxt = d + timedelta(days=1)
            next_midnight = to_epoch(datetime(nxt.year, nxt.month, nxt.day, tzinfo=self.tz))
            floor = to_epoch(midnight)
            for w in wins:
                s = floor if w.start == 0 else to_epoch(_at(midnight, w.start))
                e = next_midnight if w.end == DAY_SECONDS else to_epoch(_at(midnight, w.end))
                # Wall-clock times in a DST gap can map out of order; keep intervals disjoint.
                s = max(s, floor)
                if e > s:
                    intervals.append((s, e))
                    floor = e
        total = sum(e - s for s, e in intervals)
        return DayPlan(d, tuple(intervals), total, reason, name, label, ev, prov)

    def _ensure(self, lo: int, hi: int) -> None:
        """Make sure day plans exist for ordinals lo..hi (inclusive), whole years at a time.

        Business positions are absolute: extending the cache backwards gives earlier days lower
        (possibly negative) positions and never changes the positions already handed out.
        """
        if self._plans and self._lo <= lo and hi < self._lo + len(self._plans):
            return
        new_lo = date(date.fromordinal(lo).year, 1, 1).toordinal()
        new_hi = date(date.fromordinal(hi).year, 12, 31).toordinal()
        if not self._plans:
            self._lo = new_lo
            self._extend(new_lo, new_hi)
            return
        cur_hi = self._lo + len(self._plans) - 1
        if new_hi > cur_hi:
            self._extend(cur_hi + 1, new_hi)
        if new_lo < self._lo:
            self._prepend(new_lo, self._lo - 1)

    def _prepend(self, lo: int, hi: int) -> None:
        plans = [self._build_plan(date.fromordinal(o)) for o in range(lo, hi + 1)]
        starts = [self._midnight(date.fromordinal(o)) for o in range(lo, hi + 1)]
        cum: list[int] = []
        prov: list[int] = []
        c = self._cum[0] - sum(p.total for p in plans)
        q = self._prov[0] - sum(1 for p in plans if p.provisional)
        for p in plans:
            cum.append(c)
            prov.append(q)
            c += p.total
            q += 1 if p.provisional else 0
        self._plans = plans + self._plans
        self._ivs = [p.intervals for p in plans] + self._ivs
        self._starts = starts + self._starts
        self._cum = cum + self._cum
        self._prov = prov + self._prov
        self._lo = lo

    def _midnight(self, d: date) -> int:
        return to_epoch(datetime(d.year, d.month, d.day, tzinfo=self.tz))

    def _extend(self, lo: int, hi: int) -> None:
        if self._starts:
            self._starts.pop()  # remove the sentinel
        for o in range(lo, hi + 1):
            d = date.fromordinal(o)
            p = self._build_plan(d)
            self._plans.append(p)
            self._ivs.append(p.intervals)
            self._starts.append(self._midnight(d))
            self._cum.append(self._cum[-1] + p.total)
            self._prov.append(self._prov[-1] + (1 if p.provisional else 0))
        self._starts.append(self._midnight(date.fromordinal(hi + 1)))

    def _index(self, e: int) -> int:
        """Index of the cached local day containing epoch second e (extending the cache)."""
        if not self._plans or e < self._starts[0] or e >= self._starts[-1]:
            d = datetime.fromtimestamp(e, self.tz).date()
            self._ensure(d.toordinal(), d.toordinal())
        return bisect_right(self._starts, e) - 1

    def _pos(self, e: int) -> int:
        """Business position of epoch second e (business seconds from a fixed origin)."""
        starts = self._starts
        if not starts or e < starts[0] or e >= starts[-1]:
            self._index(e)
            starts = self._starts
        i = bisect_right(starts, e) - 1
        acc = self._cum[i]
        for s, t in self._ivs[i]:
            if e <= s:
                break
            acc += (t if e > t else e) - s
        return acc

    def _epoch_at(self, b: int) -> int:
        """The earliest epoch second whose business position is b (b >= 0)."""
        guard = 0
        while b > self._cum[-1]:
            last = date.fromordinal(self._lo + len(self._plans) - 1)
            before = self._cum[-1]
            self._ensure(self._lo, date(last.year + 1, 12, 31).toordinal())
            guard = guard + 1 if self._cum[-1] == before else 0
            if guard > _MAX_SEARCH_YEARS:
                raise ValueError(f"calendar has no working time for {_MAX_SEARCH_YEARS} years after {last}")
        while b < self._cum[0]:  # before the cache: extend backwards a year
            first = date.fromordinal(self._lo)
            if first.year < 1900:
                raise ValueError("calendar has no working time before 1900")
            self._ensure(date(first.year - 1, 1, 1).toordinal(), self._lo)
        j = bisect_left(self._cum, b)
        if j == 0:  # b == cum[0]: the very start of the cache
            return self._starts[0]
        i = j - 1
        off = b - self._cum[i]
        for s, t in self._ivs[i]:
            if off <= t - s:
                return s + off
            off -= t - s
        raise AssertionError("business position outside its day")  # pragma: no cover

    def _is_provisional(self, e0: int, e1: int) -> bool:
        starts, prov = self._starts, self._prov
        if starts and starts[0] <= e0 and e1 < starts[-1]:  # inside the cache: no extending
            if prov[-1] == prov[0]:
                return False  # no provisional day cached at all
            return prov[bisect_right(starts, e1)] - prov[bisect_right(starts, e0) - 1] > 0
        i0 = self._index(e0)
        i1 = self._index(e1)
        return self._prov[i1 + 1] - self._prov[i0] > 0

    def _dt(self, e: int) -> datetime:
        return datetime.fromtimestamp(e, self.tz)

    # ---- pauses ------------------------------------------------------------------------------

    def pause_positions(self, pauses_e: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
        """Pauses given as epoch-second pairs -> merged intervals of business position."""
        out: list[tuple[int, int]] = []
        for a, b in sorted(pauses_e):
            if b < a:
                raise ValueError(f"pause: end {self._dt(b).isoformat()} is before start {self._dt(a).isoformat()}")
            pa, pb = self._pos(a), self._pos(b)
            if pb <= pa:
                continue
            if out and pa <= out[-1][1]:
                out[-1] = (out[-1][0], max(out[-1][1], pb))
            else:
                out.append((pa, pb))
        return out

    @staticmethod
    def _paused_between(pp: list[tuple[int, int]], a: int, b: int) -> int:
        return sum(max(0, min(b, pe) - max(a, ps)) for ps, pe in pp)

    @staticmethod
    def _advance(pp: list[tuple[int, int]], cur: int, need: int) -> int:
        """Position reached after `need` unpaused business seconds from position `cur`."""
        for ps, pe in pp:
            if pe <= cur:
                continue
            if ps > cur:
                if cur + need <= ps:
                    return cur + need
                need -= ps - cur
            cur = pe
        return cur + need


def _pause_epochs(pauses: Sequence[Pause]) -> list[tuple[int, int]]:
    out = []
    for a, b in pauses:
        ea, eb = to_epoch(a, "pause start"), to_epoch(b, "pause end")
        if eb < ea:
            raise ValueError(f"pause: end {b.isoformat()} is before start {a.isoformat()}")
        out.append((ea, eb))
    return out
