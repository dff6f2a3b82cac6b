"""Legal period arithmetic under the PRC Civil Code, Arts. 200–203.

The rules (LEGAL-NOTES D7):

* Art. 200 — periods are counted by the Gregorian calendar in years, months, days and hours.
* Art. 201 — for a period in years, months or days, the day on which it starts is not counted;
  counting begins on the next day.
* Art. 202 — a period in years or months ends on the corresponding day of the final month; if
  that month has no corresponding day, on the last day of the month (Jan 31 + 1 month = Feb 28
  or 29; Feb 29 + 1 year = Feb 28).
* Art. 203 — if the last day is a statutory rest day (法定休假日: statutory holidays and the weekly
  rest days), the period ends on the day after the rest ends, i.e. on the next working day; the
  cut-off is 24:00 (or the close of business where business hours apply). A make-up working day
  (调休, e.g. Sat 2026-02-14) is a working day, so a period ending on it is not extended.
  Court procedure rolls the same way (Civil Procedure Law Art. 85).

Working days come from :mod:`disputedesk.domain.officialcal` (the same data as the SLA engine).
A result that depends on a day for which no official calendar data is published is marked
``provisional``: it must be recomputed when the State Council publishes that year's holidays.

Pure domain code: no I/O, no clock.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

# dateutil's relativedelta implements exactly Art. 202's "corresponding day, else month end"
# clamping for month and year steps, so we use it instead of hand-written month arithmetic.
from dateutil.relativedelta import relativedelta

from .officialcal import MAKEUP_WORKDAY, STATUTORY_HOLIDAY, WEEKDAY, WEEKEND, OfficialCalendar, get_calendar
from .text import Cite, Seq, T, Text

ART_200 = Cite("PRC Civil Code Art. 200")
ART_201 = Cite("PRC Civil Code Art. 201")
ART_202 = Cite("PRC Civil Code Art. 202")
ART_203 = Cite("PRC Civil Code Art. 203")
CPL_ART_85 = Cite("PRC Civil Procedure Law (2023) Art. 85")

# Why a day is (not) a working day, as words.
_REASONS = {
    WEEKDAY: T("weekday"),
    WEEKEND: T("weekend"),
    STATUTORY_HOLIDAY: T("statutory holiday"),
    MAKEUP_WORKDAY: T("makeup workday"),
}

# A rest-day run longer than this cannot happen (the longest Chinese holiday block is 9 days);
# it guards against a broken calendar making the roll loop forever.
_MAX_ROLL_DAYS = 31


class Unit(StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"


@dataclass(frozen=True)
class PeriodResult:
    """A computed period end with the reasoning a reader needs to check it."""

    start: date  # the day of the event that starts the period (not counted, Art. 201)
    length: int
    unit: Unit
    nominal_end: date  # end before the rest-day rule (Arts. 201–202)
    due: date  # the last day of the period (after Art. 203 where applied)
    provisional: bool  # a day that decided the result lies outside published calendar data
    rolled: bool  # True when Art. 203 moved the end
    steps: tuple[str, ...]
    citations: tuple[str, ...]
    calendar_version: str
    notes: tuple[str, ...] = field(default=())

    def explanation(self) -> str:
        return "; ".join(self.steps)

    def to_json(self) -> dict[str, object]:
        return {
            "start": self.start.isoformat(),
            "length": self.length,
            "unit": self.unit.value,
            "nominal_end": self.nominal_end.isoformat(),
            "due": self.due.isoformat(),
            "provisional": self.provisional,
            "rolled": self.rolled,
            "steps": list(self.steps),
            "citations": list(self.citations),
            "calendar_version": self.calendar_version,
        }


def require_date(value: object, name: str = "date") -> date:
    """Return ``value`` if it is a plain date; datetimes and anything else are a ValueError.

    A datetime is a subclass of date in Python; accepting one here would silently drop its time
    and zone. Convert with :func:`legal_date` first.
    """
    if isinstance(value, datetime) or not isinstance(value, date):
        raise ValueError(f"{name}: expected a calendar date (datetime.date), got {type(value).__name__}")
    return value


def legal_date(moment: datetime, zone: str = "Asia/Shanghai") -> date:
    """The calendar day on which a tz-aware moment falls in ``zone`` (default: China time)."""
    if not isinstance(moment, datetime):
        raise ValueError(f"moment: expected a tz-aware datetime, got {type(moment).__name__}")
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("moment: naive datetime (no time zone); give a tz-aware datetime")
    return moment.astimezone(ZoneInfo(zone)).date()


def _calendar(calendar: OfficialCalendar | str) -> OfficialCalendar:
    return get_calendar(calendar) if isinstance(calendar, str) else calendar


def add_nominal(start: date, length: int, unit: Unit | str) -> date:
    """End of a period before the rest-day rule: Arts. 201 and 202.

    The start day is not counted (Art. 201), so ``n`` days after ``start`` is ``start + n``;
    ``n`` months or years end on the corresponding day, or the month end where there is none.
    """
    require_date(start, "start")
    if isinstance(length, bool) or not isinstance(length, int) or length < 0:
        raise ValueError(f"length: expected a non-negative whole number, got {length!r}")
    u = Unit(unit)
    if u is Unit.DAY:
        return start + timedelta(days=length)
    if u is Unit.MONTH:
        return start + relativedelta(months=length)
    return start + relativedelta(years=length)


def roll_to_working_day(day: date, calendar: OfficialCalendar | str = "cn") -> tuple[date, bool, tuple[str, ...]]:
    """Art. 203: move a last day that is a rest day to the next working day.

    Returns (day, provisional, steps). ``provisional`` is True when any day looked at is outside
    the calendar's published data.
    """
    require_date(day, "day")
    cal = _calendar(calendar)
    rest: list[Text] = []
    provisional = False
    current = day
    for _ in range(_MAX_ROLL_DAYS):
        info = cal.day(current)
        provisional = provisional or info.provisional
        parts: list[object] = [_REASONS.get(info.reason) or info.reason.replace("_", " ")]
        if info.name:
            parts.append(T(info.name))
        if info.provisional:
            parts.append(T("no published calendar data"))
        label = Seq(parts, ", ")
        if info.working:
            steps: list[str] = []
            if rest:
                steps.append(T("rest days: %(days)s", days=Seq(rest)))
                steps.append(T("%(day)s is a working day (%(why)s)", day=current, why=label))
            elif info.reason == MAKEUP_WORKDAY:
                steps.append(T("%(day)s is a make-up working day (%(why)s), not a rest day", day=current, why=label))
            return current, provisional, tuple(steps)
        rest.append(T("%(day)s (%(why)s)", day=current, why=label))
        current += timedelta(days=1)
    raise ValueError(f"calendar {cal.code!r} has no working day within {_MAX_ROLL_DAYS} days of {day}")


def compute_period(
    start: date,
    length: int,
    unit: Unit | str,
    *,
    calendar: OfficialCalendar | str = "cn",
    roll: bool = True,
) -> PeriodResult:
    """The last day of a period of ``length`` ``unit``s starting with the event on ``start``.

    ``roll=False`` leaves out Art. 203 (used where a fixed outer limit is shown conservatively);
    the explanation then says what Art. 203 would give.
    """
    require_date(start, "start")
    u = Unit(unit)
    cal = _calendar(calendar)
    nominal = add_nominal(start, length, u)
    steps: list[str] = [
        T(
            "event on %(start)s; that day is not counted, counting starts %(first)s (%(rule)s)",
            start=start,
            first=start + timedelta(days=1),
            rule=ART_201,
        ),
    ]
    citations = [ART_200, ART_201]
    one = length == 1
    if u is Unit.DAY:
        steps.append(
            T("%(n)s day counted from then ends %(end)s", n=length, end=nominal)
            if one
            else T("%(n)s days counted from then end %(end)s", n=length, end=nominal)
        )
    else:
        corresponding = nominal.day == start.day
        how = T("the corresponding day") if corresponding else T("the last day of the month (no corresponding day)")
        ids = {
            (Unit.MONTH, True): "%(n)s month ends on %(how)s: %(end)s (%(rule)s)",
            (Unit.MONTH, False): "%(n)s months end on %(how)s: %(end)s (%(rule)s)",
            (Unit.YEAR, True): "%(n)s year ends on %(how)s: %(end)s (%(rule)s)",
            (Unit.YEAR, False): "%(n)s years end on %(how)s: %(end)s (%(rule)s)",
        }
        steps.append(T(ids[(u, one)], n=length, how=how, end=nominal, rule=ART_202))
        citations.append(ART_202)
    notes: list[str] = []
    if roll:
        due, provisional, roll_steps = roll_to_working_day(nominal, cal)
        steps.extend(roll_steps)
        if due != nominal:
            steps.append(T("the period ends on the next working day: %(due)s (%(rule)s)", due=due, rule=ART_203))
        else:
            steps.append(T("%(day)s is a working day: no extension (%(rule)s)", day=nominal, rule=ART_203))
        citations.append(ART_203)
        if provisional:
            steps.append(
                T(
                    "calendar %(calendar)s has no published holidays for %(year)s: result is provisional",
                    calendar=cal.version,
                    year=due.year,
                )
            )
    else:
        due = nominal
        provisional = False
        rolled_to, would_be_provisional, _ = roll_to_working_day(nominal, cal)
        if rolled_to != nominal:
            notes.append(
                T(
                    "not moved to the next working day; applying %(rule)s would give %(day)s (provisional)",
                    rule=ART_203,
                    day=rolled_to,
                )
                if would_be_provisional
                else T(
                    "not moved to the next working day; applying %(rule)s would give %(day)s",
                    rule=ART_203,
                    day=rolled_to,
                )
            )
            steps.append(notes[-1])
    return PeriodResult(
        start=start,
        length=length,
        unit=u,
        nominal_end=nominal,
        due=due,
        provisional=provisional,
        rolled=due != nominal,
        steps=tuple(steps),
        citations=tuple(citations),
        calendar_version=cal.version,
        notes=tuple(notes),
    )
