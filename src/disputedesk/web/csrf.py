"""CSRF protection: Datasette's maintained ``asgi-csrf`` middleware, set up for DisputeDesk.

``asgi-csrf`` is a double-submit check with a signed cookie: the page carries the token (the
``csrftoken`` hidden field of every form, first in the form, and the ``X-CSRF-Token`` header
that htmx sends) and the browser carries the ``dd_csrf`` cookie; an unsafe request (anything
but GET/HEAD/OPTIONS/TRACE) passes only when they match. It reads the token from URL-encoded
*and* multipart bodies (it stops reading a multipart body at the token, before any file).

What this module adds around it:

- **No ambient credentials next to a token.** A request with ``Authorization: Bearer …`` is
  authenticated by that token alone: the session and CSRF cookies are removed before anything
  else sees them. So a made-up bearer header cannot carry a browser's session past the CSRF
  check (the library skips the check for bearer requests); it only fails as an unknown token.
- **Pages are always protected**, also without any cookie (no login CSRF); only the JSON API
  lets cookieless requests through, to be authenticated by their token.
- **Hostile bodies get a 400, never a 500**: a multipart ``boundary`` in a form the library
  does not parse is normalised, a body that is not UTF-8 is refused.
- The refusal is JSON for the API and htmx, a short page for a browser.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from html import escape
from typing import Any

import asgi_csrf
from asgi_csrf import Errors, asgi_csrf_decorator
from python_multipart.multipart import MultipartParser, parse_options_header

from ..domain.text import T

COOKIE = "dd_csrf"
FORM_FIELD = "csrftoken"  # asgi-csrf reads this name from multipart bodies (fixed in the library)
HEADER = "x-csrf-token"
SESSION_COOKIE = "dd_session"
_BOUNDARY = re.compile(rb'boundary\s*=\s*(?:"([^"]+)"|([^;\s]+))', re.IGNORECASE)

MESSAGE = T("CSRF token missing or wrong: reload the page and try again")


class _TokenPartParser:
    """asgi-csrf's use of python-multipart's old ``FormParser(..., FileClass=…)`` interface.

    python-multipart 0.0.26 (which fixes CVE-2026-40347) dropped ``FileClass``, so asgi-csrf
    0.11 fails on every multipart form (upstream: simonw/asgi-csrf#38, fix pending in #39).
    This stand-in keeps the library's own rule with the maintained low-level parser: plain
    fields go to ``on_field`` (asgi-csrf stops at its token), the first byte of a file part
    goes to ``FileClass.write`` (asgi-csrf refuses a file before the token). Installed only
    where the library's call would fail.
    """

    MAX_FIELD = 64 * 1024  # the token is ~100 bytes; a field before it is kept only this far

    def __init__(
        self,
        content_type: str,
        on_field: Any,
        on_file: Any,
        boundary: bytes,
        FileClass: Any,  # noqa: N803 - the library's keyword
    ) -> None:
        from python_multipart.multipart import Field

        del content_type, on_file  # always multipart here; asgi-csrf passes no file callback

        self._headers: dict[bytes, bytes] = {}
        self._name = b""
        self._value = b""
        self._file: Any = None
        self._header_field = b""
        self._header_value = b""

        def part_begin() -> None:
            self._headers, self._name, self._value, self._file = {}, b"", b"", None

        def header_field(data: bytes, start: int, end: int) -> None:
            self._header_field += data[start:end]

        def header_value(data: bytes, start: int, end: int) -> None:
            self._header_value += data[start:end]

        def header_end() -> None:
            self._headers[self._header_field.lower()] = self._header_value
            self._header_field = self._header_value = b""

        def headers_finished() -> None:
            _, opts = parse_options_header(self._headers.get(b"content-disposition", b""))
            self._name = opts.get(b"name", b"")
            if b"filename" in opts:
                self._file = FileClass(opts[b"filename"], self._name, {})

        def part_data(data: bytes, start: int, end: int) -> None:
            if self._file is not None:
                self._file.write(data[start:end])
            elif len(self._value) < self.MAX_FIELD:
                self._value += data[start:end]

        def part_end() -> None:
            if self._file is None:
                f = Field(self._name)
                f.write(self._value)
                f.finalize()
                on_field(f)

        self._parser = MultipartParser(
            boundary,
            callbacks={
                "on_part_begin": part_begin,
                "on_part_data": part_data,
                "on_part_end": part_end,
                "on_header_field": header_field,
                "on_header_value": header_value,
                "on_header_end": header_end,
                "on_headers_finished": headers_finished,
            },
        )

    def write(self, data: bytes) -> int:
        return self._parser.write(data)


def _library_needs_stand_in() -> bool:
    import inspect

    return "FileClass" not in inspect.signature(asgi_csrf.FormParser).parameters


if _library_needs_stand_in():
    asgi_csrf.FormParser = _TokenPartParser  # type: ignore[attr-defined]


class _PagePaths:
    """``always_protect`` for asgi-csrf: every path except the JSON API and static files."""

    def __init__(self, exempt: tuple[str, ...]) -> None:
        self.exempt = exempt

    def __contains__(self, path: object) -> bool:
        return isinstance(path, str) and not path.startswith(("/api/", *self.exempt))


def _wants_json(scope: dict[str, Any]) -> bool:
    headers = dict(scope.get("headers") or [])
    accept = headers.get(b"accept", b"").decode("latin-1")
    return scope["path"].startswith("/api/") or b"hx-request" in headers or "text/html" not in accept


async def refuse(scope: dict[str, Any], send: Any, status: int, message: str) -> None:
    """Refuse a request before the app ran: JSON (English) for the API, else a fragment (htmx) or a
    small page in the user's language (a ``Text`` message is said through the catalogue)."""
    headers = dict(scope.get("headers") or [])
    if _wants_json(scope) and not (b"hx-request" in headers and not scope["path"].startswith("/api/")):
        body = json.dumps({"error": str(message)}).encode()
        ctype = b"application/json"
    else:
        from starlette.requests import Request

        from ..documents.catalogue import translations, written
        from .i18n import negotiate

        req = Request(scope)
        lang = negotiate(req.query_params.get("lang"), req.cookies.get("lang"), req.headers.get("accept-language"))
        said = escape(written(message, lang))
        if status == 401:  # not signed in: the way to sign in, beside the reason
            said += f' · <a href="/login">{escape(translations(lang).gettext("Sign in"))}</a>'

        if b"hx-request" in headers:
            # a page's htmx form: a fragment the page shows where the answer goes (never raw JSON)
            body = f'<div class="flash error" role="alert">{said}</div>'.encode()
        else:
            tag = "zh-Hans" if lang == "zh" else lang
            body = (
                f'<!doctype html><html lang="{tag}"><meta charset=utf-8><title>{status}</title>'
                f'<link rel="stylesheet" href="/static/app.css"><main class="page"><h1>{status}</h1>'
                f'<p class="flash error" role="alert">{said}</p><p><a href="/">DisputeDesk</a></p></main></html>'
            ).encode()
        ctype = b"text/html; charset=utf-8"
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", ctype), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})


async def _csrf_failed(scope: dict[str, Any], send: Any, error: Errors) -> None:
    detail = {
        Errors.FILE_BEFORE_TOKEN: T("the form sent a file before its CSRF token"),
        Errors.UNKNOWN_CONTENT_TYPE: T("a form must be sent as URL-encoded or multipart/form-data"),
    }.get(error)
    message = T("%(message)s (%(detail)s)", message=MESSAGE, detail=detail) if detail else MESSAGE
    await refuse(scope, send, 403, message)


def _drop_cookies(header: bytes, names: set[str]) -> bytes:
    parts = [p for p in header.split(b";") if p.strip().split(b"=", 1)[0].decode("latin-1") not in names]
    return b";".join(parts).strip()


class TokenFirst:
    """Outermost: a bearer-token request carries no session or CSRF cookie into the app."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            auth = next((v for k, v in scope["headers"] if k == b"authorization"), b"")
            if auth[:7].lower() == b"bearer ":
                headers = []
                for k, v in scope["headers"]:
                    if k == b"cookie":
                        v = _drop_cookies(v, {SESSION_COOKIE, COOKIE})
                        if not v:
                            continue
                    headers.append((k, v))
                scope = {**scope, "headers": headers}
        await self.app(scope, receive, send)


class CSRF:
    """asgi-csrf around the app, with the input normalisation and refusals described above."""

    def __init__(self, app: Any, *, secret: str, secure: bool = False, exempt: tuple[str, ...] = ("/static/",)) -> None:
        self.app = app
        self.exempt = exempt
        self.checked: Callable[..., Any] = asgi_csrf_decorator(
            cookie_name=COOKIE,
            http_header=HEADER,
            form_input=FORM_FIELD,
            signing_secret=secret,
            signing_namespace="disputedesk.csrf",
            always_protect=_PagePaths(exempt),
            cookie_secure=secure,
            cookie_samesite="Lax",
            send_csrf_failed=_csrf_failed,
        )(self._inner)

    async def _inner(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        scope["dd.csrf"]["reached"] = True
        await self.app(scope, receive, send)

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["path"].startswith(self.exempt):
            await self.app(scope, receive, send)
            return
        ctype = next((v for k, v in scope["headers"] if k == b"content-type"), b"")
        if ctype.split(b";", 1)[0].strip().lower() == b"multipart/form-data":
            m = _BOUNDARY.search(ctype)
            if not m:
                await refuse(scope, send, 400, T("multipart/form-data without a boundary"))
                return
            boundary = m.group(1) or m.group(2)
            headers = [(k, v) for k, v in scope["headers"] if k != b"content-type"]
            headers.append((b"content-type", b"multipart/form-data; boundary=" + boundary))
            scope = {**scope, "headers": headers}
        state: dict[str, bool] = {}
        scope = {**scope, "dd.csrf": state}
        try:
            await self.checked(scope, receive, send)
        except Exception as exc:  # noqa: BLE001 - only errors of reading the form, before the app ran
            if state.get("reached"):
                raise
            status = getattr(exc, "status_code", 400)  # 413 from the body limit while streaming
            detail = getattr(exc, "detail", None) or T(
                "the form could not be read (%(detail)s)", detail=type(exc).__name__
            )
            await refuse(scope, send, status, detail)


def token(scope: dict[str, Any]) -> str | None:
    """The page's CSRF token (sets the cookie on the response when the browser has none)."""
    get = scope.get("csrftoken")
    return str(get()) if callable(get) else None
