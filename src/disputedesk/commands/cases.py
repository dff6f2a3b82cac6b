"""``disputedesk case list|show|ics``: dispute cases from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from ..services.context import default_actor
from ..services.workspaces import WorkspaceNotFound
from ..store.db import DatabaseError
from .core import WorkspaceOpt, fail, open_context, out, refused, ws_or_default

case_app = typer.Typer(
    help="Dispute cases: escalation ladder, legal deadlines, claims and recovery.", no_args_is_help=True
)


def _flags(d: dict) -> str:  # type: ignore[type-arg]
    return ", ".join(
        name
        for name, key in (
            ("PROVISIONAL", "provisional"),
            ("NEEDS COUNSEL", "needs_counsel"),
            ("UNVERIFIED", "unverified"),
        )
        if d.get(key)
    )


@case_app.command("open")
def open_command(
    request: list[str] = typer.Option(..., "--request", help="Support request (SR-0001); repeat for several."),
    title: str = typer.Option(None, "--title", help="Default: the request's title."),
    issue: list[str] = typer.Option(None, "--issue", help="Issue type (default no_or_slow_support); repeat."),
    governing_law: str = typer.Option(None, "--governing-law", help="ISO code, e.g. CN (default: from the contract)."),
    contract_type: str = typer.Option(
        None, "--contract-type", help="international_sale (default), technology_import_export, other"
    ),
    cisg: bool = typer.Option(False, "--cisg", help="The CISG applies to the contract."),
    knowledge_on: str = typer.Option(
        None, "--knowledge-on", help="When the buyer knew of the breach (default: first request)."
    ),
    amount: str = typer.Option(None, "--amount-at-stake"),
    currency: str = typer.Option(None, "--currency"),
    workspace: str = WorkspaceOpt,
    as_json: bool = typer.Option(False, "--json", help="Print the case as `case show --json` does."),
) -> None:
    """Open a case from your support requests; the deadline facts come from the contract and its
    deliveries, each with its source (shown as the case's notes)."""

    from ..services.cases.inputs import parse_date
    from ..services.records.case_opening import case_from_requests

    try:
        known = parse_date(knowledge_on, "knowledge_on", required=False)
    except ValueError as exc:
        raise refused(exc, labels=True) from None
    ctx = open_context()
    ws = ws_or_default(ctx, workspace)
    try:
        number = case_from_requests(
            ctx,
            ws,
            list(request),
            actor=default_actor(),
            title=title,
            issues=list(issue) if issue else None,
            governing_law=governing_law,
            contract_type=contract_type,
            cisg_applies=cisg,
            knowledge_on=known,
            amount_at_stake=amount,
            currency=currency,
        )
    except (ValueError, LookupError, WorkspaceNotFound) as exc:
        raise refused(exc, labels=True) from exc
    except DatabaseError as exc:
        raise fail(str(exc)) from exc
    if as_json:
        from ..services.cases import get_case

        typer.echo(json.dumps(get_case(ctx, ws, number).to_json(), ensure_ascii=False, indent=2, default=str))
        return
    typer.echo(number)


@case_app.command("step")
def step_command(
    case: str = typer.Argument(..., help="Case id or number (CASE-2026-001)."),
    step: str = typer.Option(..., "--step", help="formal_complaint, senior_management, lawyer_demand, mediation …"),
    sent_on: str = typer.Option(..., "--sent-on", help="YYYY-MM-DD"),
    channel: str = typer.Option(..., "--channel", help="email, courier, registered mail …"),
    recipient: str = typer.Option(..., "--to", help="Who received it."),
    proof: str = typer.Option(None, "--proof", help="Evidence number of the proof of delivery (E-0042)."),
    window: int = typer.Option(None, "--response-window-days", help="Default: the step's own window."),
    cure_deadline: str = typer.Option(None, "--cure-deadline", help="YYYY-MM-DD (a formal complaint's deadline)."),
    override_reason: str = typer.Option(None, "--override-reason", help="Why a step is taken out of order."),
    note: str = typer.Option(None, "--note"),
    workspace: str = WorkspaceOpt,
) -> None:
    """Add a step to the case's escalation ladder (checked as on the case page and by the API)."""
    from ..services.cases import add_step, get_case

    data = {
        "step": step,
        "sent_on": sent_on,
        "channel": channel,
        "recipient": recipient,
        "proof": proof,
        "response_window_days": window,
        "cure_deadline": cure_deadline,
        "override_reason": override_reason,
        "note": note,
    }
    ctx = open_context()
    ws = ws_or_default(ctx, workspace)
    try:
        position = add_step(ctx, ws, case, {k: v for k, v in data.items() if v is not None}, actor=default_actor())
        number = get_case(ctx, ws, case).number
    except (ValueError, LookupError, WorkspaceNotFound) as exc:
        raise refused(exc, labels=True) from exc
    except DatabaseError as exc:
        raise fail(str(exc)) from exc
    out.print(f"{number}: step {position} ({step}) recorded", highlight=False)


@case_app.command("list")
def list_command(
    workspace: str = WorkspaceOpt,
    as_json: bool = typer.Option(False, "--json", help="Print a JSON list (each case with its id)."),
) -> None:
    """List the workspace's cases with their next deadline and overdue ladder steps."""
    from ..services.cases import list_cases

    ctx = open_context()
    try:
        rows = list_cases(ctx, ws_or_default(ctx, workspace))
    except (WorkspaceNotFound, DatabaseError) as exc:
        raise fail(str(exc)) from exc
    if as_json:
        typer.echo(json.dumps([r.to_json() for r in rows], ensure_ascii=False, indent=2))
        return
    if not rows:
        out.print("no case yet")
        return
    for r in rows:
        nd = r.next_deadline
        typer.echo(
            f"{r.id}  {r.number}  [{r.status}]  {r.title}\n"
            f"    supplier: {r.supplier}; ladder: {r.steps} step(s), last {r.last_step or '—'}, {r.overdue} overdue; "
            f"next deadline: {f'{nd.deadline.due} {nd.deadline.kind}' if nd and nd.deadline.due else '—'}; "
            f"claimed: {'; '.join(m.format() for m in r.totals.values()) or '—'}"
        )


@case_app.command("show")
def show_command(
    case: str = typer.Argument(..., help="Case id (from `case list`) or number (CASE-2026-001)."),
    workspace: str = WorkspaceOpt,
    as_json: bool = typer.Option(False, "--json", help="Print the case as JSON."),
) -> None:
    """Show one case: ladder, suggested next step, legal deadlines with their rules, claims, recovery."""
    from ..services.cases import get_case

    ctx = open_context()
    try:
        view = get_case(ctx, ws_or_default(ctx, workspace), case)
    except LookupError as exc:
        raise refused(exc, labels=True) from exc
    except DatabaseError as exc:
        raise fail(str(exc)) from exc
    data = view.to_json()
    if as_json:
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    lines = [f"{view.number} — {view.title}  [{view.status}]", f"supplier: {view.supplier.get('name_en', '—')}"]
    if view.contract:
        lines.append(f"contract: {view.contract['number']} of {view.contract['signed_on']}")
    lines.append("issues: " + "; ".join(f"{i.title} ({', '.join(i.citations)})" for i in view.issues))
    lines.append("")
    lines.append("ESCALATION LADDER")
    for st in data["ladder"]:
        lines.append(
            f"  {st['position']}. {st['sent_on']} {st['title']} → {st['recipient']} via {st['channel']}; proof "
            f"{st['proof'] or 'none'}; reply due {st['response_due'] or '—'}; "
            + (
                f"reply {st['reply_on']}"
                if st["reply_on"]
                else ("SILENCE" if st["outcome"] == "silence" else "waiting")
            )
            + (" — restarts limitation" if st["restarts_limitation"] else "")
        )
    sug = data["suggested_next"]
    lines.append(
        f"  next: {sug['step'] or sug['action']} — {sug['reason']}"
        + (f" ({sug['citation']})" if sug["citation"] else "")
    )
    lines.append("")
    lines.append("LEGAL DEADLINES (not legal advice; counsel decides)")
    if view.facts_missing:
        lines.append("  facts missing: " + ", ".join(view.facts_missing))
    for d in data["deadlines"]:
        flags = _flags(d)
        lines.append(f"  {d['due'] or '—'}  {d['kind']}: {d['label']}" + (f"  [{flags}]" if flags else ""))
        lines.append(f"      rule: {d['rule']}")
        lines.append(f"      facts used: {json.dumps(d['inputs'], ensure_ascii=False)}")
    lines.append("")
    lines.append("CLAIMS")
    for h in view.heads:
        lines.append(f"  {h.head.id} {h.head.kind.value}: {h.head.amount.format()} — {h.head.description}")
        lines.append(f"      basis: {'; '.join(h.head.basis)}; evidence: {', '.join(h.head.evidence) or 'none'}")
        for w in h.head.warnings:
            lines.append(f"      ! {w}")
    for cur, m in view.totals.items():
        lines.append(f"  total {cur}: {m.format()}")
    lines.append("")
    lines.append("RECOVERY")
    for p in view.recovery.positions:
        lines.append(
            f"  {p.currency}: claimed {p.claimed.amount}, settled {p.settled.amount if p.settled else '—'}, "
            f"received {p.received.amount}, outstanding {p.outstanding.amount}"
        )
    typer.echo("\n".join(lines))


@case_app.command("ics")
def ics_command(
    case: str = typer.Argument(..., help="Case id or number."),
    out_file: Path = typer.Option(..., "--out", help="Where to write the iCalendar (.ics) file."),
    workspace: str = WorkspaceOpt,
) -> None:
    """Export the case's deadlines and open response windows as an iCalendar file."""
    from ..services.cases import case_ics

    ctx = open_context()
    try:
        data = case_ics(ctx, ws_or_default(ctx, workspace), case)
    except LookupError as exc:
        raise refused(exc, labels=True) from exc
    except DatabaseError as exc:
        raise fail(str(exc)) from exc
    try:
        out_file.write_bytes(data)
    except OSError as exc:
        raise fail(f"{out_file}: cannot write ({exc.strerror or exc})") from exc
    out.print(f"wrote {out_file} ({data.count(b'BEGIN:VEVENT')} events)")


@case_app.command("refresh-summaries")
def case_refresh_summaries(workspace: str = WorkspaceOpt) -> None:
    """Compute every case's list row for today (the worker does this daily; use after a bulk load)."""
    import time

    from ..services.cases import refresh_summaries

    ctx = open_context()
    t0 = time.perf_counter()
    try:
        n = refresh_summaries(ctx, ws_or_default(ctx, workspace))
    except WorkspaceNotFound as exc:
        raise fail(str(exc)) from exc
    out.print(f"{n} case summaries computed in {time.perf_counter() - t0:.1f} s")


def register(app: typer.Typer) -> None:
    app.add_typer(case_app, name="case")
