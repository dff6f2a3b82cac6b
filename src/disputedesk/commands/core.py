"""Foundation commands: init, import, verify, evidence list, demo, serve."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from ..services.context import Context, default_actor
from ..store.blobs import BlobStoreError
from ..store.db import DatabaseError

err = Console(stderr=True, soft_wrap=True)
out = Console(soft_wrap=True)

WorkspaceOpt = typer.Option(None, "--workspace", "-w", help="Workspace slug (default: DISPUTEDESK_DEFAULT_WORKSPACE).")


def fail(message: str, code: int = 2) -> typer.Exit:
    err.print(f"[bold red]error:[/] {message}", highlight=False)
    return typer.Exit(code)


def cli_lang() -> str | None:
    """The language of refusals on the command line: ``disputedesk --lang zh …``, else
    DISPUTEDESK_LANG; neither: None (English and Chinese, one line each)."""
    import os

    from ..cli_app import CHOSEN_LANG

    chosen = CHOSEN_LANG[0] or os.environ.get("DISPUTEDESK_LANG", "").strip().lower() or None
    return chosen if chosen in ("en", "zh") else None


def refusal(text: object, *, labels: bool = False) -> str:
    """A refusal the code wrote as a sentence (``T``), as the command line says it: in the chosen
    language (:func:`cli_lang`), else in English and in Chinese, the same sentence the API's
    ``error`` and the pages give. ``labels``: fields by their labels ("sent on" / "发出日期", not
    ``sent_on``) and dates as the pages write them (5 Dec 2026 / 2026年12月5日), as the API says it."""
    if labels:
        from ..web.i18n import refusal as said
    else:
        from ..documents.catalogue import written as said  # type: ignore[assignment]

    lang = cli_lang()
    lines = []
    if lang in (None, "en"):
        lines.append(f"error: {said(text, 'en')}")
    if lang in (None, "zh"):
        lines.append(f"错误：{said(text, 'zh')}")
    return "\n".join(lines)


def refuse(text: object, code: int = 2, *, labels: bool = False) -> typer.Exit:
    typer.echo(refusal(text, labels=labels), err=True)
    return typer.Exit(code)


def refused(exc: BaseException, code: int = 2, *, labels: bool = False) -> typer.Exit:
    """A bad input: said in the chosen language(s) when the code wrote it as a sentence (or, with
    ``labels``, as a records field error), else as it is."""
    from ..domain.text import Text

    said = exc.args[0] if exc.args else None
    if isinstance(said, Text):
        return refuse(said, code, labels=labels)
    if labels and callable(getattr(exc, "localised", None)):
        return refuse(exc, code, labels=True)
    return fail(str(exc).strip("'\""), code)


def open_context() -> Context:
    try:
        return Context.open()
    except (DatabaseError, BlobStoreError) as exc:
        raise fail(str(exc)) from exc


def ws_or_default(ctx: Context, workspace: str | None) -> str:
    return workspace or ctx.settings.default_workspace


def register(app: typer.Typer) -> None:
    @app.command("init")
    def init(
        workspace: str = WorkspaceOpt, name: str = typer.Option(None, help="Display name of the workspace.")
    ) -> None:
        """Create the database and blob folder (or bring them up to date) and a workspace."""
        from ..services.workspaces import ensure_workspace

        ctx = open_context()
        slug = ws_or_default(ctx, workspace)
        try:
            ctx.blobs.check_writable()
            ensure_workspace(ctx, slug, name)
        except (DatabaseError, BlobStoreError, ValueError) as exc:
            raise refused(exc) from exc
        out.print(f"ready: database {ctx.settings.resolved_database_url}, blobs {ctx.blobs.url}, workspace {slug}")

    @app.command("import")
    def import_(
        paths: list[Path] = typer.Argument(..., help="Files or folders to import (folders are walked)."),
        workspace: str = WorkspaceOpt,
        kind: str = typer.Option(None, help="Evidence kind for all files (default: guessed from the type)."),
        description: str = typer.Option(None, help="Description for all files."),
        actor: str = typer.Option(None, help="Who imports (recorded in the ledger)."),
        as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
        chat_time_zone: str = typer.Option(
            None,
            "--chat-time-zone",
            help="Zone of the phone that exported a chat in local time (WhatsApp), e.g. Asia/Shanghai. "
            "Left out: your company's zone is assumed (UTC if none is recorded), and the messages say so.",
        ),
        chat_date_order: str = typer.Option(
            None,
            "--chat-date-order",
            help="dmy (day first) or mdy (month first): how to read a chat export's dates that read two ways "
            "(03/04/2024). Left out: the file's own order, else day first, and the messages say so. The same "
            "export imported again with the other order has its dates read again (it is not stored twice).",
        ),
    ) -> None:
        """Import files into the evidence vault: stored once by SHA-256, recorded in the ledger."""
        from ..services.imports import DUPLICATE, FAILED, chat_zone, check_description, import_paths
        from ..services.imports import chat_date_order as date_order
        from ..services.records.errors import FieldError
        from ..services.workspaces import WorkspaceNotFound, ensure_workspace

        try:
            chat_tz = chat_zone(chat_time_zone)
        except FieldError as exc:
            raise fail(f"--chat-time-zone: {exc.message}") from exc
        try:
            order = date_order(chat_date_order)
        except FieldError as exc:
            raise fail(f"--chat-date-order: {exc.message}") from exc
        try:
            check_description(description)  # the upload form's and the API's cap, before anything is stored
        except ValueError as exc:
            raise refused(exc) from None
        ctx = open_context()
        slug = ws_or_default(ctx, workspace)
        if slug == ctx.settings.default_workspace:
            ensure_workspace(ctx, slug)
        progress = Progress(
            TextColumn("importing"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[name]}"),
            TimeRemainingColumn(),
            console=err,
            transient=True,
            disable=as_json or not sys.stderr.isatty(),
        )
        with progress:
            task = progress.add_task("import", total=None, name="")

            def tick(o) -> None:  # type: ignore[no-untyped-def]
                progress.update(task, advance=1, name=o.name[:40])

            try:
                report = import_paths(
                    ctx,
                    slug,
                    paths,
                    actor=actor or default_actor(),
                    kind=kind,
                    description=description,
                    progress=tick,
                    chat_tz=chat_tz,
                    chat_date_order=order,
                )
            except (DatabaseError, BlobStoreError, WorkspaceNotFound) as exc:
                raise fail(str(exc)) from exc
        if as_json:
            typer.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
        else:
            for o in report.outcomes:
                if o.status == DUPLICATE:
                    out.print(f"duplicate {o.source}: {o.reason}", highlight=False)
            mb = report.bytes_imported / 1e6
            out.print(
                f"imported {report.imported} file(s) ({mb:.1f} MB), {report.duplicates} duplicate(s) skipped, "
                f"{report.failed} failed",
                highlight=False,
            )
            for o in report.outcomes:
                if o.status == FAILED:
                    err.print(f"  failed: {o.source}: {o.reason}", highlight=False)
        if report.failed:
            raise typer.Exit(1)

    @app.command("verify")
    def verify_cmd(
        workspace: str = WorkspaceOpt,
        quick: bool = typer.Option(False, "--quick", help="Check sizes only, do not re-hash the blobs."),
        as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
        kept: list[Path] = typer.Option(
            [],
            "--timestamps",
            help="Timestamp tokens kept outside the vault (`timestamp --export` file or an evidence bundle) "
            "to check against the chain as well. Repeatable.",
        ),
    ) -> None:
        """Re-hash every blob and replay the ledger; name every altered, missing or reordered record.
        Trusted timestamps (RFC 3161) in the ledger are checked and what each proves is printed."""
        from ..services.timestamps import TimestampError, load_kept_tokens
        from ..services.verify import count_items, verify

        ctx = open_context()
        kept_tokens: dict[str, list[dict[str, object]]] = {}
        for path in kept:
            try:
                for slug, tokens in load_kept_tokens(path).items():
                    kept_tokens.setdefault(slug, []).extend(tokens)
            except (TimestampError, OSError, ValueError) as exc:
                raise fail(f"--timestamps {path}: {exc}") from exc
        try:
            total = count_items(ctx, workspace)
            with Progress(
                TextColumn("verifying"),
                BarColumn(),
                MofNCompleteColumn(),
                console=err,
                transient=True,
                disable=as_json or not sys.stderr.isatty(),
            ) as progress:
                task = progress.add_task("verify", total=total)
                report = verify(
                    ctx,
                    workspace,
                    rehash=not quick,
                    progress=lambda n: progress.update(task, advance=n),
                    kept_tokens=kept_tokens,
                )
        except DatabaseError as exc:
            raise fail(str(exc)) from exc
        if as_json:
            typer.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
        else:
            out.print(
                f"checked {report.items} evidence item(s) ({report.bytes_checked / 1e6:.1f} MB re-hashed"
                f"{' — sizes only' if quick else ''}) and {report.ledger_entries} ledger entries "
                f"in {report.workspaces} workspace(s)",
                highlight=False,
            )
            for slug, (seq, h) in report.heads.items():
                out.print(f"  ledger head ({slug}): #{seq} {h}", highlight=False)
            for slug, checks in report.timestamps.items():
                for c in checks:
                    if c.ok:
                        out.print(f"  trusted timestamp ({slug}) {c.describe()}", highlight=False)
            for note in report.notes:
                out.print(f"  note: {note}", highlight=False)
            if report.ok:
                out.print("[green]OK[/]: every original matches its hash and every ledger chain is intact")
            else:
                err.print(f"[bold red]TAMPERING OR DAMAGE FOUND[/]: {len(report.problems)} problem(s)")
                for p in report.problems:
                    err.print(f"  {p}", highlight=False)
        if not report.ok:
            raise typer.Exit(1)

    evidence = typer.Typer(help="Evidence items.", no_args_is_help=True)
    app.add_typer(evidence, name="evidence")

    @evidence.command("list")
    def evidence_list(
        workspace: str = WorkspaceOpt,
        kind: str = typer.Option(None, help="Only this kind."),
        as_json: bool = typer.Option(False, "--json"),
    ) -> None:
        """List the evidence items of a workspace."""
        from ..services.evidence import EvidenceFilter, list_evidence

        ctx = open_context()
        try:
            page = list_evidence(ctx, ws_or_default(ctx, workspace), EvidenceFilter(kind=kind), limit=100000)
        except (DatabaseError, LookupError) as exc:
            raise fail(str(exc)) from exc
        from ..fastread import show_evidence

        show_evidence(page.items, as_json=as_json)

    @app.command("demo")
    def demo(
        workspace: str = typer.Option("demo", "--workspace", "-w", help="Workspace for the demo dispute."),
    ) -> None:
        """Load the demo dispute (fictional buyer vs. Shenzhen machine maker) through the real import."""
        from ..services.demo import load_demo

        ctx = open_context()
        try:
            summary = load_demo(ctx, workspace, actor="demo-loader")
        except (DatabaseError, BlobStoreError, ValueError) as exc:
            raise fail(str(exc)) from exc
        for line in summary:
            out.print(line, highlight=False)
        from ..services.demo import ensure_demo_user

        user, password = ensure_demo_user(ctx, workspace)
        if password:
            out.print(f"sign in as [bold]{user}[/], password [bold]{password}[/] (owner of workspace {workspace})")
        else:
            out.print(f"user {user} exists already; its password is unchanged (reset: disputedesk user passwd {user})")

    @app.command("serve")
    def serve(
        host: str = typer.Option("127.0.0.1", help="Address to listen on."),
        port: int = typer.Option(8000, help="Port."),
        workers: int = typer.Option(1, help="Worker processes (each has its own request threads and connection pool)."),
        threads: int = typer.Option(
            None,
            "--threads",
            min=1,
            help="Request threads per worker process (default: DISPUTEDESK_WEB_THREADS, 16); the "
            "connection pool is sized to match.",
        ),
        login_as: str = typer.Option(None, "--login-as", help="Print a one-time sign-in link for this user."),
    ) -> None:
        """Serve the web app and JSON API."""
        import uvicorn

        from ..services import accounts

        if threads is not None:
            import os

            from ..config import get_settings

            os.environ["DISPUTEDESK_WEB_THREADS"] = str(threads)  # read by every worker process
            get_settings.cache_clear()
        ctx = open_context()
        users = [u for u, _ in accounts.list_users(ctx) if not u.disabled]
        users.sort(key=lambda u: (not u.is_admin, u.id))
        if login_as or users:
            name = login_as or users[0].username
            try:
                token = accounts.create_login_token(ctx, name)
            except accounts.AccountError as exc:
                raise fail(str(exc)) from exc
            out.print(f"DisputeDesk on http://{host}:{port}/  — open this once to sign in as {name}:", highlight=False)
            out.print(f"    http://{host}:{port}/login/token/{token}", highlight=False, soft_wrap=True)
        else:
            out.print(f"DisputeDesk on http://{host}:{port}/ — no user yet: create one with `disputedesk user add`")
        out.print(f"JSON API under /api (OpenAPI: http://{host}:{port}/api/openapi.json)", highlight=False)
        ctx.close()
        proxies = ctx.settings.trusted_proxies.strip()
        uvicorn.run(
            "disputedesk.web.app:create_app",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            log_level="info",
            # uvicorn believes X-Forwarded-For from 127.0.0.1 by default: only configured proxies here
            proxy_headers=bool(proxies),
            forwarded_allow_ips=proxies or None,
        )
