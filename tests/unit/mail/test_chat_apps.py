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
