"""``disputedesk bizcal``: business-time arithmetic in a supplier's calendar.

    disputedesk bizcal add 2026-02-13T16:00+08:00 8h
    disputedesk bizcal between 2025-09-30T17:00+08:00 2025-10-09T12:00+08:00 --explain
    disputedesk bizcal add 2026-03-02T10:00+08:00 3wd --days-mode end-of-day --json

Pure computation (no database), so it calls the domain directly.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Annotated, Any, NoReturn

import typer

from disputedesk.domain.bizcal import BusinessCalendar, DaysMode, Duration, Explanation, parse_windows, zone
from disputedesk.domain.officialcal import get_calendar

bizcal_app = typer.Typer(
    help="Business time in the supplier's calendar (working hours, Chinese holidays and make-up days).",
    no_args_is_help=True,
)

CalendarOpt = Annotated[
    str, typer.Option("--calendar", help="Official calendar: cn (default), a country code such as de, or none.")
]
TzOpt = Annotated[str, typer.Option("--tz", help="Supplier's time zone (IANA name).")]
WindowsOpt = Annotated[str, typer.Option("--windows", help="Working windows Mon-Fri, e.g. 09:00-12:00,13:00-18:00.")]
DaysModeOpt = Annotated[
    str,
    typer.Option(
        "--days-mode",
        help="Meaning of working days (wd): hours (N x hours per day), end-of-day (end of the Nth "
        "working day), same-time (same clock time N working days later).",
    ),
]
BuyerTzOpt = Annotated[
    str | None, typer.Option("--buyer-tz", help="Also show explanation times in this zone (the buyer's).")
]
ExplainOpt = Annotated[bool, typer.Option("--explain", help="Show the intervals counted and the days skipped.")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print a JSON object.")]


def _fail(msg: str) -> NoReturn:
    typer.echo(f"error: {msg}", err=True)
    raise typer.Exit(2)


def _parse_time(value: str, name: str) -> datetime:
    try:
        dt = datetime.fromisoformat(value.strip())
    except ValueError:
        _fail(f"{name} {value!r}: not an ISO 8601 date-time (e.g. 2026-02-13T16:00+08:00)")
    if dt.tzinfo is None or dt.utcoffset() is None:
        _fail(f"{name} {value!r}: has no UTC offset; add one, e.g. {value}+08:00")
    return dt


def _check_buyer_tz(buyer_tz: str | None) -> None:
    if buyer_tz:
        try:
            zone(buyer_tz)
        except ValueError as exc:
            _fail(f"--buyer-tz: {exc}")


def _calendar(calendar: str, tz: str, windows: str) -> BusinessCalendar:
    try:
        wins = parse_windows(windows)
    except ValueError as exc:
        _fail(f"--windows: {exc}")
    if not wins:
        _fail("--windows: no working window given")
    try:
        official = get_calendar(calendar)
    except Exception as exc:  # ValueError, or the holidays package rejecting an odd code
        _fail(f"--calendar {calendar!r}: {exc} (expected cn, none or a country code such as de)")
    try:
        return BusinessCalendar(tz=tz, windows=wins, official=official)
    except ValueError as exc:
        _fail(f"--tz: {exc}")


def _emit(payload: dict[str, Any], text: str, explanation: Explanation, as_json: bool, explain: bool) -> None:
    if as_json:
        payload["explanation"] = explanation.to_dict()
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    typer.echo(text)
    if explain:
        typer.echo(explanation.render())


def _register_commands() -> None:
    @bizcal_app.command("add")
    def add_cmd(
        start: Annotated[str, typer.Argument(help="ISO 8601 start with offset, e.g. 2026-02-13T16:00+08:00.")],
        duration: Annotated[str, typer.Argument(help="e.g. 8h, 4h30m, 90m, 3wd (working days).")],
        calendar: CalendarOpt = "cn",
        tz: TzOpt = "Asia/Shanghai",
        windows: WindowsOpt = "09:00-12:00,13:00-18:00",
        days_mode: DaysModeOpt = "hours",
        buyer_tz: BuyerTzOpt = None,
        explain: ExplainOpt = False,
        as_json: JsonOpt = False,
    ) -> None:
        """The deadline DURATION of business time after START."""
        s = _parse_time(start, "START")
        try:
            mode = DaysMode(days_mode)
        except ValueError:
            _fail(f"--days-mode {days_mode!r}: expected hours, end-of-day or same-time")
        try:
            d = Duration.parse(duration, mode)
        except ValueError as exc:
            _fail(f"DURATION: {exc}")
        cal = _calendar(calendar, tz, windows)
        _check_buyer_tz(buyer_tz)
        try:
            res = cal.add(s, d, buyer_tz=buyer_tz)
            expl = res.explanation
        except ValueError as exc:
            _fail(str(exc))
        text = res.deadline.isoformat() + (
            "  (PROVISIONAL: depends on holiday data not yet published)" if res.provisional else ""
        )
        _emit({"deadline": res.deadline.isoformat(), "provisional": res.provisional}, text, expl, as_json, explain)

    @bizcal_app.command("between")
    def between_cmd(
        start: Annotated[str, typer.Argument(help="ISO 8601 start with offset.")],
        end: Annotated[str, typer.Argument(help="ISO 8601 end with offset.")],
        calendar: CalendarOpt = "cn",
        tz: TzOpt = "Asia/Shanghai",
        windows: WindowsOpt = "09:00-12:00,13:00-18:00",
        buyer_tz: BuyerTzOpt = None,
        explain: ExplainOpt = False,
        as_json: JsonOpt = False,
    ) -> None:
        """Business time elapsed between START and END."""
        s, e = _parse_time(start, "START"), _parse_time(end, "END")
        if e < s:
            _fail(f"END {end!r} is before START {start!r}")
        cal = _calendar(calendar, tz, windows)
        _check_buyer_tz(buyer_tz)
        try:
            res = cal.elapsed(s, e, buyer_tz=buyer_tz)
            expl = res.explanation
        except ValueError as exc:
            _fail(str(exc))
        secs = res.business_seconds
        text = f"{secs} s ({secs // 3600}h{secs % 3600 // 60:02d}m{secs % 60:02d}s)" + (
            "  (PROVISIONAL: depends on holiday data not yet published)" if res.provisional else ""
        )
        _emit({"business_seconds": secs, "provisional": res.provisional}, text, expl, as_json, explain)


_register_commands()


def register(app: typer.Typer) -> None:
    app.add_typer(bizcal_app, name="bizcal")
