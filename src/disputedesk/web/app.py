"""The FastAPI application: pages, JSON API, static assets, and error handling."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from sqlalchemy.exc import DataError as SQLDataError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.sessions import SessionMiddleware

from .. import __version__
from ..domain.text import Text
from ..services import timestamps
from ..services.accounts import AccountError, secret_key
from ..services.context import Context
from ..services.contract_refusals import ContractRefused
from ..services.evidence import EvidenceNotFound
from ..services.records.errors import PYDANTIC_CHECKS, FieldError, from_validation
from ..services.workspaces import WorkspaceNotFound
from ..store.blobs import BlobStoreError
from ..store.db import DatabaseError
from . import account_pages, api, pages
from .auth import AuthFirst, BodyLimitMiddleware, NotAuthenticated, OutsideCase, login_redirect, not_signed_in
from .csrf import CSRF, TokenFirst
from .uploads import UploadTooLarge

PAGE_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "frame-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'"
)


RETRY_AFTER_SECONDS = "5"


def cap_request_threads(threads: int) -> None:
    """Run sync routes (and dependencies) on at most ``threads`` threads of this event loop.

    Starlette runs them through anyio's default thread limiter (40 threads unless told). Each thread
    holds at most one pooled connection at a time, so capping the threads below the pool size
    (``Settings.db_pool_size``) makes a burst of requests wait for a thread, in order, instead of
    waiting for a connection and failing after the pool timeout."""
    import anyio.to_thread

    anyio.to_thread.current_default_thread_limiter().total_tokens = threads


def create_app(ctx: Context | None = None) -> FastAPI:
    ctx = ctx or Context.open()
    threads = ctx.settings.web_threads

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        cap_request_threads(threads)
        if ctx.settings.test_cheap_password_hashes:
            logging.getLogger("disputedesk.web").warning(
                "DISPUTEDESK_TEST_CHEAP_PASSWORD_HASHES is set: new passwords are hashed at the cheapest Argon2id "
                "cost, for the test suite only. Unset it on any server people use."
            )
        # Trusted timestamps of the ledger (if a TSA is configured): the worker's hourly check, here
        # when this process runs the jobs itself (embedded mode).
        stop = timestamps.start_timer(ctx) if ctx.settings.jobs != "queue" else None
        yield
        if stop is not None:
            stop.set()

    app = FastAPI(
        lifespan=lifespan,
        title="DisputeDesk API",
        version=__version__,
        description="Evidence vault, SLA engine and dispute workbench. All data is scoped to a workspace.",
        openapi_url="/api/openapi.json",
        docs_url=None,  # Swagger UI would load scripts from a CDN; the OpenAPI document is enough offline
        redoc_url=None,
    )
    app.state.ctx = ctx
    app.include_router(api.public)
    app.include_router(api.router)
    app.include_router(account_pages.public)
    app.include_router(account_pages.router)
    app.include_router(pages.router)
    nav = [
        (10, "Dashboard", "/"),
        (20, "Suppliers", "/suppliers"),
        (30, "Evidence", "/evidence"),
        (60, "Cases", "/cases"),
    ]
    panels = []
    for module in route_modules():
        for attr in ("public", "router"):
            if hasattr(module, attr):
                app.include_router(getattr(module, attr))
        nav.extend(getattr(module, "NAV", []))
        if hasattr(module, "dashboard_panels"):
            panels.append(module.dashboard_panels)
    app.state.nav = sorted(nav)
    # Each area may ship its own stylesheet (static/<area>.css); pages load them all.
    static = resources.files("disputedesk.web") / "static"
    app.state.css = sorted(p.name for p in static.iterdir() if p.name.endswith(".css") and p.name != "app.css")
    app.state.dashboard_panels = panels
    # Order matters: added last runs first.
    # Token first → body limit (streaming) → session → authenticate + role → CSRF → routes.
    app.add_middleware(CSRF, secret=secret_key(ctx), secure=ctx.settings.secure_cookies, exempt=("/static/",))
    app.add_middleware(AuthFirst, fastapi_app=app)  # who and which role, before any body is read
    app.add_middleware(
        SessionMiddleware,
        secret_key=secret_key(ctx),
        session_cookie="dd_session",
        max_age=ctx.settings.session_hours * 3600,
        same_site="lax",
        https_only=ctx.settings.secure_cookies,
    )
    app.add_middleware(BodyLimitMiddleware, limit=ctx.settings.max_upload_bytes)
    app.add_middleware(TokenFirst)
    app.mount("/static", StaticFiles(directory=str(resources.files("disputedesk.web") / "static")), name="static")

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        """Browsers ask for it on every page: the app's icon (static/favicon.svg for those that read SVG)."""
        icon = (resources.files("disputedesk.web") / "static" / "favicon.ico").read_bytes()
        return Response(icon, media_type="image/x-icon", headers={"Cache-Control": "public, max-age=604800"})

    @app.middleware("http")
    async def security_headers(request: Request, call_next):  # type: ignore[no-untyped-def]
        response: Response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", PAGE_CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "SAMEORIGIN")
        return response

    def error(
        request: Request, status: int, message: str, field: str | None = None, exc: object | None = None
    ) -> Response:
        if request.url.path.startswith("/api") or request.headers.get("hx-request"):
            body = {"error": str(message)}
            if field:
                body["field"] = field
            if request.url.path.startswith("/api") and exc is not None:
                # a sentence the code wrote: in the caller's language (chosen as for the pages), the
                # field by its label and dates as the pages write them; ``field`` keeps the key
                from .deps import get_lang
                from .i18n import refusal

                body["error"] = refusal(exc, get_lang(request), request.cookies.get("tz") or "UTC")
            if request.headers.get("hx-request") and not request.url.path.startswith("/api"):
                from .deps import get_lang, page_env

                shown = str(page_env(request, get_lang(request))["say"](exc)) if exc is not None else message  # type: ignore[operator]
                return HTMLResponse(f'<div class="flash error" role="alert">{_esc(shown)}</div>', status_code=status)
            return JSONResponse(body, status_code=status)
        return error_page(request, status, message, exc)

    @app.exception_handler(EvidenceNotFound)
    @app.exception_handler(WorkspaceNotFound)
    @app.exception_handler(LookupError)
    async def not_found(request: Request, exc: Exception) -> Response:
        # KeyError's text is its argument's repr ("'E-9 does not exist…'"): show the argument itself.
        message = str(exc.args[0]) if isinstance(exc, KeyError) and exc.args else str(exc)
        said = exc.args[0] if exc.args and isinstance(exc.args[0], Text) else None  # said in the page's language
        return error(request, 404, message, None, said)

    @app.exception_handler(NotAuthenticated)
    async def not_authenticated(request: Request, exc: Exception) -> Response:
        if request.headers.get("hx-request") and not request.url.path.startswith("/api"):
            from .deps import get_lang, page_env

            env = page_env(request, get_lang(request))
            text = _esc(str(env["say"](not_signed_in(exc))))  # type: ignore[operator]
            link = _esc(str(env["_"]("Sign in")))  # type: ignore[operator]
            return HTMLResponse(
                f'<div class="flash error" role="alert">{text} · <a href="/login">{link}</a></div>', status_code=401
            )
        if request.url.path.startswith("/api"):
            resp = JSONResponse({"error": str(not_signed_in(exc))}, status_code=401)
            resp.headers["WWW-Authenticate"] = "Bearer"
            return resp
        return RedirectResponse(login_redirect(request), status_code=303)

    @app.exception_handler(OutsideCase)
    async def outside_case(request: Request, exc: Exception) -> Response:  # noqa: ARG001
        assert isinstance(exc, OutsideCase)
        return RedirectResponse(exc.target, status_code=303)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        # a refusal written as a sentence (``T``) is said in the page's language
        said = exc.detail if isinstance(exc.detail, Text) else None
        return error(request, exc.status_code, str(exc.detail), None, said)

    @app.exception_handler(AccountError)
    async def account_error(request: Request, exc: Exception) -> Response:
        message = str(exc)
        return error(request, 400, message, message.split(":", 1)[0] if ":" in message else None, exc)

    @app.exception_handler(UploadTooLarge)
    async def too_large(request: Request, exc: Exception) -> Response:
        return error(request, 413, str(exc), "files", exc)

    @app.exception_handler(OverflowError)
    @app.exception_handler(SQLDataError)
    async def overflow(request: Request, exc: Exception) -> Response:  # noqa: ARG001
        return error(request, 400, "a number in the request is out of range")

    @app.exception_handler(FieldError)
    async def bad_field(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, FieldError)
        return error(request, 422, str(exc), exc.field, exc)

    @app.exception_handler(ContractRefused)
    async def contract_refused(request: Request, exc: Exception) -> Response:
        """A file the contract check cannot check: the API answers with its stable code and its sentence in the
        request's language (chosen as for the pages); a page says the sentence in the page's language."""
        assert isinstance(exc, ContractRefused)
        if not request.url.path.startswith("/api"):
            return error(request, exc.status, str(exc), None, exc)
        from .deps import get_lang, page_env

        lang = get_lang(request)
        said = str(page_env(request, lang)["say"](exc))  # type: ignore[operator]
        body = {"error": said, "code": exc.code, "file": exc.file, "field": "file", "lang": lang}
        return JSONResponse(body, status_code=exc.status)

    @app.exception_handler(ValueError)
    async def bad_value(request: Request, exc: Exception) -> Response:
        return error(request, 400, str(exc), None, exc)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        first = exc.errors()[0] if exc.errors() else {}
        inner = (first.get("ctx") or {}).get("error")
        if isinstance(inner, FieldError):  # a typed command's check across fields names its field
            return error(request, 422, str(inner), inner.field, inner)
        loc = ".".join(str(x) for x in first.get("loc", ()) if x not in ("body", "query", "path"))
        # said in the page's language when the check is one the catalogue knows (a required field
        # left empty, "not a whole number", …); the API keeps Pydantic's sentence
        said = from_validation(exc) if str(first.get("type")) in PYDANTIC_CHECKS else None  # type: ignore[arg-type]
        return error(request, 422, f"{loc or 'request'}: {first.get('msg', 'invalid')}", loc or None, said)

    @app.exception_handler(BlobStoreError)
    async def blob_error(request: Request, exc: Exception) -> Response:
        return error(request, 507 if "disk full" in str(exc) else 500, str(exc))

    @app.exception_handler(DatabaseError)
    async def db_error(request: Request, exc: Exception) -> Response:
        resp = error(request, 503, str(exc))
        resp.headers["Retry-After"] = RETRY_AFTER_SECONDS
        return resp

    @app.exception_handler(PoolTimeout)
    async def pool_timeout(request: Request, exc: Exception) -> Response:  # noqa: ARG001
        # Only when the threads outnumber the pool (misconfiguration) or a request holds a
        # connection for longer than the pool timeout: the server is busy, the request was not run.
        resp = error(request, 503, "the server is busy; please try again in a few seconds")
        resp.headers["Retry-After"] = RETRY_AFTER_SECONDS
        return resp

    return app


def route_modules() -> list[object]:
    import importlib
    import pkgutil

    from . import routes

    return [
        importlib.import_module(f"{routes.__name__}.{m.name}")
        for m in sorted(pkgutil.iter_modules(routes.__path__), key=lambda m: m.name)
    ]


ERROR_TITLES = {
    400: "The request could not be used",
    401: "Sign in first",
    403: "Not allowed",
    404: "Page not found",
    405: "Not possible here",
    413: "Too large",
    422: "Please check the form",
    500: "Something went wrong",
    503: "The database is not available",
    507: "The storage is full",
}

# Starlette's own messages for a request that matched no route, and their wording for a person.
PLAIN_MESSAGES = {
    "Not Found": "There is no page at this address. Use the navigation above.",
    "Method Not Allowed": "This address cannot be used that way. Use the navigation above.",
}


def error_page(request: Request, status: int, message: str, exc: object | None = None) -> Response:
    """An HTML error page with the app's navigation, in the user's language (pages only; the API
    and htmx requests get JSON or a fragment)."""
    from .auth import current_access
    from .deps import get_lang, page_env, user_workspaces

    lang = get_lang(request)
    ctx = request.app.state.ctx
    access = getattr(request.state, "access", None)
    workspaces = []
    if status < 500:  # on a server or database error, ask the database nothing more
        try:
            access = access or current_access(request, ctx)
            workspaces = user_workspaces(ctx, access)
        except Exception:  # noqa: BLE001 - not signed in: the page without a workspace
            access = None
    env = page_env(request, lang)
    t = env["_"]
    shown = t(PLAIN_MESSAGES.get(message, message))  # type: ignore[operator]
    detail = None
    if exc is not None:  # a bad input whose sentence has a message id: said in the page's language
        shown = env["say"](exc)  # type: ignore[operator]
    if lang != "en" and shown == message:
        # A service's own (English) message: a sentence in the user's language first, the
        # original kept below it (it names the record or field), marked as English.
        generic = "Nothing was found at this address." if status == 404 else "Please check the request."
        shown, detail = t(generic), message  # type: ignore[operator]
    title = ERROR_TITLES.get(status, "Something went wrong" if status >= 500 else "The request could not be used")
    env.update(
        ws=access,
        access=access,
        workspaces=workspaces,
        title=f"{status} · {t(title)}",  # type: ignore[operator]
        message=shown,
        detail=detail,
    )
    return pages.templates.TemplateResponse(request, "error.html", env, status_code=status)


def _esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
