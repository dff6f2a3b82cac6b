"""A user who imports the supplier's mail first and records the supplier afterwards: the mail it
sent is then the supplier's (search by supplier finds it, its direction says so), as it is when
the supplier was recorded first."""

from __future__ import annotations

import re

from pages_support import supplier_mail

MAIL = supplier_mail("故障报告", "Spindle alarm 2041 again; engineer visit next week.", "fault-1")


def test_mail_imported_before_the_supplier_is_its_mail_once_recorded(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("empty")
    r = c.put(
        "/api/buyer",
        json={"name": "Brandt Metallbau GmbH", "email_domains": ["brandt.example"], "timezone": "Europe/Berlin"},
    )
    assert r.status_code == 200, r.text
    r = c.post("/api/evidence", files={"files": ("fault.eml", MAIL, "message/rfc822")})
    assert r.status_code == 201, r.text
    hit = c.get("/api/mail/search", params={"q": "spindle"}).json()
    assert [h["direction"] for h in hit] == ["other"]  # nobody known yet

    page = c.get("/suppliers?lang=en")
    csrf = re.search(r'name="csrftoken" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
    r = c.post(
        "/suppliers",
        data={"csrftoken": csrf, "name_en": "Hengtai CNC", "email_domains": "hengtai-cnc.example", "kind": "unknown"},
        follow_redirects=False,
    )
    assert r.status_code in (200, 303), r.text[:300]
    key = c.get("/api/suppliers").json()[0]["key"]

    found = c.get("/api/mail/search", params={"q": "spindle", "supplier": key}).json()
    assert len(found) == 1  # was: no hits, the message stayed "other"
    assert found[0]["direction"] == "supplier->buyer"
    page = c.get(f"/search?q=spindle&supplier={key}&lang=zh").text
    assert "供应商 → 买方" in page.split("结果")[-1]  # the hit's own line, not the filter's choices
