"""A WhatsApp export imported without its zone is read as UTC (or in the company's zone, assumed).
Importing the same file again stating the exporter's zone was answered "same bytes as E-0001: not
stored twice" and the zone was dropped without a word, so the times stayed wrong. Now the stored
messages' times are read again in the zone stated (one ledger entry lists them), and the answer
says so, in English and Chinese; the file is still stored once."""

from __future__ import annotations

import re

CHAT = "25/12/2023, 21:04 - 王工: 明天到现场\n26/12/2023, 08:00 - Anna: OK\n".encode()


def _import(c, **form: str) -> dict:  # type: ignore[no-untyped-def,type-arg]
    r = c.post("/api/evidence", files={"files": ("chat.txt", CHAT, "text/plain")}, data=form)
    assert r.status_code == 201, r.text
    return {o["name"]: o for o in r.json()["items"]}


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_same_export_again_with_its_zone_stated_reads_its_times_again(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("empty")
    first = _import(c)
    label = first["chat.txt [message 1]"]["evidence"]
    assert c.get(f"/api/evidence/{label}").json()["document_date"].startswith("2023-12-25T21:04:00")  # as UTC

    again = _import(c, chat_time_zone="Asia/Shanghai")["chat.txt"]
    assert again["status"] == "duplicate" and again["evidence"] == "E-0001", again
    assert (
        "its times were read again in Asia/Shanghai, as stated (2 messages; they were read in UTC)" in (again["reason"])
    ), again
    item = c.get(f"/api/evidence/{label}").json()
    assert item["document_date"].startswith("2023-12-25T13:04:00")  # 21:04 in Shanghai
    assert item["time_reading"]["zone"] == "Asia/Shanghai" and item["time_reading"]["basis"] == "stated"
    assert c.get("/api/evidence").json()["total"] == 3  # the export and its two messages, once
    hits = c.get("/api/mail/search", params={"q": "明天到现场"}).json()
    assert hits[0]["sent_at"].startswith("2023-12-25T13:04")
    restated = [e for e in c.get("/api/ledger").json() if e["action"] == "messages.times_restated"]
    assert len(restated) == 1 and restated[0]["payload"]["zone"] == "Asia/Shanghai", restated
    assert restated[0]["payload"]["was"] == ["UTC"] and label in restated[0]["payload"]["messages"]
    zh = _text(c.get(f"/evidence/{label}?lang=zh").text)
    assert "Asia/Shanghai" in zh and "导入时注明" in zh
    assert "聊天时间已按导入时注明的时区重新读取" in c.get("/evidence/E-0001?lang=zh").text

    # the same zone again: nothing moves, and the Chinese form says it is already read so
    r = c.post("/evidence/upload?lang=zh", files={"files": ("chat.txt", CHAT, "text/plain")},
               data={"chat_time_zone": "Asia/Shanghai"})  # fmt: skip
    page = _text(r.text)
    assert "其时间已按 Asia/Shanghai 读取" in page and "not stored" not in page, page[-1500:]
    assert c.get(f"/api/evidence/{label}").json()["document_date"].startswith("2023-12-25T13:04:00")
    assert len([e for e in c.get("/api/ledger").json() if e["action"] == "messages.times_restated"]) == 1


def test_a_zone_stated_again_is_said_with_the_date_order_answer(client_for) -> None:  # type: ignore[no-untyped-def]
    """Both chosen again: the zone's sentence, then the day/month order's."""
    c = client_for("empty")
    two_ways = "03/04/2024, 09:00 - 王工: 主轴报警 2041\n05/04/2024, 10:00 - Anna: OK\n".encode()
    r = c.post("/api/evidence", files={"files": ("chat.txt", two_ways, "text/plain")})
    assert r.status_code == 201, r.text
    r = c.post(
        "/api/evidence",
        files={"files": ("chat.txt", two_ways, "text/plain")},
        data={"chat_time_zone": "Europe/Berlin", "chat_date_order": "mdy"},
    )
    reason = {o["name"]: o for o in r.json()["items"]}["chat.txt"]["reason"]
    assert "read again in Europe/Berlin, as stated" in reason and "read again as month/day" in reason, reason
    hits = c.get("/api/mail/search", params={"q": "主轴报警"}).json()
    assert hits[0]["sent_at"].startswith("2024-03-04T08:00")  # 4 March 09:00 in Berlin (CET)
