"""Telegram's "Export Telegram data" (the whole account: result.json with a list of chats) was
refused ("expected a list of messages") or, behind a long contact list, kept as one opaque file:
no message found by search. Each chat is now its own item ("result.json [chat 2: 王工]") with its
messages as its parts; photos without a caption, service events and deleted accounts' messages
are kept too. chat-miner's batch sample and a fuller account export as Telegram Desktop writes it."""

from __future__ import annotations

import json
import re
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "mail" / "chat-miner"


def _msg(n: int, when: int, **fields: object) -> dict[str, object]:
    return {"id": n, "type": "message", "date": "2026-03-03T10:15:00", "date_unixtime": str(when), **fields}


ACCOUNT = {
    "about": "Here is the data you requested. Remember: Telegram is ad free, it doesn't collect your data.",
    "personal_information": {"user_id": 1, "first_name": "Anna", "last_name": "Brandt", "phone_number": "+49 1"},
    "contacts": {
        "about": "This is your contact list.",
        "list": [
            {"first_name": f"Contact {i}", "last_name": "", "phone_number": f"+86 1{i:09d}",
             "date": "2025-01-01T10:00:00", "date_unixtime": "1735725600"}
            for i in range(200)
        ],
    },
    "chats": {
        "about": "This page lists all chats from this export.",
        "list": [
            {"name": "王工 Hengtai", "type": "personal_chat", "id": 11, "messages": [
                _msg(1, 1772504100, **{"from": "王工 Hengtai", "from_id": "user11", "text": "主轴报警 2041 又出现了"}),
                _msg(2, 1772504200, **{"from": "王工 Hengtai", "from_id": "user11", "text": "",
                                       "photo": "photos/photo_2@03-03-2026_10-16-40.jpg", "width": 1280}),
                _msg(3, 1772504300, **{"from": None, "from_id": "user99", "text": "deleted account wrote this"}),
            ]},
            {"type": "saved_messages", "id": 1, "messages": [
                _msg(4, 1772504400, **{"from": "Anna Brandt", "from_id": "user1", "text": "call Hengtai"}),
            ]},
            {"name": "Hengtai service group", "type": "private_group", "id": 12, "messages": [
                {"id": 5, "type": "service", "date": "2026-03-03T10:00:00", "date_unixtime": "1772503200",
                 "actor": "Anna Brandt", "actor_id": "user1", "action": "create_group", "title": "Hengtai", "text": ""},
                _msg(6, 1772504500, **{"from": "Li Na", "from_id": "user12", "text": "",
                                       "file": "files/manual.pdf", "mime_type": "application/pdf"}),
            ]},
        ],
    },
}  # fmt: skip


def _text(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


def _upload(c, name: str, body: bytes) -> dict[str, str]:  # type: ignore[no-untyped-def]
    r = c.post("/api/evidence", files={"files": (name, body, "application/json")})
    assert r.status_code == 201, r.text
    report = r.json()
    assert report["failed"] == 0, report
    return {o["name"]: o["evidence"] for o in report["items"]}


def test_whole_account_export_one_item_per_chat(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("empty")
    body = json.dumps(ACCOUNT, ensure_ascii=False, indent=1).encode()
    assert body.find(b'"from"') > 8192  # the contact list comes first, as in a real export
    labels = _upload(c, "result.json", body)
    chats = {n: lab for n, lab in labels.items() if " [chat " in n and ", message " not in n}
    assert list(chats) == [
        "result.json [chat 1: 王工 Hengtai]",
        "result.json [chat 2]",
        "result.json [chat 3: Hengtai service group]",
    ]
    messages = [n for n in labels if ", message " in n]
    # every message kept (the photo, the deleted account's, the event), each chat's counted from 1
    # under the chat's name, as in a chat exported alone (they were numbered 1 to 6 across the file)
    assert messages == [
        "result.json [chat 1: 王工 Hengtai, message 1]",
        "result.json [chat 1: 王工 Hengtai, message 2]",
        "result.json [chat 1: 王工 Hengtai, message 3]",
        "result.json [chat 2, message 1]",
        "result.json [chat 3: Hengtai service group, message 1]",
        "result.json [chat 3: Hengtai service group, message 2]",
    ]
    third = labels["result.json [chat 3: Hengtai service group, message 1]"]
    assert "第3个对话：Hengtai service group，第1条消息" in _text(c.get(f"/evidence/{third}?lang=zh").text)
    assert "chat 3: Hengtai service group, message 1" in _text(c.get(f"/evidence/{third}?lang=en").text)

    first_chat = c.get(f"/api/evidence/{chats['result.json [chat 1: 王工 Hengtai]']}").json()
    assert first_chat["parent"] == labels["result.json"]
    hits = c.get("/api/mail/search", params={"q": "主轴报警"}).json()
    assert len(hits) == 1
    assert c.get(f"/api/evidence/{hits[0]['evidence']}").json()["parent"] == first_chat["label"]
    assert hits[0]["sent_at"].startswith("2026-03-03T02:15:00")
    assert len(c.get("/api/mail/search", params={"q": "deleted account wrote"}).json()) == 1
    assert len(c.get("/api/mail/search", params={"q": "photo_2"}).json()) == 1  # the photo's name
    assert len(c.get("/api/mail/search", params={"q": "manual.pdf"}).json()) == 1

    page = c.get(f"/evidence/{labels['result.json']}?lang=zh").text
    assert "第1个对话" in page and "[chat" not in page and "王工 Hengtai" in page
    page = c.get(f"/evidence/{labels['result.json']}?lang=en").text
    assert "chat 3" in page


def test_chat_miner_batch_and_single_exports(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("empty")
    batch = _upload(c, "result.json", (FIXTURES / "telegram" / "test_batch_export.json").read_bytes())
    assert "result.json [chat 1: Chatname]" in batch
    assert [n for n in batch if ", message " in n] == [
        "result.json [chat 1: Chatname, message 1]",
        "result.json [chat 1: Chatname, message 2]",
    ]
    single = _upload(c, "single.json", (FIXTURES / "telegram" / "test_single_export.json").read_bytes())
    # the same two messages as in the batch export: the same bytes, stored once
    assert sum(1 for n in single if " [message " in n) == 2
    hits = c.get("/api/mail/search", params={"q": "Minimal Message"}).json()
    assert len(hits) == 1 and hits[0]["sent_at"].startswith("2018-12-05T10:39:10")


def test_telegram_export_from_before_2021_in_local_time(client_for) -> None:  # type: ignore[no-untyped-def]
    """Telegram Desktop wrote only "date" (the computer's local time) before 2021: it was kept as an
    opaque file; now read in the zone stated at import, and the page says so."""
    c = client_for("empty")
    old = {"name": "王工", "type": "personal_chat", "id": 11, "messages": [
        {"id": 1, "type": "message", "date": "2020-03-03T10:15:00", "from": "王工", "from_id": 11, "text": "主轴报警"},
    ]}  # fmt: skip
    body = json.dumps(old, ensure_ascii=False).encode()
    r = c.post("/api/evidence", files={"files": ("result.json", body, "application/json")},
               data={"chat_time_zone": "Asia/Shanghai"})  # fmt: skip
    assert r.status_code == 201 and r.json()["failed"] == 0, r.text
    hits = c.get("/api/mail/search", params={"q": "主轴报警"}).json()
    assert len(hits) == 1 and hits[0]["sent_at"].startswith("2020-03-03T02:15:00")
    item = c.get(f"/api/evidence/{hits[0]['evidence']}").json()
    assert item["time_reading"]["zone"] == "Asia/Shanghai" and item["time_reading"]["basis"] == "stated"
