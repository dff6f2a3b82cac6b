"""The support terms page's form per severity level: response and resolution times with their unit (hours, business
hours, business days), the level's service hours and holiday calendar. Read into the terms the engine takes (the API
keeps JSON), and the newest version shown back in it.

Hours are counted in the calendar the level counts in: business hours in its service hours (else the supplier's
business calendar), hours round the clock; a business day is a working day of that calendar (its standard day's
working hours where a day is counted as hours: one source, the calendar's windows).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from ...domain.bizcal import BusinessCalendar, Duration
from ...domain.bizcal.model import parse_windows
from ...domain.text import Quoted, T, Text

LEVELS = ("critical", "high", "normal", "low")
UNITS = ("business_hours", "hours", "business_days")
DAYS = {"mon-fri": (0, 1, 2, 3, 4), "mon-sat": (0, 1, 2, 3, 4, 5), "every-day": (0, 1, 2, 3, 4, 5, 6)}
HOLIDAYS = ("supplier", "cn", "none")  # the supplier's calendar's, Chinese statutory holidays, none
TARGETS = (("response", "first_response"), ("resolution", "resolution"))
_FIELD_NAMES = {
    "response": "Response time",
    "response_unit": "Unit of the response time",
    "resolution": "Resolution time",
    "resolution_unit": "Unit of the resolution time",
    "hours": "Service hours",
    "days": "Service days",
    "holidays": "Holidays",
}
ROUND_THE_CLOCK = {"windows": {str(d): "00:00-24:00" for d in range(7)}, "official": "none"}


def _field(level: str, part: str) -> Text:
    """ "Response time (critical)" / "响应时间（紧急）": the box a message is about, as the form labels it."""
    return T("%(field)s (%(level)s)", field=T(_FIELD_NAMES[part]), level=T(level))


def _refuse(level: str, part: str, why: Text) -> ValueError:
    return ValueError(T("%(field)s: %(message)s", field=_field(level, part), message=why))


def _amount(level: str, part: str, typed: str, unit: str) -> Duration:
    try:
        n = Decimal(typed.replace(",", "."))
    except InvalidOperation:
        raise _refuse(level, part, T("'%(value)s' is not a number", value=typed)) from None
    if not n.is_finite() or n <= 0:
        raise _refuse(level, part, T("%(value)s: give a time greater than 0", value=Quoted(typed))) from None
    if unit == "business_days":
        if n != n.to_integral_value():
            raise _refuse(level, part, T("%(value)s: business days are whole days", value=Quoted(typed)))
        return Duration(int(n), "wd")
    seconds = n * 3600
    if seconds != seconds.to_integral_value() or seconds > 10_000 * 3600:
        raise _refuse(level, part, T("%(value)s: give hours to the second, at most 10000", value=Quoted(typed)))
    return Duration(int(seconds), "s")


def terms_from_form(
    form: Mapping[str, str], base: Mapping[str, Any] | None, supplier: Mapping[str, Any]
) -> dict[str, Any]:
    """The terms a filled form gives: ``base`` (the newest version's terms, or None) with the form's label and levels;
    a level's update interval and workaround are kept from ``base``. ``supplier`` is the supplier's calendar spec
    (its zone, windows and holidays). A ValueError (a sentence) names the box and what is wrong; nothing is read
    half."""
    out = {k: v for k, v in (base or {}).items() if k not in ("label", "label_zh", "severities")}
    out["label"] = (form.get("label") or "").strip() or (base or {}).get("label") or "terms"
    out["label_zh"] = (form.get("label_zh") or "").strip() or None
    old = (base or {}).get("severities") or {}
    levels: dict[str, Any] = {}
    for level in LEVELS:
        typed = {part: (form.get(f"{level}_{part}") or "").strip() for part in _FIELD_NAMES}
        units = {}
        for part, _key in TARGETS:
            unit = typed[f"{part}_unit"] or "business_hours"
            if unit not in UNITS:
                why = T("'%(value)s' is not hours, business hours or business days", value=typed[f"{part}_unit"])
                raise _refuse(level, f"{part}_unit", why)
            units[part] = unit
        given = {part: _amount(level, part, typed[part], units[part]) for part, _k in TARGETS if typed[part]}
        if not given:
            continue
        hourly = {units[p] for p in given if units[p] != "business_days"}
        if len(hourly) > 1:
            why = T(
                "a level counts hours one way: the response and the resolution both in hours, or both in business hours"
            )
            raise _refuse(level, "resolution_unit", why)
        days = typed["days"] or "mon-fri"
        if days not in DAYS:
            raise _refuse(level, "days", T("'%(value)s' is not a choice of the form", value=days))
        holidays = typed["holidays"] or "supplier"
        if holidays not in HOLIDAYS:
            raise _refuse(level, "holidays", T("'%(value)s' is not a choice of the form", value=holidays))
        coverage: dict[str, Any] | None = None
        if hourly == {"hours"}:
            if typed["hours"] or days != "mon-fri" or holidays != "supplier":
                why = T("hours count every hour of every day: leave the service hours empty, or choose business hours")
                raise _refuse(level, "hours", why)
            coverage = {"tz": supplier.get("tz", "Asia/Shanghai"), **ROUND_THE_CLOCK}
        elif typed["hours"] or days != "mon-fri" or holidays != "supplier":
            try:
                windows = ",".join(map(str, parse_windows(typed["hours"] or _standard_day(supplier))))
            except ValueError as exc:
                why = exc.args[0] if exc.args and isinstance(exc.args[0], Text) else T("%(detail)s", detail=str(exc))
                raise _refuse(level, "hours", why) from None
            official = supplier.get("official", "cn") if holidays == "supplier" else holidays
            coverage = {"tz": supplier.get("tz", "Asia/Shanghai"), "windows": {str(d): windows for d in DAYS[days]},
                        "official": official}  # fmt: skip
        before = old.get(level) or {}
        entry = {k: v for k, v in before.items() if k in ("update_interval", "workaround") and v}
        for part, key in TARGETS:
            if part in given:
                d = given[part]
                # a working-day target keeps how its days were counted (days_mode) when it was in working days before
                entry[key] = (
                    {"amount": d.amount, "unit": "wd", "days_mode": _days_mode(before.get(key))}
                    if d.unit == "wd"
                    else str(d)
                )
            elif _in_calendar_days(before.get(key)):  # a target the form does not show is kept
                entry[key] = before[key]
        if coverage is not None:
            entry["coverage"] = coverage
        levels[level] = entry
    if not levels:
        raise _refuse("critical", "response", T("give at least one level a response or a resolution time"))
    out["severities"] = levels
    return out


def _days_mode(raw: Any) -> str:
    """How a stored working-day target counted its days (end-of-day, same-time; default: hours)."""
    if isinstance(raw, Mapping) and raw.get("unit") == "wd":
        return str(raw.get("days_mode") or "hours")
    return "hours"


def _in_calendar_days(raw: Any) -> bool:
    """A stored target in calendar days ("30cd"), which the form has no unit for."""
    return bool(raw) and (raw.endswith("cd") if isinstance(raw, str) else raw.get("unit") == "cd")


def _standard_day(supplier: Mapping[str, Any]) -> str:
    """The supplier's standard working day (its make-up days' windows): the service hours where only the days or the
    holidays differ."""
    return str(supplier.get("makeup_windows") or "09:00-12:00,13:00-18:00")


def form_from_terms(terms: Mapping[str, Any] | None) -> dict[str, str]:
    """The form filled with a version's levels (empty boxes for the levels it leaves out)."""
    out: dict[str, str] = {
        "label": str((terms or {}).get("label") or ""),
        "label_zh": str((terms or {}).get("label_zh") or ""),
    }
    for level, sv in ((terms or {}).get("severities") or {}).items():
        cov = sv.get("coverage")
        cal = BusinessCalendar.from_spec(cov) if cov else None
        round_clock = bool(cal and cal.round_the_clock)
        for part, key in TARGETS:
            raw = sv.get(key)
            if not raw:
                continue
            d = Duration.parse(raw) if isinstance(raw, str) else Duration(int(raw["amount"]), raw.get("unit", "s"))
            if d.unit == "wd":
                out[f"{level}_{part}"], out[f"{level}_{part}_unit"] = str(d.amount), "business_days"
            elif d.unit == "s":
                hours = (Decimal(d.amount) / 3600).normalize()
                out[f"{level}_{part}"] = format(hours, "f")
                out[f"{level}_{part}_unit"] = "hours" if round_clock else "business_hours"
        if cal is not None and not round_clock:
            worked = tuple(d for d in range(7) if cal.weekly[d])
            out[f"{level}_days"] = next((k for k, v in DAYS.items() if v == worked), "mon-fri")
            first = next((cal.weekly[d] for d in worked), ())
            out[f"{level}_hours"] = ",".join(map(str, first))
            out[f"{level}_holidays"] = cal.official.code if cal.official.code in HOLIDAYS else "supplier"
    return out
