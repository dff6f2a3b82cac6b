"""A Signal Desktop export (signal-export's text: "[2019-12-24, 12:23] Jane Doe: Hello") was read as
WhatsApp's: its messages were recorded as sent by WhatsApp, which a case's ladder and letters then
repeat. It is now told apart by its own line shape and recorded and shown as Signal; a WhatsApp
export stays WhatsApp. chat-miner's Signal sample (fixtures/mail/chat-miner, MIT)."""

from __future__ import annotations

import re
from pathlib import Path

CM = Path(__file__).resolve().parents[2] / "fixtures" / "mail" / "chat-miner"


def _upload(c, name: str, body: bytes) -> dict[str, str]:  # type: ignore[no-untyped-def]
    r = c.post("/api/evidence", files={"files": (name, body, "text/plain")}, data={"chat_time_zone": "Europe/Berlin"})
    assert r.status_code == 201, r.text
    assert r.json()["failed"] == 0, r.text
    return {o["name"]: o["evidence"] for o in r.json()["items"]}


def _text(c, label: str, lang: str) -> str:  # type: ignore[no-untyped-def]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", c.get(f"/evidence/{label}?lang={lang}").text))


def test_signal_export_recorded_and_shown_as_signal(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("empty")
    labels = _upload(c, "signal.txt", (CM / "signal" / "test_export.txt").read_bytes())
    second = labels["signal.txt [message 2]"]
    assert len(c.get("/api/mail/search", params={"q": "Hello"}).json()) == 2
    item = c.get(f"/api/evidence/{second}").json()
    assert item["chat_app"] == "signal"
    # signal-export writes the computer's local time: read in the zone stated, and said so
    assert item["document_date"].startswith("2020-01-17T20:49:00")
    assert item["time_reading"]["zone"] == "Europe/Berlin"
    en = _text(c, second, "en")
    assert "Chat app Signal" in en and "WhatsApp" not in en
    zh = _text(c, second, "zh")
    assert "聊天应用 Signal" in zh and "WhatsApp" not in zh
    # the export itself says what it was read as
    assert "Signal" in _text(c, labels["signal.txt"], "en")


def test_whatsapp_export_stays_whatsapp(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("empty")
    labels = _upload(c, "chat.txt", (CM / "whatsapp" / "test_[mmddyy]_24hrs.txt").read_bytes())
    item = c.get(f"/api/evidence/{labels['chat.txt [message 1]']}").json()
    assert item["chat_app"] == "whatsapp"
    assert "Chat app WhatsApp" in _text(c, item["label"], "en")
