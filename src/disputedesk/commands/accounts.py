"""Accounts from the command line: users, roles, API tokens, share links, audit trail."""

from __future__ import annotations

import sys

import typer
from rich.table import Table

from ..services import accounts
from ..services.accounts import AccountError
from ..services.context import default_actor
from .core import err, fail, open_context, out, refused


def _password(prompt: bool, stdin: bool) -> str:
    if stdin:
        return sys.stdin.readline().rstrip("\n")
    if prompt:
        return typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    raise fail("give the password with --password-stdin or answer the prompt")


def register(app: typer.Typer) -> None:
    user = typer.Typer(help="User accounts (an administrator's job).", no_args_is_help=True)
    app.add_typer(user, name="user")

    @user.command("add")
    def user_add(
        username: str,
        workspace: list[str] = typer.Option([], "--workspace", "-w", help="Workspace to give a role in (repeatable)."),
        role: str = typer.Option("member", help="Role in those workspaces: owner, member, counsel, viewer."),
        admin: bool = typer.Option(False, "--admin", help="Installation administrator."),
        name: str = typer.Option(None, "--name", help="Display name."),
        password_stdin: bool = typer.Option(False, "--password-stdin", help="Read the password from standard input."),
    ) -> None:
        """Create a user (the password is asked for twice, or read from stdin)."""
        ctx = open_context()
        try:
            accounts.create_user(ctx, username, _password(True, password_stdin), display_name=name, is_admin=admin)
            for w in workspace:
                accounts.grant(ctx, username, w, role, actor=default_actor())
        except (AccountError, LookupError) as exc:
            raise refused(exc) from exc
        out.print(f"user {username} created" + (f", {role} in {', '.join(workspace)}" if workspace else ""))

    @user.command("passwd")
    def user_passwd(
        username: str,
        password_stdin: bool = typer.Option(False, "--password-stdin", help="Read the password from standard input."),
    ) -> None:
        """Set a user's password (signs out all their sessions)."""
        ctx = open_context()
        try:
            accounts.set_password(ctx, username, _password(True, password_stdin), actor=default_actor())
        except AccountError as exc:
            raise fail(str(exc)) from exc
        out.print(f"password of {username} changed; existing sessions are signed out")

    @user.command("list")
    def user_list() -> None:
        """Users and their roles."""
        ctx = open_context()
        t = Table("User", "Admin", "Disabled", "Roles")
        for u, roles in accounts.list_users(ctx):
            t.add_row(
                u.username,
                "yes" if u.is_admin else "",
                "yes" if u.disabled else "",
                ", ".join(f"{w}: {r}" for w, r in roles),
            )
        out.print(t)

    @user.command("grant")
    def user_grant(username: str, workspace: str, role: str) -> None:
        """Give, change or (role 'none') remove a user's role in a workspace."""
        ctx = open_context()
        try:
            accounts.grant(ctx, username, workspace, role, actor=default_actor())
        except (AccountError, LookupError) as exc:
            raise fail(str(exc)) from exc
        out.print(f"{username}: {role} in {workspace}")

    token = typer.Typer(help="API tokens for scripts (per user and workspace, revocable).", no_args_is_help=True)
    app.add_typer(token, name="token")

    @token.command("create")
    def token_create(username: str, workspace: str, name: str = typer.Option("script", help="What it is for.")) -> None:
        """Create a token; it is printed once (only its hash is stored)."""
        ctx = open_context()
        try:
            secret, row = accounts.create_api_token(ctx, username, workspace, name, actor=default_actor())
        except (AccountError, LookupError) as exc:
            raise fail(str(exc)) from exc
        err.print(f"token #{row.id} for {username} in {workspace}; use as 'Authorization: Bearer …':")
        typer.echo(secret)

    @token.command("list")
    def token_list() -> None:
        ctx = open_context()
        t = Table("#", "User", "Workspace", "Name", "Starts with", "Revoked")
        for row, u, w in accounts.list_api_tokens(ctx):
            t.add_row(str(row.id), u, w, row.name, row.prefix + "…", str(row.revoked_at or ""))
        out.print(t)

    @token.command("revoke")
    def token_revoke(token_id: int) -> None:
        ctx = open_context()
        try:
            accounts.revoke_api_token(ctx, token_id, actor=default_actor())
        except AccountError as exc:
            raise fail(str(exc)) from exc
        out.print(f"token #{token_id} revoked")

    share = typer.Typer(help="Read-only share links for outside counsel.", no_args_is_help=True)
    app.add_typer(share, name="share")

    @share.command("create")
    def share_create(
        workspace: str,
        by: str = typer.Option(..., "--by", help="The owner who shares (user name)."),
        case: str = typer.Option(None, help="Only this case (e.g. CASE-2026-001); default: the whole workspace."),
        days: int = typer.Option(14, help="Days until it expires (1–365)."),
        base_url: str = typer.Option("http://127.0.0.1:8000", help="The app's address as counsel reaches it."),
    ) -> None:
        """Create an expiring, revocable, read-only link; print it."""
        ctx = open_context()
        try:
            secret, link = accounts.create_share_link(ctx, workspace, created_by=by, days=days, case_number=case)
        except (AccountError, LookupError) as exc:
            raise fail(str(exc)) from exc
        err.print(f"share link #{link.id}, expires {link.expires_at:%Y-%m-%d %H:%M} UTC:")
        typer.echo(f"{base_url.rstrip('/')}/share/{secret}")

    @share.command("revoke")
    def share_revoke(link_id: int) -> None:
        ctx = open_context()
        try:
            accounts.revoke_share_link(ctx, link_id, actor=default_actor())
        except AccountError as exc:
            raise fail(str(exc)) from exc
        out.print(f"share link #{link_id} revoked")

    @app.command("audit")
    def audit_cmd(workspace: str = typer.Option(None, "--workspace", "-w"), limit: int = 50) -> None:
        """Sign-ins, failed sign-ins, downloads, exports, share-link use, role changes."""
        from ..services.workspaces import get_workspace_by_slug

        ctx = open_context()
        ws_id = get_workspace_by_slug(ctx, workspace).id if workspace else None
        t = Table("Time (UTC)", "Who", "Action", "Address", "Details")
        for e in accounts.list_audit(ctx, ws_id, limit):
            t.add_row(f"{e.at:%Y-%m-%d %H:%M:%S}", e.actor, e.action, e.address or "", str(e.detail or ""))
        out.print(t)
