"""Business time: a supplier's working calendar, and deadlines counted in it.

A :class:`BusinessCalendar` combines
- weekly working windows in the supplier's time zone (default Asia/Shanghai, several windows a
  day, e.g. 09:00-12:00 and 13:00-18:00);
- the official calendar from :func:`disputedesk.domain.officialcal.get_calendar` (China:
  statutory holidays **and make-up working days** 调休; other countries through `holidays`);
- supplier closures (date ranges with a label and the evidence that shows them) and per-date
  overrides (a day made working or non-working, or given other windows).

Operations, at second precision, tz-aware datetimes only (naive ones raise ``ValueError``):
- :meth:`BusinessCalendar.add` -> :class:`AddResult` ``(deadline, provisional, explanation)``
- :meth:`BusinessCalendar.elapsed` -> :class:`ElapsedResult` ``(business_seconds, provisional,
  explanation)``

Why hand-written: the business-hours libraries we know (`businesstimedelta`, pandas
``CustomBusinessHour``, `business_calendar`) take a weekly work pattern plus a list of holidays, so
a Saturday can never become a working day: they get Chinese make-up working days wrong
(2026-02-13 16:00 + 8 h lands on 2026-02-24 instead of Saturday 2026-02-14). The libraries that do
know make-up days (`chinese_calendar`, `workalendar`) only answer "is this date a working day";
they do no business-hours arithmetic with lunch breaks, closures and pauses, explain nothing, and
do not mark results that rest on unpublished holiday data. So the day data comes from those
libraries (through ``officialcal``) and the arithmetic is here.

How it works (and why it is fast): every local date is turned once into a :class:`DayPlan`
(its working intervals as UTC epoch seconds, and why it is or is not a working day); plans are
built a calendar year at a time and cached together with a running total of business seconds
("business position"). ``elapsed`` is then a difference of two positions, and ``add`` a binary
search for the first instant whose position reaches the target: no loops over minutes or days
per query. Pauses (e.g. waiting for the buyer) are removed in position space, so overlapping
pauses, or a pause over a night, are never counted twice.

The deadline-boundary rule: a deadline is the *earliest* instant at which the required business
time has run. A deadline that falls at a window end is reported at that end (12:00, not 13:00
after lunch), and a reply timed exactly at the deadline is on time (see ``sla.py``).

Pure domain code: no I/O, no clock.

Size (about 1,100 lines, one module on purpose): the day plans, the ``add``/``elapsed`` walks and
their explanations share one cached representation (:class:`DayPlan`); split, the fast path
would be spread over files that must always change together.
"""

from __future__ import annotations

import hashlib
import math
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone
from enum import StrEnum
from functools import cached_property
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .officialcal import (
    MAKEUP_WORKDAY,
    STATUTORY_HOLIDAY,
    WEEKDAY,
    WEEKEND,
    OfficialCalendar,
    get_calendar,
)
from .text import Seq, T

# Reasons beyond those of officialcal; stable strings used in explanations and JSON.
CLOSURE = "closure"
OVERRIDE = "override"
PAUSE = "pause"
NO_HOURS = "no_working_hours"  # an ordinary day on which the weekly schedule has no window

REASON_TEXT = {
    WEEKDAY: "working day",
    WEEKEND: "weekend",
    STATUTORY_HOLIDAY: "statutory holiday",
    MAKEUP_WORKDAY: "make-up working day (调休), counted",
    CLOSURE: "supplier closure",
    OVERRIDE: "override",
    PAUSE: "clock paused",
    NO_HOURS: "no working hours in the weekly schedule",
}

DAY_SECONDS = 86_400
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_ONE_SECOND = timedelta(seconds=1)
_MAX_SEARCH_YEARS = 30  # add() gives up when no working time exists this far ahead

WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def to_epoch(dt: datetime, what: str = "time") -> int:
    """Whole UTC epoch seconds of an aware datetime (fractions of a second are dropped)."""
    if dt.__class__ is not datetime and not isinstance(dt, datetime):
        raise ValueError(f"{what}: expected a datetime, got {type(dt).__name__}")
    tz = dt.tzinfo
    if tz is None or (tz.__class__ is not ZoneInfo and tz.__class__ is not timezone and dt.utcoffset() is None):
        raise ValueError(f"{what}: {dt.isoformat()} has no UTC offset; give a time zone, e.g. +08:00")
    # timestamp() is exact to the microsecond for these magnitudes; floor drops the fraction.
    return math.floor(dt.timestamp())


def zone(name: str, what: str = "time zone") -> ZoneInfo:
    """ZoneInfo for an IANA name; an unknown name raises ValueError naming `what`."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"{what} {name!r}: unknown (expected an IANA name such as Asia/Shanghai)") from exc


def _at(midnight: datetime, seconds: int) -> datetime:
    return midnight.replace(hour=seconds // 3600, minute=seconds % 3600 // 60, second=seconds % 60)


def _clock(seconds: int) -> str:
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}" + (f":{seconds % 60:02d}" if seconds % 60 else "")


# --------------------------------------------------------------------------------------------
# Configuration dataclasses
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class Window:
    """A working window in local wall-clock time, as seconds after midnight (end may be 24:00)."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not (0 <= self.start < self.end <= DAY_SECONDS):
            raise ValueError(f"window {_clock(self.start)}-{_clock(self.end)}: start must be before end")

    @classmethod
    def parse(cls, text: str) -> Window:
        m = re.fullmatch(r"\s*(\d{1,2}):(\d{2})(?::(\d{2}))?\s*-\s*(\d{1,2}):(\d{2})(?::(\d{2}))?\s*", text)
        if not m:
            raise ValueError(f"window {text!r}: expected HH:MM-HH:MM, e.g. 09:00-12:00")
        h1, m1, s1, h2, m2, s2 = (int(g) if g else 0 for g in m.groups())
        if h1 > 23 or m1 > 59 or s1 > 59 or m2 > 59 or s2 > 59 or h2 > 24 or (h2 == 24 and (m2 or s2)):
            raise ValueError(f"window {text!r}: not a valid clock time")
        start, end = h1 * 3600 + m1 * 60 + s1, h2 * 3600 + m2 * 60 + s2
        if start >= end:
            raise ValueError(f"window {text!r}: start must be before end")
        return cls(start, end)

    @property
    def seconds(self) -> int:
        return self.end - self.start

    def __str__(self) -> str:
        return f"{_clock(self.start)}-{_clock(self.end)}"


def parse_windows(text: str | Sequence[Window] | Sequence[str]) -> tuple[Window, ...]:
    """``"09:00-12:00,13:00-18:00"`` (or a list of windows/strings) -> sorted, non-overlapping."""
    if isinstance(text, str):
        parts: list[Window | str] = [p for p in text.split(",") if p.strip()]
    else:
        parts = list(text)
    wins = sorted(w if isinstance(w, Window) else Window.parse(w) for w in parts)
    for a, b in zip(wins, wins[1:], strict=False):
        if b.start < a.end:
            raise ValueError(f"windows {a} and {b} overlap")
    return tuple(wins)


@dataclass(frozen=True)
class Closure:
    """The supplier is closed on every date from `start` to `end` inclusive (local dates)."""

    start: date
    end: date
    label: str
    evidence_ref: str | None = None

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"closure {self.label!r}: end {self.end} is before start {self.start}")


@dataclass(frozen=True)
class DayOverride:
    """One local date made working (with `windows`, default the standard day) or non-working."""

    day: date
    working: bool
    windows: tuple[Window, ...] | None = None
    label: str = ""
    evidence_ref: str | None = None


class DaysMode(StrEnum):
    """What "N working days" means in a contract term."""

    HOURS = "hours"  # N x the working hours of a standard day, counted like hours
    END_OF_DAY = "end-of-day"  # the closing time of the Nth working day after the start date
    SAME_TIME = "same-time"  # the start's clock time on the Nth working day after the start date


_DURATION_RE = re.compile(r"(\d+)\s*(wd|cd|d|h|m|s)", re.IGNORECASE)


@dataclass(frozen=True)
class Duration:
    """A contract duration: seconds of business time, working days, or calendar days.

    ``unit`` is ``"s"`` (business seconds: hours and minutes are normalised to seconds),
    ``"wd"`` (working days, meaning set by ``days_mode``) or ``"cd"`` (calendar days: the same
    local clock time N days later, not business time).
    """

    amount: int
    unit: str = "s"
    days_mode: DaysMode = DaysMode.HOURS

    def __post_init__(self) -> None:
        if self.unit not in ("s", "wd", "cd"):
            raise ValueError(f"duration unit {self.unit!r}: expected s, wd or cd")
        if not isinstance(self.amount, int) or self.amount < 0:
            raise ValueError(f"duration {self.amount!r}: must be a whole number >= 0")
        object.__setattr__(self, "days_mode", DaysMode(self.days_mode))

    @classmethod
    def of(cls, *, days: int = 0, hours: int = 0, minutes: int = 0, seconds: int = 0) -> Duration:
        return cls(((days * 24 + hours) * 60 + minutes) * 60 + seconds, "s")

    @classmethod
    def working_days(cls, n: int, mode: DaysMode | str = DaysMode.HOURS) -> Duration:
        return cls(n, "wd", DaysMode(mode))

    @classmethod
    def parse(cls, text: str, days_mode: DaysMode | str = DaysMode.HOURS) -> Duration:
        """``8h``, ``4h30m``, ``90m``, ``45s``, ``3wd`` (working days), ``30cd`` (calendar days)."""
        s = text.strip().lower().replace(" ", "")
        if not s or _DURATION_RE.sub("", s):
            raise ValueError(f"duration {text!r}: expected e.g. 8h, 4h30m, 90m or 3wd")
        parts = _DURATION_RE.findall(s)
        units = [u for _, u in parts]
        if len(set(units)) != len(units):
            raise ValueError(f"duration {text!r}: a unit appears twice")
        if any(u in ("wd", "cd", "d") for u in units):
            if len(parts) != 1:
                raise ValueError(f"duration {text!r}: days cannot be combined with other units")
            n, u = int(parts[0][0]), parts[0][1]
            return cls(n, "wd" if u == "wd" else "cd", DaysMode(days_mode))
        mult = {"h": 3600, "m": 60, "s": 1}
        return cls(sum(int(n) * mult[u] for n, u in parts), "s")

    @property
    def seconds(self) -> int:
        if self.unit != "s":
            raise ValueError(f"duration {self}: not a fixed number of seconds")
        return self.amount

    def __str__(self) -> str:
        if self.unit == "wd":
            return f"{self.amount}wd ({self.days_mode.value})"
        if self.unit == "cd":
            return f"{self.amount} calendar days"
        h, rest = divmod(self.amount, 3600)
        m, s = divmod(rest, 60)
        out = (f"{h}h" if h else "") + (f"{m}m" if m else "") + (f"{s}s" if s else "")
        return out or "0s"


# --------------------------------------------------------------------------------------------
# Results and explanations
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DayPlan:
    """One local date: its working intervals (UTC epoch seconds) and why."""

    day: date
    intervals: tuple[tuple[int, int], ...]
    total: int
    reason: str
    name: str | None = None  # holiday name where known
    label: str | None = None  # closure / override label
    evidence_ref: str | None = None
    provisional: bool = False

    @property
    def working(self) -> bool:
        return self.total > 0


@dataclass(frozen=True)
class Step:
    """One line of an explanation.

    ``kind``: ``counted`` (an interval of business time that counts), ``paused`` (working time
    not counted because the clock was paused) or ``skipped`` (a whole day that does not count).
    Times are in the supplier's zone; ``buyer_start``/``buyer_end`` in the buyer's, if given.
    """

    kind: str
    day: date
    reason: str
    seconds: int = 0
    start: datetime | None = None
    end: datetime | None = None
    buyer_start: datetime | None = None
    buyer_end: datetime | None = None
    name: str | None = None
    label: str | None = None
    evidence_ref: str | None = None
    provisional: bool = False

    def describe(self) -> str:
        why = REASON_TEXT.get(self.reason, self.reason)
        extra = "; ".join(x for x in (self.name, self.label) if x)
        if extra:
            why = f"{why}: {extra}"
        if self.evidence_ref:
            why += f" [evidence {self.evidence_ref}]"
        if self.provisional:
            why += " [PROVISIONAL: no published official calendar for this date]"
        wd = WEEKDAY_NAMES[self.day.weekday()]
        if self.kind == "skipped":
            return f"{self.day.isoformat()} {wd}  skipped  {why}"
        assert self.start is not None and self.end is not None
        span = f"{self.start:%H:%M:%S}-{self.end:%H:%M:%S}"
        if self.buyer_start is not None and self.buyer_end is not None:
            span += f" (buyer: {self.buyer_start:%Y-%m-%d %H:%M:%S}-{self.buyer_end:%H:%M:%S %Z})"
        verb = "counted" if self.kind == "counted" else "paused "
        return f"{self.day.isoformat()} {wd}  {verb}  {span}  {_hms(self.seconds)}  {why}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "day": self.day.isoformat(),
            "reason": self.reason,
            "seconds": self.seconds,
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "buyer_start": self.buyer_start.isoformat() if self.buyer_start else None,
            "buyer_end": self.buyer_end.isoformat() if self.buyer_end else None,
            "name": self.name,
            "label": self.label,
            "evidence_ref": self.evidence_ref,
            "provisional": self.provisional,
        }


def _hms(seconds: int) -> str:
    sign = "-" if seconds < 0 else ""
    h, rest = divmod(abs(seconds), 3600)
    m, s = divmod(rest, 60)
    return f"{sign}{h}h{m:02d}m{s:02d}s"


def format_seconds(seconds: int) -> str:
    """Human-readable business/calendar duration, e.g. ``2h05m00s``."""
    return _hms(seconds)


@dataclass(frozen=True)
class Explanation:
    """How a business-time result was counted: structured steps plus a readable rendering."""

    timezone: str
    buyer_timezone: str | None
    calendar: str  # calendar description incl. official data version
    start: datetime
    end: datetime
    business_seconds: int
    steps: tuple[Step, ...]
    notes: tuple[str, ...] = ()

    def render(self) -> str:
        lines = [f"Calendar: {self.calendar}"]
        lines.append(f"From {self.start.isoformat()} to {self.end.isoformat()} ({self.timezone})")
        if self.buyer_timezone:
            bz = ZoneInfo(self.buyer_timezone)
            lines.append(
                f"  buyer's time ({self.buyer_timezone}): {self.start.astimezone(bz).isoformat()}"
                f" to {self.end.astimezone(bz).isoformat()}"
            )
        lines.extend(f"  {s.describe()}" for s in self.steps)
        lines.extend(f"Note: {n}" for n in self.notes)
        lines.append(f"Business time counted: {_hms(self.business_seconds)} ({self.business_seconds} s)")
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        return {
            "timezone": self.timezone,
            "buyer_timezone": self.buyer_timezone,
            "calendar": self.calendar,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "business_seconds": self.business_seconds,
            "steps": [s.to_dict() for s in self.steps],
            "notes": list(self.notes),
            "text": self.render(),
        }


@dataclass(frozen=True)
class AddResult:
    """``deadline`` in the calendar's zone; ``provisional`` if it rests on unpublished data."""

    deadline: datetime
    provisional: bool
    _explain: Callable[[], Explanation] = field(repr=False, compare=False)

    @cached_property
    def explanation(self) -> Explanation:
        return self._explain()


@dataclass(frozen=True)
class ElapsedResult:
    business_seconds: int
    provisional: bool
    _explain: Callable[[], Explanation] = field(repr=False, compare=False)

    @cached_property
    def explanation(self) -> Explanation:
        return self._explain()


Pause = tuple[datetime, datetime]


# --------------------------------------------------------------------------------------------
# The calendar
# --------------------------------------------------------------------------------------------


DEFAULT_WINDOWS = "09:00-12:00,13:00-18:00"


class BusinessCalendar:
    """A supplier's business calendar. Immutable after construction; caches day plans.

    ``windows``: a string such as ``"09:00-12:00,13:00-18:00"`` or a sequence of windows applied
    to each day in ``workdays`` (default Monday-Friday), or a mapping weekday (0=Mon) -> windows.
    ``makeup_windows``: the windows of a make-up working day (调休) that falls on a day without
    weekly windows; default the first non-empty weekday's windows (the "standard day").
    ``hours_per_day``: the length of a standard working day in seconds for ``DaysMode.HOURS``;
    default the length of the standard day's windows.
    ``official``: ``"cn"`` (default), ``"none"``, a country code, or an OfficialCalendar.
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
                    raise ValueError(f"windows: weekday {k} must be 0 (Mon) to 6 (Sun)")
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
    def from_spec(cls, spec: Mapping[str, Any]) -> BusinessCalendar:
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
            T("official: %(code)s (%(version)s)", code=self.official.code, version=self.official.version),
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

    # ---- public operations -------------------------------------------------------------------

    def elapsed(
        self, start: datetime, end: datetime, *, pauses: Iterable[Pause] = (), buyer_tz: str | None = None
    ) -> ElapsedResult:
        """Business seconds between start and end (0 if end <= start), minus paused time."""
        e0, e1 = to_epoch(start, "start"), to_epoch(end, "end")
        pause_list = list(pauses)
        pp = self.pause_positions(_pause_epochs(pause_list)) if pause_list else []
        secs, prov = self.elapsed_epoch(e0, e1, pp)
        return ElapsedResult(secs, prov, lambda: self.explain(start, end, pauses=pause_list, buyer_tz=buyer_tz))

    def elapsed_epoch(self, e0: int, e1: int, pp: list[tuple[int, int]] | None = None) -> tuple[int, bool]:
        """Fast path: (business seconds, provisional) between epoch seconds, pauses as positions."""
        if e1 < e0:
            e1 = e0
        return self.seconds_between(e0, e1, pp), self._is_provisional(e0, e1)

    def seconds_between(self, e0: int, e1: int, pp: list[tuple[int, int]] | None = None) -> int:
        """Fastest path: business seconds between epoch seconds (0 if e1 <= e0)."""
        if e1 <= e0:
            return 0
        a, b = self._pos(e0), self._pos(e1)
        return b - a - (self._paused_between(pp, a, b) if pp else 0)

    def business_seconds(self, start: datetime, end: datetime) -> int:
        """Fast path of :meth:`elapsed` without pauses or explanation."""
        return self.elapsed_epoch(to_epoch(start, "start"), to_epoch(end, "end"))[0]

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


def _pause_epochs(pauses: Sequence[Pause]) -> list[tuple[int, int]]:
    out = []
    for a, b in pauses:
        ea, eb = to_epoch(a, "pause start"), to_epoch(b, "pause end")
        if eb < ea:
            raise ValueError(f"pause: end {b.isoformat()} is before start {a.isoformat()}")
        out.append((ea, eb))
    return out


def _merge_pairs(pairs: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in sorted(pairs):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


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


def add(calendar: BusinessCalendar, start: datetime, duration: Duration | str) -> AddResult:
    """Module-level convenience for :meth:`BusinessCalendar.add`."""
    return calendar.add(start, duration)


def elapsed(calendar: BusinessCalendar, start: datetime, end: datetime) -> ElapsedResult:
    """Module-level convenience for :meth:`BusinessCalendar.elapsed`."""
    return calendar.elapsed(start, end)
