"""Request-scoped dependencies: the service context, the language, and the current workspace.

``current_workspace`` is the single place where a request is bound to a workspace; every
page and API route that touches records goes through it (access checks belong here).
"""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import Depends, Request
from sqlalchemy import select

from ..services.context import Context
from ..store.db import unit_of_work
from ..store.models import Workspace
from .i18n import Formatter, negotiate, translations


def get_ctx(request: Request) -> Context:
    return request.app.state.ctx  # type: ignore[no-any-return]


def get_lang(request: Request) -> str:
    return negotiate(
        request.query_params.get("lang"), request.cookies.get("lang"), request.headers.get("accept-language")
    )


@dataclass
class WorkspaceRef:
    id: int
    slug: str
    name: str


class NoWorkspace(LookupError):
    pass


def current_workspace(request: Request, ctx: Context = Depends(get_ctx)) -> WorkspaceRef:
    wanted = request.query_params.get("ws") or request.cookies.get("ws")
    with unit_of_work(ctx.engine) as s:
        rows = list(s.execute(select(Workspace).order_by(Workspace.id)).scalars())
    if not rows:
        raise NoWorkspace("no workspace yet: run `disputedesk init` or `disputedesk demo`")
    by_slug = {w.slug: w for w in rows}
    if wanted and wanted in by_slug:
        w = by_slug[wanted]
    elif wanted and request.query_params.get("ws"):
        raise NoWorkspace(f"workspace {wanted!r} does not exist")
    else:
        # Prefer the demo when it is loaded (the Quick start opens on it), else the first one.
        w = by_slug.get("demo") or rows[0]
    return WorkspaceRef(w.id, w.slug, w.name)


def all_workspaces(ctx: Context) -> list[WorkspaceRef]:
    with unit_of_work(ctx.engine) as s:
        return [
            WorkspaceRef(w.id, w.slug, w.name) for w in s.execute(select(Workspace).order_by(Workspace.slug)).scalars()
        ]


def page_env(request: Request, lang: str) -> dict[str, object]:
    t = translations(lang)
    return {
        "request": request,
        "lang": lang,
        "_": t.gettext,
        "ngettext": t.ngettext,
        "fmt": Formatter(lang, request.cookies.get("tz") or "UTC"),
    }
