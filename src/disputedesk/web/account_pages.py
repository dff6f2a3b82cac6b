"""Sign-in, sign-out, one-time sign-in links, counsel share links, and the owners' access page."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ..documents.catalogue import written
from ..domain.text import T
from ..services import accounts
from ..services.accounts import Access, AccountError, SignInRefused
from ..services.context import Context
from .auth import client_address, csrf_token, get_ctx, need, start_session
from .deps import get_lang, page_env, user_workspaces
from .pages import templates

public = APIRouter(include_in_schema=False)
router = APIRouter(include_in_schema=False)


def _safe_next(target: str | None) -> str:
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


def _login_page(request: Request, lang: str, error: str | None = None, status: int = 200) -> HTMLResponse:
    env = page_env(request, lang)
    env.update(ws=None, access=None, workspaces=[], error=error, next=_safe_next(request.query_params.get("next")))
    return templates.TemplateResponse(request, "login.html", env, status_code=status)


@public.get("/login", response_class=HTMLResponse)
def login_form(request: Request, lang: str = Depends(get_lang)) -> HTMLResponse:
    csrf_token(request)
    return _login_page(request, lang)


@public.post("/login", response_class=HTMLResponse, response_model=None)
def login(
    request: Request,
    username: str = Form(...),
    password: str = Form(...),
    next: str = Form("/"),
    ctx: Context = Depends(get_ctx),
    lang: str = Depends(get_lang),
) -> HTMLResponse | RedirectResponse:
    try:
        user = accounts.authenticate(ctx, username.strip(), password, client_address(request))
    except SignInRefused as exc:
        status = 429 if exc.retry_after else 401
        resp = _login_page(request, lang, written(exc.args[0], lang), status)  # the reason in the page's language
        if exc.retry_after:
            resp.headers["Retry-After"] = str(exc.retry_after)
        return resp
    start_session(request, user.id, user.session_version)
    return RedirectResponse(_safe_next(next), status_code=303)


@public.post("/logout")
def logout(request: Request, ctx: Context = Depends(get_ctx)) -> RedirectResponse:
    uid = request.session.get("uid")
    if uid and request.session.get("sv") is not None:
        # Server-side: a copy of the cookie stops working too (every session of the user ends).
        accounts.end_sessions(ctx, int(uid), int(request.session["sv"]))
    request.session.clear()
    return RedirectResponse("/login", status_code=303)


@public.get("/login/token/{token}")
def login_with_token(token: str, request: Request, ctx: Context = Depends(get_ctx)) -> RedirectResponse:
    user = accounts.consume_login_token(ctx, token, client_address(request))
    if user is None:
        return RedirectResponse("/login?expired=1", status_code=303)
    start_session(request, user.id, user.session_version)
    return RedirectResponse("/", status_code=303)


@public.get("/share/{token}")
def open_share_link(token: str, request: Request, ctx: Context = Depends(get_ctx)) -> RedirectResponse:
    acc = accounts.access_for_share(ctx, token, client_address(request))
    if acc is None:
        return RedirectResponse("/login?share=expired", status_code=303)
    if request.session.get("uid"):
        # A click on a link must not silently swap the signed-in user for someone else's workspace.
        from fastapi import HTTPException

        raise HTTPException(
            409,
            T(
                "you are signed in: opening this share link would end your session. "
                "Sign out first, then open the link again."
            ),
        )
    request.session.clear()
    request.session.update({"share": token})
    accounts.record_share_use(ctx, acc, "/share", client_address(request))
    return RedirectResponse("/cases" if acc.share_case_id else "/evidence", status_code=303)


@router.get("/access", response_class=HTMLResponse)
def access_page(
    request: Request,
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(need("admin")),
    lang: str = Depends(get_lang),
) -> HTMLResponse:
    return _access_page(request, ctx, ws, lang)


def _access_page(
    request: Request,
    ctx: Context,
    ws: Access,
    lang: str,
    error: Exception | None = None,
    posted: dict[str, object] | None = None,
) -> HTMLResponse:
    members = [(u, dict(ms).get(ws.slug)) for u, ms in accounts.list_users(ctx)]
    env = page_env(request, lang)
    env.update(
        ws=ws,
        access=ws,
        workspaces=user_workspaces(ctx, ws),
        members=[(u, r) for u, r in members if r],
        others=[u for u, r in members if not r],
        roles=accounts.ROLES,
        links=accounts.list_share_links(ctx, ws.workspace_id),
        tokens=[t for t in accounts.list_api_tokens(ctx) if t[2] == ws.slug],
        events=accounts.list_audit(ctx, ws.workspace_id, 200),
        created=request.session.pop("created_secret", None),
        now=ctx.clock(),
        error=error,
        posted=posted,
    )
    return templates.TemplateResponse(request, "access.html", env, status_code=400 if error else 200)


@router.post("/access/role")
def change_role(
    request: Request,
    username: str = Form(...),
    role: str = Form(...),
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(need("admin")),
) -> RedirectResponse:
    if username == ws.username and role != "owner":
        raise AccountError("role: you cannot lower your own role; ask another owner")
    accounts.grant(ctx, username, ws.slug, role, actor=ws.username, address=client_address(request))
    return RedirectResponse("/access", status_code=303)


@router.post("/access/share")
def create_share(
    request: Request,
    days: int = Form(14),
    case: str = Form(""),
    label: str = Form(""),
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(need("admin")),
) -> Response:
    try:
        token, _ = accounts.create_share_link(
            ctx, ws.slug, created_by=ws.username, days=days, case_number=case or None, label=label or None
        )
    except AccountError as exc:  # the page again, with the message and what was typed
        typed = {"action": "/access/share", "values": {"days": str(days), "case": case, "label": label}}
        return _access_page(request, ctx, ws, get_lang(request), error=exc, posted=typed)
    request.session["created_secret"] = str(request.base_url).rstrip("/") + f"/share/{token}"
    return RedirectResponse("/access", status_code=303)


@router.post("/access/share/{link_id}/revoke")
def revoke_share(
    link_id: int, ctx: Context = Depends(get_ctx), ws: Access = Depends(need("admin"))
) -> RedirectResponse:
    if link_id not in {link.id for link in accounts.list_share_links(ctx, ws.workspace_id)}:
        raise LookupError(f"share link #{link_id} does not exist")
    accounts.revoke_share_link(ctx, link_id, actor=ws.username)
    return RedirectResponse("/access", status_code=303)


@router.post("/access/token")
def create_token(
    request: Request,
    name: str = Form(...),
    ctx: Context = Depends(get_ctx),
    ws: Access = Depends(need("admin")),
) -> Response:
    try:
        token, _ = accounts.create_api_token(ctx, ws.username, ws.slug, name, actor=ws.username)
    except AccountError as exc:  # the page again, with the message and what was typed
        typed = {"action": "/access/token", "values": {"name": name}}
        return _access_page(request, ctx, ws, get_lang(request), error=exc, posted=typed)
    request.session["created_secret"] = token
    return RedirectResponse("/access", status_code=303)


@router.post("/access/token/{token_id}/revoke")
def revoke_token(
    token_id: int, ctx: Context = Depends(get_ctx), ws: Access = Depends(need("admin"))
) -> RedirectResponse:
    if token_id not in {t.id for t, _u, w in accounts.list_api_tokens(ctx) if w == ws.slug}:
        raise LookupError(f"token #{token_id} does not exist")
    accounts.revoke_api_token(ctx, token_id, actor=ws.username)
    return RedirectResponse("/access", status_code=303)
