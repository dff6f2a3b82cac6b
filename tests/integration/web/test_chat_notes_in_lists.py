"""What a chat export left out of a message ("media not in the export", Telegram's "file not in the
export", an unsent message) was said on the message's page only: the thread and the chronology
listed the same message as a bare "<Media omitted>" line. They now flag it as the message's page
does, in the page's language."""

from __future__ import annotations

import re

CHAT = "25/12/2023, 21:04 - 王工: 现场照片发你\n25/12/2023, 21:05 - 王工: <Media omitted>\n".encode()


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_thread_and_chronology_flag_the_media_left_out(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("empty")
    r = c.post("/api/evidence", files={"files": ("chat.txt", CHAT, "application/octet-stream")})
    assert r.status_code == 201, r.text
    [hit] = c.get("/api/mail/search", params={"q": "Media omitted"}).json()
    thread = c.get("/api/mail/threads").json()[0]["thread"]
    for path in ("/chronology", f"/threads/{thread}"):
        en = _text(c.get(f"{path}?lang=en").text)
        assert en.count("media not in the export: the chat was exported without media") == 1, (path, en[-2000:])
        zh = _text(c.get(f"{path}?lang=zh").text)
        assert zh.count("导出中没有媒体文件：导出聊天时未包含媒体") == 1, (path, zh[-2000:])
        assert "not in the export" not in zh
    # the message's own page still says it
    assert "media not in the export" in _text(c.get(f"/evidence/{hit['evidence']}?lang=en").text)
