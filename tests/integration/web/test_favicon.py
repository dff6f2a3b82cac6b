"""Every page's icon: the browser's /favicon.ico request gets the app's icon, signed in or not
(it was a 404 on every page), and pages point to the SVG form."""

from __future__ import annotations

from fastapi.testclient import TestClient

from disputedesk.web.app import create_app


def test_favicon_is_served_on_every_page(client_for, ctx) -> None:  # type: ignore[no-untyped-def]
    c = client_for("empty")
    page = c.get("/")
    assert '<link rel="icon" href="/static/favicon.svg"' in page.text
    svg = c.get("/static/favicon.svg")
    assert svg.status_code == 200 and svg.text.startswith("<svg")
    with TestClient(create_app(ctx)) as anonymous:  # the sign-in page asks for it too
        r = anonymous.get("/favicon.ico")
    assert r.status_code == 200 and r.headers["content-type"] == "image/x-icon"
    assert r.content[:4] == b"\x00\x00\x01\x00"  # an ICO file (one 32×32 PNG image)
