"""Every page renders for a signed-in owner on the demo dispute (SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from disputedesk.web.app import create_app

from support import demo_loaded, make_user, sign_in


@pytest.fixture
def demo_client(ctx):  # type: ignore[no-untyped-def]
    demo_loaded(ctx, "demo", "Demo dispute")
    make_user(ctx, "owner", "demo", "owner")
    with TestClient(create_app(ctx)) as c:
        sign_in(c, "owner")
        yield c


def test_demo_pages_render(demo_client) -> None:
    c = demo_client
    for path in (
        "/",
        "/suppliers",
        "/evidence",
        "/evidence?kind=correspondence",
        "/cases",
        "/access",
        "/evidence/E-0001",
        "/evidence?q=firmware",
        "/evidence?lang=zh",
        "/?lang=zh",
    ):
        r = c.get(path)
        assert r.status_code == 200, (path, r.text[:500])
    dash = c.get("/?lang=en").text
    assert "suppliers" in dash and "evidence items" in dash
    sup = c.get("/suppliers").text
    first_key = sup.split('href="/suppliers/')[1].split('"')[0]
    page = c.get(f"/suppliers/{first_key}")
    assert page.status_code == 200 and "USCC" in page.text
