"""The calendar's version on the SLA pages is an identifier the product writes (the official calendar's code, its
data package and the years of published holiday data, a digest of the settings): on a Chinese page its words are
Chinese, as the calendar's description beside it already was ("cn/chinese_calendar 1.11.0 (published data
2004–2026)/a410d87dcc03" stood under "已公布数据"), and the version numbers of calendar and terms read as Chinese
(quality sweep). The stored identifier and the JSON are unchanged. Demo dispute."""

from __future__ import annotations

import re

from pages_support import visible


def test_the_calendar_id_and_versions_read_in_the_pages_language(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("demo")
    stored = c.get("/api/sla/calendars/hengtuo").json()["calendar_version"]
    assert "(published data" in stored  # the identifier itself is not rewritten
    digest = stored.rsplit("/", 1)[1]
    for url in ("/sla/suppliers/hengtuo", "/requests/SR-0004"):
        zh = " ".join(visible(c.get(f"{url}?lang=zh").text))
        assert "published data" not in zh and digest in zh
        assert re.search(r"cn/chinese_calendar [\d.]+（已公布数据：\d{4}–\d{4}年）/" + digest, zh), url
        assert "(版本" not in zh and re.search(r"（第\d+版）|条款第\d+版", zh)  # the request's: "…的条款第1版"
        en = " ".join(visible(c.get(f"{url}?lang=en").text))
        assert re.search(r"cn/chinese_calendar [\d.]+ \(published data \d{4}–\d{4}\)/" + digest, en)
        assert re.search(r"\(version \d+\)|version \d+ of the terms", en)
