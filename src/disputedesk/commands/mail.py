"""`disputedesk search`, `disputedesk threads`, `disputedesk thread-link`.

(`disputedesk import imap://user@host:port/FOLDER` is the foundation's `import` command: the
import service recognises the URL.)
"""

from __future__ import annotations

from datetime import datetime

import typer

from ..store.db import DatabaseError
from .core import WorkspaceOpt, fail, open_context, out, ws_or_default


def _when(value: str | None, name: str) -> datetime | None:
    if not value:
        return None
    try:
        dt = datetime.fromisoformat(value)
    except ValueError as exc:
        raise fail(f"--{name}: {value!r} is not an ISO date or date-time") from exc
    if dt.tzinfo is None:
        from datetime import UTC

        dt = dt.replace(tzinfo=UTC)
    return dt


def register(app: typer.Typer) -> None:
    @app.command("search")
    def search_cmd(
        query: str = typer.Argument(..., help="Words to find (English or Chinese; all must occur)."),
        workspace: str = WorkspaceOpt,
        supplier: str = typer.Option(None, help="Only mail with this supplier (its key)."),
        direction: str = typer.Option(None, help="buyer->supplier, supplier->buyer, internal or other."),
        date_from: str = typer.Option(None, "--from", help="Sent on or after (ISO date, UTC if no offset)."),
        date_to: str = typer.Option(None, "--to", help="Sent before (ISO date, UTC if no offset)."),
        attachments: bool = typer.Option(None, "--attachments/--no-attachments", help="With / without attachments."),
        thread: int = typer.Option(None, help="Only this thread (number from `disputedesk threads`)."),
        limit: int = typer.Option(50, help="Most hits to show."),
        as_json: bool = typer.Option(False, "--json", help="Print the hits as JSON."),
    ) -> None:
        """Full-text search over messages, attachments and documents, ranked, with snippets."""
        from ..services.mail import SearchFilter, search_counted

        ctx = open_context()
        flt = SearchFilter(
            supplier=supplier,
            direction=direction,
            date_from=_when(date_from, "from"),
            date_to=_when(date_to, "to"),
            has_attachment=attachments,
            thread=thread,
        )
        try:
            found = search_counted(ctx, ws_or_default(ctx, workspace), query, flt, limit=limit)
        except (ValueError, LookupError, DatabaseError) as exc:
            raise fail(str(exc)) from exc
        from ..fastread import show_hits

        show_hits(found, as_json=as_json)

    @app.command("threads")
    def threads_cmd(
        workspace: str = WorkspaceOpt,
        supplier: str = typer.Option(None, help="Only threads with this supplier (its key)."),
        request: str = typer.Option(None, help="Only threads of this support request (SR-0001)."),
        as_json: bool = typer.Option(False, "--json", help="Print the threads as JSON."),
    ) -> None:
        """Conversations, newest first: messages linked by References/In-Reply-To."""
        from ..services.mail import list_threads

        ctx = open_context()
        try:
            threads = list_threads(ctx, ws_or_default(ctx, workspace), supplier=supplier, request=request)
        except (LookupError, DatabaseError) as exc:
            raise fail(str(exc)) from exc
        from ..fastread import show_threads

        show_threads(threads, as_json=as_json)

    @app.command("thread-link")
    def thread_link_cmd(
        thread: int = typer.Argument(..., help="Thread number (from `disputedesk threads`)."),
        request: str = typer.Argument(..., help="Support request number, e.g. SR-0001."),
        workspace: str = WorkspaceOpt,
        actor: str = typer.Option(None, help="Who links (recorded in the ledger)."),
    ) -> None:
        """Attach a thread (and its messages) to a support request."""
        from ..services.context import default_actor
        from ..services.mail import link_thread

        ctx = open_context()
        try:
            n = link_thread(ctx, ws_or_default(ctx, workspace), thread, request, actor=actor or default_actor())
        except (LookupError, DatabaseError) as exc:
            raise fail(str(exc)) from exc
        out.print(f"thread #{thread}: {n} message(s) linked to {request}")
