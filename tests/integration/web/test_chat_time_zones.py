"""WhatsApp writes the phone's local time with no zone. The exporter's zone can be stated at import
(web form, API, CLI); without it the company's zone is assumed, and without that UTC — and the
message's page says which zone was used and whether it was stated or assumed, in English and
Chinese. Times read as UTC before the company's zone was recorded are read again in it once it
is (a ledger entry lists them); stated times never move, and times read in the company's zone
are not shifted a second time when a supplier is added."""

from __future__ import annotations

import re
from pathlib import Path

CHAT = "25/12/2023, 21:04 - 王工: 明天到现场\n26/12/2023, 08:00 - Anna: OK\n".encode()


def _import(c, name: str = "chat.txt", body: bytes = CHAT, **form: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    r = c.post("/api/evidence", files={"files": (name, body, "text/plain")}, data=form)
    assert r.status_code == 201, r.text
    return {o["name"]: o["evidence"] for o in r.json()["items"]}


def _first(c, labels: dict[str, str]) -> dict:  # type: ignore[no-untyped-def,type-arg]
    return c.get(f"/api/evidence/{labels['chat.txt [message 1]']}").json()


def _page_text(c, label: str, lang: str) -> str:  # type: ignore[no-untyped-def]
    return re.sub(r"<[^>]+>", " ", c.get(f"/evidence/{label}?lang={lang}").text)


def test_zone_stated_at_import(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("empty")
    labels = _import(c, chat_time_zone="Asia/Shanghai")
    first = _first(c, labels)
    assert first["document_date"].startswith("2023-12-25T13:04:00")  # 21:04 in Shanghai
    assert first["time_reading"] == {
        "zone": "Asia/Shanghai",
        "basis": "stated",
        "date_order_assumed": None,
        "date_order_basis": None,
    }
    en = _page_text(c, first["label"], "en")
    assert "Asia/Shanghai" in en and "stated at import" in en
    zh = _page_text(c, first["label"], "zh")
    assert "Asia/Shanghai" in zh and "导入时注明" in zh and "stated" not in zh


def test_no_zone_known_read_as_utc_and_flagged_then_read_again_in_company_zone(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("empty")
    labels = _import(c)
    first = _first(c, labels)
    assert first["document_date"].startswith("2023-12-25T21:04:00")
    assert first["time_reading"]["basis"] == "none" and first["time_reading"]["zone"] == "UTC"
    en = _page_text(c, first["label"], "en")
    assert "read as UTC" in en and "time zone" in en.lower()
    zh = _page_text(c, first["label"], "zh")
    assert "按 UTC 读取" in zh

    other = CHAT.replace("明天到现场".encode(), "明天上午到现场".encode())  # other bytes: not the same items
    stated = _import(c, "stated.txt", other, chat_time_zone="Asia/Shanghai")
    r = c.put("/api/buyer", json={"name": "Brandt GmbH", "timezone": "Europe/Berlin"})
    assert r.status_code == 200, r.text
    first = _first(c, labels)
    assert first["document_date"].startswith("2023-12-25T20:04:00")  # 21:04 in Berlin
    assert first["time_reading"]["basis"] == "company" and first["time_reading"]["zone"] == "Europe/Berlin"
    en = _page_text(c, first["label"], "en")
    assert "Europe/Berlin" in en and "assumed" in en
    assert "假定" in _page_text(c, first["label"], "zh")
    kept = c.get(f"/api/evidence/{stated['stated.txt [message 1]']}").json()
    assert kept["document_date"].startswith("2023-12-25T13:04:00")  # stated: never moved
    mails = c.get("/api/mail/search", params={"q": "到现场"}).json()
    assert {m["sent_at"][:19] for m in mails} == {"2023-12-25T20:04:00", "2023-12-25T13:04:00"}
    reread = [e for e in c.get("/api/ledger").json() if e["action"] == "messages.times_reread"]
    assert len(reread) == 1 and reread[0]["payload"]["zone"] == "Europe/Berlin"
    assert first["label"] in reread[0]["payload"]["messages"]
    assert stated["stated.txt [message 1]"] not in reread[0]["payload"]["messages"]

    # the company moves its office: times assumed in its zone follow, stated ones do not
    c.put("/api/buyer", json={"timezone": "Asia/Shanghai"})
    assert _first(c, labels)["document_date"].startswith("2023-12-25T13:04:00")
    # adding a supplier re-reads directions, not times a second time
    r = c.post("/api/suppliers", json={"name_en": "Hengtai", "email_domains": ["hengtai.cn"]})
    assert r.status_code in (200, 201), r.text
    assert _first(c, labels)["document_date"].startswith("2023-12-25T13:04:00")


def test_company_zone_assumed_when_none_stated_and_not_shifted_twice(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("empty")
    assert c.put("/api/buyer", json={"name": "Brandt GmbH", "timezone": "Europe/Berlin"}).status_code == 200
    labels = _import(c)
    first = _first(c, labels)
    assert first["document_date"].startswith("2023-12-25T20:04:00")
    assert first["time_reading"]["basis"] == "company"
    r = c.post("/api/suppliers", json={"name_en": "Hengtai", "email_domains": ["hengtai.cn"]})
    assert r.status_code in (200, 201), r.text
    assert _first(c, labels)["document_date"].startswith("2023-12-25T20:04:00")  # was shifted again


def test_unknown_zone_refused_naming_the_field(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("empty")
    r = c.post("/api/evidence", files={"files": ("chat.txt", CHAT, "text/plain")}, data={"chat_time_zone": "Mars/Base"})
    assert r.status_code == 422 and r.json()["field"] == "chat_time_zone", r.text
    assert "Mars/Base" in r.json()["error"]
    assert c.get("/api/evidence").json()["total"] == 0  # nothing stored
    form = c.get("/evidence?lang=zh").text
    assert 'name="chat_time_zone"' in form and "聊天记录的时区" in form


def test_cli_states_the_zone(settings, cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "chat.txt").write_bytes(CHAT)
    bad = cli("import", "--chat-time-zone", "Mars/Base", str(tmp_path / "chat.txt"))
    assert bad.exit_code == 2 and "Mars/Base" in bad.output
    ok = cli("import", "--chat-time-zone", "Asia/Shanghai", "--json", str(tmp_path / "chat.txt"))
    assert ok.exit_code == 0, ok.output
    assert cli("evidence", "list").exit_code == 0
    from disputedesk.services.context import Context
    from disputedesk.services.evidence import get_evidence

    ctx = Context.open(settings)
    try:
        v = get_evidence(ctx, "default", "E-0002")
        assert v.document_date is not None and v.document_date.isoformat().startswith("2023-12-25T13:04:00")
    finally:
        ctx.close()
