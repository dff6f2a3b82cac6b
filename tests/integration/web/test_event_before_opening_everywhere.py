"""An SLA event dated before its request was opened is refused on every path, with the same field and words
(issue 19). The request's page refused it ("at: … is before the request was opened, on …"), but
``POST /api/sla/requests/{number}/events`` and ``disputedesk sla event`` stored it, and the clock then ran
from a pause or a resolution that came before the question. Demo dispute (Hengtuo)."""

from __future__ import annotations

from html import unescape

from pages_support import open_request

OPENED = "2026-03-16T08:20:00Z"


def test_the_api_refuses_an_event_before_the_opening_as_the_page_does(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("demo")
    number = open_request(c, "hengtuo", "Coolant pump noise", "high", OPENED)
    # the page (as before): the user's zone, the page's language
    form = {"kind": "workaround", "at": "2026-03-16T08:00", "tz": "Europe/Berlin"}
    form["csrftoken"] = c.headers["X-CSRF-Token"]
    page = c.post(f"/requests/{number}/event?lang=zh", data=form, follow_redirects=False)
    assert page.status_code == 422
    assert "时间：2026年3月16日 08:00（Europe/Berlin）早于请求的提出时间" in unescape(page.text), page.text[-600:]
    # the API: the same field and sentence in the caller's language (this client chose Chinese), the moments with
    # their UTC offset
    for kind in ("waiting_for_buyer_start", "resolved", "workaround"):
        r = c.post(f"/api/sla/requests/{number}/events", json={"kind": kind, "at": "2026-03-16T08:00:00+01:00"})
        assert r.status_code == 422, (kind, r.text)
        body = r.json()
        assert body["field"] == "at", body
        assert body["error"] == (
            "时间：2026年3月16日 07:00（UTC+00:00）早于请求的提出时间，即2026年3月16日 08:20（UTC+00:00）"
        ), body
    # nothing was stored: the request's timeline has no event
    assert [t for t in c.get(f"/api/sla/requests/{number}").json()["timeline"] if t["kind"] == "event"] == []
    # at the opening itself, or later: accepted
    r = c.post(f"/api/sla/requests/{number}/events", json={"kind": "workaround", "at": "2026-03-16T09:20:00+01:00"})
    assert r.status_code == 201, r.text


def test_the_command_line_refuses_it_too(client_for, cli) -> None:  # type: ignore[no-untyped-def]
    c = client_for("demo")
    number = open_request(c, "hengtuo", "Coolant pump noise", "high", OPENED)
    r = cli("sla", "event", number, "waiting_for_buyer_start", "2026-03-15T10:00+08:00", "--workspace", "default")
    assert r.exit_code == 2, r.output
    assert "at: 2026-03-15T02:00:00+00:00 is before the request was opened, on 2026-03-16T08:20:00+00:00" in r.output
    r = cli("sla", "event", number, "waiting_for_buyer_start", "2026-03-17T10:00+08:00", "--workspace", "default")
    assert r.exit_code == 0, r.output
