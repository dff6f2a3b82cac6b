"""A person who may only read (a viewer, or counsel through a share link) is not offered forms
that would be refused: the evidence page says why there is no upload."""

from __future__ import annotations

from fastapi.testclient import TestClient
from pages_support import visible

from disputedesk.web.app import create_app

from support import make_user, sign_in


def test_a_viewer_gets_no_upload_form_and_is_told_why(ctx) -> None:  # type: ignore[no-untyped-def]
    make_user(ctx, "reader", "default", "viewer")
    with TestClient(create_app(ctx)) as c:
        sign_in(c, "reader")
        page = c.get("/evidence?lang=en").text
        assert 'id="upload-form"' not in page and 'id="imap-form"' not in page
        assert "lets you read the evidence, not add to it" in " ".join(visible(page))
        # And the refusal itself, for a request made anyway, is a message, never silence.
        r = c.post(
            "/evidence/imap", data={"url": "imaps://a@b.example/X", "password": "x"}, headers={"HX-Request": "true"}
        )
        assert r.status_code == 403 and 'class="flash error"' in r.text
