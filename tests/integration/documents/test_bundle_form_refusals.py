"""The bundle form refuses on its own page: evidence numbers typed while "all evidence" (or a
case) is chosen, a bad number, nothing to bundle. The message stands beside the field it names,
in the page's language, and the form comes back with what was chosen and typed; no export starts."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from pages_support import foreign_sentences, visible

from disputedesk.services import bundle as bundles
from disputedesk.web.app import create_app

from support import make_user, sign_in


def _form(html: str) -> str:
    found = re.search(r'<form method="post" action="/documents/bundles" .*?</form>', html, re.S)
    assert found, html[-1500:]
    return found.group(0)


def _beside(form: str, name: str) -> str:
    """The message shown with the field ``name`` (the alert right after its label)."""
    found = re.search(rf'name="{name}".*?</label>\s*<p class="flash error" role="alert"[^>]*>(.*?)</p>', form, re.S)
    assert found, form
    return " ".join(visible(found.group(1)))


def _refused(c: TestClient, data: dict[str, str]) -> str:
    r = c.post("/documents/bundles", data=data, follow_redirects=False)
    assert r.status_code == 400, (r.status_code, r.headers.get("location"))
    assert "Page not found" not in r.text and "无法处理该请求" not in r.text  # not the generic error page
    return r.text


def test_numbers_typed_with_all_evidence_chosen_are_refused_beside_the_field(sqlite_ctx) -> None:  # type: ignore[no-untyped-def]
    from disputedesk.services.imports import import_paths

    ctx = sqlite_ctx
    folder = ctx.settings.data_dir / "in"
    folder.mkdir()
    (folder / "note.txt").write_text("The seller shall respond within 24 hours.", encoding="utf-8")
    import_paths(ctx, "default", [folder], actor="test")
    make_user(ctx, "anna", "default", "owner")
    with TestClient(create_app(ctx)) as c:
        sign_in(c, "anna")
        c.get("/lang/zh")
        html = _refused(c, {"scope": "all", "items": "E-0001"})
        form = _form(html)
        said = _beside(form, "items")
        assert "选定证据的编号：" in said and "选定的证据（在下方列出）" in said and "包含内容" in said, said
        assert foreign_sentences(html) == [], foreign_sentences(html)
        assert 'value="E-0001"' in form and re.search(r'<option value="all"[^>]* selected', form), form
        # a bad number with the selection chosen: said beside the numbers, the selection kept
        form = _form(_refused(c, {"scope": "selection", "items": "E-0001, E-9999"}))
        assert "E-9999" in _beside(form, "items") and 'value="E-0001, E-9999"' in form
        said = _beside(_form(_refused(c, {"scope": "selection", "items": "E-0001, 坏"})), "items")
        assert "“坏”不是有效的证据编号" in said, said  # the typed value in Chinese quotation marks
        assert re.search(r'<option value="selection"[^>]* selected', form), form
        c.get("/lang/en")
        form = _form(_refused(c, {"scope": "all", "items": "E-0001"}))
        said = _beside(form, "items")
        assert "items: evidence numbers are used only with 'A selection (list below)'" in said, said
        form = _form(_refused(c, {"scope": "selection", "items": ""}))
        assert "list the evidence numbers to include" in _beside(form, "items")
        form = _form(_refused(c, {"scope": "CASE-1999-9", "items": ""}))
        assert "case 'CASE-1999-9' does not exist in this workspace" in _beside(form, "scope")
    assert bundles.list_exports(ctx, "default") == []


def test_nothing_to_bundle_is_said_before_an_export_starts(sqlite_ctx) -> None:  # type: ignore[no-untyped-def]
    """An empty workspace, or a case with no evidence linked to it: a bundle of 0 items was built
    (and the case's note about it never shown); now the form says so beside "What to include"."""
    ctx = sqlite_ctx
    make_user(ctx, "anna", "default", "owner")
    with TestClient(create_app(ctx)) as c:
        sign_in(c, "anna")
        c.get("/lang/zh")
        html = _refused(c, {"scope": "all", "items": ""})
        said = _beside(_form(html), "scope")
        assert "包含内容：" in said and "本工作区还没有证据" in said, said
        assert foreign_sentences(html) == []
        c.get("/lang/en")
        said = _beside(_form(_refused(c, {"scope": "all", "items": ""})), "scope")
        assert "the workspace has no evidence yet" in said, said
        api = c.post("/api/bundles", json={"all": True})
        assert api.status_code == 400 and "no evidence yet" in api.json()["error"], api.text
    assert bundles.list_exports(ctx, "default") == []


def test_a_case_without_evidence_is_refused_naming_the_case(sqlite_ctx) -> None:  # type: ignore[no-untyped-def]
    from disputedesk.services import cases
    from disputedesk.services.records import request_models as m
    from disputedesk.services.records import requests as reqs

    from records_fixtures import seed_parties

    ctx = sqlite_ctx
    seed_parties(ctx)
    sr = reqs.open_request(
        ctx, "default", m.OpenRequest(supplier="jinhua", title="Spindle alarm", opened_at="2026-11-02T10:00+01:00"),
        actor="test",
    )  # fmt: skip
    data = {
        "title": "Spindle down",
        "supplier": "jinhua",
        "issues": ["no_or_slow_support"],
        "support_requests": [sr.number],
    }
    case = cases.get_case(ctx, "default", cases.open_case(ctx, "default", data, actor="test"))
    make_user(ctx, "anna", "default", "owner")
    with TestClient(create_app(ctx)) as c:
        sign_in(c, "anna")
        c.get("/lang/zh")
        html = _refused(c, {"scope": case.number, "items": ""})
        form = _form(html)
        said = _beside(form, "scope")
        assert case.number in said and "尚未关联任何证据" in said, said
        assert re.search(rf'<option value="{case.number}"[^>]* selected', form), form
        c.get("/lang/en")
        said = _beside(_form(_refused(c, {"scope": case.number, "items": ""})), "scope")
        assert f"case {case.number} has no evidence linked to it yet" in said, said
    assert bundles.list_exports(ctx, "default") == []
