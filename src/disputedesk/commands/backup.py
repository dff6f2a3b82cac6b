"""`disputedesk backup` and `disputedesk restore`."""

from __future__ import annotations

from pathlib import Path

import typer

from ..services.backup import BackupError, backup, restore
from ..services.context import Context
from ..store.blobs import BlobStoreError
from ..store.db import DatabaseError
from .core import err, fail, open_context, out


def register(app: typer.Typer) -> None:
    register_migrate(app)

    @app.command("backup")
    def backup_cmd(out_file: Path = typer.Argument(..., metavar="OUT.tar", help="New file to write.")) -> None:
        """Take a consistent backup (database, originals, ledger anchors) while the app runs."""
        ctx = open_context()
        try:
            s = backup(ctx, out_file)
        except (BackupError, BlobStoreError, DatabaseError) as exc:
            raise fail(str(exc)) from exc
        out.print(f"backup written: {s.path} ({s.engine}, {s.blobs} original(s), {s.bytes / 1e6:.1f} MB)")

    @app.command("restore")
    def restore_cmd(archive: Path = typer.Argument(..., metavar="BACKUP.tar")) -> None:
        """Rebuild the configured (empty) installation from a backup, then verify it."""
        try:
            ctx = Context.open(upgrade=False)
            report = restore(ctx, archive)
        except (BackupError, BlobStoreError, DatabaseError) as exc:
            raise fail(str(exc)) from exc
        out.print(f"restored {report.items} evidence item(s), {report.ledger_entries} ledger entries")
        if not report.ok:
            err.print("[bold red]verify found problems after the restore:[/]")
            for p in report.problems:
                err.print(f"  {p}", highlight=False)
            raise typer.Exit(1)
        out.print("[green]OK[/]: verify passed on the restored installation")


def register_migrate(app: typer.Typer) -> None:
    @app.command("migrate-storage")
    def migrate_storage(
        to: str = typer.Option(..., "--to", help="Target database URL, e.g. postgresql://user@host/db (empty)."),
        blobs: str = typer.Option(
            None, "--blobs", help="Target blob store, e.g. s3://bucket/prefix or file:///path (default: unchanged)."
        ),
    ) -> None:
        """Move this installation to another database / blob store, then verify the result."""
        from ..config import get_settings
        from ..services.migrate_storage import MigrationError, move

        source = open_context()
        settings = get_settings().model_copy(update={"database_url": to, "blob_store": blobs or ""})
        if not blobs:
            settings = settings.model_copy(update={"blob_store": source.settings.resolved_blob_store})
        try:
            target = Context.open(settings)
            report = move(source, target, progress=lambda m: err.print(m, highlight=False))
        except (MigrationError, BlobStoreError, DatabaseError) as exc:
            raise fail(str(exc)) from exc
        rows = sum(report.tables.values())
        out.print(f"moved {rows} row(s) in {len(report.tables)} table(s) and {report.blobs} original(s)")
        if not report.verify.ok:
            for p in report.verify.problems:
                err.print(f"  {p}", highlight=False)
            raise fail("verify found problems on the target", 1)
        out.print(f"[green]OK[/]: verify passed on {to} with blobs at {target.blobs.url}")
