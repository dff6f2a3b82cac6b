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
from starlette.concurrency import run_in_threadpool

from ..domain.text import T, Text
from ..services import accounts
from ..services.accounts import Access
from ..services.context import Context

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


class NotAuthenticated(Exception):
    """No valid session, token or share link: 401 for the API, a redirect to sign in for pages."""


class Forbidden(HTTPException):
    def __init__(self, message: str) -> None:
        super().__init__(status_code=403, detail=message)


ROLE_WORDS = {"owner": T("owner"), "member": T("member"), "counsel": T("counsel"), "viewer": T("viewer")}
# What each permission lets one do, in words (a refusal names it).
PERMISSION_WORDS = {
    "read": T("read this workspace"),
    "annotate": T("add notes"),
    "export": T("export documents"),
    "edit": T("change records"),
    "admin": T("manage access"),
}


def not_allowed(role: str, permission: str) -> Text:
    """The refusal of a request the user's role does not allow: the role and what was asked, as words."""
    return T(
        "your role in this workspace (%(role)s) does not allow this (%(permission)s)",
        role=ROLE_WORDS.get(role, role),
        permission=PERMISSION_WORDS.get(permission, permission),
    )


def not_signed_in(exc: Exception) -> Text:
    reason = exc.args[0] if exc.args else ""
    return T("not signed in: %(reason)s", reason=reason if isinstance(reason, Text) else str(reason))


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
            raise NotAuthenticated(T("API token unknown or revoked"))
        wanted = request.query_params.get("ws")
        if wanted and wanted != acc.workspace_slug:
            raise HTTPException(404, T("workspace '%(workspace)s' does not exist", workspace=wanted))
        request.state.access = acc
        return acc
    session = request.session
    share = session.get("share")
    if share:
        acc = accounts.access_for_share(ctx, share, client_address(request))
        if acc is None:
            session.clear()
            raise NotAuthenticated(T("the share link has expired or was revoked"))
        if request.method not in SAFE_METHODS:
            raise Forbidden(T("a share link is read-only"))
        wanted = request.query_params.get("ws")
        if wanted and wanted != acc.workspace_slug:
            raise HTTPException(404, T("workspace '%(workspace)s' does not exist", workspace=wanted))
        if acc.share_case_id is not None:
            check_case_scope(request, ctx, acc)
        request.state.access = acc
        return acc
    uid = session.get("uid")
    if not uid:
        raise NotAuthenticated(T("sign in first"))
    user = accounts.user_by_id(ctx, int(uid))
    if user is None or user.disabled or user.session_version != session.get("sv"):
        session.clear()
        raise NotAuthenticated(T("your session has ended; sign in again"))
    rows = accounts.memberships(ctx, user.id)
    if not rows:
        raise Forbidden(T("%(user)s has no role in any workspace; ask an owner to add you", user=user.username))
    by_slug = {w.slug: (w, r) for w, r in rows}
    wanted = request.query_params.get("ws")
    if wanted:
        if wanted not in by_slug:
            raise HTTPException(404, T("workspace '%(workspace)s' does not exist", workspace=wanted))
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
        raise Forbidden(T("this share link opens case %(case)s only", case=scope.case_number))
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
        raise HTTPException(404, T("%(item)s is not part of case %(case)s", item=value, case=scope.case_number))


def need(permission: str) -> Callable[..., Access]:
    """A dependency that lets the request through only with the given permission."""

    def check(acc: Access = Depends(current_access)) -> Access:
        if not acc.can(permission):
            raise Forbidden(not_allowed(acc.role, permission))
        return acc

    check.__name__ = f"need_{permission}"
    check.permission = permission  # type: ignore[attr-defined]  # read by AuthFirst
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


class BodyTooLarge(HTTPException):
    def __init__(self, limit: int) -> None:
        super().__init__(status_code=413, detail=too_large(limit))


def too_large(limit: int) -> Text:
    return T("upload too large: the limit is %(limit)s bytes", limit=limit)


class BodyLimitMiddleware:
    """Refuses a body over the upload limit: by its Content-Length before reading, and while it
    streams (a chunked body has no length), so no more than the limit is ever read."""

    def __init__(self, app: Any, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        allowed = self.limit + 1024 * 1024  # room for the form's own fields and boundaries
        for k, v in scope["headers"]:
            if k == b"content-length" and v.isdigit() and int(v) > allowed:
                from .csrf import refuse  # a page's form: a page or fragment in its language, never JSON

                await refuse(scope, send, 413, too_large(self.limit))
                return
        seen = 0

        async def counted() -> dict[str, Any]:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > allowed:
                raise BodyTooLarge(self.limit)
            return message  # type: ignore[no-any-return]

        await self.app(scope, counted, send)


class AuthFirst:
    """Authenticates (and checks the role of) a state-changing request before any of its body
    is read: an unauthenticated or unauthorised upload is refused with nothing read or written.

    The route's own dependencies say what it needs (``need("edit")`` …): the same check then
    runs again in the route, so this adds no rule of its own. Routes without an access
    dependency (sign-in) pass.
    """

    def __init__(self, app: Any, fastapi_app: Any) -> None:
        self.app = app
        self.fastapi_app = fastapi_app
        self._routes: list[Any] | None = None

    def routes(self) -> list[Any]:
        if self._routes is None:
            from fastapi.routing import APIRoute

            def walk(rs: Any) -> Any:
                for r in rs:
                    if isinstance(r, APIRoute):
                        yield r
                    elif hasattr(r, "original_router"):
                        yield from walk(r.original_router.routes)

            self._routes = list(walk(self.fastapi_app.router.routes))
        return self._routes

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["method"] in SAFE_METHODS:
            await self.app(scope, receive, send)
            return
        from starlette.routing import Match

        route = None
        for r in self.routes():
            match, child = r.matches(scope)
            if match == Match.FULL:
                route = r
                break
        if route is None:
            await self.app(scope, receive, send)  # 404/405 from the router, body unread
            return
        permissions = _permissions(route.dependant)
        if permissions is None:
            await self.app(scope, receive, send)  # public route
            return
        request = Request({**scope, "route": route, "path_params": child.get("path_params", {})})
        ctx = get_ctx(request)
        try:
            acc = await run_in_threadpool(current_access, request, ctx)
            for p in permissions:
                if not acc.can(p):
                    raise Forbidden(not_allowed(acc.role, p))
        except NotAuthenticated as exc:
            if scope["path"].startswith("/api"):
                await _send_json(send, 401, {"error": str(not_signed_in(exc))}, [(b"www-authenticate", b"Bearer")])
            else:  # a page's form (htmx: a fragment): a 401 page (its data cannot follow a redirect to sign-in)
                from .csrf import refuse

                await refuse(scope, send, 401, not_signed_in(exc))
            return
        except HTTPException as exc:
            from .csrf import refuse

            await refuse(scope, send, exc.status_code, exc.detail)
            return
        await self.app(scope, receive, send)


def _permissions(dependant: Any) -> list[str] | None:
    """The permissions the route's dependencies check; None for a route without access check."""
    found: list[str] = []
    authenticated = False
    stack = [dependant]
    while stack:
        d = stack.pop()
        call = getattr(d, "call", None)
        if call is current_access:
            authenticated = True
        perm = getattr(call, "permission", None)
        if perm:
            authenticated = True
            found.append(perm)
        stack.extend(d.dependencies)
    return found if authenticated else None


async def _send_json(
    send: Any, status: int, body: dict[str, Any], extra: list[tuple[bytes, bytes]] | None = None
) -> None:
    import json

    data = json.dumps(body).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(data)).encode()),
                *(extra or []),
            ],
        }
    )
    await send({"type": "http.response.body", "body": data})


def _header(scope: dict[str, Any], name: bytes) -> bytes | None:
    return next((v for k, v in scope["headers"] if k == name), None)
