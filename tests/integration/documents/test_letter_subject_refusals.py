"""The letter form sent without anyone to write to, or naming a case or supplier the workspace does
not have (a stale page, a plain POST): the documents page comes back with the reason in its
language, never the generic "nothing at this address" page; the CLI and the API say the same."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from fastapi.testclient import TestClient
from pages_support import alert, foreign_sentences, visible

from disputedesk.services import letters as svc
from disputedesk.web.app import create_app

from records_fixtures import seed_parties
from support import make_user, sign_in

LETTER = {"kind": "demand", "lang": "both", "format": "pdf", "layout": "side-by-side"}


@contextmanager
def _in_chinese(ctx, user: str, role: str, parties: bool = True) -> Iterator[TestClient]:  # type: ignore[no-untyped-def]
    """A browser of ``user`` (``role`` in the workspace, with a buyer and a supplier when ``parties``), on zh pages."""
    if parties:
        seed_parties(ctx)
    make_user(ctx, user, "default", role)
    with TestClient(create_app(ctx)) as c:
        sign_in(c, user)
        c.get("/lang/zh")
        yield c


def test_a_letter_with_no_one_to_write_to_is_refused_on_the_documents_page(sqlite_ctx) -> None:  # type: ignore[no-untyped-def]
    ctx = sqlite_ctx
    with _in_chinese(ctx, "anna", "owner", parties=False) as c:
        r = c.post("/documents/letters", data=LETTER)
        assert r.status_code == 404 and "此地址下没有找到内容" not in r.text, r.text[-1500:]
        assert "本工作区既没有案件也没有供应商" in alert(r.text) and foreign_sentences(r.text) == []
        assert "起草函件" in " ".join(visible(r.text))  # the documents page, not the error page
        preview = c.post("/documents/letters/preview", data=LETTER, headers={"HX-Request": "true"})
        assert "本工作区既没有案件也没有供应商" in preview.text, preview.text
        c.get("/lang/en")
        r = c.post("/documents/letters", data=LETTER)
        assert "the workspace has neither a case nor a supplier to write to" in alert(r.text)
    assert svc.list_letters(ctx, "default") == []


def test_a_case_or_supplier_the_workspace_does_not_have_is_named(sqlite_ctx) -> None:  # type: ignore[no-untyped-def]
    ctx = sqlite_ctx
    with _in_chinese(ctx, "anna", "owner") as c:
        r = c.post("/documents/letters", data={**LETTER, "case": "CASE-1999-009"})
        said = alert(r.text)
        assert r.status_code == 404, r.text[-1500:]
        assert "案件：“CASE-1999-009”既不是本工作区的案件，也不是本工作区的供应商" in said, said
        assert 'id="letter-form"' in r.text and foreign_sentences(r.text) == []
        c.get("/lang/en")
        r = c.post("/documents/letters", data={**LETTER, "case": "nobody"})
        assert "case: &#39;nobody&#39; is neither a case nor a supplier of this workspace" in alert(r.text)
    assert svc.list_letters(ctx, "default") == []


def test_a_viewer_is_told_on_the_page_that_letters_are_not_theirs_to_draft(sqlite_ctx) -> None:  # type: ignore[no-untyped-def]
    """The letter form was shown to a viewer, whose "Create" then met a bare 403 page; the bundle
    page already said "Your role may not export bundles." instead of its form. Now both do."""
    with _in_chinese(sqlite_ctx, "vic", "viewer") as c:
        page = c.get("/documents").text
        assert 'id="letter-form"' not in page and "您的角色无权起草函件。" in " ".join(visible(page))
        c.get("/lang/en")
        assert "Your role may not draft letters." in " ".join(visible(c.get("/documents").text))
