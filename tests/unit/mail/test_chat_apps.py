"""Instagram / Messenger exports: Chinese text escaped byte by byte by Meta is read back as
written, and a photo sent without words is kept by its file (it was refused as empty); chat-miner's
Instagram sample still reads as its target."""

from __future__ import annotations

import json

from disputedesk.ingest.mail import parse_path

from .conftest import FIXTURES


def _meta_escaped(text: str) -> str:
    return text.encode("utf-8").decode("latin-1")  # what Meta writes for non-ASCII text


def test_meta_export_chinese_and_photo(tmp_path) -> None:  # type: ignore[no-untyped-def]
    data = {
        "participants": [{"name": _meta_escaped("王工")}, {"name": "Anna"}],
        "messages": [
            {"sender_name": _meta_escaped("王工"), "timestamp_ms": 1772504100000,
             "content": _meta_escaped("主轴报警 2041，café")},
            {"sender_name": "Anna", "timestamp_ms": 1772504200000,
             "photos": [{"uri": "messages/inbox/wang_1/photos/spindle.jpg", "creation_timestamp": 1772504200}]},
        ],
    }  # fmt: skip
    p = tmp_path / "message_1.json"
    p.write_text(json.dumps(data), encoding="utf-8")  # ASCII with \u00e4-style escapes, as Meta writes it
    items = [i for i in parse_path(p) if i.kind != "container"]
    assert [i.kind for i in items] == ["message", "message"]
    first, photo = items[0].message, items[1].message
    assert first.from_.name == "王工" and first.text_body == "主轴报警 2041，café"
    assert [a.filename for a in photo.attachments] == ["messages/inbox/wang_1/photos/spindle.jpg"]


def test_chat_miner_instagram_sample() -> None:
    path = FIXTURES / "chat-miner" / "instagram" / "test_export.json"
    target = json.loads((FIXTURES / "chat-miner" / "instagram" / "target.json").read_text(encoding="utf-8"))
    msgs = [i.message for i in parse_path(path) if i.kind == "message"]
    got = [
        {"timestamp": m.date.replace(tzinfo=None).isoformat(), "author": m.from_.name, "message": m.text_body}
        for m in msgs
    ]
    assert got == target


OLD_TELEGRAM = {  # Telegram Desktop before 2021: "date" in the exporting computer's local time, no epoch
    "name": "王工",
    "type": "personal_chat",
    "id": 11,
    "messages": [
        {"id": 1, "type": "message", "date": "2020-03-03T10:15:00", "from": "王工", "from_id": 11,
         "text": "主轴报警 2041"},
    ],
}  # fmt: skip


def test_old_telegram_export_read_in_the_stated_zone_or_flagged(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from zoneinfo import ZoneInfo

    from disputedesk.ingest.mediatypes import detect_source_type

    p = tmp_path / "result.json"
    p.write_text(json.dumps(OLD_TELEGRAM, ensure_ascii=False), encoding="utf-8")
    assert detect_source_type(p) == "application/json"
    (item,) = [i for i in parse_path(p, tz=ZoneInfo("Asia/Shanghai")) if i.kind != "container"]
    m = item.message
    assert item.kind == "message" and m.from_.name == "王工" and m.channel == "telegram"
    assert m.date.isoformat() == "2020-03-03T02:15:00+00:00" and m.date_source == "export-local-time"
    assert not m.errors
    (item,) = [i for i in parse_path(p) if i.kind != "container"]  # was: refused, "no UTC offset"
    assert item.message.date.isoformat() == "2020-03-03T10:15:00+00:00"
    assert any("time zone unknown" in e for e in item.message.errors)


def test_signal_text_export_told_apart_from_whatsapp() -> None:
    from disputedesk.ingest.mail.chat import chat_app, iter_whatsapp_items

    signal = "[2019-12-24, 12:23] Jane Doe: Hello John!\n[2020-01-17, 21:49] John Doe: Hello\nJane!\n"
    assert chat_app(signal) == "signal"
    items = [i for i in iter_whatsapp_items(signal.encode(), source="s.txt") if i.message]
    assert [i.message.channel for i in items] == ["signal", "signal"]
    assert items[1].message.text_body == "Hello\nJane!"
    # WhatsApp's bracketed lines (iOS) carry seconds, also with a year-first date; Android's have none
    assert chat_app("[2019-12-24, 12:23:45] Jane Doe: Hello\n") == "whatsapp"
    assert chat_app("[24/12/2019, 12:23:45] Jane Doe: Hello\n") == "whatsapp"
    assert chat_app("2019-12-24, 12:23 - Jane Doe: Hello\n") == "whatsapp"
    assert chat_app("[2019-12-24, 12:23] Jane Doe: Hi\n[24/12/2019, 12:24:01] Jane Doe: Hi\n") == "whatsapp"
