"""Chat exports with partial or odd data, through the API as a user uploads them:

* a WhatsApp chat of one message: its one line is the whole file, so the message was reported as
  "same bytes as E-0001: not stored twice" and no message was kept (search found nothing);
* a chat export with no messages (a CSV with only its header, Messenger's JSON with an empty
  list) was imported without a word: the report now says the file holds no messages;
* a .json file named like a chat that is not valid JSON was reported as "chat.json [s1/0]" with
  the parser's English: it is kept as a plain file and the report names the file and what is
  wrong, in the page's language, as a .msg or .eml that is not one;
* a message of only an emoji and one whose attachment is not in the export are kept;
* a Messenger message its sender unsent (who and when, no text) was refused as empty: kept as an event."""

from __future__ import annotations

import re


def _upload(c, name: str, body: bytes) -> dict:  # type: ignore[no-untyped-def,type-arg]
    r = c.post("/api/evidence", files={"files": (name, body, "application/octet-stream")})
    assert r.status_code == 201, r.text
    return r.json()


def _form(c, name: str, body: bytes, lang: str) -> str:  # type: ignore[no-untyped-def]
    r = c.post(f"/evidence/upload?lang={lang}", files={"files": (name, body, "application/octet-stream")})
    assert r.status_code == 200, r.text
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", r.text))


def test_chat_of_one_message_keeps_its_message(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("empty")
    report = _upload(c, "one.txt", "25/12/2023, 21:04 - 王工: 明天到现场\n".encode())
    assert report["failed"] == 0 and report["duplicates"] == 0, report
    hits = c.get("/api/mail/search", params={"q": "明天到现场"}).json()
    assert len(hits) == 1, report
    item = c.get(f"/api/evidence/{hits[0]['evidence']}").json()
    assert item["kind"] == "correspondence" and item["chat_app"] == "whatsapp"


def test_emoji_only_and_missing_attachment_kept(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("empty")
    chat = (
        "25/12/2023, 21:04 - 王工: 👍\n"
        "25/12/2023, 21:05 - 王工: IMG-20231225-WA0001.jpg (file attached)\n"
        "25/12/2023, 21:06 - Anna: <Media omitted>\n"
    ).encode()
    report = _upload(c, "chat.txt", chat)
    assert report["failed"] == 0 and report["imported"] == 4, report
    assert len(c.get("/api/mail/search", params={"q": "IMG-20231225-WA0001.jpg"}).json()) == 1


def test_chat_export_without_messages_says_so(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("empty")
    empty_csv = _upload(c, "wechat.csv", b"sent_at,sender,direction,text\n")
    assert empty_csv["items"][0]["reason"] == "no messages in this chat export", empty_csv
    meta = b'{"participants": [{"name": "Anna"}], "messages": [], "title": "x", "timestamp_ms": 1, "sender_name": "x"}'
    empty_meta = _upload(c, "message_1.json", meta)
    assert empty_meta["items"][0]["reason"] == "no messages in this chat export", empty_meta
    zh = _form(c, "wechat2.csv", b"sent_at,sender,text\n", "zh")
    assert "没有消息" in zh and "no messages" not in zh, zh


def test_json_that_is_not_json_kept_as_a_plain_file(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("empty")
    report = _upload(c, "chat.json", b'{"sent_at": "2024-01-01", "sender": "x", oops')
    assert report["failed"] == 0, report
    (only,) = report["items"]
    assert only["name"] == "chat.json" and only["status"] == "imported"
    assert only["reason"].startswith("kept as a plain file, not read as mail: not valid JSON"), only
    zh = _form(c, "chat2.json", b'{"sent_at": "x", "sender": 1', "zh")
    assert "不是有效的 JSON" in zh and "s1/0" not in zh and "not valid" not in zh, zh


def test_message_unsent_in_messenger_kept_as_an_event(client_for) -> None:  # type: ignore[no-untyped-def]
    """Messenger keeps who unsent a message and when, not its text: it was refused as empty."""
    c = client_for("empty")
    body = (
        b'{"participants": [{"name": "Wang"}, {"name": "Anna"}], "title": "Wang", "messages": ['
        b'{"sender_name": "Wang", "timestamp_ms": 1700000000000, "is_unsent": true},'
        b'{"sender_name": "Wang", "timestamp_ms": 1700000001000, "content": "price list follows"}]}'
    )
    report = _upload(c, "message_1.json", body)
    assert report["failed"] == 0 and report["imported"] == 3, report
    unsent = next(o for o in report["items"] if o["name"] == "message_1.json [message 1]")
    assert unsent["status"] == "imported"
    item = c.get(f"/api/evidence/{unsent['evidence']}").json()
    assert item["kind"] == "correspondence" and item["document_date"].startswith("2023-11-14T22:13:20")
