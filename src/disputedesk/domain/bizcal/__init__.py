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

Layout (a package split by use case, each module well under 600 lines):
- ``model``: reasons, epoch helpers, the configuration (:class:`Window`, :class:`Closure`,
  :class:`DayOverride`, :class:`Duration`) and the results (:class:`DayPlan`, :class:`Step`,
  :class:`Explanation`, :class:`AddResult`, :class:`ElapsedResult`);
- ``timeline``: the calendar spec and its official days, turned into cached day plans and
  business positions (the one shared representation), and pauses in position space;
- ``explaining``: the day-by-day :meth:`BusinessCalendar.explain`;
- ``measuring``: business time between two instants (``elapsed`` and its fast paths);
- ``adding``: adding business time, working days or calendar days (``add`` and its fast path);
- ``calendar``: :class:`BusinessCalendar`, which combines them, and the module-level
  ``add``/``elapsed``.
"""

from ..officialcal import (
    MAKEUP_WORKDAY,
    STATUTORY_HOLIDAY,
    WEEKDAY,
    WEEKEND,
    OfficialCalendar,
    get_calendar,
)
from .calendar import BusinessCalendar, add, elapsed
from .model import (
    CLOSURE,
    DAY_SECONDS,
    DEFAULT_WINDOWS,
    NO_HOURS,
    OVERRIDE,
    PAUSE,
    REASON_TEXT,
    WEEKDAY_NAMES,
    AddResult,
    Closure,
    DayOverride,
    DayPlan,
    DaysMode,
    Duration,
    ElapsedResult,
    Explanation,
    Pause,
    Step,
    Window,
    format_seconds,
    parse_windows,
    to_epoch,
    zone,
)

__all__ = [
    "AddResult",
    "BusinessCalendar",
    "CLOSURE",
    "Closure",
    "DAY_SECONDS",
    "DEFAULT_WINDOWS",
    "DayOverride",
    "DayPlan",
    "DaysMode",
    "Duration",
    "ElapsedResult",
    "Explanation",
    "MAKEUP_WORKDAY",
    "NO_HOURS",
    "OVERRIDE",
    "OfficialCalendar",
    "PAUSE",
    "Pause",
    "REASON_TEXT",
    "STATUTORY_HOLIDAY",
    "Step",
    "WEEKDAY",
    "WEEKDAY_NAMES",
    "WEEKEND",
    "Window",
    "add",
    "elapsed",
    "format_seconds",
    "get_calendar",
    "parse_windows",
    "to_epoch",
    "zone",
]
