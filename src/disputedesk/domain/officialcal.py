"""Official (public) working-day calendars: which dates are working days, and why.

This is the one place that knows about statutory holidays. The SLA engine (business time)
and the legal-deadline rules (Civil Code Art. 203: a period ending on a rest day ends on the
next working day) both ask it, so both use the same data.

China: the State Council publishes each year's holidays and the make-up working days
(调休, weekend days that become working days) in a notice, usually in November for the next
year. The `chinese_calendar` package carries that published data year by year; a date in a
year it has no data for is *not guessed*: it is answered with the ordinary Mon–Fri rule and
marked ``provisional=True`` so that results depending on it can be shown as such and
recomputed when the notice is published.

Other countries: the `holidays` package computes public holidays by rule for any year;
answers are not provisional. ``"none"``: Monday to Friday, no holidays.

Pure domain code: no I/O, no clock. A data package import is not I/O.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import metadata

from .text import Country, T

# Reasons a day is (not) working; stable strings used in explanations and JSON.
WEEKDAY = "weekday"
WEEKEND = "weekend"
STATUTORY_HOLIDAY = "statutory_holiday"
MAKEUP_WORKDAY = "makeup_workday"


@dataclass(frozen=True)
class DayInfo:
    day: date
    working: bool
    reason: str  # one of the constants above
    name: str | None = None  # holiday name where known, e.g. "Spring Festival"
    provisional: bool = False  # true when no published data covers this date


class OfficialCalendar:
    """Answers `day(d)` for one jurisdiction; `code` and `version` identify the data used."""

    code: str = "none"

    @property
    def version(self) -> str:
        return "weekdays-only"

    @property
    def described(self) -> str:
        """The calendar for a reader: its code and the data it rests on."""
        return T("%(code)s (%(version)s)", code=self.code, version=self.version)

    def covers(self, d: date) -> bool:  # noqa: ARG002 - a pure weekday rule covers every date
        return True

    def day(self, d: date) -> DayInfo:
        if d.weekday() >= 5:
            return DayInfo(d, False, WEEKEND)
        return DayInfo(d, True, WEEKDAY)

    def is_working_day(self, d: date) -> bool:
        return self.day(d).working


class ChinaCalendar(OfficialCalendar):
    """Mainland China: statutory holidays and make-up working days as published.

    Source of the data: State Council General Office notices on holiday arrangements
    (国务院办公厅关于…部分节假日安排的通知), as packaged by `chinese_calendar`.
    We use that package rather than `holidays` because `holidays` lists the days off but not
    the make-up working days (a Saturday that is a working day), which is exactly what
    business-time arithmetic must get right (e.g. Sat 2026-02-14 is a working day).
    """

    code = "cn"

    def __init__(self) -> None:
        import chinese_calendar

        self._holidays: dict[date, str] = dict(chinese_calendar.holidays)
        self._workdays: dict[date, str] = dict(chinese_calendar.workdays)
        years = {d.year for d in self._holidays} | {d.year for d in self._workdays}
        self._first_year = min(years)
        self._last_year = max(years)
        self._version = f"chinese_calendar {metadata.version('chinese_calendar')}"

    @property
    def version(self) -> str:
        return T(
            "%(package)s (published data %(first)s–%(last)s)",
            package=self._version,
            first=self._first_year,
            last=self._last_year,
        )

    @property
    def described(self) -> str:
        """Named for a reader, without the package's name (the calendar's identifier keeps it)."""
        return T(
            "mainland China (holiday data %(data)s, published %(first)s–%(last)s)",
            data=self._version.rpartition(" ")[2],
            first=self._first_year,
            last=self._last_year,
        )

    @property
    def last_published_year(self) -> int:
        return self._last_year

    def covers(self, d: date) -> bool:
        return self._first_year <= d.year <= self._last_year

    def day(self, d: date) -> DayInfo:
        if not self.covers(d):
            base = super().day(d)
            return DayInfo(d, base.working, base.reason, None, provisional=True)
        if d in self._holidays:
            return DayInfo(d, False, STATUTORY_HOLIDAY, self._holidays[d])
        if d in self._workdays:
            return DayInfo(d, True, MAKEUP_WORKDAY, self._workdays[d])
        return super().day(d)


class CountryCalendar(OfficialCalendar):
    """Any other country through the `holidays` package (rule-based, not provisional)."""

    def __init__(self, code: str) -> None:
        import holidays

        self.code = code.lower()
        try:
            self._h = holidays.country_holidays(code.upper())
        except NotImplementedError as exc:
            raise ValueError(f"unknown calendar {code!r}: not a country known to the holidays package") from exc
        self._data = holidays.__version__
        self._version = f"holidays {self._data} ({code.upper()})"

    @property
    def version(self) -> str:
        return self._version

    @property
    def described(self) -> str:
        """Named for a reader: the country's public holidays and the data's version, not the package."""
        return T(
            "public holidays of %(country)s (holiday data %(data)s)",
            country=Country(self.code.upper()),
            data=self._data,
        )

    def day(self, d: date) -> DayInfo:
        name = self._h.get(d)
        if name:
            return DayInfo(d, False, STATUTORY_HOLIDAY, str(name))
        return super().day(d)


@lru_cache(maxsize=32)
def get_calendar(code: str = "cn") -> OfficialCalendar:
    """`cn` (default), `none`, or an ISO 3166 country code such as `de`."""
    code = (code or "cn").strip().lower()
    if code == "none":
        return OfficialCalendar()
    if code == "cn":
        return ChinaCalendar()
    return CountryCalendar(code)
