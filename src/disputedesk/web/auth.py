"""Authentication, access and request hardening — the one place where requests meet permissions.

- Who: an API token (``Authorization: Bearer ddt_…``, bound to one user and workspace), a
  counsel share link (read-only, one workspace or case), or a signed session cookie
  (``HttpOnly``, ``SameSite=Lax``, ``Secure`` when configured for HTTPS).
- Where: the workspace comes from ``?ws=``, else the session's last one, among the user's
  memberships only: asking for a workspace one has no role in is a 404, like one that
  does not exist (no existence leak).
- What: ``need("edit")`` etc. check the role (see ``services.accounts.PERMISSIONS``).
- CSRF: ``web/csrf.py`` (Datasette's ``asgi-csrf``): every state-changing request from a page
  needs the token, as the ``X-CSRF-Token`` header (htmx sends it) or the ``csrftoken`` form
  field (URL-encoded or multipart); a bearer-token request carries no session cookie.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from fastapi import Depends, HTTPException, Request

from ..services import accounts
from ..services.accounts import Access
from ..services.context import Context

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


class NotAuthenticated(Exception):
    """No valid session, token or share link: 401 for the API, a redirect to sign in for pages."""


class Forbidden(HTTPException):
    def __init__(self, message: str) -> None:
        super().__init__(status_code=403, detail=message)


def client_address(request: Request) -> str | None:
    return request.client.host if request.client else None


def get_ctx(request: Request) -> Context:
    return request.app.state.ctx  # type: ignore[no-any-return]


def _bearer(request: Request) -> str | None:
    h = request.headers.get("authorization", "")
    if h.lower().startswith("bearer "):
        return h[7:].strip()
    return None


def current_access(request: Request, ctx: Context = Depends(get_ctx)) -> Access:
    cached = getattr(request.state, "access", None)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    token = _bearer(request)
    if token is not None:
        acc = accounts.access_for_token(ctx, token)
        if acc is None:
            raise NotAuthenticated("API token unknown or revoked")
        wanted = request.query_params.get("ws")
        if wanted and wanted != acc.workspace_slug:
            raise HTTPException(404, f"workspace {wanted!r} does not exist")
        request.state.access = acc
        return acc
    session = request.session
    share = session.get("share")
    if share:
        acc = accounts.access_for_share(ctx, share, client_address(request))
        if acc is None:
            session.clear()
            raise NotAuthenticated("the share link has expired or was revoked")
        if request.method not in SAFE_METHODS:
            raise Forbidden("a share link is read-only")
        wanted = request.query_params.get("ws")
        if wanted and wanted != acc.workspace_slug:
            raise HTTPException(404, f"workspace {wanted!r} does not exist")
        if acc.share_case_id is not None:
            check_case_scope(request, ctx, acc)
        request.state.access = acc
        return acc
    uid = session.get("uid")
    if not uid:
        raise NotAuthenticated("sign in first")
    user = accounts.user_by_id(ctx, int(uid))
    if user is None or user.disabled or user.session_version != session.get("sv"):
        session.clear()
        raise NotAuthenticated("your session has ended; sign in again")
    rows = accounts.memberships(ctx, user.id)
    if not rows:
        raise Forbidden(f"{user.username} has no role in any workspace; ask an owner to add you")
    by_slug = {w.slug: (w, r) for w, r in rows}
    wanted = request.query_params.get("ws")
    if wanted:
        if wanted not in by_slug:
            raise HTTPException(404, f"workspace {wanted!r} does not exist")
        session["ws"] = wanted
        w, role = by_slug[wanted]
    else:
        last = session.get("ws")
        w, role = by_slug.get(last) or by_slug.get("demo") or rows[0]
    acc = Access(user.id, user.username, w.id, w.slug, w.name, role, "session")
    request.state.access = acc
    return acc


# What a share link for one case may open: route → (path parameter, what it names). Every other
# route answers 403, and an object outside the case 404 (as if it did not exist).
CASE_SCOPE_ROUTES: dict[str, tuple[str, str] | None] = {
    "/cases": None,  # lists only the link's case (the case routes filter by share_case_id)
    "/api/cases": None,
    "/cases/{case_id}": ("case_id", "case"),
    "/cases/{case_id}/deadlines.ics": ("case_id", "case"),
    "/api/cases/{case_id}": ("case_id", "case"),
    "/api/cases/{case_id}/deadlines.ics": ("case_id", "case"),
    "/evidence/{label}": ("label", "evidence"),
    "/evidence/{label}/original": ("label", "evidence"),
    "/evidence/{label}/html": ("label", "evidence"),
    "/evidence/{label}/inline": ("label", "evidence"),
    "/api/evidence/{label}": ("label", "evidence"),
    "/api/evidence/{label}/original": ("label", "evidence"),
    "/contracts/{label}": ("label", "evidence"),
    "/api/evidence/{label}/clarity": ("label", "evidence"),
    "/requests/{number}": ("number", "request"),
    "/api/sla/requests/{number}": ("number", "request"),
    "/documents/bundles/{export_id}": ("export_id", "bundle"),
    "/documents/bundles/{export_id}/download": ("export_id", "bundle"),
    "/api/bundles/{export_id}": ("export_id", "bundle"),
    "/api/bundles/{export_id}/file": ("export_id", "bundle"),
    "/lang/{code}": None,
}


class OutsideCase(Exception):
    """A page of a case share link outside its case: the case page is where to go."""

    def __init__(self, target: str) -> None:
        super().__init__(target)
        self.target = target


def check_case_scope(request: Request, ctx: Context, acc: Access) -> None:
    """The one check for a case-scoped share link: only the case's own records, pages and API."""
    from ..services.share_scope import case_scope

    assert acc.share_case_id is not None
    scope = case_scope(ctx, acc.workspace_id, acc.share_case_id)
    request.state.case_scope = scope
    route = request.scope.get("route")
    template = getattr(route, "path", None)
    if template == "/":
        raise OutsideCase(f"/cases/{scope.case_number}")
    if template not in CASE_SCOPE_ROUTES:
        raise Forbidden(f"this share link opens case {scope.case_number} only")
    rule = CASE_SCOPE_ROUTES[template]
    if rule is None:
        return
    param, kind = rule
    value = str(request.path_params.get(param, ""))
    allowed = {
        "case": scope.has_case,
        "evidence": scope.has_evidence,
        "request": scope.has_request,
        "bundle": lambda v: v.isdigit() and int(v) in scope.bundles,
    }[kind](value)
    if not allowed:
        raise HTTPException(404, f"{value} is not part of case {scope.case_number}")


def need(permission: str) -> Callable[..., Access]:
    """A dependency that lets the request through only with the given permission."""

    def check(acc: Access = Depends(current_access)) -> Access:
        if not acc.can(permission):
            raise Forbidden(f"your role in this workspace ({acc.role}) does not allow this ({permission})")
        return acc

    check.__name__ = f"need_{permission}"
    return check


def csrf_token(request: Request) -> str:
    """The token a page puts in its forms and htmx header (asgi-csrf's signed cookie value)."""
    from .csrf import token

    tok = token(request.scope)
    if tok is None:  # outside the middleware (a unit test rendering a page): a harmless random value
        tok = secrets.token_urlsafe(32)
    return tok


def start_session(request: Request, user_id: int, session_version: int) -> None:
    """Fresh session on sign-in (no fixation): nothing carried over."""
    request.session.clear()
    request.session.update({"uid": user_id, "sv": session_version})


def login_redirect(request: Request) -> str:
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return f"/login?next={quote(target)}"


class BodyLimitMiddleware:
    """Refuses a request body larger than the upload limit before reading it."""

    def __init__(self, app: Any, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            for k, v in scope["headers"]:
                if k == b"content-length" and v.isdigit() and int(v) > self.limit + 1024 * 1024:
                    await _send_json(send, 413, {"error": f"upload too large: the limit is {self.limit} bytes"})
                    return
        await self.app(scope, receive, send)


async def _send_json(send: Any, status: int, body: dict[str, Any]) -> None:
    import json

    data = json.dumps(body).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(data)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": data})
