"""Business time, the calendar: :class:`BusinessCalendar` combines the use cases; module-level shortcuts."""

from __future__ import annotations

from datetime import datetime

from .adding import _Adding
from .measuring import _Measuring
from .model import AddResult, Duration, ElapsedResult


class BusinessCalendar(_Adding, _Measuring):
    """A supplier's business calendar. Immutable after construction; caches day plans.

    ``windows``: a string such as ``"09:00-12:00,13:00-18:00"`` or a sequence of windows applied
    to each day in ``workdays`` (default Monday-Friday), or a mapping weekday (0=Mon) -> windows.
    ``makeup_windows``: the windows of a make-up working day (调休) that falls on a day without
    weekly windows; default the first non-empty weekday's windows (the "standard day").
    ``hours_per_day``: the length of a standard working day in seconds for ``DaysMode.HOURS``;
    default the length of the standard day's windows.
    ``official``: ``"cn"`` (default), ``"none"``, a country code, or an OfficialCalendar.
    """


def add(calendar: BusinessCalendar, start: datetime, duration: Duration | str) -> AddResult:
    """Module-level convenience for :meth:`BusinessCalendar.add`."""
    return calendar.add(start, duration)


def elapsed(calendar: BusinessCalendar, start: datetime, end: datetime) -> ElapsedResult:
    """Module-level convenience for :meth:`BusinessCalendar.elapsed`."""
    return calendar.elapsed(start, end)
