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
        assert re.search(r"cn/中国内地节假日数据 [\d.]+（已公布数据：\d{4}–\d{4}年）/" + digest, zh), url
        assert "chinese_calendar" not in zh  # the data by what it holds, not by the Python package's name
        assert "(版本" not in zh and re.search(r"（第\d+版）|条款第\d+版", zh)  # the request's: "…的条款第1版"
        en = " ".join(visible(c.get(f"{url}?lang=en").text))
        assert re.search(r"cn/mainland China holiday data [\d.]+ \(published data \d{4}–\d{4}\)/" + digest, en)
        assert re.search(r"\(version \d+\)|version \d+ of the terms", en)


def test_a_countrys_calendar_is_named_by_the_country_not_the_package(client_for) -> None:  # type: ignore[no-untyped-def]
    """A supplier working to German public holidays: its calendar line and identifier name Germany
    and the data's version in the page's language, never the Python package ("holidays 0.58 (DE)")."""
    from disputedesk.services.sla.calendars import get_calendar, set_calendar

    c = client_for("demo")
    ctx = c.app.state.ctx
    spec = {**get_calendar(ctx, "default", "hengtuo").spec, "official": "de"}
    stored = set_calendar(ctx, "default", "hengtuo", spec, actor="test").calendar_version
    assert stored.startswith("de/holidays ")  # the identifier itself is not rewritten
    digest = stored.rsplit("/", 1)[1]
    zh = " ".join(visible(c.get("/sla/suppliers/hengtuo?lang=zh").text))
    assert "法定日历：德国公众假日（节假日数据版本 " in zh, zh
    assert re.search(r"de/德国公众假日数据 [\d.]+/" + digest, zh), zh
    assert "holidays" not in zh.lower(), zh
    en = " ".join(visible(c.get("/sla/suppliers/hengtuo?lang=en").text))
    assert "official: public holidays of Germany (holiday data " in en, en
    assert re.search(r"de/public holidays of Germany, data [\d.]+/" + digest, en), en
