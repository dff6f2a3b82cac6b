"""What a chat export leaves out of a message is said on the message's page, in the page's language.

The import kept these notes ("media not in the export", Telegram's "file not in the export") on the
message but no page showed them: a user reading the message saw an empty or bare line and could not
tell that the photo exists but was not exported."""

from __future__ import annotations

import json
import re


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _message_page(c, q: str, lang: str) -> str:  # type: ignore[no-untyped-def]
    hits = c.get("/api/mail/search", params={"q": q}).json()
    assert len(hits) == 1, hits
    r = c.get(f"/evidence/{hits[0]['evidence']}?lang={lang}")
    assert r.status_code == 200, r.text
    return _text(r.text)


def test_whatsapp_media_left_out_is_said_on_the_message(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("empty")
    chat = "25/12/2023, 21:04 - 王工: 现场照片发你\n25/12/2023, 21:05 - 王工: <Media omitted>\n".encode()
    r = c.post("/api/evidence", files={"files": ("chat.txt", chat, "application/octet-stream")})
    assert r.status_code == 201, r.text
    en = _message_page(c, "Media omitted", "en")
    assert "Not in the export" in en and "media not in the export: the chat was exported without media" in en, en
    zh = _message_page(c, "Media omitted", "zh")
    assert "导出中缺少" in zh and "导出中没有媒体文件：导出聊天时未包含媒体" in zh, zh
    assert "not in the export" not in zh and "exported without" not in zh
    plain = _message_page(c, "现场照片发你", "en")
    assert "Not in the export" not in plain


def test_telegram_file_left_out_is_said_on_the_message(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("empty")
    export = {
        "name": "王工",
        "type": "personal_chat",
        "id": 7,
        "messages": [
            {
                "id": 1,
                "type": "message",
                "date": "2023-12-25T21:04:00",
                "date_unixtime": "1703538240",
                "from": "王工",
                "from_id": "user7",
                "text": "合同扫描件",
            },
            {
                "id": 2,
                "type": "message",
                "date": "2023-12-25T21:05:00",
                "date_unixtime": "1703538300",
                "from": "王工",
                "from_id": "user7",
                "file": "(File not included. Change data exporting settings to download.)",
                "file_name": "contract_scan.pdf",
                "text": "签字版",
            },
        ],
    }
    body = json.dumps(export, ensure_ascii=False).encode()
    r = c.post("/api/evidence", files={"files": ("result.json", body, "application/json")})
    assert r.status_code == 201, r.text
    en = _message_page(c, "签字版", "en")
    assert "file not in the export: the export was made without files" in en, en
    zh = _message_page(c, "签字版", "zh")
    assert "导出中没有该文件：导出时未包含文件" in zh, zh
    assert "File not included" not in zh and "not in the export" not in zh


def test_unsent_message_says_so(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("empty")
    body = (
        b'{"participants": [{"name": "Wang"}, {"name": "Anna"}], "title": "Wang", "messages": ['
        b'{"sender_name": "Wang", "timestamp_ms": 1700000000000, "is_unsent": true},'
        b'{"sender_name": "Wang", "timestamp_ms": 1700000001000, "content": "price list follows"}]}'
    )
    r = c.post("/api/evidence", files={"files": ("message_1.json", body, "application/json")})
    assert r.status_code == 201, r.text
    unsent = next(o for o in r.json()["items"] if o["name"] == "message_1.json [message 1]")
    en = _text(c.get(f"/evidence/{unsent['evidence']}?lang=en").text)
    assert "unsent by its sender: the export keeps no text" in en, en
    zh = _text(c.get(f"/evidence/{unsent['evidence']}?lang=zh").text)
    assert "发送人已撤回：导出中没有其文字" in zh and "unsent" not in zh, zh
