"""A Chinese page counts repeated answers the Chinese way (quality sweep): the SLA pages named a request's fourth
answer "答复 #4" — a "#" number inside a Chinese page — while the letters already wrote 第4次答复. Demo dispute:
SR-0002 (Ruifeng, laser down after a firmware update) has several answers, each measured against the terms."""

from __future__ import annotations

import re

from pages_support import page_text

ENGINE_COUNT = re.compile(r"(答复|响应|解决|更新|进展)\s*#\d")  # "答复 #4": a deadline counted with "#"


def test_repeated_answers_are_counted_in_words_on_a_chinese_page(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("demo")
    zh = page_text(c, "/requests/SR-0002?lang=zh")
    assert "第2次答复" in zh and "第4次答复" in zh
    assert not ENGINE_COUNT.search(zh), ENGINE_COUNT.findall(zh)
    # the supplier's SLA page lists the same deadlines, and the request list names the next one
    for path in ("/sla/suppliers/ruifeng?lang=zh", "/requests?lang=zh", "/?lang=zh"):
        text = page_text(c, path)
        assert not ENGINE_COUNT.search(text), (path, ENGINE_COUNT.findall(text))
    en = page_text(c, "/requests/SR-0002?lang=en")
    assert "#4" in en and "第4次" not in en


def test_the_letter_form_names_a_supplier_by_its_chinese_name_on_a_chinese_page(client_for) -> None:  # type: ignore[no-untyped-def]
    """The documents page's "case or supplier" choice listed Ruifeng by its English name on the Chinese page,
    the only place left that did (every other page names it 深圳市锐锋激光智能装备有限公司 there)."""
    c = client_for("demo")
    zh = page_text(c, "/documents?lang=zh")
    assert "深圳市锐锋激光智能装备有限公司（ruifeng）" in zh
    assert "Shenzhen Ruifeng Laser Intelligent Equipment" not in zh
    assert "Shenzhen Ruifeng Laser Intelligent Equipment Co., Ltd. (ruifeng)" in page_text(c, "/documents?lang=en")
