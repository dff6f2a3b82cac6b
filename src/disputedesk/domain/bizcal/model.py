"""Business time, the model: reasons, epoch helpers, the calendar's configuration and the results.

See the package docstring (``domain/bizcal/__init__.py``) for why business time is hand-written.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone
from enum import StrEnum
from functools import cached_property
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..officialcal import (
    MAKEUP_WORKDAY,
    STATUTORY_HOLIDAY,
    WEEKDAY,
    WEEKEND,
)
from ..text import T

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
        if what == "time zone":  # the calendar's own zone: said in the reader's language
            raise ValueError(
                T("time zone '%(name)s': unknown (expected an IANA name such as Asia/Shanghai)", name=name)
            ) from exc
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
            said = f"{_clock(self.start)}-{_clock(self.end)}"
            raise ValueError(T("window '%(window)s': start must be before end", window=said))

    @classmethod
    def parse(cls, text: str) -> Window:
        m = re.fullmatch(r"\s*(\d{1,2}):(\d{2})(?::(\d{2}))?\s*-\s*(\d{1,2}):(\d{2})(?::(\d{2}))?\s*", text)
        if not m:
            raise ValueError(T("window '%(window)s': expected HH:MM-HH:MM, e.g. 09:00-12:00", window=text))
        h1, m1, s1, h2, m2, s2 = (int(g) if g else 0 for g in m.groups())
        if h1 > 23 or m1 > 59 or s1 > 59 or m2 > 59 or s2 > 59 or h2 > 24 or (h2 == 24 and (m2 or s2)):
            raise ValueError(T("window '%(window)s': not a valid clock time", window=text))
        start, end = h1 * 3600 + m1 * 60 + s1, h2 * 3600 + m2 * 60 + s2
        if start >= end:
            raise ValueError(T("window '%(window)s': start must be before end", window=text))
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
            raise ValueError(T("windows %(a)s and %(b)s overlap", a=str(a), b=str(b)))
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
            raise ValueError(
                T(
                    "closure '%(label)s': end %(end)s is before start %(start)s",
                    label=self.label,
                    end=self.end,
                    start=self.start,
                )
            )


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
            raise ValueError(T("duration '%(text)s': expected e.g. 8h, 4h30m, 90m or 3wd", text=text))
        parts = _DURATION_RE.findall(s)
        units = [u for _, u in parts]
        if len(set(units)) != len(units):
            raise ValueError(T("duration '%(text)s': a unit appears twice", text=text))
        if any(u in ("wd", "cd", "d") for u in units):
            if len(parts) != 1:
                raise ValueError(T("duration '%(text)s': days cannot be combined with other units", text=text))
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


DEFAULT_WINDOWS = "09:00-12:00,13:00-18:00"
