"""A chat export whose dates never show which comes first (03/04: 3 April or 4 March?) was read day
first, and nothing let the user say otherwise; importing the same file again was answered "same
bytes as E-0001: not stored twice" whatever the user meant, so a second reading was lost without a
word. Now the order can be chosen at import (form, API ``chat_date_order``, CLI
``--chat-date-order``); the same file again is still stored once, and the answer says how it was
read and how to read it the other way; importing it again with the other order reads the stored
messages' dates again (a ledger entry on the export lists them), in English and Chinese."""

from __future__ import annotations

import re
from pathlib import Path

CHAT = "03/04/2024, 09:00 - 王工: 主轴报警 2041\n05/04/2024, 10:00 - Anna: OK\n".encode()


def _import(c, body: bytes = CHAT, name: str = "chat.txt", **form: str) -> dict:  # type: ignore[no-untyped-def,type-arg]
    r = c.post("/api/evidence", files={"files": (name, body, "text/plain")}, data=form)
    assert r.status_code == 201, r.text
    assert r.json()["failed"] == 0, r.text
    return {o["name"]: o for o in r.json()["items"]}


def _first(c) -> dict:  # type: ignore[no-untyped-def,type-arg]
    return c.get("/api/evidence/E-0002").json()


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_same_export_again_with_the_other_order_is_read_again_not_stored_twice(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("empty")
    first = _import(c)
    assert first["chat.txt"]["evidence"] == "E-0001"
    assert _first(c)["document_date"].startswith("2024-04-03T09:00")  # day first, assumed
    assert "read as day/month" in _text(c.get("/evidence/E-0002?lang=en").text)

    # the same file, nothing chosen: stored once, and the answer says how it was read and what to do
    again = _import(c)["chat.txt"]
    assert again["status"] == "duplicate" and again["evidence"] == "E-0001"
    assert "read as day/month" in again["reason"] and "choosing month/day" in again["reason"], again
    assert _first(c)["document_date"].startswith("2024-04-03T09:00")

    # the same file, month first chosen: still stored once, its messages' dates read again
    other = _import(c, chat_date_order="mdy")
    assert other["chat.txt"]["status"] == "duplicate"
    assert "read again as month/day" in other["chat.txt"]["reason"], other["chat.txt"]
    assert c.get("/api/evidence").json()["total"] == 3  # the export and its two messages, once
    item = _first(c)
    assert item["document_date"].startswith("2024-03-04T09:00")
    assert item["time_reading"]["date_order_assumed"] == "mdy"
    en = _text(c.get("/evidence/E-0002?lang=en").text)
    assert "read as month/day, as chosen at import" in en
    zh = _text(c.get("/evidence/E-0002?lang=zh").text)
    assert "按“月/日”读取（导入时选择）" in zh and "month" not in zh
    hits = c.get("/api/mail/search", params={"q": "主轴报警"}).json()
    assert hits[0]["sent_at"].startswith("2024-03-04T09:00")
    reread = [e for e in c.get("/api/ledger").json() if e["action"] == "messages.dates_reread"]
    assert len(reread) == 1 and reread[0]["payload"]["order"] == "mdy"
    assert reread[0]["payload"]["messages"] == ["E-0002", "E-0003"]
    assert "聊天日期已按导入时选择的顺序重新读取" in c.get("/evidence/E-0001?lang=zh").text

    # the answer on the Chinese form, when it is chosen again: already read so, nothing changes
    r = c.post("/evidence/upload?lang=zh", files={"files": ("chat.txt", CHAT, "text/plain")},
               data={"chat_date_order": "mdy"})  # fmt: skip
    page = _text(r.text)
    assert "按“月/日”读取" in page and "not stored" not in page, page
    assert len([e for e in c.get("/api/ledger").json() if e["action"] == "messages.dates_reread"]) == 1


def test_order_chosen_for_a_new_export_and_a_file_that_shows_its_order(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("empty")
    _import(c, chat_date_order="mdy")
    item = _first(c)
    assert item["document_date"].startswith("2024-03-04T09:00")
    assert "read as month/day, as chosen at import" in _text(c.get("/evidence/E-0002?lang=en").text)
    # a file that shows its order (25/12) is read so, whatever was chosen, and the answer says so
    shows = "25/12/2023, 21:04 - 王工: 明天到现场\n26/12/2023, 08:00 - Anna: OK\n".encode()
    _import(c, shows, "shows.txt")
    again = _import(c, shows, "shows.txt", chat_date_order="mdy")["shows.txt"]
    assert again["status"] == "duplicate" and "the file shows its day/month order" in again["reason"], again


def test_unknown_order_refused_naming_the_field(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("empty")
    r = c.post("/api/evidence", files={"files": ("chat.txt", CHAT, "text/plain")}, data={"chat_date_order": "ymd"})
    assert r.status_code == 422 and r.json()["field"] == "chat_date_order", r.text
    assert c.get("/api/evidence").json()["total"] == 0
    form = c.get("/evidence?lang=zh").text
    assert 'name="chat_date_order"' in form and "日月顺序" in form


def test_cli_chooses_the_order(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "chat.txt").write_bytes(CHAT)
    bad = cli("import", "--chat-date-order", "ymd", str(tmp_path / "chat.txt"))
    assert bad.exit_code == 2 and "--chat-date-order" in bad.output
    assert cli("import", str(tmp_path / "chat.txt")).exit_code == 0
    again = cli("import", "--chat-date-order", "mdy", str(tmp_path / "chat.txt"))
    assert again.exit_code == 0, again.output
    assert "read again as month/day" in " ".join(again.output.split()), again.output
