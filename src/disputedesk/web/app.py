"""The FastAPI application: pages, JSON API, static assets, and error handling."""

from __future__ import annotations

from importlib import resources

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles

from .. import __version__
from ..services.context import Context
from ..services.evidence import EvidenceNotFound
from ..services.workspaces import WorkspaceNotFound
from ..store.blobs import BlobStoreError
from ..store.db import DatabaseError
from . import api, pages
from .deps import NoWorkspace
from .uploads import UploadTooLarge

PAGE_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "frame-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'"
)


def create_app(ctx: Context | None = None) -> FastAPI:
    ctx = ctx or Context.open()
    app = FastAPI(
        title="DisputeDesk API",
        version=__version__,
        description="Evidence vault, SLA engine and dispute workbench. All data is scoped to a workspace.",
        openapi_url="/api/openapi.json",
        docs_url=None,  # Swagger UI would load scripts from a CDN; the OpenAPI document is enough offline
        redoc_url=None,
    )
    app.state.ctx = ctx
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=str(resources.files("disputedesk.web") / "static")), name="static")

    @app.middleware("http")
    async def security_headers(request: Request, call_next):  # type: ignore[no-untyped-def]
        response: Response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", PAGE_CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "SAMEORIGIN")
        return response

    def error(request: Request, status: int, message: str, field: str | None = None) -> Response:
        if request.url.path.startswith("/api") or request.headers.get("hx-request"):
            body = {"error": message}
            if field:
                body["field"] = field
            if request.headers.get("hx-request") and not request.url.path.startswith("/api"):
                return HTMLResponse(f'<div class="flash error" role="alert">{_esc(message)}</div>', status_code=status)
            return JSONResponse(body, status_code=status)
        return HTMLResponse(
            f"<!doctype html><meta charset=utf-8><title>{status}</title>"
            f'<link rel="stylesheet" href="/static/app.css"><main class="page"><h1>{status}</h1>'
            f'<p class="flash error">{_esc(message)}</p><p><a href="/">DisputeDesk</a></p></main>',
            status_code=status,
        )

    @app.exception_handler(EvidenceNotFound)
    @app.exception_handler(WorkspaceNotFound)
    @app.exception_handler(LookupError)
    async def not_found(request: Request, exc: Exception) -> Response:
        return error(request, 404, str(exc).strip("'\""))

    @app.exception_handler(NoWorkspace)
    async def no_ws(request: Request, exc: Exception) -> Response:
        return error(request, 404, str(exc))

    @app.exception_handler(UploadTooLarge)
    async def too_large(request: Request, exc: Exception) -> Response:
        return error(request, 413, str(exc), "files")

    @app.exception_handler(ValueError)
    async def bad_value(request: Request, exc: Exception) -> Response:
        return error(request, 400, str(exc))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        first = exc.errors()[0] if exc.errors() else {}
        loc = ".".join(str(x) for x in first.get("loc", ()) if x not in ("body", "query", "path"))
        return error(request, 422, f"{loc or 'request'}: {first.get('msg', 'invalid')}", loc or None)

    @app.exception_handler(BlobStoreError)
    async def blob_error(request: Request, exc: Exception) -> Response:
        return error(request, 507 if "disk full" in str(exc) else 500, str(exc))

    @app.exception_handler(DatabaseError)
    async def db_error(request: Request, exc: Exception) -> Response:
        return error(request, 503, str(exc))

    return app


def _esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
