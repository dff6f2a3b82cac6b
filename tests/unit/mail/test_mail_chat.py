"""WhatsApp exports (compared with chat-miner's target.json) and the CSV/JSON chat layout."""

from __future__ import annotations

import json
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from disputedesk.ingest.mail import parse_path
from disputedesk.ingest.mediatypes import detect_source_type as detect_media_type

from .conftest import FIXTURES

WA = FIXTURES / "chat-miner" / "whatsapp"


@pytest.mark.parametrize("path", sorted(WA.glob("*.txt")), ids=lambda p: p.name)
def test_whatsapp_locales_match_chat_miner_target(path: Path) -> None:
    assert detect_media_type(path) == "text/x-whatsapp-export"
    target = json.loads((WA / "target.json").read_text(encoding="utf-8"))
    items = list(parse_path(path))
    assert items[0].kind == "container" and items[0].raw == path.read_bytes()
    msgs = [i.message for i in items if i.kind == "message" and not i.message.system]
    # chat-miner's target leaves out "John Doe:." (a message that is only "."); we keep it
    assert [m.text_body for m in msgs].count(".") == 1
    msgs = [m for m in msgs if m.text_body != "."]
    got = [
        {
            "timestamp": m.date.replace(tzinfo=None).isoformat(),
            "author": m.from_.name,
            # target.json joins continuation lines with a space
            "message": m.text_body.replace("\n", " "),
        }
        for m in reversed(msgs)
    ]
    assert got == target
    system = [i.message.text_body for i in items if i.message and i.message.system]
    assert 'created group "Groupname"' in system[0] and system[1:] == ["You were added"]  # "John Doe:." is no event
    multi = [i for i in items if i.message and "consectetur" in i.message.text_body][0]
    assert multi.location.startswith("lines ") and multi.raw.count(b"\n") == 2


def test_whatsapp_time_zone_applied(tmp_path: Path) -> None:
    p = tmp_path / "chat.txt"
    p.write_text("25/12/2023, 21:04 - 王工: 明天到现场\n26/12/2023, 08:00 - Anna: OK\n", encoding="utf-8")
    items = list(parse_path(p, tz=ZoneInfo("Asia/Shanghai")))
    first = items[1].message
    assert first.from_.name == "王工" and first.text_body == "明天到现场"
    assert first.date.isoformat() == "2023-12-25T13:04:00+00:00"
    assert not first.errors


CSV = (
    "sent_at,sender,direction,text,attachment,channel\n"
    "2024-03-05T09:12:00+08:00,Li Wei (supplier),in,设备已经发货,packing-list.pdf,wechat\n"
    '2024-03-05T10:00:00+08:00,Anna,out,"Thanks.\nWhen will the engineer come?",,wechat\n'
    "2024-03-05 11:00,Anna,out,no offset,,wechat\n"
)


def test_chat_csv_layout(tmp_path: Path) -> None:
    p = tmp_path / "wechat.csv"
    p.write_text(CSV, encoding="utf-8")
    items = list(parse_path(p))
    assert items[0].kind == "container"
    m1, m2, bad = items[1], items[2], items[3]
    assert m1.message.channel == "wechat" and m1.message.text_body == "设备已经发货"
    assert m1.message.direction_hint == "in"
    assert m1.message.date.isoformat() == "2024-03-05T01:12:00+00:00"
    assert m1.message.attachments[0].filename == "packing-list.pdf"
    assert m2.message.text_body == "Thanks.\nWhen will the engineer come?"
    assert m2.location == "lines 3-4"
    assert bad.kind == "rejected" and "no UTC offset" in bad.reason and "line 5" in bad.reason


def test_chat_csv_missing_column_named(tmp_path: Path) -> None:
    p = tmp_path / "bad.csv"
    p.write_text("when,who,what\n2024-01-01T00:00:00Z,a,b\n", encoding="utf-8")
    items = list(parse_path(p))
    assert items[-1].kind == "rejected" and "sent_at" in items[-1].reason


def test_chat_json_layout(tmp_path: Path) -> None:
    p = tmp_path / "chat.json"
    data = {
        "channel": "wechat",
        "messages": [
            {"sent_at": "2024-03-05T09:12:00+08:00", "sender": "Li Wei", "text": "合同第七条", "direction": "收"},
            {"sent_at": "2024-03-05T09:13:00Z", "sender": "Anna", "text": ""},
        ],
    }
    p.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    items = list(parse_path(p))
    assert items[1].message.channel == "wechat" and items[1].message.direction_hint == "in"
    assert items[2].kind == "rejected" and "empty" in items[2].reason
