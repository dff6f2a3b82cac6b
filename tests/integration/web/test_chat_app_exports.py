"""Chat exports as the apps write them: Telegram's "Export chat history" (JSON) and Instagram's /
Messenger's message JSON. Each message becomes an item a person can find by its words, with its
sender and the moment it was sent (the apps write it as a UTC epoch, so no zone is guessed)."""

from __future__ import annotations

import json

TELEGRAM = {
    "name": "Hengtai service",
    "type": "personal_chat",
    "messages": [
        {"id": 1, "type": "message", "date": "2026-03-03T10:15:00", "date_unixtime": "1772504100",
         "from": "Wang Fang", "from_id": "user1", "text": "主轴报警 2041 又出现了"},
        {"id": 2, "type": "message", "date": "2026-03-03T10:20:00", "date_unixtime": "1772504400",
         "from": "Anna Brandt", "from_id": "user2",
         "text": ["Please send the ", {"type": "bold", "text": "engineer"}, " this week"]},
    ],
}  # fmt: skip
INSTAGRAM = {
    "participants": [{"name": "Wang Fang"}, {"name": "Anna Brandt"}],
    "messages": [{"sender_name": "Wang Fang", "timestamp_ms": 1772504100000, "content": "spindle replaced tomorrow"}],
}


def test_telegram_and_instagram_exports_become_messages(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("empty")
    for name, data in (("result.json", TELEGRAM), ("message_1.json", INSTAGRAM)):
        body = json.dumps(data, ensure_ascii=False).encode()
        r = c.post("/api/evidence", files={"files": (name, body, "application/json")})
        assert r.status_code == 201, r.text

    hits = c.get("/api/mail/search", params={"q": "主轴报警"}).json()
    assert len(hits) == 1  # was: no hits, the export was one opaque file
    assert hits[0]["sent_at"].startswith("2026-03-03T02:15:00")  # 10:15 in Shenzhen, from the epoch
    assert len(c.get("/api/mail/search", params={"q": "engineer"}).json()) == 1  # formatted text read too
    assert len(c.get("/api/mail/search", params={"q": "spindle replaced"}).json()) == 1
    page = c.get(f"/evidence/{hits[0]['evidence']}?lang=en").text
    assert "Wang Fang" in page
