"""``disputedesk request``: support requests of one's own dispute, opened by hand or from a mail
thread, corrected, linked to mail, closed and reopened.

disputedesk request open --supplier ruifeng --title "Laser down" [--severity critical] [--contract C] [--opened-at T]
disputedesk request suggest [--json]
disputedesk request from-thread 12 [--severity critical] [--contract C] [--supplier KEY]
disputedesk request link SR-0001 --thread 12 | --message E-0042 …   (and unlink)
disputedesk request edit SR-0001 --severity critical          (each change kept with the old value)
disputedesk request close SR-0001 --at 2026-04-02T10:00+08:00 | reopen SR-0001 --at …
disputedesk request event SR-0001 waiting_for_buyer_start --at …
disputedesk request list [--json] | show SR-0001 [--json]
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, TypeVar

import typer
from pydantic import BaseModel, ValidationError

from ..services.context import default_actor
from ..store.db import DatabaseError
from .core import WorkspaceOpt, fail, open_context, out, refused, ws_or_default

request_app = typer.Typer(
    help="Support requests: open (by hand or from a mail thread), link mail, correct, close, reopen.",
    no_args_is_help=True,
)
JsonOpt = typer.Option(False, "--json", help="Print what the API returns.")
SeverityOpt = typer.Option(None, "--severity", help="critical, high, normal or low.")
ContractOpt = typer.Option(None, "--contract", help="Contract number (one of the supplier's contracts).")
M = TypeVar("M", bound=BaseModel)


def _model(cls: type[M], **values: Any) -> M:
    """The typed command from the options given (None: not given); bad input exits 2 naming the field."""
    from ..services.records.errors import from_validation

    try:
        return cls(**{k: v for k, v in values.items() if v is not None})
    except ValidationError as exc:
        raise refused(from_validation(exc), labels=True) from None


def _run(fn: Callable[..., Any], *args: Any, **kw: Any) -> Any:
    try:
        return fn(*args, **kw)
    except (ValueError, LookupError) as exc:
        # in the chosen language(s), the field by its label, dates as the pages write them
        raise refused(exc, labels=True) from None
    except DatabaseError as exc:
        raise fail(str(exc)) from None


def _dump(obj: Any) -> None:
    typer.echo(json.dumps(obj, ensure_ascii=False, indent=2, default=str))


def _print_record(rec: Any, as_json: bool, verb: str) -> None:
    if as_json:
        _dump(rec.model_dump(mode="json"))
        return
    out.print(
        f"{rec.number} {verb}: {rec.title} · {rec.supplier or '—'} · {rec.severity} · opened "
        f"{rec.opened_at.isoformat()} · {rec.status}",
        highlight=False,
    )


@request_app.command("open")
def open_cmd(
    supplier: str = typer.Option(..., "--supplier", help="Supplier key."),
    title: str = typer.Option(..., "--title"),
    severity: str = SeverityOpt,
    contract: str = ContractOpt,
    serial: str = typer.Option(None, "--serial", help="Serial number of the machine concerned."),
    opened_at: str = typer.Option(
        None, "--opened-at", help="When the buyer asked, ISO 8601 with offset (default: now)."
    ),
    workspace: str = WorkspaceOpt,
    as_json: bool = JsonOpt,
) -> None:
    """Open a support request by hand; prints its new number."""
    from ..services.records import request_models as m
    from ..services.records import requests as svc

    cmd = _model(
        m.OpenRequest,
        supplier=supplier,
        title=title,
        severity=severity,
        contract=contract,
        serial=serial,
        opened_at=opened_at,
    )
    ctx = open_context()
    rec = _run(svc.open_request, ctx, ws_or_default(ctx, workspace), cmd, actor=default_actor())
    if as_json:
        _dump(rec.model_dump(mode="json"))
    else:
        typer.echo(rec.number)


@request_app.command("suggest")
def suggest_cmd(workspace: str = WorkspaceOpt, as_json: bool = JsonOpt) -> None:
    """Threads that look like support requests: started by the buyer's side to a supplier, not linked yet."""
    from ..services.records import requests as svc

    ctx = open_context()
    rows = _run(svc.suggestions, ctx, ws_or_default(ctx, workspace))
    if as_json:
        _dump([r.model_dump(mode="json") for r in rows])
        return
    if not rows:
        out.print("no unlinked thread started by the buyer's side to a supplier")
        return
    for r in rows:
        out.print(
            f"thread {r.thread}  {r.first_message_at.isoformat()}  {r.supplier}  {r.subject}  "
            f"({r.messages} message(s))",
            highlight=False,
        )
    out.print("open one: disputedesk request from-thread THREAD [--severity S] [--contract C]", highlight=False)


@request_app.command("from-thread")
def from_thread_cmd(
    thread: int = typer.Argument(..., help="Thread number (from `request suggest` or `threads`)."),
    severity: str = SeverityOpt,
    contract: str = ContractOpt,
    supplier: str = typer.Option(None, "--supplier", help="Supplier key (default: the thread's supplier)."),
    title: str = typer.Option(None, "--title", help="Default: the thread's subject."),
    serial: str = typer.Option(
        None, "--serial", help="The machine's serial number (default: the recorded machine the subject names)."
    ),
    workspace: str = WorkspaceOpt,
    as_json: bool = JsonOpt,
) -> None:
    """Open a request from a mail thread, opened at the buyer's first message; prints its number."""
    from ..services.records import request_models as m
    from ..services.records import requests as svc

    cmd = _model(
        m.OpenFromThread,
        thread=thread,
        severity=severity,
        contract=contract,
        supplier=supplier,
        title=title,
        serial=serial,
    )
    ctx = open_context()
    rec = _run(svc.open_from_thread, ctx, ws_or_default(ctx, workspace), cmd, actor=default_actor())
    if as_json:
        _dump(rec.model_dump(mode="json"))
    else:
        typer.echo(rec.number)


def _link(number: str, thread: int | None, messages: list[str] | None, workspace: str | None, unlink: bool) -> None:
    from ..services.records import request_models as m
    from ..services.records import requests as svc

    cmd = _model(m.MailLink, thread=thread, messages=messages or None)
    ctx = open_context()
    fn = svc.unlink_mail if unlink else svc.link_mail
    res = _run(fn, ctx, ws_or_default(ctx, workspace), number, cmd, actor=default_actor())
    what = f"thread {res.thread}" if res.thread is not None else "messages"
    verb = "unlinked from" if unlink else "linked to"
    out.print(f"{what} {verb} {res.request}: {', '.join(res.linked) or 'no message'}", highlight=False)
    for s in res.skipped:
        out.print(f"  left as it was: {s}", highlight=False)


@request_app.command("link")
def link_cmd(
    number: str = typer.Argument(..., metavar="REQUEST", help="SR-0001"),
    thread: int = typer.Option(None, "--thread", help="A whole thread (its later messages follow)."),
    message: list[str] = typer.Option(None, "--message", help="A single message by evidence number (repeatable)."),
    workspace: str = WorkspaceOpt,
) -> None:
    """Link a thread or single messages to a request."""
    _link(number, thread, message, workspace, unlink=False)


@request_app.command("unlink")
def unlink_cmd(
    number: str = typer.Argument(..., metavar="REQUEST"),
    thread: int = typer.Option(None, "--thread"),
    message: list[str] = typer.Option(None, "--message"),
    workspace: str = WorkspaceOpt,
) -> None:
    """Unlink a thread or single messages from a request."""
    _link(number, thread, message, workspace, unlink=True)


@request_app.command("edit")
def edit_cmd(
    number: str = typer.Argument(..., metavar="REQUEST"),
    title: str = typer.Option(None, "--title"),
    severity: str = SeverityOpt,
    supplier: str = typer.Option(None, "--supplier"),
    contract: str = typer.Option(None, "--contract", help="Contract number; '' clears it."),
    serial: str = typer.Option(None, "--serial", help="Machine serial number; '' clears it."),
    opened_at: str = typer.Option(None, "--opened-at"),
    workspace: str = WorkspaceOpt,
    as_json: bool = JsonOpt,
) -> None:
    """Correct a request (severity, title, supplier, contract, machine, opening time).

    The old values stay in the request's history."""
    from ..services.records import request_models as m
    from ..services.records import requests as svc

    values: dict[str, Any] = dict(title=title, severity=severity, supplier=supplier, opened_at=opened_at)
    values = {k: v for k, v in values.items() if v is not None}
    for name, v in (("contract", contract), ("serial", serial)):
        if v is not None:
            values[name] = v or None  # '' clears
    if not values:
        raise fail("give at least one field to change (--severity, --title, --contract, …)")
    try:
        cmd = m.ChangeRequest(**values)
    except ValidationError as exc:
        from ..services.records.errors import from_validation

        raise refused(from_validation(exc), labels=True) from None
    ctx = open_context()
    rec = _run(svc.change_request, ctx, ws_or_default(ctx, workspace), number, cmd, actor=default_actor())
    _print_record(rec, as_json, "changed")


AtOpt = typer.Option(..., "--at", help="ISO 8601 time with offset, e.g. 2026-04-02T10:00+08:00.")
RefOpt = typer.Option(None, "--ref", help="Evidence number or other reference.")
NoteOpt = typer.Option(None, "--note")


def _status_command(verb: str, doc: str) -> None:
    """``request close`` and ``request reopen``: the same options, the other service."""

    def command(
        number: str = typer.Argument(..., metavar="REQUEST"),
        at: str = AtOpt,
        ref: str = RefOpt,
        note: str = NoteOpt,
        workspace: str = WorkspaceOpt,
        as_json: bool = JsonOpt,
    ) -> None:
        from ..services.records import request_models as m
        from ..services.records import requests as svc

        cmd = _model(m.StatusChange, at=at, ref=ref, note=note)
        ctx = open_context()
        fn = svc.close_request if verb == "close" else svc.reopen_request
        rec = _run(fn, ctx, ws_or_default(ctx, workspace), number, cmd, actor=default_actor())
        _print_record(rec, as_json, "closed" if verb == "close" else "reopened")

    command.__doc__ = doc
    request_app.command(verb)(command)


_status_command("close", "Record the resolution: the request is resolved at --at (the SLA engine's resolution).")
_status_command("reopen", "Reopen a closed request at --at (the terms' reopen rule decides how its clocks go on).")


@request_app.command("event")
def event_cmd(
    number: str = typer.Argument(..., metavar="REQUEST"),
    kind: str = typer.Argument(
        ..., help="waiting_for_buyer_start|end, workaround, outage_start|end, maintenance_start|end"
    ),
    at: str = AtOpt,
    ref: str = RefOpt,
    note: str = NoteOpt,
    workspace: str = WorkspaceOpt,
    as_json: bool = JsonOpt,
) -> None:
    """Record another dated SLA event (a pause while waiting for the buyer, a workaround, an outage)."""
    from ..services.records import request_models as m
    from ..services.records import requests as svc

    cmd = _model(m.RequestEvent, kind=kind, at=at, ref=ref, note=note)
    ctx = open_context()
    rec = _run(svc.record_event, ctx, ws_or_default(ctx, workspace), number, cmd, actor=default_actor())
    _print_record(rec, as_json, f"{kind} recorded")


@request_app.command("list")
def list_cmd(
    supplier: str = typer.Option(None, "--supplier", help="Only this supplier."),
    workspace: str = WorkspaceOpt,
    as_json: bool = JsonOpt,
) -> None:
    """Support requests with their SLA status (as GET /api/sla/requests)."""
    from ..services import sla

    ctx = open_context()
    slug = ws_or_default(ctx, workspace)
    rows = _run(sla.list_requests, ctx, slug, supplier_key=supplier)
    if as_json:
        _dump({"workspace": slug, "requests": [r.to_dict() for r in rows]})
        return
    if not rows:
        out.print("no support request yet")
        return
    for r in rows:
        nxt = f"next: {r.next_kind} {r.next_deadline.isoformat()}" if r.next_deadline else ""
        out.print(
            f"{r.number}  {r.opened_at.isoformat()}  {r.supplier_key or '—'}  {r.severity}  {r.request_status}  "
            f"SLA {r.sla_status} ({r.breaches} breach(es))  {nxt}  {r.title}",
            highlight=False,
        )


@request_app.command("show")
def show_cmd(
    number: str = typer.Argument(..., metavar="REQUEST"), workspace: str = WorkspaceOpt, as_json: bool = JsonOpt
) -> None:
    """One request: its record, timeline and every SLA deadline (JSON: as GET /api/sla/requests/{number})."""
    from ..services.records import requests as svc

    ctx = open_context()
    data = _run(svc.request_json, ctx, ws_or_default(ctx, workspace), number)
    if as_json:
        _dump(data)
        return
    rec = data["record"]
    out.print(f"{data['number']}: {data['title']}", highlight=False)
    out.print(
        f"supplier {rec['supplier'] or '—'} · contract {rec['contract'] or '—'} · machine {rec['serial'] or '—'} · "
        f"severity {data['severity']} · opened {data['opened_at']} · {data['request_status']}",
        highlight=False,
    )
    out.print(
        f"threads: {', '.join(map(str, rec['threads'])) or '—'} · messages: {len(rec['messages'])}", highlight=False
    )
    terms = data["terms"] or "—"
    if data.get("terms_version"):  # which terms the request is judged by, and why (as its page says)
        whose = (
            f"the terms of contract {data['terms_contract']}"
            if data.get("terms_contract")
            else "the supplier's own terms"
        )
        terms += f" (version {data['terms_version']} of {whose})"
        if data.get("terms_note"):
            terms += f" · {data['terms_note']}"
    out.print(
        f"SLA: {data['sla_status'] or 'not evaluated'} as of {data['as_of'] or '—'} · terms: {terms}", highlight=False
    )
    ev = data.get("evaluation") or {}
    for d in ev.get("deadlines", []):
        out.print(f"  {d['summary']}", highlight=False)
    if data.get("note"):
        out.print(f"  {data['note']}", highlight=False)


def register(app: typer.Typer) -> None:
    app.add_typer(request_app, name="request")
