"""`disputedesk timestamp`: a trusted timestamp (RFC 3161) of the ledger head, now."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from ..services.context import default_actor
from .core import WorkspaceOpt, fail, open_context, out, ws_or_default


def register(app: typer.Typer) -> None:
    @app.command("timestamp")
    def timestamp(
        workspace: str = WorkspaceOpt,
        all_workspaces: bool = typer.Option(False, "--all", help="Every workspace, not one."),
        force: bool = typer.Option(False, "--force", help="Stamp even if the head is already timestamped."),
        as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
        export: Path = typer.Option(
            None,
            "--export",
            help="Also write every token of the workspace to this JSON file: keep it outside the vault; "
            "`verify --timestamps FILE` checks the chain against it.",
        ),
    ) -> None:
        """Ask the time-stamping authority (DISPUTEDESK_TSA_URL) for a token over the ledger head and record
        it in the ledger; `disputedesk verify` checks it. Exit 1 if the TSA fails, 2 if none is configured."""
        from ..services.timestamps import TimestampError, configured, take_timestamp
        from ..services.workspaces import WorkspaceNotFound, list_workspaces

        ctx = open_context()
        if not configured(ctx):
            raise fail("no time-stamping authority configured: set DISPUTEDESK_TSA_URL and DISPUTEDESK_TSA_CA")
        slugs = [w.slug for w in list_workspaces(ctx)] if all_workspaces else [ws_or_default(ctx, workspace)]
        results = []
        failed = False
        for slug in slugs:
            try:
                stamp = take_timestamp(ctx, slug, actor=default_actor(), force=force)
            except WorkspaceNotFound as exc:
                raise fail(str(exc)) from exc
            except TimestampError as exc:
                failed = True
                results.append({"workspace": slug, "error": str(exc)})
                if not as_json:
                    out.print(f"[red]{slug}: timestamp not taken:[/] {exc}", highlight=False)
                continue
            if stamp is None:
                results.append({"workspace": slug, "skipped": "nothing new since the last timestamp (or no entries)"})
                if not as_json:
                    out.print(f"{slug}: nothing new since the last timestamp (use --force to stamp again)")
                continue
            results.append(stamp.as_dict())
            if not as_json:
                out.print(
                    f"{slug}: ledger head #{stamp.head} {stamp.head_hash} timestamped at "
                    f"{stamp.as_dict()['time']} by {stamp.info.tsa}; token recorded as ledger entry #{stamp.seq}",
                    highlight=False,
                )
        if export is not None:
            from ..services.timestamps import export_tokens

            data = {"workspaces": [export_tokens(ctx, slug) for slug in slugs]}
            if len(slugs) == 1:
                data = data["workspaces"][0]
            export.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
            if not as_json:
                out.print(f"tokens written to {export}: keep a copy outside this machine", highlight=False)
        if as_json:
            typer.echo(json.dumps(results, ensure_ascii=False, indent=2))
        if failed:
            raise typer.Exit(1)
