"""Text longer than a field takes is refused with a message naming the field and its limit, in
the page's language, the form coming back with what was typed; nothing is stored (before, an
API-token name of 5001 characters was stored whole on SQLite and failed on PostgreSQL)."""

from __future__ import annotations

import json
import re

from pages_support import foreign_sentences, visible

LONG = "导" * 5001


def posted(html: str) -> dict[str, str]:
    """The values the page puts back into the form (base.html's posted-form)."""
    found = re.search(r'<script type="application/json" id="posted-form">(.*?)</script>', html, re.S)
    assert found, "the form is not filled again"
    return json.loads(found.group(1))["values"]


def test_an_api_token_name_too_long_is_refused_and_kept_on_the_form(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("empty")
    c.get("/lang/zh")
    r = c.post("/access/token", data={"name": LONG})
    text = " ".join(visible(r.text))
    assert r.status_code == 400 and "名称：超过 200 个字符" in text and foreign_sentences(r.text) == []
    assert posted(r.text)["name"] == LONG
    c.get("/lang/en")
    r = c.post("/access/token", data={"name": LONG})
    assert r.status_code == 400 and "name: longer than 200 characters" in r.text
    assert "ddt_" not in r.text and LONG not in " ".join(visible(r.text))  # no token made, none listed
    r = c.post("/access/token", data={"name": "x" * 200}, follow_redirects=True)
    assert r.status_code == 200 and "x" * 200 in r.text


def test_an_upload_description_too_long_is_refused_and_no_file_is_stored(client_for) -> None:  # type: ignore[no-untyped-def]
    """The form caps the description at 2000 characters; a longer one posted anyway (a script, the
    API) was stored whole. Now refused naming the field; the page's form is left as it was (htmx
    answers with the message only), and nothing is stored."""
    c = client_for("empty")
    c.get("/lang/zh")
    upload = [("files", ("note.txt", b"the laser stopped"))]
    r = c.post("/evidence/upload", files=upload, data={"description": LONG}, headers={"HX-Request": "true"})
    assert r.status_code == 400 and "说明：超过 2000 个字符" in r.text and foreign_sentences(r.text) == []
    api = c.post("/api/evidence", files=upload, data={"description": LONG})
    # the API answers in the language this client chose, naming the field by its label; "field" keeps the key
    assert api.status_code == 400 and api.json()["error"] == "说明：超过 2000 个字符", api.text
    assert c.get("/api/evidence").json()["items"] == []
    ok = c.post("/api/evidence", files=upload, data={"description": "x" * 2000})
    assert ok.status_code == 201
