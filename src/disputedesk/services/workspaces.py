"""Workspaces: one per client matter. Every record and ledger chain belongs to one."""

from __future__ import annotations

import re
from typing import Any, TypeVar, cast

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..domain.text import field_error
from ..store.db import unit_of_work
from ..store.models import Workspace
from .context import Context

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")
M = TypeVar("M")


class WorkspaceNotFound(LookupError):
    pass


def validate_slug(slug: str) -> str:
    if not SLUG.match(slug):
        raise ValueError(
            f"workspace {slug!r}: use lower-case letters, digits and dashes (1–80 characters, not starting with a dash)"
        )
    return slug


#: The longest name of a workspace or display name of a user: their columns are VARCHAR(200).
NAME_LIMIT = 200


def ensure_workspace(ctx: Context, slug: str, name: str | None = None) -> Workspace:
    validate_slug(slug)
    if name and len(name) > NAME_LIMIT:  # refused, not cut (on PostgreSQL it failed to store)
        raise ValueError(field_error("name", "longer than %(limit)s characters", limit=NAME_LIMIT))
    with unit_of_work(ctx.engine) as s:
        ws = s.execute(select(Workspace).where(Workspace.slug == slug)).scalar_one_or_none()
        if ws is not None:
            return ws
    try:
        with unit_of_work(ctx.engine) as s:
            ws = Workspace(slug=slug, name=name or slug, created_at=ctx.clock(), next_evidence_no=1)
            s.add(ws)
            s.flush()
            return ws
    except IntegrityError:  # created concurrently
        return get_workspace_by_slug(ctx, slug)


def get_workspace(session: Session, slug: str) -> Workspace:
    ws = session.execute(select(Workspace).where(Workspace.slug == slug)).scalar_one_or_none()
    if ws is None:
        raise WorkspaceNotFound(f"workspace {slug!r} does not exist")
    return ws


def one_in(s: Session, ws: Workspace, model: type[M], *where: Any, missing: str | LookupError) -> M:
    """The row of ``model`` in workspace ``ws`` that matches ``where``; when there is none, the
    LookupError ``missing`` (or one with that message): a 404 on the web, exit code 2 in the CLI."""
    row = s.execute(select(model).where(cast(Any, model).workspace_id == ws.id, *where)).scalar_one_or_none()
    if row is None:
        raise missing if isinstance(missing, LookupError) else LookupError(missing)
    return row


def get_workspace_by_slug(ctx: Context, slug: str) -> Workspace:
    with unit_of_work(ctx.engine) as s:
        return get_workspace(s, slug)


def list_workspaces(ctx: Context) -> list[Workspace]:
    with unit_of_work(ctx.engine) as s:
        return list(s.execute(select(Workspace).order_by(Workspace.slug)).scalars())
