"""A counsel share link for one case reads exactly that case (issue 15, hole 1), on both engines.

The demo dispute has one case (CASE-2026-001) and mail that is not part of it, e.g. the buyer's
internal "next steps" mail (E-0099) that must never reach the supplier's side or counsel
through a case link. The walk over the app's own route table covers routes added later.
"""

from __future__ import annotations

import re

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from disputedesk.services import accounts
from disputedesk.services.share_scope import case_scope
from disputedesk.web.app import create_app
from disputedesk.web.auth import CASE_SCOPE_ROUTES

from support import demo_loaded, make_user

CASE = "CASE-2026-001"
INTERNAL = "E-0099"  # 20261012T061500Z_internal-next-steps.eml: not linked to the case
INTERNAL_TEXT = "sounds weak to me"
IN_CASE = "E-0085"  # the formal complaint of 6 July, linked to the case
PUBLIC = {
    "/api/health",
    "/login",
    "/logout",
    "/login/token/{token}",
    "/share/{token}",
    "/lang/{code}",
    "/favicon.ico",  # the site icon, like /static: no data
}


@pytest.fixture
def case_link(ctx):  # type: ignore[no-untyped-def]
    demo_loaded(ctx, "demo", "Demo dispute")
    make_user(ctx, "olga", "demo", "owner")
    token, _ = accounts.create_share_link(ctx, "demo", created_by="olga", case_number=CASE, label="Dr. Falk")
    return ctx, token


def routes(app):  # type: ignore[no-untyped-def]
    def walk(rs):  # type: ignore[no-untyped-def]
        for r in rs:
            if isinstance(r, APIRoute):
                yield r
            elif hasattr(r, "original_router"):
                yield from walk(r.original_router.routes)

    return list(walk(app.routes))


def test_the_scope_is_the_case_its_requests_and_their_messages(case_link) -> None:
    ctx, _ = case_link
    acc = accounts.access_for_share(ctx, case_link[1])
    assert acc is not None and acc.share_case_id is not None
    scope = case_scope(ctx, acc.workspace_id, acc.share_case_id)
    assert scope.case_number == CASE
    assert scope.has_evidence(IN_CASE) and scope.has_evidence("E-85")
    assert not scope.has_evidence(INTERNAL)
    assert {"SR-0001", "SR-0002", "SR-0003"} <= scope.requests


def test_a_case_link_opens_its_case_and_nothing_else(case_link) -> None:
    ctx, token = case_link
    with TestClient(create_app(ctx), follow_redirects=False) as c:
        assert c.get(f"/share/{token}").status_code == 303
        # the case, its evidence (page, original, API) and its support requests
        page = c.get(f"/cases/{CASE}")
        assert page.status_code == 200 and CASE in page.text
        assert 'method="post"' not in page.text.lower() and "hx-post" not in page.text  # no write controls
        assert c.get(f"/evidence/{IN_CASE}").status_code == 200
        assert c.get(f"/evidence/{IN_CASE}/original").status_code == 200
        assert c.get(f"/api/evidence/{IN_CASE}").json()["label"] == IN_CASE
        assert c.get("/requests/SR-0001").status_code == 200
        assert [x["number"] for x in c.get("/api/cases").json()] == [CASE]
        # the buyer's internal mail: as if it did not exist, however it is asked for
        for path in (
            f"/evidence/{INTERNAL}",
            f"/evidence/{INTERNAL}/original",
            f"/evidence/{INTERNAL}/inline",
            f"/evidence/{INTERNAL}/html",
            f"/api/evidence/{INTERNAL}",
            f"/api/evidence/{INTERNAL}/original",
            f"/contracts/{INTERNAL}",
        ):
            r = c.get(path)
            assert r.status_code == 404, (path, r.status_code)
            assert INTERNAL_TEXT not in r.text
        # whole areas of the workspace: refused
        for path in (
            "/evidence",
            "/api/evidence",
            "/api/ledger",
            "/suppliers",
            "/api/suppliers",
            "/api/payment-warnings",
            "/sla",
            "/requests",
            "/search?q=weak",
            "/api/mail/search?q=weak",
            "/threads",
            "/chronology",
            "/jobs",
            "/api/exchange-rates",
            "/documents",
            "/api/letters",
            "/api/workspaces",
        ):
            r = c.get(path)
            assert r.status_code == 403, (path, r.status_code)
            assert INTERNAL_TEXT not in r.text and "share link opens case" in r.text
        # the dashboard is the case page for such a link
        r = c.get("/")
        assert r.status_code == 303 and r.headers["location"] == f"/cases/{CASE}"


def test_every_route_of_the_app_keeps_a_case_link_inside_its_case(case_link) -> None:
    """Generated from the route table: a new route is outside the case until it is listed."""
    ctx, token = case_link
    app = create_app(ctx)
    values = {"label": INTERNAL, "number": "SR-9999", "case_id": "999", "export_id": "999"}
    with TestClient(app, follow_redirects=False) as c:
        c.get(f"/share/{token}")
        home = c.get(f"/cases/{CASE}")
        c.headers["X-CSRF-Token"] = re.search(r'"X-CSRF-Token": "([^"]+)"', home.text).group(1)  # type: ignore[union-attr]
        checked = 0
        for route in routes(app):
            if route.path in PUBLIC:
                continue
            path = re.sub(r"\{([^}]+)\}", lambda m: values.get(m.group(1), "x"), route.path)
            for method in route.methods - {"HEAD"}:
                r = c.request(method, path)
                if method != "GET":
                    assert r.status_code == 403, (method, route.path, r.status_code)  # read-only
                elif route.path == "/":
                    assert r.status_code == 303
                elif route.path in CASE_SCOPE_ROUTES and CASE_SCOPE_ROUTES[route.path] is not None:
                    assert r.status_code == 404, (route.path, r.status_code)
                elif route.path not in CASE_SCOPE_ROUTES:
                    assert r.status_code == 403, (route.path, r.status_code)
                assert INTERNAL_TEXT not in r.text, route.path
                checked += 1
        assert checked > 100


def test_a_case_link_page_shows_no_way_into_the_rest_of_the_workspace(case_link) -> None:
    ctx, token = case_link
    with TestClient(create_app(ctx)) as c:
        page = c.get(f"/share/{token}")  # follows to the case list
        assert CASE in page.text
        nav = re.search(r"<nav[^>]*>(.*?)</nav>", page.text, re.S).group(1)  # type: ignore[union-attr]
        assert re.findall(r'href="([^"]+)"', nav) == ["/cases"]


def test_every_openapi_route_with_a_case_link_returns_only_the_case_s_own_data(case_link, tmp_path) -> None:
    """The isolation run generated from the OpenAPI document, with a case link: every operation,
    asked with the case's own identifiers and with another workspace named, answers nothing but
    the case's own evidence (no other E-number in any answer), and no write."""
    from sqlalchemy import text

    from disputedesk.services.imports import import_paths

    from support import write_files

    ctx, token = case_link
    secret = "other workspace: quarterly margin"
    import_paths(ctx, "default", [write_files(tmp_path / "o", {"o.txt": secret.encode()})], actor="t")
    acc = accounts.access_for_share(ctx, token)
    assert acc is not None and acc.share_case_id is not None
    scope = case_scope(ctx, acc.workspace_id, acc.share_case_id)
    with ctx.engine.connect() as conn:
        numbers = conn.execute(
            text("SELECT number FROM evidence_items WHERE workspace_id = :w"), {"w": acc.workspace_id}
        ).scalars()
        outside = {f"E-{n:04d}" for n in numbers if n not in scope.evidence_numbers}
    assert INTERNAL in outside and IN_CASE not in outside
    app = create_app(ctx)
    spec = app.openapi()
    values = {"label": IN_CASE, "case_id": CASE, "number": "SR-0001", "contract": "x", "supplier": "x"}
    with TestClient(app, follow_redirects=False) as c:
        c.get(f"/share/{token}")
        home = c.get(f"/cases/{CASE}")
        c.headers["X-CSRF-Token"] = re.search(r'"X-CSRF-Token": "([^"]+)"', home.text).group(1)  # type: ignore[union-attr]
        checked = 0
        for path, methods in spec["paths"].items():
            if path in PUBLIC:
                continue
            filled = re.sub(r"\{([^}]+)\}", lambda m: values.get(m.group(1), "1"), path)
            for method in methods:
                for params in ({}, {"ws": "default"}):
                    r = c.request(method.upper(), filled, params=params)
                    if method != "get":
                        assert r.status_code == 403, (method, path, r.status_code)
                    assert r.status_code != 500, (method, path)
                    leaked = set(re.findall(r"\bE-\d{4}\b", r.text)) & outside
                    assert not leaked, (method, path, params, sorted(leaked)[:5])
                    assert INTERNAL_TEXT not in r.text and secret not in r.text, (method, path, params)
                    checked += 1
        assert checked > 150
        # the case's own data does come back
        assert c.get(f"/api/evidence/{IN_CASE}").status_code == 200
        assert c.get(f"/api/cases/{CASE}").status_code == 200


def test_the_case_bundle_holds_the_evidence_of_the_case_s_notes_too(case_link, tmp_path) -> None:
    """What a case link reads of the case's notes is in the case's bundle as well."""
    import json
    import zipfile

    from disputedesk.services.bundle import export_bundle

    ctx, token = case_link
    acc = accounts.access_for_share(ctx, token)
    assert acc is not None and acc.share_case_id is not None
    scope = case_scope(ctx, acc.workspace_id, acc.share_case_id)
    assert scope.has_evidence("E-0100")  # "lawyer instructed", cited by a dated note of the case
    out = tmp_path / "case.zip"
    export_bundle(ctx, "demo", out, case=CASE, actor="olga")
    with zipfile.ZipFile(out) as zf:
        items = json.loads(zf.read(next(n for n in zf.namelist() if n.endswith("data/items.json"))))["items"]
    labels = {it["label"] for it in items}
    assert "E-0100" in labels and INTERNAL not in labels
