"""The escalation matrix on a weekend: "answered from" names the zone of the time it shows (the
viewer's), beside the supplier's own time the sentence below gives."""

from __future__ import annotations

from datetime import UTC, datetime

from pages_support import visible


def test_answered_from_names_the_viewers_zone(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("one supplier")
    ctx = c.app.state.ctx
    ctx.clock = lambda: datetime(2026, 12, 5, 10, 0, tzinfo=UTC)  # a Saturday
    key = c.get("/api/suppliers").json()[0]["key"]
    contact = {
        "name": "Li Wei",
        "level": "service_manager",
        "channels": [
            {
                "channel": "phone",
                "address": "+86 755 1234 5678",
                "start": "09:00",
                "end": "18:00",
                "tz": "Asia/Shanghai",
            }
        ],
    }
    r = c.post(f"/api/suppliers/{key}/contacts", json=contact)
    assert r.status_code == 201, r.text
    c.cookies.set("tz", "Europe/Berlin")
    text = " ".join(visible(c.get(f"/suppliers/{key}?lang=zh").text.split('id="contacts"')[1]))
    # Monday 09:00 in Shenzhen is 02:00 in Berlin: said with its zone, not as a bare "02:00:00"
    assert "答复时间自 2026年12月7日 02:00:00（Europe/Berlin）" in text, text[:600]
