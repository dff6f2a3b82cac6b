"""``disputedesk supplier …``: supplier checks, records, payment safety and the scorecard.

Without a database:

* ``check-uscc CODE``: is a Unified Social Credit Code well formed, and if not, why not
  (exit 0 valid, 2 invalid).
* ``check-csv FILE``: validate a supplier CSV (encoding, columns, every row) without
  importing it (exit 0 clean, 2 with the errors by row and column).

On a workspace (``--workspace``/``-w``, default ``DISPUTEDESK_DEFAULT_WORKSPACE``):

* ``list``, ``add``, ``import FILE`` (all rows or none), ``scorecard [--json]`` (ranking with
  the breakdown), ``scan-payments`` and ``warnings`` (payment safety), ``next-contact KEY``
  (escalation proposal), ``reviews-due``.
"""

from __future__ import annotations

import json
from pathlib import Path

import typer

from ..domain.uscc import UsccResult, check_uscc

supplier_app = typer.Typer(help="Suppliers: USCC check, CSV import, payment warnings, scorecard.", no_args_is_help=True)


def _uscc_json(res: UsccResult) -> dict[str, object]:
    parts = res.parts
    return {
        "input": res.input,
        "code": res.code,
        "valid": res.valid,
        "reason": res.reason,
        "problems": [{"kind": p.kind, "position": p.position, "message": p.message} for p in res.problems],
        "expected_check_character": res.expected_check_character,
        "warnings": list(res.warnings),
        "notes": list(res.notes),
        "standard": res.standard,
        "parts": None
        if parts is None
        else {
            "registration_authority": {"code": parts.authority_code, "meaning": parts.authority},
            "entity_type": {"code": parts.entity_type_code, "meaning": parts.entity_type},
            "division": {
                "code": parts.division.code,
                "province": parts.division.province,
                "name": parts.division.name,
                "note": parts.division.note,
            },
            "organisation_code": parts.organisation_code,
            "check_character": parts.check_character,
        },
    }


@supplier_app.command("check-uscc")
def check_uscc_cmd(
    code: str = typer.Argument(..., help="The 18-character Unified Social Credit Code (统一社会信用代码)."),
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
) -> None:
    """Check a Unified Social Credit Code; say why it is invalid. Exit 2 when invalid."""
    res = check_uscc(code)
    if as_json:
        typer.echo(json.dumps(_uscc_json(res), ensure_ascii=False, indent=2))
        if not res.valid:
            raise typer.Exit(2)
        return
    if not res.valid:
        typer.echo(f"uscc: {res.code or code!r} is INVALID: {res.reason}", err=True)
        raise typer.Exit(2)
    p = res.parts
    assert p is not None
    typer.echo(f"{res.code}: valid (check character {p.check_character}; {res.standard})")
    typer.echo(f"  registration authority {p.authority_code}: {p.authority or 'unknown'}")
    typer.echo(f"  entity type {p.entity_type_code}: {p.entity_type or 'unknown'}")
    names = [p.division.province, p.division.name]
    where = " ".join(dict.fromkeys(n for n in names if n)) or "unknown division"
    typer.echo(f"  registered in {p.division.code}: {where}")
    typer.echo(f"  organisation code {p.organisation_code}")
    for n in res.notes:
        typer.echo(f"  note: {n}")
    for w in res.warnings:
        typer.echo(f"  warning: {w}")
    typer.echo("  A valid code is well formed; check on the official registry that it belongs to this supplier.")


@supplier_app.command("check-csv")
def check_csv_cmd(
    path: Path = typer.Argument(..., help="Supplier CSV (UTF-8, UTF-8 with BOM, or GBK/GB18030 from Excel)."),
) -> None:
    """Validate a supplier CSV without importing it. Exit 2 when anything is wrong."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        typer.echo(f"{path}: cannot read: {exc.strerror or exc}", err=True)
        raise typer.Exit(2) from exc
    from ..ingest.supplier_csv import parse_supplier_csv  # loads the supplier domain: only here

    result = parse_supplier_csv(data, source=str(path))
    for w in result.warnings:
        typer.echo(f"{path}: warning: {w}", err=True)
    if not result.ok:
        for e in result.errors:
            typer.echo(f"{path}: {e}", err=True)
        typer.echo(f"{path}: {len(result.errors)} error(s); nothing would be imported", err=True)
        raise typer.Exit(2)
    typer.echo(f"{path}: {len(result.rows)} supplier(s) OK (encoding {result.encoding})")
    for row in result.rows:
        typer.echo(f"  {row.uscc}  {row.legal_name_zh}" + (f"  ({row.legal_name_en})" if row.legal_name_en else ""))


WorkspaceOpt = typer.Option(None, "--workspace", "-w", help="Workspace slug (default: DISPUTEDESK_DEFAULT_WORKSPACE).")


def _ctx_ws(workspace: str | None):  # type: ignore[no-untyped-def]
    from .core import open_context, ws_or_default

    ctx = open_context()
    return ctx, ws_or_default(ctx, workspace)


def _fail(message: str) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(2)


@supplier_app.command("list")
def list_cmd(workspace: str = WorkspaceOpt, as_json: bool = typer.Option(False, "--json")) -> None:
    """Suppliers, best score first, with risk and open payment warnings."""
    from ..services import suppliers as svc

    ctx, ws = _ctx_ws(workspace)
    try:
        rows = svc.list_suppliers(ctx, ws)
    except LookupError as exc:
        raise _fail(str(exc)) from exc
    if as_json:
        typer.echo(json.dumps([r.as_dict() for r in rows], ensure_ascii=False, indent=2))
        return
    for r in rows:
        score = "—" if r.score is None else str(r.score)
        warn = f"  {r.open_messages} message(s) with open payment warnings" if r.open_messages else ""
        typer.echo(
            f"{r.rank:>2}. {r.key:<24} {score:>5}  {r.risk:<8} {r.uscc or '—':<18}  {r.name_zh or r.name_en}{warn}"
        )


@supplier_app.command("add")
def add_cmd(
    name_en: str = typer.Option(None, "--name-en", help="English (trade) name."),
    name_zh: str = typer.Option(None, "--name-zh", help="Chinese legal name (企业名称), as on the business licence."),
    uscc: str = typer.Option(
        None, help="Unified Social Credit Code (validated when given; without it the supplier is a due-diligence gap)."
    ),
    email_domains: str = typer.Option(None, "--email-domains", help="e.g. 'example.com,example.cn'"),
    tz: str = typer.Option(None, "--tz", help="The supplier's time zone (default Asia/Shanghai)."),
    key: str = typer.Option(None, help="Short key used in URLs (default: from the English name)."),
    as_json: bool = typer.Option(False, "--json", help="Print what the API returns."),
    workspace: str = WorkspaceOpt,
) -> None:
    """Add a supplier: a name is enough (USCC validated when given, duplicates refused)."""
    from ..services import suppliers as svc
    from ..services.commands import check
    from ..services.suppliers.commands import NewSupplier
    from .core import default_actor

    ctx, ws = _ctx_ws(workspace)
    data: dict[str, object] = {"name_zh": name_zh, "uscc": uscc, "name_en": name_en, "key": key}
    data = {k: v for k, v in data.items() if v is not None}
    if email_domains:
        data["email_domains"] = email_domains
    if tz:
        data["timezone"] = tz
    try:
        body = check(NewSupplier, data)  # the API's and the page's command
        created = svc.create_supplier(ctx, ws, body.model_dump(exclude_none=True), actor=default_actor())
    except (ValueError, LookupError) as exc:
        raise _fail(str(exc)) from exc
    if as_json:
        typer.echo(json.dumps({"key": created}))
        return
    typer.echo(f"supplier {created} added")


@supplier_app.command("import")
def import_cmd(
    path: Path = typer.Argument(..., help="Supplier CSV (UTF-8, UTF-8 with BOM, or GBK/GB18030 from Excel)."),
    workspace: str = WorkspaceOpt,
) -> None:
    """Import suppliers from a CSV: every row or none. Exit 2 with the errors by row and column."""
    from ..services import suppliers as svc
    from .core import default_actor

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise _fail(f"{path}: cannot read: {exc.strerror or exc}") from exc
    ctx, ws = _ctx_ws(workspace)
    try:
        result = svc.import_csv(ctx, ws, data, source=path.name, actor=default_actor())
    except LookupError as exc:
        raise _fail(str(exc)) from exc
    for w in result.warnings:
        typer.echo(f"{path}: warning: {w}", err=True)
    if not result.ok:
        for e in result.errors:
            typer.echo(f"{path}: {e}", err=True)
        typer.echo(f"{path}: {len(result.errors)} error(s); nothing imported", err=True)
        raise typer.Exit(2)
    typer.echo(
        f"{path}: {len(result.created)} supplier(s) imported (encoding {result.encoding}): {', '.join(result.created)}"
    )


@supplier_app.command("scorecard")
def scorecard_cmd(
    workspace: str = WorkspaceOpt,
    as_json: bool = typer.Option(False, "--json", help="Print the scorecards (with breakdown) as JSON."),
    save: bool = typer.Option(False, "--save", help="Also record today's scores (history)."),
) -> None:
    """Score and risk ranking from measured data, best first, with what drove each score."""
    from ..domain.scorecard import risk_ranking
    from ..services import suppliers as svc
    from .core import default_actor

    ctx, ws = _ctx_ws(workspace)
    try:
        cards = svc.scorecards(ctx, ws)
        if save:
            svc.record_score_snapshots(ctx, ws, actor=default_actor())
    except LookupError as exc:
        raise _fail(str(exc)) from exc
    if as_json:
        typer.echo(
            json.dumps(
                {
                    "ranking": [c.as_dict() for c in cards],
                    "comparison": svc.comparison(cards),
                    "risk_ranking": [c.supplier_id for c in risk_ranking(c.card for c in cards)],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    if not cards:
        typer.echo("no suppliers")
        return
    for n, v in enumerate(cards, 1):
        c = v.card
        score = "—" if c.score is None else str(c.score)
        if v.measured and c.provisional:  # most of the weight not measured: never a bare number
            typer.echo(f"{n}. {v.name} ({v.key}): {score} / 100 provisional ({c.coverage_note}), risk {c.risk}")
        elif v.measured:
            typer.echo(f"{n}. {v.name} ({v.key}): {score} / 100, risk {c.risk}, data for {c.coverage} % of the weight")
        elif c.red_flags:  # nothing measured, but a red flag (e.g. an open payment warning) makes the risk high
            typer.echo(
                f"-. {v.name} ({v.key}): not enough data for a score or rank, risk {c.risk} (red flags below); "
                f"data for {c.coverage} % of the weight"
            )
        else:  # scored only on "no cases, no credits owed": as the web page says, no score, risk or rank yet
            typer.echo(
                f"-. {v.name} ({v.key}): not enough data (no support request measured, no checklist assessed, "
                f"no review), so no score, risk or rank; data for {c.coverage} % of the weight"
            )
        if v.open_messages:
            typer.echo(
                f"   messages with open payment warnings: {v.open_messages} "
                f"({v.open_warnings} warning(s); disputedesk supplier warnings)"
            )
        typer.echo(f"   support figures: {v.figures_source}")
        for comp in c.components:
            shown = "not counted" if comp.score is None else f"{comp.score:>5} (-{comp.points_lost})"
            typer.echo(f"   {comp.label:<28} {shown:<16} {comp.explanation}")
        for f in c.red_flags:
            typer.echo(f"   RED FLAG: {f}")


@supplier_app.command("scan-payments")
def scan_cmd(workspace: str = WorkspaceOpt) -> None:
    """Check every message for requests to pay into a new or different account."""
    from ..services import suppliers as svc
    from .core import default_actor

    ctx, ws = _ctx_ws(workspace)
    try:
        rep = svc.scan_payment_warnings(ctx, ws, actor=default_actor())
    except LookupError as exc:
        raise _fail(str(exc)) from exc
    typer.echo(
        f"{rep.scanned} message(s) checked ({rep.skipped_own} of our own skipped): "
        f"{rep.new_warnings} new warning(s) on {rep.flagged_messages} message(s)"
    )


@supplier_app.command("warnings")
def warnings_cmd(
    workspace: str = WorkspaceOpt,
    status: str = typer.Option(None, help="open | confirmed | dismissed"),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Payment warnings, most severe first. Exit 1 when an open high-severity warning exists."""
    from ..services import suppliers as svc

    ctx, ws = _ctx_ws(workspace)
    try:
        rows = svc.list_payment_warnings(ctx, ws, status=status)
    except (ValueError, LookupError) as exc:
        raise _fail(str(exc)) from exc
    if as_json:
        typer.echo(json.dumps([w.as_dict() for w in rows], ensure_ascii=False, indent=2))
    else:
        for w in rows:
            typer.echo(f"#{w.id} [{w.status}] {w.severity:<6} {w.kind:<26} {w.evidence or '—'} {w.sender or ''}")
            typer.echo(f"      {w.excerpt}")
    if any(w.status == "open" and w.severity == "high" for w in rows):
        raise typer.Exit(1)


@supplier_app.command("next-contact")
def next_contact_cmd(
    key: str = typer.Argument(..., help="Supplier key."),
    level: str = typer.Option(None, help="Level already contacted (support_engineer, service_manager, sales)."),
    at: str = typer.Option(None, help="When, ISO 8601 with offset (default: now)."),
    workspace: str = WorkspaceOpt,
) -> None:
    """Whom to contact next when support stalls, on which channel, and when it answers."""
    from datetime import datetime

    from ..services import suppliers as svc

    ctx, ws = _ctx_ws(workspace)
    try:
        when = datetime.fromisoformat(at) if at else ctx.clock()
        if when.tzinfo is None:
            raise ValueError("--at: give a UTC offset, e.g. 2026-10-02T10:00+08:00")
        p = svc.propose_escalation(ctx, ws, key, level, when)
    except (ValueError, LookupError) as exc:
        raise _fail(str(exc)) from exc
    if p.contact and p.channel:
        level_name = p.level.name.lower() if p.level else ""
        typer.echo(f"{p.contact.name} ({level_name}) by {p.channel.channel.value}: {p.channel.address}")
    typer.echo(p.reason)
    if p.follow_up:
        typer.echo(p.follow_up)


@supplier_app.command("reviews-due")
def reviews_due_cmd(workspace: str = WorkspaceOpt) -> None:
    """Periodic supplier reviews that are due or overdue."""
    from ..services import suppliers as svc

    ctx, ws = _ctx_ws(workspace)
    for r in svc.review_reminders(ctx, ws):
        typer.echo(
            f"{r.supplier_key}: {r.status} ({r.due_on}){f', {r.days_overdue} day(s) late' if r.days_overdue else ''}"
        )


def register(app: typer.Typer) -> None:
    app.add_typer(supplier_app, name="supplier")
