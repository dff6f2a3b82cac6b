"""A refused time on a support request is shown in the zone the user typed it in, with the zone named, in the
page's language (quality sweep). Logging a workaround before the request was opened was refused with two UTC ISO
times ("2020-09-01T08:00:00+00:00 is before the request was opened (2026-03-16T08:20:00+00:00)") although the user
had typed 10:00 Berlin time; a Chinese page showed the same ISO text. The JSON API names the moments with their UTC
offset in the caller's language (since 5 Dec 2026: refusals through the API read as the pages write them).
Demo dispute (Hengtuo)."""

from __future__ import annotations

from html import unescape

from pages_support import open_request

ISO = "T08:00:00+00:00"


def _refused(c, number: str, lang: str, **fields: str) -> str:  # type: ignore[no-untyped-def]
    form = {**fields, "csrftoken": c.headers["X-CSRF-Token"]}
    r = c.post(f"/requests/{number}/event?lang={lang}", data=form, follow_redirects=False)
    assert r.status_code == 422, r.text[-800:]
    start = r.text.index('id="manage-error">') + len('id="manage-error">')
    return unescape(r.text[start : r.text.index("</p>", start)])


def test_an_event_before_the_opening_is_refused_in_the_users_zone(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("demo")
    number = open_request(c, "hengtuo", "Coolant pump noise", "high", "2026-03-16T08:20:00Z")
    typed = {"kind": "workaround", "at": "2020-09-01T10:00", "tz": "Europe/Berlin", "ref": "note 7"}
    en = _refused(c, number, "en", **typed)
    assert en.endswith(
        "1 Sept 2020, 10:00 (Europe/Berlin) is before the request was opened, on 16 Mar 2026, 09:20 (Europe/Berlin)"
    ), en
    zh = _refused(c, number, "zh", **typed)
    assert "2020年9月1日 10:00（Europe/Berlin）早于请求的提出时间，即2026年3月16日 09:20（Europe/Berlin）" in zh, zh
    assert ISO not in en and ISO not in zh and "before" not in zh
    # the API names the moments exactly, with their UTC offset, in the caller's language (this client last chose
    # Chinese), as the pages write dates; its JSON keeps the field's key
    r = c.post(f"/api/sla/requests/{number}/close", json={"at": "2020-09-01T10:00:00+02:00"})
    assert r.status_code == 422 and r.json()["field"] == "at", r.text
    said = r.json()["error"]
    assert "2020年9月1日 08:00（UTC+00:00）早于请求的提出时间，即2026年3月16日 08:20（UTC+00:00）" in said, said
