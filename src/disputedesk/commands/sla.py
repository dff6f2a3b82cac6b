"""``disputedesk sla``: support terms, supplier calendars, evaluation and the per-supplier report.

disputedesk sla terms set RF-EU-2025-1046 terms.json [--valid-from …] [--draft]
disputedesk sla terms show RF-EU-2025-1046 [--json]
disputedesk sla terms confirm RF-EU-2025-1046
disputedesk sla calendar set ruifeng calendar.json | show ruifeng [--json]
disputedesk sla closure ruifeng 2027-01-20 2027-02-20 "factory shutdown" --evidence E-0042
disputedesk sla event SR-0002 waiting_for_buyer_start 2026-04-01T17:20+08:00
disputedesk sla evaluate [--as-of …] [--workers 2] [--json]
disputedesk sla report [--supplier ruifeng] [--json]
"""

from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

import typer
from pydantic import BaseModel
from rich.table import Table

from ..services import sla
from ..services.commands import check
from ..services.context import default_actor
from ..services.records.errors import FieldError
from ..services.sla.commands import Closure, NewCalendar, NewEvent, NewTerms
from ..store.db import DatabaseError
from .core import WorkspaceOpt, err, fail, open_context, out, ws_or_default

sla_app = typer.Typer(help="SLA engine: support terms, supplier calendars, evaluation, report.", no_args_is_help=True)
terms_app = typer.Typer(help="Support terms of a contract (versioned; draft or confirmed).", no_args_is_help=True)
cal_app = typer.Typer(help="A supplier's business calendar (versioned).", no_args_is_help=True)
sla_app.add_typer(terms_app, name="terms")
sla_app.add_typer(cal_app, name="calendar")

JsonOpt = typer.Option(False, "--json", help="Print JSON.")
OPTIONS = {"valid_from": "--valid-from", "source": "--source"}
CLOSURE_ARGS = {"start": "START-DATE", "end": "END-DATE", "label": "LABEL", "evidence_ref": "--evidence"}
C = TypeVar("C", bound=BaseModel)
SupplierDefaultOpt = typer.Option(
    False, "--supplier-default", help="CONTRACT is a supplier key: the supplier's default terms."
)


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise fail(f"{path}: no such file") from None
    except json.JSONDecodeError as exc:
        raise fail(f"{path}: not valid JSON ({exc})") from None


def _scope(name: str, supplier_default: bool) -> dict[str, str]:
    return {"supplier_key": name} if supplier_default else {"contract_number": name}


def _run(fn, *args, **kw):  # type: ignore[no-untyped-def]
    try:
        return fn(*args, **kw)
    except (ValueError, LookupError, DatabaseError) as exc:
        raise fail(str(exc).strip("'\"")) from exc


def _command(model: type[C], data: dict[str, Any], names: dict[str, str]) -> C:
    """The API's command from the arguments (those not given left out); a bad one is named as the
    CLI names it (``names``: the model's field → the argument or option)."""
    try:
        return check(model, {k: v for k, v in data.items() if v is not None})
    except FieldError as exc:
        field = exc.field.split(".")[0]
        shown = names.get(field, field) + exc.field[len(field) :]
        raise fail(f"{shown}: {exc.message}") from None


def _as_given(t: datetime, text: str) -> datetime:
    """``t`` (the command keeps UTC) in the offset the user wrote it with."""
    try:
        return t.astimezone(datetime.fromisoformat(text.strip()).tzinfo)
    except ValueError:
        return t


def _dump(obj: Any) -> None:
    typer.echo(json.dumps(obj, ensure_ascii=False, indent=2, default=str))


@terms_app.command("set")
def terms_set(
    contract: str = typer.Argument(..., metavar="CONTRACT-NUMBER"),
    file: Path = typer.Argument(..., metavar="FILE.json"),
    valid_from: str = typer.Option(
        None,
        "--valid-from",
        help="A day (00:00 in the buyer's zone) or a time with offset (default: the signing day for a first "
        "version, else now).",
    ),
    draft: bool = typer.Option(False, "--draft", help="Store as a draft (not used until confirmed)."),
    source: str = typer.Option(None, "--source", help="Where the terms come from (clause, document)."),
    supplier_default: bool = SupplierDefaultOpt,
    workspace: str = WorkspaceOpt,
    as_json: bool = JsonOpt,
) -> None:
    """Add a new version of a contract's support terms from a JSON file."""
    ctx = open_context()
    given = {"terms": _read_json(file), "valid_from": valid_from, "status": "draft" if draft else "confirmed"}
    body = _command(NewTerms, {**given, "source": source or file.name}, {"terms": str(file), **OPTIONS})
    v = _run(
        sla.set_terms,
        ctx,
        ws_or_default(ctx, workspace),
        body.terms,
        valid_from=body.valid_from,
        status=body.status,
        source=body.source,
        actor=default_actor(),
        **_scope(contract, supplier_default),
    )
    if as_json:
        _dump(v.to_dict())
    else:
        out.print(f"terms of {v.scope}: version {v.version} ({v.status}), valid from {v.valid_from.isoformat()}")


@terms_app.command("show")
def terms_show(
    contract: str = typer.Argument(..., metavar="CONTRACT-NUMBER"),
    supplier_default: bool = SupplierDefaultOpt,
    workspace: str = WorkspaceOpt,
    as_json: bool = JsonOpt,
) -> None:
    """Every version of a contract's support terms, newest first."""
    ctx = open_context()
    vs = _run(sla.terms_history, ctx, ws_or_default(ctx, workspace), **_scope(contract, supplier_default))
    if as_json:
        _dump({"scope": contract, "versions": [v.to_dict() for v in vs]})
        return
    if not vs:
        out.print(f"no support terms recorded for {contract}")
        return
    for v in vs:
        out.print(
            f"[bold]version {v.version}[/] ({v.status}) valid from {v.valid_from.isoformat()} · {v.source or ''} "
            f"· by {v.created_by}",
            highlight=False,
        )
    for name, said in _run(sla.terms_in_words, ctx, ws_or_default(ctx, workspace), vs[0]):
        out.print(f"  {name}: " + ("; ".join(said) or "no target"), highlight=False)
    typer.echo(json.dumps(vs[0].terms, ensure_ascii=False, indent=2))


@terms_app.command("confirm")
def terms_confirm(
    contract: str = typer.Argument(..., metavar="CONTRACT-NUMBER"),
    version: int = typer.Option(None, "--version", help="Version to confirm (default: the newest draft)."),
    supplier_default: bool = SupplierDefaultOpt,
    workspace: str = WorkspaceOpt,
) -> None:
    """Confirm a draft version so that evaluation uses it."""
    ctx = open_context()
    v = _run(
        sla.confirm_terms,
        ctx,
        ws_or_default(ctx, workspace),
        version=version,
        actor=default_actor(),
        **_scope(contract, supplier_default),
    )
    out.print(f"terms of {v.scope}: version {v.version} confirmed")


@cal_app.command("set")
def calendar_set(
    supplier: str = typer.Argument(..., metavar="SUPPLIER-KEY"),
    file: Path = typer.Argument(..., metavar="FILE.json"),
    note: str = typer.Option(None, "--note"),
    workspace: str = WorkspaceOpt,
) -> None:
    """Store a new calendar version (tz, windows, official, closures, overrides) from JSON."""
    ctx = open_context()
    data = _read_json(file)
    if not isinstance(data, dict):
        raise fail(f"{file}: expected a JSON object (tz, windows, official, closures, overrides)")
    body = _command(NewCalendar, {**data, "note": note}, {"note": "--note"})
    v = _run(
        sla.set_calendar,
        ctx,
        ws_or_default(ctx, workspace),
        supplier,
        body.spec(),
        note=body.note,
        actor=default_actor(),
    )
    out.print(f"calendar of {supplier}: version {v.version} ({v.calendar_version})", highlight=False)
    for w in v.warnings:  # accepted, but a person should look again
        out.print(f"warning: {w}", highlight=False)


@cal_app.command("show")
def calendar_show(
    supplier: str = typer.Argument(..., metavar="SUPPLIER-KEY"), workspace: str = WorkspaceOpt, as_json: bool = JsonOpt
) -> None:
    """The supplier's current calendar."""
    ctx = open_context()
    v = _run(sla.get_calendar, ctx, ws_or_default(ctx, workspace), supplier)
    if as_json:
        _dump(v.to_dict())
    else:
        out.print(f"{supplier} calendar version {v.version}: {v.description}", highlight=False)
        for w in v.warnings:
            out.print(f"warning: {w}", highlight=False)


@sla_app.command("closure")
def closure(
    supplier: str = typer.Argument(..., metavar="SUPPLIER-KEY"),
    start: str = typer.Argument(..., metavar="START-DATE"),
    end: str = typer.Argument(..., metavar="END-DATE"),
    label: str = typer.Argument(...),
    evidence: str = typer.Option(None, "--evidence", help="Evidence number that shows the closure, e.g. E-0042."),
    workspace: str = WorkspaceOpt,
) -> None:
    """Add a supplier closure (a new calendar version)."""
    ctx = open_context()
    given = {"start": start, "end": end, "label": label, "evidence_ref": evidence}
    c = _command(Closure, given, CLOSURE_ARGS)
    v = _run(
        sla.add_closure,
        ctx,
        ws_or_default(ctx, workspace),
        supplier,
        c.start,
        c.end,
        c.label,
        c.evidence_ref,
        actor=default_actor(),
    )
    out.print(f"calendar of {supplier}: version {v.version} with the closure", highlight=False)


@sla_app.command("event")
def event(
    request: str = typer.Argument(..., metavar="REQUEST-NUMBER"),
    kind: str = typer.Argument(..., help=", ".join(sla.EVENT_KINDS)),
    at: str = typer.Argument(..., metavar="TIME", help="ISO 8601 with offset."),
    ref: str = typer.Option(None, "--ref", help="Evidence number or other reference."),
    workspace: str = WorkspaceOpt,
) -> None:
    """Record a dated event of a support request (pause, resolution, reopening, outage)."""
    ctx = open_context()
    body = _command(NewEvent, {"kind": kind, "at": at, "ref": ref}, {"kind": "KIND", "at": "TIME", "ref": "--ref"})
    _run(
        sla.add_event,
        ctx,
        ws_or_default(ctx, workspace),
        request,
        body.kind,
        body.at,
        ref=body.ref,
        actor=default_actor(),
    )
    out.print(f"{request}: {body.kind} at {_as_given(body.at, at).isoformat()} recorded")


@sla_app.command("evaluate")
def evaluate_cmd(
    as_of: str = typer.Option(None, "--as-of", help="Evaluation time, ISO 8601 with offset (default: now)."),
    workers: int = typer.Option(
        0,
        "--workers",
        min=0,
        max=64,
        help="Processes evaluating in parallel (0: one per CPU, used above 5,000 requests).",
    ),
    workspace: str = WorkspaceOpt,
    as_json: bool = JsonOpt,
) -> None:
    """Evaluate every support request and store the results; report what changed."""
    ctx = open_context()
    t = _run(sla.parse_time, as_of, "--as-of")
    workers = workers or (os.cpu_count() or 1)
    rep = _run(sla.evaluate_all, ctx, ws_or_default(ctx, workspace), as_of=t, actor=default_actor(), workers=workers)
    if as_json:
        _dump(rep.to_dict())
        return
    out.print(
        f"{rep.requests} request(s) evaluated as of {rep.as_of.isoformat()} in {rep.seconds:.2f} s: "
        + ", ".join(f"{v} {k}" for k, v in sorted(rep.by_status.items()))
        + f"; {rep.new} new, {rep.changed} changed",
        highlight=False,
    )
    for c in rep.changes:
        cal = " (calendar version changed)" if "calendar" in c else ""
        for d in c["deadlines"]:
            b, a = d["before"], d["after"]
            before = f"{b['status']} {b['deadline']}" if b else "—"
            after = f"{a['status']} {a['deadline']}" if a else "—"
            out.print(
                f"  changed {c['request']} {d['deadline']}{cal}: {before} -> {after}",
                highlight=False,
            )
    for e in rep.errors:
        err.print(f"  {e['request']}: {e['error']}", highlight=False)


@sla_app.command("report")
def report(
    supplier: str = typer.Option(None, "--supplier", help="Only this supplier (key)."),
    workspace: str = WorkspaceOpt,
    as_json: bool = JsonOpt,
) -> None:
    """Per supplier: compliance, first response (median, p90), breaches by severity, money owed."""
    ctx = open_context()
    reps = _run(sla.supplier_report, ctx, ws_or_default(ctx, workspace), supplier)
    if as_json:
        _dump({"suppliers": [r.to_dict() for r in reps]})
        return
    table = Table("supplier", "requests", "met", "breached", "pending", "compliance", "median 1st", "p90 1st", "owed")
    for r in reps:
        o = r.overall
        owed = ", ".join(
            f"{v['amount']} {k}" for k, v in {**o.get("damages_owed", {}), **o.get("credits_owed", {})}.items()
        )
        rate = o.get("compliance_rate")
        table.add_row(
            r.key,
            str(o.get("requests", 0)),
            str(o.get("met", 0)),
            str(o.get("breached", 0)),
            str(o.get("pending", 0)),
            f"{float(rate) * 100:.1f} %" if rate is not None else "—",
            o.get("median_first_response") or "—",
            o.get("p90_first_response") or "—",
            owed or "—",
        )
    out.print(table)


def register(app: typer.Typer) -> None:
    app.add_typer(sla_app, name="sla")
