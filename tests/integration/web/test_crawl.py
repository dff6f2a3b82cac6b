"""A person clicking through the app: every page reachable from the navigation renders, in
English and in Chinese, on an empty workspace, on a workspace with one new supplier and nothing
else, and on the demo dispute (SQLite and PostgreSQL).

What a person must never meet: a server error, raw JSON instead of a page, Python's ``None`` or a
dict, a stored code (``supplier.created``, ``payment_proof``) where words belong. Error pages
(404) are HTML with the navigation, in the user's language; the API keeps JSON.

In Chinese, no English interface text: every interface string the pages ask the catalogue for has
its Chinese form, and no page shows English prose outside the user's own words (marked
``class="own"`` / ``lang="en"``) and quoted originals (``<pre>``, ``<code>``). Names ("Shenzhen
Ruifeng Laser Co., Ltd."), numbers and codes (USCC, IBAN, E-0001, SR-0002) are not prose. Not even
one English word or stored code (``warranty_period``, ``payment_warning.raised``, "draft") where
the interface writes (pages_support.foreign_words; its allow-list is three names).
"""

from __future__ import annotations

import re
import time

import pytest
from fastapi.testclient import TestClient
from pages_support import ascii_colons, bad_brackets, crawl, foreign_sentences, foreign_words, leaks, visible

from disputedesk.web.deps import UNTRANSLATED

# Search results are reached by typing, not by a link: English and Chinese words, one that finds nothing.
SEARCHES = ("/search?q=laser", "/search?q=%E6%95%85%E9%9A%9C", "/search?q=nothing-matches", "/evidence?q=contract")


@pytest.mark.parametrize("workspace_setup", ["empty", "one supplier", "demo"])
def test_every_page_renders_for_a_person(client_for, ctx, workspace_setup: str) -> None:  # type: ignore[no-untyped-def]
    client = client_for(workspace_setup)
    if workspace_setup == "demo":
        _export_a_bundle(ctx)  # so the jobs list, a job's page and a bundle's page have something to show
    for lang in ("en", "zh"):
        client.get(f"/lang/{lang}")
        UNTRANSLATED.clear()
        pages = crawl(client, also=SEARCHES)
        if lang == "zh":
            # Every interface string these pages asked the catalogue for has its Chinese form.
            assert UNTRANSLATED == {}, sorted(UNTRANSLATED.items())
            # …and no page writes English sentences around the user's own (marked) words.
            english = {path: found for path, html in pages.items() if (found := foreign_sentences(html))}
            assert english == {}, english
            # …nor a single English word or a stored code the interface wrote ("draft",
            # "warranty_period", "payment_warning.raised"): names, units, marked data and <code> aside
            words = {path: sorted(set(found)) for path, html in pages.items() if (found := foreign_words(html))}
            assert words == {}, words
            # …and Chinese punctuation after a label: 清晰度评分：83, not 清晰度评分: 83
            colons = {path: found for path, html in pages.items() if (found := ascii_colons(html))}
            assert colons == {}, colons
            # …and brackets as Chinese writes them: 订单PO-2025-318（€297,000.00）, 快递（EMS）, never with a space
            # before them ("合同 （HG-…）") nor ASCII ones next to Chinese ("快递 (EMS)")
            brackets = {path: found for path, html in pages.items() if (found := bad_brackets(html))}
            assert brackets == {}, brackets
        # The navigation's own pages are all there.
        nav = re.findall(r'<nav aria-label="[^"]+">(.*?)</nav>', pages["/"], re.S)[0]
        for href in re.findall(r'href="(/[^"]*)"', nav):
            assert href in pages, (lang, href)
        if workspace_setup != "empty":
            assert any(p.startswith("/sla/suppliers/") for p in pages), sorted(pages)
        if workspace_setup == "demo":
            for kind in ("/jobs/", "/documents/bundles/"):
                assert any(p.startswith(kind) for p in pages), (kind, sorted(pages))
        assert leaks(pages) == [], lang


def _export_a_bundle(ctx) -> None:  # type: ignore[no-untyped-def]
    from disputedesk.services import jobs
    from disputedesk.services.bundle.background import start_export
    from disputedesk.services.workspaces import get_workspace_by_slug

    start_export(ctx, "default", case=None, labels=["E-0001", "E-0002"], actor="owner")
    ws_id = get_workspace_by_slug(ctx, "default").id
    deadline = time.monotonic() + 120
    while any(j.status in ("queued", "running") for j in jobs.list_jobs(ctx, ws_id)):
        assert time.monotonic() < deadline, "the bundle export did not finish"
        time.sleep(0.2)
    assert [j.status for j in jobs.list_jobs(ctx, ws_id)] == ["done"]


def test_a_new_supplier_without_sla_data_has_its_sla_pages(client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("one supplier")
    key = "shenzhen-ruifeng-laser"
    overview = client.get("/sla?lang=en")
    assert overview.status_code == 200, overview.text[:500]
    assert f'href="/sla/suppliers/{key}"' in overview.text
    page = client.get(f"/sla/suppliers/{key}")
    assert page.status_code == 200, page.text[:500]
    text = " ".join(visible(page.text))
    assert "Compliance —" in text and "Requests 0" in text
    api = client.get(f"/api/sla/report?supplier={key}")
    assert api.status_code == 200, api.text
    overall = api.json()["suppliers"][0]["overall"]
    assert overall["requests"] == 0 and overall["compliance_rate"] is None and overall["breached"] == 0


def test_error_pages_are_pages_in_the_users_language(client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("empty")
    r = client.get("/no-such-page?lang=en")
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
    text = " ".join(visible(r.text))
    assert "Page not found" in text and "Use the navigation above" in text
    assert 'href="/evidence"' in r.text and "Sign out" in text  # the app's navigation, signed in
    assert "detail" not in r.text and '{"' not in text

    # A record that does not exist: its name is shown whole (not cut at a quote).
    r = client.get("/evidence/E-9999")
    assert r.status_code == 404
    assert "E-9999 does not exist in workspace 'default'" in " ".join(visible(r.text))

    zh = client.get("/no-such-page?lang=zh")
    assert zh.status_code == 404
    text = " ".join(visible(zh.text))
    assert "页面不存在" in text and "请使用上方的导航" in text
    assert "Page not found" not in text
    zh = client.get("/evidence/E-9999?lang=zh")
    assert "E-9999 在工作区“default”中不存在" in " ".join(visible(zh.text))  # the record named, in Chinese

    # The API keeps JSON.
    api = client.get("/api/no-such-endpoint")
    assert api.status_code == 404 and api.headers["content-type"].startswith("application/json")
    assert api.json() == {"error": "Not Found"}
    # Signed out: still a page, offering to sign in.
    anon = TestClient(client.app, raise_server_exceptions=False)
    r = anon.get("/no-such-page?lang=zh")
    assert r.status_code == 404 and "登录" in " ".join(visible(r.text))
