"""The supplier's calendar, as a Chinese SLA page describes it, is Chinese (quality sweep).

The line read "Asia/Shanghai；周一至周五 09:00-12:00,13:00-18:00；法定日历：cn（chinese_calendar 1.11.0（已公布数据：
2004–2026年）） （第1版）": an ASCII comma between the working hours, the calendar by its code and the Python package
that carries the holiday data, and a space before the version's full-width bracket. It now names the calendar
(中国内地) and its data's version, lists the hours with the Chinese list mark and puts the version straight after.
The calendar's identifier below it is unchanged (stored results refer to it)."""

from __future__ import annotations

import re

from pages_support import visible


def _calendar(html: str) -> str:
    """The description of the supplier's calendar (the <dd> after its label), without the identifier under it."""
    dd = re.search(r"<dt>(?:供应商的工作日历|Supplier(?:'|&#39;)s calendar)</dt><dd>(.*?)<br>", html, re.S)
    assert dd, re.findall(r"<dt>.*?</dt>", html)
    return "".join(visible(dd.group(1)))


def test_the_calendar_line_is_chinese_on_the_supplier_and_request_pages(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("demo")
    zh = _calendar(c.get("/sla/suppliers/ruifeng?lang=zh").text)
    assert "周一至周五 09:00-12:00、13:00-18:00" in zh, zh
    assert "法定日历：中国内地（节假日数据版本 " in zh and "已公布数据：2004–" in zh, zh
    assert "chinese_calendar" not in zh and "：cn" not in zh and "," not in zh, zh
    assert re.search(r"年）（第1版）$", zh), zh
    en = _calendar(c.get("/sla/suppliers/ruifeng?lang=en").text)
    assert "09:00-12:00, 13:00-18:00" in en and "official: mainland China (holiday data " in en, en
    assert en.endswith(") (version 1)"), en
    request = _calendar(c.get("/requests/SR-0002?lang=zh").text)  # the request's page says it the same way
    assert "周一至周五 09:00-12:00、13:00-18:00；法定日历：中国内地（节假日数据版本 " in request, request


def test_a_deadline_still_open_is_said_in_chinese_brackets(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("demo")
    zh = " ".join(visible(c.get("/sla/suppliers/ruifeng?lang=zh").text))
    assert "分钟（没有符合条件的答复）" in zh, zh[:400]
    assert "(没有" not in zh
    en = " ".join(visible(c.get("/sla/suppliers/ruifeng?lang=en").text))
    assert " (no qualifying reply)" in en
