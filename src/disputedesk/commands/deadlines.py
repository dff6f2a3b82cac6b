"""``disputedesk deadlines --facts FACTS.json [--json]``: legal deadlines from a facts file.

No database: counsel (and tests) can run it on a facts file alone. The facts format is in
docs/deadlines.md; the rules and citations live in :mod:`disputedesk.domain.deadlines`.
"""

from __future__ import annotations

import json
from pathlib import Path

import typer

from disputedesk.domain.deadlines import Deadline, compute_deadlines, facts_from_json


def _fail(message: str) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(2)


def _flags(d: Deadline) -> str:
    flags = []
    if d.provisional:
        flags.append("PROVISIONAL")
    if d.needs_counsel:
        flags.append("NEEDS COUNSEL")
    if d.unverified:
        flags.append("UNVERIFIED")
    return ", ".join(flags)


def render_table(deadlines: list[Deadline]) -> str:
    """A plain-text table (kind, due, flags, rule) followed by each deadline's reasoning."""
    rows = [("KIND", "DUE", "FLAGS", "WHAT")]
    rows += [(d.kind, d.due.isoformat() if d.due else "—", _flags(d), d.label) for d in deadlines]
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    lines = ["  ".join(r[i].ljust(widths[i]) for i in range(3)) + "  " + r[3] for r in rows]
    lines.append("")
    for n, d in enumerate(deadlines, 1):
        due = d.due.isoformat() if d.due else "no date: needs counsel"
        lines.append(f"[{n}] {d.kind} — {due}")
        lines.append(f"    rule: {d.rule}")
        lines.append(f"    facts used: {json.dumps(dict(d.inputs), ensure_ascii=False)}")
        for step in d.explanation:
            lines.append(f"    - {step}")
        lines.append("")
    lines.append("Not legal advice: each date shows its rule and the facts it used; counsel decides.")
    lines.append("PROVISIONAL: depends on a year whose official holidays are not yet published.")
    return "\n".join(lines)


def deadlines_command(
    facts: Path = typer.Option(..., "--facts", help="Facts file (JSON object; see docs/deadlines.md)."),
    as_json: bool = typer.Option(False, "--json", help="Print a JSON list of deadlines."),
) -> None:
    """Compute the legal deadlines (limitation, notice, award) from a facts file, with citations."""
    try:
        text = facts.read_text(encoding="utf-8")
    except OSError as exc:
        _fail(f"{facts}: cannot read the facts file ({exc.strerror or exc})")
    except UnicodeDecodeError:
        _fail(f"{facts}: not UTF-8 text")
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        _fail(f"{facts}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})")
    try:
        parsed = facts_from_json(obj)
    except ValueError as exc:
        _fail(f"{facts}: {exc}")
    result = compute_deadlines(parsed)
    if as_json:
        typer.echo(json.dumps([d.to_json() for d in result], ensure_ascii=False, indent=2))
    else:
        typer.echo(render_table(result))


def register(app: typer.Typer) -> None:
    app.command("deadlines")(deadlines_command)
