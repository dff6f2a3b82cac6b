"""`disputedesk bizcal` through the real CLI app."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from disputedesk.cli import app

runner = CliRunner()


def run(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["bizcal", *args])


def test_add_json_makeup_day() -> None:
    r = run("add", "2026-02-13T16:00+08:00", "8h", "--json")
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert data["deadline"] == "2026-02-14T16:00:00+08:00"
    assert data["provisional"] is False
    assert any(s["reason"] == "makeup_workday" for s in data["explanation"]["steps"])


def test_add_plain_and_explain() -> None:
    r = run("add", "2025-09-30T17:00+08:00", "4h", "--explain")
    assert r.exit_code == 0
    assert r.stdout.splitlines()[0] == "2025-10-09T12:00:00+08:00"
    assert "National Day" in r.stdout


def test_between_json() -> None:
    r = run("between", "2025-09-30T17:00+08:00", "2025-10-09T12:00+08:00", "--json")
    assert r.exit_code == 0
    data = json.loads(r.stdout)
    assert data["business_seconds"] == 4 * 3600
    assert set(data) == {"business_seconds", "provisional", "explanation"}


def test_working_day_modes_and_options() -> None:
    base = ["add", "2026-03-02T10:30+08:00", "2wd", "--json"]
    got = {m: json.loads(run(*base, "--days-mode", m).stdout)["deadline"] for m in ("hours", "end-of-day", "same-time")}
    assert got == {
        "hours": "2026-03-04T10:30:00+08:00",
        "end-of-day": "2026-03-04T18:00:00+08:00",
        "same-time": "2026-03-04T10:30:00+08:00",
    }
    r = run(
        "add", "2025-10-02T15:00+02:00", "2h", "--calendar", "de", "--tz", "Europe/Berlin", "--windows", "08:00-16:00"
    )
    assert r.stdout.strip() == "2025-10-06T09:00:00+02:00"
    r = run("add", "2025-09-30T17:00+08:00", "4h", "--calendar", "none")
    assert r.stdout.strip() == "2025-10-01T12:00:00+08:00"
    r = run("add", "2026-12-31T17:00+08:00", "4h30m", "--json")
    assert json.loads(r.stdout)["provisional"] is True


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["add", "2026-02-13T16:00", "8h"], "no UTC offset"),
        (["add", "yesterday", "8h"], "START"),
        (["add", "2026-02-13T16:00+08:00", "8 hours"], "DURATION"),
        (["add", "2026-02-13T16:00+08:00", "8h", "--calendar", "zz"], "--calendar"),
        (["add", "2026-02-13T16:00+08:00", "8h", "--tz", "Mars/Olympus"], "--tz"),
        (["add", "2026-02-13T16:00+08:00", "8h", "--windows", "9-12"], "--windows"),
        (["add", "2026-02-13T16:00+08:00", "3wd", "--days-mode", "soon"], "--days-mode"),
        (["between", "2026-02-13T16:00+08:00", "2026-02-12T16:00+08:00"], "before START"),
        (["add", "2026-02-13T16:00+08:00", "8h", "--explain", "--buyer-tz", "Berlin"], "--buyer-tz"),
    ],
)
def test_bad_input_exits_2_with_a_clear_message(args: list[str], needle: str) -> None:
    r = run(*args)
    assert r.exit_code == 2
    assert needle in r.stderr
